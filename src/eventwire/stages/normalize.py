"""Text normalisation: one canonical form of the body that every offset refers to.

NFC composition, Unix line ends, no control characters, no non-breaking or zero-width
spaces, and leading/trailing blank space removed. Quote marks are kept as written (the
quotes stage reads straight and curly marks alike). Texts that are clearly not English are
refused here with `LanguageError`, before any model time is spent on them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ..errors import EmptyInputError, LanguageError
from ..lexicon import words
from ..record import Document

if TYPE_CHECKING:
    from ..resources import Resources

__all__ = ["looks_english", "normalize_stage", "normalize_text"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_WORD = re.compile(r"[^\W\d_]+")
# The commonest English function words: a long text in English has many of them.
_ENGLISH = words("common_english_word")


def normalize_text(text: str) -> str:
    """The canonical form of an article body."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    return text.strip()


def looks_english(text: str) -> bool:
    """False when a text of 20+ words has almost none of English's function words.

    A cheap, dependency-free test: English news prose has ~25% of its words in `_ENGLISH`;
    other Latin-script languages have under 5%, non-Latin scripts none.
    """
    tokens = _WORD.findall(text[:20000])
    if len(tokens) < 20:
        return True
    hits = sum(1 for w in tokens if w.lower() in _ENGLISH)
    return hits / len(tokens) >= 0.08


def normalize_stage(doc: Document, *, resources: Resources) -> Document:
    """Normalise the text; refuse empty and non-English articles."""
    text = normalize_text(doc.text)
    if not text:
        raise EmptyInputError(f"{doc.article.id}: empty article after normalisation")
    if not looks_english(text):
        raise LanguageError(f"{doc.article.id}: the text does not look like English")
    doc.text = text
    return doc
