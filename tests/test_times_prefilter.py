"""The scan's shortcuts (times/prefilter.py) never change what the rules find."""

from __future__ import annotations

import re

import pytest

from eventwire.stages.times.accept import _RUN, _scan
from eventwire.stages.times.base import _B
from eventwire.stages.times.grammar import _COMPILED
from eventwire.stages.times.prefilter import (
    can_match,
    hoist_boundary,
    may_skip,
    needed_words,
    normalised,
)

# Our own sentences, one or more per rule family, plus texts with no time at all.
SENTENCES = [
    "The ministers met on Monday, March 3, 2025, and again on 2025-03-04 and 3/5/2025.",
    "Talks ran through April 24 and 25 and resumed in May 2023, then in June.",
    "Prices rose in 1990, through the 1990s and the twentieth century, and in the eighties.",
    "Last summer the rains failed; this spring is dry. The strike ended Tuesday night.",
    "Today, tonight and tomorrow morning the roads are shut; next week they reopen.",
    "Over the weekend troops left. Two weeks ago they came, and years ago they fought.",
    "The ceasefire ends in three days, or two years from now, the envoy said.",
    "Profit fell in the year-earlier nine months and the comparable period last year.",
    "Third-quarter sales rose; the latest quarter was weak; the second half of 1989 too.",
    "In fiscal 1991 and in the coming months, as soon as possible, in the near term.",
    "Recently, in recent times, it is now currently calm, in the past two weeks.",
    "A weeklong visit, half a century, within weeks, for hours, every Friday and daily.",
    "At 3 p.m. on Saturday, nineteen ninety-four, the week of March 6, that same day.",
    "In the morning, overnight, its third day, the year, year-end, the 1988 second quarter.",
    "On Christmas Eve and Easter Sunday and Thanksgiving they gathered.",
    "No time is named in this sentence about a harbour and its cranes.",
    "",
    "İstanbul ſome dayſ ago, two\n\nweeks\tago, a DAY EARLIER.",
]


def _brute_force(text: str) -> list[tuple[str, tuple[int, int]]]:
    return [(name, m.span()) for name, pattern, _ in _COMPILED for m in pattern.finditer(text)]


def _shortcut(text: str) -> list[tuple[str, tuple[int, int]]]:
    lowered = normalised(text)
    return [
        (name, m.span())
        for name, pattern, _, needs in _RUN
        if not may_skip(text) or can_match(needs, lowered)
        for m in pattern.finditer(text)
    ]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_shortcuts_find_what_every_rule_finds(text: str) -> None:
    assert _shortcut(text) == _brute_force(text)


def test_the_sentences_exercise_most_rules() -> None:
    fired = {name for text in SENTENCES for name, _ in _brute_force(text)}
    assert len(fired) >= 0.8 * len(_COMPILED)


def test_needed_words_come_from_literals_branches_and_repeats() -> None:
    needs = needed_words(re.compile(r"\b(?:about\s+)?\d+\s+(?:days|weeks)\s+from\s+now\b", re.I))
    # words joined by whitespace are needed together, as the normalised text spaces them
    assert set(needs) == {frozenset({"days", "weeks"}), frozenset({"from now"})}
    assert can_match(needs, normalised("Two  weeks\n from\t\tnow"))
    # an optional word is not needed; an alternative without a literal makes its branch free
    assert needed_words(re.compile(r"(?:soon)?x|\d")) == ()
    assert needed_words(re.compile(r"(?-i:March)", re.I)) == (frozenset({"march"}),)


def test_a_rule_is_skipped_only_when_a_needed_word_is_missing() -> None:
    needs = needed_words(re.compile(r"(?:ago|earlier)\s+today", re.I))
    assert can_match(needs, "two days earlier today")
    assert not can_match(needs, "two days later today")
    assert not can_match(needs, "two days ago")


def test_texts_with_letters_that_fold_to_ascii_are_scanned_in_full() -> None:
    # "ſ" matches "s" under IGNORECASE but lower() keeps it, so the words check cannot be trusted
    assert not may_skip("ſome dayſ ago")
    assert may_skip("some days ago")
    assert [h.rule for h in _scan("ſome dayſ ago")] == [h.rule for h in _scan("some days ago")]


def test_a_shared_word_boundary_is_hoisted_only_over_alternatives() -> None:
    both = re.compile(rf"{_B}now|{_B}today", re.I)
    hoisted = hoist_boundary(both, _B)
    assert hoisted.pattern.startswith(_B) and hoisted is not both
    text = "snow now, today, yesterday's today"
    assert [m.span() for m in hoisted.finditer(text)] == [m.span() for m in both.finditer(text)]
    single = re.compile(rf"{_B}now", re.I)
    assert hoist_boundary(single, _B) is single
    mixed = re.compile(rf"{_B}now|today", re.I)
    assert hoist_boundary(mixed, _B) is mixed
