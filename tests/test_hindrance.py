"""Hindrance (`events/triggers._hinders_someone`, the "from" rows of event_triggers.tsv): a
verb whose object is someone and whose "from" takes a gerund keeps them from acting. Each test
names the phenomenon it covers, on sentences written for these tests."""

from __future__ import annotations

import pytest

from .coding import Code, Row
from .coding import rows as _events


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Chilean police prevented the protesters from entering the square.",
            [("COERCE", ["Chilean police"], ["protesters"], "occurred")],
        ),
        (
            "Peruvian militias are stopping civilians from leaving the town.",
            [("COERCE", ["Peruvian militias"], ["civilians"], "ongoing")],
        ),
        (
            "The Bolivian government barred journalists from covering the trial.",
            [("COERCE", ["Bolivian government"], ["journalists"], "occurred")],
        ),
    ],
)
def test_keeping_someone_from_acting_restricts_them(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    "text",
    [
        # what is kept from happening is a thing, not someone: no restriction of anyone
        "The Chilean army prevented the fire from spreading.",
        # "from" with a place, not a gerund: no hindrance ("keep" has no reading of its own)
        "Chilean police kept the protesters from the square.",
        # a thing or a quantity is kept from happening, not someone from acting
        "The Chilean army prevented it from spreading.",
        "Chile stopped 2,000 tonnes of grain from leaving its ports.",
    ],
)
def test_no_hindrance_without_someone_kept_from_an_act(code: Code, text: str) -> None:
    assert [row for row in _events(code(text)) if row[0] == "COERCE"] == []
