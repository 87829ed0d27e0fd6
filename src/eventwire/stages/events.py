"""Event coding: PLOVER type, mode, actors, status, date, place, attribution, evidence.

Each trigger word of the lexicon (`data/event_triggers.tsv`) found in the parse is a candidate
event; it becomes an event only when the parse links it to at least one actor of the article
(source or target), which keeps out weather, markets and sport. Then:

- source: the trigger's subject (or the agent of a passive, or the subject of the verb it
  depends on: "coordinating with Iran to strike": both the group and Iran), with conjuncts;
  for a noun trigger, the actor modifying it ("the Israeli attack", "Iran's strike");
- target: the object, or the object of against/on/at/with/to/into;
- a sentence these frames give no event is read the other way, from its subject actor to
  another actor of the clause and the trigger between them (`events/between.py`);
- status, from the trigger's own clause up to the main verb: negated ("denied firing",
  "did not attack"), hypothetical ("if", "could", "would", "may"), future ("will", "plans
  to", "expects X to", a future time), ongoing ("is leading", "has not ceased its attacks",
  "continue"), else occurred;
- date: the time expression attached to the trigger, else one in its clause, else the
  article date (precision "frame"); a future or hypothetical event never gets a past date;
- location: the place the places stage links to the trigger;
- attribution: an event inside a quote is that quote's speaker's claim, reported by its
  outlet; speech-act events ("X warned") are the speaker's own acts;
- one event per real-world event: the same type, source and target in an article merge,
  keeping every evidence span.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..events.attribution import attribution
from ..events.between import path_events
from ..events.claim import claim_person_spans
from ..events.dates import event_when, time_owners
from ..events.expulsion import driven_out
from ..events.guards import (
    asked_for,
    asked_or_refused,
    frames_an_act,
    labels_its_object,
    personnel_change,
    purpose_asked,
    unnamed_group,
    weak_frame,
)
from ..events.implied import implied_agent, implied_agents
from ..events.indirect_sides import answered_speaker
from ..events.locate import locate_event
from ..events.own_side import is_state_side, own_force, own_state
from ..events.participants import (
    Owner,
    names_no_agent,
    participants,
    phrase_actors,
    place_targets,
)
from ..events.polity import MentionOwner, PolityOfPlace
from ..events.senses import (
    aimed_at_words,
    departure_only,
    gives_no_aid,
    journey_only,
    labour_strike,
    no_visitor,
    object_is_person,
    struggle_only,
)
from ..events.settle import sentence_start, settle
from ..events.speech_acts import performed_act, stated_acts
from ..events.status import status as event_status
from ..events.symmetric import war_of_words
from ..events.triggers import LIGHT, WEAPON_MODES, find_trigger, undone_act, weapon_of
from ..events.unstated import endangered, unstated_source
from ..lexicon import words
from ..record import Document, Event, Evidence
from ..resources.plover import TYPE_QUAD, Trigger, frames, intensity, message_nouns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..record import Place
    from ..resources import Resources

__all__ = ["code_events", "events_stage"]

_THREAT_OBJECTS = words("threat_object")
#: Trigger verbs that, with a person as object, mean dismissal ("fired the minister").
_DISMISSAL_SENSE = words("dismissal_sense_verb")
#: Verbs of calling that, with a person as object, report a telephone call.
_PHONE_SENSE = words("phone_sense_verb")
_ARMED_SECTORS = words("armed_sector")
#: Types of act that answer what someone said ("rejected the claim", "welcomed the offer").
_ANSWERS = words("answering_type")
#: Verbs of joining a body: people of an unnamed group who join it are its recruits.
_MEMBERSHIP = words("membership_verb")
#: Noun events that another trigger can act on without their happening anew.
_CONSUMABLE = words("consumable_type")
_REQUEST_YIELD = words("requested_yield")


def events_stage(doc: Document, *, resources: Resources) -> Document:
    """Code the article's events into `doc.events` (and the polities of places that events
    are aimed at into `doc.actors`)."""
    kb = resources.kb

    def country_name(iso: str) -> str | None:
        entry = kb.get(iso)
        return entry.name if entry is not None and entry.kind in {"state", "territory"} else None

    claim_person_spans(doc)  # a town NER took for a person is a place, never an actor
    doc.events = code_events(doc, country_name=country_name)
    return doc


def code_events(
    doc: Document, *, country_name: Callable[[str], str | None] | None = None
) -> list[Event]:
    """The events of a parsed document whose actors, quotes, times and places are known.

    `country_name` names the polity of a place an event is aimed at ("struck Lahore": Pakistan)
    when the article has no actor for it yet; without it such places give no target.
    """
    parsed: Doc = doc.nlp
    polity = PolityOfPlace(doc, country_name=country_name)
    owner = MentionOwner(polity)
    named = {i for a in doc.actors for m in a.mentions for i in range(m.start, m.end)}
    found = [
        (t, trig)
        for t in parsed
        if (trig := find_trigger(t, common=True)) is not None
        # "Syria's opposition", "the resistance": a noun that names an actor is no act
        and not (trig.is_noun and t.idx in named)
    ]
    found += stated_acts(doc, {t.i for t, _ in found}, owner)  # "told X it must"
    found.sort(key=lambda f: f[0].i)
    consumed = _consumed(found)
    found = [(t, trig) for t, trig in found if t.i not in consumed]
    time_owner = time_owners(doc, {t.i for t, _ in found})
    events: list[Event] = []
    for token, trig in found:
        event = _code_one(doc, token, trig, owner, time_owner, polity)
        if event is not None:
            events.append(event)
            performed = _performed(doc, token, event, time_owner, owner)
            if performed is not None:
                events.append(performed)
    # "the minister announced sanctions in relation to Peru": an act the frames found without
    # its target takes one the same reading gives (read before settling drops it)
    untargeted = {
        (sentence_start(parsed, e.evidence[0]), e.type, s)
        for e in events
        if not e.target
        for s in e.source
    }
    state_side = {a.id: a.country for a in doc.actors if a.country and is_state_side(a)}
    merged = settle(events, parsed, state_side=state_side)
    # "Syria agreed to a ceasefire with Turkey": in a sentence no frame coded, the parties
    # read towards the trigger between them
    busy = {sentence_start(parsed, ev) for e in merged for ev in e.evidence}
    between = _between(doc, busy, untargeted, time_owner)
    if between:
        merged = settle(merged + between, parsed, state_side=state_side)
    for n, event in enumerate(merged, start=1):
        event.id = f"V{n}"
    return merged


def _between(
    doc: Document,
    skip: set[int],
    untargeted: set[tuple[int, str, str]],
    time_owner: dict[str, int | None],
) -> list[Event]:
    """Events of the acts between a subject actor and another (`events.between`) in the
    sentences whose start is not in `skip`, and those that complete an `untargeted` event."""
    out: list[Event] = []
    settled: set[int] = set()  # subjects whose act is found: the first accepted candidate
    for act in path_events(doc, skip=skip, untargeted=untargeted):
        if act.subject in settled:
            continue
        mode = act.trigger.mode if act.type == act.trigger.type else None
        if _misread(doc, act.token, act.trigger, [act.source], [act.target]):
            continue
        if any(q.speaker == act.target and q.start <= act.token.idx < q.end for q in doc.quotes):
            continue  # "shot the fleeing families, according to a commander": who tells it
        event = _finish(
            doc,
            act.token,
            act.trigger,
            (act.type, mode),
            [act.source],
            [act.target],
            inferred=[],
            time_owner=time_owner,
        )
        if event is not None:
            settled.add(act.subject)
            # no frame vouched for the target: as sure as an act coded without one (about half
            # of these are right on news_gold, against some 0.55 for framed events)
            out.append(replace(event, confidence=round(event.confidence - 0.2, 2)))
    return out


def _consumed(found: list[tuple[Token, Trigger]]) -> set[int]:
    """Triggers that are not events of their own.

    - a noun that another trigger acts on or undoes: "lifted its ban", "reduced its aid",
      "went on strike" (violence, threats and accusations stay: "condemned the attack");
    - an act that is only asked for or refused: "urged Myanmar to release", "refused to
      sign" (the request or refusal is the event);
    - a noun that only classifies another ("detention centres", "strike aircraft");
    - a standing arrangement that a plain verb only mentions: "exiting the nuclear deal",
      "violated the ceasefire", "discussed the sanctions" name an agreement or measure that
      exists, not an act of making it (verbs that carry a noun out, "signed a deal",
      "imposed sanctions", keep it).
    """
    at = {t.i: trig for t, trig in found}
    # "reduced its aid": the aid is what was cut, not given
    gone = {u.i for t, trig in found if (u := undone_act(t, trig)) is not None}
    for token, trig in found:
        head = token.head
        if trig.is_noun and token.dep_ == "compound":
            gone.add(token.i)  # "detention centres", "attack helicopters": a kind of thing
            continue
        if _mentioned_arrangement(token, trig, at):
            gone.add(token.i)
            continue
        if head.i == token.i or head.i not in at:
            continue
        acted_on = (
            trig.is_noun
            and trig.type in _CONSUMABLE
            and at[head.i].type != trig.type
            and token.dep_ in {"dobj", "nsubjpass"}
        )
        asked = asked_or_refused(token, at[head.i].type)
        if acted_on or asked:
            gone.add(token.i)
    for token, _ in found:
        if asked_for(token) or purpose_asked(token):
            gone.add(token.i)
    for token, trig in found:
        # "denied firing on the post": a common word over an act only frames that act
        if trig.pair_only and frames_an_act(token, at.keys()):
            gone.add(token.i)
    for token, _ in found:
        grand = token.head.head
        if token.dep_ == "pobj" and grand.i in at and grand.lemma_.lower() == "go":
            gone.add(token.i)  # "went on strike": the verb pair codes it
    return gone


def _mentioned_arrangement(token: Token, trig: Trigger, at: dict[int, Trigger]) -> bool:
    if not trig.is_noun or trig.type not in _CONSUMABLE or token.dep_ != "dobj":
        return False
    verb = token.head
    return verb.pos_ == "VERB" and verb.i not in at and verb.lemma_.lower() not in LIGHT


def _code_one(
    doc: Document,
    token: Token,
    trig: Trigger,
    owner: Owner,
    time_owner: dict[str, int | None],
    polity: PolityOfPlace,
) -> Event | None:
    source, target = participants(token, trig, owner, place_actor=polity)
    if (
        source
        and target
        and frames()[trig.type].places
        and all(unnamed_group(doc, t) for t in target)
    ):
        # "killed 48 people in attacks in Afghanistan", "aid to help people in Somalia": an
        # unnamed group where the act happened stands with the polity of the place, unless
        # that is the source's own ("Peruvian police arrested protesters in Lima"); an
        # agentless act gets the place's own authorities later, so the place is theirs
        own = {a.country for s in source if (a := doc.actor(s)) is not None and a.country}
        place = _event_place(doc, token)
        found = polity.actor_for(place) if place and place.country not in own else None
        if found and found not in target:
            target = [*target, found]
    if frames()[trig.type].own_forces:
        target = [t for t in target if not own_force(doc, t, source)]
        if not target:  # "withdrew its troops from northern Syria": whence they were moved
            target = [t for t in place_targets(token, trig, polity) if t not in source]
    if frames()[trig.type].stationed:
        # "Syrian troops in Aleppo withdrew": a side does not withdraw from its own state
        target = [t for t in target if not own_state(doc, t, source)]
    if not target:  # "the villagers fear an attack by the rebels": whom it would hit
        target = [t for t in endangered(token, trig.type, owner) if t not in source]
    source = source or unstated_source(token, trig.type, owner, target)
    if not target and trig.type in _ANSWERS:  # "Peru rejected the accusation": its maker
        target = answered_speaker(doc, token, source)
    event_type, mode = trig.type, trig.mode
    if trig.word in {"promise", "pledge", "vow"}:
        objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
        if objects & _THREAT_OBJECTS:
            event_type, mode = "THREATEN", None
            target = target or _response_target(token, owner)
        elif trig.word == "vow":
            event_type = "THREATEN"
    if event_type == "REQUEST":
        wanted = {t.lemma_.lower() for t in token.subtree}
        if wanted & _REQUEST_YIELD:
            mode = "yield"
    if (
        trig.word in _PHONE_SENSE
        and not trig.particle
        and target
        and all((a := doc.actor(t)) is not None and a.kind == "person" for t in target)
        and not labels_its_object(token)
    ):
        # "the president called the king on Saturday": a telephone call, not a demand
        # ("called on X to") nor a label ("called the senator a traitor")
        event_type, mode = "CONSULT", "phone"
    if driven_out(
        token,
        source_sectors=[a.sector for s in source if (a := doc.actor(s)) is not None],
        target_sectors=[a.sector for t in target if (a := doc.actor(t)) is not None],
    ):
        event_type, mode = "ASSAULT", None  # "drove Isis out of Mosul": fighting
    if event_type == "ASSAULT" and labour_strike(token, armed_source=_armed(doc, source)):
        event_type, mode = "PROTEST", "strike"  # "teachers striking for higher pay"
    if event_type == "ASSAULT" and aimed_at_words(token):
        # "hit back at comments", "attacked the report": words are attacked with words
        event_type, mode = "ACCUSE", None
    if (
        event_type == "ASSAULT"
        and target
        and war_of_words(token, parties=[doc.actor(a) for a in (*source, *target)])
    ):
        event_type, mode = "ACCUSE", "disapprove"  # "the ambassador clashed with Trump"
    if event_type == "ASSAULT":
        mode = _weapon_mode(token) or mode
    inferred: list[str] = []
    if not source and (event_type, mode or "") in implied_agents() and names_no_agent(token):
        # "dozens were arrested in Tehran": only the country's police arrest there
        implied = implied_agent(
            doc,
            event_type=event_type,
            mode=mode,
            place_id=locate_event(doc, token_i=token.i),
            country_name=polity.country_name,
        )
        if implied is not None and implied not in target:
            source, inferred = [implied], [implied]
    if not source:
        return None  # an act by no identifiable actor ("a balloon was shot down")
    if _misread(doc, token, trig, source, target):
        return None
    return _finish(
        doc,
        token,
        trig,
        (event_type, mode),
        source,
        target,
        inferred=inferred,
        time_owner=time_owner,
    )


def _armed(doc: Document, actor_ids: list[str]) -> bool:
    """Whether any of these actors is an armed force (`[armed_sector]`)."""
    return any((a := doc.actor(i)) is not None and a.sector in _ARMED_SECTORS for i in actor_ids)


def _misread(
    doc: Document, token: Token, trig: Trigger, source: list[str], target: list[str]
) -> bool:
    """A reading of the trigger's word that is no act between these parties."""
    if token.lemma_.lower() in _MEMBERSHIP and all(unnamed_group(doc, s) for s in source):
        return True  # "citizens who travelled to join the militia": recruits, not a party
    if trig.pair_only and (not target or weak_frame(doc, token, source)):
        return True  # a common word ("give", "hold") is an event only between two actors
    if trig.needs_patient and not target and _object_is_message(token):
        return True  # "released a statement": nobody was set free
    armed = _armed(doc, source)
    if departure_only(trig.word, armed_source=armed):
        return True  # "the president left Moscow": a journey, not a withdrawal
    if trig.pos == "V" and journey_only(token, armed_source=armed):
        return True  # "the exiled leader returned to Peru": a journey, not a release
    if trig.pos == "V" and trig.type == "AID" and gives_no_aid(token):
        return True  # "gave birth", "gave a verdict": nothing given as aid
    if trig.pos == "V" and trig.type == "ASSAULT" and struggle_only(token):
        return True  # "officials fighting corruption": no foe
    if trig.pos == "V" and trig.type == "CONSULT" and no_visitor(token):
        return True  # "received military aid": no visitor taken in
    if trig.word in _DISMISSAL_SENSE and object_is_person(token):
        return True  # "Trump fired Comey": dismissed from office, not shot at
    return bool(source) and source == target


