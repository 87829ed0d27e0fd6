"""The time stage: time expressions in the text, resolved to TIMEX3-style values.

Reads `article` (its `published` date is the anchor), `text` and, when present, `nlp` (the
spaCy parse, used only to tell future-tense sentences from past ones); writes `times`.

The grammar is a set of regular-expression rules (`_RULES`), each with a resolver. All rules
run over the text, overlapping matches are settled longest-first, a time of day next to a day
is merged into it, and each match is resolved against the anchor. Choices (past preferred for
reported events, the article's own weekday means the article date, ...) are in `docs/times.md`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..record import Document, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..resources import Resources

__all__ = ["find_times", "resolve", "times_stage"]

Value = tuple[str | None, str]  # (TIMEX3 value, kind)

# --- lexicon ------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_SMALL: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "couple of": 2, "a couple of": 2, "half a": 0,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_VAGUE = ("a few", "few", "several", "many", "some", "dozens of", "hundreds of")
_ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
_SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
_SEASON_OF_MONTH = {1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                    9: "FA", 10: "FA", 11: "FA", 12: "WI"}  # fmt: skip
_SEASON_ORDER = ("SP", "SU", "FA", "WI")
_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
}  # fmt: skip

# --- regex building blocks ----------------------------------------------------------------------

_B = r"(?<![\w-])"  # left word boundary that also refuses "F-16"-like hyphen compounds
_E = r"(?![\w])"
_MONTH = (
    r"(?P<month>(?-i:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
    r"Oct\.?|Nov\.?|Dec\.?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|"
    r"OCTOBER|NOVEMBER|DECEMBER))"
)
# Bare month names must be spelled out: "Jan" alone is more often a first name.
_MONTH_FULL = (
    r"(?P<month>(?-i:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|"
    r"NOVEMBER|DECEMBER))"
)
_WDAY = (
    r"(?P<wday>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|"
    r"WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY))"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
# A year read out as words, as broadcast transcripts write it ("nineteen ninety-four").
_SPOKEN_TENS = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_YEAR_ANY = rf"(?:{_YEAR}|(?P<yword>nineteen[- ](?:{_SPOKEN_TENS})))"
_UNIT_WORDS = r"days?|weeks?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?|quarters?"
_UNIT = rf"(?P<unit>{_UNIT_WORDS})"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen)"
)
_NUM = (
    rf"(?P<num>\d{{1,3}}(?:\.\d)?(?:\s+1/2)?|{_NUMWORD}(?:\s+and\s+a\s+half)?|a couple of|"
    r"couple of|a few|few|several|many|"
    r"some|dozens of|hundreds of|an|a)"
)
_MOD = r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of)[- ]?\s*)?"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_CLOCK = (
    r"(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)(?!\w)"
    r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)(?=\s*(?:GMT|UTC|local|hours|h\b))"
    r"|(?P<noon>noon|midday|midnight)"
)


# --- resolution context -------------------------------------------------------------------------


@dataclass
class _Ctx:
    """What a resolver may consult: the anchor, the tense around the match, discourse state."""

    anchor: dt.date | None
    future: bool | None
    sentence: str = ""
    # A past-tense plan ("planned a rally on Saturday") may be over or still ahead: the
    # nearer occurrence of a weekday is meant.
    nearest: bool = False
    state: dict[str, Any] = field(default_factory=dict)


Resolver = Callable[[re.Match[str], _Ctx], Value]


# --- small date helpers -------------------------------------------------------------------------


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(day: dt.date, months: int) -> dt.date:
    # Clamp the day of month: a month after January 31 is the end of February.
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


_HALF = re.compile(r"\s+1/2$|\s+and\s+a\s+half$|\.5$")


def _num(text: str | None) -> int | None:
    """The number a numeral or number word means; None for vague ones ("several")."""
    if text is None:
        return 1
    word = _HALF.sub("", text.lower()).strip()
    if word.replace(".", "", 1).isdigit():
        return int(float(word))
    if word in _SMALL:
        return _SMALL[word]
    parts = re.split(r"[- ]", word)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_SMALL.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def _unit_code(unit: str) -> str:
    u = unit.lower().rstrip("s")
    return {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "centurie": "CE",
            "century": "CE", "hour": "H", "minute": "MIN", "quarter": "Q"}[u]  # fmt: skip


def _duration(n: int | None, unit: str) -> str:
    code = _unit_code(unit)
    count = "X" if n is None else str(n)
    if code == "DE":
        return f"P{count if n is None else n * 10}Y"
    if code == "CE":
        return f"P{count if n is None else n * 100}Y"
    if code == "Q":
        return f"P{count if n is None else n * 3}M"
    if code in ("H", "MIN"):
        return f"PT{count}{'H' if code == 'H' else 'M'}"
    return f"P{count}{code}"


def _shift(anchor: dt.date, n: int, unit: str) -> str:
    """The point `n` units from the anchor (negative: back), at the unit's granularity."""
    code = _unit_code(unit)
    if code in ("D", "H", "MIN"):
        delta = n if code == "D" else 0
        return (anchor + dt.timedelta(days=delta)).isoformat()
    if code == "W":
        return _iso_week(anchor + dt.timedelta(weeks=n))
    if code == "M":
        day = _add_months(anchor, n)
        return _month_value(day.year, day.month)
    if code == "Q":
        day = _add_months(anchor, 3 * n)
        return f"{day.year}-Q{_quarter(day)}"
    years = {"Y": 1, "DE": 10, "CE": 100}[code] * n
    return str(anchor.year + years)


