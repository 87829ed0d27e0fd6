"""Live feeds against local HTTP servers on 127.0.0.1 that the tests start and fill.

Every feed and page here is written for these tests. No other host is ever contacted.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.errors import EmptyInputError, LanguageError
from eventwire.feeds import (
    BlockedAddressError,
    FeedParseError,
    FeedState,
    Fetcher,
    FetchPolicy,
    FetchTimeoutError,
    HttpStatusError,
    PageTooLargeError,
    RedirectLoopError,
    RobotsBlockedError,
    Source,
    SourcesError,
    Watcher,
    WatchPolicy,
    add_source,
    backoff_delay,
    canonical_url,
    extract_article,
    load_sources,
    parse_feed,
    remove_source,
    save_sources,
)
from eventwire.feeds.guard import public_address
from eventwire.feeds.sources import parse_interval, parse_sources
from eventwire.pipeline import Pipeline
from eventwire.resources import Resources
from eventwire.store import Store

# -- a tiny web site -------------------------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between chunks of the body (then no Content-Length)
    chunk: int = 16
    etag: str | None = None


class Site:
    """Routes by path, hit counts and the request headers seen, on 127.0.0.1:<free port>."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.seen: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.times: list[float] = []
        self.closing = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path
            site.hits[path] += 1
            site.seen[path].append({k.lower(): v for k, v in self.headers.items()})
            site.times.append(time.monotonic())
            route = site.routes.get(path, Route(status=404, body=b"not here"))
            if route.delay and site.closing.wait(route.delay):
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.etag:
                self.send_header("ETag", route.etag)
            if not route.drip:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            # the client may give up first, as it should on a slow or huge page
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._body(route)

        def _body(self, route: Route) -> None:
            if not route.drip:
                self.wfile.write(route.body)
                return
            for i in range(0, len(route.body), route.chunk):
                if site.closing.wait(route.drip):
                    return
                self.wfile.write(route.body[i : i + route.chunk])
                self.wfile.flush()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    s.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n")
    s.thread.start()
    yield s
    s.close()


def fast_policy(**changes: object) -> FetchPolicy:
    values: dict[str, object] = {"timeout": 1.0, "connect_timeout": 1.0, "host_interval": 0.0}
    values.update(changes)
    return FetchPolicy(**values)  # type: ignore[arg-type]


# -- made-up feeds and articles --------------------------------------------------------------

STORIES = {
    "harbour": (
        "Port workers strike in Velmora",
        "Dock workers in the port city of Velmora walked off the job on Monday, and the union "
        "said the strike would continue until the harbour authority agreed to restore the "
        "night shift. The authority said it would meet union leaders on Thursday to discuss "
        "the dispute, according to a statement released by its press office.",
    ),
    "bridge": (
        "Council approves new river bridge",
        "The city council of Dunmere approved funding for a new bridge over the Calder river "
        "on Tuesday after a long debate. The mayor said that construction would begin in the "
        "spring and that the bridge would open to traffic within three years, while critics "
        "warned that the cost could rise well above the agreed budget.",
    ),
    "talks": (
        "Ministers meet for trade talks",
        "Trade ministers from Norland and Estavia met in the capital on Wednesday for a second "
        "round of talks on tariffs. Both governments said that the meeting had been useful and "
        "that their officials would keep working on a draft agreement, which they hope to sign "
        "before the end of the year in a public ceremony.",
    ),
    "floods": (
        "Floods close mountain roads",
        "Heavy rain caused floods across the northern valleys of Brennland on Friday, and the "
        "police closed several mountain roads as the water rose. The regional government sent "
        "rescue teams to three villages and asked residents to stay at home until the rain "
        "stops, which forecasters expect on Sunday evening.",
    ),
}
FRENCH = (
    "Les ministres des deux pays se sont réunis mercredi dans la capitale pour une nouvelle "
    "série de discussions sur les tarifs douaniers. Les deux gouvernements ont déclaré que la "
    "réunion avait été utile et que leurs services continueraient de travailler sur un accord."
)


