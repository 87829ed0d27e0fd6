"""Property tests: no input crashes or hangs a reader or the pipeline; bad input gives error
records only."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.pipeline import Pipeline
from eventwire.readers import InputFailure, make_document, read_inputs
from eventwire.record import Document, ErrorRecord

SUFFIXES = [".txt", ".jsonl", ".csv", ".tsv", ".html", ".txt.gz", ".jsonl.gz", ""]

# Text that looks like news sometimes: words, quotes, tags, dates, control characters.
news_bits = st.sampled_from(
    [
        "date 2024-11-02 ", "date 2024-99-99 ", '"', "“", "”", "'", "<p>", "</p>", "<script>",
        "<html><body>", "{", "}", '{"text": "', '"}', "\n", "\r\n", "\x00", "\x07", "\u200b",
        "Iran", "Israel", "attacked", "said", "he", "on Tuesday", "October 26", ",", ".",
        "Hezbollah fired rockets at Israel. ", "the official said ", "if", "not", "will",
        "id,text\n", "\t", "é", "—", "\ufeff", "العربية", "Русский", " ",
    ]
)  # fmt: skip
texts = st.one_of(st.text(max_size=400), st.lists(news_bits, max_size=60).map("".join))
blobs = st.one_of(st.binary(max_size=600), texts.map(lambda t: t.encode("utf-8", "surrogatepass")))


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(data=blobs, suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        for item in read_inputs([str(path)], date="2024-11-02"):
            assert isinstance(item, Document | InputFailure)
            if isinstance(item, Document):
                assert item.text.strip()
            else:
                assert item.error.kind and "\n" not in str(item.error)


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, date=st.sampled_from([None, "2024-11-02", "2024-02-29", "2025-01-01"]))
def test_pipeline_never_raises(pipeline: Pipeline, text: str, date: str | None) -> None:
    [out] = list(pipeline.run([make_document(text or " ", published=date)]))
    assert isinstance(out, Document | ErrorRecord)
    if isinstance(out, ErrorRecord):
        assert out.kind in {"empty", "language", "binary"}, out.message
        return
    data = out.to_dict()
    for part in ("actors", "quotes", "times", "places"):
        for item in data[part]:
            spans = item.get("mentions", [item])
            for span in spans:
                assert out.text[span["start"] : span["end"]] == span["text"]
    for event in out.events:
        for ev in event.evidence:
            assert out.text[ev.start : ev.end] == ev.text
