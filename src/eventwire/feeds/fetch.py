"""Polite HTTP: robots.txt, per-host rate limits, conditional requests, timeouts, size caps.

`Fetcher.get(url)` is the only way the feed reader touches the network. Every request

- carries a descriptive User-Agent (`FetchPolicy.user_agent`);
- is checked against the host's robots.txt first (RFC 9309: a missing robots.txt allows all,
  401/403 or an unreachable one (5xx, timeout) disallows all for `robots_error_ttl` seconds);
- waits its turn: two requests to one host are at least `host_interval` seconds apart, or the
  robots.txt `Crawl-delay` when that is longer;
- ends within `timeout` seconds (connect, headers and body together: a server trickling bytes
  is cut off), and is refused past `max_bytes`;
- follows at most `max_redirects` redirects, each checked against robots.txt, and stops at
  the first URL seen twice (a redirect loop);
- goes only to public addresses: the URL and every redirect hop are resolved and refused
  (`BlockedAddressError`) when they point at loopback, private, link-local, multicast or
  reserved addresses, checked again at connect time (`eventwire.feeds.guard`), unless the
  call passes `allow_private=True` (a source added with `--allow-private-network`).

Conditional headers (`If-None-Match`, `If-Modified-Since`) are the caller's: a 304 comes back
as a `Response` whose `not_modified` is true.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from .errors import (
    FeedError,
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
    PageTooLargeError,
    RedirectLoopError,
    RobotsBlockedError,
)
from .guard import AddressCheck, GuardedBackend, Resolver, check_url, public_address, resolve_host

__all__ = ["ROBOTS_AGENT", "USER_AGENT", "FetchPolicy", "Fetcher", "Response"]

ROBOTS_AGENT = "eventwire"
USER_AGENT = (
    f"eventwire/{__version__} (news feed reader for event coding; follows robots.txt; "
    "polls each feed at most every few minutes)"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


@dataclass(frozen=True, kw_only=True)
class FetchPolicy:
    """How politely and how patiently to fetch."""

    user_agent: str = USER_AGENT
    robots_agent: str = ROBOTS_AGENT
    timeout: float = 20.0  # seconds for one request, all included
    connect_timeout: float = 5.0
    max_bytes: int = 5 << 20  # a page or a feed; an article's text has its own 1 MiB cap
    host_interval: float = 2.0  # seconds between two requests to one host
    max_redirects: int = 5  # hops followed; one more is a RedirectLoopError
    robots_ttl: float = 3600.0
    robots_error_ttl: float = 600.0


@dataclass(frozen=True)
class Response:
    """A fetched URL: the final URL after redirects, the status, headers and body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Robots:
    parser: RobotFileParser
    expires: float