def page(title: str, body: str, *, date: str = "2026-11-20", author: str = "Ada Quill") -> bytes:
    """An article page with navigation, a cookie banner and a footer around the story."""
    sentences = [s.strip().rstrip(".") for s in body.split(". ") if s.strip()]
    paragraphs = "".join(f"<p>{s}.</p>" for s in sentences)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Test Courier</title>
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies.</div>
<main><article><h1>{title}</h1><div class="story">{paragraphs}</div></article></main>
<footer>Copyright The Test Courier. All rights reserved. Contact us. Privacy policy.</footer>
</body></html>""".encode()


BOILERPLATE = b"""<!doctype html><html><head><title>Home</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie">We use cookies. Accept all.</div>
<footer>Copyright. Privacy. Terms. Contact.</footer></body></html>"""


def rss(site: Site, items: list[tuple[str, str]], *, title: str = "Test Courier") -> bytes:
    """An RSS 2.0 feed of (path, title) items, newest last in the list."""
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    entries = "".join(
        f"<item><title>{t}</title><link>{site.url(p)}</link>"
        f"<pubDate>{format_datetime(now.replace(hour=9 + i))}</pubDate></item>"
        for i, (p, t) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{site.base}</link>{entries}</channel></rss>"
    ).encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Test</title>
<entry><title>One</title><link href="/a/one"/><updated>2026-11-19T10:00:00Z</updated>
<author><name>B. Writer</name></author></entry>
<entry><title>Two</title><link href="/a/two"/><updated>2026-11-21T10:00:00Z</updated></entry>
</feed>"""


def publish(site: Site, feed_path: str, slugs: list[str], *, prefix: str = "/news/") -> None:
    """Put article pages for `slugs` on the site and list them in the feed at `feed_path`."""
    for slug in slugs:
        if slug in STORIES:
            site.routes[prefix + slug] = Route(body=page(*STORIES[slug]))
    site.routes[feed_path] = Route(
        body=rss(site, [(prefix + s, STORIES.get(s, (s, ""))[0]) for s in slugs]),
        headers={"Content-Type": "application/rss+xml"},
        etag=f'"{len(slugs)}-{"-".join(slugs)}"',
    )


# -- sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(900, 900.0), ("90s", 90.0), ("15m", 900.0), ("2h", 7200.0), ("1d", 86400.0), (0.5, 0.5)],
)
def test_intervals(value: object, seconds: float) -> None:
    assert parse_interval(value, where="t") == seconds


@pytest.mark.parametrize("value", [0, -5, "soon", "10 weeks", True, None])
def test_bad_intervals(value: object) -> None:
    with pytest.raises(SourcesError):
        parse_interval(value, where="t")


def test_sources_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "sources.toml"
    a = Source(name="Harbour Gazette", feed="https://example.org/rss", country="gbr")
    b = Source(name='Quote "Daily"', feed="http://x.test/atom", interval=60, css="div.story")
    sources = add_source(add_source([], a), b)
    save_sources(sources, path)
    back = load_sources(path)
    assert [s.name for s in back] == ["Harbour Gazette", 'Quote "Daily"']
    assert back[0].country == "GBR" and back[0].interval == 900.0 and back[0].language == "en"
    assert back[1].css == "div.story" and back[1].interval == 60.0
    assert [s.name for s in remove_source(back, "harbour gazette")] == ['Quote "Daily"']
    with pytest.raises(SourcesError, match="exists"):
        add_source(back, a)
    moved = add_source(
        back, Source(name="harbour gazette", feed="https://example.org/new"), replace=True
    )
    assert [s.feed for s in moved] == ["http://x.test/atom", "https://example.org/new"]
    with pytest.raises(SourcesError, match="no source"):
        remove_source(back, "Nobody")
    assert load_sources(tmp_path / "missing.toml") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nname = "A"\n', "needs a name and a feed"),
        ('[[source]]\nname = "A"\nfeed = "ftp://x/feed"\n', "not an http"),
        ('[[source]]\nname = "A"\nfeed = "http://x/f"\ncolour = "red"\n', "unknown field"),
        ('[[source]]\nname = "A"\nfeed = "http://x/f"\ncountry = "France"\n', "alpha-3"),
        ('[[source]]\nname = "A"\nfeed = "http://x/f"\n[[source]]\nname = "a"\nfeed = "http://y/f"\n',
         "two sources"),
        ("source = 3\n", "[[source]] tables"),
        ("[[source]\n", "not valid TOML"),
    ],
)  # fmt: skip
def test_bad_sources_files(text: str, message: str) -> None:
    with pytest.raises(SourcesError, match=message.replace("[", r"\[")):
        parse_sources(text, where="s.toml")


