"""Acts read along the dependency path between a subject actor and another actor.

The article coder's frames start from a trigger and look for its parties; they miss the
sentences whose parties sit further from the trigger than any frame reaches ("Syria agreed to a
ceasefire with Turkey", "Chile made an accusation about the conduct of Peru"). Read the other way,
from the parties to the trigger, the pair coder (`pair.path_act`) finds the act between two
actors when a lexicon trigger lies on the path between them. A sentence the frames gave no event
is read so: its subject actors are sources, and the other actors under the subject's verb are
the targets they may act on. In a sentence the frames coded, the reading only gives a target to
an act they coded without one, of the same type and source.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.plover import Trigger
from .pair import PathAct, path_act
from .triggers import LIGHT, weapon_used

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..record import Document

__all__ = ["PathEvent", "path_events"]

#: Dependency labels of an actor that acts: the subject of an active verb.
_SUBJECT_DEPS = frozenset({"nsubj"})
#: Links that keep a word in its verb's clause: complements, objects, prepositions (not an
#: adjective's complement: "is likely to attack", "similar to" weigh or compare, not act).
_IN_CLAUSE = frozenset({"xcomp", "dobj", "prep", "pobj", "attr", "oprd", "dative", "prt"})
#: Links of a clause that says something of its own: relative, reported, loosely
#: joined, or a noun's own clause ("criticized a plan to attack X": X is not criticized).
_OWN_CLAUSE = frozenset({"relcl", "acl", "ccomp", "parataxis"})
_COMITATIVE = words("comitative_prep")
_ALLY_NOUNS = words("ally_noun")


@dataclass(frozen=True)
class PathEvent:
    """An act between a subject actor and another actor of its clause."""

    token: Token
    type: str
    trigger: Trigger
    source: str
    target: str
    #: the token where the subject's mention starts: one subject's candidates share it
    subject: int


def path_events(
    doc: Document, *, skip: set[int], untargeted: AbstractSet[tuple[int, str, str]] = frozenset()
) -> list[PathEvent]:
    """The acts between actors of each sentence whose start token is not in `skip`.

    Per subject, the candidates in text order of the other actor: the caller keeps the first
    one it accepts (`PathEvent.subject` groups them). The trigger must lie outside both actors'
    mentions. In a skipped sentence, only the acts that can complete an event coded without a
    target: `untargeted` holds its (sentence start, type, source actor).
    """
    parsed: Doc = doc.nlp
    spans = _actor_spans(doc, parsed)
    found: list[PathEvent] = []
    open_sources = {(start, source) for start, _, source in untargeted}
    for sent in parsed.sents:
        done = sent.start in skip
        if done and not any(start == sent.start for start, _ in open_sources):
            continue
        inside = [(a, s) for a, s in spans if sent.start <= s.start and s.end <= sent.end]
        for actor, span in inside:
            if span.root.dep_ not in _SUBJECT_DEPS or span.root.tag_ == "PRP":
                continue  # a pronoun's antecedent is a guess: no second guess on top
            if done and (sent.start, actor) not in open_sources:
                continue  # a coded sentence: only a source with an act left without target
            verb = span.root.head
            under = {t.i for t in verb.subtree}
            own = {(s.start, s.end) for a, s in inside if a == actor}
            for other, tspan in inside:
                if other == actor or tspan.root.i not in under or _overlap(span, tspan):
                    continue
                if (tspan.start, tspan.end) in own:
                    continue  # "X and Y closed their borders": "their" is X's too
                if not _reached(tspan, verb) or _fronted(tspan, verb, span):
                    continue
                act = path_act(span, tspan)
                if act is None or act.token.i in range(span.start, span.end):
                    continue
                if act.token.i in range(tspan.start, tspan.end):
                    continue
                if weapon_used(act.trigger, tspan.root):
                    continue  # "used fighter jets": the weapon is not whom the attack hits
                if not _own_act(verb, act):
                    continue
                if done and (sent.start, act.type, actor) not in untargeted:
                    continue
                found.append(PathEvent(act.token, act.type, act.trigger, actor, other, span.start))
    return found


def _reached(target: Span, verb: Token) -> bool:
    """The target hangs from the subject's verb, not from a clause of its own inside it
    ("gave weapons that are similar to Peru's": a relative clause holds Peru)."""
    token = target.root
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ in _OWN_CLAUSE:
            return False
        if token.dep_ == "agent" or (token.dep_ == "pobj" and token.head.lower_ == "by"):
            return False  # "warned of an attack by (the army of) X": X does that act
        if token.dep_ == "pobj" and _comitative(token.head):
            return False  # "fought alongside X", "together with X": X is a partner
        if token.dep_ == "pobj" and token.head.head.lemma_.lower() in _ALLY_NOUNS:
            return False  # "fought on the side of X", "on behalf of X": X is an ally
        token = token.head
    return True


def _comitative(prep: Token) -> bool:
    """ "alongside", "together with", "along with": a preposition of company."""
    if prep.lower_ in _COMITATIVE:
        return True
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return prep.lower_ == "with" and before is not None and before.lower_ in _COMITATIVE


def _actor_spans(doc: Document, parsed: Doc) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    for actor in doc.actors:
        for m in actor.mentions:
            span = parsed.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span):
                out.append((actor.id, span))
    out.sort(key=lambda p: p[1].start)
    return out


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _own_act(verb: Token, act: PathAct) -> bool:
    """The subject's own act: its verb, a verb it completes ("agreed to allow"), or the
    object noun of a support or frame verb ("launched strikes", "urged talks"). Not an act
    of another clause ("said they had blocked") nor a modifier ("US-backed")."""
    token = act.token
    if token.i != verb.i and token.pos_ in {"NOUN", "PROPN"}:
        governor = next((t for t in token.ancestors if t.pos_ in {"VERB", "AUX"}), None)
        lemma = governor.lemma_.lower() if governor is not None else ""
        if lemma not in LIGHT and lemma not in act.frames:
            return False
    while token.i != verb.i:
        if token.head.i == token.i or token.dep_ not in _IN_CLAUSE:
            return False
        token = token.head
    return True


def _fronted(target: Span, verb: Token, subject: Span) -> bool:
    """The target sits in a phrase fronted before the subject: a setting ("in a meeting with
    X, they agreed to strike"), not a party to the act."""
    token = target.root
    while token.head.i != verb.i and token.head.i != token.i:
        token = token.head
    return token.head.i == verb.i and token.i < subject.start
