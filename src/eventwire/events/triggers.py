"""Which lexicon trigger, if any, a parsed token reports.

Shared by the article coder (`stages/events.py`) and the pair coder (`events/pair.py`), so
that "lift sanctions", "hunger strike" and "call for" mean the same thing in both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import mapping, rows, words
from ..resources.lexicons import agents
from ..resources.plover import Trigger, object_triggers, triggers
from .expulsion import expulsion_trigger
from .labels import labelled

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "LIGHT",
    "WEAPON_MODES",
    "find_trigger",
    "partitive_head",
    "partitive_object",
    "token_pos",
    "undone_act",
    "weapon_of",
    "weapon_used",
]

#: Dependents that name what a verb acts on, for verb-object triggers.
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "acomp"})
#: Verbs whose object noun says what was done ("imposed sanctions", "held a meeting",
#: "pledged support", "ordered an investigation", "headed an inquiry"): the verb's subject
#: carries out the noun.
LIGHT = words("light_verb", "carrying_light_verb", "leading_verb")
#: Verbs of failing, and the types of act whose failure is a rejection ("failed to agree").
_FAILING = words("failure_verb")
_AGREEMENT_TYPES = words("agreement_type")
_SIGN_AGREEMENT = "057"  # CAMEO "sign formal agreement"
_NAMING_DEPS = frozenset({"amod", "compound", "nmod"})


#: Weapons by lemma, with the PLOVER ASSAULT mode each fixes ("fired rockets", "launched
#: drones"); the manual's modes table: drones are their own mode, artillery and rockets heavy.
WEAPON_MODES = mapping("weapon_mode")
#: CAMEO code of each mode of a launched weapon (194 artillery, 195 aerial, 193 small arms).
_MODE_CAMEO = {
    "heavy-weapons": "194",
    "drone": "195",
    "aerial": "195",
    "firearms": "193",
    "unconventional": "204",
    "crowd-control": "175",
    "explosives": "183",
}
#: Verbs that propel a weapon at someone: with a weapon object they report an attack.
_PROPEL = words("propel_verb")
#: Verbs of using: a weapon used is an attack ("used chemical weapons", "used tear gas").
_WIELD = words("wielding_verb")
#: Weapons that also carry, watch or mean something else ("used a jet to fly to Geneva",
#: "used the shot in a video"): used, an attack only when aimed ("used jets against X");
#: any other weapon used is one ("used missiles in Ukraine", "used chemical weapons").
_DUAL_USE = words("dual_use_weapon")
#: "send" is also how arms are supplied ("sent drones to Russia"): only with a preposition
#: of aim ("sent drones into Israel") is it an attack.
_AIMED_PREPS = words("aim_prep")
#: Counting nouns whose "of" object is what was launched: "a wave of drones".
_COUNTERS = words("counter_noun")
#: Nouns that count or stage an act: "a round of talks", "a series of attacks".
_PARTITIVES = words("partitive_act_noun")
#: Verbs that undo the act their object noun names ("reduced aid", "rolled back tariffs"),
#: and what undoing an act of each type is.
_REDUCTION = words("reduction_verb")
_REDUCED_ACT = rows("reduced_act")
#: Who a hindrance keeps from acting: people and bodies, not things ("prevented it from
#: spreading").
_PEOPLE_PRONOUNS = words("person_pronoun", "group_pronoun")
_PEOPLE_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def partitive_head(token: Token) -> Token | None:
    """ "held a new round of talks": the noun that stands in the clause for the act `token`
    names, when the parse hangs the act under it; None otherwise."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep":
        return None
    return prep.head if prep.head.lemma_.lower() in _PARTITIVES else None


def weapon_of(token: Token) -> str | None:
    """The weapon a noun names (its key in `WEAPON_MODES`: the modifier and lemma, "chemical
    weapon", else the lemma), through a counting noun ("a wave of drones")."""
    if token.lemma_.lower() in _COUNTERS:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                if (found := _weapon_key(obj)) is not None:
                    return found
        return None
    return _weapon_key(token)


def weapon_used(trigger: Trigger, noun: Token) -> bool:
    """Whether a noun is the weapon an attack's verb-object trigger uses ("used jets"): what
    the attack uses, not whom it hits; not a thing bought or sold ("to buy US missiles")."""
    return trigger.type == "ASSAULT" and trigger.pos == "VO" and weapon_of(noun) == trigger.particle