# -- small parts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attempt", "expected"), [(0, 10.0), (1, 10.0), (2, 20.0), (3, 40.0), (5, 160.0), (9, 300.0)]
)
def test_backoff_doubles_up_to_the_cap(attempt: int, expected: float) -> None:
    assert backoff_delay(attempt, base=10.0, cap=300.0) == expected


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTP://Example.ORG/a?id=3#top", "http://example.org/a?id=3"),
        ("https://x.test/a?utm_source=rss&id=1&fbclid=9", "https://x.test/a?id=1"),
        ("https://x.test", "https://x.test/"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_parse_rss_and_atom(site: Site) -> None:
    feed = parse_feed(rss(site, [("/n/a", "First"), ("/n/b", "Second")]), url=site.url("/f"))
    assert [i.url for i in feed.items] == [site.url("/n/b"), site.url("/n/a")]  # newest first
    assert feed.newest == "2026-11-20T10:00:00+00:00" and feed.items[0].date == "2026-11-20"
    assert feed.title == "Test Courier" and feed.malformed is None
    atom = parse_feed(ATOM, url="http://127.0.0.1:9/feeds/atom.xml")
    assert [i.url for i in atom.items] == ["http://127.0.0.1:9/a/two", "http://127.0.0.1:9/a/one"]
    assert atom.items[1].author == "B. Writer" and atom.newest == "2026-11-21T10:00:00+00:00"


@pytest.mark.parametrize(
    "body",
    [b"<html><body><p>Not a feed at all</p></body></html>", b"<rss><channel><item><title>x</",
     b"\x00\x01garbage"],
)  # fmt: skip
def test_malformed_feeds_are_refused(body: bytes) -> None:
    with pytest.raises(FeedParseError):
        parse_feed(body, url="http://127.0.0.1:9/feed")


def test_extract_main_text_title_date_author() -> None:
    title, body = STORIES["harbour"]
    found = extract_article(page(title, body), url="http://127.0.0.1:9/news/harbour")
    assert found.text.startswith("Dock workers in the port city of Velmora")
    assert "cookies" not in found.text and "Copyright" not in found.text
    assert (found.title, found.date, found.author) == (title, "2026-11-20", "Ada Quill")


@pytest.mark.parametrize(
    ("hint", "starts"),
    [({"css": "div.story"}, "Dock workers"), ({"xpath": "//div[@class='story']"}, "Dock workers"),
     ({"css": "footer"}, None)],
)  # fmt: skip
def test_extract_with_hints(hint: dict[str, str], starts: str | None) -> None:
    html = page(*STORIES["harbour"])
    if starts is None:  # the hint points at boilerplate: too few words
        with pytest.raises(EmptyInputError):
            extract_article(html, url="http://127.0.0.1:9/n", **hint)
        return
    found = extract_article(html, url="http://127.0.0.1:9/n", **hint)
    assert found.text.startswith(starts) and found.text.count("Velmora") == 1
    assert "\n\n" in found.text  # one paragraph per sentence block


@pytest.mark.parametrize(
    ("html", "error"),
    [(BOILERPLATE, EmptyInputError), (page("Réunion", FRENCH), LanguageError)],
)
def test_extract_refuses(html: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        extract_article(html, url="http://127.0.0.1:9/x")


def test_bad_selector_is_a_sources_error() -> None:
    with pytest.raises(SourcesError, match="bad selector"):
        extract_article(page(*STORIES["harbour"]), url="http://127.0.0.1:9/n", xpath="//div[")


# -- polite fetching -------------------------------------------------------------------------


def test_user_agent_robots_and_cache(site: Site) -> None:
    site.routes["/ok"] = Route(body=b"fine")
    with Fetcher(policy=fast_policy()) as fetcher:
        assert fetcher.get(site.url("/ok"), allow_private=True).body == b"fine"
        with pytest.raises(RobotsBlockedError):
            fetcher.get(site.url("/private/secret"), allow_private=True)
        assert fetcher.get(site.url("/ok"), allow_private=True).status == 200
    assert site.hits["/robots.txt"] == 1  # read once per host, then cached
    assert site.hits["/private/secret"] == 0
    assert site.seen["/ok"][0]["user-agent"].startswith("eventwire/")
    assert "robots.txt" in site.seen["/ok"][0]["user-agent"]


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (410, True), (403, False), (500, False), (503, False)]
)
def test_robots_txt_status_policy(site: Site, status: int, allowed: bool) -> None:
    site.routes["/robots.txt"] = Route(status=status, body=b"")
    site.routes["/page"] = Route(body=b"x")
    with Fetcher(policy=fast_policy()) as fetcher:
        assert fetcher.allowed(site.url("/page"), allow_private=True) is allowed


