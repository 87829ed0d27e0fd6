"""Candidate strings for a fuzzy query: only those whose length and letters can reach its cutoff.

`fuzz.ratio` is 100 * (1 - d / (m + n)) for the Indel distance d between strings of lengths m
and n. Two bounds prune the candidates exactly, before any string is compared:
- length: the ratio is at most 200 * shorter / (shorter + longer);
- letters: each insertion or deletion changes one letter count by one, so d is at least the L1
  distance between the strings' letter-count vectors (letters folded into a few buckets, which
  keeps the bound a bound). Most queries of a news article (names the base does not hold) are
  ruled out here, in one vectorised pass, instead of by thousands of string comparisons.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["LengthIndex"]

#: letter buckets: a-z, 0-9, space, and three catch-alls by code point
_BUCKETS = 39


def _bucket_table() -> np.ndarray:
    table = np.full(128, 37, dtype=np.intp)
    for i in range(26):
        table[ord("a") + i] = i
        table[ord("A") + i] = i
    for i in range(10):
        table[ord("0") + i] = 26 + i
    table[ord(" ")] = 36
    return table


_TABLE = _bucket_table()


def _codes(text: str) -> np.ndarray:
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return np.where(points < 128, _TABLE[points & 127], 38)


class LengthIndex:
    """Strings with their actor ids, sorted by length, each with its letter counts."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        pairs.sort(key=lambda pair: len(pair[0]))
        self.strings = [text for text, _ in pairs]
        self.ids = [kb_id for _, kb_id in pairs]
        lengths = np.array([len(text) for text in self.strings], dtype=np.intp)
        rows = np.repeat(np.arange(len(lengths)), lengths)
        cells = rows * _BUCKETS + _codes("".join(self.strings))
        counts = np.bincount(cells, minlength=len(lengths) * _BUCKETS)
        self._counts = counts.reshape(len(lengths), _BUCKETS).astype(np.int16)
        self.lengths = lengths  # sorted, so the lengths a query can reach are one slice

    def near(self, query: str, min_score: float) -> tuple[list[str], list[str]]:
        """The strings (and ids) that can reach `fuzz.ratio` >= `min_score` with `query`, in
        index order; all of them for a cutoff of 0."""
        if min_score <= 0:
            return self.strings, self.ids
        length = len(query)
        stretch = (200.0 - min_score) / min_score
        lo = int(np.searchsorted(self.lengths, math.ceil(length / stretch - 1e-9), "left"))
        hi = int(np.searchsorted(self.lengths, math.floor(length * stretch + 1e-9), "right"))
        if lo >= hi:
            return [], []
        mine = np.bincount(_codes(query), minlength=_BUCKETS).astype(np.int16)
        apart = np.abs(self._counts[lo:hi] - mine).sum(axis=1)
        # d <= (1 - cutoff / 100) * (m + n); the margin only keeps float rounding on the safe side
        allowed = (100.0 - min_score) / 100.0 * (self.lengths[lo:hi] + length) + 1e-6
        keep = np.flatnonzero(apart <= allowed) + lo
        return [self.strings[i] for i in keep], [self.ids[i] for i in keep]
