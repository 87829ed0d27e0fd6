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
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from ..errors import PipelineError
from ..record import Actor, Document, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

    from ..resources import Resources

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

#: Lemmas of verbs that report speech, writing, cognition or findings (the cue of a quote).
SPEECH_VERBS: frozenset[str] = frozenset((
    "say", "tell", "warn", "add", "predict", "announce", "claim", "deny", "insist", "stress",
    "report", "believe", "expect", "fear", "state", "explain", "note", "argue", "write", "tweet",
    "post", "declare", "assert", "affirm", "confirm", "acknowledge", "admit", "suggest",
    "estimate", "reveal", "emphasize", "emphasise", "indicate", "threaten", "vow", "promise",
    "pledge", "urge", "ask", "reply", "respond", "answer", "continue", "recall", "mention",
    "comment", "remark", "observe", "conclude", "accuse", "charge", "allege", "maintain",
    "contend", "complain", "agree", "think", "hope", "worry", "caution", "concede", "disclose",
    "learn", "find", "show", "testify", "reiterate", "repeat", "quip", "joke", "boast", "brag",
    "lament", "assure", "inform", "notify", "forecast", "speculate", "suspect", "guess", "doubt",
    "realize", "realise", "understand", "know", "feel", "describe", "call", "demand", "cite",
    "echo", "counter", "retort", "protest", "object", "proclaim", "stipulate", "signal",
    "shout", "yell", "scream", "exclaim", "cry", "whisper", "mutter", "chant", "sing", "ask",
))  # fmt: skip
#: Verbs that also govern a partial quote as their object (``promised a "crushing response"``).
_PARTIAL_VERBS: frozenset[str] = SPEECH_VERBS | frozenset((
    "label", "dub", "brand", "term", "characterize", "characterise", "decry", "condemn", "slam",
    "praise", "hail",
))  # fmt: skip
#: Lemmas of verbs of stance, proposal and evaluation: with an actor as subject, their object,
#: infinitive or prepositional complement is an attributed claim (``X called for a ceasefire``,
#: ``X wants to cut taxes``, ``X criticized Y for Z``), as news attribution corpora annotate it.
STANCE_VERBS: frozenset[str] = frozenset((
    "call", "cite", "want", "plan", "offer", "support", "question", "criticize", "criticise",
    "decline", "agree", "urge", "propose", "promise", "pledge", "vow", "charge", "encourage",
    "mention", "reference", "blast", "describe", "refuse", "discuss", "document", "acknowledge",
    "reject", "accuse", "endorse", "announce", "defend", "back", "compare", "recognize",
    "oppose", "demand", "echo", "liken", "praise", "condemn", "attack", "hope", "seek", "intend",
    "favor", "favour", "push", "dismiss", "deny", "blame", "applaud", "welcome", "slam", "tout",
    "highlight", "emphasize", "emphasise", "suggest", "recommend", "advocate", "champion",
    "threaten", "warn", "challenge", "dispute", "predict", "estimate", "project", "find",
    "conclude", "reveal", "confirm", "consider", "label", "dub", "brand", "insist", "argue",
    "claim", "show", "see", "explain", "express", "voice", "unveil", "outline", "stress", "note",
    "mock", "ridicule", "lambaste", "denounce", "decry", "hail", "commend", "complain", "speak",
    "talk", "point", "refer", "press", "lobby", "appeal", "worry", "respond", "object", "mean",
    "vote", "ask", "tell", "describe", "characterize", "characterise", "deride", "question",
))  # fmt: skip
#: Verbs whose direct object is the addressee, not the claim (``told reporters``).
_ADDRESSEE_VERBS: frozenset[str] = frozenset((
    "tell", "ask", "urge", "encourage", "warn", "press", "inform", "assure", "remind", "thank",
))  # fmt: skip
#: Prepositions that introduce a stance verb's claim (``called for``, ``spoke of``).
_CLAIM_PREPS: frozenset[str] = frozenset(("for", "as", "of", "about", "against"))
#: Verbs whose claim follows "to" or "on" (``pointed to``, ``called on X to``).
_TO_ON_VERBS: frozenset[str] = frozenset((
    "point", "refer", "compare", "liken", "object", "respond", "call", "appeal",
))  # fmt: skip
#: Nouns that introduce a ``that`` clause as a reported claim.
SPEECH_NOUNS: frozenset[str] = frozenset((
    "statement", "claim", "announcement", "assertion", "allegation", "warning", "remark",
    "comment", "belief", "argument", "report", "suggestion", "insistence", "denial", "promise",
    "pledge", "threat", "assurance", "admission", "accusation", "prediction", "view", "notion",
    "charge", "message",
))  # fmt: skip

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_QUOTE_CHARS = "\"'“”«»„‘’"
_DASHES = "―—–"
# Characters after which a quote mark opens, and before which one closes.
_OPEN_AFTER = frozenset(" \t\n([{/" + _DASHES + "-" + _DOUBLE_OPEN + "‘\"'")
_CLOSE_BEFORE = frozenset(" \t\n.,;:!?)]}…/" + _DASHES + "-" + _DOUBLE_CLOSE + "’\"'")
# Words that end with a full stop inside a sentence ("Sen. Warren", "Del. Price").
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr", "prof",
    "rev", "sgt", "capt", "maj", "cmdr", "adm", "no", "vs", "del", "pres", "atty", "supt", "hon",
    "fr", "cpl", "pvt", "messrs", "inc", "corp", "co", "ltd", "jan", "feb", "aug", "sept", "oct",
    "nov", "dec", "ft", "mt", "gens", "reps", "sens", "govt", "dept", "asst", "assn",
))  # fmt: skip
_MIN_STANCE_WORDS = 2  # words in the claim of a stance verb
_SCARE_WORDS = 2  # quotes of at most this many words are scare quotes
_FRAME_CUE_TOKENS = 12  # a cue after a quote must come this soon
_MAX_DASH_SPEAKER = 6  # tokens of a "— Name" attribution
_MAX_COLON_SPEAKER = 4  # tokens of a "Name: ..." headline attribution
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_PRONOUNS = frozenset(["i", "we", "you", "he", "she", "they", "it", "who", "this", "that"])


