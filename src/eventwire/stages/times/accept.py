"""Matching: every rule over the text, the contexts that reject a match, longest-first
settling of overlaps, and a day merged with its time of day."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .base import _B, Resolver, _num, _year_of
from .grammar import _COMMON_NOUN_RULES, _COMPILED, _DAY_RULES, _MERGE_GAP
from .prefilter import can_match, hoist_boundary, may_skip, needed_words, normalised

__all__ = ["_Hit", "_merge_clock", "_scan"]

# --- matching -----------------------------------------------------------------------------------


@dataclass
class _Hit:
    start: int
    end: int
    rule: str
    match: re.Match[str]
    resolver: Resolver


def _scan(
    text: str, *, dates: Sequence[tuple[int, int]] = (), superlatives: Sequence[int] = ()
) -> list[_Hit]:
    """All rule matches, overlaps settled longest first (then leftmost).

    `dates` are the character spans the parser's named-entity tagger calls DATE: a bare
    four-digit number inside one is a year even without a temporal word before it.
    `superlatives` are where the parser's superlatives ("worst", "most") start.
    """
    # A rule whose needed words are not in the text cannot match: skip it (the scan is the
    # stage's hot spot; see prefilter.py).
    lowered = normalised(text) if may_skip(text) else None
    hits = [
        # "April 24 and 25": the rule reads the month from the first day; the hit is the second.
        _Hit(m.start("day") if name == "second_day" else m.start(), m.end(), name, m, resolver)
        for name, pattern, resolver, needs in _RUN
        if lowered is None or can_match(needs, lowered)
        for m in pattern.finditer(text)
        if m.end() > m.start()
    ]
    hits = [h for h in hits if _acceptable(h, text, dates, superlatives)]
    # Equal spans: a frequency ("twice a week") beats a duration.
    hits.sort(key=lambda h: (-(h.end - h.start), h.start, h.rule != "set"))
    chosen: list[_Hit] = []
    for hit in hits:
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    chosen.sort(key=lambda h: h.start)
    return chosen


# Each rule as the scan runs it: its pattern with a shared word boundary checked first, and the
# words it needs (prefilter.py).
_RUN = [
    (name, hoist_boundary(pattern, _B), resolver, needed_words(pattern))
    for name, pattern, resolver in _COMPILED
]


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


# "the 2000 troops": a plural noun after the number counts it. Short function words that end
# in "s" ("2012 as a whole", "1989 is") are no plurals.
_PLURAL_AFTER = re.compile(r"\s*-?(?!(?:as|is|was|has|his|its|this|thus|plus|does)\b)[a-z]+s\b")
_YEAR_RANGE_BEFORE = re.compile(r"(?:19|20)\d\d[-\u2013]$")
_YEAR_RANGE_AFTER = re.compile(r"[-\u2013](?:19|20)\d\d(?!\d)")


def _not_a_year(hit: _Hit, text: str) -> bool:
    """ "Resolution 1701", "flight 1549", "the 2000 troops": a number that names or counts."""
    before = text[max(0, hit.start - 24) : hit.start]
    return bool(_NOT_YEAR_BEFORE.search(before)) or bool(
        _PLURAL_AFTER.match(text, hit.end, hit.end + 20) and re.search(r"(?i)\bthe\s+$", before)
    )


def _year_context(hit: _Hit, text: str) -> bool:
    """A bare four-digit number is a year after a temporal word or before punctuation."""
    before = text[max(0, hit.start - 24) : hit.start]
    if _NOT_YEAR_BEFORE.search(before):
        return False
    if _YEAR_RANGE_BEFORE.search(before) or _YEAR_RANGE_AFTER.match(text, hit.end):
        return True  # "2008-2010": two years joined by a dash
    if re.search(r"(?i)\b(?:pre|post)-$", before):
        return True  # "pre-1990 levels": a prefix only a time takes
    after = text[hit.end : hit.end + 20]
    if re.match(r"\s+[a-z]", after) and not re.match(r"\s+(?:and|or|to|through)\b", after):
        return bool(_YEAR_BEFORE.search(before)) and not _PLURAL_AFTER.match(after)
    return bool(_YEAR_BEFORE.search(before)) or bool(re.match(r"\s*(?:[.,;:)!?'\n]|$)", after))


_QUOTES = "\"'`\u201c\u201d\u2018\u2019"


def _is_title(hit: _Hit, text: str) -> bool:
    """Is a common-noun time word written as part of a title or name ("ABC's This Week",
    "60 Minutes", "the film High Noon", "This is VOA Today")?"""
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


_OF_TOMORROW = re.compile(r"(?i)(?<!\bas\s)\bof\s+tomorrow$")


def _acceptable(
    hit: _Hit,
    text: str,
    dates: Sequence[tuple[int, int]] = (),
    superlatives: Sequence[int] = (),
) -> bool:
    m = hit.match
    if hit.rule == "in_future" and _looks_back(hit, text, superlatives):
        return False  # "the worst drought in 50 years": the duration "50 years" is left
    if hit.rule == "deictic_day" and _GENERIC_TODAY.match(text, hit.start):
        return False
    if hit.rule == "deictic_day" and _OF_TOMORROW.search(text, max(0, hit.start - 4), hit.end):
        return False  # "the cars of tomorrow", "the leaders of tomorrow": the future in general
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
        # "his unsuccessful 1996 campaign", "1990 earnings": a year modifying a noun, which
        # the tagger reads as a date where the context words alone cannot tell it from a count.
        tagged = any(s <= hit.start and hit.end <= e for s, e in dates)
        return _year_context(hit, text) or (tagged and not _not_a_year(hit, text))
    dup = _REDUPLICATED.match(text, hit.end)
    if dup and m[0].lower().endswith(dup["word"].lower()):
        return False  # "the quarter-to-quarter comparison", "year-to-year": a compound adjective
    if hit.rule == "set" and m["every"] and m["every"].lower() == "a":
        # "a day" counts as a set only after a frequency ("twice a day"); after an amount it
        # makes a rate ("$1.76 a year", "358,000 a month"), a quantity rather than a time.
        before = text[max(0, hit.start - 12) : hit.start].lower()
        return bool(re.search(r"(?:once|twice|times)\s*$", before))
    if (
        hit.rule == "set"
        and m["every2"]
        and _AMOUNT_BEFORE.search(text[max(0, hit.start - 30) : hit.start])
        and not re.search(r"(?i)\btimes\s*$", text[max(0, hit.start - 8) : hit.start])
        and not _NOUN_AFTER.match(text, hit.end)
    ):
        # "rise 8.5% annually", "10,000 units daily": a rate, like "$2.50 a year" above; as an
        # adjective before its noun ("300 daily flights") the word still names a frequency.
        return False
    if hit.rule == "present_ref" and m.group(0).lower() == "now":
        # "Now, he says, ...": a discourse marker opening the sentence, not a time.
        # "now" after "until"/"by"/"from" is still the present; "now that" is excluded above.
        return not (
            text.startswith(",", hit.end)
            and _SUBJECT_START.search(text[max(0, hit.start - 3) : hit.start])
        )
    if hit.rule == "duration" and re.search(r"(?i)[- ]old$", m[0]):
        return False  # an age ("a 6-year-old boy") is not a time
    quarter = hit.rule == "duration" and m["unit"].lower().startswith("quarter")
    if (
        quarter
        and re.match(r"\s+of\b", text[hit.end : hit.end + 4])
        and _num(m["num"]) in (1, 2, 3)
    ):
        # "three-quarters of its food" is a fraction; "several quarters of losses" is not
        return False
    rate = hit.rule == "duration" and (m["num"] or "").lower() in ("a", "an")
    if rate and _AMOUNT_BEFORE.search(text[max(0, hit.start - 30) : hit.start]):
        return False  # "$500 million a year", "358,000 a month": a rate, not a duration
    if hit.rule == "duration" and m["num"] and m["num"].lower() in ("a", "an", "some", "many"):
        # "a day" on its own is rarely a duration worth a tag ("a day after", "day after day").
        return bool(m["half"]) or bool(
            re.match(
                r"(?i)(?:the\s+)?(?:an?|some)[- ](?:(?:additional|extra|full)\s+)?"
                r"(?:week|month|year|decade)",
                m[0],
            )
            or _MEASURED.match(m[0])
        )
    if hit.rule == "future_ref" and re.search(r"(?i)\bthe\s+future$", m[0]):
        return not _ABSTRACT_FUTURE.match(text, hit.end) and not _SUBJECT_START.search(
            text[max(0, hit.start - 12) : hit.start]
        )
    return True


# "for the first time in": an ordinal or "only" that ranks an event within a stretch
_RANKED = re.compile(r"(?i)\b(?:first|only)\b")
_CLAUSE_START = re.compile(r"[.!?;:]\s")


def _looks_back(hit: _Hit, text: str, superlatives: Sequence[int]) -> bool:
    """Is "in N years" the stretch a superlative or "the first ... in" ranks over ("the worst
    in 50 years", "the first visit in two decades"), not a point N years ahead?"""
    start = max(0, hit.start - 80)
    breaks = list(_CLAUSE_START.finditer(text, start, hit.start))
    start = breaks[-1].end() if breaks else start
    return bool(_RANKED.search(text, start, hit.start)) or any(
        start <= s < hit.start for s in superlatives
    )


# "the future of the region", "The future looks bleak.": the abstract noun, not a time. As a
# time "the future" follows a preposition ("in the future", "worry about the future").
_ABSTRACT_FUTURE = re.compile(r"\s+of\b")
_SUBJECT_START = re.compile(r"(?:^|[.!?\"\u201c])\s*$")


_REDUPLICATED = re.compile(r"-to-(?P<word>[a-z]+)", re.IGNORECASE)
# A word after a rate adverb that is no function word: the adverb is an adjective on its noun.
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:through|for|in|on|at|to|from|until|and|or|but|since|over|during|by|with|while|"
    r"as|than|the|a|an|this|that|of|if|when|because|per)\b)[a-z]+",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|%|\b(?:hundred|thousand|million|billion|trillion|dollars|cents|percent))"
    r"(?:\s+[a-z]+s)?\s*$",  # "40,000 tractors a month": the counted noun may come between
    re.IGNORECASE,
)


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
            if (
                len(members) == 1
                and "clock" in pair
                and pair & _DAY_RULES
                and _MERGE_GAP.match(text[prev.end : hit.start])
            ):
                groups[-1] = (start, hit.end, [*members, hit])
                continue
        groups.append((hit.start, hit.end, [hit]))
    return groups
