"""PLOVER facts: each type's score and quad class, and the trigger lexicon.

The types, their scores and quads are `eventwire.vocabulary.PloverType`'s; this module adds the
scores of modes, the triggers (`data/event_triggers.tsv`) and the participant frames
(`data/event_frames.tsv`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..errors import ResourceError
from ..lexicon import WordSet, words
from ..vocabulary import PLOVER_TYPES, PloverType
from .lexicons import data_text

__all__ = [
    "MODE_SCORE",
    "ROOT",
    "TRIGGER_FILES",
    "TYPES",
    "TYPE_QUAD",
    "TYPE_SCORE",
    "VERB_CLASSES",
    "Frame",
    "Trigger",
    "frames",
    "intensity",
    "lexicon_verbs",
    "merge_triggers",
    "message_nouns",
    "object_triggers",
    "triggers",
]

# Views of `PloverType`, the one list of types, keyed by plain name.
TYPE_SCORE: dict[str, float] = {t.value: t.score for t in PloverType}
TYPE_QUAD: dict[str, int] = {t.value: int(t.quad) for t in PloverType}
TYPES: tuple[str, ...] = PLOVER_TYPES
#: The 15 roots of data sets that merge CONCEDE and RETREAT into YIELD.
ROOT: dict[str, str] = {t.value: t.root for t in PloverType}
#: Mode scores the manual gives that differ from their type's.
MODE_SCORE: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 4.0,
    ("RETREAT", "disarm"): 10.0,
    ("ASSAULT", "unconventional"): -10.0,
}


def intensity(event_type: str, mode: str | None) -> float:
    """The event's PLOVER score, -10 (most hostile) to +10 (most cooperative)."""
    if mode is not None and (event_type, mode) in MODE_SCORE:
        return MODE_SCORE[(event_type, mode)]
    return TYPE_SCORE[event_type]


@dataclass(frozen=True)
class Trigger:
    """A word that reports an event of `type` (with `mode` and `context` when it fixes them).

    `particle` is a verb's particle or preposition ("call for"), or for a verb-object pair
    (pos "VO") the object's lemma ("lift" + "sanction"). `pair_only` triggers are too common
    to open an event in an article; they code a given source-target pair only.
    `needs_patient` triggers are events only when someone undergoes them, not a message
    (`message_nouns()`): "released the hostages", not "released a statement".
    """

    word: str
    particle: str | None
    pos: str  # V, N, VO (verb and object) or NN (modifier and noun)
    type: str
    mode: str | None
    context: str | None
    cameo: str | None = None
    pair_only: bool = False
    needs_patient: bool = False

    @property
    def is_noun(self) -> bool:
        """A noun trigger, alone ("strike") or with its modifier ("hunger strike"): its
        participants hang on the noun, not on a clause of its own."""
        return self.pos in {"N", "NN"}


#: The trigger tables, in order of precedence: the hand-written one, then the rows derived from
#: the CAMEO verb dictionary by scripts/build_triggers.py.
TRIGGER_FILES = ("event_triggers.tsv", "event_triggers_cameo.tsv")


def _read_triggers(name: str) -> list[Trigger]:
    rows: list[Trigger] = []
    for line in data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, pos, event_type, mode, context, cameo, scope = (line.split("\t") + [""] * 7)[:7]
        if event_type not in TYPE_SCORE:
            raise ResourceError(f"{name}: unknown PLOVER type {event_type!r}")
        lemma, _, particle = word.partition(" ")
        rows.append(
            Trigger(
                lemma,
                particle or None,
                pos,
                event_type,
                mode or None,
                context or None,
                cameo or None,
                scope == "pair",
                scope == "patient",
            )
        )
    return rows


def _key(trig: Trigger) -> tuple[str, str, str | None]:
    """What a later table may not redefine: a verb-object or modifier-noun pair, or a single
    word with all its particles (the hand-written senses of "return" stand as a whole)."""
    if trig.pos in {"VO", "NN"}:
        return (trig.pos, trig.word, trig.particle)
    return (trig.pos, trig.word, None)