def _pick_year(anchor: dt.date, month: int, day: int | None, future: bool | None) -> int:
    """The year that puts month(-day) nearest the anchor, leaning past unless future tense."""
    best_year, best_cost = anchor.year, float("inf")
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            when = dt.date(year, month, min(day, last))
            ahead = (when - anchor).days
        else:
            ahead = (year * 12 + month) - (anchor.year * 12 + anchor.month)
            ahead *= 30
        # Reported events are mostly past: a later date must be much nearer to win, and the
        # reverse for future-tense sentences.
        if future:
            cost = abs(ahead) * (1 if ahead >= 0 else 4)
        elif future is False:
            cost = abs(ahead) * (1 if ahead <= 0 else 4)
        else:
            cost = abs(ahead) * (1 if ahead <= 0 else 2)
        if cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


def _weekday_date(anchor: dt.date, wday: int, direction: str, future: bool | None) -> dt.date:
    """Which date a weekday name means: the article's own weekday is the article date."""
    back = (anchor.weekday() - wday) % 7
    ahead = (wday - anchor.weekday()) % 7
    if direction == "last":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if direction == "this":
        return anchor + dt.timedelta(days=wday - anchor.weekday())
    if direction == "nearest":
        return anchor + dt.timedelta(days=ahead if ahead < back else -back)
    if future:
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def _direction(word: str | None) -> str:
    w = (word or "").lower()
    if w in ("last", "past", "previous", "preceding"):
        return "last"
    if w in ("next", "coming", "following"):
        return "next"
    if w == "this":
        return "this"
    return ""


def _year_of(m: re.Match[str]) -> str | None:
    """The year a match names, in digits, whether written "1994" or "nineteen ninety-four"."""
    groups = m.groupdict()
    if groups.get("yword"):
        return str(1900 + (_num(re.sub(r"(?i)^nineteen[- ]", "", groups["yword"])) or 0))
    return groups.get("year")


# --- resolvers ----------------------------------------------------------------------------------


def _r_full_date(m: re.Match[str], ctx: _Ctx) -> Value:
    month = _MONTHS[m["month"].lower().rstrip(".")]
    day = int(m["day"])
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return f"XXXX-{month:02d}-{day:02d}", "date"
    else:
        year = _pick_year(ctx.anchor, month, day, ctx.future)
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
        step = {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
        return _month_value(ctx.anchor.year + step, month), "date"
    if direction == "last":
        year = ctx.anchor.year if month < ctx.anchor.month else ctx.anchor.year - 1
    elif direction == "next":
        year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    elif direction == "this":
        year = ctx.anchor.year
    else:
        year = _pick_year(ctx.anchor, month, None, ctx.future)
    return _month_value(year, month), "date"


def _r_year(m: re.Match[str], ctx: _Ctx) -> Value:
    return m["year"], "date"


_DECADE_WORDS: dict[str, str] = {
    "twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6",
    "seventies": "7", "eighties": "8", "nineties": "9",
}  # fmt: skip
_CENTURY_WORDS: dict[str, int] = {
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip


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


def _r_deictic_day(m: re.Match[str], ctx: _Ctx) -> Value:
    word = m["deixis"].lower()
    part = _PARTS.get((m["part"] or m["midpart"] or "").lower())
    if ctx.anchor is None:
        return None, "time" if part else "date"
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}
    offset |= {"this morning": 0, "this afternoon": 0, "this evening": 0}
    day = ctx.anchor + dt.timedelta(days=offset[word])
    if word.startswith("this "):
        return f"{day.isoformat()}T{_PARTS[word[5:]]}", "time"
    if part:
        return f"{day.isoformat()}T{part}", "time"
    return day.isoformat(), "date"


def _r_rel_period(m: re.Match[str], ctx: _Ctx) -> Value:
    """this/last/next week|month|year|quarter|weekend, with early/earlier/later modifiers."""
    rel = m["rel"].lower()
    unit = m["period"].lower()
    if ctx.anchor is None:
        return None, "date"
    step = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1}
    step |= {"coming": 1}
    n = step[rel.split()[-1]]
    if unit == "weekend":
        return _weekend(ctx.anchor, n, ctx.future), "date"
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
    if _unit_code(unit) == "Y" and _quarter_context(ctx):
        quarter = ctx.state.get("quarter") or _last_quarter(ctx.anchor)
        return f"{int(quarter[:4]) - n}{quarter[4:]}", "date"
    return _shift(ctx.anchor, -n, unit), "date"


def _years_back(anchor: dt.date, n: int) -> dt.date:
    # February 29 minus a year is February 28: the same day count from the month's start.
    year = anchor.year - n
    return dt.date(year, anchor.month, min(anchor.day, calendar.monthrange(year, anchor.month)[1]))


