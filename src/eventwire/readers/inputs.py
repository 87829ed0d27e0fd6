"""Paths in, documents out: files, directories, JSON Lines, CSV, HTML, compressed, stdin.

`read_inputs` yields, for each article it finds, either a `Document` (article and raw text)
or an `InputFailure` (a named error and what is known of the article), so that a batch goes
on past a bad article. Every input is streamed: JSON Lines and CSV row by row, `.gz` and
`.zst` decompressed on the fly, so memory stays bounded whatever the file's size.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import (
    BinaryInputError,
    EncodingError,
    InputError,
    MalformedRecordError,
    MissingInputError,
    TooLargeError,
)
from ..record import Document, ErrorRecord
from .html import extract_page, looks_like_html
from .text import (
    MAX_ARTICLE_BYTES,
    check_text,
    decode_text,
    make_document,
    parse_date,
    parse_dated_text,
)

__all__ = [
    "MAX_JSON_DEPTH",
    "InputFailure",
    "check_json_depth",
    "document_from_json",
    "load_json_line",
    "read_bytes_article",
    "read_inputs",
]

_JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
_CSV_SUFFIXES = {".csv": ",", ".tsv": "\t"}
_TEXT_COLUMNS = ("text", "body", "content", "article")
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
# what `surrogateescape` makes of a byte that is not UTF-8
_BAD_BYTE = re.compile("[\udc80-\udcff]")
# JSON nesting deeper than this is refused before parsing: an article is a flat object, and
# the parser recurses once per level (100k "[" would be a RecursionError)
MAX_JSON_DEPTH = 64
_JSON_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
# a UTF-16 surrogate alone ("\ud800" in JSON) is no character: it cannot be stored or printed
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class InputFailure:
    """An article that could not be read: the error and what is known of the article."""

    error: InputError
    article: dict[str, Any]

    def to_record(self) -> ErrorRecord:
        return ErrorRecord(article=self.article, kind=self.error.kind, message=str(self.error))


Item = Document | InputFailure


def read_inputs(
    paths: Iterable[str], *, date: str | None = None, stdin: IO[bytes] | None = None
) -> Iterator[Item]:
    """Every article in `paths` ("-" is stdin), in order; `date` fills a missing date."""
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, where="<stdin>", date=date)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.name not in _SKIP_NAMES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for file in files:
                yield from _read_file(file, date=date)
        else:
            yield from _read_file(path, date=date)


def _read_file(path: Path, *, date: str | None) -> Iterator[Item]:
    where = str(path)
    if not path.exists():
        yield _failure(MissingInputError(f"{where}: no such file or directory"), where)
        return
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    compression = suffixes[-1] if suffixes and suffixes[-1] in {".gz", ".zst"} else None
    inner = (suffixes[-2] if len(suffixes) == 2 else "") if compression else path.suffix.lower()
    try:
        handle = _open(path, compression)
    except OSError as e:
        yield _failure(MissingInputError(f"{where}: cannot open ({e.strerror})"), where)
        return
    try:
        with handle:
            if inner in _JSONL_SUFFIXES:
                yield from _read_jsonl(handle, where=where, date=date)
            elif inner in _CSV_SUFFIXES:
                yield from _read_csv(handle, where=where, date=date, delimiter=_CSV_SUFFIXES[inner])
            else:
                yield from _read_stream(handle, where=where, date=date)
    except (OSError, EOFError, ValueError, _zstd_error()) as e:
        # a truncated or corrupt archive: whatever was read before stands
        error = BinaryInputError(f"{where}: cannot decompress ({type(e).__name__}: {e})")
        yield _failure(error, where)


def _zstd_error() -> type[Exception]:
    """zstandard's error class, which derives from Exception alone."""
    try:
        import zstandard
    except ImportError:  # pragma: no cover - a pinned dependency
        return OSError
    return zstandard.ZstdError


def _open(path: Path, compression: str | None) -> IO[bytes]:
    if compression == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == ".zst":
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(path.open("rb"), closefd=True)
        return io.BufferedReader(reader)  # line iteration needs a buffered stream
    return path.open("rb")