def _finish(
    doc: Document,
    token: Token,
    trig: Trigger,
    coded: tuple[str, str | None],
    source: list[str],
    target: list[str],
    *,
    inferred: list[str],
    time_owner: dict[str, int | None],
) -> Event | None:
    """The event of a trigger whose type and parties are known: status, time, place,
    attribution and evidence."""
    event_type, mode = coded
    status = event_status(token)
    if not target and personnel_change(token, mode=mode, status=status):
        return None  # "X resigned on Thursday" ("agreed to resign" stays: a commitment)
    quote, attributed_to, reported_by = attribution(doc, token.idx)
    time_id, date, precision = event_when(doc, token, status, time_owner)
    first, last = _evidence_bounds(token)
    evidence = Evidence(first, last, doc.text[first:last])
    confidence = 0.45 + (0.2 if source else 0) + (0.2 if target else 0)
    if token.pos_ == "NOUN":
        confidence -= 0.1
    return Event(
        id="",
        type=event_type,
        mode=mode,
        context=[trig.context] if trig.context else [],
        source=source,
        target=target,
        status=status,
        date=date,
        time=time_id,
        location=_location(doc, token, source + target),
        attributed_to=attributed_to,
        reported_by=reported_by,
        quote=quote.id if quote is not None else None,
        evidence=[evidence],
        intensity=intensity(event_type, mode),
        quad=TYPE_QUAD[event_type],
        confidence=round(min(confidence, 0.95), 2),
        date_precision=precision,
        cameo=trig.cameo if (event_type, mode) == (trig.type, trig.mode) else None,
        inferred=inferred,
    )


