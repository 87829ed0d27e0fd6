"""Whom a feared or warded-off act would hit, when its own frame names only who does it.

"The villagers fear an attack by the rebels": the villagers are whom the attack would hit;
"to protect the villagers from a rebel assault": likewise. The act's frame ("an attack by
the rebels", "a rebel assault") names its agent only; the one who fears it, or whom someone
shields from it, is its target. Only acts of harm (`[harm_type]`) are feared this way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import words
from .participants import Owner, phrase_actors

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["endangered"]

_APPREHENSION = words("apprehension_verb")
_PROTECTION = words("protection_verb")
_HARM = words("harm_type")


def endangered(token: Token, event_type: str, owner: Owner) -> list[str]:
    """The actors a feared or warded-off act of harm (trigger `token`) would hit: the
    subject of a verb of fear whose object or clause it is ("X fear an attack", "X fear
    that Y will attack"), or the object of a verb of protection whose "from" it is ("protect
    X from an attack"); [] otherwise."""
    if event_type not in _HARM:
        return []
    head = token.head
    if head.i == token.i:
        return []
    if token.dep_ in {"dobj", "ccomp"} and head.lemma_.lower() in _APPREHENSION:
        return phrase_actors([c for c in head.children if c.dep_ == "nsubj"], owner)
    if token.dep_ == "pobj" and head.lower_ == "from" and head.head.i != head.i:
        verb = head.head
        if verb.lemma_.lower() in _PROTECTION:
            return phrase_actors([c for c in verb.children if c.dep_ == "dobj"], owner)
    return []