def _read_csv(stream: IO[bytes], *, where: str, date: str | None, delimiter: str) -> Iterator[Item]:
    """One article per row; the text column is the first of text, body, content, article.

    Bytes that are not UTF-8 are decoded as lone surrogates (`surrogateescape`), so that the
    parser reads past them: the row that holds them becomes an `encoding` error record and
    the rows before and after stand.
    """
    csv.field_size_limit(MAX_ARTICLE_BYTES + 1)
    text_stream = io.TextIOWrapper(
        stream, encoding="utf-8-sig", errors="surrogateescape", newline=""
    )
    reader = csv.DictReader(text_stream, delimiter=delimiter)
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as e:
        yield _failure(MalformedRecordError(f"{where}:1: cannot read the CSV header ({e})"), where)
        return
    if any(_BAD_BYTE.search(c) for c in fieldnames):
        yield _failure(EncodingError(f"{where}:1: the CSV header is not UTF-8"), where)
        return
    columns = [c.strip().lower() for c in fieldnames]
    column = next((c for c in _TEXT_COLUMNS if c in columns), None)
    if column is None:
        missing = MalformedRecordError(
            f"{where}: no text column (expected one of {', '.join(_TEXT_COLUMNS)})"
        )
        yield _failure(missing, where)
        return
    rows = iter(reader)
    while True:
        # a row's place is the line it starts on (a quoted field may span lines)
        here = f"{where}:{reader.line_num + 1}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            error: InputError = (
                TooLargeError(f"{here}: {e}")
                if "larger" in str(e)
                else (MalformedRecordError(f"{here}: {e}"))
            )
            yield _failure(error, here)
            continue
        data = {k.strip().lower(): v for k, v in row.items() if isinstance(k, str)}
        record = {
            "id": data.get("id") or None,
            "published": data.get("published") or data.get("date") or None,
            "title": data.get("title") or None,
            "outlet": data.get("outlet") or data.get("source") or None,
            "url": data.get("url") or None,
            "text": data.get(column),
        }
        bad = [k for k, v in row.items() if isinstance(v, str) and _BAD_BYTE.search(v)]
        if bad:
            error = EncodingError(f"{here}: not UTF-8 (bad bytes in column {bad[0]!r})")
            safe_id = record["id"] if not _BAD_BYTE.search(record["id"] or "") else None
            yield _failure(error, here, data={"id": safe_id})
            continue
        try:
            yield document_from_json(record, where=here, date=date)
        except InputError as e:
            yield _failure(e, here, data=record)


def _read_stream(stream: IO[bytes], *, where: str, date: str | None) -> Iterator[Item]:
    """One article of dated or plain text, unless the content is JSON Lines."""
    head = stream.read(MAX_ARTICLE_BYTES + 1)
    if head.lstrip()[:1] == b"{":
        yield from _read_jsonl(_Chain(head, stream), where=where, date=date)
        return
    if len(head) > MAX_ARTICLE_BYTES:
        size = len(head) + _drain(stream)
        yield _failure(
            TooLargeError(
                f"{where}: {size:,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte article limit"
            ),
            where,
        )
        return
    try:
        yield read_bytes_article(head, where=where, date=date)
    except InputError as e:
        yield _failure(e, where)


def read_bytes_article(data: bytes, *, where: str, date: str | None = None) -> Document:
    """One article from the bytes of a dated-text or plain-text file."""
    text = decode_text(data, where=where)
    published, body = parse_dated_text(text, where=where)
    if looks_like_html(body):
        page = extract_page(body, where=where)
        return make_document(
            page.text, published=published or page.date or date, title=page.title, url=page.url
        )
    return make_document(body, published=published or date)


def _bounded_lines(stream: IO[bytes] | _Chain) -> Iterator[tuple[bytes, int]]:
    """(line, its full size) for each line; a line over the article limit is not kept whole
    in memory: its first bytes come with its size, and the rest is skipped."""
    while line := stream.readline(MAX_ARTICLE_BYTES + 1):
        size = len(line)
        if size > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while rest := stream.readline(1 << 20):
                size += len(rest)
                if rest.endswith(b"\n"):
                    break
        yield line, size