def _weapon_key(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    for mod in (c for c in token.children if c.dep_ in {"amod", "compound"}):
        phrase = f"{mod.lemma_.lower()} {lemma}"
        if phrase in WEAPON_MODES:
            return phrase  # "tear gas", "chemical weapons": the phrase fixes the mode
    return lemma if lemma in WEAPON_MODES else None


def _launched(token: Token, lemma: str) -> Trigger | None:
    """ "launched drones at Kyiv", "lobbed shells into the town", "used chemical weapons": an
    attack whose mode the weapon gives (the verb alone is only a light verb or supply)."""
    if lemma not in _PROPEL and lemma not in _WIELD:
        return None
    weapon = _weapon_object(token)
    if weapon is None:
        return None
    # "used jets and artillery against X": the aim may hang on the weapons
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [g for o in objects for g in o.children if g.dep_ == "conj"]
    preps = {c.lower_ for t in [token, *objects] for c in t.children if c.dep_ == "prep"}
    if lemma == "send" and (not preps & _AIMED_PREPS or "to" in preps):
        return None
    mode = WEAPON_MODES[weapon]
    if lemma in _WIELD and not preps & _AIMED_PREPS and weapon in _DUAL_USE:
        return None  # "used a jet to fly to Geneva", "used drones to monitor shipping"
    return Trigger(lemma, weapon, "VO", "ASSAULT", mode, "military", _MODE_CAMEO.get(mode, "190"))


def _weapon_object(token: Token) -> str | None:
    return next((w for c in token.children if c.dep_ == "dobj" and (w := weapon_of(c))), None)


def _failed_agreement(token: Token, lemma: str) -> Trigger | None:
    """ "X and Y failed to reach a deal", "failed to agree on": parties that fail to agree
    reject each other's terms (CAMEO's FAIL, 120, REJECT); a failed act of any other kind
    is only not done ("failed to stop the convoy": the status rules negate it)."""
    if lemma not in _FAILING:
        return None
    for comp in (c for c in token.children if c.dep_ == "xcomp"):
        act = find_trigger(comp, common=True)
        if act is not None and _is_agreement(act) and _two_parties(token, comp):
            return Trigger(lemma, act.word, "VO", "REJECT", None, act.context, "120")
    return None


def _two_parties(verb: Token, comp: Token) -> bool:
    """Whether the clause names both parties: a coordinated subject ("Chile and Peru failed
    to agree") or a partner with "with" ("failed to reach a deal with Peru"); "lawmakers failed
    to agree on the budget" rejects nobody."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # "British and EU negotiators": the coordination may lie in the subject's modifiers
    heads = [*subjects, *(m for s in subjects for m in s.children if m.dep_ in _NAMING_DEPS)]
    if any(g.dep_ == "conj" for h in heads for g in h.children):
        return True
    phrases = [comp, *(c for c in comp.children if c.dep_ == "dobj")]
    return any(c.dep_ == "prep" and c.lower_ == "with" for p in phrases for c in p.children)


def _is_agreement(act: Trigger) -> bool:
    """An agreement between parties: AGREE, or signing one (CAMEO 057, which PLOVER counts as
    SUPPORT: "reached a deal"); not support as such ("failed to support Ukraine")."""
    return act.type in _AGREEMENT_TYPES or act.cameo == _SIGN_AGREEMENT


def _reduced(
    token: Token, lemma: str, table: dict[tuple[str, str], list[Trigger]]
) -> Trigger | None:
    """ "reduced military aid to X", "rolled back tariffs on Y": a verb of reducing undoes the
    act its object noun names (a sanction, an easing); pairs the tables name win before."""
    if not _reducing(token, lemma):
        return None
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        act = _noun_trigger(partitive_object(obj) or obj, table)
        undone = _REDUCED_ACT.get(act.type) if act is not None else None
        if act is not None and undone is not None:
            event_type, mode, context, cameo = (None if v == "-" else v for v in undone)
            return Trigger(
                lemma, act.word, "VO", str(event_type), mode, context, cameo, act.pair_only
            )
    return None


def _reducing(token: Token, lemma: str) -> bool:
    """A verb of reducing, with the particle it needs ("rolled back", not "rolled out")."""
    particles = (c.lower_ for c in token.children if c.dep_ == "prt")
    return lemma in _REDUCTION or any(f"{lemma} {p}" in _REDUCTION for p in particles)


def undone_act(token: Token, trig: Trigger) -> Token | None:
    """The object noun whose act a reducing verb's trigger undoes ("reduced its aid": aid),
    which is then no event of its own; None for any other trigger."""
    if trig.pos != "VO" or not _reducing(token, trig.word):
        return None
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        act = partitive_object(obj) or obj
        if act.lemma_.lower() == trig.particle:
            return act
    return None


def partitive_object(token: Token) -> Token | None:
    """ "a round of talks": the act a partitive noun counts; None for any other noun."""
    if token.lemma_.lower() not in _PARTITIVES:
        return None
    return next(
        (
            g
            for p in token.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ),
        None,
    )


def token_pos(token: Token) -> str | None:
    """The lexicon's part of speech of a token: V, N, A (a predicative adjective with an
    infinitive: "is willing to withdraw") or None."""
    if token.pos_ == "VERB":
        return "V"
    if token.pos_ in {"NOUN", "PROPN"}:
        return "N"
    if (
        token.pos_ == "ADJ"
        and token.dep_ == "acomp"
        and any(c.dep_ == "xcomp" for c in token.children)
    ):
        return "A"
    return None


def find_trigger(token: Token, *, pairs: bool = False, common: bool = False) -> Trigger | None:
    """The trigger a token reports, two-word triggers first; None when it reports none.

    `pairs` admits the common words ("give", "hold") that only code a given actor pair, and
    reads a light verb as the noun it carries ("held talks"); `common` admits the common
    words alone (their `pair_only` says that the caller must find both sides).
    """
    pos = token_pos(token)
    if pos is None:
        return None
    lemma = token.lemma_.lower()
    if pos == "V" and (label := labelled(token)) is not None:
        return label  # "called the senator a liar": an accusation, whatever the pair table
    if pos == "V" and (launched := _launched(token, lemma)) is not None:
        return launched  # "used fighter jets": the weapon, not the derived pair table
    if pos == "V" and lemma in _WIELD and _weapon_object(token) is not None:
        return None  # "used a jet to fly to Geneva": no attack, nor the table's "investigation"
    two = _two_word(token, lemma, pos)
    if two is not None and (pairs or common or not two.pair_only):
        return two
    if pos == "V" and (failed := _failed_agreement(token, lemma)) is not None:
        return failed
    table = triggers(pairs=pairs or common)
    if pos == "V" and (reduced := _reduced(token, lemma, table)) is not None:
        return reduced
    if pairs and pos == "V" and lemma in LIGHT:
        for obj in (c for c in token.children if c.dep_ == "dobj"):
            noun = _noun_trigger(obj, table)
            if noun is not None:
                return noun
    if pos == "V" and (expelled := expulsion_trigger(token, table.get((lemma, pos), []))):
        return expelled  # "drove Isis out of Mosul", "ousted the YPG from Afrin"
    options = (
        table.get((_hyphen_joined(token), pos))
        or table.get((lemma, pos))
        or table.get((token.lower_, pos))
    )
    if not options:
        return None
    # a preposition after the verb's object is no part of the verb: "called on Putin" is a
    # demand, "called Putin on Friday" a call; a particle may follow it ("pulled troops out")
    first_object = min((c.i for c in token.children if c.dep_ == "dobj"), default=len(token.doc))
    particles = {
        c.lower_
        for c in token.children
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.i < first_object)
    }
    if _hinders_someone(token):
        particles.add("from")  # "prevented the protesters from entering": a hindrance
    for trig in options:
        if trig.particle and trig.particle in particles:
            return trig
    plain = [t for t in options if t.particle is None]
    return plain[0] if plain else None


def _hinders_someone(verb: Token) -> bool:
    """ "kept the protesters from entering", "barred journalists from covering the trial": a
    verb whose object is someone (a person or body the NER names, a personal pronoun, an
    agent noun; not "it", "this", "2,000 tonnes") and whose "from"
    takes a gerund, what that someone may not do. Its "from" row in the trigger table is the
    hindrance ("prevent from": COERCE)."""
    someone = any(
        c.dep_ == "dobj"
        and (
            c.lower_ in _PEOPLE_PRONOUNS
            or c.ent_type_ in _PEOPLE_ENTITIES
            or c.lemma_.lower() in agents()
        )
        for c in verb.children
    )
    return someone and any(
        c.dep_ == "prep" and c.lower_ == "from" and any(g.tag_ == "VBG" for g in c.children)
        for c in verb.children
    )


def _hyphen_joined(token: Token) -> str:
    """ "cease-fire", "counter-attack": the parser splits a hyphenated word the lexicon
    writes solid ("ceasefire"); the joined lemma, or "" when the token is no such tail."""
    if token.i < 2 or token.pos_ not in {"NOUN", "PROPN"}:
        return ""
    hyphen, first = token.nbor(-1), token.nbor(-2)
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_:
        return ""
    return first.lower_ + token.lemma_.lower()


def _noun_trigger(token: Token, table: dict[tuple[str, str], list[Trigger]]) -> Trigger | None:
    if token_pos(token) != "N":
        return None
    two = _two_word(token, token.lemma_.lower(), "N")
    if two is not None:
        return two
    options = table.get((token.lemma_.lower(), "N"))
    return options[0] if options else None


def _two_word(token: Token, lemma: str, pos: str) -> Trigger | None:
    pairs = object_triggers()
    if pos == "N":
        for child in token.children:
            if child.dep_ in {"compound", "amod"}:
                hit = pairs.get(("NN", child.lemma_.lower(), lemma))
                if hit is not None:
                    return hit
        return None
    for obj in _objects(token):
        hit = pairs.get(("VO", lemma, obj.lemma_.lower()))
        if hit is None:
            continue
        named = _two_word(obj, obj.lemma_.lower(), "N")
        if named is not None and named.type != hit.type:
            # "issued a travel warning": the noun's modifier names the act more closely
            # than the verb and its object's head do; the noun carries it
            continue
        return hit
    return None


def _objects(token: Token) -> list[Token]:
    """A verb's objects, and the noun of its preposition ("go on strike"); through a
    partitive noun, the act it counts ("held a round of talks")."""
    found = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    found += [
        g
        for c in found
        if c.lemma_.lower() in _PARTITIVES
        for p in c.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        found.extend(g for g in prep.children if g.dep_ == "pobj")
    return found
