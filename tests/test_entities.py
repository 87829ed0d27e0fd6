"""Candidate mentions (stages/entities.py) on sentences written for eventwire."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from eventwire.pipeline import Pipeline
from eventwire.readers import make_document
from eventwire.record import EntitySpan
from eventwire.resources import Resources
from eventwire.stages.entities import find_entities

Spans = Callable[[str], list[EntitySpan]]


@pytest.fixture(scope="module")
def spans(resources: Resources) -> Spans:
    pipeline = Pipeline.from_names(["normalize", "segment", "entities"], resources=resources)

    def run(text: str) -> list[EntitySpan]:
        return pipeline(make_document(text, published="2024-06-01")).entities

    return run


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        ("An anonymous senior Israeli official said so.", "An anonymous senior Israeli official",
         "ROLE"),
        ("Iraqi security forces entered the town.", "Iraqi security forces", "ORG"),
        ("Protesters gathered. The official said he was calm.", "The official", "DEF"),
        ("Protesters gathered. The official said he was calm.", "he", "PRON"),
        ("The commander said his group would fight.", "his group", "DEF"),
        ("Hizbollah fired rockets.", "Hizbollah", "ORG"),
        ("Hamas said the Zionist entity would pay.", "Zionist entity", "GPE"),
        # a bare singular agent noun that acts, a verb-parsed agent word, a collective noun
        ("The president of the Riigikogu spoke.", "The president", "ROLE"),
        ("The order was issued by president on Friday.", "president", "ROLE"),
        ("The raid was carried out by smuggling gang on Friday.", "smuggling gang", "ROLE"),
        ("The breakaway state held a vote.", "The breakaway state", "ROLE"),
        ("A clinic in Kabul said it was full.", "A clinic", "ROLE"),
    ],
)  # fmt: skip
def test_labels(spans: Spans, text: str, mention: str, label: str) -> None:
    found = {(s.text, s.label) for s in spans(text)}
    assert (mention, label) in found, sorted(found)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("He served in government for years.", "government"),  # bare, but it does not act
        ("Prices in Iran rose sharply.", "Prices"),  # a thing in a country, not an actor
        ("The meeting in Paris ended.", "meeting"),
    ],
)
def test_not_candidates(spans: Spans, text: str, word: str) -> None:
    assert all(word not in s.text for s in spans(text))


def test_outlet_name_inside_a_longer_name_is_dropped(spans: Spans) -> None:
    found = {(s.text, s.label, s.kb_id) for s in spans("Saudi: the National Guard")}
    assert ("the National Guard", "ROLE", None) in found
    assert all(kb_id != "THE_NATIONAL" for _, _, kb_id in found)


def test_title_word_alone_is_not_an_org(spans: Spans) -> None:
    found = spans("Supreme Leader Ali Khamenei spoke.")
    assert [s.text for s in found if s.label in {"ORG", "PERSON"}] == ["Ali Khamenei"]


def test_kb_spans_carry_their_id(spans: Spans) -> None:
    [kremlin] = [s for s in spans("The Kremlin rejected the offer.") if s.text == "Kremlin"]
    assert (kremlin.kb_id, kremlin.source) == ("RUS", "kb")


def test_acronyms_written_in_title_case_are_the_same_name(code) -> None:  # type: ignore[no-untyped-def]
    # newspaper house style: "Nato", "Unicef" for NATO, UNICEF
    doc = code("Peru said Nato and Unicef would send staff to Lima.")
    assert {"NATO", "UNICEF"} <= {a.kb_id for a in doc.actors}


def test_a_title_case_acronym_opening_a_sentence_may_be_a_word(code) -> None:  # type: ignore[no-untyped-def]
    # "PLAN" (China's navy) is an acronym; "Plan" opening a sentence is the word
    doc = code("Plan details were sent to Peru on Monday.")
    assert "PLAN" not in {a.kb_id for a in doc.actors}


def _missed_by_ner(nlp: Any, text: str) -> list[EntitySpan]:
    """The candidate mentions of `text` as if the NER had tagged nothing (names it never saw)."""
    parsed = nlp(text)
    parsed.ents = []
    return find_entities(parsed, known_place=lambda name: name in {"Puerto Quellon"})


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        # a run of capitalised proper nouns in a party's slot: subject, object, prepositional
        ("The tribunal ordered an investigation against Ramsel Tivory.", "Ramsel Tivory", "PERSON"),
        ("Ramsel Tivory denied the charges.", "Ramsel Tivory", "PERSON"),
        # an acronym
        ("The tribunal fined FENAPRO on Monday.", "FENAPRO", "ORG"),
    ],
)
def test_a_name_the_ner_missed_in_a_partys_slot(
    nlp: Any, text: str, mention: str, label: str
) -> None:
    found = [(s.text, s.label) for s in _missed_by_ner(nlp, text)]
    assert (mention, label) in found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The rebels met in Ramsel Tivory on Monday.", "Tivory"),  # after "in": maybe a town
        ("The tribunal fined Tivory on Monday.", "Tivory"),  # one word: a place, a title...
        ("The court summoned the Prime Minister.", "Minister"),  # a role phrase's title
        ("Troops shelled Puerto Quellon overnight.", "Quellon"),  # a place the gazetteer knows
    ],
)
def test_what_an_untagged_name_is_not(nlp: Any, text: str, word: str) -> None:
    assert not any(word in s.text and s.source == "name" for s in _missed_by_ner(nlp, text))
