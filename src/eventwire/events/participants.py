"""Who acts and who is acted on: the source and target of a trigger, from the parse.

The slots are general syntactic frames; what differs between PLOVER types (which prepositions
mark the target, whether a coordinated subject names both sides, whether a place stands for
its polity) is data, `data/event_frames.tsv`, read as `resources.plover.frames()`:

- source: the subject of a verb, the by-agent of a passive, the subject of the verb a
  complement depends on ("agreed to send", "coordinating with Iran to strike"), the object of
  a control verb ("urged X to"); for a noun, its possessor or modifier ("Israel's attack",
  "US sanctions"), its by-agent, or the subject of the verb that carries it out ("launched an
  attack", "ordered an investigation");
- target: the object, the object of the type's prepositions, an actor inside the object's
  phrase ("rejected the appeal of X", "condemned X's violations"), the target of the act a
  complement names ("agreed to lend to X", "refused to meet with X"), the other members of
  a coordinated subject for reciprocal types ("X and Y agreed"), and, for acts against a
  territory, the polity a place stands for ("struck Lahore").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import words
from ..resources.plover import Frame, Trigger, frames, triggers
from .indirect_sides import coordinated_reporters, received
from .phrases import HOLDER_PREPS as _HOLDER_PREPS
from .phrases import MODIFIER_DEPS as _MODIFIER_DEPS
from .phrases import (
    Owner,
    content_clause,
    is_infinitive_of,
    is_infinitive_of_noun,
    phrase_actors,
    reduced_passive,
)
from .phrases import actors as _actors
from .phrases import conjuncts as _conjuncts
from .phrases import prep_objects as _prep_objects
from .place_targets import (
    PlaceActor,
    aimed_places,
    complement_places,
    place_targets,
    purpose_places,
)
from .symmetric import between_sides, is_reciprocal, is_symmetric, partner
from .triggers import LIGHT, find_trigger, partitive_head, weapon_of, weapon_used

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "SPEECH_VERBS",
    "Owner",
    "PlaceActor",
    "is_infinitive_of",
    "is_infinitive_of_noun",
    "names_no_agent",
    "participants",
    "phrase_actors",
    "place_targets",
]

#: Verbs of saying: a clause they govern is reported, not done by their subject (shared
#: with `status`).
SPEECH_VERBS = words("speech_verb")
#: Verbs of belief: whoever holds one does not do what the clause says.
_COGNITION_VERBS = words("cognition_verb")
#: Whoever says or thinks a clause does not do what it reports.
_SAY_THINK = words("speech_verb", "cognition_verb")
#: Prepositions through which a complement's act reaches its target ("refused to meet with").
_COMPLEMENT_PREPS = words("complement_target_prep")
_COMMITMENT_ADJECTIVES = words("commitment_adjective")
#: Words whose complement is an act promised or refused ("agreed to", "willing to", "refused to").
_COMMITTING = words("commitment_verb", "commitment_adjective", "refusal_verb")
_LEADING = words("leading_verb")
#: Verbs whose object is the one who acts in their complement ("urged X to", "asked X to").
_CONTROL_OBJECT = words("object_control_verb")
#: Verbs that, with "in"/"into"/"to"/"at", say their subject takes part in the noun's act.
_SUPPORT_VERBS = words("participation_verb")
#: Any preposition (the pair noun of "go on strike" hangs on one).
_ANY_PREP = words("pair_noun_prep")
#: Links from a clause to the one whose subject may be its source.
_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "relcl", "acl"})
#: Texts that speak for whoever issues them ("a statement", "a resolution").
_ISSUED_TEXTS = words("message_noun", "issued_text_noun")
#: Types of words addressed to or about someone: a reported clause's subject is whom.
_ADDRESSED_TYPES = frozenset({"THREATEN", "ACCUSE", "REQUEST", "REJECT"})
#: Verbs that pass their complement's act on ("decided to launch", "continue to strike").
_TRANSPARENT = words("transparent_verb")


def participants(
    token: Token, trig: Trigger, owner: Owner, *, place_actor: PlaceActor | None = None
) -> tuple[list[str], list[str]]:
    """(source actor ids, target actor ids) of a trigger token; either may be empty."""
    frame = frames()[trig.type]
    if trig.is_noun:
        source, target = _noun_sides(token, trig, frame, owner)
    else:
        source, target = _verb_sides(token, trig, frame, owner)
    two_sided = frame.reciprocal == "yes" or (frame.reciprocal, trig.pos) == ("pairs", "VO")
    reciprocal = not trig.is_noun and is_reciprocal(token, act_type=trig.type)
    if reciprocal and not target:
        target = partner(token, owner, source=source)  # "clashed with protesters"
    symmetric_noun = trig.is_noun and is_symmetric(token)
    if not source and trig.is_noun and (two_sided or symmetric_noun):
        # "talks between X and Y": both sides, when "between" names two
        source, target = between_sides(token, owner) or (source, target)
    if symmetric_noun and not target:
        target = partner(token, owner, source=source)  # "clashes with Isis"
    if reciprocal and not target:
        source, target = _reciprocal(source)  # "X and Y clashed"
    # a common word ("receive", "give") must bind its two sides itself (see `Trigger`)
    elif two_sided and not trig.pair_only and (not target or _coordinated(token)):
        # "X and Y agreed", and "X and Y agreed to share information on Z": the two sides
        # are X and Y; what they agree on is the matter, after them
        source, partners = _reciprocal(source)
        target = [*partners, *(t for t in target if t not in partners)]
    if not target and "between" in frame.noun_preps:
        target = [a for a in _purpose_parties(token, owner) if a not in source]
    if not target and frame.places and place_actor is not None:
        target = aimed_places(token, trig, frame, place_actor) or purpose_places(token, place_actor)
    if not target and place_actor is not None and token.lemma_.lower() in _COMMITTING:
        target = complement_places(token, place_actor)
    return source, [t for t in target if t not in source]


def _coordinated(token: Token) -> bool:
    """True when a verb's subject is coordinated ("X and Y agreed")."""
    return any(c.dep_ == "nsubj" and _conjuncts(c) for c in token.children)