def _r_in_future(m: re.Match[str], ctx: _Ctx) -> Value:
    n = _num(m["num"])
    if ctx.anchor is None:
        return None, "date"
    if n is None:
        return "FUTURE_REF", "date"
    return _shift(ctx.anchor, n, m["unit"]), "date"


def _r_year_earlier_adj(m: re.Match[str], ctx: _Ctx) -> Value:
    if ctx.anchor is None:
        return None, "date"
    if _quarter_context(ctx):
        quarter = ctx.state.get("quarter") or _last_quarter(ctx.anchor)
        return f"{int(quarter[:4]) - 1}{quarter[4:]}", "date"
    return str(ctx.anchor.year - 1), "date"


def _quarter_context(ctx: _Ctx) -> bool:
    """Is this a quarterly-results comparison ("net income fell from a year earlier")?"""
    if _LONGER_PERIOD.search(ctx.sentence):
        return False  # "for the nine months ... a year earlier": the year-to-date, not a quarter
    if re.search(r"\bquarter|\bperiod\b", ctx.sentence, re.I):
        return True
    return "quarter" in ctx.state and bool(_RESULTS_WORDS.search(ctx.sentence))


_LONGER_PERIOD = re.compile(
    r"\b(?:nine|six) months\b|\bfirst half\b|\byear to date\b|\b(?:full|fiscal) year\b",
    re.IGNORECASE,
)
_RESULTS_WORDS = re.compile(
    r"\b(?:earnings|profits?|net income|net loss|revenues?|sales|per share|operating income|"
    r"net|loss)\b",
    re.IGNORECASE,
)


_REPORTED = re.compile(r"\b(?:reported|posted|had|earned|said|rose|fell|declined|dropped)\b")


def _last_quarter(anchor: dt.date) -> str:
    day = _add_months(anchor, -3)
    return f"{day.year}-Q{_quarter(day)}"


def _r_quarter(m: re.Match[str], ctx: _Ctx) -> Value:
    q = _ORDINALS[m["ord"].lower()]
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return f"XXXX-Q{q}", "date"
    else:
        # The quarter that starts within nine months before to three months after the anchor.
        year = ctx.anchor.year
        start = dt.date(year, 3 * q - 2, 1)
        if (start - ctx.anchor).days > 92:
            year -= 1
        elif (ctx.anchor - start).days > 9 * 31 and ctx.future:
            year += 1
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
        and bool(_RESULTS_WORDS.search(ctx.sentence))
        and bool(_REPORTED.search(ctx.sentence))
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


def _r_half(m: re.Match[str], ctx: _Ctx) -> Value:
    h = 1 if (m["h"] or m["h2"]).lower() in ("first", "1st") else 2
    if m["year"]:
        return f"{m['year']}-H{h}", "date"
    if ctx.anchor is None:
        return f"XXXX-H{h}", "date"
    step = {"this": 0, "last": -1, "next": 1}.get((m["hrel"] or "this").lower(), 0)
    return f"{ctx.anchor.year + step}-H{h}", "date"


def _r_fiscal(m: re.Match[str], ctx: _Ctx) -> Value:
    return m["year"], "date"


def _r_ref(value: str) -> Resolver:
    def resolver(m: re.Match[str], ctx: _Ctx) -> Value:
        return value, "date"

    return resolver


def _r_duration(m: re.Match[str], ctx: _Ctx) -> Value:
    n = _num(m["num"])
    if n is not None and (_HALF.search(m["num"]) or m["half"]):
        return _half_more(n, m["unit"]), "duration"
    return _duration(n, m["unit"]), "duration"


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


def _r_vague_duration(m: re.Match[str], ctx: _Ctx) -> Value:
    return _duration(None, m["unit"]), "duration"


def _r_past_interval(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the past two weeks": P2W, or with `intervals` the ISO interval up to the anchor."""
    n = _num(m["num"]) if m["num"] else 1
    unit = m["unit"]
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
    hour = int(m["hour"]) % 12
    if m["ampm"].lower().startswith("p"):
        hour += 12
    return f"{hour:02d}:{m['minute'] or '00'}"


_SET_WORDS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "nightly": "P1D", "hourly": "PT1H",
}  # fmt: skip