def test_redirects_followed_and_loops_stopped(site: Site) -> None:
    site.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    site.routes["/new"] = Route(body=b"moved here")
    site.routes["/loop-a"] = Route(status=302, headers={"Location": "/loop-b"})
    site.routes["/loop-b"] = Route(status=302, headers={"Location": "/loop-a"})
    site.routes["/to-private"] = Route(status=302, headers={"Location": "/private/x"})
    chain = {f"/c{i}": Route(status=302, headers={"Location": f"/c{i + 1}"}) for i in range(9)}
    site.routes.update(chain)
    with Fetcher(policy=fast_policy(max_redirects=3)) as fetcher:
        moved = fetcher.get(site.url("/old"), allow_private=True)
        assert (moved.url, moved.body) == (site.url("/new"), b"moved here")
        with pytest.raises(RedirectLoopError, match="loop"):
            fetcher.get(site.url("/loop-a"), allow_private=True)
        with pytest.raises(RedirectLoopError, match="more than 3"):
            fetcher.get(site.url("/c0"), allow_private=True)
        with pytest.raises(RobotsBlockedError):
            fetcher.get(site.url("/to-private"), allow_private=True)
    assert site.hits["/loop-a"] == 1 and site.hits["/c4"] == 0 and site.hits["/private/x"] == 0


@pytest.mark.parametrize(
    ("route", "error"),
    [
        (Route(status=500, body=b"oops"), HttpStatusError),
        (Route(status=404), HttpStatusError),
        (Route(body=b"late", delay=5.0), FetchTimeoutError),  # no answer at all
        (Route(body=b"x" * 4000, drip=0.05), FetchTimeoutError),  # a trickle never ends
        (Route(body=b"y" * 300_000), PageTooLargeError),  # says its length up front
        (
            Route(body=b"z" * 300_000, drip=0.001, chunk=8192),
            PageTooLargeError,
        ),  # chunked, no length
    ],
)
def test_failures_are_named_and_timeouts_hold(site: Site, route: Route, error: type) -> None:
    site.routes["/p"] = route
    started = time.monotonic()
    policy = fast_policy(timeout=0.6, max_bytes=100_000)
    with Fetcher(policy=policy) as fetcher, pytest.raises(error):
        fetcher.get(site.url("/p"), allow_private=True)
    assert time.monotonic() - started < 1.5


def test_conditional_requests_and_host_rate_limit(site: Site) -> None:
    site.routes["/feed"] = Route(body=b"<rss/>", etag='"v1"')
    with Fetcher(policy=fast_policy(host_interval=0.25)) as fetcher:
        first = fetcher.get(site.url("/feed"), allow_private=True)
        again = fetcher.get(
            site.url("/feed"), allow_private=True, headers={"If-None-Match": first.headers["etag"]}
        )
    assert first.status == 200 and again.not_modified and again.body == b""
    assert site.seen["/feed"][1]["if-none-match"] == '"v1"'
    gaps = [b - a for a, b in zip(site.times, site.times[1:], strict=False)]
    assert len(site.times) == 3 and min(gaps) >= 0.24  # robots.txt, feed, feed


def test_crawl_delay_is_honoured(site: Site) -> None:
    site.routes["/robots.txt"] = Route(body=b"User-agent: *\nCrawl-delay: 1\n")
    site.routes["/a"] = Route(body=b"a")
    with Fetcher(policy=fast_policy()) as fetcher:
        fetcher.get(site.url("/a"), allow_private=True)
        fetcher.get(site.url("/a"), allow_private=True)
    assert site.times[2] - site.times[1] >= 0.99  # robots.txt parsers take whole seconds


