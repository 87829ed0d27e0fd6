"""RSS and Atom feeds to items, by feedparser.

feedparser is lenient: from malformed XML it salvages what items it can and says so
(`bozo`). A document with no items and no recognisable feed is refused (`FeedParseError`);
one with items but broken XML comes back with `malformed` set, so the watcher can record it
and still read the items.
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import FeedParseError

__all__ = ["FeedItem", "ParsedFeed", "parse_feed"]


@dataclass(frozen=True, kw_only=True)
class FeedItem:
    """One entry of a feed: where the article is and what the feed says about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 UTC timestamp, when the feed gives one
    author: str | None = None

    @property
    def date(self) -> str | None:
        """The publication date as YYYY-MM-DD."""
        return self.published[:10] if self.published else None


@dataclass(frozen=True, kw_only=True)
class ParsedFeed:
    """A feed's title and items (newest first when dated); `malformed` notes broken XML."""

    title: str | None
    items: list[FeedItem]
    malformed: str | None = None

    @property
    def newest(self) -> str | None:
        dates = [i.published for i in self.items if i.published]
        return max(dates) if dates else None


def parse_feed(body: bytes, *, url: str) -> ParsedFeed:
    """The items of an RSS or Atom document fetched from `url`; `FeedParseError` if none."""
    import feedparser

    # bytes, never a str: feedparser would fetch a str that looks like a URL
    parsed = feedparser.parse(bytes(body), response_headers={"content-location": url})
    items = [i for i in (_item(e, base=url) for e in parsed.entries) if i is not None]
    problem = _problem(parsed, feedparser)
    if not items and (problem or not parsed.get("version")):
        raise FeedParseError(f"{url}: not an RSS or Atom feed ({problem or 'no feed found'})")
    items.sort(key=lambda i: i.published or "", reverse=True)
    title = parsed.feed.get("title") if hasattr(parsed, "feed") else None
    return ParsedFeed(title=title or None, items=items, malformed=problem or None)


def _problem(parsed: Any, feedparser: Any) -> str | None:
    """What is wrong with the XML, ignoring a missing or wrong Content-Type or charset."""
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    benign = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
    if error is None or isinstance(error, benign):
        return None
    return str(error) or type(error).__name__


def _item(entry: Any, *, base: str) -> FeedItem | None:
    link = entry.get("link") or _alternate(entry)
    if not link:
        return None
    url = urljoin(base, str(link).strip())
    if urlsplit(url).scheme not in ("http", "https"):
        return None  # javascript:, mailto: and the like are not articles
    return FeedItem(
        url=url,
        title=(entry.get("title") or "").strip() or None,
        published=_timestamp(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=(entry.get("author") or "").strip() or None,
    )


def _alternate(entry: Any) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _timestamp(value: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time as an ISO timestamp."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return None