def _r_set(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "every Friday" -> XXXX-WXX-5; "daily" -> P1D; "every two weeks" -> P2W."""
    if m["every2"]:
        return _SET_WORDS[m["every2"].lower()], "set"
    if m["wday"]:
        return f"XXXX-WXX-{_WEEKDAYS[m['wday'].lower()] + 1}", "set"
    if m["month"]:
        return f"XXXX-{_MONTHS[m['month'].lower()]:02d}", "set"
    if not m["unit"]:
        return None, "set"
    count = (m["num"] or "").lower()
    n = 2 if count == "other" else (_num(count) if count else 1)
    return _duration(n, m["unit"].lower().replace("night", "day")), "set"


_FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
}  # fmt: skip


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
    month, day = _FIXED_HOLIDAYS[name]
    return dt.date(_pick_year(ctx.anchor, month, day, ctx.future), month, day).isoformat(), "date"


def _r_spoken_year(m: re.Match[str], ctx: _Ctx) -> Value:
    if m["twok"]:
        return "2000", "date"
    tens = _num(m["tens"]) or 0
    return str(1900 + tens), "date"


# --- anaphora: times named by reference to the story ("that day", "the following year") ------


def _ref_day(ctx: _Ctx) -> dt.date | None:
    """The day the story last talked about (TempEval's reference time), else the anchor."""
    day = ctx.state.get("day")
    return dt.date.fromisoformat(day) if day else ctx.anchor


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


_STEP: dict[str, int] = {
    "following": 1, "next": 1, "after": 1, "later": 1, "previous": -1, "before": -1,
    "earlier": -1, "prior": -1, "same": 0, "that": 0,
}  # fmt: skip


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


def _r_the_year(m: re.Match[str], ctx: _Ctx) -> Value:
    """ "the year", "the fiscal year": the current year, or a span of one ("the year ended")."""
    if _ENDED.match(m.string, m.end()):
        return "P1Y", "duration"
    if ctx.anchor is None:
        return None, "date"
    return str(ctx.anchor.year), "date"


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


# --- the grammar --------------------------------------------------------------------------------

# "ten days before." looks back from the story's time; "ten days before the shooting" is
# anchored on an event the grammar cannot date, so it stays a duration.
_ADVERBIAL = r"(?=\s*(?:[.,;:!?)]|$))"
_REL = r"(?:(?P<rel>last|next|this|past|previous|coming|current)\s+)"

_RULES: list[tuple[str, str, Resolver]] = [
    (
        "full_date",
        rf"{_B}(?:{_WDAY},?\s+)?{_MOD}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_E}(?!\s*(?:%|-\d|:\d))",
        _r_full_date,
    ),
    (
        "day_month",
        rf"{_B}(?:{_WDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?{_E}",
        _r_full_date,
    ),
    (
        "iso_date",
        r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])",
        _r_iso_date,
    ),
    (
        "us_date",
        r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])",
        _r_iso_date,
    ),
    (
        "second_day",
        rf"{_B}{_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?\s+(?:and|or)\s+{_DAY}(?:,?\s+{_YEAR})?{_E}"
        rf"(?!\s*(?:%|-\d|:\d))",
        _r_full_date,
    ),
    ("month_year", rf"{_B}{_MOD}{_MONTH},?\s+(?:of\s+)?{_YEAR_ANY}{_E}", _r_month_year),
    (
        "month",
        rf"{_B}{_MOD}{_REL}?{_MONTH_FULL}{_E}(?!\.?\s*\d)"
        rf"(?:\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year{_E})?",
        _r_month,
    ),
    ("year", rf"(?<![\w$#.,/:-]){_MOD}{_YEAR}(?![\w%-]|[.,:/]\d)", _r_year),
    (
        "decade",
        r"(?<![\w-])(?:the\s+)?(?:early|late|mid)?-?\s*(?:(?P<dec>(?:1[89]|20)\d0)'?s\b"
        r"|['\u2019](?P<short>\d0)s\b)"
        r"|(?<![\w-])the\s+(?:early\s+|late\s+|mid-)?(?P<word>twenties|thirties|forties|fifties|"
        r"sixties|seventies|eighties|nineties)\b",
        _r_decade,
    ),
    (
        "century",
        r"(?<![\w-])(?:the\s+)?(?:early\s+|late\s+|mid-)?(?:(?P<cn>1\d|2[01])(?:st|nd|rd|th)|"
        r"(?P<cword>eighteenth|nineteenth|twentieth|twenty-first))[- ]century\b",
        _r_century,
    ),
    (
        "season",
        rf"{_B}{_MOD}{_REL}?(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{_YEAR_ANY})?{_E}",
        _r_season,
    ),
    (
        "weekday",
        rf"{_B}(?:(?:early|late)\s+)?(?:{_REL}|the\s+(?P<arel>previous|preceding|following)\s+)?"
        rf"{_WDAY}(?:'s)?(?:\s+{_PART})?{_E}",
        _r_weekday,
    ),
    (
        "deictic_day",
        rf"{_B}(?:(?:early|late|later|earlier)\s+|(?:at\s+)?mid[- ]?(?P<midpart>morning|afternoon)"
        rf"\s+)?(?P<deixis>today|tonight|yesterday|tomorrow|"
        rf"last night|this morning|this afternoon|this evening)(?:'s)?(?:\s+{_PART})?{_E}",
        _r_deictic_day,
    ),
    (
        "rel_period",
        rf"{_B}(?:(?:early|earlier|late|later|mid)[- ]?\s*)?(?:the\s+)?(?P<rel>this|last|next|"
        rf"previous|current|coming)\s+(?P<period>week|month|year|quarter|weekend|decade|"
        rf"century){_E}(?!\s*'s\s+(?:first|second|third|fourth))",
        _r_rel_period,
    ),
    ("the_weekend", rf"{_B}the\s+weekend{_E}", _r_the_weekend),
    (
        "ago",
        rf"{_B}(?:(?:about|nearly|almost|more than|less than|some|over|roughly|just|only)\s+)?"
        rf"{_NUM}\s+{_UNIT}\s+(?:ago|earlier|before{_ADVERBIAL})(?P<today>\s+today)?{_E}",
        _r_ago,
    ),
    (
        "in_future",
        rf"{_B}in\s+{_NUM}\s+{_UNIT}(?:'\s*time)?{_E}(?=\s*$|\s*[.,;])",
        _r_in_future,
    ),
    ("from_now", rf"{_B}{_NUM}\s+{_UNIT}\s+from\s+now{_E}", _r_in_future),
    (
        "year_earlier_adj",
        rf"{_B}(?:the\s+)?(?:a\s+)?year[- ](?:earlier|ago)(?:\s+(?:quarter|period))?{_E}"
        rf"|{_B}(?:the\s+)?(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:of\s+)?"
        rf"(?:last|a)\s+year(?:\s+(?:earlier|ago))?{_E}|{_B}last\s+year's\s+(?:quarter|period){_E}",
        _r_year_earlier_adj,
    ),
    (
        "quarter",
        rf"{_B}(?:(?:the|its|their)\s+)?(?:(?P<rel>last|this)\s+(?P<rel2>year's|year)\s+)?"
        rf"(?:fiscal\s+)?(?P<ord>first|second|third|fourth)[- ](?:fiscal[- ])?quarter"
        rf"(?:\s+of\s+(?:fiscal\s+)?{_YEAR})?{_E}",
        _r_quarter,
    ),
    (
        "the_quarter",
        rf"{_B}the\s+(?:latest\s+|most recent\s+|current\s+|recent\s+)?(?:fiscal\s+)?quarter{_E}"
        rf"|{_B}the\s+latest\s+period{_E}",
        _r_the_quarter,
    ),
    (
        "half",
        rf"{_B}the\s+(?:(?P<h>first|second|1st|2nd|last|latter)\s+half"
        rf"|(?P<h2>first|last)\s+two\s+quarters(?=\s+of\s+\d))"
        rf"(?:\s+of\s+(?:{_YEAR}|(?P<hrel>this|last|next)\s+year))?{_E}(?!\s+of\b)",
        _r_half,
    ),
    ("fiscal", rf"{_B}fiscal\s+(?:year\s+)?{_YEAR}{_E}", _r_fiscal),
    (
        "future_ref",
        rf"{_B}(?:in\s+)?(?:the\s+)?(?:coming|coming\s+few)\s+(?:days|weeks|months|years)"
        rf"{_E}|{_B}(?:in\s+)?the\s+(?:near\s+|distant\s+)?future{_E}"
        rf"|{_B}as soon as possible{_E}",
        _r_ref("FUTURE_REF"),
    ),
    (
        "past_ref",
        rf"{_B}(?:recently|lately){_E}"
        rf"|{_B}(?:in\s+)?recent\s+times{_E}"
        rf"|{_B}(?:in\s+)?the\s+(?:recent\s+)?past{_E}(?!\s+(?:{_NUMWORD}|\d|few|several|week|"
        rf"month|year|decade|day))|{_B}recent(?=\s+(?:history|decades))",
        _r_ref("PAST_REF"),
    ),
    (
        "present_ref",
        rf"{_B}(?:now|currently|nowadays|at present|at the moment|these days){_E}"
        rf"(?!\s+that\b)|{_B}(?-i:current)(?=\s+(?!account|assets|liabilit|affairs|events|"
        rf"prices|dollars|issue|year|quarter|month|week|period)[a-z])",
        _r_ref("PRESENT_REF"),
    ),
    (
        "past_interval",
        rf"{_B}(?:over\s+|in\s+|during\s+|for\s+)?the\s+(?:past|last|previous)\s+"
        rf"(?:{_NUM}\s+)?{_UNIT}{_E}",
        _r_past_interval,
    ),
    (
        "duration",
        rf"{_B}(?:(?:about|nearly|almost|more than|less than|at least|over|roughly|some|another|"
        rf"the\s+(?:first|next|last|final))\s+)?(?:the\s+)?{_NUM}(?:\s+more)?[- ]{_UNIT}"
        rf"(?P<half>\s+and\s+a\s+half)?(?:[- ]long|[- ]old)?{_E}"
        rf"(?!\s+(?:ago|earlier|before{_ADVERBIAL}|from now))",
        _r_duration,
    ),
    (
        "vague_duration",
        rf"{_B}(?:for|over|during)\s+(?:the\s+)?(?P<unit>days|weeks|months|years|"
        rf"decades|centuries){_E}|{_B}(?P<unit2>decades)-long{_E}"
        rf"|{_B}(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:most\s+)?recent\s+"
        rf"(?P<unit3>days|weeks|months|years|decades|quarters){_E}",
        lambda m, ctx: (_duration(None, m["unit"] or m["unit2"] or m["unit3"]), "duration"),
    ),
    (
        "clock",
        rf"{_B}(?:(?:at|around|about|by|after|before|until)\s+)?(?:{_CLOCK})"
        rf"(?:\s+(?:local time|GMT|UTC|EST|EDT|ET))?",
        _r_clock,
    ),
    (
        "set",
        rf"{_B}(?:(?P<every>every|each|per|a)\s+(?:(?P<num>{_NUMWORD}|\d+|other)\s+)?"
        rf"(?:{_WDAY}|{_MONTH_FULL}|(?P<unit>day|week|month|year|hour|night)s?)"
        rf"|(?P<every2>daily|weekly|monthly|annually|yearly|nightly|hourly)){_E}",
        _r_set,
    ),
    (
        "spoken_year",
        rf"{_B}(?:the\s+year\s+)?(?:nineteen[- ](?P<tens>(?:twenty|thirty|forty|fifty|sixty|"
        rf"seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|"
        rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|"
        rf"(?P<twok>(?<=year\s)two thousand)){_E}",
        _r_spoken_year,
    ),
    (
        "week_of",
        rf"{_B}the\s+week\s+of\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_E}",
        _r_week_of,
    ),
    (
        "that_unit",
        rf"{_B}(?:(?:earlier|later)\s+(?:in\s+)?)?(?:(?:that|the)\s+(?:same|very)\s+|that\s+"
        rf"|the\s+(?P<astep>following|next|previous|prior)\s+)"
        rf"(?P<aunit>day|morning|afternoon|evening|night|week|month|year){_E}(?!\s*'s)"
        rf"|{_B}the\s+(?P<aunit2>day)\s+(?P<astep2>before|after)(?=\s*[.,;:]|\s*$)",
        _r_that_unit,
    ),
    (
        "the_year",
        rf"{_B}(?:(?:earlier|later)\s+in\s+)?the\s+(?:(?:full|current|calendar|whole|entire)\s+)?"
        rf"(?:fiscal\s+)?year{_E}(?![- ](?:(?:earlier|ago|end|old|before|after)\b|\d))",
        _r_the_year,
    ),
    (
        "period_end",
        rf"{_B}(?:the\s+)?year(?:[- ]end|'s\s+end){_E}(?![- ]\w)"
        rf"|{_B}the\s+end\s+of\s+(?:the|this)\s+(?P<eunit>year|month|week|quarter){_E}",
        _r_period_end,
    ),
    (
        "year_quarter",
        rf"{_B}the\s+{_YEAR}\s+(?:(?P<ord>first|second|third|fourth)[- ])?(?:fiscal\s+)?"
        rf"(?P<what>quarter|period){_E}",
        _r_year_quarter,
    ),
    (
        "holiday",
        rf"{_B}(?P<holiday>(?:last\s+)?(?-i:Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|"
        rf"Independence Day|Election Day|Thanksgiving(?: Day)?)){_E}",
        _r_holiday,
    ),
]  # fmt: skip


