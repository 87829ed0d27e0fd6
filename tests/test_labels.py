"""Labelling as accusation (`events/labels.py`): each test names the phenomenon it covers, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.events.labels import stigma_words

from .coding import Code, Row
from .coding import rows as _events


def test_stigmatising_labels_come_from_the_sources() -> None:
    words = stigma_words()
    assert {"liar", "terrorist"} <= words  # the CAMEO-derived "call liar", "brand terrorist"
    assert "smuggler" in words  # a criminal agent noun
    assert "partner" not in words


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a label after the object ("oprd")
        (
            "A Chilean lawmaker called the Peruvian senator a liar.",
            [("ACCUSE", ["Chilean lawmaker"], ["Peruvian senator"], "occurred")],
        ),
        # a modifier of the label stigmatises ("a terrorist group")
        (
            "Chile called the Peruvian militia a terrorist group.",
            [("ACCUSE", ["Chile"], ["Peruvian militia"], "occurred")],
        ),
        # an "as" phrase
        (
            "Chile described Peru as a criminal state.",
            [("ACCUSE", ["Chile"], ["Peru"], "occurred")],
        ),
    ],
)
def test_a_stigmatising_label_accuses_its_bearer(code: Code, text: str, want: list[Row]) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    "text",
    ["Chile called the Peruvian militia a partner.", "Chile described Peru as a close ally."],
)
def test_a_neutral_label_accuses_no_one(code: Code, text: str) -> None:
    assert not any(t == "ACCUSE" for t, _, _, _ in _events(code(text)))
