"""benchmarks/places.py: gold spans realigned onto their phrase, nationality words told apart."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.resources import Resources


def _benchmark() -> Any:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "places.py"
    spec = importlib.util.spec_from_file_location("places_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file loads
    spec.loader.exec_module(module)
    return module


TEXT = "Snow fell on Halifax, Nova Scotia, and later on Halifax again."


@pytest.mark.parametrize(
    ("start", "end", "phrase", "want"),
    [
        (13, 20, "Halifax", (13, 20)),  # already right
        (17, 24, "Halifax", (13, 20)),  # four characters late: the nearest occurrence
        (22, 33, "Nova Scotia", (22, 33)),
        (24, 35, "Nova Scotia", (22, 33)),
        (0, 4, "Moncton", (0, 4)),  # no such phrase nearby: left as given
    ],
)
def test_gold_spans_move_onto_their_phrase(
    start: int, end: int, phrase: str, want: tuple[int, int]
) -> None:
    got = _benchmark().realign(TEXT, start, end, phrase)
    assert got == want
    if phrase in TEXT:
        assert TEXT[got[0] : got[1]] == phrase


@pytest.fixture(scope="module")
def bench() -> Any:
    return _benchmark()


@pytest.mark.parametrize(
    ("phrase", "demonym"),
    [("Greek", True), ("Turkish", True), ("Canadian", True), ("Greece", False),
     ("Varzaqan", False)],
)  # fmt: skip
def test_nationality_words_are_told_from_place_names(
    bench: Any, phrase: str, demonym: bool
) -> None:
    gold = bench.Gold(0, len(phrase), phrase, None, None, None, None, None)
    assert bench.is_demonym(gold, Resources().gazetteer) is demonym