_COMPILED: list[tuple[str, re.Pattern[str], Resolver]] = [
    (name, re.compile(pattern, re.IGNORECASE), resolver) for name, pattern, resolver in _RULES
]
_MERGE_GAP = re.compile(r"^(?:,?\s+(?:on\s+|at\s+|of\s+)?|\s*,\s*)$", re.IGNORECASE)
_FUTURE_WORDS = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|plans? to|planned|scheduled|expected to|due to|"
    r"set to|next|upcoming|to be held|would)\b",
    re.IGNORECASE,
)


# --- matching -----------------------------------------------------------------------------------


@dataclass
class _Hit:
    start: int
    end: int
    rule: str
    match: re.Match[str]
    resolver: Resolver


def _scan(text: str) -> list[_Hit]:
    """All rule matches, overlaps settled longest first (then leftmost)."""
    hits = [
        # "April 24 and 25": the rule reads the month from the first day; the hit is the second.
        _Hit(m.start("day") if name == "second_day" else m.start(), m.end(), name, m, resolver)
        for name, pattern, resolver in _COMPILED
        for m in pattern.finditer(text)
        if m.end() > m.start()
    ]
    hits = [h for h in hits if _acceptable(h, text)]
    # Equal spans: a frequency ("twice a week") beats a duration.
    hits.sort(key=lambda h: (-(h.end - h.start), h.start, h.rule != "set"))
    chosen: list[_Hit] = []
    for hit in hits:
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    chosen.sort(key=lambda h: h.start)
    return chosen


