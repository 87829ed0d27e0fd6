"""The bundled example article against its hand-coded expected record.

The article (examples/nujaba_strike.txt, 300+ words) has straight and curly quote marks, a
pronoun speaker, a misspelt second mention of a name, relative dates, a hypothetical event
and no-event traps (oil prices, sport, an opinion).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from eventwire.pipeline import Pipeline
from eventwire.readers import read_inputs
from eventwire.record import Document

from .conftest import EXAMPLE, FIXTURES

EXPECTED = json.loads((FIXTURES / "nujaba_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def record(pipeline: Pipeline) -> Document:
    [doc] = list(read_inputs([str(EXAMPLE)]))
    assert isinstance(doc, Document)
    return pipeline(doc)


def _names(record: Document, ids: list[str]) -> list[str]:
    return sorted(a.name for i in ids if (a := record.actor(i)) is not None)


def test_article_and_schema(record: Document) -> None:
    assert len(record.text.split()) >= 300
    assert record.article.published == EXPECTED["article"]["published"]
    data = record.to_dict()
    assert data["schema"] == "eventwire/1"
    assert Document.from_dict(json.loads(json.dumps(data))).to_dict() == data


@pytest.mark.parametrize("want", EXPECTED["actors"], ids=lambda w: w["name"])
def test_actor(record: Document, want: dict[str, Any]) -> None:
    found = [a for a in record.actors if a.name == want["name"]]
    assert found, f"no actor {want['name']!r}: {[a.name for a in record.actors]}"
    actor = found[0]
    for key in ("country", "sector", "kb_id"):
        if key in want:
            assert getattr(actor, key) == want[key], key
    texts = [m.text for m in actor.mentions]
    for mention in want.get("mentions", []):
        assert mention in texts


@pytest.mark.parametrize("want", EXPECTED["quotes"], ids=lambda w: w["text"][:30])
def test_quote(record: Document, want: dict[str, Any]) -> None:
    found = [q for q in record.quotes if q.text == want["text"]]
    assert found, f"no quote {want['text']!r}"
    quote = found[0]
    assert record.text[quote.start : quote.end] == quote.text
    speaker = record.actor(quote.speaker)
    assert speaker is not None and speaker.name == want["speaker"]
    if "outlet" in want:
        outlet = record.actor(quote.outlet)
        assert outlet is not None and outlet.name == want["outlet"]
    for key in ("kind", "cue"):
        if key in want:
            assert getattr(quote, key) == want[key]


@pytest.mark.parametrize("want", EXPECTED["times"], ids=lambda w: w["text"])
def test_time(record: Document, want: dict[str, Any]) -> None:
    values = [t.value for t in record.times if t.text == want["text"]]
    assert want["value"] in values
    assert all(t.anchor == "2024-11-02" for t in record.times)


@pytest.mark.parametrize("want", EXPECTED["places"], ids=lambda w: w["text"])
def test_place(record: Document, want: dict[str, Any]) -> None:
    found = [p for p in record.places if p.text == want["text"]]
    assert found
    for key, value in want.items():
        assert getattr(found[0], key) == value


def _matches(record: Document, event: Any, want: dict[str, Any]) -> bool:
    if event.type != want["type"] or event.status != want["status"]:
        return False
    for side in ("source", "target"):
        if side in want and _names(record, getattr(event, side)) != sorted(want[side]):
            return False
    if "date" in want and event.date != want["date"]:
        return False
    if "attributed_to" in want:
        speaker = record.actor(event.attributed_to)
        if speaker is None or speaker.name != want["attributed_to"]:
            return False
    return "reported_by" not in want or _names(record, event.reported_by) == want["reported_by"]


@pytest.mark.parametrize(
    "want", EXPECTED["events"], ids=lambda w: f"{w['type']}-{'+'.join(w.get('source', []))}"
)
def test_event(record: Document, want: dict[str, Any]) -> None:
    assert any(_matches(record, e, want) for e in record.events), [
        (e.type, _names(record, e.source), _names(record, e.target), e.status, e.date)
        for e in record.events
    ]


def test_every_event_is_auditable(record: Document) -> None:
    for event in record.events:
        assert event.evidence
        for ev in event.evidence:
            assert record.text[ev.start : ev.end] == ev.text
        assert -10 <= event.intensity <= 10 and event.quad in {1, 2, 3, 4}
        assert 0 <= event.confidence <= 1
        assert event.source or event.target
    for actor in record.actors:
        for m in actor.mentions:
            assert record.text[m.start : m.end] == m.text


@pytest.mark.parametrize("words", EXPECTED["no_event_words"])
def test_no_event_from_traps(record: Document, words: str) -> None:
    start = record.text.index(words)
    sentence_end = record.text.find(".", start)
    for event in record.events:
        for ev in event.evidence:
            assert not (start <= ev.start <= sentence_end), (event.type, ev.text)