def _purpose_parties(token: Token, owner: Owner) -> list[str]:
    """ "launched a mediation effort to prevent a war between X and Y": the parties between
    whom the act's purpose (its infinitive) lies are whom a two-sided act deals with."""
    holders = [token, token.head] if token.dep_ == "compound" else [token]
    for purpose in (c for h in holders for c in h.children if is_infinitive_of_noun(c)):
        for t in purpose.subtree:
            if t.dep_ == "prep" and t.lower_ == "between":
                return _actors([g for g in t.children if g.dep_ == "pobj"], owner)
    return []


def _noun_sides(
    token: Token, trig: Trigger, frame: Frame, owner: Owner
) -> tuple[list[str], list[str]]:
    children = list(token.children)
    if token.dep_ == "dobj" and (givers := received(token.head, owner, noun=token)):
        # "received financial support from the US military": the giver acts on the receiver
        return givers, [a for a in _subject_actors(token.head, owner) if a not in givers]
    source = _actors([c for c in children if c.dep_ in _MODIFIER_DEPS], owner)
    by = [g for c in children if c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    source = source or _actors(by, owner)
    # "an investigation into the dealings of X": the object phrase may hold the actor
    target = _actors(_prep_objects(token, frame.noun_preps - {"by"}), owner, holders=True)
    # "began a new round of exercises": the partitive noun holds the act's place in the clause
    token = partitive_head(token) or token
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in LIGHT:
        # "Hezbollah launched an attack", "ordered an investigation": the verb's subject
        # carries out the noun; "held exercises with Peru": the partner hangs on the verb
        source = source or _subject_actors(head, owner)
        target = target or _actors(_prep_objects(head, frame.noun_preps | {"into"}), owner)
    if not source and token.dep_ == "pobj" and head.dep_ == "prep":
        # "X and Y are in talks", "Turkey went to war with Y": the noun is what the
        # clause's subject is engaged in
        verb = head.head
        if verb.lemma_.lower() in _SUPPORT_VERBS and head.lower_ in {"in", "into", "to", "at"}:
            source = _subject_actors(verb, owner)
            target = target or _actors(_prep_objects(verb, frame.noun_preps), owner)
    if not source and token.dep_ == "appos":
        source = _actors([head], owner)
    if not target and trig.type in _ADDRESSED_TYPES:
        # "Trump's demand that Germany repatriate", "the accusation that Peru had lied": whom
        # the words are about is the subject of the clause the noun holds
        said = [c for c in children if c.dep_ == "acl" and content_clause(c)]
        target = _actors([g for c in said for g in c.children if g.dep_ == "nsubj"], owner)
    if not target and token.dep_ == "nsubj" and _same_act(head, trig):
        # "a car bombing by X killed 75 people": whom the act's own verb reaches
        target = _actors([c for c in head.children if c.dep_ in {"dobj", "dative"}], owner)
    return source, [t for t in target if t not in source]


def _same_act(verb: Token, trig: Trigger) -> bool:
    """True when a noun trigger's verb reports the same kind of act ("the airstrike killed")."""
    act = find_trigger(verb) if verb.pos_ == "VERB" else None
    return act is not None and act.type == trig.type


def _verb_sides(
    token: Token, trig: Trigger, frame: Frame, owner: Owner
) -> tuple[list[str], list[str]]:
    children = list(token.children)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children)
    agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not passive and trig.type != "CONSULT" and (givers := received(token, owner)):
        # "received weapons from Russia": Russia gives, the subject receives
        return givers, [a for a in _subject_actors(token, owner) if a not in givers]
    source = _actors(agents, owner) if passive else _subject_actors(token, owner)
    if not passive:
        source = coordinated_reporters(token, owner) or source
    head = token
    # "after the leaders were released": by whom is not said, not the main clause's subject
    # "Chile is willing to withdraw": a predicative adjective's subject is its copula's
    if trig.pos == "A" and not source:
        source = _subject_actors(token.head, owner)
    while not source and not passive and (head.dep_ in _CLIMB_DEPS or _committed(head)):
        if reduced_passive(head):
            break  # "the smugglers detained in Lima": the noun underwent it, did not do it
        if head.dep_ == "acl":
            # "Trump's decision to withdraw", "Iran's plan to strike": the noun's holder acts
            if is_infinitive_of_noun(head):
                holders = [c for c in head.head.children if c.dep_ in _MODIFIER_DEPS]
                source = _actors(holders, owner)
            elif _issued_text(head):
                # "passed a resolution condemning X": who issues the text says it
                source = _subject_actors(head.head.head, owner)
            elif head.tag_ == "VBG":
                # "a delegation touring Washington", "the coalition fighting the Houthis": an
                # active participle's noun does it (a passive one undergoes it, above); in an
                # apposition, what it describes ("Hezbollah, the group fighting Israel")
                noun = head.head.head if head.head.dep_ == "appos" else head.head
                source = _actors([noun], owner)
            break
        if head.dep_ == "relcl":
            # "the rebels, who attacked X": the antecedent acts only through the relative
            # pronoun; "the soldiers who we fought alongside", "with whom Peru fought": the
            # clause has a subject of its own, and the antecedent is a partner or the target
            if not _own_subject(head):
                source = _actors([head.head], owner)
            break
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in _SAY_THINK:
            break  # "protesters rallied, witnesses said": who says it did not do it
        head = head.head
        source = _subject_actors(head, owner)
    if is_infinitive_of(token):
        # "coordinating with Iran to strike": the partner acts too
        partners = _prep_objects(token.head, frozenset({"with"}))
        source += [a for a in _actors(partners, owner) if a not in source]
        # "expects Iran to attack", "urged X to": the object of the head is who acts
        if _controls_its_object(token.head):
            actors = _actors([c for c in token.head.children if c.dep_ == "dobj"], owner)
            if actors:
                source = actors
    target = _verb_targets(token, trig, frame, owner, passive=passive, source=source)
    if not target and trig.type == "THREATEN":
        # "threatened to strike South Korea": whom the threatened act is aimed at
        target = _threatened_targets(token, owner)
    if not target and trig.type in _ADDRESSED_TYPES:
        # "warned that Iran would pay": whom the words are about
        said = [c for c in children if c.dep_ == "ccomp"]
        target = _actors([g for c in said for g in c.children if g.dep_ == "nsubj"], owner)
    if not target:
        target = _complement_targets(token, frame, owner, source)
    if not target and "to" in frame.verb_preps - frame.skip_preps:
        target = _stranded_recipient(token, owner, source)
    return source, [t for t in target if t not in source]