def _performed(
    doc: Document, token: Token, event: Event, time_owner: dict[str, int | None], owner: Owner
) -> Event | None:
    """The promise, threat or refusal a statement of a future act performs (coding
    conventions, rule 1), as an event of its own beside the act (rule 2)."""
    act = performed_act(token, event.type, owner=owner)
    if act is None:
        return None
    time_id, date, precision = event_when(doc, act.speech, "occurred", time_owner)
    return replace(
        event,
        type=act.type,
        mode=None,
        context=[],
        target=event.target or [t for t in act.targets if t not in event.source],
        status="occurred",
        date=date,
        time=time_id,
        intensity=intensity(act.type, None),
        quad=TYPE_QUAD[act.type],
        date_precision=precision,
        cameo=None,
        inferred=list(event.inferred),
    )


def _object_is_message(token: Token) -> bool:
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if token.pos_ == "NOUN":
        objects += [g for c in token.children if c.lower_ == "of" for g in c.children]
    return any(o.lemma_.lower() in message_nouns() for o in objects)


def _weapon_mode(token: Token) -> str | None:
    """What was fired or launched says how: "fired rockets at" is not small arms; for a noun,
    its modifier: "a missile strike", "drone attacks"."""
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return None  # "shot down drones": the drones were hit, not used
    deps = {"dobj"} if token.pos_ == "VERB" else {"compound", "amod", "nmod"}
    weapons = sorted(w for c in token.children if c.dep_ in deps and (w := weapon_of(c)))
    return WEAPON_MODES[weapons[0]] if weapons else None


