"""Live feeds: follow outlets' RSS/Atom feeds and code new articles as they appear.

`Watcher(store, sources, pipeline=...)` polls each `Source` of the sources file at its
interval with a polite `Fetcher` (robots.txt, per-host rate limits, conditional requests,
timeouts, size caps), extracts each new page's main text with trafilatura, codes it and
stores it once (same URL, or the same text from another outlet, is not coded twice), and
records every failure in the store (`FeedState.failures`). See docs/feeds.md.
"""

from __future__ import annotations

from .errors import (
    BlockedAddressError,
    FeedError,
    FeedParseError,
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
    PageTooLargeError,
    RedirectLoopError,
    RobotsBlockedError,
    SourcesError,
    is_transient,
)
from .extract import Extracted, extract_article
from .fetch import USER_AGENT, Fetcher, FetchPolicy, Response
from .parse import FeedItem, ParsedFeed, parse_feed
from .sources import (
    Source,
    add_source,
    default_sources_path,
    load_sources,
    make_source,
    remove_source,
    save_sources,
)
from .state import FeedState, FeedStatus, ItemState, article_id_for, canonical_url
from .watch import CheckReport, PollReport, Watcher, WatchPolicy, backoff_delay, check_feed

__all__ = [
    "USER_AGENT",
    "BlockedAddressError",
    "CheckReport",
    "Extracted",
    "FeedError",
    "FeedItem",
    "FeedParseError",
    "FeedState",
    "FeedStatus",
    "FetchError",
    "FetchPolicy",
    "FetchTimeoutError",
    "Fetcher",
    "HttpStatusError",
    "ItemState",
    "PageTooLargeError",
    "ParsedFeed",
    "PollReport",
    "RedirectLoopError",
    "Response",
    "RobotsBlockedError",
    "Source",
    "SourcesError",
    "WatchPolicy",
    "Watcher",
    "add_source",
    "article_id_for",
    "backoff_delay",
    "canonical_url",
    "check_feed",
    "default_sources_path",
    "extract_article",
    "is_transient",
    "load_sources",
    "make_source",
    "parse_feed",
    "remove_source",
    "save_sources",
]
