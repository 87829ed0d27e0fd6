"""Quarters of a year and results comparisons: "the third quarter", "the quarter ended
June 30", "a year earlier" in a results story (the same quarter a year back). The quarter a
story reports on is kept in the story state, so later comparisons step back from it."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ...lexicon import lexicon_cache, words
from .base import (
    _DAY,
    _MONTH,
    _MONTHS,
    _ORDINALS,
    Value,
    _add_months,
    _Ctx,
    _pick_year,
    _quarter,
)

__all__ = [
    "_last_quarter",
    "_quarter_context",
    "_quarter_year",
    "_quarter_years_back",
    "_r_quarter",
    "_r_the_quarter",
    "_r_year_earlier_adj",
]


def _r_year_earlier_adj(m: re.Match[str], ctx: _Ctx) -> Value:
    if ctx.anchor is None:
        return None, "date"
    if m["yq"]:
        # "the year-earlier third quarter": that quarter of the year before the one reported
        year = int(ctx.state.get("quarter", str(ctx.anchor.year))[:4])
        return f"{year - 1}-Q{_ORDINALS[m['yq'].lower()]}", "date"
    if _quarter_context(ctx):
        return _quarter_years_back(ctx, ctx.anchor, 1), "date"
    return str(ctx.anchor.year - 1), "date"


def _quarter_years_back(ctx: _Ctx, anchor: dt.date, n: int) -> str:
    """The quarter the story reports on (else the last one over), `n` years back: in a
    results story "a year ago" is the same quarter of the year before."""
    quarter = ctx.state.get("quarter") or _last_quarter(anchor)
    return f"{int(quarter[:4]) - n}{quarter[4:]}"


def _quarter_context(ctx: _Ctx) -> bool:
    """Is this a quarterly-results comparison ("net income fell from a year earlier")?"""
    if _LONGER_PERIOD.search(ctx.sentence):
        return False  # "for the nine months ... a year earlier": the year-to-date, not a quarter
    if re.search(r"\bquarter|\bperiod\b", ctx.sentence, re.I):
        return True
    return "quarter" in ctx.state and bool(_results_words().search(ctx.sentence))


_LONGER_PERIOD = re.compile(
    r"\b(?:nine|six) months\b|\bfirst half\b|\byear to date\b|\b(?:full|fiscal) year\b",
    re.IGNORECASE,
)


@lexicon_cache
def _results_words() -> re.Pattern[str]:
    """Any word that names a period's reported figures ("earnings", "net income")."""
    alternatives = "|".join(map(re.escape, words("results_word")))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


@lexicon_cache
def _reported() -> re.Pattern[str]:
    """Any past-tense verb that tells a period's figures as out ("posted", "rose")."""
    alternatives = "|".join(map(re.escape, words("results_past_verb")))
    return re.compile(rf"\b(?:{alternatives})\b")


def _quarter_year(q: int, anchor: dt.date, *, future: bool | None) -> int:
    """The year of the calendar quarter `q` that starts within nine months before to three
    months after the anchor, or a year on in a future-tense sentence."""
    year = anchor.year
    start = dt.date(year, 3 * q - 2, 1)
    if (start - anchor).days > 92:
        year -= 1
    elif (anchor - start).days > 9 * 31 and future:
        year += 1
    return year


def _last_quarter(anchor: dt.date) -> str:
    day = _add_months(anchor, -3)
    return f"{day.year}-Q{_quarter(day)}"


def _r_quarter(m: re.Match[str], ctx: _Ctx) -> Value:
    q = 4 if m["final"] else _ORDINALS[m["ord"].lower()]
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return f"XXXX-Q{q}", "date"
    else:
        year = _quarter_year(q, ctx.anchor, future=ctx.future)
        if m["rel"] and m["rel"].lower() == "last" and "year" in m["rel2"].lower():
            year = ctx.anchor.year - 1
    value = f"{year}-Q{q}"
    # Only a finished quarter can be the one a results story reports on: "fourth-quarter
    # results are expected" must not make "a year earlier" mean last year's fourth quarter.
    # An earlier quarter named in passing ("after a flat second quarter") does not replace the
    # one being reported on.
    finished = ctx.anchor is None or _add_months(dt.date(year, 3 * q - 2, 1), 3) <= ctx.anchor
    # A fiscal quarter whose results are reported in the past tense is over, whatever the
    # calendar says ("Ralston reported a 47% decline in fourth-quarter earnings", dated Nov 2).
    finished = finished or (
        ctx.future is False
        and bool(_results_words().search(ctx.sentence))
        and bool(_reported().search(ctx.sentence))
    )
    if finished and value >= ctx.state.get("quarter", ""):
        ctx.state["quarter"] = value
    return value, "date"


def _r_the_quarter(m: re.Match[str], ctx: _Ctx) -> Value:
    if ctx.anchor is None:
        return None, "date"
    ended = _QUARTER_ENDED.match(m.string, m.end())
    # A quarter the story already named wins: a fiscal quarter ends in another calendar one.
    if ended and "quarter" not in ctx.state:
        month = _MONTHS[ended["month"].lower().rstrip(".")]
        day = min(int(ended["day"]), calendar.monthrange(ctx.anchor.year, month)[1])
        last = dt.date(_pick_year(ctx.anchor, month, day, False), month, day)
        # A quarter ending on or near a month's end: its middle is six weeks back.
        middle = last - dt.timedelta(days=45)
        value = f"{middle.year}-Q{_quarter(middle)}"
        ctx.state["quarter"] = value
        return value, "date"
    return ctx.state.get("quarter") or _last_quarter(ctx.anchor), "date"


_QUARTER_ENDED = re.compile(rf"\s+(?:ended|ending|that ended)\s+{_MONTH}\s+{_DAY}(?!\d)")
