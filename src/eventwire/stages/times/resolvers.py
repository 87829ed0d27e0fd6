"""Resolvers: from a rule's match to a TIMEX3 value, given the anchor and the story state."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ...lexicon import WordMap, mapping
from .base import (
    _HALF,
    _MONTHS,
    _PART,
    _PARTS,
    _SEASON_OF_MONTH,
    _SEASON_ORDER,
    _SEASONS,
    _WEEKDAY_NAMES,
    _WEEKDAYS,
    Resolver,
    Value,
    _add_months,
    _Ctx,
    _day_of,
    _direction,
    _duration,
    _int_mapping,
    _iso_week,
    _month_value,
    _num,
    _pick_year,
    _ref_day,
    _shift,
    _unit_code,
    _weekday_date,
    _year_of,
)
from .quarters import _quarter_context, _quarter_years_back

__all__ = [
    "_clock_value",
    "_r_ago",
    "_r_century",
    "_r_clock",
    "_r_decade",
    "_r_deictic_day",
    "_r_duration",
    "_r_fiscal",
    "_r_fraction",
    "_r_full_date",
    "_r_half",
    "_r_holiday",
    "_r_in_future",
    "_r_iso_date",
    "_r_month",
    "_r_month_year",
    "_r_past_interval",
    "_r_ref",
    "_r_rel_period",
    "_r_season",
    "_r_set",
    "_r_spoken_year",
    "_r_the_weekend",
    "_r_weekday",
    "_r_year",
]

# --- resolvers ----------------------------------------------------------------------------------

_STEPS = _int_mapping("deictic_step")
_DAY_OFFSETS = _int_mapping("deictic_day_offset")


def _r_full_date(m: re.Match[str], ctx: _Ctx) -> Value:
    month = _MONTHS[m["month"].lower().rstrip(".")]
    day = _day_of(m)
    yrel = m.groupdict().get("yrel")
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return f"XXXX-{month:02d}-{day:02d}", "date"
    elif yrel:
        year = ctx.anchor.year + _STEPS[yrel.lower()]
    else:
        year = _pick_year(ctx.anchor, month, day, ctx.future, not_after=ctx.since)
    if day < 1 or day > calendar.monthrange(year, month)[1]:
        return None, "date"
    return dt.date(year, month, day).isoformat(), "date"


def _r_iso_date(m: re.Match[str], ctx: _Ctx) -> Value:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None, "date"
    return day.isoformat(), "date"


def _r_month_year(m: re.Match[str], ctx: _Ctx) -> Value:
    month = _MONTHS[m["month"].lower().rstrip(".")]
    year = _year_of(m)
    return (_month_value(int(year), month) if year else None), "date"


def _r_month(m: re.Match[str], ctx: _Ctx) -> Value:
    month = _MONTHS[m["month"].lower().rstrip(".")]
    if ctx.anchor is None:
        return f"XXXX-{month:02d}", "date"
    direction = _direction(m["rel"])
    if m["yrel"]:
        step = _STEPS[m["yrel"].lower()]
        return _month_value(ctx.anchor.year + step, month), "date"
    if direction == "last":
        year = ctx.anchor.year if month < ctx.anchor.month else ctx.anchor.year - 1
    elif direction == "next":
        year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    elif direction == "this":
        year = ctx.anchor.year
    else:
        year = _pick_year(ctx.anchor, month, None, ctx.future, not_after=ctx.since)
    return _month_value(year, month), "date"


def _r_year(m: re.Match[str], ctx: _Ctx) -> Value:
    return m["year"], "date"


_DECADE_WORDS = mapping("decade_word")
_CENTURY_WORDS = _int_mapping("century_ordinal")


def _r_decade(m: re.Match[str], ctx: _Ctx) -> Value:
    """TIMEX3 writes a decade with its first three digits: "the 1990s" is 199."""
    if m["dec"]:
        return m["dec"][:3], "date"
    digit = m["short"][0] if m["short"] else _DECADE_WORDS[m["word"].lower()]
    century = "20" if ctx.anchor and ctx.anchor.year >= 2000 and digit in "012" else "19"
    return century + digit, "date"


def _r_century(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the 20th century" is 19 in TIMEX3: the two leading digits of its years."""
    n = int(m["cn"]) if m["cn"] else _CENTURY_WORDS[m["cword"].lower()]
    return f"{n - 1:02d}", "date"


