"""The feed reader's named errors, all `EventwireError`s (see `eventwire.errors` for the tree)::

EventwireError
├── InputError
│   ├── EmptyInputError         extraction found no main text          kind "empty"
│   ├── LanguageError           the article is not English            kind "language"
│   └── TooLargeError
│       └── PageTooLargeError   a page or feed over the size limit      kind "too_large"
├── ConfigError
│   └── SourcesError            a bad sources file or source entry      kind "config"
└── FeedError                   a feed or page could not be had         kind "feed"
    ├── FetchError              connection refused, reset, DNS, TLS     kind "fetch"
    │   ├── FetchTimeoutError   no complete answer within the timeout   kind "timeout"
    │   └── HttpStatusError     an HTTP error status (4xx, 5xx)         kind "http"
    ├── RedirectLoopError       a redirect loop or too many redirects   kind "redirect_loop"
    ├── RobotsBlockedError      robots.txt disallows the URL            kind "robots"
    ├── BlockedAddressError     a non-public address (SSRF guard)       kind "blocked_address"
    └── FeedParseError          not an RSS/Atom feed (malformed XML)    kind "feed_malformed"

`kind` is what the failures log records. Timeouts, network errors, 429 and 5xx statuses are
transient (`is_transient`: tried again later, with backoff); the others are final for that URL.
"""

from __future__ import annotations

from ..errors import ConfigError, EventwireError, TooLargeError

__all__ = [
    "BlockedAddressError",
    "FeedError",
    "FeedParseError",
    "FetchError",
    "FetchTimeoutError",
    "HttpStatusError",
    "PageTooLargeError",
    "RedirectLoopError",
    "RobotsBlockedError",
    "SourcesError",
    "is_transient",
]


class FeedError(EventwireError):
    """A feed or an article page could not be had."""

    kind = "feed"


class FetchError(FeedError):
    """A network failure: worth trying again later."""

    kind = "fetch"


class FetchTimeoutError(FetchError):
    kind = "timeout"


class HttpStatusError(FetchError):
    """An HTTP error status; `status` is the code."""

    kind = "http"

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class RedirectLoopError(FeedError):
    kind = "redirect_loop"


class RobotsBlockedError(FeedError):
    kind = "robots"


class BlockedAddressError(FeedError):
    """The URL (or a redirect hop) points at a loopback, private, link-local, multicast or
    reserved address, and its source was not added with --allow-private-network."""

    kind = "blocked_address"


class FeedParseError(FeedError):
    kind = "feed_malformed"


class PageTooLargeError(TooLargeError):
    kind = "too_large"


class SourcesError(ConfigError):
    kind = "config"


def is_transient(error: BaseException) -> bool:
    """True for failures worth trying again later: timeouts, network errors, 429, 5xx."""
    if isinstance(error, HttpStatusError):
        return error.status == 429 or error.status >= 500
    return isinstance(error, FetchError)
