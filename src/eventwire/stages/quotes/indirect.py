"""Indirect speech from the parse, and the merge with the quotes in marks.

Speech and cognition verbs with a clausal complement (``said that ...``), speech nouns with a
``that`` clause (``the claim that ...``), ``according to X`` and colon sentences (``X said:
...`` without marks) give indirect quotes. Stance verbs with an actor as active subject give
their object, infinitive or prepositional complement as the claim (``X called for a
ceasefire``, ``X wants to cut taxes``, ``X criticized Y for Z``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...lexicon import words
from .context import (
    _NOBODY,
    _SUBJECT_DEPS,
    _Candidate,
    _Context,
    _np_span,
    _sentence_start,
    _strip_punct,
    _text,
    _Who,
    _word_count,
)
from .marks import _QUOTE_CHARS
from .speaker import _according, _is_cue, _subject, _who

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "SPEECH_NOUNS",
    "STANCE_VERBS",
    "_colon_candidates",
    "_indirect_candidates",
    "_merge",
]


#: Lemmas of verbs of stance, proposal and evaluation: with an actor as subject, their object,
#: infinitive or prepositional complement is an attributed claim (``X called for a ceasefire``,
#: ``X wants to cut taxes``, ``X criticized Y for Z``), as news attribution corpora annotate it.
STANCE_VERBS = words("stance_verb")
#: Verbs whose direct object is the addressee, not the claim (``told reporters``).
_ADDRESSEE_VERBS = words("addressee_verb")
#: Prepositions that introduce a stance verb's claim (``called for``, ``spoke of``).
_CLAIM_PREPS: frozenset[str] = frozenset(("for", "as", "of", "about", "against"))
#: Verbs whose claim follows "to" or "on" (``pointed to``, ``called on X to``).
_TO_ON_VERBS = words("to_on_claim_verb")
#: Nouns that introduce a ``that`` clause as a reported claim.
SPEECH_NOUNS = words("speech_noun")
#: Verbs whose infinitive complement is part of their own claim (``urged X to reject Y``).
_GOVERNING_VERBS = words("stance_verb", "reporting_verb")
_MIN_STANCE_WORDS = 2  # words in the claim of a stance verb
_MAX_COLON_SPEAKER = 4  # tokens of a "Name: ..." headline attribution


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
    closing = _closing_span(cue)
    if closing is not None:
        toks = list(cue.doc[closing[0] : closing[1] + 1])
    start = toks[0].idx
    end = toks[-1].idx + len(toks[-1].text)
    return _strip_punct(_text(cue.doc), start, end)


def _closing_span(cue: Token) -> tuple[int, int] | None:
    """A cue that closes its sentence after several clauses reports all of them, not only the
    first or the last: ``X told police that ..., but the NYPD overruled that request, the
    source added`` (the parse gives the cue both clauses, or joins it to the first clause and
    gives it only the last). Token indices of the first and last word, or None."""
    before = [c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i]
    if not before or any(c.i < before[-1].i for c in cue.children if c.dep_ in _SUBJECT_DEPS):
        return None  # no clause before the cue, or a subject before its clauses
    first, last = before[0].left_edge.i, before[-1].right_edge.i
    if cue.dep_ == "conj" and cue.head.dep_ == "ROOT" and cue.head.i < first:
        first = cue.head.left_edge.i
    elif len(before) == 1:
        return None
    return first, last


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
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _GOVERNING_VERBS:
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