@dataclass(frozen=True)
class QuoteMarks:
    """A span in quote marks: the opening mark's index and the content span inside the marks.

    `closed` is False when the quote was never closed (its content runs to the paragraph end);
    `paragraphs` counts the paragraphs it covers.
    """

    open: int
    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1


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


@dataclass(frozen=True)
class _Who:
    """What a frame found: the speaker's span and actor, the cue, the outlet."""

    speaker: str | None
    speaker_span: tuple[int, int] | None
    cue: str | None
    cue_span: tuple[int, int] | None
    outlet: str | None = None


_NOBODY = _Who(None, None, None, None)


# --------------------------------------------------------------------------- quote marks


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), trailing whitespace excluded."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        stripped = m.group().rstrip()
        if stripped.strip():
            spans.append((m.start(), m.start() + len(stripped)))
    return spans


def _at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else " "


def _opens(text: str, i: int) -> bool:
    return _at(text, i - 1) in _OPEN_AFTER and not _at(text, i + 1).isspace()


def _closes(text: str, i: int) -> bool:
    return not _at(text, i - 1).isspace() and _at(text, i + 1) in _CLOSE_BEFORE


def _double_role(text: str, i: int, has_double: bool) -> str | None:
    c, op, cl = text[i], _opens(text, i), _closes(text, i)
    if c in _DOUBLE_OPEN:
        # an opener used as a closer ("...“) only when it cannot open
        return "close" if has_double and cl and not op else "open"
    if c in _DOUBLE_CLOSE:
        if has_double:
            return "close"
        return "open" if op else None  # a closer used as an opener (”Text...”)
    if has_double and cl:
        return "close"
    if op:
        return "open"
    return "close" if has_double else None


def _single_role(text: str, i: int, has_single: bool) -> str | None:
    c, prev, nxt = text[i], _at(text, i - 1), _at(text, i + 1)
    if c == "‘":
        return "open" if _opens(text, i) else None
    if has_single and _closes(text, i) and not nxt.isalnum():
        return "close"
    # a straight ' opens only before a letter after a space: never inside a word (don't)
    if c == "'" and prev in _OPEN_AFTER and nxt.isalpha():
        return "open"
    return None


