"""Agents that an act implies: "dozens of protesters were arrested in Tehran" names nobody who
arrested them, but only Iran's law enforcement arrests in Iran.

The table (`data/implied_agents.tsv`) says which (type, mode) imply which agent; the agent's
country is where the act happened: the event's place, else the country most of the article's
places lie in. The agent becomes an actor without mentions (nothing in the text names it) and
its id is listed in the event's `inferred`, so that a user can tell it from a named actor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..errors import ResourceError
from ..record import Actor, Document
from ..resources.lexicons import data_text
from .polity import next_actor_id

__all__ = ["ImpliedAgent", "implied_agent", "implied_agents"]


@dataclass(frozen=True)
class ImpliedAgent:
    """Who carries out acts of a (type, mode) when the text does not say."""

    type: str
    mode: str
    name: str
    sector: str


@cache
def implied_agents() -> dict[tuple[str, str], ImpliedAgent]:
    """The implied agent of each (type, mode), from `data/implied_agents.tsv`."""
    table: dict[tuple[str, str], ImpliedAgent] = {}
    for line in data_text("implied_agents.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise ResourceError(f"implied_agents.tsv: expected 4 columns: {line!r}")
        agent = ImpliedAgent(*(p.strip() for p in parts))
        table[(agent.type, agent.mode)] = agent
    return table


def implied_agent(
    doc: Document,
    *,
    event_type: str,
    mode: str | None,
    place_id: str | None,
    country_name: Callable[[str], str | None] | None,
) -> str | None:
    """The id of the actor an act implies (added to `doc.actors` when new), or None."""
    agent = implied_agents().get((event_type, mode or ""))
    if agent is None:
        return None
    country = _country_of(doc, place_id)
    if country is None:
        return None  # with no identifiable actor there is no event
    for actor in doc.actors:
        if not actor.mentions and actor.sector == agent.sector and actor.country == country:
            return actor.id  # the same implied agent acts again
    where = country_name(country) if country_name is not None else None
    actor = Actor(
        id=next_actor_id(doc),
        name=f"{where} {agent.name}" if where else agent.name,
        country=country,
        sector=agent.sector,
        kind="group",
    )
    doc.actors.append(actor)
    return actor.id


def _country_of(doc: Document, place_id: str | None) -> str | None:
    place = next((p for p in doc.places if p.id == place_id), None)
    if place is not None and place.country:
        return place.country
    counts = Counter(p.country for p in doc.places if p.country)
    if not counts:
        return None
    (top, n), *rest = [*counts.most_common(2), ("", 0)]
    return top if n > rest[0][1] else None  # a tie names no country
