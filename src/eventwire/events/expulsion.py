"""Caused motion out of a place: "drove Isis out of Mosul", "pushed the Peshmerga out of the
city", "ousted the YPG from Afrin", "forced the rebels out of Daraa".

A verb of forcing out (lexicon `[expelling_verb]`) with an object and a phrase of origin
("out", "out of", "from") removes its object from somewhere. That is an expulsion: CAMEO
gives OUST, EVICT, BANISH and DEPORT code 174 (COERCE, deport), and DRIVE ... OUT OF code 201.
When whom it removes is an armed force, the act is fighting (ASSAULT): forces are not
deported, they are driven out. A verb whose own trigger row is already an expulsion keeps
that row's sense ("expelled the Russian diplomats": SANCTION) unless an armed force is
expelled ("expelled Isis from Raqqa").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.plover import Trigger

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Token

__all__ = ["driven_out", "expulsion_trigger", "forced_out"]

_EXPELLING = words("expelling_verb")
_ARMED_SECTORS = words("armed_sector")
#: An expulsion: CAMEO 174, "expel or deport individuals" (PLOVER COERCE, deport).
_EXPULSION = ("COERCE", "deport", "174")


def forced_out(token: Token) -> bool:
    """A verb of forcing out with an object and a phrase of origin: "drove X out of Y",
    "pushed X out", "ousted X from Y"."""
    if token.lemma_.lower() not in _EXPELLING or token.pos_ != "VERB":
        return False
    children = list(token.children)
    if not any(c.dep_ == "dobj" for c in children):
        return False
    return any(
        (c.dep_, c.lower_) in {("prt", "out"), ("prep", "from"), ("prep", "out")} for c in children
    )


def expulsion_trigger(token: Token, own: Iterable[Trigger]) -> Trigger | None:
    """The expulsion a verb of forcing out reports, unless its own rows (`own`, from the
    trigger table) are an expulsion already ("expel": SANCTION)."""
    if not forced_out(token) or any(t.type == "SANCTION" for t in own):
        return None
    event_type, mode, cameo = _EXPULSION
    return Trigger(token.lemma_.lower(), "out", "V", event_type, mode, None, cameo)


def driven_out(token: Token, target_sectors: Iterable[str | None]) -> bool:
    """Whether a verb of forcing out removes an armed force: fighting, not deportation."""
    return forced_out(token) and any(s in _ARMED_SECTORS for s in target_sectors)