def merge_triggers(tables: Iterable[Iterable[Trigger]]) -> tuple[Trigger, ...]:
    """The rows of trigger tables in order of precedence: a later table adds no row for a
    key an earlier one has (`_key`), and no verb-object pair

    - for a verb an earlier one codes on its own, which keeps that sense with any object
      ("lift" is a retreat): a later table refines only the verbs the earlier ones lack or
      leave to pairs ("hold a rally", "give a deadline");
    - that gives an earlier table's noun another type: what a verb does to a noun event is
      the coder's to read ("has not stopped its attacks": the attacks go on).
    """
    rows: list[Trigger] = []
    for table in tables:
        earlier = {_key(t) for t in rows}
        own = {t.word for t in rows if t.pos == "V" and t.particle is None and not t.pair_only}
        nouns = {t.word: t.type for t in rows if t.pos == "N"}
        rows.extend(
            t
            for t in table
            if _key(t) not in earlier
            and not (
                t.pos == "VO" and (t.word in own or nouns.get(t.particle or "", t.type) != t.type)
            )
        )
    return tuple(rows)


@cache
def _all_triggers() -> tuple[Trigger, ...]:
    return merge_triggers(_read_triggers(name) for name in TRIGGER_FILES)


@cache
def triggers(*, pairs: bool = False) -> dict[tuple[str, str], list[Trigger]]:
    """Verb and noun triggers by (lemma, pos); a lemma may have several (particles).

    With `pairs`, the common words that only code a given actor pair are included.
    """
    table: dict[tuple[str, str], list[Trigger]] = {}
    for trig in _all_triggers():
        if trig.pos in {"VO", "NN"} or (trig.pair_only and not pairs):
            continue
        table.setdefault((trig.word, trig.pos), []).append(trig)
    return table


#: Lexicon classes of verbs that carry or name an act besides the trigger tables' own verbs.
VERB_CLASSES = (
    "light_verb",
    "carrying_light_verb",
    "leading_verb",
    "propel_verb",
    "reduction_verb",
    "participation_verb",
    "force_departure_verb",
    "membership_verb",
)


def lexicon_verbs() -> set[str]:
    """Every verb the trigger tables and the lexicon's verb classes name ("stage", "wage")."""
    verbs = {t.word for t in _all_triggers() if t.pos in {"V", "VO"}}
    verbs |= {w.split()[0] for w in words(*VERB_CLASSES)}
    return verbs


@cache
def object_triggers() -> dict[tuple[str, str, str], Trigger]:
    """Two-word triggers by (pos, first lemma, second lemma).

    ("VO", verb, object): "lift sanctions" is a retreat; ("NN", modifier, noun): "hunger
    strike" is a protest. A pair wins over either word alone.
    """
    return {(t.pos, t.word, t.particle or ""): t for t in _all_triggers() if t.pos in {"VO", "NN"}}


@dataclass(frozen=True)
class Frame:
    """Where a type's target sits in the parse (see `data/event_frames.tsv`)."""

    type: str
    verb_preps: frozenset[str]
    noun_preps: frozenset[str]
    reciprocal: str  # yes, no, or pairs (only verb-object pair triggers)
    places: bool
    skip_preps: frozenset[str]
    own_forces: bool = False  # the source's own forces are moved, never the target
    needs_target: bool = False  # an act between two parties: no event without the second
    stationed: bool = False  # where the moving side stands is what the act leaves


def message_nouns() -> WordSet:
    """Lemmas of nouns for messages and documents (lexicon class `[message_noun]`)."""
    return _MESSAGE_NOUNS


_MESSAGE_NOUNS = words("message_noun")


@cache
def frames() -> dict[str, Frame]:
    """The participant frame of every PLOVER type; types without a row take the `*` row."""
    rows: dict[str, Frame] = {}
    for line in data_text("event_frames.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, verb, noun, recip, places, skip, own, needs, stationed = (
            line.split("\t") + [""] * 9
        )[:9]
        if name != "*" and name not in TYPE_SCORE:
            raise ResourceError(f"event_frames.tsv: unknown PLOVER type {name!r}")
        if (recip.strip() or "no") not in {"yes", "no", "pairs"}:
            raise ResourceError(f"event_frames.tsv: {name}: reciprocal is yes, no or pairs")
        rows[name] = Frame(
            name,
            frozenset(verb.split()),
            frozenset(noun.split()),
            recip.strip() or "no",
            places.strip() == "yes",
            frozenset(skip.split()),
            own.strip() == "yes",
            needs.strip() == "yes",
            stationed.strip() == "yes",
        )
    if "*" not in rows:
        raise ResourceError("event_frames.tsv: no default (*) row")
    return {t: rows.get(t, rows["*"]) for t in TYPES}