def _r_season(m: re.Match[str], ctx: _Ctx) -> Value:
    season = _SEASONS[m["season"].lower()]
    if _year_of(m):
        return f"{_year_of(m)}-{season}", "date"
    if ctx.anchor is None:
        return f"XXXX-{season}", "date"
    # Seasons run SP, SU, FA, WI within a year; a winter belongs to the year of its December.
    now = (ctx.anchor.year - (1 if ctx.anchor.month < 3 else 0)) * 4
    now += _SEASON_ORDER.index(_SEASON_OF_MONTH[ctx.anchor.month])
    want = _SEASON_ORDER.index(season)
    direction = _direction(m["rel"])
    if direction == "this":
        back = (now - want) % 4
        when = now - back if back <= 1 else now + (want - now) % 4
    elif direction == "next" or (direction == "" and ctx.future):
        when = now + ((want - now) % 4 or (4 if direction == "next" else 0))
    else:
        when = now - ((now - want) % 4 or (4 if direction == "last" else 0))
    return f"{when // 4}-{season}", "date"


def _r_weekday(m: re.Match[str], ctx: _Ctx) -> Value:
    part = _PARTS.get((m["part"] or "").lower())
    kind = "time" if part else "date"
    shared = _SHARED_PLURAL_PART.match(m.string, m.end())
    if shared and not (m["part"] or m["rel"] or m["arel"]):
        # "on Monday and Tuesday nights": the plural part of the day recurs for both days
        return _weekly(m["wday"], shared["part"]), "set"
    if ctx.anchor is None:
        return None, kind
    wday = _WEEKDAYS[m["wday"].lower()]
    if m["arel"]:
        # "the previous Friday" counts back from the day the story is on, not the article date.
        ref = _ref_day(ctx) or ctx.anchor
        day = _weekday_date(ref, wday, _direction(m["arel"]), None)
    else:
        direction = "nearest" if ctx.nearest and not m["rel"] else _direction(m["rel"])
        day = _weekday_date(ctx.anchor, wday, direction, ctx.future)
    return day.isoformat() + (f"T{part}" if part else ""), kind


_SHARED_PLURAL_PART = re.compile(
    rf"\s+(?:and|or)\s+(?-i:{_WEEKDAY_NAMES})\s+{_PART}s\b",
    re.IGNORECASE,
)


def _weekly(wday: str, part: str | None = None) -> str:
    """The set value of a weekday that recurs, at a part of the day when one is given:
    "Tuesdays" XXXX-WXX-2, "Tuesday nights" XXXX-WXX-2TNI."""
    value = f"XXXX-WXX-{_WEEKDAYS[wday.lower()] + 1}"
    return value + f"T{_PARTS[part.lower()]}" if part else value


def _r_deictic_day(m: re.Match[str], ctx: _Ctx) -> Value:
    word = m["deixis"].lower()
    part = _PARTS.get((m["part"] or m["midpart"] or "").lower())
    if ctx.anchor is None:
        return None, "time" if part else "date"
    day = ctx.anchor + dt.timedelta(days=_DAY_OFFSETS[word])
    if word.startswith("this "):
        return f"{day.isoformat()}T{_PARTS[word[5:]]}", "time"
    if word in ("last night", "tonight"):
        # a night is a part of the day, as in "Friday night" or "this evening"
        return f"{day.isoformat()}TNI", "time"
    if part:
        return f"{day.isoformat()}T{part}", "time"
    return day.isoformat(), "date"


