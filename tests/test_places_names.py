"""Which words are names of places (#17): a word without a capital is none, and a known name
inside a longer capitalised name is that name's word, not the place. Our own sentences, run
through the parser and the places stage."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.record import Article, Document, EntitySpan
from eventwire.resources import Resources
from eventwire.stages.places import places_stage

from .placing import places


def test_a_word_without_a_capital_is_no_place(nlp: Any, resources: Resources) -> None:
    # NER sometimes tags a clitic as a GPE; "n't" looks up as "NT", the Northern Territory.
    text = "Half of the volunteers are parishioners and half aren't."
    start = text.index("n't")
    got = places(nlp, resources, text, [EntitySpan(start, start + 3, "n't", "GPE")])
    assert got == {}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the tail of a longer name: no Delta State, Nigeria
        ("Officials confirmed an outbreak in the Danube Delta area. It was found there last week.",
         "Delta"),
        # a head that is only an alternate name: "Fort" is one of Augusta, Maine's
        ("A soldier was arrested near Fort Hood military base on Monday.", "Fort"),
    ],
)  # fmt: skip
def test_a_name_inside_a_longer_name_is_not_the_place(
    nlp: Any, resources: Resources, text: str, word: str
) -> None:
    assert word not in places(nlp, resources, text)


def test_a_side_word_before_a_name_still_describes_it(nlp: Any, resources: Resources) -> None:
    got = places(nlp, resources, "A woman from Sukoharjo, Central Java, died on Friday.")
    assert any(p.country == "IDN" for p in got.values())


@pytest.mark.parametrize(
    "text",
    [
        "The trials ran in Attapeu, Laos; Binh Phuoc, Vietnam; and Pingilikani, Kenya, in May.",
        "Officials from Laos toured Laos and then Kenya's Pingilikani village.",
    ],
)
def test_a_country_that_qualifies_an_unknown_name_holds_it(
    nlp: Any, resources: Resources, text: str
) -> None:
    # the gazetteer lacks the village: its country is the one the text gives, not the
    # article's main one
    got = places(nlp, resources, text)["Pingilikani"]
    assert (got.feature, got.country) == ("other", "KEN")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Rescuers reached the towns of Ahar and Heris after the quake.", "Heris", "IRN"),
        ("The districts of Swabi and Mardan were flooded.", "Mardan", "PAK"),
    ],
)  # fmt: skip
def test_a_plural_marker_makes_each_coordinated_name_a_place(
    nlp: Any, resources: Resources, text: str, name: str, country: str
) -> None:
    # NER calls the second name a person; "the towns of" marks both
    assert places(nlp, resources, text)[name].country == country


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a plural after a name does not mark it: no town of Several
        ("Several provinces insisted on Sunday that the plan was unfair.", "Several"),
        # a comma alone does not coordinate: the list needs "and"/"or" before its last member
        ("In the town of Bakwa, Taliban fighters and Afghan troops clashed.", "Taliban"),
    ],
)  # fmt: skip
def test_what_a_plural_marker_does_not_mark(
    nlp: Any, resources: Resources, text: str, word: str
) -> None:
    assert word not in places(nlp, resources, text)


def test_a_name_after_the_that_heads_its_phrase_is_no_small_town(
    nlp: Any, resources: Resources
) -> None:
    # towns take no article: "the White House" is the building, not White House, Tennessee
    got = places(nlp, resources, "The president spoke at the White House on Monday.")
    assert got["White House"].feature == "other"
    assert got["White House"].geonames_id is None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a modifier after "the" is still the town
        ("A regular at the Toowong restaurant said she fell ill.", "Toowong", "AUS"),
        # a large city keeps its article-less reading ("the Vancouver area" is Vancouver)
        ("Ponds froze across the Vancouver area this week.", "Vancouver", "CAN"),
    ],
)  # fmt: skip
def test_a_town_after_the_that_modifies_a_noun_stays_the_town(
    nlp: Any, resources: Resources, text: str, name: str, country: str
) -> None:
    got = places(nlp, resources, text)[name]
    assert (got.feature, got.country) == ("city", country)


def test_a_region_named_a_and_b_is_also_called_a(nlp: Any, resources: Resources) -> None:
    gaz = resources.gazetteer
    assert [(e.name, e.feature) for e in gaz.candidates("Newfoundland")] == [
        ("Newfoundland and Labrador", "admin1")
    ]
    # not when the first name is another place's: Windsor stays the towns
    assert not any(e.feature == "admin1" for e in gaz.candidates("Windsor"))
    got = places(nlp, resources, "Oil jobs were lost in Alberta, Manitoba and Newfoundland.")
    assert (got["Newfoundland"].feature, got["Newfoundland"].country) == ("admin1", "CAN")


@pytest.mark.parametrize(
    "text",
    [
        "A student from Edmonton will teach English in China next month. She grew up in "
        "Hackney and studied in France and China.",
        "Chefs from China and France judged the pupils at a hall in Edmonton, near Hackney, on "
        "Friday.",
    ],
)
def test_a_small_region_anchors_the_towns_near_it(
    nlp: Any, resources: Resources, text: str
) -> None:
    # Hackney, a London borough, is a small region: Edmonton beside it is the London one,
    # not the famous Canadian city
    assert places(nlp, resources, text)["Edmonton"].country == "GBR"


def test_only_small_regions_are_neighbourhoods(resources: Resources) -> None:
    # the mean area of a country's regions: London boroughs are small, provinces vast
    gaz = resources.gazetteer
    assert (gaz.region_area("GBR") or 0) < 70_000 < (gaz.region_area("CAN") or 0)
    assert (gaz.region_area("USA") or 0) > 70_000


def test_a_written_region_of_side_words_is_a_name(nlp: Any, resources: Resources) -> None:
    got = places(nlp, resources, "Violence spread across the Middle East on Sunday.")
    assert got["Middle East"].feature == "region"
    # a side word alone is still no place
    assert "South" not in places(nlp, resources, "Rebels retreated to the South of the country.")


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        # NER calls the town a language; a locative word before it says place
        ('"Why are you bombing hospitals in Syria, in Aleppo?" the senator asked.', "Aleppo",
         True),
        # a language's name is no place, whatever NER calls it
        ("He spoke Hindi with the guards in Delhi.", "Hindi", False),
        ("She answered in Mandarin and then in English.", "Mandarin", False),
    ],
)  # fmt: skip
def test_languages_and_places_ner_calls_languages(
    nlp: Any, resources: Resources, text: str, name: str, place: bool
) -> None:
    assert (name in places(nlp, resources, text)) == place


def test_a_name_split_at_of_is_joined(nlp: Any, resources: Resources) -> None:
    # NER tags "Democratic Republic" and "Congo" apart: the name is the whole, not the
    # neighbouring Republic of the Congo
    got = places(
        nlp, resources, "Measles cases rose in Angola, Chad, and Democratic Republic of the Congo."
    )
    assert got["Democratic Republic of the Congo"].country == "COD"
    assert "Congo" not in got


@pytest.mark.parametrize(
    ("text", "name", "region", "town", "country"),
    [
        ("A retired couple from Barrie, Ont., won the draw on Friday.", "Ont", "Ontario",
         "Barrie", "CAN"),
        ("EDMONTON, Ky (AP) -- A barn fire closed the highway overnight.", "Ky", "Kentucky",
         "EDMONTON", "USA"),
    ],
)  # fmt: skip
def test_a_state_abbreviation_ner_calls_a_person_qualifies_its_town(
    nlp: Any, resources: Resources, text: str, name: str, region: str, town: str, country: str
) -> None:
    got = places(nlp, resources, text)
    assert got[name].name == region
    assert got[town].country == country


def test_a_place_before_a_haemorrhagic_fever_names_the_disease(
    nlp: Any, resources: Resources
) -> None:
    got = places(nlp, resources, "Marburg hemorrhagic fever killed 12 people in Uige last month.")
    assert "Marburg" not in got
    assert got["Uige"].country == "AGO"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The film is set in the South Pacific and was shot on Tanna.", "South Pacific"),
        ("A woman from West Java died on Friday, officials in Jakarta said.", "West Java"),
    ],
)
def test_a_small_town_has_no_sides(nlp: Any, resources: Resources, text: str, name: str) -> None:
    # no Pacific, Missouri or Java, Georgia: the whole name stays, a name the gazetteer lacks
    got = places(nlp, resources, text)[name]
    assert got.feature == "other" and got.geonames_id is None


def test_a_town_in_a_street_address_is_the_local_one(nlp: Any, resources: Resources) -> None:
    # Local news names its residents' streets: the town of an address is no famous namesake.
    rest = " will work in Shanghai, China, after her studies in Britain. She will learn Chinese."
    plain = "Jane Moss, 23, from Edmonton," + rest
    addressed = "Jane Moss, 23, of Church Lane, Edmonton," + rest
    assert places(nlp, resources, plain)["Edmonton"].country == "CAN"
    assert places(nlp, resources, addressed)["Edmonton"].country == "GBR"


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Doctors said the outbreak began in Austin, in Scott County, Indiana, last spring.",
         "Austin", "Indiana"),
        ("Farmers culled ducks near Portland in Indiana after the virus was found.",
         "Portland", "Indiana"),
    ],
)  # fmt: skip
def test_an_in_phrase_places_a_town_like_a_qualifier(
    nlp: Any, resources: Resources, text: str, name: str, admin1: str
) -> None:
    # "Town in Region" and "Town, in County, State" say which town, as "Town, State" does.
    got = places(nlp, resources, text)[name]
    assert (got.country, got.admin1) == ("USA", admin1)


def test_a_name_split_at_its_hyphen_is_joined(nlp: Any, resources: Resources) -> None:
    # NER tags "Guinea" of "Guinea-Bissau": the whole hyphenated name is the country.
    text = "The outbreak spread from Senegal to Guinea-Bissau last year."
    start = text.index("Guinea")
    ents = [EntitySpan(25, 32, "Senegal", "GPE"), EntitySpan(start, start + 6, "Guinea", "GPE")]
    got = places(nlp, resources, text, ents)
    assert got["Guinea-Bissau"].country == "GNB"
    assert "Guinea" not in got


def test_a_body_named_after_two_places_holds_both(nlp: Any, resources: Resources) -> None:
    # "Middlesex-London" names a county and a town: the resolved town is tagged there too,
    # but not after a lower-case prefix ("pro-London").
    text = (
        "Paramedics in London, Ontario, are ready. The Middlesex-London Health Unit said so, "
        "and pro-London voters agreed."
    )
    parsed = nlp(text)
    doc = Document(
        article=Article(id="t"),
        text=text,
        nlp=parsed,
        entities=[EntitySpan(e.start_char, e.end_char, e.text, e.label_) for e in parsed.ents],
    )
    starts = {p.start for p in places_stage(doc, resources=resources).places if p.text == "London"}
    assert text.index("London Health") in starts
    assert text.index("London voters") not in starts