# -- only public addresses (SSRF) ------------------------------------------------------------


def _only(*public: str) -> Any:
    """An address check under which only `public` addresses count as the public internet."""
    return lambda ip: str(ip) in public


def _resolver(table: dict[str, list[str]]) -> Any:
    return lambda host, port: table[host]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata services live here
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert public_address(ipaddress.ip_address(address)) is public


def test_internal_hosts_are_refused_by_default(site: Site) -> None:
    site.routes["/robots.txt"] = Route(status=404)  # no robots.txt: not a gate by itself
    site.routes["/ok"] = Route(body=b"internal admin page")
    with Fetcher(policy=fast_policy()) as fetcher:
        with pytest.raises(BlockedAddressError, match="non-public"):
            fetcher.get(site.url("/ok"))
        with pytest.raises(BlockedAddressError):
            fetcher.get("file:///etc/passwd")
        assert fetcher.get(site.url("/ok"), allow_private=True).body == b"internal admin page"
    assert site.hits["/ok"] == 1 and site.hits["/robots.txt"] == 1  # only the allowed call
    names = {
        "intranet.test": ["10.1.2.3"],
        "metadata.test": ["169.254.169.254"],
        "v6.test": ["::1"],
        "mapped.test": ["::ffff:127.0.0.1"],
        "mixed.test": ["8.8.8.8", "192.168.0.1"],  # one bad address is enough
    }
    with Fetcher(policy=fast_policy(), resolve=_resolver(names)) as fetcher:
        for name in names:
            with pytest.raises(BlockedAddressError):
                fetcher.get(f"http://{name}/feed.xml")


