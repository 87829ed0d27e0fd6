"""The time stage: time expressions in the text, resolved to TIMEX3-style values.

Reads `article` (its `published` date is the anchor), `text` and, when present, `nlp` (the
spaCy parse, used only to tell future-tense sentences from past ones); writes `times`.

The grammar is a set of regular-expression rules (`_RULES`), each with a resolver. All rules
run over the text, overlapping matches are settled longest-first, a time of day next to a day
is merged into it, and each match is resolved against the anchor. Choices (past preferred for
reported events, the article's own weekday means the article date, ...) are in `docs/times.md`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import numpy as np

from ...record import Document, TimeRef
from .accept import _Hit, _merge_clock, _scan
from .base import _DAY_VALUE, Value, _Ctx
from .resolvers import _clock_value
from .tense import _LEAD, _planned_in_past, _sentence_bounds, _tense

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...resources import Resources

__all__ = ["find_times", "resolve", "times_stage"]

# --- public API ---------------------------------------------------------------------------------


def find_times(
    text: str, *, anchor: dt.date | None, doc: Doc | None = None, intervals: bool = False
) -> list[TimeRef]:
    """Every time expression of `text`, resolved against `anchor` (the article date).

    Ids are "T1", "T2", ... in text order. `doc`, the spaCy parse of `text`, sharpens the
    future/past choice; without it a sentence's future markers ("will", "next") decide.
    Values follow TimeML (TIMEX3): "since 2023" tags "2023" with value 2023, "the past two
    weeks" is the duration P2W. `intervals=True` gives ISO intervals ending at the anchor
    instead: "since 2023" (span included) is 2023/<anchor>, "the past two weeks" a day range.
    """
    state: dict[str, Any] = {"intervals": intervals}
    refs: list[TimeRef] = []
    dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"] if doc else []
    superlatives = _superlatives(doc) if doc else []
    hits = _scan(text, dates=dates, superlatives=superlatives)
    for start, end, members in _merge_clock(hits, text):
        future = _tense(text, start, end, doc)
        s, e = _sentence_bounds(text, start, end)
        ctx = _Ctx(anchor=anchor, future=future, sentence=text[s:e], state=state)
        ctx.nearest = doc is not None and _planned_in_past(doc, start, end)
        ctx.since = bool(_SINCE.search(text, max(0, start - 8), start))
        value, kind = _resolve_group(members, ctx)
        span_start, span_end = _trim(text, start, end)
        shifted = _DAY_BEFORE.search(text, max(0, span_start - 20), span_start)
        if shifted and value and _DAY_VALUE.fullmatch(value):
            # "the day before last Tuesday's hearing": one day from the day named.
            step = -1 if shifted["step"].lower() == "before" else 1
            day = dt.date.fromisoformat(value)
            if dt.date.min < day < dt.date.max:  # else the shifted day is off the calendar
                value = (day + dt.timedelta(days=step)).isoformat()
            span_start = shifted.start()
        if refs and value:
            value = _range_end(text, refs[-1], start, value, members)
        _remember(state, text[start:end], value, kind, end=end)
        since = _SINCE.search(text[max(0, start - 8) : span_start])
        if since and kind == "date" and value and "REF" not in value and intervals:
            span_start, kind = span_start - len(since[0]), "duration"
            value = _since(value, anchor)
        refs.append(
            TimeRef(
                id=f"T{len(refs) + 1}",
                text=text[span_start:span_end],
                start=span_start,
                end=span_end,
                value=value,
                anchor=anchor.isoformat() if anchor else None,
                kind=kind,
            )
        )
    return refs


_RANGE_GAP = re.compile(r"\s*(?:to|until|till|through|and|-|\u2013)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)


def _range_end(text: str, first: TimeRef, start: int, value: str, members: list[_Hit]) -> str:
    """ "from Monday to Friday", "between December and March": the end of a range comes after
    its start, so a weekday or a month (day) without a year chosen before it moves forward."""
    if not (
        _RANGE_GAP.fullmatch(text, first.end, start)
        and _RANGE_OPEN.search(text, max(0, first.start - 10), first.start)
        and first.value
        and len(first.value) == len(value)
        and value < first.value
    ):
        return value
    if len(members) != 1:
        return value
    rule, named = members[0].rule, members[0].match.groupdict()
    if any(named.get(g) for g in ("year", "yword", "yrel", "rel", "arel")):
        return value  # "from Monday to last Friday", "from May to December 2023": as written
    if rule == "weekday" and _DAY_VALUE.fullmatch(value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=7)).isoformat()
    if rule in ("full_date", "month") and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
        # the day or month a year on (February 29 has no twin the next year)
        shifted = f"{int(value[:4]) + 1:04d}{value[4:]}"
        return shifted if not shifted.endswith("-02-29") else value
    return value


def _superlatives(doc: Doc) -> list[int]:
    """Where the parser's superlatives ("worst", "most") start, read from its arrays: a Token
    object per word costs more than the rest of the stage's parse lookups."""
    rows = doc.to_array(["TAG", "IDX"])
    wanted = np.isin(rows[:, 0], [doc.vocab.strings["JJS"], doc.vocab.strings["RBS"]])
    return [int(i) for i in rows[wanted, 1]]


