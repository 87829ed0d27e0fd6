"""Which entry and which point a name gets (#17, sixth round): a region called like a city
in it, qualifiers that hold a town. Our own sentences, run through the parser and the places
stage."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.record import Article, Document, EntitySpan, Place
from eventwire.resources import Resources
from eventwire.stages.places import places_stage


def places(nlp: Any, resources: Resources, text: str) -> dict[str, Place]:
    parsed = nlp(text)
    ents = [EntitySpan(e.start_char, e.end_char, e.text, e.label_) for e in parsed.ents]
    doc = Document(article=Article(id="t"), text=text, nlp=parsed, entities=ents)
    return {p.text: p for p in places_stage(doc, resources=resources).places}


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
    ],
)  # fmt: skip
def test_a_region_called_like_a_city_in_it(
    nlp: Any, resources: Resources, text: str, name: str, feature: str, country: str
) -> None:
    got = places(nlp, resources, text)[name]
    assert (got.feature, got.country) == (feature, country)
