"""Small word lists the stages share, read from `eventwire/data/`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources

from ..lexicon import words

__all__ = [
    "Agent",
    "agents",
    "data_text",
    "modifiers",
    "plover_agents",
    "plover_group",
    "plover_phrase",
    "region_group",
    "things",
]


def data_text(name: str) -> str:
    """The text of a shipped data file."""
    return (importlib_resources.files("eventwire") / "data" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Agent:
    """An agent noun ("official", "forces") or modifier ("breakaway") and what it says about
    an actor."""

    noun: str
    sector: str
    kind: str  # person: one human; group: a body or force; modifier: a word before a noun


@cache
def _rows() -> tuple[Agent, ...]:
    rows = []
    for line in data_text("agents.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        noun, sector, kind = line.split("\t")
        rows.append(Agent(noun, sector, kind))
    return tuple(rows)


@cache
def agents() -> dict[str, Agent]:
    """Agent nouns by lower-case lemma or phrase, from data/agents.tsv."""
    return {a.noun: a for a in _rows() if a.kind not in {"modifier", "thing"}}


@cache
def modifiers() -> dict[str, Agent]:
    """Words that give the sector of the noun they modify ("breakaway state": PRE, "wanted
    persons": CRM, "indigenous leader": CVL), by lower-case word, from data/agents.tsv."""
    # a word may be both: "rebel" the noun (a person) and "rebel" of "rebel force"
    return {a.noun: a for a in _rows() if a.kind == "modifier"}


@cache
def things() -> frozenset[str]:
    """Words of weapons and substances ("missile", "nerve"), from data/agents.tsv: what they
    name or qualify is a thing, never an actor ("Tomahawk missiles", "nerve agent")."""
    return frozenset(a.noun for a in _rows() if a.kind == "thing")


@cache
def plover_agents() -> dict[str, tuple[str, ...]]:
    """PLOVER agents dictionary phrases ("farm worker", "central bank", "military junta") to
    their sectors, primary first ("GOV", "MIL"), from data/plover_agents.tsv (built by
    scripts/build_kb.py --agents; MIT, Open Event Data Alliance)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in data_text("plover_agents.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, sectors = line.split("\t")
            table[phrase] = tuple(sectors.split())
    return table


def plover_phrase(words: list[str]) -> tuple[str, ...] | None:
    """Sectors of the longest PLOVER agents phrase of two words or more that ends the
    lower-case `words` (modifiers, then the head noun in any form the caller tries): "farm
    worker" of ["striking", "farm", "worker"] -> ("AGR",); None when no such phrase."""
    table = plover_agents()
    for start in range(max(0, len(words) - 5), len(words) - 1):
        found = table.get(" ".join(words[start:]))
        if found:
            return found
    return None


#: PLOVER codes whose lone nouns name no actor here: natural disasters (JNK), dates and places
#: (NON); MIL, whose nouns agents.tsv lacks are mostly vessels and aircraft ("carriers"); and
#: CVL and UNK, whose are mostly places, crowds and bodies ("villages", "population", "group"):
#: those keep the sector their modifiers or place give.
_NO_ACTOR_CODES = frozenset({"JNK", "NON", "MIL", "CVL", "UNK"})


def plover_group(word: str) -> Agent | None:
    """A plural noun the PLOVER agents dictionary lists alone ("prisoners", "mourners",
    "convicts", "detainees") and data/agents.tsv does not, as a group agent of its primary
    sector; not things (data/agents.tsv), not PLOVER's disasters, dates or military hardware,
    nor a lone CVL or UNK noun the dictionary gives no second code ("villages")."""
    found = plover_agents().get(word)
    if not found or word in things():
        return None
    if found[0] in _NO_ACTOR_CODES and len(found) == 1:
        # a second code says what the people do ("detainee": CVL OPP), so they are no place
        return None
    return Agent(word, found[0], "group")


def region_group(noun: str, modifiers: Iterable[str]) -> Agent | None:
    """A group of states a region names ("European countries", "Western powers", "Arab
    nations", "European allies"): a plural polity noun (`[polity_group_noun]`) with a
    modifier that places its bodies beyond any one state (`[elsewhere_modifier]`), as a group
    agent of the state sector; PLOVER lists two such phrases ("western countries")."""
    if noun not in _POLITY_GROUPS or not any(m in _ELSEWHERE for m in modifiers):
        return None
    return Agent(noun, "GOV", "group")


_POLITY_GROUPS = words("polity_group_noun")
_ELSEWHERE = words("elsewhere_modifier")
