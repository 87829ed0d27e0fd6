"""Which actors of different articles are one: the key the store groups actors by.

Actors merge across articles only by knowledge-base id, or by the same name with the same
country. A generic noun phrase ("women", "students", "the regime", "Israeli officials") names
different people in each article, so it stays article-local: its key carries the article.
"""

from __future__ import annotations

from functools import cache

from ..lexicon import words
from ..record import Actor
from ..resources.kb import ActorKB
from ..resources.lexicons import agents, plover_agents

__all__ = ["actor_identity", "is_generic"]

_FAITHS = words("faith_word")


@cache
def _nations() -> ActorKB:
    # the shipped base's states and nationality words (the imported people never load here)
    return ActorKB.load()


def _describes(word: str) -> bool:
    """A capitalised word that describes rather than names: "Syrian", "UK", "Shia"."""
    return word.casefold() in _FAITHS or _nations().nation(word) is not None


def _names_state(word: str) -> bool:
    """A state's own name ("Syria", "UK"), not a word for its people ("Briton")."""
    return any(a.kind in {"state", "territory"} for a in _nations().lookup(word))


def is_generic(name: str) -> bool:
    """Whether a name is a common-noun phrase: all lower case, or its last word an agent noun
    ("Women", "regime", "officials") and no word after the first a capitalised name ("Assad
    regime", "Israeli officials" and "3 Syrian civilians" are; "Syrian Observatory" and
    "Ghouta" are not). Nationality, state and faith words describe, they do not name: "Russian
    Iranian forces" and "Iranian Shia militias" are generic."""
    words = name.split()
    if words and name == name.lower():
        return True  # no capital at all: a common noun ("organisation", "countries")
    if not words or any(w[:1].isupper() and not _describes(w) for w in words[1:]):
        return False
    if len(words) == 1 and _describes(name) and not _names_state(name):
        return True  # a nationality noun: "Briton", "Americans" is someone else in each article
    head = words[-1].casefold()
    nouns, phrases = agents(), plover_agents()
    forms = {head, head.removesuffix("s"), head.removesuffix("es")}
    if head.endswith("ies"):
        forms.add(head[:-3] + "y")
    if head.endswith("men"):
        forms.add(head[:-3] + "man")
    return any(f in nouns or f in phrases for f in forms)


def actor_identity(actor: Actor, article_key: int | str) -> str:
    """``kb:<id>`` for a knowledge-base actor; ``article:<article>:<name>`` for a generic
    noun phrase; else ``name:<name>|<country>``."""
    if actor.kb_id:
        return f"kb:{actor.kb_id}"
    name = actor.name.casefold()
    if is_generic(actor.name):
        return f"article:{article_key}:{name}"
    return f"name:{name}|{actor.country or ''}"