_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|of|during|until|till|from|before|after|through|to|between|and|or|"
    r"fiscal|end|year|than|for|around|about|spring|summer|fall|autumn|winter|early|late|mid|"
    r"the|'s|a|its|his|her|their|that|this|both|due)|[(,;]|^)\s*$",
    re.IGNORECASE,
)
_NOT_YEAR_BEFORE = re.compile(
    r"\b(?:resolution|no\.?|number|flight|route|article|chapter|page|section|room|highway|"
    r"bill|model|version|code|unit|battalion|brigade|division)\s*$",
    re.IGNORECASE,
)


def _year_context(hit: _Hit, text: str) -> bool:
    """A bare four-digit number is a year after a temporal word or before punctuation."""
    before = text[max(0, hit.start - 24) : hit.start]
    if _NOT_YEAR_BEFORE.search(before):
        return False
    after = text[hit.end : hit.end + 20]
    if re.match(r"\s+[a-z]", after) and not re.match(r"\s+(?:and|or|to|through)\b", after):
        return bool(_YEAR_BEFORE.search(before)) and not re.match(r"\s*-?[a-z]+s\b", after)
    return bool(_YEAR_BEFORE.search(before)) or bool(re.match(r"\s*(?:[.,;:)!?'\n]|$)", after))


# Rules whose key word is a common noun: capitalised mid-sentence it is part of a name
# ("ABC's This Week", "60 Minutes", "the film High Noon", "This is VOA Today").
_COMMON_NOUN_RULES = frozenset(
    {"rel_period", "duration", "clock", "deictic_day", "the_weekend", "the_year", "that_unit",
     "past_interval", "vague_duration", "ago", "future_ref", "past_ref", "present_ref"}
)  # fmt: skip
_QUOTES = "\"'`\u201c\u201d\u2018\u2019"