class _Scanner:
    """Pairs quote marks over the paragraphs of a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[QuoteMarks] = []
        self.stack: list[tuple[str, int]] = []  # (family "d" or "s", opening index)
        self.carried: tuple[int, int] | None = None  # (opening index, paragraphs so far)

    def run(self) -> list[QuoteMarks]:
        paras = _paragraphs(self.text)
        for n, (ps, pe) in enumerate(paras):
            nxt = paras[n + 1][0] if n + 1 < len(paras) else None
            self._paragraph(ps, pe, nxt)
        return sorted(self.found, key=lambda q: q.open)

    def _paragraph(self, ps: int, pe: int, next_start: int | None) -> None:
        first = ps
        self.stack = []
        if self.carried is not None:
            self.stack.append(("d", self.carried[0]))
            first = ps + 1  # the continuation's own opening mark is not a new quote
        for i in range(first, pe):
            c = self.text[i]
            if c in _DOUBLE_OPEN + _DOUBLE_CLOSE + '"':
                self._double(i)
            elif c in "‘’'":
                self._single(i)
        self._end_paragraph(pe, next_start)

    def _double(self, i: int) -> None:
        has_double = any(f == "d" for f, _ in self.stack)
        role = _double_role(self.text, i, has_double)
        if role == "open":
            self.stack.append(("d", i))
        elif role == "close":
            while self.stack:
                family, at = self.stack.pop()
                if family == "d":
                    # record only outermost doubles: nested ones are part of the outer content
                    if not any(f == "d" for f, _ in self.stack):
                        self._record(at, i, closed=True)
                    return

    def _single(self, i: int) -> None:
        has_single = any(f == "s" for f, _ in self.stack)
        role = _single_role(self.text, i, has_single)
        if role == "open":
            self.stack.append(("s", i))
        elif role == "close":
            while self.stack:
                family, at = self.stack.pop()
                if family == "s":
                    if not self.stack:
                        self._record(at, i, closed=True)
                    return

    def _end_paragraph(self, pe: int, next_start: int | None) -> None:
        outer = next((at for f, at in self.stack if f == "d"), None)
        paragraphs = self.carried[1] if self.carried else 1
        self.carried = None
        if outer is None:
            return
        # a quote left open continues when the next paragraph opens with a quote mark
        if next_start is not None and self.text[next_start] in _DOUBLE_OPEN + '"':
            self.carried = (outer, paragraphs + 1)
            return
        self._record(outer, pe, closed=False)

    def _record(self, opening: int, close: int, *, closed: bool) -> None:
        paragraphs = self.text.count("\n\n", opening, close) + 1 if "\n" in self.text else 1
        start, end = _trim(self.text, opening + 1, close)
        if end > start:
            self.found.append(QuoteMarks(opening, start, end, closed, paragraphs))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and a trailing comma (it belongs to the frame: "A," he said)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Every outermost span in quote marks, scare quotes included, in text order."""
    return _Scanner(text).run()


# --------------------------------------------------------------------------- frames


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
        self.starts = [t.idx for t in self.sp]

    def tokens(self, start: int, end: int) -> list[Token]:
        return [t for t in self.sp if start <= t.idx < end]

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
        return None, span


def _is_outlet(actor: Actor) -> bool:
    # PLOVER codes journalists and news media JRN (MED is health)
    return actor.sector == "JRN" or actor.kind == "outlet"


