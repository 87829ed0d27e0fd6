"""Statements that perform an act of their own (coding conventions, rule 1).

An actor who says what it will do has already done something: "the rebels said they will
free the hostages" is a promise (AGREE) made now, besides the release that lies ahead (rule
2 codes that too, `future`); "the army said it would strike the camps" is a threat
(THREATEN); "France will not lift the ban" is a refusal (REJECT). This module decides, from
the trigger's clause, which act the statement itself performs:

- **refusal**: a cooperative act its own clause puts in the future and negates ("will not
  release", "would not accept", "won't end the strike") -> REJECT;
  When the refusal names a condition ("until Peru withdraws", "unless its demands are met
  by Peru"), whoever must fulfil it is the refusal's target;
- **promise / threat**: a cooperative (or hostile) act in the future, in the clause a verb of
  saying governs, whose subject is the one who acts or a pronoun for it ("X said it will
  release", "X announced it would provide") -> AGREE (or THREATEN).

What counts as cooperative or hostile is the lexicon's `[cooperative_type]` (with CONSULT's
kin, `[promisable_type]`) and `[hostile_type]`.

- **accusation**: a verb of saying whose clause says that another actor is to blame ("said
  the militants were responsible", "said Iran was behind the attack") -> ACCUSE;
- **demand**: a verb of saying whose clause says that someone else must or should act ("told
  the EU it must take back its fighters", "said Europe should act") -> REQUEST, coded on the
  verb of saying (`stated_acts`); "we must" is the speaker's own resolve, not a demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.plover import Trigger
from .phrases import Owner, phrase_actors

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..record import Document

__all__ = ["PerformedAct", "performed_act", "stated_acts"]

_FUTURE = words("future_aux", "prospective_aux")
_SPEECH = words("speech_verb")
_PROMISABLE = words("cooperative_type", "promisable_type")
_HOSTILE = words("hostile_type")
_OBLIGATION = words("obligation_modal")
_OBLIGATION_VERBS = words("obligation_verb")
#: Conjunctions by which a refusal names its condition ("until", "unless").
_CONDITION_MARKS = words("condition_mark")
_CULPABLE = words("culpability_word")
_WRONGDOING = words("wrongdoing_noun")
_WRONGDOING_VERBS = words("wrongdoing_verb")
_STATE_KINDS = frozenset({"state", "territory"})
#: Pronouns by which speakers oblige themselves ("we must defend ourselves").
_SELF = frozenset({"i", "we"})


@dataclass(frozen=True)
class PerformedAct:
    """The act a statement performs, and the word that performs it (the verb of saying, or
    the trigger itself for a refusal stated in the actor's own voice)."""

    type: str
    speech: Token
    #: whom the act is aimed at when the trigger's own frame names no one: whoever must
    #: fulfil a refusal's condition (actor ids)
    targets: tuple[str, ...] = ()


def performed_act(
    token: Token, event_type: str, *, owner: Owner | None = None
) -> PerformedAct | None:
    """The promise, threat or refusal a future act's clause performs, if any; `owner`
    (actor ids by offset) names who must fulfil a refusal's condition."""
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    children = list(token.children)
    future = any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children)
    if not future:
        return None
    negated = any(c.dep_ == "neg" for c in children)
    if negated:
        if event_type not in _PROMISABLE:
            return None
        bound = _condition_parties(token, owner) if owner is not None else ()
        return PerformedAct("REJECT", token, bound)
    speech = _speech_head(token)
    if speech is None:
        return None
    if event_type in _PROMISABLE and event_type != "AGREE":
        return PerformedAct("AGREE", speech)
    if event_type in _HOSTILE and event_type != "THREATEN":
        return PerformedAct("THREATEN", speech)
    return None


def _condition_parties(token: Token, owner: Owner) -> tuple[str, ...]:
    """Who must fulfil a refusal's condition: the subject of its "until"/"unless" clause
    ("until Peru withdraws"), the agent of a passive one ("until the demands are met by
    Peru", else what undergoes it: "until the minister is sacked"), or the subject of the
    clause it depends on ("until it is satisfied that Peru complies"); the refuser's own
    side is not one ("until their demands are met")."""
    refuser = set(phrase_actors([c for c in token.children if c.dep_ == "nsubj"], owner))
    clauses = [
        c
        for c in token.children
        if c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
    ]
    clauses += [g for c in clauses for g in c.children if g.dep_ == "conj"]
    # "until he is satisfied (that) Peru complies": the clause a predicate of the condition holds
    preds = [*clauses, *(g for c in clauses for g in c.children if g.dep_ == "acomp")]
    for clause in [*clauses, *(g for c in preds for g in c.children if g.dep_ == "ccomp")]:
        children = list(clause.children)
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for slot in (agents, [c for c in children if c.dep_ in {"nsubj", "nsubjpass"}]):
            found = [a for a in phrase_actors(slot, owner) if a not in refuser]
            if found:
                return tuple(found)
    return ()