def _read_jsonl(stream: IO[bytes] | _Chain, *, where: str, date: str | None) -> Iterator[Item]:
    for number, (line, size) in enumerate(_bounded_lines(stream), start=1):
        here = f"{where}:{number}"
        if not line.strip():
            continue
        data: Any = None
        try:
            if size > MAX_ARTICLE_BYTES:
                raise TooLargeError(
                    f"{here}: {size:,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit"
                )
            data = load_json_line(line, where=here)
            yield document_from_json(data, where=here, date=date)
        except InputError as e:
            yield _failure(e, here, data=data)


def load_json_line(line: bytes, *, where: str) -> Any:
    """One JSON Lines value, or `MalformedRecordError` (bad JSON, bad UTF-8, too deep)."""
    check_json_depth(line, where=where)
    try:
        return json.loads(line.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise MalformedRecordError(f"{where}: not a JSON object ({e})") from e
    except RecursionError as e:  # pragma: no cover - check_json_depth stops it first
        raise MalformedRecordError(f"{where}: JSON nested too deeply") from e


def check_json_depth(line: bytes, *, where: str) -> None:
    """Refuse JSON nested deeper than `MAX_JSON_DEPTH` (brackets inside strings do not count)."""
    if line.count(b"[") + line.count(b"{") <= MAX_JSON_DEPTH:
        return  # cannot be that deep: skip the scan
    depth = 0
    for token in _JSON_TOKEN.finditer(line):
        kind = token[0][:1]
        if kind in (b"[", b"{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise MalformedRecordError(
                    f"{where}: JSON nested over {MAX_JSON_DEPTH} levels deep"
                )
        elif kind in (b"]", b"}"):
            depth -= 1


def document_from_json(data: Any, *, where: str, date: str | None = None) -> Document:
    """A document from one JSON Lines object; only `text` is required."""
    if not isinstance(data, dict):
        raise MalformedRecordError(f"{where}: expected a JSON object, got {type(data).__name__}")
    text = data.get("text")
    if not isinstance(text, str):
        raise MalformedRecordError(f"{where}: the required field 'text' is missing or not text")
    check_text(text, where=where)
    for key in ("text", "id", "title", "outlet", "url", "published", "date"):
        value = data.get(key)
        if value is not None and not isinstance(value, str | int):
            raise MalformedRecordError(f"{where}: field {key!r} must be a string")
        if isinstance(value, str) and _SURROGATE.search(value):
            raise EncodingError(f"{where}: field {key!r} holds a lone UTF-16 surrogate")
    raw_date = data.get("published") or data.get("date")
    published = parse_date(str(raw_date), where=where) if raw_date else None
    title = data.get("title")
    if looks_like_html(text):
        page = extract_page(text, where=where)
        text, published, title = page.text, published or page.date, title or page.title
    article_id = data.get("id")
    return make_document(
        text,
        article_id=str(article_id) if article_id is not None else None,
        published=published or date,
        title=title,
        outlet=data.get("outlet"),
        url=data.get("url"),
    )


def _failure(error: InputError, where: str, *, data: Any = None) -> InputFailure:
    article: dict[str, Any] = {"source": where}
    if isinstance(data, dict) and isinstance(data.get("id"), str | int):
        article["id"] = str(data["id"])
    return InputFailure(error=error, article=article)


def _drain(stream: IO[bytes]) -> int:
    total = 0
    while chunk := stream.read(1 << 20):
        total += len(chunk)
    return total


class _Chain:
    """Bytes already read followed by the rest of a stream, read line by line."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = head
        self.rest = rest

    def readline(self, size: int = -1) -> bytes:
        if self.head:
            end = self.head.find(b"\n")
            cut = len(self.head) if end < 0 else end + 1
            if 0 <= size < cut:
                cut = size
            line, self.head = self.head[:cut], self.head[cut:]
            if line.endswith(b"\n") or self.head or (0 <= size <= len(line)):
                return line
            # the head ended mid-line: the line goes on in the stream
            return line + self.rest.readline(-1 if size < 0 else size - len(line))
        return self.rest.readline(size)
