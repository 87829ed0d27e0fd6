"""Near-duplicate articles: wire copies and light rewrites of one story.

Policy (docs/input.md): an article whose text is nearly the same as an earlier one of the same
run (Jaccard similarity of word 5-shingles estimated by MinHash, at least `threshold`, 0.7) is still
coded and stored, because its outlet belongs in the reporting chain, but it is flagged:
`article.duplicate_of` names the earlier article. Exact copies (the same text) are the same
article already: the store keeps one row for one text. The events of copies are linked into
one story by the cross-article deduplication (docs/dedup.md), so they are counted once.

The index is MinHash LSH (datasketch). It holds the last `window` articles, so memory stays
bounded on any corpus: wire copies come out within hours of each other, not weeks.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .readers import InputFailure
from .record import Document

__all__ = ["NearDuplicates", "flag_near_duplicates"]

_WORD = re.compile(r"\w+")


class NearDuplicates:
    """A sliding index of recent articles for near-duplicate look-ups."""

    def __init__(self, *, threshold: float = 0.7, num_perm: int = 128, window: int = 50_000):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.window = window
        # LSH with a lower threshold finds candidates (few misses); the estimate confirms them
        self._lsh = MinHashLSH(threshold=max(0.3, threshold - 0.2), num_perm=num_perm)
        self._hashes: dict[str, Any] = {}
        self._order: deque[str] = deque()

    def _minhash(self, text: str) -> Any:
        from datasketch import MinHash

        words = _WORD.findall(text.lower())
        shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
        m = MinHash(num_perm=self.num_perm, seed=1)
        m.update_batch([s.encode("utf-8") for s in shingles])
        return m

    def check(self, article_id: str, text: str) -> str | None:
        """The id of an earlier near-duplicate of `text`, if any; then remember this one."""
        m = self._minhash(text)
        scored = [
            (-m.jaccard(self._hashes[k]), k)
            for k in self._lsh.query(m)
            if k != article_id and m.jaccard(self._hashes[k]) >= self.threshold
        ]
        if article_id not in self._hashes:
            self._lsh.insert(article_id, m)
            self._hashes[article_id] = m
            self._order.append(article_id)
            if len(self._order) > self.window:
                old = self._order.popleft()
                self._lsh.remove(old)
                del self._hashes[old]
        return min(scored)[1] if scored else None


def flag_near_duplicates(
    items: Iterable[Document | InputFailure], *, index: NearDuplicates | None = None
) -> Iterator[Document | InputFailure]:
    """The same items, each document's `article.duplicate_of` set when it copies an earlier."""
    index = index or NearDuplicates()
    for item in items:
        if isinstance(item, Document) and len(item.text) >= 200:  # short texts look alike
            item.article.duplicate_of = index.check(item.article.id, item.text)
        yield item