def _speech_head(token: Token) -> Token | None:
    """The verb of saying whose content clause holds `token`, when the sayer is the one who
    acts: the clause's subject is a pronoun ("said it will") or names what the sayer's
    subject names ("Iran said Iran will")."""
    if token.dep_ != "ccomp" or token.head.lemma_.lower() not in _SPEECH:
        return None
    speech = token.head
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    sayers = [c for c in speech.children if c.dep_ == "nsubj"]
    if not subjects or not sayers:
        return None
    subject, sayer = subjects[0], sayers[0]
    if subject.tag_ == "PRP" and subject.lower_ not in {"i", "you"}:
        return speech
    return speech if subject.lower_ == sayer.lower_ else None


def stated_acts(doc: Document, taken: set[int], owner: Owner) -> list[tuple[Token, Trigger]]:
    """Verbs of saying (not already triggers, `taken`) whose clause blames another actor of
    the article (`owner`: actor ids by offset) or obliges one to act, each with the ACCUSE
    or REQUEST trigger it reports. An obligation on no one the article names ("countries
    must"), on the sayer ("said it must defend itself") or on the sayer's own state ("the
    German minister said Germany should") demands nothing of anyone else."""
    found: list[tuple[Token, Trigger]] = []
    parsed: Doc = doc.nlp
    for token in parsed:
        if token.pos_ != "VERB" or token.i in taken or token.lemma_.lower() not in _SPEECH:
            continue
        sayers = phrase_actors([c for c in token.children if c.dep_ == "nsubj"], owner)
        if not sayers:
            continue
        # "told the EU it must": the addressee is who is obliged
        addressed = [c for c in token.children if c.dep_ in {"dobj", "dative"}]
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            blamed = _blamed(clause)
            if blamed:
                # "said the militants were responsible": an accusation of them
                others = [a for a in phrase_actors(blamed, owner) if a not in sayers]
                if others and not _own_state(doc, sayers, others):
                    found.append(
                        (token, Trigger(token.lemma_.lower(), None, "V", "ACCUSE", None, None))
                    )
                    break
            obliged = _obliged(clause)
            if not obliged:
                continue
            if not addressed and any(s.tag_ == "PRP" for s in obliged):
                continue  # "said it must": a pronoun is the sayer's own
            others = [a for a in phrase_actors(addressed or obliged, owner) if a not in sayers]
            if others and not _own_state(doc, sayers, others):
                found.append(
                    (token, Trigger(token.lemma_.lower(), None, "V", "REQUEST", None, None))
                )
                break
    return found


def _blamed(clause: Token) -> list[Token]:
    """The subjects a clause of blame names ("the militants were responsible", "Iran was
    behind the attack", "X made a serious mistake"); [] for any other clause or a negated
    one."""
    if any(c.dep_ == "neg" for c in clause.children):
        return []
    blame = _did_wrong(clause) or (
        clause.lemma_.lower() == "be"
        and any(
            (c.dep_ == "acomp" and c.lemma_.lower() in _CULPABLE)
            or (c.dep_ == "prep" and c.lower_ in _CULPABLE)
            for c in clause.children
        )
    )
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return subjects if blame and not any(s.lower_ in _SELF for s in subjects) else []


def _did_wrong(clause: Token) -> bool:
    """ "X had made a serious mistake", "X committed crimes": a clause whose verb of doing
    has a wrong (`[wrongdoing_noun]`) as its object blames its subject."""
    return clause.lemma_.lower() in _WRONGDOING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _WRONGDOING for c in clause.children
    )


def _obliged(clause: Token) -> list[Token]:
    """The subjects a clause of obligation binds ("Europe must take back"); [] for any other
    clause, or one that binds the speaker ("we must defend ourselves")."""
    children = list(clause.children)
    modal = any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in children)
    # "Peru needs to withdraw", "has to withdraw": a verb of obligation with its infinitive
    needs = clause.lemma_.lower() in _OBLIGATION_VERBS and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in children
    )
    if not (modal or needs):
        return []
    subjects = [c for c in children if c.dep_ in {"nsubj", "nsubjpass"}]
    return [] if any(s.lower_ in _SELF for s in subjects) else subjects


def _own_state(doc: Document, sayers: list[str], others: list[str]) -> bool:
    said = [a for i in sayers if (a := doc.actor(i)) is not None]
    bound = [a for i in others if (a := doc.actor(i)) is not None]
    return any(
        s.country and s.country == o.country and o.kind in _STATE_KINDS for s in said for o in bound
    )
