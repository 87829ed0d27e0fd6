"""Which lexicon trigger, if any, a parsed token reports.

Shared by the article coder (`stages/events.py`) and the pair coder (`events/pair.py`), so
that "lift sanctions", "hunger strike" and "call for" mean the same thing in both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..resources.plover import Trigger, object_triggers, triggers

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["find_trigger", "token_pos"]

#: Dependents that name what a verb acts on, for verb-object triggers.
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "acomp"})
#: Verbs whose object noun says what was done ("imposed sanctions", "held a meeting",
#: "pledged support"); used when coding a given pair, where the noun is the act.
_LIGHT = frozenset(
    "hold have carry launch conduct make take impose express issue stage mount give grant "
    "pledge promise offer reiterate reaffirm voice extend announce order begin start "
    "continue declare file lodge level open unleash wage step intensify prolong renew "
    "enforce attend lead pursue deliver convey register".split()
)


def token_pos(token: Token) -> str | None:
    """The lexicon's part of speech of a token: V, N or None."""
    if token.pos_ == "VERB":
        return "V"
    if token.pos_ in {"NOUN", "PROPN"}:
        return "N"
    return None


def find_trigger(token: Token, *, pairs: bool = False) -> Trigger | None:
    """The trigger a token reports, two-word triggers first; None when it reports none.

    `pairs` admits the common words ("give", "hold") that only code a given actor pair.
    """
    pos = token_pos(token)
    if pos is None:
        return None
    lemma = token.lemma_.lower()
    two = _two_word(token, lemma, pos)
    if two is not None and (pairs or not two.pair_only):
        return two
    table = triggers(pairs=pairs)
    if pairs and pos == "V" and lemma in _LIGHT:
        for obj in (c for c in token.children if c.dep_ == "dobj"):
            noun = _noun_trigger(obj, table)
            if noun is not None:
                return noun
    options = table.get((lemma, pos)) or table.get((token.lower_, pos))
    if not options:
        return None
    particles = {c.lower_ for c in token.children if c.dep_ in {"prt", "prep"}}
    for trig in options:
        if trig.particle and trig.particle in particles:
            return trig
    plain = [t for t in options if t.particle is None]
    return plain[0] if plain else None


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
        if hit is not None:
            return hit
    return None


def _objects(token: Token) -> list[Token]:
    """A verb's objects, and the noun of its preposition ("go on strike")."""
    found = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        found.extend(g for g in prep.children if g.dep_ == "pobj")
    return found
