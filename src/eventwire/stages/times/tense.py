"""Tense: does the sentence around a time expression look ahead or back?"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...lexicon import words
from .base import _WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc


__all__ = ["_LEAD", "_planned_in_past", "_sentence_bounds", "_tense"]

# Abbreviations whose full stop does not end a sentence ("Sen. Warren", "Acme Corp. said")
_ABBREVIATIONS = words("dotted_abbreviation")

_FUTURE_WORDS = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|plans? to|planned|scheduled|expected to|due to|"
    r"set to|next|upcoming|to be held|would)\b",
    re.IGNORECASE,
)


# --- tense --------------------------------------------------------------------------------------


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    stop = text.rfind(". ", 0, start)
    while stop >= 0 and not _ends_sentence(text, stop):
        stop = text.rfind(". ", 0, stop)
    left = max(stop, text.rfind("\n", 0, start))
    stop = text.find(". ", end)
    while stop >= 0 and not _ends_sentence(text, stop):
        stop = text.find(". ", stop + 2)
    right_candidates = [i for i in (stop, text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


def _ends_sentence(text: str, stop: int) -> bool:
    """Does the full stop at `stop` (followed by a space) end a sentence? Not before a word in
    lower case ("Conoco Inc. oil company") nor after an abbreviation ("Gen. Powell")."""
    after = stop + 2
    if after < len(text) and text[after].islower():
        return False
    word_start = stop
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return text[word_start:stop].lower() not in _ABBREVIATIONS


def _tense_from_text(text: str, start: int, end: int) -> bool | None:
    s, e = _sentence_bounds(text, start, end)
    before = text[s:start]
    # The clause nearest the expression decides: look back to the last comma or "said".
    clause = re.split(r"[,;]|\bsaid\b|\bsays\b", before)[-1] + text[end:e]
    if _FUTURE_WORDS.search(clause):
        return True
    return None


_PLANNING = frozenset({"plan", "schedule"})


def _tense_from_doc(doc: Doc, start: int, end: int) -> bool | None:
    token = _governing_verb(doc, start, end)
    if token is None:
        return None
    token = _finite_above(token)
    words = [c for c in token.children if c.dep_ in ("aux", "auxpass")] + [token]
    lowers = {w.lower_ for w in words}
    if lowers & {"will", "shall", "'ll", "wo", "ll"}:
        return True
    if "would" in lowers and not lowers & {"have", "'ve"}:
        return True  # "would be paid in January"; "would have" looks back
    if token.lemma_ in _PLANNING and "had" not in lowers:
        return True  # "planned a rally on Saturday", "scheduled a news conference Thursday"
    if token.tag_ == "VBP" and _singular_subject(token):
        # "Weakness hurt the index Friday": a present form needs a plural subject, so after a
        # singular one a verb whose past looks the same ("hurt", "cut", "set") is the past
        return False
    # "is expected Tuesday", "are held Friday": a passive in the present is no past tense
    present_passive = token.tag_ == "VBN" and _present_passive(token)
    if (token.tag_ in ("VBD", "VBN") and not present_passive) or not _PAST_AUX.isdisjoint(lowers):
        return False
    if token.tag_ == "VB" and lowers & {"would", "to"}:
        head = token.head
        if _pluperfect_above(token):
            return False  # "had been scheduled to expire Friday"
        if "to" in lowers and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return True  # "is to resume trading Tuesday"
        if head.lemma_ in _PROSPECTIVE:
            return True
        if "would" in lowers:
            return True
    if token.tag_ in ("VBZ", "VBP", "VBG") and any(c.dep_ == "xcomp" for c in token.children):
        return True if token.lemma_ in ("plan", "expect", "intend", "hope") else None
    scheduled = (token.tag_ in ("VBZ", "VBP") or present_passive) and token.lemma_ not in (
        _STATE_VERBS
    )
    if scheduled and _is_weekday(doc.char_span(start, end, alignment_mode="expand")):
        return True  # the scheduled present: "the leaders meet Monday", "talks resume Tuesday"
    return None


def _singular_subject(token: Any) -> bool:
    """Is the verb's subject one singular noun ("weakness", not "talks" or "Smith and Jones")?"""
    return any(
        c.dep_ == "nsubj"
        and c.tag_ in ("NN", "NNP")
        and not any(g.dep_ == "conj" for g in c.children)
        for c in token.children
    )


_STATE_VERBS = words("report_or_state_verb")
_PAST_AUX = words("past_marker_aux")
_PROSPECTIVE = words("prospective_verb")
_NOT_SIMPLE_PAST = words("not_simple_past_aux")