def _r_rel_period(m: re.Match[str], ctx: _Ctx) -> Value:
    """this/last/next week|month|year|quarter|weekend, with early/earlier/later modifiers."""
    rel = m["rel"].lower()
    unit = m["period"].lower()
    if ctx.anchor is None:
        return None, "date"
    n = _STEPS[rel.split()[-1]]
    if unit == "weekend":
        return _weekend(ctx.anchor, n, ctx.future), "date"
    if unit in ("decade", "century"):
        # TIMEX3 writes a decade with three digits and a century with two ("this decade": 202)
        digits = 3 if unit == "decade" else 2
        return str(int(str(ctx.anchor.year)[:digits]) + n), "date"
    return _shift(ctx.anchor, n, unit), "date"


def _weekend(anchor: dt.date, n: int, future: bool | None) -> str:
    if n == 0 and anchor.weekday() < 5 and not future:
        n = -1  # "the weekend" read on a weekday in a past-tense report: the one just gone
    return _iso_week(anchor + dt.timedelta(weeks=n)) + "-WE"


def _r_the_weekend(m: re.Match[str], ctx: _Ctx) -> Value:
    if ctx.anchor is None:
        return None, "date"
    return _weekend(ctx.anchor, 0, ctx.future), "date"


def _r_ago(m: re.Match[str], ctx: _Ctx) -> Value:
    n = _num(m["num"])
    unit = m["unit"]
    if ctx.anchor is None:
        return None, "date"
    if n is None:
        return "PAST_REF", "date"
    if _unit_code(unit) == "Y" and m["today"]:
        return _years_back(ctx.anchor, n).isoformat(), "date"
    ref = _day_in_sentence(m, ctx) if _ANAPHORIC.search(m[0]) else None
    if ref is not None:
        # "For the six months ended Aug. 12, net rose from a year earlier": "earlier" counts
        # back from the day the sentence named, where "ago" counts back from the article date.
        code = _unit_code(unit)
        if code == "Y":
            return _years_back(ref, n).isoformat(), "date"
        if code == "D":
            return (ref - dt.timedelta(days=n)).isoformat(), "date"
        return _shift(ref, -n, unit), "date"
    if _unit_code(unit) == "Y" and _quarter_context(ctx):
        return _quarter_years_back(ctx, ctx.anchor, n), "date"
    return _shift(ctx.anchor, -n, unit), "date"