def _resolve_group(members: list[_Hit], ctx: _Ctx) -> Value:
    if len(members) == 1:
        return _in_calendar(members[0], ctx)
    day_hit = next(h for h in members if h.rule != "clock")
    clock_hit = next(h for h in members if h.rule == "clock")
    day_value, _ = _in_calendar(day_hit, ctx)
    if day_value is None:
        return None, "time"
    return f"{day_value[:10]}T{_clock_value(clock_hit.match)}", "time"


def _in_calendar(hit: _Hit, ctx: _Ctx) -> Value:
    """The hit's value; none when date arithmetic leaves Python's calendar (years 1-9999):
    "tomorrow" in an article of 9999-12-31 names no date we can write (#19)."""
    try:
        return hit.resolver(hit.match, ctx)
    except OverflowError:
        return None, "date"
    except ValueError as e:
        if "out of range" not in str(e):
            raise
        return None, "date"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and a trailing "'s" from a span (TIMEX3 extents)."""
    lead = _LEAD.match(text[start:end])
    if lead and lead.end() < end - start:
        start += lead.end()
    if text[start:end].endswith("'s"):
        end -= 2
    return start, end


def resolve(
    expression: str, *, anchor: dt.date, future: bool | None = None, intervals: bool = False
) -> tuple[str | None, str]:
    """(value, kind) of one time expression against `anchor`; (None, "date") if none found.

    `future` forces the tense of the sentence (None: no tense known, past is preferred);
    `intervals` as for `find_times`.
    """
    groups = _merge_clock(_scan(expression), expression)
    if not groups:
        return None, "date"
    start, _, members = max(groups, key=lambda g: g[1] - g[0])
    ctx = _Ctx(anchor=anchor, future=future, sentence=expression, state={"intervals": intervals})
    value, kind = _resolve_group(members, ctx)
    if intervals and kind == "date" and _SINCE.search(expression[:start]):
        return _since(value, anchor), "duration"
    return value, kind


_DAY_BEFORE = re.compile(r"(?i)\b(?:the\s+)?day\s+(?P<step>before|after)\s+$")
_MONTH_VALUE = re.compile(r"^\d{4}-\d\d")
_YEAR_IN_TEXT = re.compile(r"(?:1[89]|20)\d\d|(?i:nineteen)")


def _remember(
    state: dict[str, Any], text: str, value: str | None, kind: str, *, end: int = 0
) -> None:
    """Keep the story's reference times: the day, month and explicit year last mentioned, and
    where the last calendar date ("Aug. 12", not "Friday") was written."""
    if not value or kind not in ("date", "time"):
        return
    if _DAY_VALUE.match(value):
        state["day"] = value[:10]
        state["dated_end"] = end if any(c.isdigit() for c in text) else None
    if _MONTH_VALUE.match(value):
        state["month"] = value[:7]
    if value[:4].isdigit() and _YEAR_IN_TEXT.search(text):
        state["year"] = value[:4]


_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def _since(value: str | None, anchor: dt.date | None) -> str | None:
    """ "since 2023": the ISO interval from that point to the anchor."""
    if value is None or anchor is None or "REF" in value:
        return value
    return f"{value}/{anchor.isoformat()}"


def times_stage(doc: Document, *, resources: Resources) -> Document:
    """Fill `doc.times` from `doc.text`, anchored at the article's published date."""
    anchor = _parse_anchor(doc.article.published)
    doc.times = find_times(doc.text, anchor=anchor, doc=doc.nlp)
    return doc


def _parse_anchor(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
