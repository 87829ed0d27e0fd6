"""Tests for the time stage: grammar, resolution against the article date, the stage itself."""

from __future__ import annotations

import datetime as dt

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
        ("the 1990s", None, "199X", "date"),
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
        ("tonight", None, "2024-11-02", "date"),
        ("last night", None, "2024-11-01", "date"),
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
        ("soon", None, "FUTURE_REF", "date"),
        ("in the near future", None, "FUTURE_REF", "date"),
        ("recently", None, "PAST_REF", "date"),
        ("in recent days", None, "PAST_REF", "date"),
        ("now", None, "PRESENT_REF", "date"),
        ("currently", None, "PRESENT_REF", "date"),
        # intervals
        ("since 2023", None, "2023/2024-11-02", "duration"),
        ("since October", None, "2024-10/2024-11-02", "duration"),
        ("the past decade", None, "2014/2024", "duration"),
        ("over the past two weeks", None, "2024-10-19/2024-11-02", "duration"),
        ("the past three months", None, "2024-08/2024-11", "duration"),
        # times of day
        ("at 3 p.m.", None, "2024-11-02T15:00", "time"),
        ("10:35 a.m.", None, "2024-11-02T10:35", "time"),
        ("Friday at 9 p.m.", None, "2024-11-01T21:00", "time"),
        ("noon Saturday", None, "2024-11-02T12:00", "time"),
        # durations and sets
        ("for three days", None, "P3D", "duration"),
        ("a two-week ceasefire", None, "P2W", "duration"),
        ("16-hour", None, "PT16H", "duration"),
        ("for years", None, "PXY", "duration"),
        ("every Friday", None, "XXXX-WXX-5", "set"),
        ("daily", None, "P1D", "set"),
        ("twice a week", None, "P1W", "set"),
        ("annually", None, "P1Y", "set"),
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
    ],
)
def test_numbers_that_are_not_times_are_not_tagged(text: str) -> None:
    assert find_times(text, anchor=SATURDAY) == []


def test_find_times_offsets_ids_and_anchor() -> None:
    text = "The ministry said on Saturday that talks held since 2023 will resume next Tuesday."
    refs = find_times(text, anchor=SATURDAY)
    assert [(r.id, r.text, r.value) for r in refs] == [
        ("T1", "Saturday", "2024-11-02"),
        ("T2", "since 2023", "2023/2024-11-02"),
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


def test_timeml_mode_uses_timeml_extents() -> None:
    text = "Prices have risen since 2023 and over the past two weeks."
    refs = find_times(text, anchor=SATURDAY, timeml=True)
    assert [(r.text, r.value, r.kind) for r in refs] == [
        ("2023", "2023", "date"),
        ("the past two weeks", "P2W", "duration"),
    ]


def test_clock_time_takes_the_day_last_mentioned() -> None:
    text = "The blast happened on October 30. Police arrived at 10 p.m."
    refs = find_times(text, anchor=SATURDAY)
    assert refs[-1].value == "2024-10-30T22:00"


def test_year_earlier_in_results_follows_the_quarter() -> None:
    text = "Third-quarter net income rose 5%. Net income a year earlier was $3 million."
    refs = find_times(text, anchor=dt.date(1989, 10, 26))
    assert [r.value for r in refs] == ["1989-Q3", "1988-Q3"]


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
