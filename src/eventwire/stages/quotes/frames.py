"""Frames: the speaker of a quote in marks from the words around it.

The cue after it in the same sentence (``"...," X said``), the cue before it (``X said:
"..."``), the verb that governs a partial quote, a colon sentence that introduces it, a dash
attribution (``"..." — X``), or the previous quote's speaker for a continuation (``"A," X said.
"B."``). Transcript turns (``WALLACE: ...``) are quotes of the capitalised name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from ...lexicon import words
from .context import (
    _NOBODY,
    _SUBJECT_DEPS,
    _Candidate,
    _Context,
    _np_span,
    _sentence_end,
    _sentence_start,
    _Who,
    _word_count,
)
from .marks import _DASHES, _DOUBLE_OPEN, _QUOTE_CHARS, QuoteMarks, find_quote_marks
from .speaker import _is_cue, _subject, _who

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "_marked_candidates",
]


#: Verbs that also govern a partial quote as their object (``promised a "crushing response"``).
_PARTIAL_VERBS = words("reporting_verb", "labelling_verb")
#: Lemmas of verbs of stance, proposal and evaluation: with an actor as subject, their object,
#: infinitive or prepositional complement is an attributed claim (``X called for a ceasefire``,
_SCARE_WORDS = 2  # quotes of at most this many words are scare quotes
_FRAME_CUE_TOKENS = 12  # a cue after a quote must come this soon
_MAX_DASH_SPEAKER = 6  # tokens of a "— Name" attribution


def _after_frame(ctx: _Context, q: QuoteMarks, close: int, limit: int) -> _Who:
    """The cue after a quote: ``"...," X said`` or ``"..." — X``."""
    start = close + 1
    while ctx.text[start : start + 1] == "'" and ctx.text[close] == "'":
        start += 1  # a doubled straight closer: ''Poor Mexico.'' Facing ...
    if ctx.text[q.start : q.end].rstrip(_QUOTE_CHARS).endswith(".") and _capital_next(
        ctx.text, start
    ):
        return _NOBODY  # "... ended." Next sentence: a full stop inside the marks ends the frame
    end = _sentence_end(ctx.text, start, limit)
    toks = [t for t in ctx.tokens(start, end) if not t.is_space]
    for n, t in enumerate(toks):
        if n >= _FRAME_CUE_TOKENS and not _subject_opens(t, toks):
            continue  # a far cue counts only after a long subject that opens the frame
        if _is_cue(t) or _reads(t):
            who = _who(ctx, t, (q.start, q.end))
            opening = _opening_np(ctx, t, toks)
            if opening is not None and (who.speaker_span is None or who.speaker_span[0] > t.idx):
                # "...," Flynn, a surrogate, said on “Fox”: the name that opens the frame
                who = replace(who, speaker=opening[0], speaker_span=opening[1])
            if who.speaker_span is None:
                near = _nearby_np(ctx, t, toks)
                if near is not None:
                    who = replace(who, speaker=near[0], speaker_span=near[1])
            if who.speaker_span is not None:
                return who
    return _dash_frame(ctx, _with_glued_dash(ctx, start, toks))


def _with_glued_dash(ctx: _Context, start: int, toks: list[Token]) -> list[Token]:
    """The frame's tokens with the token that glues the closing mark to a dash (``.”― Name``):
    the tokenizer keeps ``”―`` as one token that starts before the frame."""
    glued = ctx.token_at(start - 1) if start > 0 else None
    if glued is None or glued.idx >= start or glued.text[-1:] not in _DASHES:
        return toks
    return [glued, *toks]


def _reads(tok: Token) -> bool:
    """``"...," the letter reads``: a document's words, as a frame after the quote only (in
    other places "read" is the reader's act, not a claim)."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() == "read" and tok.tag_ in ("VBZ", "VBD")


def _capital_next(text: str, at: int) -> bool:
    m = re.compile(r"\s*(\w)").match(text, at)
    return m is not None and m.group(1).isupper()


def _subject_opens(cue: Token, toks: Sequence[Token]) -> bool:
    """The cue's subject starts the frame: ``"...," Scott Pruitt, the attorney general of
    Oklahoma, one of the states suing, said``."""
    if not _is_cue(cue):
        return False
    subj = _subject(cue)
    if subj is None or not toks:
        return False
    return subj.left_edge.i <= toks[0].i + 2 and subj.i < cue.i


