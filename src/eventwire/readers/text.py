"""Bytes to article text: the checks every input goes through, and the dated-text format.

Policies (documented in docs/input.md):
- an article is at most `MAX_ARTICLE_BYTES` (1 MiB) of UTF-8; longer inputs are refused
  rather than truncated, because a truncated article silently loses events;
- NUL bytes, or more than 5% control characters, mean binary data;
- text must be UTF-8 (a BOM is allowed); other encodings are refused, not guessed;
- whitespace-only text is empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from ..errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    HeaderError,
    TooLargeError,
)
from ..record import Article, Document

__all__ = [
    "ARTICLE_DATE_PATTERN",
    "MAX_ARTICLE_BYTES",
    "content_id",
    "decode_text",
    "is_article_date",
    "is_iso_date",
    "make_document",
    "parse_date",
    "parse_dated_text",
]

MAX_ARTICLE_BYTES = 1 << 20

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# "date" then something that starts like a date: the header. "Date palms ..." is plain text.
_HEADER = re.compile(r"\A\s*date[ \t]+(\S*\d\S*)[ \t]*(?:\r?\n)?", re.IGNORECASE)


def decode_text(data: bytes, *, where: str) -> str:
    """Check and decode one article's bytes; raise a named `InputError` on bad input."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise TooLargeError(
            f"{where}: {len(data):,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte article limit"
        )
    if b"\x00" in data[:65536]:
        raise BinaryInputError(f"{where}: binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise EncodingError(
            f"{where}: not UTF-8 (undecodable byte at offset {e.start}); re-encode it as UTF-8"
        ) from e
    check_text(text, where=where)
    return text


def check_text(text: str, *, where: str) -> None:
    """Refuse empty and binary-looking text."""
    if not text.strip():
        raise EmptyInputError(f"{where}: empty article (no text)")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise BinaryInputError(f"{where}: binary data (control characters), not text")


def is_iso_date(value: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD, nothing else ("2024-W44-1" is not)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


#: An article's date: YYYY-MM-DD in the years 1000-9999. Before 1000 is no news date (and
#: 0001-01-01 leaves no room for "yesterday"); the pattern is the API schema's too.
ARTICLE_DATE_PATTERN = r"^[1-9]\d{3}-\d{2}-\d{2}$"


def is_article_date(value: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD in the years 1000-9999."""
    return bool(re.match(ARTICLE_DATE_PATTERN, value)) and is_iso_date(value)


def parse_date(value: str, *, where: str) -> str:
    """`YYYY-MM-DD` in the years 1000-9999 (a full ISO timestamp is cut to its date) or
    `HeaderError`."""
    candidate = value.strip()[:10]
    if not is_article_date(candidate):
        raise HeaderError(
            f"{where}: bad date {value.strip()!r}: expected YYYY-MM-DD in the years 1000-9999"
        )
    return candidate


def parse_dated_text(text: str, *, where: str) -> tuple[str | None, str]:
    """Split the `date YYYY-MM-DD` header from the body; (None, text) when there is none."""
    match = _HEADER.match(text)
    if not match:
        return None, text
    published = parse_date(match.group(1), where=where)
    body = text[match.end() :]
    if not body.strip():
        raise EmptyInputError(f"{where}: a date header but no article text")
    return published, body


def content_id(text: str) -> str:
    """A stable article id from the text alone (the same text always gets the same id)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_document(
    text: str,
    *,
    article_id: str | None = None,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Document:
    """A `Document` holding only what a reader knows: the article and its raw text."""
    article = Article(
        id=article_id or content_id(text),
        published=published,
        title=title,
        outlet=outlet,
        url=url,
    )
    return Document(article=article, text=text)
