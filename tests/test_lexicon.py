"""The lexicon: word classes from data/lexicon/*.tsv, and a user's directory over them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire import lexicon
from eventwire.cli import cli
from eventwire.errors import ResourceError
from eventwire.lexicon import Lexicon, current, lexicon_cache, mapping, use_lexicon, words

SRC = Path(__file__).resolve().parents[1] / "src" / "eventwire"


@pytest.fixture(autouse=True)
def _shipped_lexicon() -> Iterator[None]:
    yield
    use_lexicon(None)  # no test leaves an override behind


def test_every_shipped_class_loads_with_words() -> None:
    lex = Lexicon()
    assert lex.classes
    for name, cls in lex.classes.items():
        assert cls.rows, f"[{name}] is empty"
        assert cls.description, f"[{name}] has no description"


def test_every_shipped_class_is_read_by_the_code() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    quoted = set(re.findall(r"\"([a-z0-9_]+)\"", code))
    unused = sorted(set(Lexicon().classes) - quoted)
    assert not unused, f"word classes no code reads: {unused}"


def test_a_word_set_reads_the_lexicon_in_use(tmp_path: Path) -> None:
    nouns = words("message_noun")
    assert "statement" in nouns and "missile" not in nouns
    (tmp_path / "mine.tsv").write_text("[message_noun] my own\nmissile\n", encoding="utf-8")
    use_lexicon(tmp_path)
    assert "missile" in nouns and "statement" not in nouns  # bound before, read now
    assert list(nouns) == ["missile"] and len(nouns) == 1
    use_lexicon(None)
    assert "statement" in nouns


def test_unions_and_mappings(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("[message_noun] m\nnote\n", encoding="utf-8")
    use_lexicon(tmp_path)
    both = words("message_noun", "message_noun")
    assert set(both) == {"note"}
    assert (words("message_noun") | {"x"}) == frozenset({"note", "x"})


def test_parsing_rows_maps_and_errors(tmp_path: Path) -> None:
    from eventwire.lexicon import _parse

    classes = _parse("# c\n[m] a map\nrifle\tsmall-arms\nmissile\taerial\n", source="t")
    assert classes[0].rows == (("rifle", "small-arms"), ("missile", "aerial"))
    with pytest.raises(ResourceError, match="before any"):
        _parse("word\n", source="t")
    with pytest.raises(ResourceError, match="header"):
        _parse("[] nothing\n", source="t")


def test_an_override_of_an_unknown_class_or_a_missing_dir_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.tsv").write_text("[mesage_noun] misspelt\nnote\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="unknown word class"):
        use_lexicon(tmp_path)
    with pytest.raises(ResourceError, match="does not exist"):
        Lexicon(override=tmp_path / "nope")


def test_mapping_and_rows_classes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "w.tsv").write_text(
        "[mode] m\nrifle\tsmall-arms\n[pair] p\nhand\tover\tto\n[set] s\na\n",
        encoding="utf-8",
    )
    (tmp_path / "table.tsv").write_text("type\tverb\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "_shipped_dir", lambda: tmp_path)
    use_lexicon(None)
    assert mapping("mode")["rifle"] == "small-arms" and "rifle" in mapping("mode")
    assert lexicon.rows("pair")["hand"] == ("over", "to")
    assert lexicon.table_text("table.tsv") == "type\tverb\n"
    with pytest.raises(ResourceError, match="not a word set"):
        current().words("mode")
    with pytest.raises(ResourceError, match="TAB"):
        current().mapping("pair")
    with pytest.raises(ResourceError, match="no word class"):
        current().words("absent")
    monkeypatch.undo()


def test_derived_caches_follow_the_lexicon(tmp_path: Path) -> None:
    @lexicon_cache
    def size() -> int:
        return len(current().words("message_noun"))

    shipped = size()
    (tmp_path / "m.tsv").write_text("[message_noun] m\nnote\n", encoding="utf-8")
    use_lexicon(tmp_path)
    assert size() == 1
    use_lexicon(None)
    assert size() == shipped


def test_cli_lexicon_option_reaches_the_coder(tmp_path: Path) -> None:
    # the events stage reads [message_noun]: an attack on a statement is an accusation; a
    # lexicon whose class lacks "statement" makes the same sentence an assault
    article = tmp_path / "a.txt"
    article.write_text(
        "date 2025-05-01\nPeru's army attacked the statement of Chile's government.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    base = runner.invoke(cli, ["extract", str(article), "--workers", "1", "--no-progress"])
    assert base.exit_code == 0, base.output
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "events.tsv").write_text("[message_noun] m\nvideo\n", encoding="utf-8")
    args = ["--lexicon", str(tmp_path / "lex"), "extract", str(article), "--workers", "1"]
    changed = runner.invoke(cli, [*args, "--no-progress"])
    assert changed.exit_code == 0, changed.output
    assert '"type": "ACCUSE"' in base.output and '"type": "ASSAULT"' not in base.output
    assert '"type": "ASSAULT"' in changed.output


def test_cli_lexicon_option_refuses_a_bad_directory(tmp_path: Path) -> None:
    (tmp_path / "x.tsv").write_text("[no_such_class] x\nword\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lexicon", str(tmp_path), "pipeline"])
    assert result.exit_code == 1
    assert "unknown word class" in result.output
