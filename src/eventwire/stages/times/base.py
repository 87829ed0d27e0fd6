"""Shared pieces of the time grammar: lexicon, regex building blocks, the resolution
context and small calendar helpers."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...lexicon import WordMap, mapping

__all__ = [
    "_B",
    "_CLOCK",
    "_DAY",
    "_DAYWORD",
    "_DAY_VALUE",
    "_E",
    "_HALF",
    "_MOD",
    "_MONTH",
    "_MONTHS",
    "_MONTH_FULL",
    "_NUM",
    "_NUMWORD",
    "_ORDINALS",
    "_PART",
    "_PARTS",
    "_PARTS_OF_DAY",
    "_SEASONS",
    "_SEASON_OF_MONTH",
    "_SEASON_ORDER",
    "_UNIT",
    "_WDAY",
    "_WEEKDAYS",
    "_WEEKDAY_NAMES",
    "_YEAR",
    "_YEAR_ANY",
    "Resolver",
    "Value",
    "_Ctx",
    "_add_months",
    "_day_of",
    "_direction",
    "_duration",
    "_int_mapping",
    "_iso_week",
    "_month_value",
    "_num",
    "_pick_year",
    "_quarter",
    "_ref_day",
    "_shift",
    "_unit_code",
    "_weekday_date",
    "_year_of",
]

Value = tuple[str | None, str]  # (TIMEX3 value, kind)

# --- lexicon ------------------------------------------------------------------------------------

# The words live in data/lexicon/time.tsv; these read the lexicon in use at each access.


def _int_mapping(name: str) -> WordMap[int]:
    return WordMap(name, lambda lex, n: {k: int(v) for k, v in lex.mapping(n).items()})


_MONTHS = _int_mapping("month_number")
_WEEKDAYS = _int_mapping("weekday_number")
_SMALL = _int_mapping("small_number_word")
_TENS = _int_mapping("tens_number_word")
_ORDINALS = _int_mapping("quarter_ordinal")
_ORDINAL_NUMBERS = _int_mapping("ordinal_number")
_SEASONS = mapping("season_code")
_SEASON_OF_MONTH = {1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                    9: "FA", 10: "FA", 11: "FA", 12: "WI"}  # fmt: skip
_SEASON_ORDER = ("SP", "SU", "FA", "WI")
_PARTS = mapping("day_part_code")
_UNIT_CODES = mapping("time_unit_code")
_DIRECTIONS = mapping("direction_word")

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
#: The weekday names as news writes them (other rules build their plurals, their parts of the
#: day and their sets on them).
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WDAY = (
    rf"(?P<wday>(?-i:{_WEEKDAY_NAMES}|MONDAY|TUESDAY|"
    r"WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY))"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A day of the month spelled out, as transcripts write it ("March eighth", "May twenty-first").
_ORD_UNIT = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_DAYWORD = (
    rf"(?P<dayword>(?:twenty|thirty)[- ](?:{_ORD_UNIT})|{_ORD_UNIT}|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth)(?![\w-])"
)
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
    r"(?:(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen)"
    # "two hundred", "a thousand": a multiplier word, counted or after "a"
    r"(?:\s+(?:hundred|thousand))?|(?:a\s+)?(?:hundred|thousand))"
)
_NUM = (
    rf"(?P<num>\d{{1,3}}(?:\.\d)?(?:\s+1/2)?|{_NUMWORD}(?:\s+and\s+a\s+half)?|a couple of|"
    r"couple of|a few|few|several|many|"
    r"some|dozens of|hundreds of|thousands of|an|a)"
)
_MOD = r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of)[- ]?\s*)?"
#: The parts of the day ("Tuesday night", "on Sunday mornings").
_PARTS_OF_DAY = "morning|afternoon|evening|night"
_PART = rf"(?P<part>{_PARTS_OF_DAY})"
_CLOCK = (
    r"(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)(?!\w)"
    r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)(?=\s*(?:GMT|UTC|local|hours|h\b|"
    r"this\s+(?:morning|afternoon|evening)|tonight|today))"
    r"|(?P<noon>noon|midday|midnight)"
    # "4 in the morning", "eight o'clock in the evening": the half of the day sets a.m./p.m.
    r"|(?P<hourp>1[012]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?:\s+o['\u2019]clock(?:\s+in\s+the\s+(?P<dayhalf>morning|afternoon|evening))?"
    r"|\s+in\s+the\s+(?P<dayhalf2>morning|afternoon|evening))(?!\w)"
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
    # After "since" the expression is the start of a stretch up to now: a point not after the
    # anchor ("since December", written in October, is last December).
    since: bool = False
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


_BIG = re.compile(r"(?:(?P<count>[a-z -]+?)\s+)?(?P<big>hundred|thousand)")
_HALF = re.compile(r"\s+1/2$|\s+and\s+a\s+half$|\.5$")


def _num(text: str | None) -> int | None:
    """The number a numeral or number word means; None for vague ones ("several")."""
    if text is None:
        return 1
    word = _HALF.sub("", text.lower()).strip()
    big = _BIG.fullmatch(word)
    if big:
        count = _num(big["count"]) if big["count"] else 1
        return (count or 1) * (100 if big["big"] == "hundred" else 1000)
    if word.replace(".", "", 1).isdigit():
        return int(float(word))
    if word in _SMALL:
        return _SMALL[word]
    parts = re.split(r"[- ]", word)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_SMALL.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def _day_of(m: re.Match[str]) -> int:
    """The day of the month a match names, written "8", "8th" or "eighth"."""
    word = m.groupdict().get("dayword")
    if not word:
        return int(m["day"])
    tens, _, unit = word.lower().replace(" ", "-").rpartition("-")
    return (_TENS[tens] if tens else 0) + _ORDINAL_NUMBERS[unit]


def _unit_code(unit: str) -> str:
    u = unit.lower().rstrip("s")
    return _UNIT_CODES[u]


def _duration(n: int | None, unit: str) -> str:
    code = _unit_code(unit)
    count = "X" if n is None else str(n)
    if n is None and code == "CE":
        return "PXC"
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


def _pick_year(
    anchor: dt.date, month: int, day: int | None, future: bool | None, *, not_after: bool = False
) -> int:
    """The year that puts month(-day) nearest the anchor, leaning past unless future tense;
    `not_after`: only a year that puts it on or before the anchor."""
    best_year, best_cost = anchor.year, float("inf")
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            when = dt.date(year, month, min(day, last))
            ahead = (when - anchor).days
        else:
            ahead = (year * 12 + month) - (anchor.year * 12 + anchor.month)
            ahead *= 30
        if not_after and ahead > 0:
            continue
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
    return _DIRECTIONS.get(" ".join((word or "").lower().split()), "")


def _year_of(m: re.Match[str]) -> str | None:
    """The year a match names, in digits, whether written "1994" or "nineteen ninety-four"."""
    groups = m.groupdict()
    if groups.get("yword"):
        return str(1900 + (_num(re.sub(r"(?i)^nineteen[- ]", "", groups["yword"])) or 0))
    return groups.get("year")


_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")


def _ref_day(ctx: _Ctx) -> dt.date | None:
    """The day the story last talked about (TempEval's reference time), else the anchor."""
    day = ctx.state.get("day")
    return dt.date.fromisoformat(day) if day else ctx.anchor
