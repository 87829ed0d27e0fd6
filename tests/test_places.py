"""Tests of the offline gazetteer and the places stage (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.errors import PipelineError
from eventwire.events.locate import locate_event
from eventwire.record import Article, Document, EntitySpan
from eventwire.resources import Resources
from eventwire.resources.gazetteer import Gazetteer, normalize_name, resolve_name
from eventwire.stages.places import places_stage


@pytest.fixture(scope="module")
def gaz(resources: Resources) -> Gazetteer:
    return resources.gazetteer


def run(nlp: Any, resources: Resources, text: str) -> Document:
    parsed = nlp(text)
    ents = [EntitySpan(e.start_char, e.end_char, e.text, e.label_) for e in parsed.ents]
    doc = Document(article=Article(id="t", published="2024-11-02"), text=text, nlp=parsed,
                   entities=ents)  # fmt: skip
    return places_stage(doc, resources=resources)


def _located(nlp: Any, resources: Resources, text: str, verb: str) -> str | None:
    """The text of the place `locate_event` gives the verb `verb` of `text`."""
    doc = run(nlp, resources, text)
    pid = locate_event(doc, token_i=verb_index(doc, verb))
    return next((p.text for p in doc.places if p.id == pid), None)


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
        # no candidate in a named country: a neighbour of one wins ("Israeli jets ... Gaza")
        ("Gaza", ("ISR",), (), "PSE", "city"),
        ("Gaza", ("PSE",), (), "PSE", "city"),
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
    assert _located(nlp, resources, text, verb) == place


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


# --------------------------------------------------------------------------- round 2


def run_with_kb(nlp: Any, resources: Resources, text: str, kb: dict[str, str]) -> Document:
    """Like `run`, with some names tagged GPE by the knowledge base (name -> kb_id)."""
    parsed = nlp(text)
    ents = [EntitySpan(e.start_char, e.end_char, e.text, e.label_) for e in parsed.ents
            if not any(name in e.text for name in kb)]  # fmt: skip
    for name, kb_id in kb.items():
        at = text.find(name)
        while at >= 0:
            ents.append(EntitySpan(at, at + len(name), name, "GPE", kb_id=kb_id, source="kb"))
            at = text.find(name, at + 1)
    ents.sort(key=lambda e: e.start)
    doc = Document(article=Article(id="t", published="2024-11-02"), text=text, nlp=parsed,
                   entities=ents)  # fmt: skip
    return places_stage(doc, resources=resources)


@pytest.mark.parametrize(
    ("text", "kb", "expected"),
    [
        # A capital that the knowledge base files under its state is, as a place, the city.
        ("Students protested in Tehran on Monday.", {"Tehran": "IRN"},
         [("Tehran", "IRN", "city")]),
        ("BAGHDAD (Wire) — Rockets hit a base.", {"BAGHDAD": "IRQ"},
         [("BAGHDAD", "IRQ", "city")]),
        ("Iraq urged Washington to act.", {"Washington": "USA", "Iraq": "IRQ"},
         [("Iraq", "IRQ", "country"), ("Washington", "USA", "city")]),
        # A seat the gazetteer lacks in its state (only a US town is called so): the state.
        ("Officials in Whitehall said little.", {"Whitehall": "GBR"},
         [("Whitehall", "GBR", "country")]),
        # A rhetorical name of a state is an actor, unless a locative preposition precedes.
        ("Our drones will reach the Zionist entity soon.", {"Zionist entity": "ISR"}, []),
        ("Rockets fell inside the Zionist entity on Friday.", {"Zionist entity": "ISR"},
         [("Zionist entity", "ISR", "country")]),
    ],
)  # fmt: skip
def test_kb_names(
    nlp: Any, resources: Resources, text: str, kb: dict[str, str],
    expected: list[tuple[str, str, str]],
) -> None:  # fmt: skip
    doc = run_with_kb(nlp, resources, text, kb)
    assert [(p.text, p.country, p.feature) for p in doc.places] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Israeli Defence Minister Israel Katz warned on Thursday that Iran would pay.",
        "The talks resumed on Sunday and will end in March.",
        "Prices rose before Christmas and fell after Easter.",
    ],
)
def test_time_words_are_not_places(nlp: Any, resources: Resources, text: str) -> None:
    doc = run(nlp, resources, text)
    names = {p.text for p in doc.places}
    assert not names & {"Thursday", "Sunday", "March", "Christmas", "Easter"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # first-level regions, notable places, cities, countries
        ("Floods hit Queensland and the Gaza Strip this week.",
         [("Queensland", "AUS", "admin1"), ("Gaza Strip", "PSE", "region")]),
        ("Drones were shot down over Lebanese territory near Tyre.",
         [("Lebanese", "LBN", "country"), ("Tyre", "LBN", "city")]),
        ("The Israeli army said Lebanese officials had met in Beirut.",
         [("Beirut", "LBN", "city")]),
    ],
)  # fmt: skip
def test_place_kinds(
    nlp: Any, resources: Resources, text: str, expected: list[tuple[str, str, str]]
) -> None:
    doc = run(nlp, resources, text)
    assert [(p.text, p.country, p.feature) for p in doc.places] == expected


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        # By population: the larger Hyderabad (India) without context...
        ("Thousands marched in Hyderabad on Friday.", "Hyderabad", "IND"),
        # ...the Pakistani one when the article is about Pakistan.
        ("Pakistan's army was deployed. Thousands marched in Hyderabad on Friday.",
         "Hyderabad", "PAK"),
        ("Police in Perth, Scotland, closed the bridge.", "Perth", "GBR"),
        ("Police in Perth closed the bridge.", "Perth", "AUS"),
    ],
)  # fmt: skip
def test_context_disambiguation(
    nlp: Any, resources: Resources, text: str, name: str, iso3: str
) -> None:
    doc = run(nlp, resources, text)
    assert [p.country for p in doc.places if p.text == name] == [iso3]


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        # A later conjunct's own arguments are not the first verb's location.
        ("The premier urged all sides to show restraint and called on Washington to act.",
         "urged", None),
        ("The premier called on Washington to restrain its ally.", "called", None),
        # A purpose clause is another event.
        ("The group is coordinating with Iran to strike Israel.", "coordinating", None),
        # The object of a verb is its target, not where it happened.
        ("The spokesman accused Israel of violating the truce.", "accused", None),
        # Shared locative phrases still count for both conjuncts.
        ("Gunmen killed two guards and wounded five in Khalis on Friday.", "killed", "Khalis"),
        # A relative clause set off by commas tells about the noun, not the event.
        ("He was killed in the attack, which was followed by another blast in Colombo.",
         "killed", None),
        ("Rebels shelled the town of Bakwa, which lies near Goma.", "shelled", "Bakwa"),
    ],
)  # fmt: skip
def test_locate_event_round2(
    nlp: Any, resources: Resources, text: str, verb: str, place: str | None
) -> None:
    assert _located(nlp, resources, text, verb) == place


def test_us_county_has_a_point(nlp: Any, resources: Resources) -> None:
    doc = run(nlp, resources, "A tornado struck Metcalfe County, Kentucky, on Sunday.")
    county = next(p for p in doc.places if p.text == "Metcalfe County")
    assert (county.country, county.admin1, county.feature) == ("USA", "Kentucky", "other")
    assert county.lat == pytest.approx(37.0, abs=0.3)
    assert county.lon == pytest.approx(-85.6, abs=0.3)


@pytest.mark.parametrize(
    "text", ["Hamas said Gaza was hit overnight.", "The Israeli army struck Gaza overnight."]
)
def test_known_actors_countries_are_context(resources: Resources, text: str) -> None:
    # the countries of the actors the knowledge base names are context too
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline.from_names(
        ["normalize", "segment", "entities", "places"], resources=resources
    )
    doc = pipeline(Document(article=Article(id="t", published="2024-11-02"), text=text))
    assert [(p.text, p.country) for p in doc.places] == [("Gaza", "PSE")]


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        # A place that describes another place ("X, north of Y") is not the location.
        ("Two guards were killed on Monday in Dujail, north of Baghdad.", "killed", "Dujail"),
        # A coordinated verb's non-locative phrase is its own ("accused of ... in X").
        ("The man was arrested and accused of an attack in Kabul.", "arrested", None),
        # According to: a source, not the place.
        ("Three men were killed, according to officials in Amman.", "killed", None),
        # The object of a clause inside a phrase ("people who speak X") is not the place.
        ("Police patrolled the streets after attacks on people who visited Mosul.",
         "patrolled", None),
        # "much of X", "half of X": a part of the place.
        ("The rebels have captured much of Angola.", "captured", "Angola"),
        # A place named before a building noun is where the building stands.
        ("The manager of a busy Lisbon hotel was shot on Friday.", "shot", "Lisbon"),
        # A named site NER calls FAC/ORG/PERSON ("X Square", "X Palace").
        ("Hundreds of activists demonstrated outside Marwan Palace.", "demonstrated",
         "Marwan Palace"),
        # A "where" clause of a place.
        ("Troops entered Tikrit, where gunmen killed four police officers.", "killed",
         "Tikrit"),
    ],
)  # fmt: skip
def test_locate_event_round3(
    nlp: Any, resources: Resources, text: str, verb: str, place: str | None
) -> None:
    assert _located(nlp, resources, text, verb) == place


def test_unresolved_site_takes_article_country(nlp: Any, resources: Resources) -> None:
    doc = run(nlp, resources, "Protesters gathered in Cairo and Alexandria outside Marwan Palace.")
    site = next(p for p in doc.places if p.text == "Marwan Palace")
    assert (site.feature, site.country) == ("other", "EGY")


# --------------------------------------------------------------------------- issue 17


def run_tagged(nlp: Any, resources: Resources, text: str, tags: list[tuple[str, str]]) -> Document:
    """The stage over `text` with hand-set entities (each the first occurrence of its text),
    so a test does not depend on what the statistical NER happens to call a name."""
    ents = []
    for name, label in tags:
        start = text.index(name)
        ents.append(EntitySpan(start, start + len(name), name, label))
    doc = Document(article=Article(id="t", published="2024-11-02"), text=text, nlp=nlp(text),
                   entities=ents)  # fmt: skip
    return places_stage(doc, resources=resources)


def test_gazetteer_knows_fame_and_capitals(gaz: Gazetteer) -> None:
    genevas = [e for e in gaz.candidates("Geneva") if e.feature == "city"]
    famous = max(genevas, key=lambda e: e.known_names)
    assert famous.country == "CHE"
    assert all(e.known_names < famous.known_names for e in genevas if e is not famous)
    assert any(e.capital and e.country == "FRA" for e in gaz.candidates("Paris"))
    assert not any(e.capital for e in gaz.candidates("Paris") if e.country == "USA")


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        # Well-known cities win over namesakes in a country the article also names...
        ("American and Iranian negotiators met in Geneva on Monday.", "Geneva", "CHE"),
        ("U.S. envoys flew to Vienna for talks with Iranian officials.", "Vienna", "AUT"),
        ("Taliban and U.S. negotiators resumed talks in Doha on Saturday.", "Doha", "QAT"),
        ("American and Canadian ministers met in Vancouver on Friday.", "Vancouver", "CAN"),
        # ...unless the text says otherwise (a qualifier).
        ("Police in Geneva, Illinois, closed the road on Monday.", "Geneva", "USA"),
        ("Officials in Vancouver, Washington, closed the bridge.", "Vancouver", "USA"),
    ],
)  # fmt: skip
def test_famous_city_wins_unless_text_says_otherwise(
    nlp: Any, resources: Resources, text: str, name: str, iso3: str
) -> None:
    doc = run(nlp, resources, text)
    assert [p.country for p in doc.places if p.text == name] == [iso3]


def test_continent_has_its_geonames_id(gaz: Gazetteer) -> None:
    (europe,) = [e for e in gaz.candidates("Europe") if e.feature == "region"]
    assert europe.geonames_id == 6255148


def test_capital_before_namesake(gaz: Gazetteer) -> None:
    # Douglas, Isle of Man (the capital) and Douglas, Ireland are towns of a size.
    entry = resolve_name(gaz, "douglas")
    assert entry is not None and entry.country == "IMN"


def test_fame_and_capital_count_once(gaz: Gazetteer) -> None:
    # London, England is famous and a capital: one kind of evidence, so an article half
    # about Canada keeps its London, Ontario.
    from collections import Counter

    entry = resolve_name(gaz, "london", context=Counter({"CAN": 1, "USA": 1}))
    assert entry is not None and entry.country == "CAN"


def test_alternate_name_city_is_no_famous_city(gaz: Gazetteer) -> None:
    # "Mexico" is an alternate name of Mexico City: the name is the country's own.
    entry = resolve_name(gaz, "mexico", near=[(19.43, -99.13)])
    assert entry is not None and entry.feature == "country"


def test_closeness_to_other_places(gaz: Gazetteer) -> None:
    # Springfield beside a town in Massachusetts is the Massachusetts one.
    entry = resolve_name(gaz, "springfield", near=[(42.15, -72.61)])
    assert entry is not None and entry.admin1 == "Massachusetts"
    far = resolve_name(gaz, "springfield")
    assert far is not None and far.admin1 != "Massachusetts"


def test_country_is_never_qualified(nlp: Any, resources: Resources) -> None:
    # "in Russia, U.S. officials said": a list, not "Russia, a town in the US".
    doc = run(nlp, resources, "He worked for years in Russia, U.S. officials said on Monday.")
    russia = doc.places[0]
    assert (russia.text, russia.feature, russia.country) == ("Russia", "country", "RUS")


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        # a person's surname alone is the person, not Obama, Japan
        ("Barack Obama spoke in Chicago. Later, Obama flew home.",
         [("Barack Obama", "PERSON"), ("Chicago", "GPE"), ("Obama", "GPE")]),
        # a nationality word, whatever NER calls it, is not Canadian, Texas
        ("Canadian troops arrived in Latvia on Monday.", [("Canadian", "GPE"), ("Latvia", "GPE")]),
    ],
)  # fmt: skip
def test_people_and_nationalities_are_not_places(
    nlp: Any, resources: Resources, text: str, tags: list[tuple[str, str]]
) -> None:
    doc = run_tagged(nlp, resources, text, tags)
    names = [p.text for p in doc.places]
    assert "Obama" not in names and "Canadian" not in names
    assert names[-1] in ("Chicago", "Latvia")


def test_the_gulf_is_the_persian_gulf(nlp: Any, resources: Resources) -> None:
    # A written region's other names are news names: "the Gulf" is no Gulf Province, PNG.
    text = "Iran threatened shipping in the Gulf on Sunday."
    doc = run_tagged(nlp, resources, text, [("Iran", "GPE"), ("Gulf", "LOC")])
    gulf = doc.places[-1]
    assert (gulf.feature, gulf.country) == ("region", None)
    assert gulf.lat is not None and gulf.lat > 20


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        # a town NER calls an organisation or a person, after a locative word
        ("Hundreds of families fled from Kobane on Sunday.", [("Kobane", "ORG")],
         [("Kobane", "SYR")]),
        ("The convoy drove toward Mosul at dawn.", [("Mosul", "PERSON")], [("Mosul", "IRQ")]),
        # a province NER calls an organisation is a place without a cue
        ("Saskatchewan's hospitals are full.", [("Saskatchewan", "ORG")],
         [("Saskatchewan", "CAN")]),
        # coordinated toponyms tagged as one entity split
        ("Shells hit homes in Rafah and Khan Younis overnight.",
         [("Rafah and Khan Younis", "ORG")], [("Rafah", "PSE"), ("Khan Younis", "PSE")]),
        ("Flooding hit Basra, Najaf and Karbala.", [("Basra, Najaf and Karbala", "GPE")],
         [("Basra", "IRQ"), ("Najaf", "IRQ"), ("Karbala", "IRQ")]),
        # the longest gazetteer name wins
        ("Protesters gathered in Port Said on Friday.", [("Said", "PERSON")],
         [("Port Said", "EGY")]),
        ("Flights to Kuwait City resumed on Friday.", [("Kuwait", "GPE")],
         [("Kuwait City", "KWT")]),
    ],
)  # fmt: skip
def test_gazetteer_first_recognition(
    nlp: Any, resources: Resources, text: str, tags: list[tuple[str, str]],
    expected: list[tuple[str, str]],
) -> None:  # fmt: skip
    doc = run_tagged(nlp, resources, text, tags)
    assert [(p.text, p.country) for p in doc.places] == expected


def test_port_city_named_after_country(nlp: Any, resources: Resources) -> None:
    doc = run_tagged(nlp, resources, "Flights to Kuwait City resumed.", [("Kuwait", "GPE")])
    assert [p.feature for p in doc.places] == ["city"]


@pytest.mark.parametrize(
    ("text", "span", "iso3"),
    [
        ("Airstrikes hit northern Syria on Monday.", "northern Syria", "SYR"),
        ("Fighting spread across eastern Ukraine.", "eastern Ukraine", "UKR"),
        ("Storms hit central Kentucky overnight.", "central Kentucky", "USA"),
    ],
)
def test_descriptive_regions(
    nlp: Any, resources: Resources, text: str, span: str, iso3: str
) -> None:
    doc = run(nlp, resources, text)
    (region,) = doc.places
    assert (region.text, region.feature, region.country) == (span, "region", iso3)
    assert region.lat is not None and region.lon is not None
    assert doc.text[region.start : region.end] == span


def test_side_of_a_region_tagged_whole(nlp: Any, resources: Resources) -> None:
    text = "Warships patrolled the Eastern Mediterranean on Monday."
    doc = run_tagged(nlp, resources, text, [("Eastern Mediterranean", "LOC")])
    (sea,) = doc.places
    assert (sea.text, sea.feature, sea.name) == ("Eastern Mediterranean", "region",
                                                 "eastern Mediterranean")  # fmt: skip
    assert sea.lat is not None


def test_named_region_is_kept_whole(nlp: Any, resources: Resources) -> None:
    doc = run(nlp, resources, "Refugees crossed into South Sudan on Monday.")
    assert [(p.text, p.feature) for p in doc.places] == [("South Sudan", "country")]


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        # a title makes a person ("Ms Paterson" is no Paterson, NJ)
        ("Ms Paterson visited Lyon on Monday.", [("Ms Paterson", "GPE"), ("Lyon", "GPE")],
         ["Lyon"]),
        # a place name before "virus" or "fever" names a disease
        ("Cases of West Nile virus rose in Ohio.", [("West Nile", "LOC"), ("Ohio", "GPE")],
         ["Ohio"]),
        # a bare compass word is no region of Cameroon
        ("She spent a year in the South before moving to Lyon.",
         [("South", "LOC"), ("Lyon", "GPE")], ["Lyon"]),
        # a short capitalised abbreviation that is no country or region is not a town
        ("A BA spokesperson said flights to Oslo would resume.", [("BA", "ORG"), ("Oslo", "GPE")],
         ["Oslo"]),
        ("The E.U. sent aid to Chad.", [("E.U.", "GPE"), ("Chad", "GPE")], ["Chad"]),
        # after a nationality word the name is an institution's ("European Union")
        ("The European Union sent aid to Chad.",
         [("European", "NORP"), ("Union", "ORG"), ("Chad", "GPE")], ["Chad"]),
        # an abbreviation of a country or state still is one
        ("Flooding closed roads across NSW on Friday.", [("NSW", "ORG")], ["NSW"]),
    ],
)  # fmt: skip
def test_names_that_are_not_places(
    nlp: Any, resources: Resources, text: str, tags: list[tuple[str, str]], expected: list[str]
) -> None:
    doc = run_tagged(nlp, resources, text, tags)
    assert [p.text for p in doc.places] == expected


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        ("Officers of the Kentucky State Police searched the house.",
         [("the Kentucky State Police", "ORG")], [("Kentucky", "USA")]),
        ("She was taken to the Toronto General Hospital.",
         [("the Toronto General Hospital", "ORG")], [("Toronto", "CAN")]),
        # a news outlet's name holds no toponym
        ("The Los Angeles Times reported the deal.", [("The Los Angeles Times", "ORG")], []),
    ],
)  # fmt: skip
def test_place_opening_an_institution_name(
    nlp: Any, resources: Resources, text: str, tags: list[tuple[str, str]],
    expected: list[tuple[str, str]],
) -> None:  # fmt: skip
    doc = run_tagged(nlp, resources, text, tags)
    assert [(p.text, p.country) for p in doc.places] == expected


def test_first_name_leaves_city_and_cue_keeps_place(nlp: Any, resources: Resources) -> None:
    # Only a surname makes a person of a name: "Paris Hilton" leaves Paris a city; and a
    # surname NER calls a place after "in" is the place.
    text = "The crew flew to Paris with Paris Hilton. They stayed in Lyon with Tom Lyon."
    tags = [("Paris", "GPE"), ("Paris Hilton", "PERSON"), ("Lyon", "GPE"),
            ("Tom Lyon", "PERSON")]  # fmt: skip
    doc = run_tagged(nlp, resources, text, tags)
    assert [(p.text, p.country) for p in doc.places] == [("Paris", "FRA"), ("Lyon", "FRA")]


def test_small_far_town_is_a_stray(nlp: Any, resources: Resources) -> None:
    # The only Heathrow in the gazetteer is a town in Florida; a British story's Heathrow is
    # kept unresolved, in Britain, at the point of the town the story names (London). A
    # qualifier still places a far town.
    text = "Strikes in Britain grounded flights at Heathrow. British unions met in London."
    doc = run_tagged(nlp, resources, text, [("Britain", "GPE"), ("Heathrow", "GPE"),
                                            ("London", "GPE")])  # fmt: skip
    heathrow = next(p for p in doc.places if p.text == "Heathrow")
    london = next(p for p in doc.places if p.text == "London")
    assert (heathrow.feature, heathrow.country, heathrow.geonames_id) == ("other", "GBR", None)
    assert (heathrow.lat, heathrow.lon) == (london.lat, london.lon)
    doc = run(nlp, resources, "British tourists flew to Heathrow, Florida, on Monday.")
    assert next(p.country for p in doc.places if p.text == "Heathrow") == "USA"


def test_named_region_and_nearby_town_count_once(gaz: Gazetteer) -> None:
    # California, Pennsylvania is a small town: naming Pennsylvania and a town beside it is
    # one piece of evidence, not enough to beat the state.
    from collections import Counter

    near = [(40.44, -79.99)]  # a town in western Pennsylvania
    entry = resolve_name(
        gaz, "california", context=Counter({"USA": 3}), admin_context=frozenset({"pennsylvania"}),
        near=near,
    )  # fmt: skip
    assert entry is not None and entry.feature == "admin1"


def test_fame_yields_to_local_evidence(gaz: Gazetteer) -> None:
    # A nearby town is the text saying otherwise: Geneva beside a town in upstate New York
    # is Geneva, New York, though Geneva, Switzerland is far better known.
    from collections import Counter

    assert resolve_name(gaz, "geneva", context=Counter()).country == "CHE"  # type: ignore[union-attr]

    entry = resolve_name(gaz, "geneva", context=Counter(), near=[(42.9, -77.0)])
    assert entry is not None and (entry.country, entry.admin1) == ("USA", "New York")


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        # a province's name alone makes an ORG a place, not a group or a person
        ("Chechen fighters crossed the river.", [("Chechen", "NORP")], []),
        ("Arad was captured by the militia in 1986.", [("Arad", "PERSON")], []),
        # a stray quote mark tagged as an entity does not widen into the next name
        ('Guards called the jail the "Lima Hilton."', [('the "', "ORG"), ("Lima Hilton", "PERSON")],
         []),
        # one nationality word is too little to make a far town a stray
        ("French troops captured Birao on Monday.", [("French", "NORP"), ("Birao", "ORG")],
         [("Birao", "CAF")]),
    ],
)  # fmt: skip
def test_weak_cues_stay_weak(
    nlp: Any, resources: Resources, text: str, tags: list[tuple[str, str]],
    expected: list[tuple[str, str]],
) -> None:  # fmt: skip
    doc = run_tagged(nlp, resources, text, tags)
    assert [(p.text, p.country) for p in doc.places] == expected
