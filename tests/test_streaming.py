"""A 1 GB input streams through the readers and the runner in bounded memory."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from eventwire.pipeline import Pipeline
from eventwire.readers import read_inputs
from eventwire.record import Document
from eventwire.resources import Resources
from eventwire.stage import Stage

GIB = 1 << 30


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _count_words(doc: Document, *, resources: Resources) -> Document:
    doc.text = doc.text[:100]  # a stage that keeps a little of each article
    return doc


def test_one_gigabyte_streams_in_bounded_memory(tmp_path: Path) -> None:
    body = "Officials said talks would resume next week in the capital. " * 16  # ~1 KB
    line = json.dumps({"id": "x", "published": "2024-11-02", "text": body}) + "\n"
    n = GIB // len(line) + 1
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as handle:
        block = line * 1000
        for _ in range(n // 1000 + 1):
            handle.write(block)
    total = (n // 1000 + 1) * 1000
    assert total * len(line) >= GIB
    pipe = Pipeline(
        [Stage("trim", _count_words, reads=("text",), writes=("text",), help="trim")],
        Resources(),
    )
    before = _rss_mb()
    peak = before
    seen = 0
    for result in pipe.run(read_inputs([str(path)])):
        assert isinstance(result, Document)
        seen += 1
        if seen % 50_000 == 0:
            peak = max(peak, _rss_mb())
    assert seen == total
    assert peak - before < 150, f"memory grew by {peak - before:.0f} MB"
