"""Sides a clause names indirectly, for the participant frames (`participants.py`).

- A verb of receiving with "from" (`[receiving_verb]`): the giver is the source and the
  receiver the target ("received weapons from Russia", "received threats from the rebels").
- "They" as the subject of a reported clause is the reporting verb's whole coordinated subject
  ("Chile and Peru said they would attack X"): a pronoun's antecedent is one actor at most.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import words
from .phrases import Owner
from .phrases import actors as _actors
from .phrases import conjuncts as _conjuncts
from .phrases import prep_objects as _prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["coordinated_reporters", "received"]

#: Verbs of receiving: with "from", the giver is the source and the receiver the target.
_RECEIVING = words("receiving_verb")
_GROUP_PRONOUNS = words("group_pronoun")
#: Whoever says or thinks a clause.
_SAY_THINK = words("speech_verb", "cognition_verb")


def received(verb: Token, owner: Owner, *, noun: Token | None = None) -> list[str]:
    """Who gives what a verb of receiving receives: "received weapons from X", "received
    support from X" (its object noun's own "from" too); [] for any other verb."""
    if verb.lemma_.lower() not in _RECEIVING:
        return []
    givers = _prep_objects(verb, frozenset({"from"}))
    if noun is not None:
        givers += _prep_objects(noun, frozenset({"from"}))
    return _actors(givers, owner)


def coordinated_reporters(clause: Token, owner: Owner) -> list[str]:
    """ "Chile and Peru say they will not allow X": a plural pronoun that is the subject of
    a reported clause is the coordinated subject of the verb that reports it, all of it (a
    pronoun's antecedent is one actor at most)."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in _GROUP_PRONOUNS:
        return []
    report = clause
    while report.dep_ in {"xcomp", "conj"} and report.head.i != report.i:
        report = report.head
    if report.dep_ != "ccomp" or report.head.lemma_.lower() not in _SAY_THINK:
        return []
    speakers = [c for c in report.head.children if c.dep_ == "nsubj"]
    if not speakers or not _conjuncts(speakers[0]):
        return []
    return _actors(speakers, owner)
