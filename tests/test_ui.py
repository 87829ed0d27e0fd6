"""The web UI in real headless Chromium (Debian's, driven by Playwright).

A server runs in a thread over a small made-up store, including an article whose text and
title hold `<script>` and `<img onerror=...>`: the tests assert that nothing in it runs.
Each page is saved as a screenshot under tests/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from eventwire.api import create_app
from eventwire.store import Store

from .browser import chromium, serve, shot, watched_page
from .test_store import build_doc, corpus

EVIL_TEXT = (
    "Borduria said <script>window.__pwned = 1; document.title = 'pwned';</script> that "
    "<img src=x onerror=\"window.__pwned = 2; document.title = 'pwned'\"> Ruritania shelled "
    'Borduria <svg onload="window.__pwned = 3"></svg> on Friday.'
)
EVIL_TITLE = '<script>window.__pwned = 4</script><img src=x onerror="window.__pwned = 5">'

pytest.importorskip("playwright.sync_api")


def _evil_doc() -> Any:
    doc = build_doc(
        "evil", "2024-05-02", EVIL_TEXT, title=EVIL_TITLE,
        actors=[("Borduria", "Borduria said <script>"), ("Ruritania", "Ruritania")],
        events=[{"type": "ASSAULT", "source": ["Ruritania"], "target": ["Borduria"],
                 "evidence": "<img src=x onerror=\"window.__pwned = 2; document.title = "
                             "'pwned'\"> Ruritania shelled Borduria",
                 "intensity": -9.0, "quad": 4}],
    )  # fmt: skip
    doc.article.url = "javascript:window.__pwned=6"
    return doc


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('ui') / 'ui.db'}")
    for doc in [*corpus(), _evil_doc()]:
        store.put(doc)
    from eventwire.feeds.state import FeedState, FeedStatus

    feeds = FeedState(store)
    feeds.save_feed(FeedStatus(feed="http://127.0.0.1:9/feed.xml", outlet="Test Wire",
                               status="200", items=3, newest="2024-05-02"))  # fmt: skip
    feeds.add_failure(outlet="Test Wire", feed="http://127.0.0.1:9/feed.xml",
                      url="http://127.0.0.1:9/a.html", kind="robots",
                      message=EVIL_TITLE + " blocked by robots.txt")  # fmt: skip
    with serve(create_app(store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(server: str, browser: Any) -> Iterator[Any]:
    with watched_page(browser, server) as pg:
        yield pg


@pytest.mark.parametrize(
    ("name", "path", "selector", "expected"),
    [
        ("articles", "/", "ul.articles li", 4),
        ("reader", "/articles/a1", "li.event", 2),
        ("events", "/events", "table.events-table tbody tr", 5),
        ("actors", "/actors", "table.grid tbody tr", 4),
        ("actor", "/actors/Borduria", "table.grid tbody tr", 3),
        ("dyads", "/dyads", "svg.network line.edge", 4),
        ("timeline", "/timeline", "svg.chart rect.bar", 5),
        ("map", "/map", "#map .place-marker", 2),
        ("feeds", "/feeds", "table.failures-table tbody tr", 1),
    ],
)
def test_pages_render_offline(
    page: Any, server: str, name: str, path: str, selector: str, expected: int
) -> None:
    page.goto(server + path)
    page.wait_for_selector("html[data-ready='1']")
    assert page.locator(selector).count() == expected
    shot(page, name)
    assert page.problems == []


def test_api_docs_page_runs_swagger_offline(page: Any, server: str) -> None:
    page.goto(server + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".opblock-summary-path").count() >= 10
    shot(page, "api-docs")
    assert [p for p in page.problems if "request elsewhere" in p] == []


def test_hostile_article_renders_inert(page: Any, server: str) -> None:
    page.goto(server + "/articles/evil")
    page.wait_for_selector("html[data-ready='1']")
    page.wait_for_timeout(300)  # time for any onerror/onload that might fire
    shot(page, "hostile-article")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() == EVIL_TITLE + " · eventwire"  # shown as text, not run
    text = page.inner_text("#text")
    assert "<script>window.__pwned = 1;" in text and "<img src=x onerror=" in text
    assert page.locator("#text img, #text script, #text svg").count() == 0
    assert page.locator("h1").inner_text() == EVIL_TITLE
    assert page.locator("script").count() == 1  # only /static/app.js
    assert page.locator("a[href^='javascript:']").count() == 0
    # the evidence span crosses the hostile markup and is still highlighted as text
    assert "onerror" in page.locator("#text .hl-evidence").first.inner_text()
    assert page.problems == []


def test_listing_escapes_the_hostile_title(page: Any, server: str) -> None:
    page.goto(server + "/?q=Friday")
    page.wait_for_selector("html[data-ready='1']")
    assert page.locator("ul.articles a.title").inner_text() == EVIL_TITLE
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_reader_selects_evidence_and_toggles_layers(page: Any, server: str) -> None:
    page.goto(server + "/articles/a1")
    page.wait_for_selector("html[data-ready='1']")
    page.click("li.event[data-ev='V2']")
    focused = page.locator("#text .seg.focus")
    assert focused.count() == 1 and focused.inner_text() == "We will answer"
    assert page.locator("#text .hl-actor").count() == 3
    assert "hl-time" in page.locator("#text .seg", has_text="on Monday").get_attribute("class")
    page.uncheck("input[data-layer='actor']")
    assert "hide-actor" in page.get_attribute("body", "class")
    assert page.problems == []


def test_event_filters_in_the_browser(page: Any, server: str) -> None:
    page.goto(server + "/events")
    page.select_option("select[name='type']", "ASSAULT")
    page.click("form.filters button[type='submit']")
    page.wait_for_url("**/events?*type=ASSAULT*")
    rows = page.locator("table.events-table tbody tr")
    assert rows.count() == 2  # a1's shelling and the hostile article's
    page.fill("input[name='actor']", "Ruritania")
    page.fill("input[name='date_to']", "2024-03-31")
    page.click("form.filters button[type='submit']")
    page.wait_for_url("**/events?*date_to=2024-03-31*")
    assert rows.count() == 1
    assert "Szohod" in rows.first.inner_text()
    shot(page, "events-filtered")


def test_feed_failures_render_inert(page: Any, server: str) -> None:
    page.goto(server + "/feeds")
    page.wait_for_selector("html[data-ready='1']")
    assert page.locator("table.feeds-table tbody tr").count() == 1
    cells = page.locator("table.feeds-table tbody td").all_inner_texts()
    assert cells[:5] == ["Test Wire", "http://127.0.0.1:9/feed.xml", "200", "3", "2024-05-02"]
    assert "blocked by robots.txt" in page.locator("table.failures-table").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def test_events_grid_sorts_filters_and_opens_the_event(page: Any, server: str) -> None:
    page.goto(server + "/events?country=BOR&type=ASSAULT&type=THREATEN")
    page.wait_for_selector("html[data-ready='1']")
    rows = page.locator("table.events-table tbody tr")
    assert rows.count() == 3  # a1's shelling and threat, the hostile article's shelling
    page.click("th[data-sort='confidence'] a")
    page.wait_for_url("**sort=confidence*")
    page.click("th[data-sort='source'] a")
    page.wait_for_url("**sort=source*")
    assert rows.first.get_attribute("data-event") == "a1:V2"  # Kurt Vlas before Ruritania
    assert page.locator("ul.chips li.chip").count() == 3
    shot(page, "events-grid")
    page.click("li.chip[data-filter='type']:has-text('THREATEN') a.chip-remove")
    page.wait_for_load_state()
    assert rows.count() == 2 and page.locator("ul.chips li.chip").count() == 2
    page.click("tr[data-event='a1:V1'] a.open-event")
    page.wait_for_url("**/articles/a1#event-V1")
    page.wait_for_selector("li.event.selected[data-ev='V1']")
    assert page.locator("#text .seg.focus").first.inner_text().startswith("Ruritania")
    assert page.problems == []
