"""Analysts' corrections (issue #18): their own rows, the write token, the reader, exports
with the original values, and gold for `eventwire eval`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.cli import cli
from eventwire.events.evaluate import evaluate, load_gold
from eventwire.store import NotFoundError, Store
from eventwire.store.corrections import (
    CorrectionError,
    add_correction,
    corrections_in_force,
    gold_articles,
    list_corrections,
)
from eventwire.store.export import write_export

from .test_store import corpus

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'c.db'}")
    for doc in corpus():
        s.put(doc)
    return s


def test_a_fix_is_its_own_row_and_keeps_the_coders_output(store: Store) -> None:
    fix = add_correction(store, article_id="a1", event_id="V1", type="coerce",
                         target=["Syldavia"], note="shelling of a town, not troops")  # fmt: skip
    assert fix.id is not None and fix.type == "COERCE"
    assert fix.original == {
        "type": "ASSAULT", "source": [{"name": "Ruritania", "country": "RUR"}],
        "target": [{"name": "Borduria", "country": "BOR"}], "status": "occurred",
        "date": "2024-02-26",
    }  # fmt: skip
    assert fix.target == ({"name": "Syldavia", "country": None},)  # not an actor of a1
    assert store.document("a1").events[0].type == "ASSAULT"  # the coder's output as it was
    # a re-ingest of the article keeps the correction
    store.put(corpus()[0])
    assert corrections_in_force(store)[("a1", "V1")].type == "COERCE"
    # the latest correction of an event is in force; the earlier ones are its history
    add_correction(store, article_id="a1", event_id="V1", flag="wrong")
    assert [c.flag for c in list_corrections(store, article_id="a1")] == ["fix", "wrong"]
    assert corrections_in_force(store)[("a1", "V1")].flag == "wrong"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "BOGUS"}, "not a PLOVER type"),
        ({"status": "maybe"}, "status must be"),
        ({"date": "2024-13-45"}, "date must be"),
        ({"flag": "nope"}, "flag must be"),
        ({}, "a fix must change"),
    ],
)
def test_bad_corrections_are_named_errors(store: Store, fields: dict, message: str) -> None:
    with pytest.raises(CorrectionError, match=message):
        add_correction(store, article_id="a1", event_id="V1", **fields)
    assert list_corrections(store) == []


def test_unknown_events_are_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        add_correction(store, article_id="a1", event_id="V9", flag="wrong")


def test_api_writes_only_with_the_token(store: Store) -> None:
    body = {"article_id": "a1", "event_id": "V2", "status": "hypothetical", "note": "a maybe"}
    read_only = TestClient(create_app(store))
    assert read_only.post("/api/corrections", json=body, headers=AUTH).status_code == 405
    client = TestClient(create_app(store, token=TOKEN))
    assert client.post("/api/corrections", json=body).status_code == 401
    bad = {"Authorization": "Bearer wrong"}
    assert client.post("/api/corrections", json=body, headers=bad).status_code == 401
    made = client.post("/api/corrections", json=body, headers=AUTH)
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "hypothetical"
    assert made.json()["original"]["status"] == "future"
    bogus = client.post("/api/corrections", json={**body, "type": "BOGUS"}, headers=AUTH)
    assert bogus.status_code == 422
    missing = client.post("/api/corrections", json={**body, "event_id": "V9"}, headers=AUTH)
    assert missing.status_code == 404
    listed = client.get("/api/corrections?article_id=a1").json()
    assert [c["event_id"] for c in listed] == ["V2"]


def test_reader_shows_corrections_and_the_form_only_when_writable(store: Store) -> None:
    add_correction(store, article_id="a1", event_id="V1", type="COERCE", note="not shelling")
    add_correction(store, article_id="a1", event_id="V2", flag="wrong")
    page = TestClient(create_app(store)).get("/articles/a1").text
    assert "Corrected" in page and "<del>ASSAULT</del> → <ins>COERCE</ins>" in page
    assert "“not shelling”" in page and "Flagged as wrong" in page
    assert "correction-form" not in page and "corrections.js" not in page
    writable = TestClient(create_app(store, token=TOKEN)).get("/articles/a1").text
    assert writable.count('class="correction-form"') == 2 and "/static/corrections.js" in writable


def test_exports_carry_the_correction_and_the_original(store: Store) -> None:
    add_correction(store, article_id="a1", event_id="V1", type="COERCE", source=["Borduria"],
                   note="who fired")  # fmt: skip
    out = io.StringIO()
    write_export(store, out, fmt="csv")
    rows = {r["Event ID"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    fixed, untouched = rows["a1:V1"], rows["a2:V1"]
    assert (fixed["Event Type"], fixed["Actor Name"], fixed["Actor Country"]) == (
        "coerce", "Borduria", "BOR",
    )  # fmt: skip
    assert fixed["Corrected"] == "fix" and fixed["Original Type"] == "assault"
    assert fixed["Original Source"] == "Ruritania" and fixed["Correction Note"] == "who fired"
    assert untouched["Corrected"] == "" and untouched["Original Type"] == ""


def test_gold_export_scores_the_coder_against_its_users(store: Store, tmp_path: Path) -> None:
    add_correction(store, article_id="a1", event_id="V2", flag="wrong")  # the coder invented it
    add_correction(store, article_id="a2", event_id="V1", type="CONSULT")  # wrong type
    gold = list(gold_articles(store))
    assert [g["id"] for g in gold] == ["a1", "a2"]  # only corrected articles
    assert [e["type"] for e in gold[0]["events"]] == ["ASSAULT"]
    assert gold[1]["events"] == [{"type": "CONSULT", "source": ["Borduria"],
                                  "target": ["Ruritania"], "status": "occurred",
                                  "date": "2024-04-15"}]  # fmt: skip
    path = tmp_path / "gold.jsonl"
    result = CliRunner().invoke(cli, ["corrections", "export-gold", "--db", store.url,
                                      "-o", str(path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    report = evaluate(load_gold(path), {a: store.document(a) for a in ("a1", "a2")})
    # 3 coded events, 2 gold ones, 1 agreeing: precision 1/3, recall 1/2
    assert report.prf("event")[:2] == (pytest.approx(1 / 3), 0.5)
    listed = CliRunner().invoke(cli, ["corrections", "list", "--db", store.url, "--json"])
    assert [json.loads(line)["event_id"] for line in listed.output.splitlines()] == ["V2", "V1"]
