"""Segmentation and parsing: spaCy's tokens, sentences, tags, dependencies and NER.

The knowledge base's entity ruler is the entities stage's, so that each stage does one
thing; the batch path parses many texts with `nlp.pipe`, which is faster than one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..record import Document

if TYPE_CHECKING:
    from ..resources import Resources

__all__ = ["segment_batch", "segment_stage"]


def segment_stage(doc: Document, *, resources: Resources) -> Document:
    """Parse the text with spaCy."""
    doc.nlp = resources.nlp(doc.text)
    return doc


def segment_batch(docs: Sequence[Document], resources: Resources) -> list[Document]:
    """The same as `segment_stage` on each document, through `nlp.pipe`."""
    parsed = resources.nlp.pipe(d.text for d in docs)
    out = []
    for doc, spacy_doc in zip(docs, parsed, strict=True):
        doc.nlp = spacy_doc
        out.append(doc)
    return out
