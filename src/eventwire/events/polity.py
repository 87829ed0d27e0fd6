"""Places that stand for polities in an event's slots.

"Israeli jets struck Lahore", "raids in southern Lebanon", "rejected a request from Peru": the
place names the polity that undergoes or makes the act. `PolityOfPlace` gives the article's
actor of that polity, or a new state actor when the article has none, and adds the place's
span to its mentions so that the coded side stays auditable. `MentionOwner` maps character
offsets to the actor mentioned there, falling back to the polity of a country name that the
actors stage kept as a place ("from Peru").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from ..record import Actor, Document, Mention, Place

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["MentionOwner", "PolityOfPlace", "next_actor_id"]

_STATE_KINDS = frozenset({"state", "territory"})


class PolityOfPlace:
    """Callable: the actor id of the polity a place token stands for (None: not a place)."""

    def __init__(self, doc: Document, *, country_name: Callable[[str], str | None] | None):
        """`country_name` names a country by ISO3 code, for polities without an actor yet."""
        self._doc = doc
        #: names a country by ISO3 code (None: no names known)
        self.country_name = country_name
        self._starts = {p.start: p for p in doc.places}
        self.owner: dict[int, str] = {}
        #: every actor of a mention several share ("Chile and Peru met. They agreed"), by offset
        self.shared: dict[int, list[str]] = {}
        for actor in doc.actors:
            for m in actor.mentions:
                for i in range(m.start, m.end):
                    first = self.owner.setdefault(i, actor.id)
                    if first != actor.id:
                        ids = self.shared.setdefault(i, [first])
                        if actor.id not in ids:
                            ids.append(actor.id)

    def place_at(self, offset: int) -> Place | None:
        """The place whose span holds a character offset."""
        place = self._starts.get(offset)
        if place is None:  # "southern Lebanon": the head token is inside the span
            place = next((p for p in self._doc.places if p.start <= offset < p.end), None)
        return place

    def __call__(self, token: Token) -> str | None:
        place = self.place_at(token.idx)
        if place is not None and place.country and place.start in self.owner:
            # "shelling in Poonch district": the actors stage made the place an actor
            return self.owner[place.start]
        return None if place is None else self.actor_for(place)

    def actor_for(self, place: Place) -> str | None:
        """The polity actor of a place, its span a mention of it (see `__call__`)."""
        if not place.country or place.start in self.owner:
            return None  # no country, or the actors stage made it an actor of its own
        return self._actor_for(place)

    def _actor_for(self, place: Place) -> str | None:
        country = place.country
        actor = next(
            (a for a in self._doc.actors if a.country == country and a.kind in _STATE_KINDS),
            None,
        )
        if actor is None:
            name = self.country_name(country) if self.country_name and country else None
            if name is None:
                return None
            actor = Actor(id=next_actor_id(self._doc), name=name, country=country, kind="state")
            self._doc.actors.append(actor)
        mention = Mention(place.start, place.end, place.text)
        if mention not in actor.mentions:
            actor.mentions.append(mention)
            actor.mentions.sort(key=lambda m: m.start)
        for i in range(place.start, place.end):
            self.owner.setdefault(i, actor.id)
        return actor.id

    def country_at(self, offset: int) -> str | None:
        """The polity actor of a country name at an offset ("a request from Peru")."""
        place = self.place_at(offset)
        if place is None or place.feature != "country":
            return None
        return self._actor_for(place)


class MentionOwner(Mapping[int, str]):
    """Actor id by character offset: actor mentions first, then country names. `shared`
    gives every actor of a mention that several share ("they" for "Chile and Peru")."""

    def __init__(self, polity: PolityOfPlace):
        self._polity = polity
        self.shared: Mapping[int, list[str]] = polity.shared

    def __getitem__(self, offset: int) -> str:
        hit = self._polity.owner.get(offset) or self._polity.country_at(offset)
        if hit is None:
            raise KeyError(offset)
        return hit

    def __iter__(self) -> Iterator[int]:
        return iter(self._polity.owner)

    def __len__(self) -> int:
        return len(self._polity.owner)


def next_actor_id(doc: Document) -> str:
    """The id a new actor of `doc` takes: one past the highest "A<n>"."""
    numbers = [int(a.id[1:]) for a in doc.actors if a.id[:1] == "A" and a.id[1:].isdigit()]
    return f"A{max(numbers, default=0) + 1}"