def _threatened_targets(token: Token, owner: Owner) -> list[str]:
    """Whom a threatened act is aimed at: "threatened to strike X", and through verbs of phase
    and decision that pass the act on: "vowed to continue clearing X", "threatened to start
    firing rockets at X" (the act's own prepositions, when it is a trigger)."""
    found: list[str] = []
    for act in (c for c in token.children if c.dep_ == "xcomp"):
        for _ in range(3):  # "decided to start to strike": a short chain at most
            if act.lemma_.lower() not in _TRANSPARENT:
                break
            nxt = next((c for c in act.children if c.dep_ == "xcomp"), None)
            if nxt is None:
                break
            act = nxt
        objects = [c for c in act.children if c.dep_ == "dobj"]
        trig = find_trigger(act)
        if trig is not None:
            frame = frames()[trig.type]
            objects += _prep_objects(act, frame.verb_preps - frame.skip_preps)
        found += [a for a in _actors(objects, owner) if a not in found]
    return found


#: Links to clauses of their own and to the subject, whose "to" phrases are not the verb's.
_OTHER_CLAUSES = frozenset({"ccomp", "xcomp", "conj", "parataxis", "csubj", "nsubj", "nsubjpass"})


def _stranded_recipient(verb: Token, owner: Owner, source: list[str]) -> list[str]:
    """ "returned the skulls that date back to 800 AD to Peru", "returned a manuscript,
    missing since 1943, to Italy": the parser hangs a late "to" phrase on a clause or noun
    inside the verb's own clause (not its subject's); the last one naming an actor is whom
    the act reaches."""
    for prep in sorted(verb.subtree, key=lambda t: -t.i):
        if prep.dep_ != "prep" or prep.lower_ != "to" or prep.head.i == verb.i:
            continue
        if prep.head.pos_ == "ADJ":
            continue  # "troops loyal to X", "close to X": the adjective's own complement
        link = prep.head
        while link.i != verb.i and link.dep_ not in _OTHER_CLAUSES:
            link = link.head
        if link.i != verb.i:
            continue
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        found = [a for a in _actors(objects, owner, holders=True) if a not in source]
        if found:
            return found
    return []