def test_every_redirect_hop_is_checked(site: Site) -> None:
    port = site.server.server_address[1]
    site.routes["/to-loopback"] = Route(
        status=302, headers={"Location": f"http://127.0.0.2:{port}/x"}
    )
    site.routes["/to-metadata"] = Route(
        status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    site.routes["/to-v6"] = Route(status=307, headers={"Location": f"http://[::1]:{port}/x"})
    site.routes["/fine"] = Route(status=302, headers={"Location": "/landed"})
    site.routes["/landed"] = Route(body=b"public page")
    # 127.0.0.1 plays the public internet here; every other address is internal
    with Fetcher(policy=fast_policy(), address_allowed=_only("127.0.0.1")) as fetcher:
        assert fetcher.get(site.url("/fine")).body == b"public page"
        for path in ("/to-loopback", "/to-metadata", "/to-v6"):
            with pytest.raises(BlockedAddressError):
                fetcher.get(site.url(path))
            assert site.hits[path] == 1


def test_the_connected_address_is_the_checked_one(site: Site) -> None:
    """DNS rebinding: a name that resolves to a public address, then to an internal one."""
    site.routes["/ok"] = Route(body=b"fine")
    port = site.server.server_address[1]
    answers = iter([["127.0.0.1"], ["127.0.0.2"]])
    rebinding = Fetcher(
        policy=fast_policy(),
        resolve=lambda host, port: next(answers),
        address_allowed=_only("127.0.0.1"),
    )
    with rebinding, pytest.raises(BlockedAddressError):
        rebinding.get(f"http://rebind.test:{port}/ok", robots=False)
    # a name only the guard's resolver knows is reached at the address it checked
    steady = Fetcher(
        policy=fast_policy(),
        resolve=_resolver({"news.test": ["127.0.0.1"]}),
        address_allowed=_only("127.0.0.1"),
    )
    with steady:
        assert steady.get(f"http://news.test:{port}/ok", robots=False).body == b"fine"
    assert site.hits["/ok"] == 1 and site.seen["/ok"][0]["host"] == f"news.test:{port}"


def test_watch_calls_its_round_hook_and_survives_its_errors(
    store: Store, pipeline: Pipeline
) -> None:
    calls: list[int] = []
    lines: list[str] = []

    def hook() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise SourcesError("the hook failed")

    w = Watcher(store, [], pipeline=pipeline, on_round=hook, log=lines.append)
    w.run_once()
    w.run_once()
    assert len(calls) == 2 and lines == ["after the polls: config: the hook failed"]


def test_watch_records_refused_links_as_their_own_kind(
    site: Site, store: Store, pipeline: Pipeline
) -> None:
    port = site.server.server_address[1]
    publish(site, "/courier.xml", ["harbour"])
    site.routes["/courier.xml"].body = site.routes["/courier.xml"].body.replace(
        b"</channel>",
        f"<item><title>admin</title><link>http://127.0.0.2:{port}/admin</link></item>".encode()
        + b"</channel>",
    )
    public = Source(name="Public Courier", feed=site.url("/courier.xml"))
    internal = Source(name="Internal", feed=f"http://127.0.0.2:{port}/courier.xml")
    w = Watcher(
        store,
        [public, internal],
        pipeline=pipeline,
        fetcher=Fetcher(policy=fast_policy(), address_allowed=_only("127.0.0.1")),
    )
    reports = {r.outlet: r for r in w.run_once()}
    assert reports["Public Courier"].coded == 1 and reports["Public Courier"].failed == 1
    assert reports["Internal"].status == "error"
    assert "blocked_address" in (reports["Internal"].error or "")
    kinds = Counter(f["kind"] for f in FeedState(store).failures(limit=10))
    assert kinds == Counter({"blocked_address": 2})
    assert store.counts()["articles"] == 1


def test_sources_add_refuses_internal_feeds(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"EVENTWIRE_SOURCES": str(tmp_path / "sources.toml")}
    for url in ("http://127.0.0.1:9/rss", "http://10.0.0.7/rss", "http://[::1]/feed"):
        refused = runner.invoke(cli, ["sources", "add", "Intranet", url], env=env)
        assert refused.exit_code == 1 and "non-public" in refused.output, url
    assert not (tmp_path / "sources.toml").exists()
    added = runner.invoke(
        cli,
        ["sources", "add", "Intranet", "http://10.0.0.7/rss", "--allow-private-network"],
        env=env,
    )
    assert added.exit_code == 0, added.output
    assert load_sources(tmp_path / "sources.toml")[0].allow_private_network is True
    assert "allow_private_network = true" in (tmp_path / "sources.toml").read_text()
    with pytest.raises(SourcesError, match="true or false"):
        parse_sources(
            '[[source]]\nname="a"\nfeed="http://x.test/"\nallow_private_network="yes"\n', where="t"
        )


# -- the watch loop --------------------------------------------------------------------------


class Clock:
    """Epoch seconds that tests move forward by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'feeds.db'}")
    yield s
    s.close()


def watcher(store: Store, sources: list[Source], pipeline: Pipeline, **kw: object) -> Watcher:
    policy = WatchPolicy(retry_base=120.0, max_attempts=3)
    return Watcher(
        store,
        sources,
        pipeline=pipeline,
        fetcher=Fetcher(policy=fast_policy(timeout=0.5, max_bytes=200_000)),
        policy=policy,
        **kw,  # type: ignore[arg-type]
    )


def test_watch_codes_each_article_once_and_records_failures(
    site: Site, store: Store, pipeline: Pipeline
) -> None:
    clock = Clock()
    courier = Source(
        name="Test Courier", feed=site.url("/courier.xml"), allow_private_network=True, interval=60
    )
    wire = Source(
        name="Wire Copy", feed=site.url("/wire.xml"), allow_private_network=True, interval=60
    )
    broken = Source(
        name="Broken XML", feed=site.url("/broken.xml"), allow_private_network=True, interval=60
    )
    down = Source(
        name="Down Daily", feed=site.url("/down.xml"), allow_private_network=True, interval=60
    )
    french = Source(
        name="Le Test", feed=site.url("/fr.xml"), allow_private_network=True, language="fr"
    )
    sources = [courier, wire, broken, down, french]
    site.routes["/broken.xml"] = Route(body=b"<rss><channel><title>half")
    site.routes["/down.xml"] = Route(status=500)
    stored_hook: list[tuple[int, list[str]]] = []
    w = watcher(
        store,
        sources,
        pipeline,
        clock=clock,
        on_stored=lambda stats, ids: stored_hook.append((stats.run_id, ids)),
    )

    publish(site, "/courier.xml", ["harbour"])
    publish(site, "/wire.xml", [], prefix="/wire/")
    first = {r.outlet: r for r in w.run_once()}
    assert (first["Test Courier"].coded, first["Test Courier"].new) == (1, 1)
    assert first["Broken XML"].status == "error" and first["Down Daily"].status == "error"
    assert first["Le Test"].status == "skipped" and site.hits["/fr.xml"] == 0

    # new items appear: two stories, a wire copy of one of them on another outlet, and pages
    # that fail in every way the watch must survive
    site.routes["/news/slow"] = Route(body=page(*STORIES["floods"]), delay=5.0)
    site.routes["/news/huge"] = Route(body=page("Huge", STORIES["floods"][1] * 800))
    site.routes["/news/empty"] = Route(body=BOILERPLATE)
    site.routes["/news/loop"] = Route(status=302, headers={"Location": "/news/loop"})
    site.routes["/news/error"] = Route(status=500)
    site.routes["/news/french"] = Route(body=page("Réunion", FRENCH))
    site.routes["/private/story"] = Route(body=page(*STORIES["floods"]))
    bad = ["slow", "huge", "empty", "loop", "error", "french"]
    publish(site, "/courier.xml", ["harbour", "bridge", "talks", *bad])
    site.routes["/courier.xml"].body = site.routes["/courier.xml"].body.replace(
        b"</channel>",
        f"<item><title>p</title><link>{site.url('/private/story')}</link></item>".encode()
        + b"</channel>",
    )
    publish(site, "/wire.xml", ["talks"], prefix="/wire/")
    clock.now += 61
    started = time.monotonic()
    second = {r.outlet: r for r in w.run_once()}
    assert time.monotonic() - started < 15  # the slow page did not hold the loop
    courier_report = second["Test Courier"]
    assert courier_report.new == 9 and courier_report.coded == 2
    assert (courier_report.failed, courier_report.retrying) == (5, 2)  # 500 and timeout retry
    # the wire copy is fetched after the courier's story was coded: not coded twice
    assert second["Wire Copy"].coded == 0 and second["Wire Copy"].duplicates == 1

    articles = store.articles(limit=50).items
    assert sorted((a["outlet"], a["url"]) for a in articles) == sorted(
        ("Test Courier", site.url(f"/news/{s}")) for s in ("harbour", "bridge", "talks")
    )
    assert store.counts()["articles"] == 3
    assert [len(ids) for _, ids in stored_hook] == [1, 2]
    runs = {r["id"]: r for r in store.runs()}
    assert [runs[run]["source"] for run, _ in stored_hook] == ["feed Test Courier"] * 2

    kinds = Counter(f["kind"] for f in FeedState(store).failures(limit=100))
    assert kinds["feed_malformed"] == 2 and kinds["http"] == 3 and kinds["language"] == 2
    assert kinds["timeout"] == 1 and kinds["too_large"] == 1 and kinds["empty"] == 1
    assert kinds["redirect_loop"] == 1 and kinds["robots"] == 1
    assert site.hits["/private/story"] == 0

    # a third poll: nothing new in the feed (304), the transient failures are not due yet
    clock.now += 61
    third = {r.outlet: r for r in w.run_once()}
    assert third["Test Courier"].status == "not_modified"
    assert site.seen["/courier.xml"][-1]["if-none-match"] == site.routes["/courier.xml"].etag
    assert site.hits["/news/error"] == 1

    # a restart: a new watcher over the same store fetches no article page again
    for key in list(site.hits):
        site.hits[key] = 0
    site.routes["/courier.xml"].etag = None  # the feed no longer sends validators
    clock.now += 3600
    site.routes["/news/slow"].delay = 0.0  # the slow server has recovered
    again = watcher(store, sources, pipeline, clock=clock)
    reports = {r.outlet: r for r in again.run_once()}
    assert reports["Test Courier"].new == 0 and reports["Test Courier"].coded == 1
    page_hits = {p: n for p, n in site.hits.items() if n and p.startswith(("/news/", "/wire/"))}
    assert page_hits == {"/news/slow": 1, "/news/error": 1}  # only the due retries
    assert store.counts()["articles"] == 4
    state = {s.outlet: s for s in FeedState(store).feeds()}
    assert state["Down Daily"].errors_in_row == 4 and state["Test Courier"].errors_in_row == 0


def test_watch_loop_follows_a_feed_that_publishes_over_time(
    site: Site, store: Store, pipeline: Pipeline
) -> None:
    source = Source(
        name="Live Courier", feed=site.url("/live.xml"), allow_private_network=True, interval=0.1
    )
    site.routes["/live.xml"] = Route(status=503)  # down at first: backoff, then recovery
    w = watcher(store, [source], pipeline)
    stop = threading.Event()
    loop = threading.Thread(target=w.run, kwargs={"stop": stop}, daemon=True)
    loop.start()
    try:
        deadline = time.monotonic() + 5
        while not site.hits["/live.xml"] and time.monotonic() < deadline:
            time.sleep(0.01)
        published: list[str] = []
        for slug in ["harbour", "bridge", "talks", "floods"]:
            published.append(slug)
            publish(site, "/live.xml", published)
            deadline = time.monotonic() + 10
            while store.counts()["articles"] < len(published) and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        stop.set()
        loop.join(timeout=10)
    assert not loop.is_alive()
    articles = store.articles(limit=10).items
    assert sorted(a["url"] for a in articles) == sorted(site.url(f"/news/{s}") for s in published)
    assert {a["outlet"] for a in articles} == {"Live Courier"}
    assert all(site.hits[f"/news/{s}"] == 1 for s in published)
    assert site.hits["/live.xml"] >= 5  # polled again and again, 304s included
    assert FeedState(store).failures()[-1]["kind"] == "http"


# -- the commands ----------------------------------------------------------------------------


def test_sources_commands_and_watch_once(
    site: Site, tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the command's own pipeline is the session's one: loading the models twice costs seconds
    monkeypatch.setattr(Resources, "load_all", lambda self: self)
    monkeypatch.setattr(Pipeline, "from_names", classmethod(lambda cls, **_kw: pipeline))
    runner = CliRunner()
    env = {"EVENTWIRE_SOURCES": str(tmp_path / "sources.toml"), "EVENTWIRE_DB": ""}
    db = ["--db", str(tmp_path / "cli.db")]
    publish(site, "/courier.xml", ["harbour", "bridge"])
    site.routes["/down.xml"] = Route(status=500)

    def run(*args: str) -> Any:
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)

    local = "--allow-private-network"  # the test server is on 127.0.0.1
    assert run("sources", "add", "Test Courier", site.url("/courier.xml"), "--country", "gbr",
               "--interval", "2m", local).exit_code == 0  # fmt: skip
    assert run("sources", "add", "Down Daily", site.url("/down.xml"), local).exit_code == 0
    again = run("sources", "add", "test courier", site.url("/x.xml"), local)
    assert again.exit_code == 1 and "exists" in again.output
    listed = run("sources", "list", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["name"], r.get("country"), r["interval"]) for r in rows] == [
        ("Test Courier", "GBR", 120), ("Down Daily", None, 900)
    ]  # fmt: skip
    bad = run("sources", "add", "X", "not-a-url")
    assert bad.exit_code == 1 and "not an http(s) URL" in bad.output

    watched = run("watch", "--once", "--host-interval", "0", *db)
    assert watched.exit_code == 0, watched.output
    assert "Test Courier: ok, 2 items, 2 new: 2 coded" in watched.stderr
    assert "Down Daily: error: http" in watched.stderr

    checked = run("sources", "check", "--json", *db)
    assert checked.exit_code == 1  # one feed is down
    lines = [json.loads(line) for line in checked.stdout.splitlines()]
    feeds = {r["outlet"]: r for r in lines if r["type"] == "feed"}
    assert (feeds["Test Courier"]["ok"], feeds["Test Courier"]["items"]) == (True, 2)
    assert feeds["Test Courier"]["newest"] == "2026-11-20T10:00:00+00:00"
    assert (feeds["Down Daily"]["status"], feeds["Down Daily"]["kind"]) == (500, "http")
    failures = [r for r in lines if r["type"] == "failure"]
    assert [(f["outlet"], f["kind"]) for f in failures] == [("Down Daily", "http")]
    one = run("sources", "check", "test courier", "--failures", "0", *db)
    assert one.exit_code == 0 and one.stdout.startswith("ok  Test Courier")

    assert run("sources", "remove", "Down Daily").exit_code == 0
    assert [s.name for s in load_sources(tmp_path / "sources.toml")] == ["Test Courier"]
    with Store(str(tmp_path / "cli.db")) as stored:
        assert stored.counts()["articles"] == 2
