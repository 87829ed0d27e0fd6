"""Symmetric acts and "between": who the two sides are when the act relates them to each other.

A reciprocal verb (lexicon class `reciprocal_verb`: "clash", "skirmish") is done by each party
to the other, so a coordinated subject with no object names both sides ("Police and protesters
clashed": police -> protesters) and "with" names the other side, not an instrument ("police
clashed with protesters"), and so is a verb whose object is a symmetric act ("X and Y fought a
war"). "Fought" alone is not one: "X and Y fought in Syria", "fought with X" may be
joint action. A two-sided noun (a symmetric act, `symmetric_act`: "clashes", "fighting", "war";
or one of a type whose frame is reciprocal: "talks", "a deal") whose parties only "between"
names has both sides there ("clashes between X and Y", "talks between X and Y", also "clashes
broke out between X and Y", where the parser hangs "between" on the verb), and a
symmetric noun's "with" names the other side ("clashes with police", "fighting with Isis").
In each case the first party is the source and the others the target, as for the reciprocal
types (`participants._reciprocal`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import words
from .phrases import Owner, prep_objects
from .phrases import actors as _actors

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..record import Actor

__all__ = ["between_sides", "is_reciprocal", "is_symmetric", "partner", "war_of_words"]

_SYMMETRIC = words("symmetric_act")
_RECIPROCAL = words("reciprocal_verb")
#: Verbs of failing: parties that fail to agree (a REJECT, `events.triggers`) each reject.
_FAILING = words("failure_verb")


def is_symmetric(token: Token) -> bool:
    """True when a noun trigger is a symmetric act ("clashes", "the fighting", "a war")."""
    return token.lemma_.lower() in _SYMMETRIC or token.lower_ in _SYMMETRIC


def is_reciprocal(token: Token, *, act_type: str) -> bool:
    """True when a verb trigger is done by each of its parties to the other: "clashed", or a
    violent act whose object is a symmetric act ("fought a war", "waged a battle"; not
    "condemned the war", "joined the war")."""
    if token.lemma_.lower() in _RECIPROCAL:
        return True
    if act_type == "REJECT" and token.lemma_.lower() in _FAILING:
        return True  # "X and Y failed to agree": each rejected the other's terms
    return act_type == "ASSAULT" and any(
        c.dep_ == "dobj" and is_symmetric(c) for c in token.children
    )


def partner(token: Token, owner: Owner, *, source: list[str]) -> list[str]:
    """The other side a reciprocal verb or symmetric noun names with "with" ("clashed with
    protesters", "clashes with police")."""
    return _actors(prep_objects(token, frozenset({"with"})), owner, exclude=frozenset(source))


def between_sides(token: Token, owner: Owner) -> tuple[list[str], list[str]] | None:
    """(source, target) of a two-sided noun from "between X and Y"; None unless two parties
    are named there."""
    between = prep_objects(token, frozenset({"between"}))
    if not between and token.dep_ == "nsubj":
        # "clashes broke out between X and Y": the parser hangs "between" on the verb
        between = prep_objects(token.head, frozenset({"between"}))
    parties = _actors(between, owner)
    if len(parties) < 2:
        return None
    return parties[:1], parties[1:]


def war_of_words(token: Token, *, parties: list[Actor | None]) -> bool:
    """ "the ambassador clashed with Trump": a reciprocal verb between persons alone (the
    `parties` of both sides) is a dispute in words, not a fight."""
    if token.lemma_.lower() not in _RECIPROCAL:
        return False
    return all(a is not None and a.kind == "person" for a in parties)
