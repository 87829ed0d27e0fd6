"""Precision guards over the candidate events of an article: acts only asked for, acts aimed
at nobody for no stated cause, common words in frames too weak to bind two parties, and a
repeated mention of one act (coding conventions, rule 8)."""

from __future__ import annotations

from collections.abc import Mapping, Set
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.lexicons import agents
from ..resources.plover import frames
from .labels import indefinite_apposition
from .participants import SPEECH_VERBS
from .phrases import conjuncts, content_clause

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..record import Document, Event

#: Verbs whose complement is asked for or refused (shared with the events stage).
_ASKS = words("ask_or_refuse_verb")
#: Verbs of command: what an authority orders is carried out ("ordered X jailed").
_COMMANDS = words("command_verb")
#: Links by which a clause hangs inside what a request asks for ("called for a force to be
#: stationed to protect X").
_INSIDE_REQUEST = frozenset(
    {"advcl", "acl", "relcl", "xcomp", "ccomp", "dobj", "pobj", "prep", "oprd", "attr"}
)
#: Verbs of failing: an agreement failed is a rejection (`events.triggers`), not the act.
_FAILING = words("failure_verb")
#: Entity labels of those who can act: persons, bodies, states and peoples.
_AGENT_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Words that state what an act answers ("resigned after protests", "because ...").
_CAUSES = words("cause_word")
#: Modes of acts that need whom they are aimed at or why (a resignation).
_TWO_PARTY_MODES = words("two_party_mode")

__all__ = [
    "absorb_untargeted",
    "asked_for",
    "asked_or_refused",
    "frames_an_act",
    "labels_its_object",
    "personnel_change",
    "purpose_asked",
    "stands_alone",
    "unnamed_group",
    "weak_frame",
]


def asked_or_refused(token: Token, head_type: str) -> bool:
    """ "urged Peru to release", "refused to sign", "begged X to free" (any verb of request,
    `head_type` REQUEST): the complement's act is asked for or refused, not done; the
    request or refusal is the event. The parser may hang the infinitive as a purpose: it is
    still asked for when the verb's object names someone who could do it ("implored Chile to
    free"), not when it names a thing ("sought a fee to receive them": the asker's purpose)."""
    head = token.head
    lemma = head.lemma_.lower()
    if head_type == "REJECT" and lemma in _FAILING:
        return token.dep_ == "xcomp"  # "failed to reach a deal": the failure is the event
    if lemma not in _ASKS and (head_type != "REQUEST" or lemma in _COMMANDS):
        return False  # "ordered X jailed": an order is carried out, not only asked for
    if token.dep_ in {"xcomp", "ccomp"}:
        return True
    if token.dep_ == "acl" and head.pos_ == "NOUN" and content_clause(token):
        return True  # "Trump's demand that Germany repatriate": asked for, not done
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    return (
        token.dep_ == "advcl"
        and infinitive
        and any(_names_someone(c) for c in head.children if c.dep_ == "dobj")
    )


def _names_someone(token: Token) -> bool:
    """A named person, body or state, or an agent noun ("the rebels")."""
    return token.ent_type_ in _AGENT_ENTITIES or token.lemma_.lower() in agents()


def asked_for(token: Token) -> bool:
    """ "called for arming the rebels, disarming the army and attacking its bases": acts
    a request lists are asked for, not done (the parser hangs later items as clauses or
    conjuncts of the first)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.tag_ != "VBG":
        return False
    head = token.head
    if token.dep_ == "pcomp" and head.lower_ == "for":
        head = head.head
    elif not (
        token.dep_ == "advcl"
        and any(c.dep_ == "prep" and c.lower_ == "for" for c in head.children)
        # a list goes on ("..., disarming X and attacking Y"); a lone gerund is the
        # speaker's own act ("asked for help, accusing X")
        and any(c.dep_ == "conj" and c.tag_ == "VBG" for c in token.children)
    ):
        return False
    return head.lemma_.lower() in _ASKS


def purpose_asked(token: Token) -> bool:
    """ "called for a force to be stationed on the border to protect the Kurds", "pressed
    Europe to set up a force to protect them": an infinitive inside what a request asks for
    is asked for too, however deep; a clause with a subject of its own ("after soldiers
    opened fire to disperse them") is told as done."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    node = token
    while node.dep_ in _INSIDE_REQUEST and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in _ASKS and node.pos_ == "VERB":
            return node.i != token.head.i or token.dep_ not in {"xcomp", "ccomp"}
        children = list(node.children)
        finite = not any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        if (
            finite
            and node.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in children)
        ):
            return False  # a clause of its own, told as done ("for a force to be" is not)
    return False


