"""Symmetric acts and "between" (`events/symmetric.py`): each test names the phenomenon it
covers, on sentences written for these tests."""

from __future__ import annotations

import pytest

from .coding import Code, Row
from .coding import rows as _events


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a two-sided noun whose parties only "between" names: the first acts on the second
        (
            "Talks between Chile and Peru resumed in Lima on Monday.",
            [("CONSULT", ["Chile"], ["Peru"], "occurred")],
        ),
        (
            "Clashes between Chile and Peru killed four soldiers on Monday.",
            [("ASSAULT", ["Chile"], ["Peru"], "occurred")],
        ),
        (
            "Fresh fighting between Bolivia and Paraguay broke out on Monday.",
            [("ASSAULT", ["Bolivia"], ["Paraguay"], "occurred")],
        ),
        # "between" on the verb the noun is the subject of
        (
            "Clashes broke out between Chilean police and Peruvian protesters on Monday.",
            [("ASSAULT", ["Chilean police"], ["Peruvian protesters"], "occurred")],
        ),
        # a symmetric noun's "with" names the other side
        (
            "Chilean troops' clashes with Peruvian rebels continued on Monday.",
            [("ASSAULT", ["Chilean troops"], ["Peruvian rebels"], "ongoing")],
        ),
    ],
)
def test_between_names_both_sides_of_a_two_sided_noun(
    code: Code, text: str, want: list[Row]
) -> None:
    assert _events(code(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a reciprocal verb with a coordinated subject and no object: each did it to the other
        (
            "Chilean police and Peruvian protesters clashed on Monday.",
            [("ASSAULT", ["Chilean police"], ["Peruvian protesters"], "occurred")],
        ),
        # its "with" names the other side, not an instrument
        (
            "Chilean police clashed with Peruvian protesters on Monday.",
            [("ASSAULT", ["Chilean police"], ["Peruvian protesters"], "occurred")],
        ),
        # a verb whose object is a symmetric act
        ("Chile and Peru fought a war in 1879.", [("ASSAULT", ["Chile"], ["Peru"], "occurred")]),
    ],
)
def test_reciprocal_verbs_set_the_parties_against_each_other(
    code: Code, text: str, want: list[Row]
) -> None:
    assert [row for row in _events(code(text)) if row[0] == "ASSAULT"] == want


def test_joint_action_is_not_read_as_mutual(code: Code) -> None:
    # "fought" alone may be joint action: the coordinated subject stays one side
    rows = _events(code("Chile and Peru fought the rebels on Monday."))
    assert rows == [("ASSAULT", ["Chile", "Peru"], ["rebels"], "occurred")]


@pytest.mark.parametrize(
    "text", ["Chile and Peru condemned the war.", "Chile and Peru joined the war on Monday."]
)
def test_a_war_as_object_makes_only_fighting_mutual(code: Code, text: str) -> None:
    # condemning or joining a war is not waging it against each other
    assert not any(
        source == ["Chile"] and target == ["Peru"] for _, source, target, _ in _events(code(text))
    )


def test_a_clash_between_persons_is_a_dispute_in_words(code: Code) -> None:
    # persons alone do not fight when they clash; forces do ("police clashed with protesters")
    rows = _events(
        code("The Chilean minister Ana Rojas clashed with Pedro Castillo over the plan.")
    )
    assert [(t, s, g) for t, s, g, _ in rows] == [("ACCUSE", ["Ana Rojas"], ["Pedro Castillo"])]
