"""Which actors of different articles are one (`eventwire.store.identity`)."""

from __future__ import annotations

import pytest

from eventwire.record import Actor
from eventwire.store.identity import actor_identity, is_generic


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("women", True),
        ("Ruritanian officials", True),
        ("Assad regime", True),
        # nationality, state and faith words after the first describe, they do not name
        ("3 Syrian civilians", True),
        ("Russian Iranian forces", True),
        ("US UK citizens", True),
        ("Iranian Shia militias", True),
        # a capitalised name among the words: a named body or its members
        ("Free Syrian Army", False),
        ("Foreign Office officials", False),
        ("Islamic State fighters", False),
        ("Syrian Democratic Council", False),
        ("Syrian Observatory", False),
        ("Ghouta", False),
        # a nationality noun names a different person in each article; a state's name does not
        ("Briton", True),
        ("Britons", True),
        ("Americans", True),
        ("Syria", False),
        ("UK", False),
    ],
)
def test_is_generic(name: str, generic: bool) -> None:
    assert is_generic(name) is generic


def test_generic_phrases_with_nationality_words_stay_in_their_article() -> None:
    civilians = Actor(id="A1", name="3 Syrian civilians", country="SYR", sector="CVL")
    assert actor_identity(civilians, 1) != actor_identity(civilians, 2)
    army = Actor(id="A2", name="Free Syrian Army", country="SYR", sector="REB")
    assert actor_identity(army, 1) == actor_identity(army, 2)