def _verb_targets(
    token: Token,
    trig: Trigger,
    frame: Frame,
    owner: Owner,
    *,
    passive: bool,
    source: list[str],
) -> list[str]:
    children = list(token.children)
    objects = [c for c in children if c.dep_ in {"dobj", "dative", "attr"}]
    if trig.type == "MOBILIZE":
        objects = [c for c in children if c.dep_ == "dative"]  # "deployed troops": the force
    if passive:
        objects += [c for c in children if c.dep_ == "nsubjpass"]
    if reduced_passive(token):
        objects.append(token.head)  # "fighters detained in Syria": the noun underwent it
    objects += _prep_objects(token, frame.verb_preps - frame.skip_preps)
    if trig.pos == "V" and trig.particle:
        # "called on Russia to withdraw", "appealed to Iran": a prepositional verb's own
        # preposition marks whom the act is aimed at, whatever the type's usual ones
        objects += _prep_objects(token, frozenset({trig.particle}))
    for prt in (c for c in children if c.dep_ == "prt"):
        objects += [g for p in prt.children if p.dep_ == "prep" for g in p.children]
    if trig.type in {"RETREAT", "SANCTION"}:  # "withdraw its troops from Niger"
        objects += [g for c in children if c.lower_ == "from" for g in c.children]
    held_preps = {"on", "against", "to", "with"} | ({"at", "into"} if trig.pos == "VO" else set())
    # "suspended aid for X", "opened an inquiry into X": the object, a noun of the act, marks
    # its target as the type's nouns do
    held_preps |= frame.noun_preps - _HOLDER_PREPS
    # "went on strike against X": the noun of a verb-object pair holds the target
    pair_noun = [o for o in _prep_objects(token, _ANY_PREP) if o.lemma_ == trig.particle]
    # "used fighter jets against X": the weapon is what the attack uses, not whom it hits
    weapons = [o for o in objects if weapon_used(trig, o)]
    weapons += [c for w in weapons for c in w.children if c.dep_ == "conj" and weapon_of(c)]
    # "led a delegation to Moscow": what a leading verb's subject heads is its own, not whom
    # the act concerns; the noun's phrases may name that
    led = token.lemma_.lower() in _LEADING and trig.pos == "VO"
    weapons += [o for o in objects if led and o.dep_ == "dobj" and o.lemma_ == trig.particle]
    objects = [o for o in objects if o not in weapons]
    pair_noun += weapons
    return _object_targets(
        token,
        objects,
        held_preps,
        owner,
        holders=trig.type != "MOBILIZE",
        exclude=source,
        carried=pair_noun if trig.pos == "VO" else [],
    )


