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
