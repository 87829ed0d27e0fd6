"""The places stage: find toponyms, resolve them against the gazetteer, and locate events.

Reads ``text``, ``nlp`` (the spaCy parse of the text) and ``entities``; writes ``places``
(`Place` records with ids P1, P2, ... in text order). See ``docs/places.md``.

Finding (`find`, `scan`): GPE/LOC/FAC entities; ORG/PERSON entities and capitalised words
that the gazetteer knows, when the context says "place" (a preposition such as "in", a "Town,
Region" pair, a repeat of a name tagged as a place elsewhere, or a well-known name); demonyms
only before a territory noun ("Iraqi soil", "Lebanese airspace"); every repeat of a resolved
name (`output`).

Resolving (`resolve`, over `resources.gazetteer.resolve_name`): each distinct name gets one
entry for the whole article, scored by feature type, population, the countries the article
mentions, and a following qualifier ("Paris, Texas").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import PipelineError
from ...record import Document
from .find import _find_mentions, _person_words
from .mention import _Scan
from .output import _add_repeats, _described, _to_places
from .resolve import _resolve_all

if TYPE_CHECKING:
    from ...resources import Resources

__all__ = ["places_stage"]


def places_stage(doc: Document, *, resources: Resources) -> Document:
    """Fill `doc.places` from the parse and the candidate entities (P1.. in text order)."""
    if doc.nlp is None:
        raise PipelineError("places stage needs doc.nlp (the spaCy parse)")
    gaz = resources.gazetteer
    scan = _Scan.of(doc.nlp, doc.text)
    people = _person_words(doc, gaz)
    mentions = _find_mentions(doc, scan, gaz, resources, people)
    resolved = _resolve_all(doc, scan, gaz, mentions, kb=resources.kb)
    mentions = _add_repeats(doc, mentions, resolved, people)
    doc.places = _to_places(doc.text, mentions, resolved, gaz=gaz)
    doc.places = [_described(doc.text, gaz, p) for p in doc.places]
    return doc
