"""Word senses that are no act between the parties: a trigger word read in the sense the
lexicon codes only with the right objects or sources (the events stage's `_misread`).

- A verb of leaving (`force_departure_verb`) is a withdrawal only when an armed force leaves
  ("the president left Moscow" is a journey).
- "Return" with no object (`journey_sense_verb`) is a journey unless an armed force returns;
  with an object, also in the passive, it hands something back.
- A verb of receiving that is a visit (`visit_sense_verb`) is CONSULT only when whom it takes
  in is someone ("received the envoy"); "received aid", "received threats" take in no visitor.
- A verb of giving (`gift_verb`) is AID only when what it gives is aid: an object the
  CAMEO-derived table gives AID with ("aid", "cash", "food", "weapons", "medical"), or an amount
  of money; "gave birth", "gave a verdict", "gave them a lesson" give nothing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.lexicons import agents, plover_group
from ..resources.plover import message_nouns, object_triggers

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "aid_objects",
    "aimed_at_words",
    "departure_only",
    "gives_no_aid",
    "journey_only",
    "labour_strike",
    "no_visitor",
    "object_is_person",
    "struggle_only",
]

_FORCE_DEPARTURE = words("force_departure_verb")
_JOURNEY_SENSE = words("journey_sense_verb")
_GIFT_VERBS = words("gift_verb")
#: Dependents that name what a verb hands over (or, in the passive, what was handed over).
_HANDED = frozenset({"dobj", "dative", "nsubjpass", "auxpass"})
_GIFT_DEPS = frozenset({"dobj", "dative"})
_MONEY = frozenset({"MONEY"})
_VISIT_SENSE = words("visit_sense_verb")
#: Verbs of fighting that take a thing as easily as a foe ("fight corruption").
_STRUGGLE = words("struggle_verb")
_SYMMETRIC = words("symmetric_act")
_PARTY_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
#: Verbs that are also stopping work ("workers are striking").
_WORK_STOPPAGE = words("work_stoppage_verb")
_AIM = words("aim_prep")
#: Named entities that can be a visitor.
_VISITORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@cache
def aid_objects() -> frozenset[str]:
    """Nouns the trigger tables give AID with as a verb's object ("give aid", "send food")."""
    return frozenset(
        particle
        for (pos, _verb, particle), trig in object_triggers().items()
        if pos == "VO" and trig.type == "AID" and particle
    )


def struggle_only(token: Token) -> bool:
    """ "fighting corruption", "battling wildfires": a verb of fighting whose object is a
    thing, not a party, a place or a war ("fought a war" stays a fight)."""
    if token.lemma_.lower() not in _STRUGGLE:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and not any(_party(o) for o in objects)


def _party(noun: Token) -> bool:
    """A noun phrase that names a foe: a name or a pronoun, an agent noun, a state's body
    ("the Turkish state", "a UN attempt" counts too), or a war ("fought a war")."""
    if noun.pos_ == "PRON" or noun.lemma_.lower() in _SYMMETRIC:
        return True
    if noun.lemma_.lower() in agents() or plover_group(noun.lemma_.lower()) is not None:
        return True
    return any(t.ent_type_ in _PARTY_ENTITIES for t in [*noun.lefts, noun])


def labour_strike(token: Token, *, armed_source: bool) -> bool:
    """ "teachers striking for higher pay": a verb of striking with no object, by people who
    bear no arms, is a strike from work (PROTEST), not an attack."""
    return (
        token.lemma_.lower() in _WORK_STOPPAGE
        and token.pos_ == "VERB"
        and not armed_source
        and not any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children)
        and not any(
            c.dep_ == "prep" and c.lower_ in {"at", "on", "against"} for c in token.children
        )
    )


def departure_only(word: str, *, armed_source: bool) -> bool:
    """ "the president left Moscow": a verb of leaving whose subject is no armed force."""
    return word in _FORCE_DEPARTURE and not armed_source


def journey_only(token: Token, *, armed_source: bool) -> bool:
    """ "the exiled leader returned to Peru": a verb of return with nothing handed back, by
    no armed force."""
    if token.lemma_.lower() not in _JOURNEY_SENSE or armed_source:
        return False
    return not any(c.dep_ in _HANDED for c in token.children)


def gives_no_aid(token: Token) -> bool:
    """ "gave birth to a child", "gave a verdict": a verb of giving whose gift is no aid."""
    if token.lemma_.lower() not in _GIFT_VERBS:
        return False
    gifts = [c for c in token.children if c.dep_ in _GIFT_DEPS]
    # "lots of money", "a shipment of food": the "of" object says what is given
    gifts += [g for c in gifts for p in c.children if p.lower_ == "of" for g in p.children]
    named = {t.lemma_.lower() for g in gifts for t in g.subtree if t.i <= g.i}
    money = any(t.ent_type_ in _MONEY for g in gifts for t in g.subtree)
    return not (named & aid_objects() or money)


def no_visitor(token: Token) -> bool:
    """ "received military aid", "received threats", "have received from the US": a verb of
    receiving a visit whose object (a passive's subject) is no one, or missing (no name of a
    person, body or state, no agent noun)."""
    if token.lemma_.lower() not in _VISIT_SENSE:
        return False
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    # "his Ugandan counterpart", "Zelensky's chief of staff": a modifier names whose
    words_ = [t for o in objects for t in (o, *(w for c in o.lefts for w in c.subtree))]
    return not any(
        t.ent_type_ in _VISITORS
        or t.tag_ == "PRP"  # "received him": someone
        or t.lemma_.lower() in agents()
        or t.lower_ in agents()
        for t in words_
    )


def aimed_at_words(token: Token) -> bool:
    """An attack whose object is a message ("hit back at comments made by X")."""
    aimed = [c for c in token.children if c.dep_ == "dobj"]
    for prt in [token, *(c for c in token.children if c.dep_ == "prt")]:
        aimed += [g for p in prt.children if p.dep_ == "prep" for g in p.children]
    return bool(aimed) and all(o.lemma_.lower() in message_nouns() for o in aimed)


def object_is_person(token: Token) -> bool:
    """A direct object that names a person: a person's name or a noun for one."""
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        if obj.ent_type_ == "PERSON":
            return True
        agent = agents().get(obj.lemma_.lower())
        if agent is not None and agent.kind == "person":
            return True
    return False