def _object_targets(
    verb: Token,
    objects: list[Token],
    held_preps: set[str],
    owner: Owner,
    *,
    holders: bool = True,
    exclude: list[str] = [],  # noqa: B006 (read only)
    carried: list[Token] = [],  # noqa: B006 (read only)
) -> list[str]:
    """The actors named by a verb's objects; failing that, by the prepositions its direct
    object holds; failing that, inside the objects' phrases. `exclude`: the source ("Chile
    lifted its ban on Peru": "its" is Chile, the target is Peru)."""
    target = [a for a in _actors(objects, owner) if a not in exclude]
    if target:
        return target
    # "lifted its ban on the party", "supplying fuel to Lebanon": the object's own
    # preposition names whom the act is for or against; "launched a wave of drones at
    # Kyiv": what was launched is aimed at it
    held = [c for c in verb.children if c.dep_ == "dobj"] + carried
    held += [g for c in held for p in c.children if p.lower_ == "of" for g in p.children]
    # "lifted sanctions imposed on X": the object's participle carries the preposition
    held += [a for c in held for a in c.children if a.dep_ == "acl"]
    # "mobilized troops for a battle against X": the purpose names whom it is against
    held += _prep_objects(verb, frozenset({"for"}))
    # "returned the artifacts to the embassy of X", "lift a ban on imports from X": the
    # phrase the preposition marks may hold the actor
    target = _actors([g for c in held for g in _prep_objects(c, held_preps)], owner, holders=True)
    target = [a for a in target if a not in exclude]
    if target or not holders:
        return target
    # "rejected the appeal of X", "condemned X's violations": the phrase holds the actor
    return _actors(objects, owner, holders=True, exclude=frozenset(exclude))


