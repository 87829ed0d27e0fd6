"""The code's shape, checked: layering and stage independence (import-linter contracts in
pyproject.toml), module size, and words kept in data files rather than Python sets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from importlinter.cli import lint_imports
from spacy.glossary import GLOSSARY

SRC = Path(__file__).resolve().parents[1] / "src" / "eventwire"
ROOT = SRC.parents[1]


def test_import_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    # stages never import each other, no package has an import cycle, imports run downward
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename="pyproject.toml", no_cache=True) == 0


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_over_600_lines(path: Path) -> None:
    name = str(path.relative_to(SRC))
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 600, f"{name} has {lines} lines: split it into parts with one job each"


def word_sets(tree: ast.AST) -> list[tuple[int, int]]:
    """(line, size) of each literal set, `frozenset([...])`/`set((...))` or `"a b c".split()`
    with more than five string literals. Sets of the parser's own labels (dependency labels,
    part-of-speech tags, entity types: spaCy's glossary) are grammar, not words."""

    def strings(elts: list[ast.expr]) -> int:
        found = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return 0 if all(s in GLOSSARY for s in found) else len(found)

    found = []
    for node in ast.walk(tree):
        n = 0
        if isinstance(node, ast.Set):
            n = strings(node.elts)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("frozenset", "set")
            and node.args
            and isinstance(node.args[0], ast.List | ast.Tuple)
        ):
            n = strings(node.args[0].elts)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            n = len(node.func.value.value.split())
        if n > 5:
            found.append((getattr(node, "lineno", 0), n))
    return found


def test_the_word_set_finder_finds_each_form() -> None:
    code = 'A = {"a","b","c","d","e","f"}\nB = frozenset(["a","b","c","d","e","f"])\n'
    code += 'C = "a b c d e f".split()\nD = {"a","b","c","d","e"}\n'
    code += 'E = {"dobj", "attr", "xcomp", "acomp", "oprd", "ccomp"}\n'  # labels, not words
    assert [line for line, _ in word_sets(ast.parse(code))] == [1, 2, 3]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_words_live_in_data_files_not_python_sets(path: Path) -> None:
    name = str(path.relative_to(SRC))
    found = word_sets(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, (
        f"{name} defines word sets of more than 5 words at lines {[n for n, _ in found]}: "
        "move them to a class of data/lexicon/*.tsv and bind it with lexicon.words()"
    )
