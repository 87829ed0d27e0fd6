"""scripts/build_kb.py and its source readers (scripts/kb_sources.py), on rows written for
eventwire (invented people and parties); the last test rebuilds the shipped imports from
../shared/data when it is there and checks that they match."""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import build_kb  # noqa: E402
import kb_sources  # noqa: E402

from eventwire.resources.kb import KBActor, shipped_files  # noqa: E402


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _never(qid: str | None, forms: list[str], country: str | None) -> bool:
    return False


@pytest.mark.parametrize(
    ("title", "sector"),
    [
        ("Member of the 12th Parliament of Ruritania", "LEG"),
        ("Ruritanian senator", "LEG"),
        ("Prime Minister of Ruritania", "GOV"),
        ("Minister of State for the Cabinet Office", "GOV"),
        ("Judge of the Supreme Court of Ruritania", "JUD"),
    ],
)
def test_position_sector(title: str, sector: str) -> None:
    assert kb_sources.position_sector(title) == sector


def test_wikidata_rows_keep_dates_source_and_close_open_spells(tmp_path: Path) -> None:
    pm = "Prime Minister of Ruritania"
    rows: list[dict[str, Any]] = [
        {"qid": "Q901", "name": "Anna Vell", "country": "RUR", "positions": [
            {"position": pm, "position_qid": "Q900", "start": "2012-01-01", "end": None}]},
        {"qid": "Q902", "name": "Boris Tal", "country": "RUR", "positions": [
            {"position": pm, "position_qid": "Q900", "start": "2016-05-01", "end": None},
            {"position": "Member of the Ruritanian Parliament", "position_qid": "Q899",
             "start": "2010-01-01", "end": "2020-01-01"}]},
        # a backbencher who left in 2001: too stale to ship
        {"qid": "Q903", "name": "Carl Ost", "country": "RUR", "positions": [
            {"position": "Member of the Ruritanian Parliament", "position_qid": "Q899",
             "start": "1995-01-01", "end": "2001-01-01"}]},
        # a US state seat only: not the country's legislator
        {"qid": "Q904", "name": "Dana Roe", "country": "USA", "positions": [
            {"position": "member of the Ohio House of Representatives",
             "position_qid": "Q898", "start": "2015-01-01", "end": None}]},
    ]  # fmt: skip
    built = kb_sources.build_wikidata(_write(tmp_path / "wd.jsonl", rows), skip=_never)
    by_id = {r["id"]: r for r in built}
    assert set(by_id) == {"WD_Q901", "WD_Q902"}
    anna = KBActor.from_dict(by_id["WD_Q901"])
    # the next prime minister's start ends a spell the source left open
    assert anna.offices[0].end == "2016-05-01"
    assert (anna.wikidata, anna.licence) == ("Q901", "CC0-1.0")
    assert anna.sector_on("2014-01-01") == "GOV" and anna.sector_on("2018-01-01") == "ELI"
    boris = KBActor.from_dict(by_id["WD_Q902"])
    assert boris.sector_on("2017-01-01") == "GOV"  # a seat yields to the government office
    assert boris.sector_on("2012-01-01") == "LEG"


def test_skip_leaves_out_people_the_base_holds(tmp_path: Path) -> None:
    office = {"position": "President of Ruritania", "position_qid": "Q910", "start": "2019"}
    rows = [{"qid": "Q911", "name": "Eva Lund", "country": "RUR", "positions": [office]}]
    path = _write(tmp_path / "wd.jsonl", rows)
    assert kb_sources.build_wikidata(path, skip=lambda qid, forms, c: qid == "Q911") == []


def test_party_aliases_drop_lone_words_events_and_shared_abbreviations(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [
        {"id": "partyfacts:1", "name": "Ruritanian Green Union", "country": "RUR",
         "aliases": ["Greens", "Green Union of Ruritania", "2019 Ruritanian general election"],
         "abbreviations": ["RGU", "GU"], "start": "1990", "end": None, "wikidata": "Q1"},
        {"id": "partyfacts:2", "name": "Green Union", "country": "ZEN", "aliases": [],
         "abbreviations": ["GRU"], "start": "1985", "end": None},
        {"id": "partyfacts:3", "name": "Green Renewal", "country": "ZEN", "aliases": [],
         "abbreviations": ["GRU"], "start": "1999", "end": None},
        {"id": "partyfacts:4", "name": "Old Agrarians", "country": "RUR", "aliases": [],
         "abbreviations": [], "start": "1920", "end": "1938"},
    ]  # fmt: skip
    built = kb_sources.build_partyfacts(_write(tmp_path / "pf.jsonl", rows), skip=_never)
    by_id = {r["id"]: r for r in built}
    assert set(by_id) == {"PF_1", "PF_2", "PF_3"}  # the party dissolved in 1938 is stale
    assert by_id["PF_1"]["aliases"] == ["Green Union of Ruritania", "RGU"]
    assert by_id["PF_2"]["aliases"] == []  # "GRU" names two parties: neither
    assert by_id["PF_1"]["sectors"] == ["PTY"] and by_id["PF_1"]["licence"].startswith("MIT")


def test_plover_agents_expand_sets_plurals_and_combined_codes(tmp_path: Path) -> None:
    text = (
        "# comment\n!PERSON! = MAN, MEN\n\nFARM_WORKER [~AGR]\nMILITARY_JUNTA [~GOVMIL]\n"
        "SERVICE!PERSON! [~MIL]\nTHIEF {THIEVES} [~CRM]\nTHIEF [~REB]\n"
    )
    path = tmp_path / "agents.txt"
    path.write_text(text, encoding="utf-8")
    rows = dict(kb_sources.build_plover_agents(path))
    assert rows == {
        "farm worker": "AGR", "military junta": "GOV MIL", "serviceman": "MIL",
        "servicemen": "MIL", "thief": "CRM", "thieves": "CRM",
    }  # fmt: skip


SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "actors"
_FOUND = [p for p in (SOURCES, Path("/work/shared/data/actors")) if p.is_dir()]


@pytest.mark.skipif(not _FOUND, reason="../shared/data/actors is not here")
def test_shipped_imports_match_a_rebuild(tmp_path: Path) -> None:
    out = tmp_path / "actors"
    out.mkdir()
    hand_written = [p for p in shipped_files() if p.name.endswith(".jsonl")]
    for path in hand_written:
        shutil.copy(path, out / path.name)
    built = build_kb.build_sources(_FOUND[0], out)
    for name, rows in built.items():
        [shipped] = [p for p in shipped_files() if p.name == name]
        lines = gzip.decompress(shipped.read_bytes()).decode("utf-8").splitlines()
        assert [json.loads(line) for line in lines if not line.startswith("#")] == rows, name