def _complement_targets(token: Token, frame: Frame, owner: Owner, source: list[str]) -> list[str]:
    """ "agreed to lend to Indonesia", "refused to meet with Pence": the target of the act
    the complement names is the target of the agreement or refusal."""
    if token.lemma_.lower() in _SAY_THINK:
        return []
    for comp in (c for c in token.children if c.dep_ in {"xcomp", "ccomp"}):
        act = find_trigger(comp, common=True)
        if act is not None and not act.is_noun:
            # "agreed to allow the return of X", "refused to lift sanctions against X": the
            # complement's own act, read through its type's frame, names the target
            found = [a for a in participants(comp, act, owner)[1] if a not in source]
            if found:
                return found
        objects = [c for c in comp.children if c.dep_ in {"dobj", "dative"}]
        prepositional = _prep_objects(comp, frame.verb_preps | _COMPLEMENT_PREPS)
        objects += prepositional
        held = {"on", "against", "to", "with"}
        # the author of what the complement acts on is not whom the act is aimed at
        # ("refused to sign a statement by European leaders")
        found = _object_targets(comp, objects, held, owner, exclude=source, holders=False)
        # "refused to respond to a request from X", "agreed to meet with a delegation from
        # X": what the act answers or meets through a preposition is X's
        found = found or [a for a in _actors(prepositional, owner, holders=True) if a not in source]
        if found:
            return found
        # "allowed the WFP to deliver" (the complement's own clause), "refused to allow two
        # airlines to land" (the clause of the complement's verb): who is let act
        clauses = [comp] if comp.dep_ == "ccomp" else []
        clauses += [c for c in comp.children if c.dep_ == "ccomp"]
        for clause in clauses:
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            found = [a for a in _actors(subjects, owner) if a not in source]
            if found:
                return found
    if token.lemma_.lower() in _COMMITTING:
        # "agreed to talks with Kabul", "committed to a ceasefire with X": a noun act as the
        # complement names the target through its own frame
        for noun in _prep_objects(token, frozenset({"to"})):
            act = find_trigger(noun, common=True)
            if act is not None and act.is_noun:
                found = [a for a in participants(noun, act, owner)[1] if a not in source]
                if found:
                    return found
    return []


def _controls_its_object(verb: Token) -> bool:
    """ "urged X to", "begged X to", "pressed X to": verbs of control and every verb of
    request, whose object is asked to do what the infinitive says."""
    lemma = verb.lemma_.lower()
    if lemma in _CONTROL_OBJECT:
        return True
    return any(t.type == "REQUEST" for t in triggers(pairs=True).get((lemma, "V"), []))


def _own_subject(clause: Token) -> bool:
    """A relative clause whose subject is not its relative pronoun ("who we fought"); "whose
    members fought" is the antecedent's own."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass"}
        and c.tag_ not in {"WP", "WDT"}
        and not any(p.tag_ == "WP$" for p in c.children)
        for c in clause.children
    )


def _issued_text(participle: Token) -> bool:
    """ "released a statement criticising X": a participle on a text its verb's subject
    issues."""
    noun = participle.head
    return participle.tag_ == "VBG" and noun.dep_ == "dobj" and noun.lemma_.lower() in _ISSUED_TEXTS


def _committed(token: Token) -> bool:
    """ "is willing to withdraw": the adjective's subject is who will act."""
    return token.dep_ == "acomp" and token.lemma_.lower() in _COMMITMENT_ADJECTIVES


def _reciprocal(source: list[str]) -> tuple[list[str], list[str]]:
    """ "Jordan and Britain agreed", "India and Pakistan held talks", "X and Y are in talks":
    for acts that take two sides, the first actor is the source and the others the target."""
    if len(source) < 2:
        return source, []
    return source[:1], source[1:]


def names_no_agent(token: Token) -> bool:
    """True when the parse has no slot for who did it: an agentless passive ("were
    arrested"), a bare noun ("the arrests"); not a subject the coder failed to resolve."""
    deps = {c.dep_ for c in token.children}
    if token.pos_ in {"NOUN", "PROPN"}:
        if token.dep_ == "pobj":
            return False  # "after three years in detention": a state, not an act told
        if deps & {"poss"} or any(c.lower_ == "by" for c in token.children):
            return False
        verb = token.head
        return not (token.dep_ == "dobj" and any(c.dep_ == "nsubj" for c in verb.children))
    return not deps & {"nsubj", "agent", "csubj"}


def _subject_actors(token: Token, owner: Owner) -> list[str]:
    return _actors([c for c in token.children if c.dep_ == "nsubj"], owner)