_ANAPHORIC = re.compile(r"(?i)\b(?:earlier|before)\b")
# A sentence ends at a full stop before a capital (or a line break); abbreviations inside the
# stretch ("Ariz. ") only make the test stricter.
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\u201d]*\s+(?=[A-Z\"\u201c])|\n")


def _day_in_sentence(m: re.Match[str], ctx: _Ctx) -> dt.date | None:
    """The day last named by a calendar date, when that was earlier in the match's own
    sentence."""
    day, end = ctx.state.get("day"), ctx.state.get("dated_end")
    if not day or end is None or end > m.start():
        return None
    if _SENTENCE_BREAK.search(m.string, end, m.start() + 1):
        return None
    return dt.date.fromisoformat(day)


def _years_back(anchor: dt.date, n: int) -> dt.date:
    # February 29 minus a year is February 28: the same day count from the month's start.
    year = anchor.year - n
    return dt.date(year, anchor.month, min(anchor.day, calendar.monthrange(year, anchor.month)[1]))


def _r_in_future(m: re.Match[str], ctx: _Ctx) -> Value:
    n = _num(m["num"])
    if ctx.future is False and not m[0].lower().endswith("now"):
        # "has killed 70,000 people in two years": in a past or perfect clause, a stretch
        return _duration(n, m["unit"]), "duration"
    if ctx.anchor is None:
        return None, "date"
    if n is None:
        return "FUTURE_REF", "date"
    return _shift(ctx.anchor, n, m["unit"]), "date"


def _r_half(m: re.Match[str], ctx: _Ctx) -> Value:
    h = 1 if (m["h"] or m["h2"]).lower() in ("first", "1st") else 2
    if m["year"]:
        return f"{m['year']}-H{h}", "date"
    if ctx.anchor is None:
        return f"XXXX-H{h}", "date"
    step = _STEPS.get((m["hrel"] or "this").lower(), 0)
    return f"{ctx.anchor.year + step}-H{h}", "date"


def _r_fiscal(m: re.Match[str], ctx: _Ctx) -> Value:
    return m["year"], "date"


def _r_ref(value: str) -> Resolver:
    def resolver(m: re.Match[str], ctx: _Ctx) -> Value:
        return value, "date"

    return resolver


def _r_duration(m: re.Match[str], ctx: _Ctx) -> Value:
    n = _num(m["num"])
    if n is not None and (_HALF.search(m["num"]) or m.groupdict().get("half")):
        return _half_more(n, m["unit"]), "duration"
    return _duration(n, m["unit"]), "duration"


_FRACTION_OF: WordMap[tuple[int, str]] = WordMap(
    "fraction_unit", lambda lex, n: {k: (int(v[0]), v[1]) for k, v in lex.rows(n).items()}
)


def _r_fraction(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "half a century" (P50Y), "a quarter century" (P25Y), "half an hour" (PT30M): the
    fraction in the next smaller unit, in whole years when it comes to whole years."""
    per, small = _FRACTION_OF[m["funit"].lower()]
    amount = per // (4 if (m["frac2"] or "").lower() == "quarter" else 2)
    if small == "M" and amount % 12 == 0:
        return f"P{amount // 12}Y", "duration"
    if small in ("H", "MIN"):
        return f"PT{amount}{'H' if small == 'H' else 'M'}", "duration"
    return f"P{amount}{small}", "duration"


def _half_more(n: int, unit: str) -> str:
    """ "5 1/2 hours" is PT5H30M: the half goes to the next smaller unit."""
    code = _unit_code(unit)
    if code == "H":
        return f"PT{n}H30M"
    if code == "MIN":
        return f"PT{n}M30S"
    if code == "D":
        return f"P{n}DT12H"
    if code == "W":
        return f"P{7 * n + 3}DT12H"
    months = {"Y": 12, "DE": 120, "CE": 1200, "Q": 3, "M": 1}[code] * (2 * n + 1)
    if months % 2:
        return f"P{months // 2}M15D"
    years, rest = divmod(months // 2, 12)
    return f"P{years}Y" + (f"{rest}M" if rest else "") if years else f"P{rest}M"


def _r_past_interval(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the past two weeks": P2W, or with `intervals` the ISO interval up to the anchor."""
    unit = m["unit"]
    # "the last days of the war": a plural with no count is a stretch of unknown length
    n = _num(m["num"]) if m["num"] else (None if unit.lower().endswith("s") else 1)
    if ctx.anchor is None or n is None or not ctx.state.get("intervals"):
        return _duration(n, unit), "duration"
    code = _unit_code(unit)
    if code in ("D", "W", "H", "MIN"):
        days = {"D": n, "W": 7 * n}.get(code, 0)
        start: str = (ctx.anchor - dt.timedelta(days=days)).isoformat()
        end = ctx.anchor.isoformat()
    elif code in ("M", "Q"):
        day = _add_months(ctx.anchor, -n * (3 if code == "Q" else 1))
        start, end = _month_value(day.year, day.month), ctx.anchor.isoformat()[:7]
    else:
        start, end = _shift(ctx.anchor, -n, unit), str(ctx.anchor.year)
    return f"{start}/{end}", "duration"


def _r_clock(m: re.Match[str], ctx: _Ctx) -> Value:
    clock = _clock_value(m)
    # A time of day with no day beside it belongs to the day last talked about.
    date = ctx.state.get("day") or (ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX")
    return f"{date}T{clock}", "time"


def _clock_value(m: re.Match[str]) -> str:
    if m["noon"]:
        return "24:00" if m["noon"].lower() == "midnight" else "12:00"
    if m["hour24"]:
        return f"{int(m['hour24']):02d}:{m['minute24']}"
    if m["hourp"]:
        hour = (_num(m["hourp"]) or 0) % 12
        half = (m["dayhalf"] or m["dayhalf2"] or "").lower()
        if not half:
            return f"{hour or 12:02d}:00"  # "7 o'clock": which half of the day is not said
        return f"{hour + (0 if half == 'morning' else 12):02d}:00"
    hour = int(m["hour"]) % 12
    if m["ampm"].lower().startswith("p"):
        hour += 12
    return f"{hour:02d}:{m['minute'] or '00'}"


_SET_WORDS = mapping("frequency_adverb")


def _r_set(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "every Friday" -> XXXX-WXX-5; "daily" -> P1D; "every two weeks" -> P2W."""
    if m["every2"]:
        return _SET_WORDS[m["every2"].lower()], "set"
    if m["part_wday"]:
        return _weekly(m["part_wday"], m["pl_part"]), "set"
    if m["wday"] or m["pl_wday"]:
        return _weekly(m["wday"] or m["pl_wday"][:-1]), "set"
    if m["weekend"]:
        return "XXXX-WXX-WE", "set"
    if m["month"]:
        return f"XXXX-{_MONTHS[m['month'].lower()]:02d}", "set"
    if m["sseason"]:
        return f"XXXX-{_SEASONS[m['sseason'].lower()]}", "set"
    if not m["unit"]:
        return None, "set"
    count = (m["num"] or "").lower()
    n = 2 if count == "other" else (_num(count) if count else 1)
    return _duration(n, m["unit"].lower().replace("night", "day")), "set"


_FIXED_HOLIDAYS: WordMap[tuple[int, int]] = WordMap(
    "fixed_holiday", lambda lex, n: {k: (int(v[0]), int(v[1])) for k, v in lex.rows(n).items()}
)
_EASTER_OFFSETS = _int_mapping("easter_offset")


def _r_holiday(m: re.Match[str], ctx: _Ctx) -> Value:
    name = re.sub(r"^last\s+", "", m["holiday"].lower())
    if ctx.anchor is None:
        return None, "date"
    if "thanksgiving" in name:  # US: the fourth Thursday of November
        year = _pick_year(ctx.anchor, 11, 25, ctx.future)
        if m["holiday"].lower().startswith("last") and year >= ctx.anchor.year:
            year = ctx.anchor.year - 1 if (ctx.anchor.month, ctx.anchor.day) < (11, 22) else year
        first = dt.date(year, 11, 1)
        return (first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat(), "date"
    if name == "election day":  # US: the Tuesday after the first Monday of November
        year = _pick_year(ctx.anchor, 11, 5, ctx.future)
        first = dt.date(year, 11, 2)
        return (first + dt.timedelta(days=(1 - first.weekday()) % 7)).isoformat(), "date"
    if "easter" in name or name == "good friday":
        # Moveable feasts: from the Gregorian Easter of the year nearest the anchor.
        easter = _easter(_pick_year(ctx.anchor, 4, 8, ctx.future))
        if name == "easter week":
            return _iso_week(easter), "date"
        shift = _EASTER_OFFSETS.get(name, 0)
        return (easter + dt.timedelta(days=shift)).isoformat(), "date"
    month, day = _FIXED_HOLIDAYS[name]
    return dt.date(_pick_year(ctx.anchor, month, day, ctx.future), month, day).isoformat(), "date"


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the computus's own names
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _r_spoken_year(m: re.Match[str], ctx: _Ctx) -> Value:
    if m["twok"]:
        return "2000", "date"
    tens = _num(m["tens"]) or 0
    return str(1900 + tens), "date"
