"""Times resolved from the story's reference time ("that day", "the following year") and
periods named by reference ("the year", "year-end", "the 1988 period")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .base import (
    _DAY_VALUE,
    _MONTHS,
    _ORDINALS,
    _PARTS,
    Value,
    _add_months,
    _Ctx,
    _int_mapping,
    _iso_week,
    _month_value,
    _pick_year,
    _quarter,
    _ref_day,
)
from .quarters import _last_quarter, _quarter_year
from .resolvers import _r_full_date

__all__ = [
    "_r_month_span_quarter",
    "_r_nth_week",
    "_r_ordinal_day",
    "_r_part_of_day",
    "_r_period_end",
    "_r_that_unit",
    "_r_the_year",
    "_r_week_of",
    "_r_year_quarter",
]

# --- anaphora: times named by reference to the story ("that day", "the following year") ------


def _ref_month(ctx: _Ctx) -> tuple[int, int] | None:
    month = ctx.state.get("month")
    if month:
        return int(month[:4]), int(month[5:7])
    day = _ref_day(ctx)
    return (day.year, day.month) if day else None


def _ref_year(ctx: _Ctx) -> int | None:
    year = ctx.state.get("year")
    if year:
        return int(year)
    return ctx.anchor.year if ctx.anchor else None


_STEP = _int_mapping("anaphoric_step")


def _r_that_unit(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "that day", "the next morning", "the following year", "the day before": a step from the
    last date the story mentioned, not from the article date."""
    unit = (m["aunit"] or m["aunit2"]).lower()
    step = _STEP[(m["astep"] or m["astep2"] or "that").lower()]
    part = _PARTS.get(unit)
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        day = _ref_day(ctx)
        if day is None:
            return None, "time" if part else "date"
        value = (day + dt.timedelta(days=step)).isoformat()
        return (f"{value}T{part}", "time") if part else (value, "date")
    if unit == "weekend":
        day = _ref_day(ctx)
        return (_iso_week(day + dt.timedelta(weeks=step)) + "-WE" if day else None), "date"
    if unit == "week":
        day = _ref_day(ctx)
        return (_iso_week(day + dt.timedelta(weeks=step)) if day else None), "date"
    if unit == "month":
        ref = _ref_month(ctx)
        if ref is None:
            return None, "date"
        day = _add_months(dt.date(ref[0], ref[1], 1), step)
        return _month_value(day.year, day.month), "date"
    year = _ref_year(ctx)
    return (str(year + step) if year else None), "date"


def _r_week_of(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the week of March 6": the ISO week holding that day."""
    value, _ = _r_full_date(m, ctx)
    if value is None or not _DAY_VALUE.match(value):
        return value, "date"
    return _iso_week(dt.date.fromisoformat(value)), "date"


_NTH_WEEK_MIDDLE = {"first": 4, "second": 11, "third": 18, "fourth": 25}


def _r_nth_week(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the first week of March": the ISO week holding its fourth day; "the last week of
    October" the one holding the fourth day from the month's end."""
    month = _MONTHS[m["month"].lower().rstrip(".")]
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return None, "date"
    else:
        year = _pick_year(ctx.anchor, month, None, ctx.future, not_after=ctx.since)
    last = calendar.monthrange(year, month)[1]
    day = _NTH_WEEK_MIDDLE.get(m["wnth"].lower(), last - 3)
    return _iso_week(dt.date(year, month, day)), "date"


def _r_month_span_quarter(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the July-September quarter": that calendar quarter, in the year that puts its start
    between nine months before and three months after the anchor, or a year on in a
    future-tense sentence (as for "the third quarter")."""
    q = next(i for i in (1, 2, 3, 4) if m[f"q{i}"])
    if ctx.anchor is None:
        return f"XXXX-Q{q}", "date"
    year = _quarter_year(q, ctx.anchor, future=ctx.future)
    value = f"{year}-Q{q}"
    # a finished quarter is the one a results story reports on, as for "the third quarter"
    if _add_months(dt.date(year, 3 * q - 2, 1), 3) <= ctx.anchor:
        ctx.state["quarter"] = max(value, ctx.state.get("quarter", ""))
    return value, "date"


def _r_the_year(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the year", "the fiscal year": the current year, or a span of one ("the year ended")."""
    if _ENDED.match(m.string, m.end()):
        return "P1Y", "duration"
    if ctx.anchor is None:
        return None, "date"
    return str(ctx.anchor.year - (1 if m["latest"] else 0)), "date"


_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|through)\b", re.IGNORECASE)


def _r_period_end(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "year-end", "the end of the month": the period itself (TimeML puts END in a modifier)."""
    unit = (m["eunit"] or "year").lower()
    if ctx.anchor is None:
        return None, "date"
    if unit == "quarter":
        return ctx.state.get("quarter") or f"{ctx.anchor.year}-Q{_quarter(ctx.anchor)}", "date"
    if unit == "month":
        return _month_value(ctx.anchor.year, ctx.anchor.month), "date"
    if unit == "week":
        return _iso_week(ctx.anchor), "date"
    # Early in a year, or after "since", a year-end talked of without a future is last year's.
    before = m.string[max(0, m.start() - 12) : m.start()]
    past = re.search(r"(?i)\bsince\s+(?:the\s+)?$", before) or (
        ctx.anchor.month <= 2 and not ctx.future
    )
    return str(ctx.anchor.year - (1 if past else 0)), "date"


def _r_year_quarter(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the 1988 second quarter", "the 1988 period": that year's quarter under discussion."""
    year = m["year"]
    if m["ord"]:
        return f"{year}-Q{_ORDINALS[m['ord'].lower()]}", "date"
    quarter = ctx.state.get("quarter") or (_last_quarter(ctx.anchor) if ctx.anchor else None)
    if quarter is None or (m["what"].lower() == "period" and "quarter" not in ctx.state):
        return year, "date"
    return f"{year}{quarter[4:]}", "date"


def _r_part_of_day(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "in the morning", "by mid-afternoon": that part of the day the story is on. "Overnight"
    is the night that ended on it (TIMEX3 dates a night by the evening it starts on)."""
    day = _ref_day(ctx)
    if m["overnight"]:
        return ((day - dt.timedelta(days=1)).isoformat() + "TNI" if day else None), "time"
    part = _PARTS[(m["dpart"] or m["dpart2"]).lower()]
    return (f"{day.isoformat()}T{part}" if day else None), "time"


def _r_ordinal_day(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "its third day", "the fifth straight day": the day the story is on, counted from the
    start of whatever is under way."""
    day = _ref_day(ctx)
    return (day.isoformat() if day else None), "date"
