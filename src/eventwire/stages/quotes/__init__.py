"""The quotes stage: direct, partial and indirect quotations, and who said them.

Reads ``text``, ``nlp`` (the spaCy parse of the text) and ``actors`` (with every mention,
pronouns and descriptions included); writes ``quotes`` (ids ``Q1``.. in text order).

How it works, in three passes (see ``docs/quotes.md``):

1. Quote marks. A character scanner pairs straight, curly, guillemet and single quote marks
   paragraph by paragraph, tells apostrophes from single quote marks by their neighbours, accepts
   mismatched pairs (opened curly, closed straight), keeps nested quotes inside the outer one, and
   carries a quote left open at a paragraph's end into the next paragraph when that paragraph
   opens with a quote mark. One- and two-word quotes are scare quotes unless a cue frames them
   (``promised a “crushing response”``, ``"It's over," he said``); title-case fragments are
   titles (``on “Fox and Friends”``). Transcript turns (``"WALLACE: ...``) are quotes of the
   capitalised name.
2. Frames. For each quote the speaker comes from the words around it: the cue after it in the
   same sentence (``"...," X said``), the cue before it (``X said: "..."``), the verb that governs
   a partial quote, a colon sentence that introduces it, a dash attribution (``"..." — X``), or
   the previous quote's speaker for a continuation (``"A," X said. "B."``).
3. Indirect speech. Speech and cognition verbs with a clausal complement (``said that ...``),
   speech nouns with a ``that`` clause (``the claim that ...``), ``according to X`` and colon
   sentences (``X said: ...`` without marks) give indirect quotes. Stance verbs with an actor as
   active subject give their object, infinitive or prepositional complement as the claim
   (``X called for a ceasefire``, ``X wants to cut taxes``, ``X criticized Y for Z``).

The speaker's syntactic subject is resolved to the actor whose mention covers it.

The parts: `marks` (pass 1), `frames` (pass 2), `indirect` (pass 3 and the merge), `speaker`
(a cue's subject and outlet, shared by passes 2 and 3) and `context` (the parse with its
lookups). This module runs them and builds the records; the words are lexicon classes
(`data/lexicon/quotes.tsv`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...record import Document, Quote
from .context import _Candidate, _Context
from .frames import _marked_candidates
from .indirect import (
    SPEECH_NOUNS,
    STANCE_VERBS,
    _colon_candidates,
    _indirect_candidates,
    _merge,
)
from .marks import QuoteMarks, find_quote_marks
from .speaker import SPEECH_VERBS

if TYPE_CHECKING:
    from ...resources import Resources

__all__ = [
    "SPEECH_NOUNS",
    "SPEECH_VERBS",
    "STANCE_VERBS",
    "Attribution",
    "QuoteMarks",
    "find_attributions",
    "find_quote_marks",
    "find_quote_spans",
    "find_quotes",
    "quotes_stage",
]


@dataclass(frozen=True)
class Attribution:
    """A quote with the spans that support it (for benchmarks and debugging).

    `speaker_span` is the speaker's mention (or its noun phrase when no actor mention covers
    it); `cue_span` the cue's span; `continues` the index, in the same list, of the quote whose
    speaker this one inherits as a continuation (``"A," X said. "B."``), else None.
    """

    quote: Quote
    speaker_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    continues: int | None = None


def _iter_sorted(cands: list[_Candidate]) -> Iterator[tuple[int, _Candidate]]:
    order = sorted(range(len(cands)), key=lambda n: (cands[n].start, cands[n].end))
    yield from ((n, cands[n]) for n in order)


def find_attributions(doc: Document) -> list[Attribution]:
    """Every quote of the document with its speaker and cue spans, ids Q1.. in text order."""
    ctx = _Context(doc)
    marked = _marked_candidates(ctx)
    inside = [(c.start, c.end) for c in marked if c.kind == "direct"]
    indirect = _indirect_candidates(ctx, inside)
    colon = _colon_candidates(ctx, inside + [(c.start, c.end) for c in indirect])
    cands = _merge(marked, indirect + colon)
    # continuations point into `marked`; map them to positions in the final, sorted list
    position = {id(c): k for k, (_, c) in enumerate(_iter_sorted(cands))}
    out = []
    for k, (_, c) in enumerate(_iter_sorted(cands)):
        quote = Quote(
            id=f"Q{k + 1}",
            text=doc.text[c.start : c.end],
            start=c.start,
            end=c.end,
            kind=c.kind,
            speaker=c.who.speaker,
            outlet=c.who.outlet,
            cue=c.who.cue,
        )
        continues = position.get(id(marked[c.continues])) if c.continues is not None else None
        out.append(Attribution(quote, c.who.speaker_span, c.who.cue_span, continues))
    return out


def find_quote_spans(doc: Document) -> list[tuple[Quote, tuple[int, int] | None]]:
    """Each quote with its speaker's span (the actor mention, or the subject phrase)."""
    return [(a.quote, a.speaker_span) for a in find_attributions(doc)]


def find_quotes(doc: Document) -> list[Quote]:
    """The quotes of a parsed document, without touching it."""
    return [a.quote for a in find_attributions(doc)]


def quotes_stage(doc: Document, *, resources: Resources) -> Document:
    """The pipeline stage: fill ``doc.quotes`` (resources are not needed beyond doc.nlp)."""
    del resources  # the parse and the actors travel on the document
    doc.quotes = find_quotes(doc)
    return doc
