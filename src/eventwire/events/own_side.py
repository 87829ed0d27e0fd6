"""Actors of the source's own side, which an act of certain types never has as its target:
its own armed forces ("withdrew US troops": Trump's, for the frames' `own_forces`) and its own
state ("Syrian troops in Aleppo withdrew": not from Syria, for the frames' `stationed`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..resources.kb import STATE_SECTORS

if TYPE_CHECKING:
    from ..record import Actor, Document

__all__ = ["is_state_side", "own_force", "own_state"]


def is_state_side(actor: Actor) -> bool:
    """A state or one of its own bodies: government, forces, police, courts ("Syrian troops",
    not Syrian rebels)."""
    return actor.kind in {"state", "territory"} or actor.sector in STATE_SECTORS


def own_force(doc: Document, actor_id: str, source: list[str]) -> bool:
    """An armed force of the source's own country ("withdrew US troops": Trump's)."""
    actor = doc.actor(actor_id)
    if actor is None or actor.sector != "MIL" or actor.country is None:
        return False
    return any((s := doc.actor(a)) is not None and s.country == actor.country for a in source)


def own_state(doc: Document, actor_id: str, source: list[str]) -> bool:
    """The state of a source that is that state's own side ("Syrian troops" and Syria; not
    "the FARC released a Colombian sergeant": rebels are not the state's side)."""
    actor = doc.actor(actor_id)
    if actor is None or actor.kind not in {"state", "territory"} or actor.country is None:
        return False
    return any(
        (s := doc.actor(a)) is not None and s.country == actor.country and is_state_side(s)
        for a in source
    )
