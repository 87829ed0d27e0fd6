"""Labelling as accusation: "called the senator a liar", "branded the group a terrorist
organisation", "described Peru as a criminal state" accuse the object (ACCUSE, CAMEO 111).

A labelling verb (lexicon class `naming_verb`) with a label after its object (the parser's
`oprd`, an "as" phrase, or an indefinite apposition of the object) is an accusation when the
label, or a modifier of it, stigmatises. Which words stigmatise is read from two sources, not
listed here: the labels of the accusations the CAMEO-derived trigger table gives to labelling
verbs ("call liar", "brand terrorist": `event_triggers_cameo.tsv`), and the agent nouns of
criminals (sector CRM in `agents.tsv` and the PLOVER agents dictionary: "thug", "criminal").
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.lexicons import agents, plover_agents
from ..resources.plover import Trigger, object_triggers

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["indefinite_apposition", "label_of", "labelled", "stigma_words"]

_LABELLING = words("naming_verb")
#: The accusation a stigmatising label makes (CAMEO 111, "criticize or denounce").
_ACCUSATION = ("ACCUSE", "disapprove", "111")


@cache
def stigma_words() -> frozenset[str]:
    """Labels that stigmatise whom they are given to (see the module's docstring)."""
    found = {
        label
        for (pos, verb, label), trig in object_triggers().items()
        if pos == "VO" and verb in _LABELLING and trig.type == "ACCUSE"
    }
    found |= {a.noun for a in agents().values() if a.sector == "CRM"}
    found |= {phrase for phrase, sectors in plover_agents().items() if sectors[:1] == ("CRM",)}
    return frozenset(found)


def label_of(verb: Token) -> Token | None:
    """The label a verb gives its object: "a liar" of "called the senator a liar", "a rogue
    state" of "described Peru as a rogue state"; None when there is none."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    for child in verb.children:
        if child.dep_ == "oprd":
            return child
        if child.dep_ == "prep" and child.lower_ == "as":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return indefinite_apposition(verb)


def indefinite_apposition(verb: Token) -> Token | None:
    """ "called him a very stupid guy": the parser may give a label after the object as an
    indefinite apposition of the object; that apposition, else None."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for appos in (a for a in obj.children if a.dep_ == "appos"):
            if any(d.lower_ in {"a", "an"} for d in appos.children):
                return appos
    return None


def labelled(verb: Token) -> Trigger | None:
    """The accusation of a labelling verb whose label stigmatises, else None."""
    if verb.lemma_.lower() not in _LABELLING:
        return None
    label = label_of(verb)
    if label is None:
        return None
    marks = {label.lemma_.lower(), label.lower_}
    marks |= {c.lemma_.lower() for c in label.children if c.dep_ in {"amod", "compound"}}
    stigma = marks & stigma_words()
    if not stigma:
        return None
    event_type, mode, cameo = _ACCUSATION
    return Trigger(verb.lemma_.lower(), min(stigma), "VO", event_type, mode, None, cameo)
