"""The grammar: one regular expression per rule, each with its resolver."""

from __future__ import annotations

import re
from typing import NamedTuple

from .anaphora import (
    _r_month_span_quarter,
    _r_nth_week,
    _r_ordinal_day,
    _r_part_of_day,
    _r_period_end,
    _r_that_unit,
    _r_the_year,
    _r_week_of,
    _r_year_quarter,
)
from .base import (
    _B,
    _CLOCK,
    _DAY,
    _DAYWORD,
    _E,
    _MOD,
    _MONTH,
    _MONTH_FULL,
    _NUM,
    _NUMWORD,
    _PART,
    _PARTS_OF_DAY,
    _UNIT,
    _WDAY,
    _WEEKDAY_NAMES,
    _YEAR,
    _YEAR_ANY,
    Resolver,
    _duration,
)
from .quarters import _r_quarter, _r_the_quarter, _r_year_earlier_adj
from .resolvers import (
    _r_ago,
    _r_century,
    _r_clock,
    _r_decade,
    _r_deictic_day,
    _r_duration,
    _r_fiscal,
    _r_fraction,
    _r_full_date,
    _r_half,
    _r_holiday,
    _r_in_future,
    _r_iso_date,
    _r_month,
    _r_month_year,
    _r_past_interval,
    _r_ref,
    _r_rel_period,
    _r_season,
    _r_set,
    _r_spoken_year,
    _r_the_weekend,
    _r_weekday,
    _r_year,
)

__all__ = ["_COMMON_NOUN_RULES", "_COMPILED", "_DAY_RULES", "_MERGE_GAP"]

# --- the grammar --------------------------------------------------------------------------------

# "ten days before." looks back from the story's time; "ten days before the shooting" is
# anchored on an event the grammar cannot date, so it stays a duration.
_ADVERBIAL = r"(?=\s*(?:[.,;:!?)]|$))"


class _Rule(NamedTuple):
    """One rule: its pattern, its resolver, and what its key word is."""

    name: str
    pattern: str
    resolver: Resolver
    # The key word is a common noun ("week", "noon"): capitalised mid-sentence it is part of a
    # name ("ABC's This Week"), not a time.
    common_noun: bool = False
    # It names a day, which a time of day beside it narrows ("Saturday at 3 p.m.").
    names_day: bool = False


_REL = r"(?:(?P<rel>this\s+(?:coming|past)|last|next|this|past|previous|coming|current)\s+)"

