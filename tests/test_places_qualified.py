"""Seventh round of #17: what the text around a name says of it. Our own sentences, run
through the parser and the places stage, with NER's labels given where the test needs a
particular mislabelling."""

from __future__ import annotations

from typing import Any

from eventwire.resources import Resources

from . import placing

places = placing.labelled


def test_a_state_after_a_comma_makes_a_surname_the_town(nlp: Any, resources: Resources) -> None:
    # "Tom Houston" makes Houston a person's name in this article; "Houston, Texas" is the
    # town all the same, as a state that holds a town of that name qualifies it.
    text = "Officials praised Tom Houston. The crates were trucked from Dallas to Houston, Texas."
    labels = [("Tom Houston", "PERSON"), ("Dallas", "GPE"), ("Houston", "GPE"), ("Texas", "GPE")]
    got = places(nlp, resources, text, labels)
    assert got["Houston"].admin1 == "Texas"
    # the person's own mention stays a person
    assert "Tom Houston" not in got and not any(p.start < 30 for p in got.values())


def test_a_state_after_a_comma_makes_a_mislabelled_name_the_town(
    nlp: Any, resources: Resources
) -> None:
    # NER calls the town a person, and no preposition says place; its state after the
    # comma does.
    text = "Frederick, Maryland, reported two new cases of the disease on Monday."
    got = places(nlp, resources, text, [("Frederick", "PERSON"), ("Maryland", "GPE")])
    assert got["Frederick"].admin1 == "Maryland"


def test_a_comma_and_a_state_that_holds_no_such_town_place_nothing(
    nlp: Any, resources: Resources
) -> None:
    # A person's name before a comma and a state (a list, an address) is no town unless
    # the state holds a town of that name.
    text = "Officials praised Jane Quorvath. Quorvath, Texas officials said, would stay."
    labels = [("Jane Quorvath", "PERSON"), ("Quorvath", "PERSON"), ("Texas", "GPE")]
    got = places(nlp, resources, text, labels)
    assert "Quorvath" not in got