def _opening_np(
    ctx: _Context, cue: Token, toks: Sequence[Token]
) -> tuple[str | None, tuple[int, int]] | None:
    """The noun phrase that opens a frame before its cue (``"...," Flynn, an ally, said``)."""
    words = [t for t in toks if t.i < cue.i and not t.is_punct]
    if not words or words[0].pos_ not in ("PROPN", "PRON", "NOUN", "DET", "ADJ"):
        return None
    head = next((t for t in words if t.pos_ in ("PROPN", "PRON", "NOUN")), None)
    if head is None:
        return None
    while head.dep_ in ("compound", "flat") and head.head.i != head.i and head.head.i < cue.i:
        head = head.head
    return ctx.actor_for(_np_span(head), head)


def _nearby_np(
    ctx: _Context, cue: Token, toks: Sequence[Token]
) -> tuple[str | None, tuple[int, int]] | None:
    """A fallback speaker next to the cue, when the parse gave the cue no subject."""
    for t in toks:
        near = t.i in (cue.i + 1, cue.i - 1) or (t.i > cue.i and t.pos_ == "PROPN")
        if near and t.pos_ in ("PROPN", "NOUN", "PRON") and t.lower_ not in ("that", "this"):
            head = t
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            return ctx.actor_for(_np_span(head), head)
    return None


