"""Shaping an entity's span into toponym spans: trimmed of "the" and a possessive, widened to
the longest gazetteer name around it ("Port Said", "Guinea-Bissau", "Democratic Republic of
the Congo"), and split into its coordinated or listed parts ("Rafah and Khan Younis",
"Basra, Najaf and Karbala")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...lexicon import words
from ...record import Document
from ...resources.gazetteer import Gazetteer, normalize_name
from .mention import _Mention, _name_word, _nationality

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["_coordinated_parts", "_split_list", "_trim", "_widen"]


def _trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a span."""
    text = doc.text[start:end]
    lead = re.match(r"(?i)the\s+", text)
    if lead:
        start += lead.end()
    tail = re.search(
        r"(?:['’]s?|-(?:led|based|backed|born|made|funded|controlled|held))$", doc.text[start:end]
    )
    if tail:
        end -= len(tail.group(0))
    return start, end


def _widen(doc: Document, gaz: Gazetteer, start: int, end: int) -> tuple[int, int]:
    """The longest gazetteer name that holds the span and up to two capitalised words on
    either side, when the entry is called exactly so: NER often splits "Port Said" ("Said"
    a person), "Kuwait City" ("Kuwait" the country) and "Guinea-Bissau" (at the hyphen)."""
    span = doc.nlp.char_span(start, end, alignment_mode="expand") if doc.nlp else None
    if span is None or not any(ch.isalpha() for ch in doc.text[start:end]):
        return start, end  # a stray quote mark tagged as an entity widens to nothing
    toks = doc.nlp
    best, best_len = (start, end), 0
    for left in range(3):
        first = span.start - left
        if first < 0 or not all(_extends(toks[k]) for k in range(first, span.start)):
            break
        for right in range(3):
            last = span.end + right
            if last > len(toks) or not all(_extends(toks[k]) for k in range(span.end, last)):
                break
            if left == right == 0 or "-" in (toks[first].text, toks[last - 1].text):
                continue
            s, e = toks[first].idx, toks[last - 1].idx + len(toks[last - 1])
            key = normalize_name(doc.text[s:e])
            if e - s > best_len and any(normalize_name(c.name) == key for c in gaz.candidates(key)):
                best, best_len = (s, e), e - s
    return _widen_over_link(doc, gaz, best)


def _widen_over_link(doc: Document, gaz: Gazetteer, span: tuple[int, int]) -> tuple[int, int]:
    """The span run on over "of (the) X" or another link word when that makes a name
    ("Democratic Republic" + "of the Congo", "Gulf" + "of Aden", "Rio Grande" + "do Sul"):
    NER splits names at their lower-case link words (`[name_link_word]`)."""
    toks = doc.nlp
    whole = toks.char_span(*span, alignment_mode="expand") if toks is not None else None
    if toks is None or whole is None:
        return span
    j = whole.end
    if j >= len(toks) or not toks[j].is_lower or toks[j].text not in words("name_link_word"):
        return span
    j += 2 if toks[j].text == "of" and j + 1 < len(toks) and toks[j + 1].lower_ == "the" else 1
    best = span
    for last in range(j, min(j + 3, len(toks))):
        if not _name_word(toks[last].text):
            break
        end = toks[last].idx + len(toks[last])
        key = normalize_name(doc.text[span[0] : end])
        if any(
            c.feature in ("country", "region") or normalize_name(c.name) == key
            for c in gaz.candidates(key)
        ):
            best = (span[0], end)
    return best


def _extends(tok: Token) -> bool:
    if tok.text == "-":  # a hyphen inside a word: NER splits "Guinea-Bissau" at it
        return not tok.whitespace_ and tok.i > 0 and not tok.nbor(-1).whitespace_
    return _name_word(tok.text) and not tok.is_stop  # "The E.U." is no longer name than "E.U."


_COORDINATION = re.compile(r"\s*(?:,\s*and\b|,|&|\band\b|\bor\b)\s*")


def _coordinated_parts(doc: Document, gaz: Gazetteer, start: int, end: int) -> list[_Mention]:
    """ "Rafah and Khan Younis" tagged as one entity: one mention per part, when every part
    is a capitalised name the gazetteer knows."""
    text = doc.text[start:end]
    chunks, pos = [], 0
    for sep in _COORDINATION.finditer(text):
        chunks.append((pos, text[pos : sep.start()]))
        pos = sep.end()
    if not chunks:
        return []
    chunks.append((pos, text[pos:]))
    out = []
    for offset, word in chunks:
        key = normalize_name(word)
        if not word[:1].isupper() or not gaz.has(key) or _nationality(gaz, key):
            return []
        out.append(_Mention(start + offset, start + offset + len(word), key, word))
    return out if len(out) > 1 else []


def _split_list(doc: Document, gaz: Gazetteer, start: int, end: int) -> list[_Mention]:
    """ "Pandi, Bulacan" or "Basra, Najaf and Karbala" tagged as one entity: one mention per
    part (a part the gazetteer lacks is kept unresolved)."""
    text, out, pos = doc.text[start:end], [], 0
    for sep in [*_COORDINATION.finditer(text), None]:
        chunk = text[pos : sep.start() if sep else len(text)]
        s = start + pos + len(chunk) - len(chunk.lstrip())
        e = s + len(chunk.strip())
        pos = sep.end() if sep else len(text)
        if e > s:
            key = normalize_name(doc.text[s:e])
            out.append(_Mention(s, e, key, doc.text[s:e], resolvable=gaz.has(key)))
    return out
