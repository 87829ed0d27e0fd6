"""Sides a clause names indirectly, for the participant frames (`participants.py`).

- A verb of receiving with "from" (`[receiving_verb]`): the giver is the source and the
  receiver the target ("received weapons from Russia", "received threats from the rebels").
- "They" as the subject of a reported clause is the reporting verb's whole coordinated subject
  ("Chile and Peru said they would attack X"): a pronoun's antecedent is one actor at most.
- A definite noun for something said (`[stated_noun]`: "rejected the accusation", "the claim
  was disputed by X") that names no author answers the last claim reported before it: its
  speaker is the target, when it is not the answering side itself and was reported within
  the two sentences before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import words
from .own_side import is_state_side
from .phrases import Owner
from .phrases import actors as _actors
from .phrases import conjuncts as _conjuncts
from .phrases import prep_objects as _prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..record import Document

__all__ = ["answered_speaker", "coordinated_reporters", "received"]

#: Verbs of receiving: with "from", the giver is the source and the receiver the target.
_RECEIVING = words("receiving_verb")
_GROUP_PRONOUNS = words("group_pronoun")
#: Whoever says or thinks a clause.
_SAY_THINK = words("speech_verb", "cognition_verb")
#: Nouns for something said, and determiners that make them refer back ("the claim").
_STATED = words("stated_noun")
_REFERRING = words("referring_determiner")
#: How many sentences back an answered claim may have been reported.
_ANSWER_REACH = 2
#: Sectors whose speakers report claims rather than make them (PLOVER JRN: the press).
_PRESS = frozenset({"JRN"})


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


def answered_speaker(doc: Document, verb: Token, source: list[str]) -> list[str]:
    """Who made the claim a verb answers through a definite noun for it ("Peru rejected the
    accusation", "the claim was disputed by X"): the speaker of the last claim reported
    before it, when the noun names no author of its own; [] otherwise. The answering side's
    own speakers (its state's people) and the press are not whom it answers."""
    nouns = [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "nsubjpass"}
        and c.lemma_.lower() in _STATED
        and any(d.dep_ == "det" and d.lower_ in _REFERRING for d in c.children)
        and not any(d.dep_ in {"poss", "compound", "prep", "amod", "acl"} for d in c.children)
    ]
    if not nouns:
        return []
    noun = nouns[0]
    start = noun.sent
    for _ in range(_ANSWER_REACH):
        if start.start == 0:
            break
        start = doc.nlp[start.start - 1].sent
    # the answering state's own side; not its opposition, courts or critics
    own = {
        a.country
        for s in source
        if (a := doc.actor(s)) is not None and a.country and is_state_side(a)
    }
    before = []
    for quote in doc.quotes:
        speaker = doc.actor(quote.speaker) if quote.speaker is not None else None
        if speaker is None or speaker.id in source or quote.end > noun.idx:
            continue
        if quote.start < start.start_char or speaker.sector in _PRESS:
            continue
        if speaker.country in own and is_state_side(speaker):
            continue  # "'baseless', Peru's minister said. Peru rejected the accusation"
        before.append((quote.end, speaker.id))
    return [max(before)[1]] if before else []