_NON_FINITE_AUX = frozenset({"VB", "VBG", "TO"})


def _finite_above(token: Any) -> Any:
    """A participle in a non-finite passive ("going to be closed in March", "start getting
    beaten in the spring") has no tense of its own: the verb it complements has."""
    for _ in range(3):
        aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if not (
            token.tag_ == "VBN"
            and token.dep_ in ("xcomp", "ccomp")
            and aux
            and all(c.tag_ in _NON_FINITE_AUX for c in aux)
            and token.head.pos_ in ("VERB", "AUX")
        ):
            break
        token = token.head
    return token


def _present_passive(token: Any) -> bool:
    """Is the participle's passive auxiliary in the present ("is expected", not "was" or
    "has been")?"""
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in aux) and not any(
        c.dep_ == "aux" for c in aux
    )


def _is_weekday(span: Any) -> bool:
    return any(t.lower_ in _WEEKDAYS for t in span)


def _planned_in_past(doc: Doc, start: int, end: int) -> bool:
    """Does the expression hang on a plan reported in the simple past ("planned", not "has
    scheduled" or "is planning")?"""
    token = _governing_verb(doc, start, end)
    if token is None or token.lemma_ not in _PLANNING or token.tag_ not in ("VBD", "VBN"):
        return False
    return not any(c.lower_ in _NOT_SIMPLE_PAST for c in token.children)


def _governing_verb(doc: Doc, start: int, end: int) -> Any:
    """The verb the expression hangs on (climbing at most six heads), or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _governed_by_pluperfect(doc: Doc, start: int, end: int) -> bool:
    """Is the verb the expression hangs on (or one two heads up) in the past perfect?"""
    token = _governing_verb(doc, start, end)
    if token is None:
        return False
    return any(c.lower_ in ("had", "'d") for c in token.children) or _pluperfect_above(token)


def _pluperfect_above(token: Any) -> bool:
    """Is a verb two heads up in the past perfect ("had been due to expire Friday")?"""
    for head in (token.head, token.head.head):
        if any(c.lower_ == "had" for c in head.children):
            return True
    return False


_FUTURE_CUE = re.compile(
    r"\b(?:as soon as|as early as|effective|is to|are to|will be|scheduled for|slated for|"
    r"set for|ahead of(?:\s+the)?)\s+(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)
# Weaker cues: a deadline or a start point is usually ahead ("extended its deadline until
# Tuesday"), unless the clause is in the past perfect ("until Thursday, they had not ...").
_WEAK_FUTURE_CUE = re.compile(
    r"\b(?:until|through|starting|beginning|due|by)\s+(?:on\s+|in\s+)?$", re.IGNORECASE
)


_PLUPERFECT = re.compile(r"\bhad\b|'d\s+(?:been|not)\b", re.IGNORECASE)


def _clause(text: str, start: int, end: int) -> str:
    """The sentence around a span, cut at the nearest semicolon or dash on each side."""
    s, e = _sentence_bounds(text, start, end)
    left = re.split(r"[;]| -- ", text[s:start])[-1]
    right = re.split(r"[;]| -- ", text[end:e])[0]
    return left + text[start:end] + right


def _tense(text: str, start: int, end: int, doc: Doc | None) -> bool | None:
    local = text[max(0, start - 6) : end].lower()
    lead = _LEAD.match(text[start:end])  # a span may start with its preposition ("until 9 a.m.")
    before = text[max(0, start - 24) : start + (lead.end() if lead else 0)]
    if re.search(r"\bnext\b", local) or _FUTURE_CUE.search(before):
        return True
    if text[start:end].endswith("'s"):
        return None  # "Wednesday's ruling": a noun's date, whatever the clause's tense
    by_doc = _tense_from_doc(doc, start, end) if doc is not None else None
    if _WEAK_FUTURE_CUE.search(before):
        # With a parse, only the expression's own verb counts ("The sale, which had been
        # expected, is part of a plan to pay down the loan by February" looks ahead).
        pluperfect = (
            _governed_by_pluperfect(doc, start, end)
            if doc is not None
            else bool(_PLUPERFECT.search(_clause(text, start, end)))
        )
        if not pluperfect:
            return True
    if by_doc is not None:
        return by_doc
    return _tense_from_text(text, start, end)


_LEAD = re.compile(
    r"^(?:(?:on|at|in|into|over|during|through|throughout|for|by|around|about|until|after|before|"
    r"within)\s+)+",
    re.IGNORECASE,
)
