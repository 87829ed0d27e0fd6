"""Places that stand for their polity as an act's target ("struck Lahore", "raids in
southern Lebanon", "agreed to a ceasefire in eastern Ukraine"), for the participant frames
(`participants.py`) and the article coder; which types take them is the frame table's `places`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.lexicons import agents
from ..resources.plover import Frame, Trigger, frames
from .phrases import conjuncts as _conjuncts
from .phrases import is_infinitive_of, is_infinitive_of_noun, reduced_passive
from .phrases import prep_objects as _prep_objects
from .triggers import LIGHT, partitive_head

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["PlaceActor", "aimed_places", "complement_places", "place_targets", "purpose_places"]

#: Maps a place token to the actor of the polity it stands for (None: not a place).
PlaceActor = Callable[["Token"], "str | None"]

#: Prepositions that place a promised or refused act ("a ceasefire in X", "flights out of X").
_COMPLEMENT_PLACE_PREPS = words("act_place_prep")
#: Prepositions by which a place lies in or by the place an act is aimed at ("sites near X").
_PLACE_PREPS = frozenset({"in", "of", "near", "around", "outside"})
#: Nouns whose "of" names an ally ("on the side of X", "on behalf of X").
_ALLY_NOUNS = words("ally_noun")


def purpose_places(token: Token, place_actor: PlaceActor) -> list[str]:
    """ "gave $50 million to promote development in Ethiopia", "funding to fight the
    epidemic in Guinea": the polity of the first place the act's purpose lies in."""
    purposes = [c for c in token.children if is_infinitive_of(c) or is_infinitive_of_noun(c)]
    for purpose in purposes:
        for t in purpose.subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "in" and (actor := place_actor(t)):
                return [actor]
    return []


def complement_places(token: Token, place_actor: PlaceActor) -> list[str]:
    """ "agreed to a ceasefire in eastern Ukraine", "refused to allow flights out of
    Afghanistan": the polity where the promised or refused act would take place."""
    acts = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
    acts += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
    acts += [g for a in list(acts) for g in a.children if g.dep_ in {"xcomp", "ccomp", "dobj"}]
    found: list[str] = []
    for act in acts:
        for place in _prep_objects(act, _COMPLEMENT_PLACE_PREPS):
            # "withdraw from the West Bank cities": a toponym modifying a noun of place
            named = [c for c in place.children if c.dep_ == "compound"]
            for t in [place, *_conjuncts(place), *named]:
                actor = place_actor(t)
                if actor and actor not in found:
                    found.append(actor)
    return found


def place_targets(token: Token, trig: Trigger, place_actor: PlaceActor) -> list[str]:
    """The polity of the place a trigger's act is aimed at or happens in, for the types whose
    frame says a place stands for its polity; [] for the others."""
    frame = frames()[trig.type]
    return aimed_places(token, trig, frame, place_actor) if frame.places else []


def aimed_places(token: Token, trig: Trigger, frame: Frame, place_actor: PlaceActor) -> list[str]:
    """ "struck Lahore", "raids in southern Lebanon", "imposed a curfew in X": the polity of
    the place the act is aimed at or happens in."""
    # a common word ("give", "hold") is an act only towards a party it binds itself: where it
    # happens says nothing of whom it is for ("gave birth in Kabul", "held a party in Lima")
    locative = frozenset() if trig.pair_only else frozenset({"in"})
    if trig.is_noun:
        places = _prep_objects(token, frame.noun_preps | locative)
        if (stage := partitive_head(token)) is not None:
            # "declared a state of siege in X": the partitive noun stands in the clause
            token = stage
            places += _prep_objects(token, frame.noun_preps | locative)
        head = token.head
        if token.dep_ == "dobj" and head.lemma_.lower() in LIGHT:
            places += [c for c in head.children if c.dep_ == "dobj" and c.i != token.i]
            places += _prep_objects(head, frozenset({"in", "on", "against", "at"}))
    else:
        patients = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
        if reduced_passive(token):
            patients.append(token.head)
        movers = [p for p in patients if _names_forces(p)] if frame.own_forces else []
        # "withdrew its troops from Syria": the force moved is no one who undergoes it
        patients = [p for p in patients if p not in movers]
        if any(_names_people(p) for p in patients):
            return []  # "arrested the suspects in Basra": people, not the place, undergo it
        places = patients + _prep_objects(token, (frame.verb_preps | locative) - frame.skip_preps)
        if frame.stationed and not places:
            places = _stationed(token, movers)
        # "provided $40 million for relief in northern Iraq": what the object is for or aimed
        # at lies in the place
        places += [
            g for p in patients for g in _prep_objects(p, frame.noun_preps - frame.skip_preps)
        ]
    found: list[str] = []
    for place in places:
        if place.lemma_.lower() in _ALLY_NOUNS:
            continue  # "fought on behalf of Iran": Iran is an ally, not the place attacked
        # "the West Bank cities", "the Gaza border": a toponym modifying a noun of place
        named = [c for c in place.children if c.dep_ == "compound"]
        for t in [place, *_conjuncts(place), *_prep_objects(place, _PLACE_PREPS), *named]:
            actor = place_actor(t)
            if actor and actor not in found:
                found.append(actor)
    return found


def _stationed(verb: Token, movers: list[Token]) -> list[Token]:
    """ "the US troops in Syria were leaving", "withdrew its forces in Mali", "ordered US forces
    in Syria to leave": with no place named as left, the place where the side that moves
    stands (its subject, its moved forces, or the object that controls its infinitive)."""
    sides = [*movers, *(c for c in verb.children if c.dep_ == "nsubj")]
    if verb.dep_ == "xcomp":
        sides += [c for c in verb.head.children if c.dep_ == "dobj"]
    return [g for side in sides for g in _prep_objects(side, frozenset({"in"}))]


def _names_people(token: Token) -> bool:
    """True for a phrase headed by an agent noun ("the suspects", "two soldiers")."""
    return token.lemma_.lower() in agents() or token.lower_ in agents()


def _names_forces(token: Token) -> bool:
    """True for a phrase headed by a noun of armed forces ("troops", "soldiers")."""
    agent = agents().get(token.lemma_.lower()) or agents().get(token.lower_)
    return agent is not None and agent.sector == "MIL"
