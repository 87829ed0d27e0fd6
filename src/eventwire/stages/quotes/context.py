"""What the frames and the indirect finder share: the document's parse and mentions with their
lookups (`_Context`), what a frame finds (`_Who`), a quote found (`_Candidate`), and sentence
and span helpers."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ...errors import PipelineError
from ...lexicon import mapping, words
from ...record import Actor, Document
from .marks import _DASHES, _QUOTE_CHARS, _paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

__all__ = [
    "_NOBODY",
    "_SUBJECT_DEPS",
    "_Candidate",
    "_Context",
    "_Who",
    "_np_span",
    "_sentence_end",
    "_sentence_start",
    "_strip_punct",
    "_text",
    "_word_count",
]


#: Words that end with a full stop inside a sentence ("Sen. Warren", "Del. Price").
_ABBREVIATIONS = words("dotted_abbreviation")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Possessive pronouns that can name a body an official speaks for, with the actor kinds
#: they cannot refer to ("its" is never a person or a plural group; "their" never a person).
_BODY_POSSESSIVES = mapping("body_possessive")


@dataclass(frozen=True)
class _Who:
    """What a frame found: the speaker's span and actor, the cue, the outlet."""

    speaker: str | None
    speaker_span: tuple[int, int] | None
    cue: str | None
    cue_span: tuple[int, int] | None
    outlet: str | None = None


_NOBODY = _Who(None, None, None, None)


def _sentence_end(text: str, start: int, stop: int) -> int:
    """The index just after the first sentence terminator in text[start:stop], else stop."""
    for m in re.finditer(r"[.!?](?=\s|$|[" + _QUOTE_CHARS + "])", text[start:stop]):
        at = start + m.start()
        if text.count("(", start, at) > text.count(")", start, at):
            continue  # "Rep. Elijah E. Cummings (D-Md.) said"
        word = re.search(r"(\w+)$", text[start:at])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue  # "Sen. Warren", "U.S. officials"
        return at + 1
    return stop


def _sentence_start(text: str, stop: int, floor: int) -> int:
    """The start of the sentence that contains index stop, not before floor."""
    at = floor
    for m in re.finditer(r"[.!?](?=\s)", text[floor:stop]):
        pos = floor + m.start()
        word = re.search(r"(\w+)$", text[floor:pos])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        at = pos + 1
    while at < stop and text[at].isspace():
        at += 1
    return at


class _Context:
    """The parse, the mentions and the paragraphs of one document, with lookups."""

    def __init__(self, doc: Document) -> None:
        if doc.nlp is None:
            raise PipelineError("the quotes stage needs doc.nlp, the spaCy parse of doc.text")
        self.text = doc.text
        self.sp: SpacyDoc = doc.nlp
        self.paras = _paragraphs(doc.text)
        self.mentions = sorted(
            ((m.start, m.end, a.id) for a in doc.actors for m in a.mentions), key=lambda x: x[0]
        )
        self.media = {a.id for a in doc.actors if _is_outlet(a)}
        self.kinds = {a.id: a.kind for a in doc.actors}
        # the parse is of doc.text: keep it, since `Doc.text` joins every token on each access
        self.sp.user_data.setdefault(_TEXT_KEY, doc.text)
        self.starts: list[int] = self.sp.to_array("IDX").tolist()  # no Token object per word

    def tokens(self, start: int, end: int) -> list[Token]:
        # token offsets are sorted: find the stretch instead of walking the whole parse
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [self.sp[i] for i in range(lo, hi)]

    def token_at(self, char: int) -> Token | None:
        span = self.sp.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def para_of(self, char: int) -> int:
        for n, (ps, pe) in enumerate(self.paras):
            if ps <= char <= pe:
                return n
        return -1

    def actor_for(self, span: tuple[int, int], head: Token) -> tuple[str | None, tuple[int, int]]:
        """The actor whose mention covers the head (else the phrase), and the span to report."""
        h0, h1 = head.idx, head.idx + len(head.text)
        over = [m for m in self.mentions if m[0] < span[1] and span[0] < m[1]]
        for m in over:
            if m[0] <= h0 and h1 <= m[1]:
                return m[2], (m[0], m[1])
        for child in head.children:
            if child.dep_ == "appos":
                c0 = child.idx
                for m in self.mentions:
                    if m[0] <= c0 < m[1]:
                        return m[2], (m[0], m[1])
        if over:
            best = min(over, key=lambda m: abs(m[0] - h0))
            return best[2], (best[0], best[1])
        return self._possessor(head), span

    def _possessor(self, head: Token) -> str | None:
        """``..., its prosecutor said``: an official named through a possessive pronoun speaks
        for the body the pronoun refers to, the subject of its sentence when that is a body
        (possessives prefer the subject), else the nearest body before the pronoun."""
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is None or poss.lower_ not in _BODY_POSSESSIVES:
            return None
        barred = _BODY_POSSESSIVES[poss.lower_].split(",")
        sent = poss.sent
        bodies = [
            m
            for m in self.mentions
            if sent.start_char <= m[0] < poss.idx and self.kinds.get(m[2]) not in (None, *barred)
        ]
        for m in bodies:
            if any(t.dep_ in ("nsubj", "nsubjpass") for t in self.tokens(m[0], m[1])):
                return m[2]
        return bodies[-1][2] if bodies else None


def _is_outlet(actor: Actor) -> bool:
    # PLOVER codes journalists and news media JRN (MED is health)
    return actor.sector == "JRN" or actor.kind == "outlet"


def _np_span(tok: Token) -> tuple[int, int]:
    """The noun phrase headed by tok, cut at a comma, a relative clause or an apposition, or
    where its words stop being contiguous (a parse that hangs a phrase after the verb on the
    subject: ``A majority of voters expect X to win, the first ...``)."""
    start = tok.left_edge.i
    end = tok.i
    for t in tok.subtree:
        if t.i <= tok.i:
            continue
        if (
            t.i != end + 1
            or t.text in ",(;:"
            or t.dep_ in ("relcl", "appos", "acl", "case")
            or t.text in _QUOTE_CHARS
        ):
            break
        end = t.i
    doc = tok.doc
    while start < tok.i and (doc[start].is_punct or doc[start].text in _QUOTE_CHARS):
        start += 1
    return doc[start].idx, doc[end].idx + len(doc[end].text)


_TEXT_KEY = "eventwire.text"


def _text(doc: SpacyDoc) -> str:
    """The parse's text, kept in its user data: `Doc.text` joins every token on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def _strip_punct(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:" + _DASHES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:" + _DASHES):
        end -= 1
    return start, end


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", text))


@dataclass
class _Candidate:
    kind: Literal["direct", "partial", "indirect"]
    start: int
    end: int
    who: _Who
    continues: int | None = None  # index into the marked list (continuations)
    cue_token: int | None = None  # token index of an indirect quote's cue
    stance: bool = False  # found by a stance verb's object (``called for X``)