@dataclass
class Fetcher:
    """Fetches URLs under a `FetchPolicy`; keeps robots.txt and rate-limit state per host.

    `resolve` and `address_allowed` are the address guard's (tests swap them).
    """

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    resolve: Resolver = resolve_host
    address_allowed: AddressCheck = public_address
    _clients: dict[bool, httpx.Client] = field(default_factory=dict, init=False, repr=False)
    _robots: dict[str, _Robots] = field(default_factory=dict, init=False, repr=False)
    _last: dict[str, float] = field(default_factory=dict, init=False, repr=False)  # request ends
    _delay: dict[str, float] = field(default_factory=dict, init=False, repr=False)  # Crawl-delay

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def client(self, *, allow_private: bool = False) -> httpx.Client:
        """The HTTP client; unless `allow_private`, one that connects to public addresses only."""
        if allow_private not in self._clients:
            timeout = httpx.Timeout(self.policy.timeout, connect=self.policy.connect_timeout)
            transport = httpx.HTTPTransport()
            if not allow_private:
                # httpx has no public hook for the socket layer; its pool takes httpcore's
                guard = GuardedBackend(resolve=self.resolve, allowed=self.address_allowed)
                transport._pool._network_backend = guard
            self._clients[allow_private] = httpx.Client(
                headers={"User-Agent": self.policy.user_agent},
                timeout=timeout,
                follow_redirects=False,  # followed here, to check robots.txt, addresses, loops
                trust_env=False,  # no proxy from the environment: fetch what was asked
                transport=transport,
            )
        return self._clients[allow_private]

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        robots: bool = True,
        allow_private: bool = False,
    ) -> Response:
        """GET `url` (following redirects); a 2xx or 304 `Response`, else a `FeedError`.

        Each hop must be on a public address unless `allow_private` (see the module doc).
        """
        seen = {url}
        for _ in range(self.policy.max_redirects + 1):
            if not allow_private:
                check_url(url, resolve=self.resolve, allowed=self.address_allowed)
            if robots and not self.allowed(url, allow_private=allow_private):
                raise RobotsBlockedError(f"{url}: disallowed by robots.txt")
            response = self._once(url, headers or {}, allow_private=allow_private)
            location = response.headers.get("location")
            if response.status in _REDIRECTS and location:
                url = urljoin(url, location)
                if url in seen:
                    raise RedirectLoopError(f"{url}: redirect loop")
                seen.add(url)
                continue
            if response.status >= 400:
                raise HttpStatusError(f"{url}: HTTP {response.status}", status=response.status)
            return response
        raise RedirectLoopError(f"{url}: more than {self.policy.max_redirects} redirects")

    def allowed(self, url: str, *, allow_private: bool = False) -> bool:
        """Whether the host's robots.txt lets our agent fetch `url`."""
        origin = _origin(url)
        robots = self._robots.get(origin)
        if robots is None or robots.expires <= self.clock():
            robots = self._read_robots(origin, allow_private=allow_private)
            self._robots[origin] = robots
        return robots.parser.can_fetch(self.policy.robots_agent, url)

    def _read_robots(self, origin: str, *, allow_private: bool) -> _Robots:
        parser = RobotFileParser(origin + "/robots.txt")
        ttl = self.policy.robots_ttl
        try:
            response = self.get(origin + "/robots.txt", robots=False, allow_private=allow_private)
            lines = response.body.decode("utf-8", "replace").splitlines()
        except HttpStatusError as e:
            # RFC 9309: 4xx means no rules; 5xx means the site is unsure, so keep out
            closed = e.status in (401, 403) or e.status >= 500
            lines = _DISALLOW_ALL if closed else []
            ttl = self.policy.robots_error_ttl
        except (FeedError, PageTooLargeError):
            lines, ttl = _DISALLOW_ALL, self.policy.robots_error_ttl
        parser.parse(lines)
        parser.modified()  # can_fetch answers False until the parser is marked as read
        delay = parser.crawl_delay(self.policy.robots_agent)
        if delay is not None:
            self._delay[urlsplit(origin).netloc] = float(delay)
        return _Robots(parser=parser, expires=self.clock() + ttl)

    def _wait_turn(self, host: str) -> None:
        """Sleep until `host` has had its interval of quiet since our last request ended."""
        interval = max(self.policy.host_interval, self._delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            gap = interval - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)

    def _once(self, url: str, headers: Mapping[str, str], *, allow_private: bool) -> Response:
        """One request, no redirects followed, bounded in time and size."""
        host = urlsplit(url).netloc
        self._wait_turn(host)
        try:
            return self._request(url, headers, allow_private=allow_private)
        finally:
            self._last[host] = self.clock()

    def _request(self, url: str, headers: Mapping[str, str], *, allow_private: bool) -> Response:
        client = self.client(allow_private=allow_private)
        deadline = self.clock() + self.policy.timeout
        try:
            with client.stream("GET", url, headers=dict(headers)) as r:
                status, got = r.status_code, {k.lower(): v for k, v in r.headers.items()}
                if status in _REDIRECTS or status == 304 or status >= 400:
                    return Response(url=url, status=status, headers=got)
                self._check_length(url, got)
                body = bytearray()
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > self.policy.max_bytes:
                        raise PageTooLargeError(
                            f"{url}: over the {self.policy.max_bytes:,}-byte page limit"
                        )
                    if self.clock() > deadline:
                        raise FetchTimeoutError(
                            f"{url}: not complete after {self.policy.timeout:g} s"
                        )
                return Response(url=str(r.url), status=status, headers=got, body=bytes(body))
        except httpx.TimeoutException as e:
            raise FetchTimeoutError(f"{url}: timed out after {self.policy.timeout:g} s") from e
        except httpx.InvalidURL as e:
            raise FetchError(f"{url}: invalid URL ({e})") from e
        except httpx.HTTPError as e:
            raise FetchError(f"{url}: {type(e).__name__}: {e}") from e

    def _check_length(self, url: str, headers: Mapping[str, str]) -> None:
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.policy.max_bytes:
            raise PageTooLargeError(
                f"{url}: {int(length):,} bytes is over the {self.policy.max_bytes:,}-byte limit"
            )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