def _dash_frame(ctx: _Context, toks: Sequence[Token]) -> _Who:
    """``"..." ― Sonya Herridge``: a dash and a short name to the end of the sentence."""
    words = [t for t in toks if not (t.is_punct and t.text[-1:] not in _DASHES + "-")]
    if not words or words[0].text[-1:] not in _DASHES + "-" or len(words) > _MAX_DASH_SPEAKER + 1:
        return _NOBODY
    names = [t for t in words[1:] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not names:
        return _NOBODY
    head = names[-1]
    span = (words[1].idx, words[-1].idx + len(words[-1].text))
    actor, shown = ctx.actor_for(span, head)
    dash = words[0]
    # a glued "”―" keeps only its dash as the cue
    cue_start = dash.idx + len(dash.text) - len(dash.text.lstrip(_QUOTE_CHARS))
    cue_end = dash.idx + len(dash.text)
    return _Who(actor, shown, ctx.text[cue_start:cue_end], (cue_start, cue_end))


def _before_frame(ctx: _Context, q: QuoteMarks, floor: int) -> _Who:
    """The cue before a quote in its sentence: ``X said: "..."``, ``X told Y, "..."``."""
    start = _sentence_start(ctx.text, q.open, floor)
    toks = ctx.tokens(start, q.open)
    for t in reversed(toks):
        if _is_cue(t):
            who = _who(ctx, t, (q.start, q.end))
            if who.speaker_span is None:
                # an inverted cue the parse left without a subject: ``Said Ellis: "..."``
                near = _nearby_np(ctx, t, [x for x in toks if x.i > t.i])
                if near is not None:
                    who = replace(who, speaker=near[0], speaker_span=near[1])
            if who.speaker_span is not None:
                return who
    return _NOBODY


def _governing(ctx: _Context, q: QuoteMarks) -> _Who:
    """The verb that governs a partial quote: ``promised a "crushing response"``."""
    first = ctx.token_at(q.start)
    seen = 0
    tok = first
    below: Token | None = None  # the child of tok on the path from the quote
    while tok is not None and seen < 8:
        cue = tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in _PARTIAL_VERBS
        if cue and not (q.start <= tok.idx < q.end):
            if below is not None and below.dep_ in _SUBJECT_DEPS:
                return _NOBODY  # a nickname inside the speaker's own name: Marcia "Cia" Price
            who = _who(ctx, tok, (q.start, q.end))
            if who.speaker_span is not None:
                return who
        if tok.head.i == tok.i:
            break
        below, tok, seen = tok, tok.head, seen + 1
    return _NOBODY


def _colon_intro(ctx: _Context, q: QuoteMarks, para_start: int) -> _Who:
    """A sentence ending with a colon that introduces the quote (``Caddell continued:``)."""
    before = ctx.text[: para_start if q.open == para_start else q.open].rstrip()
    if not before.endswith(":"):
        return _NOBODY
    colon = len(before) - 1
    start = _sentence_start(ctx.text, colon, max(0, ctx.text.rfind("\n", 0, colon) + 1))
    toks = [t for t in ctx.tokens(start, colon) if not t.is_punct]
    for t in reversed(toks):
        if _is_cue(t) or (t.pos_ == "VERB" and t.dep_ == "ROOT"):
            who = _who(ctx, t, (q.start, q.end))
            if who.speaker_span is not None:
                return who
    if any(t.pos_ in ("VERB", "AUX") for t in toks):
        return _NOBODY
    return _headline_name(ctx, toks, colon)


def _headline_name(ctx: _Context, toks: Sequence[Token], colon: int) -> _Who:
    """A verbless or title-case intro names its speaker first: ``Elizabeth Warren Hammers
    Wells Fargo CEO: ‘...’``, ``A lesson from Loretta Lynch: ‘...’`` (headline style)."""
    first = next((t for t in toks if t.ent_type_ == "PERSON" and t.ent_iob_ == "B"), None)
    if first is None:
        return _NOBODY
    end = first.i
    while end + 1 < len(first.doc) and first.doc[end + 1].ent_iob_ == "I":
        end += 1
    last = first.doc[end]
    actor, shown = ctx.actor_for((first.idx, last.idx + len(last.text)), last)
    return _Who(actor, shown, ":", (colon, colon + 1))


def _is_direct(ctx: _Context, q: QuoteMarks, para_start: int) -> bool:
    """A whole sentence or more in quote marks, rather than a fragment inside a sentence."""
    if q.paragraphs > 1:
        return True
    first = next((c for c in ctx.text[q.start : q.end] if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()):
        return False
    prefix = ctx.text[para_start : q.open].rstrip()
    if not prefix or prefix[-1] in ".!?:;,―—–-" + _QUOTE_CHARS:
        return True
    last = ctx.token_at(len(prefix) - 1)
    return last is not None and _is_cue(last)


_MINOR_WORDS = words("title_minor_word")


def _is_title(text: str) -> bool:
    """Every word capitalised (minor words aside): a name or a title, not a quotation."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return bool(words) and all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in words)


_TURN = re.compile(r"[\"“]?[ \t]*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?=\S)")


def _turn_candidates(ctx: _Context) -> list[_Candidate]:
    """Transcript turns, ``WALLACE: Governor, ...``: the capitalised name speaks the paragraph.

    Following paragraphs that open with a quote mark (and are not a turn or a stage direction
    such as ``(CROSSTALK.)``) continue the turn.
    """
    out: list[_Candidate] = []
    current: int | None = None
    for ps, pe in ctx.paras:
        m = _TURN.match(ctx.text, ps, pe)
        start, end = _strip_marks(ctx.text, m.end() if m else ps + 1, pe)
        if m is not None:
            head = ctx.token_at(m.start(1))
            if head is None:
                continue
            actor, shown = ctx.actor_for((m.start(1), m.end(1)), head)
            who = _Who(actor, shown, ":", (m.end(1), m.end(1) + 1))
            current = len(out)
            out.append(_Candidate("direct", start, end, who))
        elif current is not None and ctx.text[ps] in _DOUBLE_OPEN + '"':
            if ctx.text[start : start + 1] == "(" or end <= start:
                continue  # a stage direction
            out.append(_Candidate("direct", start, end, out[current].who, continues=current))
        else:
            current = None
    return out


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _QUOTE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CHARS):
        end -= 1
    return start, end


def _marked_candidates(ctx: _Context) -> list[_Candidate]:
    """Quotes in quote marks, attributed through their frames, in text order; then turns."""
    every = find_quote_marks(ctx.text)
    marks = [q for q in every if _word_count(ctx.text[q.start : q.end]) > _SCARE_WORDS]
    turns = _turn_candidates(ctx)
    out: list[_Candidate] = []
    for q in every:
        if any(q.start < t.end and t.start < q.end for t in turns):
            continue  # a transcript in quote marks: its turns say who speaks
        if q not in marks:
            short = _short_candidate(ctx, q)
            if short is not None:
                out.append(short)
            continue
        n = marks.index(q)
        para = ctx.para_of(q.open)
        ps, pe = ctx.paras[para]
        close = q.end if not q.closed else _close_index(ctx.text, q)
        nxt = next((m.open for m in marks[n + 1 :] if m.open > close), len(ctx.text))
        limit = min(ctx.paras[ctx.para_of(close)][1] if ctx.para_of(close) >= 0 else pe, nxt)
        direct = _is_direct(ctx, q, ps)
        if not direct and _is_title(ctx.text[q.start : q.end]):
            continue  # a show, book or newspaper named inside a sentence: on “Fox and Friends”
        floor = max((m.end for m in marks[:n] if m.end < q.open), default=ps)
        who = _frame(ctx, q, direct, (close, limit), max(floor, ps), ps)
        cand = _Candidate("direct" if direct else "partial", q.start, q.end, who)
        if who.speaker_span is None:
            _continue(ctx, cand, out, para, q.open == ps)
        elif out and who.cue_span is not None and out[-1].who.cue_span == who.cue_span:
            cand.continues = _root(out, len(out) - 1)  # "A," he said, "B." shares one cue
        out.append(cand)
    offset = len(out)
    for turn in turns:
        if turn.continues is not None:
            turn.continues += offset
        out.append(turn)
    return out


def _short_candidate(ctx: _Context, q: QuoteMarks) -> _Candidate | None:
    """A quote of one or two words: kept when a cue frames it, else it is a scare quote.

    ``promised a “crushing response”`` (the governing verb is a cue) and ``"It's over," he
    said.`` (a comma, ``?`` or ``!`` inside the marks and a cue after) are quotes;
    ``the "Zionist entity"`` alone is not.
    """
    if _word_count(ctx.text[q.start : q.end]) == 0 or _is_title(ctx.text[q.start : q.end]):
        return None
    close = _close_index(ctx.text, q)
    ps, pe = ctx.paras[ctx.para_of(q.open)]
    who = _governing(ctx, q)
    kind: Literal["direct", "partial"] = "partial"
    if who.speaker_span is None and ctx.text[close - 1 : close] in ",?!":
        who = _after_frame(ctx, q, close, pe)
        kind = "direct" if _is_direct(ctx, q, ps) else "partial"
    if who.speaker is None:
        return None  # only an actor's words: a bare "so-called" phrase stays a scare quote
    return _Candidate(kind, q.start, q.end, who)


def _frame(
    ctx: _Context, q: QuoteMarks, direct: bool, after: tuple[int, int], floor: int, ps: int
) -> _Who:
    """The first frame that names a speaker, most specific first."""
    if not direct:
        who = _governing(ctx, q)
        if who.speaker_span is not None:
            return who
    who = _after_frame(ctx, q, *after)
    if who.speaker_span is None:
        who = _before_frame(ctx, q, floor)
    if who.speaker_span is None:
        who = _colon_intro(ctx, q, ps)
    if who.speaker_span is None and direct:
        who = _lead_in(ctx, q, floor)
    return who


def _lead_in(ctx: _Context, q: QuoteMarks, floor: int) -> _Who:
    """The sentence just before a frameless quote, in its paragraph, reports its speaker's
    words: ``His partner called him a master of deals. "He showed again and again ..."``.

    Its main verb must be a cue, and no quote may come between it and the quote.
    """
    before = ctx.text[floor : q.open].rstrip()
    if not before.endswith(".") or any(c in _QUOTE_CHARS for c in before):
        return _NOBODY
    start = _sentence_start(ctx.text, floor + len(before) - 1, floor)
    root = next((t for t in ctx.tokens(start, q.open) if t.dep_ == "ROOT"), None)
    if root is None or not _is_cue(root):
        return _NOBODY
    return _who(ctx, root, (q.start, q.end))


def _root(cands: list[_Candidate], n: int) -> int:
    """The first quote of a chain of continuations."""
    up = cands[n].continues
    while up is not None:
        n, up = up, cands[up].continues
    return n


def _close_index(text: str, q: QuoteMarks) -> int:
    """The closing mark's index: the first quote character at or after the content's end."""
    at = q.end
    while at < len(text) and text[at] not in _QUOTE_CHARS:
        at += 1
    return at


def _continue(
    ctx: _Context, cand: _Candidate, before: list[_Candidate], para: int, starts_para: bool
) -> None:
    """Inherit the previous quote's speaker: same paragraph, or a paragraph that opens a quote."""
    for n in range(len(before) - 1, -1, -1):
        prev = before[n]
        prev_para = ctx.para_of(prev.start)
        if prev_para != para and not (starts_para and para - prev_para <= 1):
            return
        if prev.who.speaker_span is not None:
            cand.who = prev.who
            cand.continues = _root(before, n)
            return