_RULES: list[_Rule] = [
    _Rule(
        "full_date",
        rf"{_B}(?:{_WDAY},?\s+)?{_MOD}{_MONTH}\s+(?:{_DAY}|{_DAYWORD})(?:,?\s+{_YEAR})?{_E}"
        rf"(?!\s*(?:%|-\d|:\d))"
        # "April 1 next year": the year named after the day
        rf"(?:\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year{_E})?",
        _r_full_date,
        names_day=True,
    ),
    _Rule(
        "day_month",
        rf"{_B}(?:{_WDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?{_E}",
        _r_full_date,
        names_day=True,
    ),
    _Rule(
        "iso_date",
        r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])",
        _r_iso_date,
        names_day=True,
    ),
    _Rule(
        "us_date",
        r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])",
        _r_iso_date,
        names_day=True,
    ),
    _Rule(
        "second_day",
        rf"{_B}{_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?\s+(?:and|or)\s+{_DAY}(?:,?\s+{_YEAR})?{_E}"
        rf"(?!\s*(?:%|-\d|:\d))",
        _r_full_date,
    ),
    _Rule("month_year", rf"{_B}{_MOD}{_MONTH},?\s+(?:of\s+)?{_YEAR_ANY}{_E}", _r_month_year),
    _Rule(
        "month",
        rf"{_B}{_MOD}{_REL}?{_MONTH_FULL}{_E}(?!\.?\s*\d)"
        rf"(?:\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year{_E})?",
        _r_month,
    ),
    _Rule(
        "year",
        # "2008-2010": a year may sit on either side of a dash joining it to another year
        # "post-1959", "pre-2000 levels": the prefix places something after or before the year
        rf"(?:(?<![\w$#.,/:\u2013-])|(?<=(?:19|20)\d\d[-\u2013])|(?<=\bpre-)|(?<=\bpost-))"
        rf"{_MOD}{_YEAR}"
        rf"(?:(?=[-\u2013](?:19|20)\d\d(?![\w%-]))|(?![\w%\u2013-]|[.,:/]\d))",
        _r_year,
    ),
    _Rule(
        "decade",
        r"(?<![\w-])(?:the\s+)?(?:early|late|mid)?-?\s*(?:(?P<dec>(?:1[89]|20)\d0)'?s\b"
        r"|['\u2019](?P<short>\d0)s\b)"
        r"|(?<![\w-])the\s+(?:early\s+|late\s+|mid-)?(?P<word>twenties|thirties|forties|fifties|"
        r"sixties|seventies|eighties|nineties)\b",
        _r_decade,
    ),
    _Rule(
        "century",
        r"(?<![\w-])(?:the\s+)?(?:early\s+|late\s+|mid-)?(?:(?P<cn>1\d|2[01])(?:st|nd|rd|th)|"
        r"(?P<cword>eighteenth|nineteenth|twentieth|twenty-first))[- ]century\b",
        _r_century,
    ),
    _Rule(
        "season",
        rf"{_B}{_MOD}{_REL}?(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{_YEAR_ANY})?{_E}",
        _r_season,
    ),
    _Rule(
        "weekday",
        rf"{_B}(?:(?:early|late)\s+)?(?:{_REL}|the\s+(?P<arel>previous|preceding|following)\s+)?"
        rf"{_WDAY}(?:'s)?(?:\s+{_PART})?{_E}",
        _r_weekday,
        names_day=True,
    ),
    _Rule(
        "deictic_day",
        rf"{_B}(?:(?:early|late|later|earlier)\s+|(?:at\s+)?mid[- ]?(?P<midpart>morning|afternoon)"
        rf"\s+)?(?P<deixis>today|tonight|yesterday|tomorrow|"
        rf"last night|this morning|this afternoon|this evening)(?:'s)?(?:\s+{_PART})?{_E}",
        _r_deictic_day,
        common_noun=True,
        names_day=True,
    ),
    _Rule(
        "rel_period",
        rf"{_B}(?:(?:early|earlier|late|later|mid)[- ]?\s*)?(?:the\s+)?"
        rf"(?P<rel>this\s+past|this|last|next|previous|current|coming)\s+(?P<period>week|month|year|quarter|weekend|decade|"
        rf"century){_E}(?!\s*'s\s+(?:first|second|third|fourth))",
        _r_rel_period,
        common_noun=True,
    ),
    _Rule("the_weekend", rf"{_B}the\s+weekend{_E}", _r_the_weekend, common_noun=True),
    _Rule(
        # "For the week, the index fell", "the week's busiest session": the week under
        # discussion, which the phrase does not fix (TIMEX3's unspecified week of the year)
        "the_week",
        rf"(?<!\bday\sof\s)(?<!\bdays\sof\s){_B}the\s+week{_E}(?![-\u2013]|\s+(?:of|before|after|"
        rf"ahead|earlier|later|ended|ending|to|that|when|following|beginning|starting)\b)",
        lambda m, ctx: (f"{ctx.anchor.year if ctx.anchor else 'XXXX'}-WXX", "date"),
        common_noun=True,
    ),
    _Rule(
        "ago",
        rf"{_B}(?:(?:about|nearly|almost|more than|less than|some|over|roughly|just|only)\s+)?"
        # "a week or so ago", "a month or two ago": an approximation between the unit and "ago"
        rf"{_NUM}\s+{_UNIT}(?:\s+or\s+(?:so|{_NUMWORD}|\d+))?\s+(?:ago|earlier|before{_ADVERBIAL})"
        rf"(?P<today>\s+today)?{_E}",
        _r_ago,
        common_noun=True,
    ),
    _Rule(
        # "years ago", "just months ago": a past point whose distance is not given
        "vague_ago",
        rf"(?=[mhdwy]){_B}(?P<vunit>minutes|hours|days|weeks|months|years|decades)\s+ago{_E}",
        _r_ref("PAST_REF"),
        common_noun=True,
    ),
    _Rule(
        "in_future",
        rf"{_B}in\s+{_NUM}\s+{_UNIT}(?:'\s*time)?{_E}(?=\s*$|\s*[.,;])",
        _r_in_future,
    ),
    _Rule("from_now", rf"{_B}{_NUM}\s+{_UNIT}\s+from\s+now{_E}", _r_in_future),
    _Rule(
        # "the year-earlier nine months": a span of that length, a year back (TIMEX3 gives the
        # length, as for "the nine months")
        "year_earlier_span",
        rf"{_B}(?:the\s+)?(?:comparable\s+)?year[- ](?:earlier|ago)\s+{_NUM}\s+{_UNIT}{_E}",
        _r_duration,
    ),
    _Rule(
        "year_earlier_adj",
        rf"{_B}(?:the\s+)?(?:a\s+)?year[- ](?:earlier|ago)"
        rf"(?:\s+(?:(?P<yq>first|second|third|fourth)[- ])?(?:quarter|period))?{_E}"
        rf"|{_B}(?:the\s+)?(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:of\s+)?"
        rf"(?:last|a)\s+year(?:\s+(?:earlier|ago))?{_E}|{_B}last\s+year's\s+(?:quarter|period){_E}"
        # "for the quarter a year ago": the year-back phrase places the noun before it
        rf"|{_B}the\s+(?:quarter|period)\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year){_E}",
        _r_year_earlier_adj,
    ),
    _Rule(
        "quarter",
        rf"{_B}(?:(?:the|its|their)\s+)?(?:(?P<rel>last|this)\s+(?P<rel2>year's|year)\s+)?"
        # "the fiscal-first quarter": the compound modifier hyphenated either way
        rf"(?:fiscal[- ])?(?:(?P<ord>first|second|third|fourth)[- ](?:fiscal[- ])?quarter"
        # "the final quarter of 1997": a year's last quarter is its fourth
        rf"|(?P<final>final|last)\s+(?:fiscal\s+)?quarter(?=\s+of\s+(?:fiscal\s+)?(?:1[89]|20)\d\d))"
        rf"(?:\s+of\s+(?:fiscal\s+)?{_YEAR})?{_E}",
        _r_quarter,
    ),
    _Rule(
        # "the July-September quarter": a calendar quarter named by its first and last months
        "month_span_quarter",
        rf"{_B}(?:the\s+)?(?-i:(?P<q1>Jan(?:uary|\.)?[-\u2013]March)|(?P<q2>April[-\u2013]June)"
        rf"|(?P<q3>July[-\u2013]Sept?(?:ember|\.)?)|(?P<q4>Oct(?:ober|\.)?[-\u2013]Dec(?:ember|\.)?))"
        rf"\s+(?:quarter|period){_E}",
        _r_month_span_quarter,
    ),
    _Rule(
        "the_quarter",
        # "the last quarter", "the final quarter": the last one reported, like "the latest"
        rf"{_B}the\s+(?:latest\s+|most recent\s+|current\s+|recent\s+|last\s+|final\s+)?"
        rf"(?:fiscal\s+)?quarter{_E}(?!\s+of\b)"
        rf"|{_B}the\s+latest\s+period{_E}",
        _r_the_quarter,
    ),
    _Rule(
        "half",
        rf"{_B}the\s+(?:(?P<h>first|second|1st|2nd|last|latter)\s+half"
        rf"|(?P<h2>first|last)\s+two\s+quarters(?=\s+of\s+\d))"
        rf"(?:\s+of\s+(?:{_YEAR}|(?P<hrel>this|last|next)\s+year|the\s+year))?{_E}(?!\s+of\b)",
        _r_half,
    ),
    _Rule("fiscal", rf"{_B}fiscal\s+(?:year\s+)?{_YEAR}{_E}", _r_fiscal),
    _Rule(
        "future_ref",
        # "in coming quarters", "in future quarters": an unmeasured stretch ahead
        rf"{_B}(?:in\s+)?(?:the\s+)?(?:coming|coming\s+few|future)\s+"
        rf"(?:days|weeks|months|years|quarters)"
        rf"{_E}|{_B}(?:in\s+)?the\s+(?:near\s+|distant\s+)?future{_E}"
        rf"|{_B}as soon as possible{_E}"
        # "the near term" as a time of its own (not "the short term notes", "short-term")
        rf"|{_B}the\s+(?:near|short|long)(?:er)?\s+term{_E}(?=\s*(?:[.,;:!?)\"'\u201d]|$)|"
        rf"\s+(?:and|or|but|is|are|was|were|will|would|as|to|than|because|if|when|the|a|it|we|"
        rf"they|he|she|there|that)\b)",
        _r_ref("FUTURE_REF"),
        common_noun=True,
    ),
    _Rule(
        "past_ref",
        rf"{_B}(?:recently|lately){_E}"
        rf"|{_B}(?:in\s+)?recent\s+times{_E}"
        rf"|{_B}(?:in\s+)?the\s+(?:recent\s+)?past{_E}(?!\s+(?:{_NUMWORD}|\d|few|several|week|"
        rf"month|year|decade|day))|{_B}recent(?=\s+(?:history|decades))",
        _r_ref("PAST_REF"),
        common_noun=True,
    ),
    _Rule(
        "present_ref",
        rf"{_B}(?:now|currently|nowadays|at present|at the moment|these days){_E}"
        rf"(?!\s+that\b)|{_B}(?-i:current)(?=\s+(?!account|assets|liabilit|affairs|events|"
        rf"prices|dollars|issue|year|quarter|month|week|period)[a-z])"
        # "at this moment", "at this crucial moment": the present, as "at the moment"
        rf"|{_B}(?:at\s+)?this\s+(?:[a-z]+\s+)?moment{_E}(?!\s+(?:of|when)\b)",
        _r_ref("PRESENT_REF"),
        common_noun=True,
    ),
    _Rule(
        "past_interval",
        # "the previous week" without a count is a date before the story's (see that_unit)
        rf"{_B}(?:over\s+|in\s+|during\s+|for\s+)?the\s+(?:past|last|previous(?=\s+(?:\d|"
        rf"{_NUMWORD}|few|several|couple|(?:hours|days|weeks|months|years|decades)\b)))\s+"
        # "the last quarter" is one quarter, not a stretch (see the_quarter)
        rf"(?:{_NUM}\s+)?(?!(?<=last\s)quarter\b){_UNIT}{_E}",
        _r_past_interval,
        common_noun=True,
    ),
    _Rule(
        "duration",
        rf"{_B}(?:(?:about|nearly|almost|more than|less than|at least|over|roughly|some|another|"
        rf"the\s+(?:first|next|last|final))\s+)?(?:the\s+)?{_NUM}"
        # "eight trading days", "ten business days": days counted on a calendar of their own
        rf"(?:\s+(?:more|additional|extra|full|straight|consecutive|successive))?"
        rf"(?:\s+(?:trading|business|working)(?=\s+days?\b))?[- ]{_UNIT}"
        rf"(?P<half>\s+and\s+a\s+half(?!-\w))?(?:[- ]long|[- ]old)?{_E}"
        rf"(?!\s+(?:ago|earlier|before{_ADVERBIAL}|from now))",
        _r_duration,
        common_noun=True,
    ),
    _Rule(
        # "two to three weeks", "between 12 and 18 months": TimeML tags the first count on its
        # own, in the unit the second one names (the second is a duration of its own)
        "range_start",
        rf"{_B}(?P<num>{_NUMWORD}|\d{{1,3}})(?=\s+(?:to|or|and)\s+(?:{_NUMWORD}|\d{{1,3}})\s+"
        rf"{_UNIT}{_E}(?![- ]old\b|\s+(?:ago|earlier|before|from\s+now)\b))",
        _r_duration,
        common_noun=True,
    ),
    _Rule(
        # "a weeklong visit", "the year-long inquiry": one unit, written as an adjective
        "unit_long",
        rf"(?=[dwmyh]){_B}(?P<unit>day|week|month|year|decade|hour)-?long{_E}",
        lambda m, ctx: (_duration(1, m["unit"]), "duration"),
        common_noun=True,
    ),
    _Rule(
        "fraction",
        rf"(?=[anmlorsh]){_B}(?:(?:about|nearly|almost|more than|less than|over|roughly|some)\s+)?"
        rf"(?:(?P<frac>half)\s+an?\s+|an?\s+(?P<frac2>half|quarter)[- ])"
        rf"(?P<funit>century|decade|year|month|day|hour){_E}",
        _r_fraction,
    ),
    _Rule(
        "vague_duration",
        rf"{_B}(?:for|over|during)\s+(?:the\s+)?(?P<unit>minutes|hours|days|weeks|months|years|"
        rf"decades|centuries){_E}|{_B}(?P<unit2>decades)-long{_E}"
        # "within weeks", "the first time in years": a bare plural unit, no article
        # ("in minutes" is left out: "said in minutes released Wednesday" names a record)
        rf"|{_B}(?:within|in)\s+(?P<unit4>hours|days|weeks|months|years|decades){_E}"
        rf"|{_B}within\s+(?P<unit6>minutes){_E}"
        rf"|{_B}(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:most\s+)?recent\s+"
        rf"(?P<unit3>days|weeks|months|years|decades|quarters){_E}"
        # "in the first hours of the offensive": an unmeasured stretch at the start or end of
        # something
        rf"|{_B}(?:in\s+|over\s+|during\s+)?the\s+(?:first|opening|final|closing|last)\s+"
        rf"(?P<unit7>minutes|hours|days|weeks|months|years)(?=\s+of\b)"
        # "the first days of October" is early October (the month is tagged), not a stretch
        rf"(?!\s+of\s+(?:{_MONTH}|(?:19|20)\d\d|(?:this|last|next)\s|the\s+(?:year|month)\b))"
        # "in the weeks ahead": an unmeasured stretch from now on
        rf"|{_B}(?:in\s+|over\s+|during\s+|for\s+)?the\s+(?P<unit5>days|weeks|months|years)"
        rf"\s+ahead{_E}",
        lambda m, ctx: (
            _duration(
                None,
                m["unit"]
                or m["unit2"]
                or m["unit3"]
                or m["unit4"]
                or m["unit5"]
                or m["unit6"]
                or m["unit7"],
            ),
            "duration",
        ),
        common_noun=True,
    ),
    _Rule(
        "clock",
        rf"{_B}(?:(?:at|around|about|by|after|before|until)\s+)?(?:{_CLOCK})"
        rf"(?:\s+(?:local time|GMT|UTC|EST|EDT|ET))?",
        _r_clock,
        common_noun=True,
    ),
    _Rule(
        "set",
        rf"{_B}(?:(?P<every>every|each|per|a)\s+(?:(?P<num>{_NUMWORD}|\d+|other|few|several)\s+)?"
        rf"(?:{_WDAY}|{_MONTH_FULL}|(?P<sseason>spring|summer|fall|autumn|winter)"
        rf"|(?P<unit>day|week|month|year|hour|night)s?)"
        rf"|(?P<every2>daily|weekly|monthly|annually|yearly|nightly|hourly)"
        # "on Mondays", "every weekend", "on weekends": a weekday or weekend that recurs
        rf"|(?P<pl_wday>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))"
        # "on Tuesday nights": a part of the day in the plural makes the weekday recur
        rf"|(?P<part_wday>(?-i:{_WEEKDAY_NAMES}))\s+(?P<pl_part>{_PARTS_OF_DAY})s"
        rf"|(?:(?:every|each)\s+|(?<=\bon\s))(?P<weekend>weekends?)){_E}",
        _r_set,
    ),
    _Rule(
        "spoken_year",
        rf"{_B}(?:the\s+year\s+)?(?:nineteen[- ](?P<tens>(?:twenty|thirty|forty|fifty|sixty|"
        rf"seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|"
        rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|"
        rf"(?P<twok>(?<=year\s)two thousand)){_E}",
        _r_spoken_year,
    ),
    _Rule(
        "week_of",
        rf"{_B}the\s+week\s+of\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_E}",
        _r_week_of,
    ),
    _Rule(
        # "the first week of March", "the last week of October": the ISO week holding the
        # middle of those seven days
        "nth_week",
        rf"{_B}the\s+(?P<wnth>first|second|third|fourth|last|final)\s+week\s+of\s+{_MONTH}"
        rf"(?:,?\s+{_YEAR})?{_E}",
        _r_nth_week,
    ),
    _Rule(
        "that_unit",
        rf"{_B}(?:(?:earlier|later)\s+(?:in\s+)?)?(?:(?:that|the)\s+(?:same|very)\s+|that\s+"
        rf"|the\s+(?P<astep>following|next|previous|prior)\s+)"
        rf"(?P<aunit>day|morning|afternoon|evening|night|weekend|week|month|year){_E}(?!\s*'s)"
        rf"|{_B}the\s+(?P<aunit2>day)\s+(?P<astep2>before|after)(?=\s*[.,;:]|\s*$)",
        _r_that_unit,
        common_noun=True,
    ),
    _Rule(
        "part_of_day",
        # (?=[...]): the first letters the rule can start with, so that other positions fail fast
        rf"(?=[idtmelo]){_B}(?:in|during|into|through|throughout)\s+the\s+(?:early\s+|late\s+)?"
        rf"(?P<dpart>{_PARTS_OF_DAY}){_E}(?!\s+(?:of|before|after)\b)"
        rf"|(?=[mel]){_B}(?:mid[- ]?|early\s+|late\s+)(?P<dpart2>morning|afternoon|evening){_E}"
        rf"|(?=o){_B}(?P<overnight>overnight){_E}",
        _r_part_of_day,
        common_noun=True,
    ),
    _Rule(
        "ordinal_day",
        rf"(?=[tia]){_B}(?:the|its|their|a)\s+(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
        rf"ninth|tenth|\d{{1,2}}(?:st|nd|rd|th))\s+)(?:(?:straight|consecutive|successive|full)\s+)?"
        rf"day{_E}(?![- ](?:long|old)\b)",
        _r_ordinal_day,
        common_noun=True,
    ),
    _Rule(
        "the_year",
        rf"{_B}(?:(?:earlier|later)\s+in\s+)?the\s+(?:(?:full|current|calendar|whole|entire)\s+"
        # "the latest fiscal year": the last one completed
        rf"|(?P<latest>latest|most\s+recent)\s+)?(?:fiscal\s+)?year{_E}"
        rf"(?![- ](?:(?:earlier|ago|end|old|before|after)\b|\d))",
        _r_the_year,
        common_noun=True,
    ),
    _Rule(
        "period_end",
        rf"{_B}(?:the\s+)?year(?:[- ]end|'s\s+end){_E}(?![- ]\w)"
        rf"|{_B}the\s+end\s+of\s+(?:the|this)\s+(?P<eunit>year|month|week|quarter){_E}",
        _r_period_end,
    ),
    _Rule(
        "year_quarter",
        rf"{_B}the\s+{_YEAR}\s+(?:(?P<ord>first|second|third|fourth)[- ])?(?:fiscal\s+)?"
        rf"(?P<what>quarter|period){_E}",
        _r_year_quarter,
    ),
    _Rule(
        "holiday",
        rf"{_B}(?P<holiday>(?:last\s+)?(?-i:Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|"
        rf"Independence Day|Election Day|Thanksgiving(?: Day)?|Good Friday|"
        rf"Easter(?: Sunday| Monday|\s+week)?(?!\s+[A-Z]))){_E}",
        _r_holiday,
    ),
]  # fmt: skip


_COMPILED: list[tuple[str, re.Pattern[str], Resolver]] = [
    (rule.name, re.compile(rule.pattern, re.IGNORECASE), rule.resolver) for rule in _RULES
]
_COMMON_NOUN_RULES = frozenset(rule.name for rule in _RULES if rule.common_noun)
_DAY_RULES = frozenset(rule.name for rule in _RULES if rule.names_day)
_MERGE_GAP = re.compile(r"^(?:,?\s+(?:on\s+|at\s+|of\s+)?|\s*,\s*)$", re.IGNORECASE)
