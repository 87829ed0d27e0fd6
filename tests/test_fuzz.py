"""Property tests: no input crashes or hangs a reader or the pipeline; bad input gives error
records only."""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Sequence
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


BODY = "Officials said talks between the two governments would resume in the capital."
nested = st.builds(
    lambda opener, depth: (opener * depth).encode(),
    st.sampled_from(["[", "{", '{"a":', '{"text": [', "[{"]),
    st.integers(min_value=60, max_value=120_000),
)
bad_bytes = st.builds(
    # spaces part the bad bytes from random neighbours, which could otherwise complete them
    # into valid UTF-8 (b"\xe2" + b"\x80\x80" is U+2000, a space: an "empty" article)
    lambda head, bad, tail: head + b" " + bad + b" " + tail,
    st.binary(max_size=40),
    st.sampled_from([b"\xff", b"\xc3", b"\xe9 ", b"\xed\xa0\x80", b"\x80\x80"]),
    st.binary(max_size=40),
)


def _good_ids(items: Sequence[object]) -> list[str]:
    return [i.article.id for i in items if isinstance(i, Document)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hostile=st.one_of(nested, bad_bytes),
    before=st.integers(0, 3),
    after=st.integers(1, 3),
    suffix=st.sampled_from([".jsonl", ".jsonl.gz", "", "records"]),
)
def test_json_lines_keep_the_good_lines_around_a_hostile_one(
    hostile: bytes, before: int, after: int, suffix: str
) -> None:
    import json

    from eventwire.readers.records import read_records

    good = [f"g{i}" for i in range(before + after)]
    lines = [
        json.dumps(make_document(BODY, article_id=i).to_dict() if suffix == "records" else
                   {"id": i, "text": BODY}).encode()
        for i in good
    ]  # fmt: skip
    hostile = hostile.replace(b"\n", b" ").replace(b"\r", b" ")
    data = b"\n".join([*lines[:before], hostile, *lines[before:]]) + b"\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{'.jsonl' if suffix == 'records' else suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        if suffix == "records":
            items: list[object] = list(read_records([str(path)]))
        else:
            items = list(read_inputs([str(path)]))
    if not hostile.strip() or (not lines[:before] and suffix == ""):
        return  # a blank line is no record; without a leading '{' "" is one plain-text article
    assert _good_ids(items) == good
    assert len(items) == len(good) + 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hostile=bad_bytes,
    before=st.integers(0, 3),
    after=st.integers(0, 3),
    delimiter=st.sampled_from([",", "\t"]),
)
def test_csv_keeps_the_good_rows_around_bad_bytes(
    hostile: bytes, before: int, after: int, delimiter: str
) -> None:
    good = [f"g{i}" for i in range(before + after)]
    sep = delimiter.encode()
    field = b'"' + hostile.replace(b'"', b'""') + b'"'
    rows = [f"{i}{delimiter}{BODY}".encode() for i in good]
    data = b"\n".join([b"id" + sep + b"text", *rows[:before], b"bad" + sep + field, *rows[before:]])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("input.csv" if delimiter == "," else "input.tsv")
        path.write_bytes(data + b"\n")
        items = list(read_inputs([str(path)]))
    assert _good_ids(items) == good
    [bad] = [i for i in items if isinstance(i, InputFailure)]
    assert bad.error.kind == "encoding" and bad.article["id"] == "bad"
    assert bad.article["source"] == f"{path}:{before + 2}"
