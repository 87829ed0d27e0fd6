"""How sure an event is: occurred, ongoing, future, hypothetical or negated, read from the
trigger's clause up to its main verb.

- negated: "denied firing", "did not attack", "failed to stop", "no shots were fired";
- hypothetical: "if", "could", "would", "may", a feared possibility;
- future: "will", "plans to", "expects X to";
- ongoing: "is leading", "has not ceased its attacks", "continue";
- else occurred.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import words
from .participants import SPEECH_VERBS, is_infinitive_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..record import Status

__all__ = ["chain", "status"]

_HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should"})
_FUTURE_AUX = words("future_aux")
#: Determiners that say a noun's act did not happen ("no attacks"), and those that do under
#: a negated verb ("did not recall any attacks").
_NEGATIVE_DETERMINERS = words("negative_determiner")
_POLARITY_DETERMINERS = words("negative_polarity_determiner")
#: Adjectives that put a noun's act ahead ("the planned offensive") or make it a possibility.
_PROSPECTIVE_MODIFIERS = words("prospective_modifier")
_POSSIBILITY_MODIFIERS = words("possibility_modifier")
_CONDITION_MARKS = frozenset({"if", "unless", "whether"})
_THREAT_VERBS = frozenset({"threaten", "warn", "vow"})
_BE_PRESENT = frozenset({"is", "are", "am", "'s", "'re"})
_FUTURE_HEADS = words("future_head", "commitment_adjective")
_HYPOTHETICAL_HEADS = frozenset({"fear", "risk", "possibility", "warn"})
#: Heads that say their complement did not happen: "denied firing", "failed to stop".
_NEGATING_HEADS = frozenset({"deny", "refute", "dismiss", "fail"})
_ONGOING_HEADS = frozenset({"continue", "keep", "escalate", "intensify"})
_STOP_HEADS = frozenset({"cease", "stop", "halt", "end", "suspend"})

_LIGHT_VERBS = words("carrying_light_verb", "leading_verb")


def chain(token: Token) -> list[Token]:
    """The trigger and the words it depends on up to its clause's main verb.

    A noun trigger inherits the mood of a verb only when that verb carries it out or plans
    it ("will launch an attack", "plans an attack", "has not ceased its attacks"), not when
    it is just mentioned ("promised a response to the attack").
    """
    chain = [token]
    if token.pos_ in {"NOUN", "PROPN"}:
        head = token.head
        if token.dep_ not in {"dobj", "nsubj", "nsubjpass"} or head.i == token.i:
            return chain
        lemma = head.lemma_.lower()
        heads = (_LIGHT_VERBS, _FUTURE_HEADS, _STOP_HEADS, _ONGOING_HEADS, _NEGATING_HEADS)
        if not any(lemma in group for group in heads):
            return chain
        chain.append(head)
        token = head
    while token.dep_ in {"xcomp", "conj", "dobj", "pobj", "prep", "pcomp", "acomp", "ccomp"} or (
        is_infinitive_of(token)
    ):
        if token.head.i == token.i:
            break
        token = token.head
        chain.append(token)
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_VERBS:
            break
    return chain


def status(token: Token) -> Status:
    """The status of the act a trigger token reports."""
    links = chain(token)
    lemmas = [t.lemma_.lower() for t in links]
    marks = {
        c.lower_ for t in [*links, *[t.head for t in links if t.dep_ == "advcl"]]
        for c in t.children if c.dep_ == "mark"
    }  # fmt: skip
    auxes = {c.lower_ for t in links for c in t.children if c.dep_ in {"aux", "auxpass"}}
    negated = any(c.dep_ == "neg" for c in token.children) or _no_object(token) or _no_act(token)
    # "did not launch an attack": the verb that carries the noun out carries its negation
    carried = len(links) > 1 and token.pos_ in {"NOUN", "PROPN"}
    if carried and links[1].lemma_.lower() in _LIGHT_VERBS:
        negated = negated or any(c.dep_ == "neg" for c in links[1].children)
    # "has not ceased its attacks": the attacks go on
    if token.pos_ == "NOUN" and len(links) > 1 and links[1].lemma_.lower() in _STOP_HEADS:
        head_neg = any(c.dep_ == "neg" for c in links[1].children)
        return "ongoing" if head_neg else "occurred"
    if negated or any(lemma in _NEGATING_HEADS for lemma in lemmas[1:]):
        return "negated"
    # the word as written: a participle's lemma is its verb ("planned" -> "plan")
    modifiers = {c.lower_ for c in token.children if c.dep_ == "amod"}
    if token.pos_ == "NOUN" and modifiers & _POSSIBILITY_MODIFIERS:
        return "hypothetical"  # "a possible strike on X"
    if marks & _CONDITION_MARKS or auxes & _HYPOTHETICAL_AUX:
        return "hypothetical"
    if token.dep_ == "advcl" and any(c.lower_ in _CONDITION_MARKS for c in token.children):
        return "hypothetical"
    if _conditional(token) or _feared(token):
        return "hypothetical"
    if token.pos_ == "NOUN" and modifiers & _PROSPECTIVE_MODIFIERS:
        return "future"  # "the planned offensive against X"
    if auxes & _FUTURE_AUX or "going" in auxes:
        return "future"
    if any(lemma in _FUTURE_HEADS for lemma in lemmas[1:]):
        return "future"
    if any(lemma in _ONGOING_HEADS for lemma in lemmas[1:]):
        return "ongoing"
    if any(
        t.tag_ == "VBG" and any(c.lower_ in _BE_PRESENT for c in t.children if c.dep_ == "aux")
        for t in links[:2]
    ):
        return "ongoing"  # "are holding joint exercises", "is detaining"
    return "occurred"


def _no_object(token: Token) -> bool:
    """ "no shots were fired": the act is said not to have happened."""
    return any(
        c.dep_ in {"nsubjpass", "dobj"} and any(d.lower_ == "no" for d in c.children)
        for c in token.children
    )


def _no_act(token: Token) -> bool:
    """ "there were no attacks on X", "did not recall any attacks on X": a noun act its
    determiner says did not happen."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    dets = {c.lower_ for c in token.children if c.dep_ == "det"}
    if dets & _NEGATIVE_DETERMINERS:
        return True
    if not dets & _POLARITY_DETERMINERS:
        return False
    head = token.head
    while head.dep_ in {"prep", "pobj"} and head.head.i != head.i:
        head = head.head  # "did not take part in any talks"
    return any(c.dep_ == "neg" for c in head.children)


def _feared(token: Token) -> bool:
    """ "fear an attack", "warned of an attack", "the risk of war": a noun act named as what
    someone fears or warns of is a possibility, not a deed."""
    head = token.head
    if token.pos_ != "NOUN" or head.i == token.i:
        return False
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        head = head.head
    elif token.dep_ != "dobj":
        return False
    return head.lemma_.lower() in _HYPOTHETICAL_HEADS


def _conditional(token: Token) -> bool:
    """An act under an "if"/"unless" clause; a threat itself stays made ("threatened ... if")."""
    lemma = token.lemma_.lower()
    if lemma in _THREAT_VERBS:
        return False
    holders = [token]
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _THREAT_VERBS:
        holders.append(token.head)  # the condition of "threatened to strike X if ..."
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
        for t in holders
        for c in t.children
    )