def _is_title(hit: _Hit, text: str) -> bool:
    """Is a common-noun time word written as part of a title or name?"""
    last = re.findall(r"[A-Za-z]+", hit.match[0])
    if not last or not last[-1][0].isupper() or last[-1].isupper():
        return False
    before = text[: hit.start].rstrip(" \t" + _QUOTES)
    if not before or before[-1] in ".!?:;\n(-_":
        return False
    # A headline in title case ("Talks To Resume Next Week") capitalises every word.
    end = text.find("\n", hit.end)
    line = text[text.rfind("\n", 0, hit.start) + 1 : end if end >= 0 else len(text)]
    words = re.findall(r"[A-Za-z]{4,}", line)
    return not (len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words))


# "the annual March for Life": a march, not the month.
_MARCH_NOUN = re.compile(r"\s+(?:for|of\s+the|on|against)\b")
_MONTH_CUE = re.compile(
    r"(?i)\b(?:in|since|by|until|from|early|late|mid|through|to|of|during|last|this|next|"
    r"before|after|between|and|or)\s+$"
)


# "today's youth", "in today's world": the present era in general, not the article's day.
_GENERIC_TODAY = re.compile(
    r"(?i)(?:today|tomorrow)'s\s+(?:[a-z]+\s+)?(?:world|youth|society|generations?|children|kids|"
    r"young|families|economy|culture|politics|technology|computers|standards|consumers|"
    r"workers|women|men|people)\b"
)


def _acceptable(hit: _Hit, text: str) -> bool:
    m = hit.match
    if hit.rule == "deictic_day" and _GENERIC_TODAY.match(text, hit.start):
        return False
    if hit.rule in _COMMON_NOUN_RULES and _is_title(hit, text):
        return False
    if hit.rule == "clock" and re.search(
        r"(?i)\bhigh\s+$", text[max(0, hit.start - 6) : hit.start]
    ):
        return False  # "high noon" is an idiom
    if (
        hit.rule == "month"
        and m["month"] == "March"
        and not (m["rel"] or m["yrel"])
        and _MARCH_NOUN.match(text, hit.end)
        and not _MONTH_CUE.search(text[max(0, hit.start - 12) : hit.start])
    ):
        return False
    if hit.rule == "season" and not (m["rel"] or _year_of(m)):
        # "fall" and "spring" are common words: a bare season needs "in", "the" or a modifier.
        before = text[max(0, hit.start - 12) : hit.start]
        after = text[hit.end : hit.end + 4]
        cue = re.search(r"(?i)\b(?:in|the|during|by|until|since|early|late|this|last)\s+$", before)
        return (bool(cue) and not re.match(r"\s+of\b", after)) or bool(
            re.match(r"(?i)(?:early|late|mid)", m[0])
        )
    if hit.rule == "year":
        return _year_context(hit, text)
    if hit.rule == "set" and m["every"] and m["every"].lower() == "a":
        # "a day" counts as a set only after a frequency ("twice a day", "$5 a day").
        before = text[max(0, hit.start - 12) : hit.start].lower()
        return bool(re.search(r"(?:once|twice|times|\d|dollars|cents)\s*$", before))
    if hit.rule == "present_ref" and m.group(0).lower() == "now":
        # "now" after "until"/"by"/"from" is still the present; "now that" is excluded above.
        return True
    if hit.rule == "duration" and re.search(r"(?i)[- ]old$", m[0]):
        return False  # an age ("a 6-year-old boy") is not a time
    quarter = hit.rule == "duration" and m["unit"].lower().startswith("quarter")
    if quarter and re.match(r"\s+of\b", text[hit.end : hit.end + 4]):
        return False  # "three-quarters of its food" is a fraction
    if hit.rule == "duration" and m["num"] and m["num"].lower() in ("a", "an", "some", "many"):
        # "a day" on its own is rarely a duration worth a tag ("a day after", "day after day").
        return bool(m["half"]) or bool(
            re.match(r"(?i)(?:the\s+)?(?:an?|some)[- ](?:week|month|year|decade)", m[0])
            or _MEASURED.match(m[0])
        )
    return True


