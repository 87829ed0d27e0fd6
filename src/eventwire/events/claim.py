"""A span is never both a person and a place.

The actors stage makes a person of every name NER tags PERSON; a town NER mistakes for a
person ("shelling in Kherson") then becomes an actor, and an event takes the town for its
target. Once the places stage has resolved such a span to the gazetteer (in a locative
context: `stages/places/find.py`), the span is the place's: before events are coded, the
person actor gives it up, and an actor left with no mention at all goes. An actor the
knowledge base knows, or that a quote names as its speaker or outlet, is left alone.
"""

from __future__ import annotations

from ..record import Document

__all__ = ["claim_person_spans"]


def claim_person_spans(doc: Document) -> None:
    """Take resolved place spans away from unlinked person actors (in place)."""
    spans = {(p.start, p.end) for p in doc.places if p.geonames_id is not None}
    if not spans:
        return
    cited = {q.speaker for q in doc.quotes} | {q.outlet for q in doc.quotes}
    kept = []
    for actor in doc.actors:
        if actor.kind == "person" and actor.kb_id is None and actor.id not in cited:
            actor.mentions = [m for m in actor.mentions if (m.start, m.end) not in spans]
            if not actor.mentions:
                continue
        kept.append(actor)
    doc.actors = kept
