"""A readable summary of a record: who did what to whom, when, where, how sure, on whose word."""

from __future__ import annotations

from .record import Document, ErrorRecord, Event

__all__ = ["describe_event", "summarize"]


def summarize(result: Document | ErrorRecord) -> str:
    """Several lines of plain text for one record or error record."""
    if isinstance(result, ErrorRecord):
        where = result.article.get("id") or result.article.get("source") or "?"
        return f"! {where}: {result.kind}: {result.message}"
    a = result.article
    lines = [
        f"article {a.id}" + (f" ({a.published})" if a.published else " (no date)")
        + (f" {a.title!r}" if a.title else ""),
        f"  {len(result.actors)} actors, {len(result.quotes)} quotes, {len(result.times)} times, "
        f"{len(result.places)} places, {len(result.events)} events",
    ]  # fmt: skip
    for event in result.events:
        lines.append(f"  {event.id} {describe_event(result, event)}")
        for ev in event.evidence:
            lines.append(f"       evidence [{ev.start}:{ev.end}] {ev.text!r}")
    if not result.events:
        lines.append("  (no events)")
    return "\n".join(lines)


def describe_event(doc: Document, event: Event) -> str:
    """One line: "ASSAULT: Israel -> Iran, 2024-10-26, near Tehran, occurred, per X"."""

    def names(ids: list[str]) -> str:
        found = [doc.actor(i) for i in ids]
        return " + ".join(a.name for a in found if a) or "?"

    what = event.type + (f"/{event.mode}" if event.mode else "")
    place = next((p for p in doc.places if p.id == event.location), None)
    parts = [
        f"{what}: {names(event.source)} -> {names(event.target)}",
        f"when {event.date or 'unknown'}",
        f"where {place.name if place else 'unknown'}",
        event.status,
    ]
    speaker = doc.actor(event.attributed_to)
    outlets = [doc.actor(i) for i in event.reported_by]
    if speaker:
        claim = f"according to {speaker.name}"
        if outlets:
            claim += " via " + ", ".join(o.name for o in outlets if o)
        parts.append(claim)
    elif outlets:
        parts.append("reported by " + ", ".join(o.name for o in outlets if o))
    return ", ".join(parts) + f" (intensity {event.intensity:+g}, quad {event.quad})"
