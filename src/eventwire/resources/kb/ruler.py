"""spaCy EntityRuler patterns for the knowledge base's names, aliases and metonyms."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .entry import KBActor

from ...lexicon import words

__all__ = ["ruler_patterns"]


_LABELS: dict[str, str] = {
    "state": "GPE",
    "territory": "GPE",
    "person": "PERSON",
}


# Single-token aliases whose lowercase form is an ordinary English word: they get only the
# case-sensitive pattern, never a LOWER one ("turkey", "chad", "jordan", "us", ...).
_COMMON_WORDS = words("ordinary_word_name")


def ruler_patterns(
    actors: Iterable[KBActor], *, tokenize: Callable[[str], list[str]] | None = None
) -> list[dict[str, Any]]:
    """spaCy EntityRuler patterns for every name, alias and metonym (not bare demonyms) of
    the actors the ruler knows (not the imported, lookup-only ones).

    Each written form gives a case-sensitive phrase pattern; forms that are not ordinary
    English words also give a LOWER token pattern, so "HEZBOLLAH" and "hezbollah" match.
    `tokenize` splits text as the pipeline's tokenizer does (default: spaCy's English rules).
    """
    split = tokenize or _spacy_tokenizer()
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for actor in actors:
        if actor.lookup_only:
            continue
        label = _LABELS.get(actor.kind, "ORG")
        forms = [(n, label) for n in actor.names()]
        forms += [(m, _metonym_label(m)) for m in actor.metonyms]
        for form, form_label in forms:
            for text in _pattern_texts(form):
                if (text, actor.id) in seen:
                    continue
                seen.add((text, actor.id))
                patterns.append({"label": form_label, "pattern": text, "id": actor.id})
                if _lower_ok(text):
                    tokens = [{"LOWER": t.lower()} for t in split(text)]
                    patterns.append({"label": form_label, "pattern": tokens, "id": actor.id})
    return patterns


def _metonym_label(metonym: str) -> str:
    # Buildings and streets ("the Kremlin", "Downing Street") are tagged ORG, cities GPE.
    lowered = metonym.lower()
    if lowered.startswith("the ") or "street" in lowered or "house" in lowered:
        return "ORG"
    return "GPE"


def _pattern_texts(form: str) -> list[str]:
    """The written forms to match: a leading "the" is dropped ("the Kremlin" -> "Kremlin")
    unless what is left is one ordinary word ("The National", "the States"), which keeps it."""
    text = form.strip()
    match = re.match(r"the\s+", text, flags=re.IGNORECASE)
    if match is None:
        return [text] if text else []
    rest = text[match.end() :]
    if " " not in rest and rest.lower() in _COMMON_WORDS:
        return [f"The {rest}", f"the {rest}"]
    return [rest] if rest else []


def _lower_ok(text: str) -> bool:
    """Whether a case-insensitive pattern for `text` is safe (not a common word or acronym)."""
    words = text.split()
    if len(words) == 1:
        word = words[0]
        if word.isupper() or len(word) < 4:  # acronyms: "US" vs "us", "AP" vs "ap"
            return False
        return word.lower() not in _COMMON_WORDS
    return not all(w.lower() in _COMMON_WORDS for w in words)


def _spacy_tokenizer() -> Callable[[str], list[str]]:
    import spacy  # only for building patterns; the KB itself does not need spaCy

    tokenizer = spacy.blank("en").tokenizer
    return lambda text: [t.text for t in tokenizer(text)]