def absorb_untargeted(
    events: list[Event], *, state_side: Mapping[str, str] = MappingProxyType({})
) -> list[Event]:
    """One event per real-world event (coding conventions, rule 8): a mention of an act with
    no target ("McGurk's resignation", "the Chilean attack") by the same source as an act of
    the same type told with its target is that act again, so it adds evidence. A state's own
    side counts as one source (`state_side`: actor id -> country): "the Turkish invasion"
    (Turkey) is the act "Turkish forces attacked Afrin" told again."""
    out: list[Event] = []
    for event in events:
        host = None
        if not event.target and event.source:
            host = next((o for o in events if o.target and _same_act(event, o, state_side)), None)
        if host is None:
            out.append(event)
        else:
            host.evidence.extend(e for e in event.evidence if e not in host.evidence)
    return out


def stands_alone(event: Event) -> bool:
    """Whether an act aimed at nobody is an event: only of a type that can be one-sided (the
    frame table's `needs_target`), and not denied ("the police did not fire" with no one
    named: a denied act with no one it would have hit says that nothing happened)."""
    return not frames()[event.type].needs_target and event.status != "negated"


def _same_act(a: Event, b: Event, state_side: Mapping[str, str]) -> bool:
    # the same sides, not a subset: "the group and Iran will strike Israel" is not Iran's
    # own attack; status may differ between the mentions ("the attack" beside "attacked")
    if a.type != b.type:
        return False
    if sorted(a.source) == sorted(b.source):
        return True
    # another of the state's side: only as sure and as dated ("the Israeli attack of October
    # 26" and "if Israel retaliates" are not the strike told today)
    countries = {state_side.get(s) for s in [*a.source, *b.source]}
    same_side = len(countries) == 1 and None not in countries
    dated_apart = a.time is not None and a.date != b.date  # its own time says another day
    return same_side and a.status == b.status and not dated_apart


def names_cause(token: Token) -> bool:
    """ "resigned after protests", "resigned because ...": the clause says what it answers."""
    return any(
        (c.dep_ in {"prep", "mark"} and c.lower_ in _CAUSES)
        or (c.dep_ == "advcl" and any(m.lower_ in _CAUSES for m in c.children if m.dep_ == "mark"))
        for c in token.children
    )


def personnel_change(token: Token, *, mode: str | None, status: str) -> bool:
    """A resignation done, aimed at nobody and for no stated cause ("X resigned on
    Thursday"): a change of office holder, not a political act (coding conventions, rule
    10). A promised or refused one is a commitment to whoever asked for it."""
    return status == "occurred" and (mode or "") in _TWO_PARTY_MODES and not names_cause(token)


def unnamed_group(doc: Document, actor_id: str) -> bool:
    """An unnamed group ("people", "civilians", "workers"): no knowledge-base entry."""
    actor = doc.actor(actor_id)
    return actor is not None and actor.kind == "group" and actor.kb_id is None


def labels_its_object(token: Token) -> bool:
    """ "called the senator a traitor", "called him a very stupid guy": a predicate after the
    object (the parser gives it as `oprd`, or as an indefinite apposition of the object)."""
    if any(c.dep_ in {"oprd", "ccomp"} for c in token.children):
        return True
    return indefinite_apposition(token) is not None


def frames_an_act(token: Token, trigger_ids: Set[int]) -> bool:
    """ "denied firing on the post", "began attacking": a common word over an act whose
    trigger is among `trigger_ids` only frames that act. A verb whose object acts in its
    complement ("pressured the workers to end the strike") is a demand on that object."""
    if any(c.dep_ == "dobj" for c in token.children) and any(
        c.dep_ == "xcomp" for c in token.children
    ):
        return False
    return any(c.dep_ in {"xcomp", "ccomp", "pcomp"} and c.i in trigger_ids for c in token.children)


def weak_frame(doc: Document, token: Token, source: list[str]) -> bool:
    """Too little to make a common word an act: it names rather than acts ("calling it
    interference"), or its subject is only a pronoun ("it would keep blocking"), unless in a
    clause a verb of saying reports, resolved to the speaker ("Chile said it would")."""
    if any(c.dep_ == "oprd" for c in token.children):
        return True
    clause = token
    while clause.dep_ in {"xcomp", "conj"} and not _subjects(clause):
        clause = clause.head  # "it would keep blocking": the subject of the verb it completes
    if not any(c.tag_ == "PRP" for c in _subjects(clause)):
        return False
    said = clause.head if clause.dep_ == "ccomp" else None
    if said is None or said.lemma_.lower() not in SPEECH_VERBS:
        return True
    # "Chile and Peru said they would": every conjunct of the speaker speaks
    said_by = [t for s in _subjects(said) for t in (s, *conjuncts(s))]
    speakers = {
        a.id for a in doc.actors for m in a.mentions for s in said_by if m.start <= s.idx < m.end
    }
    return not (source and set(source) <= speakers)


def _subjects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
