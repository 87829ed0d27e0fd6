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
_IRREGULAR = words("irregular_armed_sector")
_COMBAT = words("combat_expelling_verb")
#: Places a force can be driven out of: named ones, and nouns for settlements and territory.
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
_PLACE_NOUNS = words("settlement_noun", "place_marker_noun", "expulsion_place_noun")
#: An expulsion: CAMEO 174, "expel or deport individuals" (PLOVER COERCE, deport).
_EXPULSION = ("COERCE", "deport", "174")


def forced_out(token: Token) -> bool:
    """A verb of forcing out with an object and a phrase of origin that names a place:
    "drove X out of Y", "pushed X out", "ousted X from the town"; not "pushed X from the
    outset" (a time), "kicked X out of the party" (a body), "drove X from the airport to the
    palace" (a journey: whence and whither)."""
    if token.lemma_.lower() not in _EXPELLING or token.pos_ != "VERB":
        return False
    children = list(token.children)
    if not any(c.dep_ == "dobj" for c in children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"to", "into"} for c in children):
        return False
    origins = [
        g
        for c in children
        if c.dep_ == "prep" and c.lower_ in {"from", "out"}
        for g in [*c.children, *(h for p in c.children if p.dep_ == "prep" for h in p.children)]
        if g.dep_ == "pobj"
    ]
    if origins:
        return any(_is_place(o) for o in origins)
    return any(c.dep_ == "prt" and c.lower_ == "out" for c in children)


def _is_place(noun: Token) -> bool:
    """A named place, or a noun for a settlement or territory ("the town", "their homes").
    The small model often tags a town as a person or a people ("out of Goma", "out of
    Aleppo"): any proper name but a body's ("out of the Labour Party") counts."""
    if noun.ent_type_ in _PLACE_ENTITIES or noun.lemma_.lower() in _PLACE_NOUNS:
        return True
    return noun.pos_ == "PROPN" and noun.ent_type_ != "ORG"


def expulsion_trigger(token: Token, own: Iterable[Trigger]) -> Trigger | None:
    """The expulsion a verb of forcing out reports, unless its own rows (`own`, from the
    trigger table) are an expulsion already ("expel": SANCTION)."""
    if not forced_out(token) or any(t.type == "SANCTION" for t in own):
        return None
    event_type, mode, cameo = _EXPULSION
    # someone must be removed: "cleared debris from the road" is no expulsion
    return Trigger(token.lemma_.lower(), "out", "V", event_type, mode, None, cameo, pair_only=True)


def driven_out(
    token: Token, *, source_sectors: Iterable[str | None], target_sectors: Iterable[str | None]
) -> bool:
    """Whether a side forces an armed force out of a place: fighting, not deportation.
    Insurgents, militias and unidentified gunmen are driven out only by force ("Turkey ousted
    the militants from the enclave"); a state's troops only when those who force them out
    are armed too ("the army pushed the Peshmerga out"), for "the junta forced French troops
    out of Niger" and "expelled the military attache" are political acts, unless the verb
    itself says force (`[combat_expelling_verb]`: "drove", "pushed", "routed")."""
    if not forced_out(token):
        return False
    targets = set(target_sectors)
    if targets & _IRREGULAR:
        return True
    if targets & _ARMED_SECTORS and token.lemma_.lower() in _COMBAT:
        return True  # "Ukraine drove Russian troops out of Kharkiv": only force drives troops
    return bool(targets & _ARMED_SECTORS) and any(s in _ARMED_SECTORS for s in source_sectors)
