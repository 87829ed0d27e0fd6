"""The time stage reads its words (month numbers, holidays, number words...) from the lexicon
in use (data/lexicon/time.tsv), so a user's `--lexicon` directory reaches it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.lexicon import use_lexicon
from eventwire.stages.times import resolve

ANCHOR = dt.date(2024, 11, 2)


@pytest.fixture(autouse=True)
def _shipped_lexicon() -> Iterator[None]:
    yield
    use_lexicon(None)


def test_shipped_words_resolve() -> None:
    assert resolve("Christmas Eve", anchor=ANCHOR, future=True) == ("2024-12-24", "date")
    assert resolve("twenty-three days", anchor=ANCHOR) == ("P23D", "duration")
    assert resolve("last spring", anchor=ANCHOR) == ("2024-SP", "date")
    assert resolve("every Tuesday", anchor=ANCHOR) == ("XXXX-WXX-2", "set")


def test_an_override_reaches_the_resolvers(tmp_path: Path) -> None:
    # A calendar whose Christmas Eve is January 5, and whose "twenty" counts 21.
    (tmp_path / "mine.tsv").write_text(
        "[fixed_holiday] mine\nchristmas eve\t1\t5\n\n[tens_number_word] mine\ntwenty\t21\n",
        encoding="utf-8",
    )
    use_lexicon(tmp_path)
    assert resolve("Christmas Eve", anchor=ANCHOR, future=True) == ("2025-01-05", "date")
    assert resolve("twenty-three days", anchor=ANCHOR) == ("P24D", "duration")
    use_lexicon(None)
    assert resolve("twenty-three days", anchor=ANCHOR) == ("P23D", "duration")