def _location(doc: Document, token: Token, participants: list[str]) -> str | None:
    """The place the event happened, unless that "place" is a capital standing for a
    participant ("called on Washington": the US government, not a location). A country that
    is both target and place stays ("fired rockets at northern Israel")."""
    place = _event_place(doc, token)
    if place is None:
        return None
    if place.feature == "country":
        return place.id
    for actor_id in participants:
        actor = doc.actor(actor_id)
        if actor and any(m.start == place.start and m.end == place.end for m in actor.mentions):
            return None
    return place.id


def _event_place(doc: Document, token: Token) -> Place | None:
    """The place where the event of a trigger token happened (`locate_event`)."""
    place_id = locate_event(doc, token_i=token.i)
    return next((p for p in doc.places if p.id == place_id), None)


def _response_target(token: Token, owner: Owner) -> list[str]:
    """ "promised a response to the Israeli attack": whoever carried out the attack."""
    for child in token.subtree:
        if child.dep_ == "pobj" and child.head.lower_ == "to":
            actors = phrase_actors([child], owner)
            if actors:
                return actors
    return []


def _evidence_bounds(token: Token) -> tuple[int, int]:
    """The clause that shows the act: the trigger with its own arguments, not sub-clauses."""
    skip = {"ccomp", "advcl", "relcl", "conj", "cc", "punct", "parataxis"}
    tokens = [token]
    for child in token.children:
        if child.dep_ in skip:
            continue
        tokens.extend(child.subtree)
    if token.dep_ in {"xcomp", "dobj", "pobj"}:
        tokens.extend(t for t in token.head.children if t.dep_ == "nsubj" for t in t.subtree)
    start = min(t.idx for t in tokens)
    last = max(tokens, key=lambda t: t.idx)
    end = last.idx + len(last)
    return start, end
