"""Sides an act's own frame leaves out: whom a feared or warded-off act would hit
(`endangered`), who takes part in a meeting named as the occasion of another act
(`occasion_party`), and the subject of a clause the parser misread (`unparsed_subject`).

"The villagers fear an attack by the rebels": the villagers are whom the attack would hit;
"to protect the villagers from a rebel assault": likewise. The act's frame ("an attack by
the rebels", "a rebel assault") names its agent only; the one who fears it, or whom someone
shields from it, is its target. Only acts of harm (`[harm_type]`) are feared this way.
"X was in Ankara for talks with Y": the talks have no subject of their own; the one whose
presence or act they are the occasion of is a party to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import words
from .phrases import Owner, phrase_actors

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["endangered", "occasion_party", "unparsed_subject", "unstated_source"]

_APPREHENSION = words("apprehension_verb")
_PROTECTION = words("protection_verb")
_HARM = words("harm_type")
_OCCASIONS = words("occasion_type")
_OCCASION_PREPS = words("occasion_prep")
_CLAUSE_CONJUNCTIONS = words("temporal_conjunction")
#: Finite verb tags: a verb of these has a subject of its own.
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


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


def occasion_party(token: Token, event_type: str, owner: Owner) -> list[str]:
    """Who takes part in a meeting named as the occasion of another act (`[occasion_type]`
    nouns after `[occasion_prep]`): "X was in Ankara for talks with Y", "X made the
    decision during a conversation with Y" (X); [] otherwise. A passive subject underwent
    the verb, and is no party of the occasion ("X was detained during talks")."""
    head = token.head
    if event_type not in _OCCASIONS or token.pos_ != "NOUN" or token.dep_ != "pobj":
        return []
    if head.lower_ not in _OCCASION_PREPS or head.head.i == head.i:
        return []
    verb = head.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    return phrase_actors([c for c in verb.children if c.dep_ == "nsubj"], owner)


def unparsed_subject(token: Token, owner: Owner) -> list[str]:
    """The subject of a finite clause the parser read as a preposition's object: "the row
    broke out as the adviser, John Bolton, visited Ankara" gives "as" the adviser as its
    object and "visited" no subject; a finite verb has one, the noun phrase just before it."""
    if token.dep_ != "advcl" or token.tag_ not in _FINITE:
        return []
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children):
        return []
    for prep in token.head.children:
        if prep.dep_ != "prep" or prep.i > token.i or prep.lower_ not in _CLAUSE_CONJUNCTIONS:
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            last = max(t.i for t in obj.subtree)
            between = token.doc[last + 1 : token.i]
            if all(t.is_punct for t in between):
                return phrase_actors([obj], owner)
    return []


def unstated_source(token: Token, event_type: str, owner: Owner, target: list[str]) -> list[str]:
    """A source the act's own frame did not give: the subject of a misparsed clause, else
    the party whose presence or act a meeting is the occasion of (not one of `target`)."""
    found = unparsed_subject(token, owner)
    return found or [s for s in occasion_party(token, event_type, owner) if s not in target]
