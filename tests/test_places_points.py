"""Which entry and which point a name gets (#17, sixth round): a region called like a city
in it, qualifiers that hold a town. Our own sentences, run through the parser and the places
stage."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.resources import Resources

from .placing import places


@pytest.mark.parametrize(
    ("text", "name", "feature", "country"),
    [
        # the province: its namesake city is not its largest (Montreal is)
        ("The two suspects are both from Quebec, police in Winnipeg said.",
         "Quebec", "admin1", "CAN"),
        ("Right turns on red lights became legal in Quebec in 2003.", "Quebec", "admin1", "CAN"),
        # the text names the city
        ("She grew up in the city of Quebec before moving west.", "Quebec", "city", "CAN"),
        # the governorate's largest city is its namesake: the city
        ("Shelling hit Aleppo on Monday, residents said.", "Aleppo", "city", "SYR"),
        # a small region is named for its seat, whatever the seat's size (the gazetteer
        # files Gaza City under Rafah governorate)
        ("Israeli strikes hit Rafah overnight, residents said.", "Rafah", "city", "PSE"),
        # a near tie with the region's largest town is no evidence (Guaymallen, a suburb)
        ("Wine makers met in Mendoza on Monday.", "Mendoza", "city", "ARG"),
    ],
)  # fmt: skip
def test_a_region_called_like_a_city_in_it(
    nlp: Any, resources: Resources, text: str, name: str, feature: str, country: str
) -> None:
    got = places(nlp, resources, text)[name]
    assert (got.feature, got.country) == (feature, country)


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        # the gazetteer knows only a Texan Holliday: the Missouri village is unresolved, in
        # Missouri (its point)
        ("A tractor overturned two miles south of Holliday, Missouri, on Friday.",
         "Holliday", "USA", "Missouri"),
        # only English, American and Australian Strouds are known: the town is in Ontario
        ("Police stopped the truck in Stroud, Ontario, on Monday night.",
         "Stroud", "CAN", "Ontario"),
    ],
)  # fmt: skip
def test_a_qualifier_that_holds_no_town_of_the_name_places_it(
    nlp: Any, resources: Resources, text: str, name: str, country: str, admin1: str
) -> None:
    got = places(nlp, resources, text)[name]
    assert (got.feature, got.country, got.admin1, got.geonames_id) == (
        "other",
        country,
        admin1,
        None,
    )
    assert got.lat is not None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a qualifier that holds a town of the name keeps it resolved
        ("She lived in Glasgow, Scotland, until last year.", "Glasgow", "GBR"),
        ("Police in Paris, Texas, closed the road.", "Paris", "USA"),
        # a town filed under another region close to the one named is still the town
        ("Tests were run on farms in Manaoag, Pangasinan, last week.", "Manaoag", "PHL"),
        # members of a list are peers, not a town and its state
        ("Cases were reported in New York, Pennsylvania, and New Jersey.", "New York", "USA"),
    ],
)  # fmt: skip
def test_a_qualifier_that_holds_the_town_keeps_it(
    nlp: Any, resources: Resources, text: str, name: str, country: str
) -> None:
    got = places(nlp, resources, text)[name]
    assert got.country == country and got.geonames_id is not None


def test_a_site_lies_in_the_main_countrys_most_named_town(nlp: Any, resources: Resources) -> None:
    # Moscow is named most, but the story is British: the site is in London, not nowhere
    got = places(
        nlp,
        resources,
        "Moscow denied any part in the poisoning, Moscow officials said. Police in Britain "
        "searched a sushi bar in Piccadilly on Friday. Detectives in London questioned "
        "witnesses across England.",
    )
    site, london = got["Piccadilly"], got["London"]
    assert (site.feature, site.country) == ("other", "GBR")
    assert (site.lat, site.lon) == (london.lat, london.lon)


@pytest.mark.parametrize(
    ("text", "name", "resolved", "country"),
    [
        # the short form of a town's name is its own name, not a foreign alternate
        ("British doctors in Newcastle said the British trial would start in England soon.",
         "Newcastle", "Newcastle upon Tyne", "GBR"),
        ("German bankers met in Frankfurt on Monday.", "Frankfurt", "Frankfurt am Main", "DEU"),
        # a capitalised word after the name is no short form: New York is the state's name too
        ("The governor of New York signed the bill.", "New York", "New York", "USA"),
    ],
)  # fmt: skip
def test_the_short_form_of_a_towns_name(
    nlp: Any, resources: Resources, text: str, name: str, resolved: str, country: str
) -> None:
    got = places(nlp, resources, text)[name]
    assert (got.name, got.country) == (resolved, country)


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # a county is in its state, also when the "in" phrase names a side of the state
        ("The family bought a farm in Monroe County in northeast Missouri. Iowa buyers and "
         "Iowa sellers were outbid.", "Missouri"),
        ("Swans were found in Crawford County in western Pennsylvania. Ohio officials and "
         "Ohio hunters were told.", "Pennsylvania"),
        # "located in" places a name like "in"
        ("Ducks were sampled in Crawford County located in Pennsylvania. Ohio officials and "
         "Ohio hunters were told.", "Pennsylvania"),
    ],
)  # fmt: skip
def test_a_county_in_a_side_of_its_state(
    nlp: Any, resources: Resources, text: str, admin1: str
) -> None:
    got = places(nlp, resources, text)
    county = next(p for t, p in got.items() if t.endswith("County"))
    assert (county.country, county.admin1) == ("USA", admin1)


@pytest.mark.parametrize("name", ["Rio Grande do Sul", "Mato Grosso do Sul"])
def test_a_name_runs_on_over_its_link_word(nlp: Any, resources: Resources, name: str) -> None:
    # NER stops at "do": the longest gazetteer name still wins
    got = places(nlp, resources, "One case was confirmed in Rio Grande do Sul, and two in "
                 "Mato Grosso do Sul.")  # fmt: skip
    assert (got[name].name, got[name].feature, got[name].country) == (name, "admin1", "BRA")


def test_a_town_possesses_its_parts(nlp: Any, resources: Resources) -> None:
    # the gazetteer's only Heathrow is in Florida: London's is the part of London
    got = places(nlp, resources, "Cabin crews who work out of London's Heathrow will strike.")
    site, london = got["Heathrow"], got["London"]
    assert (site.feature, site.country, site.geonames_id) == ("other", "GBR", None)
    assert (site.lat, site.lon) == (london.lat, london.lon)
    # a namesake near the possessor is the place itself
    got = places(nlp, resources, "Protesters gathered in Baghdad's Sadr City on Friday.")
    assert got["Sadr City"].country == "IRQ" and got["Sadr City"].geonames_id is not None
