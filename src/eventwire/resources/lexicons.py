"""Small word lists the stages share, read from `eventwire/data/`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources

__all__ = ["Agent", "agents", "data_text"]


def data_text(name: str) -> str:
    """The text of a shipped data file."""
    return (importlib_resources.files("eventwire") / "data" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Agent:
    """An agent noun ("official", "forces") and what it says about an actor."""

    noun: str
    sector: str
    kind: str  # person | group


@cache
def agents() -> dict[str, Agent]:
    """Agent nouns by lower-case lemma or phrase, from data/agents.tsv."""
    table: dict[str, Agent] = {}
    for line in data_text("agents.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        noun, sector, kind = line.split("\t")
        table[noun] = Agent(noun, sector, kind)
    return table
