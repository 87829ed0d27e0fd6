"""The command line: formats, options, errors and help text."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwire.cli import cli

from .conftest import EXAMPLE

GOOD = "date 2024-11-02\nHezbollah fired rockets at northern Israel on Friday, the group said."


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_extract_prints_one_record_per_line(runner: CliRunner, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text("Egypt and Qatar called for an immediate ceasefire.", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(a), str(b), "--date", "2024-10-01"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["schema"] == "eventwire/1"
    assert first["article"]["published"] == "2024-11-02"  # the header wins
    assert second["article"]["published"] == "2024-10-01"  # --date fills the gap
    assert {e["type"] for e in first["events"]} == {"ASSAULT"}


def test_pretty_and_text_formats(runner: CliRunner) -> None:
    pretty = runner.invoke(cli, ["extract", str(EXAMPLE), "--pretty"])
    assert pretty.exit_code == 0
    assert pretty.stdout.startswith("{\n  ")
    assert json.loads(pretty.stdout)["article"]["published"] == "2024-11-02"
    text = runner.invoke(cli, ["extract", str(EXAMPLE), "--format", "text"])
    assert text.exit_code == 0
    assert "article sha256:" in text.stdout and "(2024-11-02)" in text.stdout
    assert "ASSAULT" in text.stdout and "evidence [" in text.stdout
    assert "according to" in text.stdout


def test_stdin_jsonl(runner: CliRunner) -> None:
    lines = "\n".join(
        json.dumps({"id": f"s{i}", "published": "2024-11-02", "text": t})
        for i, t in enumerate(["Russia attacked Kyiv.", "   ", "Iran warned Israel."])
    )
    result = runner.invoke(cli, ["extract", "-"], input=lines)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.strip().split("\n")]
    assert [o["article"].get("id") for o in out] == ["s0", "s1", "s2"]
    assert out[1]["error"]["kind"] == "empty"
    assert out[2]["schema"] == "eventwire/1"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty article"),
        (b"\x00\x01binary\x00", "binary data"),
        (b"\xff\xfe\xfa not utf8", "not UTF-8"),
        (b"date 2024-02-30 text", "bad date"),
        (b"a" * (1 << 20) + b"a", "article limit"),
    ],
)
def test_single_bad_input_is_one_line_and_nonzero(
    runner: CliRunner, tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    error_lines = result.stderr.strip().split("\n")
    assert len(error_lines) == 1 and message in error_lines[0]


def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(tmp_path / "none.txt")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_bad_inputs_in_a_batch_give_error_records(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"\x00\x00")
    (tmp_path / "3.txt").write_text("date 2024-99-01 nope", encoding="utf-8")
    (tmp_path / "4.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.strip().split("\n")]
    assert [("error" in o) for o in out] == [False, True, True, False]
    assert out[1]["error"]["kind"] == "binary" and out[2]["error"]["kind"] == "header"
    assert out[1]["article"]["source"].endswith("2.txt")
    assert "2 article(s) could not be coded" in result.stderr


# Articles that name two or more countries and an organisation or town whose name several
# countries share: a tie between the article's countries must be broken the same way on
# every run (#19: "SAS" was coded TUR in some runs and NLD in others).
TIED_COUNTRIES = [
    "Turkey and the Netherlands signed a trade agreement in Brussels on Monday. SAS said the "
    "agreement would help exporters in both countries.",
    "Germany and France called for talks with Poland on Wednesday. Officials in Berlin and "
    "Paris said a meeting could take place next week.",
    "Kenya and Uganda agreed on Friday to reopen their border. Busia said traders had waited "
    "for weeks, and Malaba said lorries were queueing.",
    "Spain and Mexico recalled their ambassadors on Tuesday. Victoria said it would not "
    "comment, and Santiago said the dispute would be settled by talks.",
]


def test_extract_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    fixture = tmp_path / "tied.jsonl"
    fixture.write_text(
        "".join(
            json.dumps({"id": f"t{i}", "published": "2024-03-05", "text": text}) + "\n"
            for i, text in enumerate(TIED_COUNTRIES)
        ),
        encoding="utf-8",
    )
    outputs = []
    for seed in ("1", "4"):  # two seeds that ordered {EUR, NLD, TUR} differently
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "eventwire.cli", "extract", str(EXAMPLE.parent), str(fixture)],
            env=env, capture_output=True, timeout=600, check=True,
        )  # fmt: skip
        outputs.append(done.stdout)
    assert outputs[0].count(b"\n") == 7 + len(TIED_COUNTRIES)  # the bundled examples too
    assert outputs[0] == outputs[1]


HOSTILE = "Strike\x1b]0;owned\x07 on \x1b[2J\x9b31mtown\u202eevil\r\x08"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r", "\x08")


def test_listings_escape_control_sequences(runner: CliRunner, tmp_path: Path) -> None:
    from eventwire.store import Store

    from .test_store import build_doc

    db = tmp_path / "evil.db"
    store = Store(f"sqlite:///{db}")
    text = "Ruritania shelled Borduria on Monday."
    doc = build_doc(
        "evil\x1b[1m", "2024-03-02", text, title=HOSTILE,
        actors=[("Ruritania", "Ruritania"), ("Borduria", "Borduria")],
        events=[{"type": "ASSAULT", "source": ["Ruritania"], "target": ["Borduria"],
                 "evidence": "Ruritania shelled Borduria", "intensity": -9.0, "quad": 4}],
    )  # fmt: skip
    doc.actors[0].name = "Rur\x1b]8;;http://evil.example\x07itania"
    store.put(doc)
    run = store.start_run(source="x")
    store.add_failure(run, article="bad\x1b[5m", kind="malformed", message=HOSTILE)
    for args in (["articles"], ["events"], ["actors", "query"], ["errors"]):
        result = runner.invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert not any(c in result.stdout for c in RAW), (args, result.stdout)
        assert "\\u001b" in result.stdout
    listed = runner.invoke(cli, ["articles", "--db", str(db), "--json"])
    assert not any(c in listed.stdout for c in RAW)
    assert json.loads(listed.stdout)["title"] == HOSTILE  # escaped, not lost


def test_extract_and_ingest_outlive_a_deeply_nested_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    good = json.dumps({"id": "g1", "published": "2024-11-02", "text": GOOD.split("\n")[1]})
    other = good.replace("g1", "g2").replace("Friday", "Saturday")
    path.write_text(good + "\n" + "[" * 100_000 + "\n" + other + "\n")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("error", {}).get("kind") for line in lines] == [None, "malformed", None]
    db = str(tmp_path / "n.db")
    stored = runner.invoke(cli, ["ingest", str(path), "--db", db, "--no-progress"])
    assert stored.exit_code == 1 and "2 new, 0 updated, 1 failed" in stored.stderr


def test_bad_date_option(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "--date", "02/11/2024", str(EXAMPLE)])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_pipeline_lists_stages(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["pipeline"])
    assert result.exit_code == 0
    for name in ["normalize", "segment", "entities", "actors", "quotes", "times", "places"]:
        assert f". {name}" in result.stdout
    data = json.loads(runner.invoke(cli, ["pipeline", "--json"]).stdout)
    assert data[-1]["name"] == "events" and "actors" in data[-1]["reads"]


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += _commands(command, prefix + name + " ")
    return found


@pytest.mark.parametrize(("name", "command"), _commands(cli))
def test_every_command_has_help(runner: CliRunner, name: str, command: click.Command) -> None:
    assert command.help and len(command.help) > 20, f"{name} has no help text"
    result = runner.invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0 and "Usage:" in result.stdout


@pytest.mark.parametrize(("total", "eta"), [(3, True), (None, False)])
def test_progress_bar_shows_count_rate_errors_and_eta(
    capsys: pytest.CaptureFixture[str], total: int | None, eta: bool
) -> None:
    from eventwire.cli._common import ProgressBar

    with ProgressBar(label="ingesting", total=total, show=True) as bar:
        bar.set(done=3, errors=1)
    err = capsys.readouterr().err
    assert "ingesting" in err and "articles/s" in err and "1 errors" in err
    assert ("3/3" in err) is eta and ("ETA" in err) is eta


def test_progress_is_silent_when_not_shown(capsys: pytest.CaptureFixture[str]) -> None:
    from eventwire.cli._common import with_progress
    from eventwire.record import ErrorRecord

    items = [ErrorRecord(article={}, kind="empty", message="empty article")]
    assert list(with_progress(items, show=False)) == items
    assert capsys.readouterr().err == ""


def test_classify_codes_every_good_row_beside_bad_ones(runner: CliRunner) -> None:
    rows = [
        json.dumps({"id": "a", "text": "Chile praised Peru.", "source": "Chile", "target": "Peru"}),
        # the target string is not in the text
        json.dumps({"id": "b", "text": "Chile sent aid.", "source": "Chile", "target": "a donor"}),
        "{not json",
        json.dumps({"id": "d", "text": "Chile warned Peru."}),  # neither actor given
        json.dumps(["a list", "not an object"]),
        json.dumps({"id": "f", "text": "<s>Chile</s> attacked <t>Peru</t>."}),
        json.dumps({"id": "g", "text": "<s>Chile attacked Peru."}),  # unbalanced mark
        json.dumps({"id": "h", "text": "Chile hit Peru.", "source": "Chile", "target": 5}),
    ]
    result = runner.invoke(cli, ["classify"], input="\n".join(rows) + "\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", 3, "d", 5, "f", "g", "h"]
    assert [line.get("type") for line in lines] == [
        "SUPPORT", None, None, None, None, "ASSAULT", None, None
    ]  # fmt: skip
    errors = [line["error"] for line in lines if "error" in line]
    assert {e["kind"] for e in errors} == {"malformed"}
    assert "'a donor' is not in the text" in errors[0]["message"]
    assert "line 3: not JSON" in errors[1]["message"]
    assert "target a string or null" in errors[-1]["message"]
    assert "6 row(s) could not be coded" in result.stderr


def test_classify_single_bad_row_is_one_line_and_nonzero(runner: CliRunner) -> None:
    row = {"id": 1, "text": "Chile sent aid.", "source": "Chile", "target": "a recipient"}
    result = runner.invoke(cli, ["classify"], input=json.dumps(row) + "\n")
    assert result.exit_code == 1
    assert "'a recipient' is not in the text" in result.output
    assert "{" not in result.stdout  # no record: the message says why


def test_ingest_says_it_loads_the_model_before_the_first_article(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections.abc import Iterable, Iterator
    from typing import Any

    def fake_coder_for(**_: Any) -> Any:
        def code(items: Iterable[Any]) -> Iterator[Any]:
            for item in items:
                click.echo("coding an article", err=True)
                yield item

        return code

    monkeypatch.setattr("eventwire.cli.store.coder_for", fake_coder_for)
    text = tmp_path / "a.txt"
    text.write_text("Borduria protested on Monday.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'm.db'}"
    result = runner.invoke(cli, ["ingest", "--db", db, "--date", "2024-05-01", str(text)])
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "loading the language model…" in err
    assert err.index("loading the language model…") < err.index("coding an article")


def _local_imports(path: Path) -> set[str]:
    """The sibling modules of eventwire.cli that `path` imports, at any depth of the code."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update([node.module] if node.module else [a.name for a in node.names])
    return names


def test_cli_modules_import_each_other_without_a_cycle() -> None:
    # what two commands share lives in cli/_common.py (issue #14): store <-> monitor was a cycle
    import graphlib

    import eventwire.cli

    folder = Path(eventwire.cli.__file__).parent
    graph = {
        p.stem: _local_imports(p) - {"__init__"}
        for p in folder.glob("*.py")
        if p.stem not in ("__init__", "__main__")
    }
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError on a cycle
