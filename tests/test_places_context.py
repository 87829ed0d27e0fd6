"""Places resolved by what the text around them says (#17): the level a list gives its
members, and the point of a place the gazetteer lacks (the place that holds it, or the town
the article is about). Our own sentences, run through the parser and the places stage."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.resources import Resources

from .placing import places


@pytest.mark.parametrize(
    ("text", "name", "feature", "country"),
    [
        # every member can be a US state: a list of states, no town of Oklahoma, Pennsylvania
        ("Salmonella cases were reported in Georgia, Oklahoma, Pennsylvania and Wisconsin.",
         "Oklahoma", "admin1", "USA"),
        ("Salmonella cases were reported in Georgia, Oklahoma, Pennsylvania and Wisconsin.",
         "Georgia", "admin1", "USA"),
        ("Storms closed schools in Washington, West Virginia and Wyoming on Monday.",
         "Washington", "admin1", "USA"),
        ("Storms closed schools in Washington, West Virginia and Wyoming on Monday.",
         "Wyoming", "admin1", "USA"),
        ("Troops moved between Georgia and Alabama.", "Georgia", "admin1", "USA"),
        # every member can be a country: countries
        ("Ministers from Georgia, Armenia and Azerbaijan met on Monday.",
         "Georgia", "country", "GEO"),
        # a region named after its seat stays the city the news means
        ("Shelling hit Aleppo, Homs and Idlib.", "Homs", "city", "SYR"),
        # two names joined by a comma alone are a town and its state, not a list
        ("Police in Paris, Texas, closed the road.", "Paris", "city", "USA"),
    ],
)  # fmt: skip
def test_a_list_gives_its_members_one_level(
    nlp: Any, resources: Resources, text: str, name: str, feature: str, country: str
) -> None:
    got = places(nlp, resources, text)[name]
    assert (got.feature, got.country) == (feature, country)


@pytest.mark.parametrize(
    ("text", "name", "holder"),
    [
        # a village the gazetteer lacks, placed in a province: the province's point
        ("Rebels shelled the villages of Foua and Kfraya in Idlib province.", "Foua", "Idlib"),
        ("Rebels shelled the villages of Foua and Kfraya in Idlib province.", "Kfraya", "Idlib"),
        # a possessor holds the district it names
        ("A bomb hit a church in Cairo's Abbassiya district.", "Abbassiya", "Cairo"),
        # a suburb, then its city
        ("The outbreak began in Greenlane, Auckland, last week.", "Greenlane", "Auckland"),
        # a valley near a town, in a story about another town
        (
            "Vancouver sent crews. Vancouver officials said homes in the Bonaparte Valley area "
            "near Kamloops were evacuated.",
            "Bonaparte Valley",
            "Kamloops",
        ),
    ],
)
def test_an_unknown_place_takes_the_point_of_the_place_that_holds_it(
    nlp: Any, resources: Resources, text: str, name: str, holder: str
) -> None:
    got = places(nlp, resources, text)
    place, outer = got[name], got[holder]
    assert place.feature == "other" and place.geonames_id is None  # still not its own entry
    assert (place.lat, place.lon, place.country) == (outer.lat, outer.lon, outer.country)
    assert place.lat is not None


def test_an_unknown_place_in_an_article_without_towns_keeps_no_point(
    nlp: Any, resources: Resources
) -> None:
    got = places(nlp, resources, "Police searched Zorbatown, officials in France said.")
    assert got["Zorbatown"].lat is None and got["Zorbatown"].country == "FRA"


def test_a_site_the_text_puts_nowhere_lies_in_the_town_the_article_names_most(
    nlp: Any, resources: Resources
) -> None:
    text = (
        "Two men were hurt in a crash in Winnipeg on Monday. Both were taken to St. Boniface "
        "Hospital. Winnipeg police said the roads were icy."
    )
    got = places(nlp, resources, text)
    site, town = got["St. Boniface Hospital"], got["Winnipeg"]
    assert site.feature == "other" and (site.lat, site.lon) == (town.lat, town.lon)


def test_a_council_names_a_local_authority(nlp: Any, resources: Resources) -> None:
    # "X Council" is the authority of an administrative area (the London borough), not a town
    # of that name, even beside a town near the namesake (Enfield, Connecticut)
    text = "Students from Hartford visited in May. Paul Smith, Enfield Council's head of arts, "
    got = places(nlp, resources, text + "said it worked.")
    assert (got["Enfield"].feature, got["Enfield"].country) == ("admin1", "GBR")
    got = places(nlp, resources, text.replace("Enfield Council's", "the Enfield") + "said so.")
    assert got["Enfield"].country == "USA"  # without the council, the nearby town


def test_a_sentence_may_open_on_its_locative_cue(nlp: Any, resources: Resources) -> None:
    # "In" opens the sentence: the word before it ends the last one and is no part of the cue
    found = places(nlp, resources, "Fighting went on for days. In Goma, rebels seized the airport.")
    assert found["Goma"].country == "COD"