# "over an hour", "nearly a day": a measured amount, unlike a bare "a day after".
_MEASURED = re.compile(
    r"(?i)(?:about|nearly|almost|more than|less than|at least|over|roughly|just over)\s+an?\s"
)


def _merge_clock(hits: list[_Hit], text: str) -> list[tuple[int, int, list[_Hit]]]:
    """Group a day and an adjacent time of day ("Saturday at 3 p.m.") into one expression."""
    groups: list[tuple[int, int, list[_Hit]]] = []
    for hit in hits:
        if groups:
            start, _, members = groups[-1]
            prev = members[-1]
            pair = {prev.rule, hit.rule}
            day_rules = {"weekday", "deictic_day", "full_date", "day_month", "iso_date", "us_date"}
            if (
                len(members) == 1
                and "clock" in pair
                and pair & day_rules
                and _MERGE_GAP.match(text[prev.end : hit.start])
            ):
                groups[-1] = (start, hit.end, [*members, hit])
                continue
        groups.append((hit.start, hit.end, [hit]))
    return groups


# --- tense --------------------------------------------------------------------------------------


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


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
    words = [c for c in token.children if c.dep_ in ("aux", "auxpass")] + [token]
    lowers = {w.lower_ for w in words}
    if lowers & {"will", "shall", "'ll", "wo", "ll"}:
        return True
    if "would" in lowers and not lowers & {"have", "'ve"}:
        return True  # "would be paid in January"; "would have" looks back
    if token.lemma_ in _PLANNING and "had" not in lowers:
        return True  # "planned a rally on Saturday", "scheduled a news conference Thursday"
    if token.tag_ in ("VBD", "VBN") or lowers & {"did", "had", "has", "have", "was", "were"}:
        return False
    if token.tag_ == "VB" and lowers & {"would", "to"}:
        head = token.head
        if _pluperfect_above(token):
            return False  # "had been scheduled to expire Friday"
        if "to" in lowers and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return True  # "is to resume trading Tuesday"
        if head.lemma_ in ("expect", "schedule", "plan", "due", "set", "go", "hope", "intend"):
            return True
        if "would" in lowers:
            return True
    if token.tag_ in ("VBZ", "VBP", "VBG") and any(c.dep_ == "xcomp" for c in token.children):
        return True if token.lemma_ in ("plan", "expect", "intend", "hope") else None
    scheduled = token.tag_ in ("VBZ", "VBP") and token.lemma_ not in _STATE_VERBS
    if scheduled and _is_weekday(doc.char_span(start, end, alignment_mode="expand")):
        return True  # the scheduled present: "the leaders meet Monday", "talks resume Tuesday"
    return None


_STATE_VERBS = frozenset(
    {"be", "have", "say", "tell", "report", "announce", "claim", "insist", "believe", "think",
     "know", "remain", "seem", "appear", "add", "note", "warn", "argue", "contend", "maintain"}
)  # fmt: skip


def _is_weekday(span: Any) -> bool:
    return any(t.lower_ in _WEEKDAYS for t in span)


def _planned_in_past(doc: Doc, start: int, end: int) -> bool:
    """Does the expression hang on a plan reported in the simple past ("planned", not "has
    scheduled" or "is planning")?"""
    token = _governing_verb(doc, start, end)
    if token is None or token.lemma_ not in _PLANNING or token.tag_ not in ("VBD", "VBN"):
        return False
    return not any(c.lower_ in ("has", "have", "is", "are", "will", "had") for c in token.children)


def _governing_verb(doc: Doc, start: int, end: int) -> Any:
    """The verb the expression hangs on (climbing at most six heads), or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
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
    for start, end, members in _merge_clock(_scan(text), text):
        future = _tense(text, start, end, doc)
        s, e = _sentence_bounds(text, start, end)
        ctx = _Ctx(anchor=anchor, future=future, sentence=text[s:e], state=state)
        ctx.nearest = doc is not None and _planned_in_past(doc, start, end)
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
        _remember(state, text[start:end], value, kind)
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


_FUTURE_CUE = re.compile(
    r"\b(?:as soon as|as early as|effective|is to|are to|will be|scheduled for|slated for|"
    r"set for)\s+(?:on\s+|in\s+)?$",
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


_LEAD = re.compile(
    r"^(?:(?:on|at|in|over|during|for|by|around|about|until|after|before|within)\s+)+",
    re.IGNORECASE,
)


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


_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
_DAY_BEFORE = re.compile(r"(?i)\b(?:the\s+)?day\s+(?P<step>before|after)\s+$")
_MONTH_VALUE = re.compile(r"^\d{4}-\d\d")
_YEAR_IN_TEXT = re.compile(r"(?:1[89]|20)\d\d|(?i:nineteen)")


def _remember(state: dict[str, Any], text: str, value: str | None, kind: str) -> None:
    """Keep the story's reference times: the day, month and explicit year last mentioned."""
    if not value or kind not in ("date", "time"):
        return
    if _DAY_VALUE.match(value):
        state["day"] = value[:10]
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
