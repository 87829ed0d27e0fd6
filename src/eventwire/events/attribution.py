"""Whose claim an event is, and which outlets passed it along (coding conventions: status
and attribution)."""

from __future__ import annotations

from ..lexicon import words
from ..record import Actor, Document, Quote

__all__ = ["attribution"]

#: Cues of belief rather than speech: "Israel expects Iran to attack" is content of a
#: report, not a new source in the reporting chain.
_COGNITION_CUES = words("cognition_cue")


def attribution(doc: Document, offset: int) -> tuple[Quote | None, str | None, list[str]]:
    """(innermost quote, whose claim, outlets of the reporting chain) at a text offset.

    "WSJ reported, citing an official, that Israel expects Iran to attack": the attack is
    Israel's expectation (innermost quote), reported through the WSJ (outer quote).
    """
    around = sorted(
        (
            q
            for q in doc.quotes
            if q.start <= offset < q.end and (q.cue or "").lower() not in _COGNITION_CUES
        ),
        key=lambda q: q.end - q.start,
    )
    if not around:
        return None, None, []
    outlets: list[str] = []
    for quote in reversed(around):  # outermost first: the order the report passed along
        if quote.outlet and quote.outlet not in outlets:
            outlets.append(quote.outlet)
        said_by = doc.actor(quote.speaker)
        if said_by is not None and _is_outlet(said_by) and said_by.id not in outlets:
            outlets.append(said_by.id)
    inner = around[0]
    speaker = inner.speaker
    if speaker in outlets:  # "Reuters reported that ...": the outlet's own report
        speaker = next((q.speaker for q in around if q.speaker not in outlets), None)
    return inner, speaker, outlets


def _is_outlet(actor: Actor) -> bool:
    return actor.kind == "outlet" or actor.sector in {"MED", "JRN"}
