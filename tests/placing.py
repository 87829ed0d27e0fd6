"""What the places test files share: the places stage alone over one parsed text."""

from __future__ import annotations

from typing import Any

from eventwire.record import Article, Document, EntitySpan, Place
from eventwire.resources import Resources
from eventwire.stages.places import places_stage

__all__ = ["labelled", "places"]


def places(
    nlp: Any, resources: Resources, text: str, ents: list[EntitySpan] | None = None
) -> dict[str, Place]:
    """The places the stage finds in `text`, by their text; `ents` replace spaCy's entities
    (to test a span NER got wrong)."""
    parsed = nlp(text)
    if ents is None:
        ents = [EntitySpan(e.start_char, e.end_char, e.text, e.label_) for e in parsed.ents]
    doc = Document(article=Article(id="t"), text=text, nlp=parsed, entities=ents)
    return {p.text: p for p in places_stage(doc, resources=resources).places}


def labelled(
    nlp: Any, resources: Resources, text: str, labels: list[tuple[str, str]]
) -> dict[str, Place]:
    """The places of `text`, NER's entities being `labels` ((text, label), each the first
    occurrence from where the previous one ended)."""
    ents, pos = [], 0
    for name, label in labels:
        start = text.index(name, pos)
        ents.append(EntitySpan(start, start + len(name), name, label))
        pos = start + len(name)
    return places(nlp, resources, text, ents)