def _np_span(tok: Token) -> tuple[int, int]:
    """The noun phrase headed by tok, cut at a comma, a relative clause or an apposition."""
    start = tok.left_edge.i
    end = tok.i
    for t in tok.subtree:
        if t.i <= tok.i:
            continue
        if (
            t.text in ",(;:"
            or t.dep_ in ("relcl", "appos", "acl", "case")
            or t.text in _QUOTE_CHARS
        ):
            break
        end = t.i
    doc = tok.doc
    while start < tok.i and (doc[start].is_punct or doc[start].text in _QUOTE_CHARS):
        start += 1
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def _subject(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing through participles and conjoined verbs."""
    witness = _of_witness(verb)
    if witness is not None:
        return witness
    tok: Token | None = _coordinated_cue(verb) or verb
    for _ in range(4):
        if tok is None:
            return None
        # the nearest subject: a quote in the frame can be parsed as a second one
        at = tok.i
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        subj = min(subjects, key=lambda c: abs(c.i - at)) if subjects else None
        if subj is not None:
            if subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head  # "X, who said ..."
            return subj
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return tok.head  # "footage of Clinton asking, ..."
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "acl") and tok.head.i != tok.i:
            if tok.head.lemma_ == "quote":
                return next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            tok = tok.head
            continue
        return None
    return None


def _of_witness(verb: Token) -> Token | None:
    """``footage of Clinton asking, "..."``: a participle cue right after the object of "of"
    speaks for that object (the parse hangs the participle on the main verb)."""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.dep_ == "pobj" and prev.head.lower_ == "of" and prev.pos_ in ("PROPN", "NOUN"):
        return prev
    return None


def _coordinated_cue(verb: Token) -> Token | None:
    """The outer cue that a subjectless cue is coordinated with, where the parse put the cue
    inside the reported clause: ``May said the country would leave and suggested that ...``.

    The cue's tense tells: it matches the outer cue's and not the reported verb's.
    """
    if verb.dep_ != "conj" or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    if not _is_cue(verb) or _according(verb) is not None:
        return None
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    outer = clause.head
    if clause.dep_ != "ccomp" or outer.i == clause.i or not _is_cue(outer):
        return None
    if verb.tag_ != outer.tag_ or verb.tag_ == verb.head.tag_:
        return None
    return outer


#: Pronouns that may stand for the outer speaker, with the number they need.
_NESTED_PRONOUNS: dict[str, str] = {"he": "person", "she": "person", "it": "thing", "they": "pl"}


def _outer_subject(subj: Token) -> Token | None:
    """The outer speaker for a pronoun subject in the reported clause of a speech verb:
    ``Lynch said she recalled ...``, ``China said it was opposed and warned ...``.

    The pronoun is the outer subject's (news uses the pronoun for the speaker); the outer
    subject must be a noun phrase that agrees with it, and the outer verb must have no
    addressee that the pronoun could mean instead (``told Y she ...``).
    """
    need = _NESTED_PRONOUNS.get(subj.lower_)
    if need is None or subj.dep_ != "nsubj":
        return None
    clause = subj.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    outer = clause.head
    if clause.dep_ != "ccomp" or not _is_cue(outer) or _according(outer) is not None:
        return None
    if any(c.dep_ in ("dobj", "dative") for c in outer.children):
        return None
    top = _subject(outer)
    if top is None or top.i > subj.i or top.pos_ not in ("PROPN", "NOUN"):
        return None
    if "\n" in _text(subj.doc)[top.idx : subj.idx]:
        return None  # a parse that runs across paragraphs
    return top if _agrees(top, need) else None


def _agrees(head: Token, need: str) -> bool:
    plural = head.tag_ in ("NNS", "NNPS")
    if need == "pl":
        return plural or head.ent_type_ in ("ORG", "NORP")
    if plural:
        return False
    if need == "person":
        return head.ent_type_ in ("PERSON", "") and head.ent_type_ != "ORG"
    return head.ent_type_ != "PERSON"


def _cue_text(tok: Token) -> tuple[str, tuple[int, int]]:
    """The cue word with its particle ("pointed out")."""
    end = tok.idx + len(tok.text)
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end = child.idx + len(child.text)
    return _text(tok.doc)[tok.idx : end], (tok.idx, end)


def _according(tok: Token) -> Token | None:
    """The pobj of "according to", when tok is "according"."""
    if tok.lower_ != "according":
        return None
    for child in tok.children:
        if child.lower_ == "to":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return next((g for g in nxt.children if g.dep_ == "pobj"), None)
    return None


def _outlet(ctx: _Context, cue: Token, skip: tuple[int, int], speaker: str | None) -> str | None:
    """An outlet actor in the cue's own words ("told Al-Akhbar", "in an interview with X")."""
    if speaker in ctx.media:
        return speaker  # "Al-Akhbar reported ..."
    if cue.lemma_ == "quote":
        subj = next((c for c in cue.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None:
            actor, _ = ctx.actor_for(_np_span(subj), subj)
            if actor in ctx.media:
                return actor
    for t in cue.subtree:
        if skip[0] <= t.idx < skip[1] or t.dep_ not in ("dobj", "dative", "pobj", "nsubj"):
            continue
        for m in ctx.mentions:
            if m[2] in ctx.media and m[0] <= t.idx < m[1]:
                return m[2]
    return None


def _who(ctx: _Context, cue: Token, content: tuple[int, int]) -> _Who:
    """The speaker, cue and outlet that a cue verb (or "according") gives."""
    subj = _according(cue)
    if subj is not None:
        span = _np_span(subj)
        actor, shown = ctx.actor_for(span, subj)
        cue_end = subj.head.idx + len(subj.head.text)
        outlet = actor if actor in ctx.media else None
        return _Who(actor, shown, ctx.text[cue.idx : cue_end], (cue.idx, cue_end), outlet)
    subj = _subject(cue)
    cue_text, cue_span = _cue_text(cue)
    if subj is None or content[0] <= subj.idx < content[1]:
        return _Who(None, None, cue_text, cue_span)
    outer = _outer_subject(subj)
    if outer is not None and not content[0] <= outer.idx < content[1]:
        subj = outer
    subj = _parenthetical_subject(cue, subj)
    actor, shown = ctx.actor_for(_np_span(subj), subj)
    cited = _cited(cue, content)
    if cited is not None:
        # "X reported, citing an official, that ...": the official speaks, through outlet X
        source, source_span = ctx.actor_for(_np_span(cited), cited)
        outlet = actor if actor in ctx.media else _outlet(ctx, cue, content, None)
        return _Who(source, source_span, cue_text, cue_span, outlet)
    rel = _relative_subject(cue)
    if rel is not None and shown[0] <= rel.idx:
        shown = (shown[0], rel.idx + len(rel.text))  # "Clinton, who said": the mention runs on
    return _Who(actor, shown, cue_text, cue_span, _outlet(ctx, cue, content, actor))


def _cited(cue: Token, content: tuple[int, int]) -> Token | None:
    """The object of a "citing X" next to the cue, before the content."""
    for t in cue.sent:
        if t.lemma_.lower() == "cite" and t.tag_ == "VBG" and cue.i < t.i and t.idx < content[0]:
            return next((c for c in t.children if c.dep_ == "dobj"), None)
    return None


def _relative_subject(verb: Token) -> Token | None:
    """The relative pronoun that is the subject of verb's clause (``X, who said ...``)."""
    tok = verb
    for _ in range(4):
        rel = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
        if rel is not None:
            return rel if rel.tag_ in ("WP", "WDT") and tok.dep_ == "relcl" else None
        if tok.dep_ not in ("conj", "xcomp", "advcl") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _is_cue(tok: Token, lemmas: frozenset[str] = SPEECH_VERBS) -> bool:
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() == "put":
        # "as X put it, ..."
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
    return (tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lemmas) or (
        _according(tok) is not None
    )


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
    return _NOBODY


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


_MINOR_WORDS = frozenset(("a", "an", "and", "of", "the", "to", "in", "on", "for", "at", "with"))


def _is_title(text: str) -> bool:
    """Every word capitalised (minor words aside): a name or a title, not a quotation."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return bool(words) and all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in words)


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", text))


# --------------------------------------------------------------------------- candidates


@dataclass
class _Candidate:
    kind: Literal["direct", "partial", "indirect"]
    start: int
    end: int
    who: _Who
    continues: int | None = None  # index into the marked list (continuations)
    cue_token: int | None = None  # token index of an indirect quote's cue
    stance: bool = False  # found by a stance verb's object (``called for X``)


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
    return who


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


def _content_of(cue: Token) -> tuple[int, int] | None:
    """The clause a cue verb reports: its ccomp, else a ``that`` clause below it."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is None:
        for t in cue.subtree:
            if t.dep_ == "mark" and t.lower_ == "that" and t.i > cue.i and t.head.i > cue.i:
                governor = t.head.head
                if governor.i != cue.i and t.head.dep_ == "ccomp" and _is_cue(governor):
                    continue  # "declare X and suggested that ...": the other cue's claim
                clause = t.head
                break
    if clause is None:
        return None
    that = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
    toks = [t for t in toks if not (t.i < clause.i and t.dep_ == "mark")]
    if that is not None:
        toks = [t for t in toks if t.i > that.i]  # "reported, citing X, that ...": after "that"
    if not toks:
        return None
    start = toks[0].idx
    end = toks[-1].idx + len(toks[-1].text)
    return _strip_punct(_text(cue.doc), start, end)


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


def _according_content(tok: Token) -> tuple[int, int] | None:
    """The rest of the sentence around "according to X"."""
    sent = tok.sent
    phrase = list(tok.subtree)
    left = (sent.start_char, phrase[0].idx)
    right = (phrase[-1].idx + len(phrase[-1].text), sent.end_char)
    side = left if left[1] - left[0] > right[1] - right[0] else right
    text = _text(tok.doc)
    start, end = _strip_punct(text, *side)
    while end > start and text[end - 1] in ".!?":
        end -= 1
    return (start, end) if end > start else None


def _parenthetical_content(cue: Token) -> tuple[int, int] | None:
    """The claim around a parenthetical cue: ``The truth, the senator said, was that ...``.

    The parse hangs the cue on the main clause (parataxis); the claim is that clause without
    the cue's own words, on the side of the main verb (the other side is an opening phrase or
    a subject: ``To see it, she said, one should visit``).
    """
    own = {t.i for t in cue.subtree}
    clause = [t for t in cue.head.subtree if t.i not in own]
    if cue.head.i < cue.left_edge.i:
        side = [t for t in clause if t.i < cue.left_edge.i]
    else:
        side = [t for t in clause if t.i > cue.right_edge.i]
    if not side:
        return None
    text = _text(cue.doc)
    start, end = _strip_punct(text, side[0].idx, side[-1].idx + len(side[-1].text))
    while end > start and text[end - 1] in ".!?":
        end -= 1
    return (start, end) if end > start else None


def _parenthetical_subject(cue: Token, subj: Token) -> Token:
    """For a parenthetical cue, the name right before it rather than the noun its comma follows:
    ``To understand the real Dred Scott, Chief Justice Roberts said, ...`` (the parse makes the
    name an apposition of the noun before the comma)."""
    if cue.dep_ != "parataxis":
        return subj
    for child in subj.children:
        if child.dep_ == "appos" and child.right_edge.i == cue.i - 1 and subj.i < child.i:
            return child
    return subj


def _in_paragraph(
    ctx: _Context, cue: Token, content: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The content cut to its cue's paragraph (a parse can run a sentence across paragraphs)."""
    if content is None:
        return None
    para = ctx.para_of(cue.idx)
    if para < 0:
        return content
    ps, pe = ctx.paras[para]
    start, end = max(content[0], ps), min(content[1], pe)
    if end <= start:
        return None
    return _strip_punct(ctx.text, start, end) if (start, end) != content else content


def _indirect_candidates(ctx: _Context, inside: list[tuple[int, int]]) -> list[_Candidate]:
    """Reported speech from the parse: cue verbs with a clause, "according to", speech nouns."""
    out: list[_Candidate] = []
    for tok in ctx.sp:
        if any(s <= tok.idx < e for s, e in inside):
            continue  # cues inside a quotation belong to the quoted speaker's own words
        content: tuple[int, int] | None
        if _according(tok) is not None:
            content = _according_content(tok)
        elif _is_cue(tok):
            content = _content_of(tok)
            if content is None and tok.dep_ == "parataxis":
                content = _parenthetical_content(tok)
            if content is None:
                _stance_candidate(ctx, tok, out)
                continue
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in STANCE_VERBS:
            _stance_candidate(ctx, tok, out)
            continue
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in SPEECH_NOUNS:
            _noun_candidate(ctx, tok, out)
            continue
        else:
            continue
        content = _in_paragraph(ctx, tok, content)
        if content is None or _word_count(ctx.text[content[0] : content[1]]) < 3:
            continue
        who = _who(ctx, tok, content)
        if who.speaker_span is None:
            continue
        out.append(_Candidate("indirect", content[0], content[1], who, cue_token=tok.i))
    return out


def _stance_content(verb: Token) -> tuple[int, int] | None:
    """The claim of a stance verb: its object with what follows it (``Y for Z``, ``Y as Z``,
    ``Y to do Z``), its infinitive, or the object of ``for``/``of``/``to`` (``called for Z``)."""
    lemma = verb.lemma_.lower()
    comps: list[Token] = []
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp") or (
            c.dep_ == "prep"
            and (c.lower_ in _CLAIM_PREPS or (c.lower_ in ("to", "on") and lemma in _TO_ON_VERBS))
        ):
            comps.append(c)
    if not comps:
        return None
    if lemma in _ADDRESSEE_VERBS and all(c.dep_ == "dobj" for c in comps):
        return None  # "told reporters": the object is who heard it
    first = comps[0]
    if first.dep_ == "prep":
        pobj = next((g for g in first.children if g.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            return None
        first = pobj
    toks = [t for c in comps for t in c.subtree] + list(first.subtree)
    start = min(t.idx for t in toks if t.i >= first.left_edge.i)
    last = max(toks, key=lambda t: t.i)
    return _strip_punct(_text(verb.doc), start, last.idx + len(last.text))


def _stance_candidate(ctx: _Context, verb: Token, out: list[_Candidate]) -> None:
    """``X called for a ceasefire``: an attribution when the subject is an actor, active voice."""
    subj = _subject(verb)
    if subj is None or subj.dep_ == "nsubjpass":
        return
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in STANCE_VERBS | SPEECH_VERBS:
        return  # "urged its members to reject X": part of the governing verb's claim
    if verb.lemma_.lower() == "cite" and verb.tag_ == "VBG":
        return  # "reported, citing an official": the official is the source, not a claim
    content = _stance_content(verb)
    if content is None or _word_count(ctx.text[content[0] : content[1]]) < _MIN_STANCE_WORDS:
        return
    who = _who(ctx, verb, content)
    if who.speaker is None:
        return  # only actors: "the plan called for cuts" is no one's claim
    out.append(_Candidate("indirect", content[0], content[1], who, cue_token=verb.i, stance=True))


def _noun_candidate(ctx: _Context, noun: Token, out: list[_Candidate]) -> None:
    """``the ministry's statement that ...``: the speaker is the possessor or the verb's subject."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if clause is None:
        return
    toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
    start, end = _strip_punct(ctx.text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if _word_count(ctx.text[start:end]) < 3:
        return
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                owner = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if owner is None and noun.head.pos_ == "VERB":
        owner = _subject(noun.head)
    if owner is None:
        return
    actor, shown = ctx.actor_for(_np_span(owner), owner)
    who = _Who(actor, shown, noun.text, (noun.idx, noun.idx + len(noun.text)))
    out.append(_Candidate("indirect", start, end, who, cue_token=noun.i))


def _colon_candidates(ctx: _Context, taken: list[tuple[int, int]]) -> list[_Candidate]:
    """``X said: the talks failed`` and headline ``Name: claim`` without quote marks."""
    out: list[_Candidate] = []
    for ps, pe in ctx.paras:
        for m in re.finditer(r":\s", ctx.text[ps:pe]):
            colon = ps + m.start()
            start, end = _strip_punct(ctx.text, colon + 1, pe)
            if ctx.text[start : start + 1] in _QUOTE_CHARS or _word_count(ctx.text[start:end]) < 3:
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            who = _colon_speaker(ctx, ps, colon)
            if who.speaker_span is not None:
                out.append(_Candidate("indirect", start, end, who))
    return out


def _colon_speaker(ctx: _Context, ps: int, colon: int) -> _Who:
    start = _sentence_start(ctx.text, colon, ps)
    toks = [t for t in ctx.tokens(start, colon) if not t.is_space]
    for t in reversed(toks):
        if _is_cue(t):
            return _who(ctx, t, (colon, colon + 1))
    words = [t for t in toks if not t.is_punct]
    if start != ps or not words or len(words) > _MAX_COLON_SPEAKER:
        return _NOBODY
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return _NOBODY
    if not any(t.pos_ == "PROPN" for t in words) and not _covered(ctx, words):
        return _NOBODY
    head = words[-1]
    actor, shown = ctx.actor_for((words[0].idx, head.idx + len(head.text)), head)
    return _Who(actor, shown, ":", (colon, colon + 1))


def _covered(ctx: _Context, words: Sequence[Token]) -> bool:
    return any(m[0] <= words[-1].idx < m[1] for m in ctx.mentions)


# --------------------------------------------------------------------------- merging


def _merge(marked: list[_Candidate], indirect: list[_Candidate]) -> list[_Candidate]:
    """Drop indirect quotes that restate a direct one, and partial quotes inside an indirect."""
    directs = [c for c in marked if c.kind == "direct"]
    kept_indirect = []
    for c in indirect:
        if any(_overlap(c, d) > 0 for d in directs):
            continue
        if c.stance and any(
            _overlap(c, m) > 0 and m.who.cue_span == c.who.cue_span for m in marked
        ):
            continue  # promised a “crushing response” to ...: the partial quote is the claim
        kept_indirect.append(c)
    kept_marked = [
        c
        for c in marked
        if c.kind == "direct"
        or not any(i.start <= c.start and c.end <= i.end + 1 for i in kept_indirect)
    ]
    return kept_marked + _dedupe(kept_indirect)


def _dedupe(cands: list[_Candidate]) -> list[_Candidate]:
    """One indirect quote per content span (a cue verb and its conjunct can both find it)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for c in cands:
        if (c.start, c.end) not in seen:
            seen.add((c.start, c.end))
            out.append(c)
    return out


def _overlap(a: _Candidate, b: _Candidate) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


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
