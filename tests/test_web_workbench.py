"""Issue #18 in real headless Chromium (Debian's, via Playwright): clickable trends, the
offline map, and an analyst's correction in the reader. Screenshots go to
tests/screenshots/ (trends.png, map.png, map-popup.png, correction.png)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from eventwire.api import create_app
from eventwire.store import Store

from .browser import chromium, serve, shot, watched_page
from .test_store import build_doc, corpus

pytest.importorskip("playwright.sync_api")

TOKEN = "browser-token"


def _elsewhere() -> Any:
    # Szohod geocoded to another point in a second article: still one place on the map
    return build_doc(
        "a5", "2024-04-18", "Ruritania shelled Szohod in Borduria again.",
        actors=[("Ruritania", "Ruritania"), ("Borduria", "Borduria")],
        places=[("Szohod", "BOR", 46.3, 19.5)],
        events=[{"type": "ASSAULT", "source": ["Ruritania"], "target": ["Borduria"],
                 "evidence": "Ruritania shelled Szohod", "intensity": -9.0, "quad": 4,
                 "location": "P1"}],
    )  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('workbench') / 'w.db'}")
    for doc in [*corpus(), _elsewhere()]:
        store.put(doc)
    with serve(create_app(store, token=TOKEN)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(server: str, browser: Any) -> Iterator[Any]:
    with watched_page(browser, server) as pg:
        yield pg


def _until(page: Any, expression: str, timeout_s: float = 15) -> None:
    """Poll `expression` in the page (wait_for_function would need eval, which the CSP
    forbids)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)


def test_trend_bars_click_through_to_their_events(page: Any, server: str) -> None:
    page.goto(server + "/trends?date_from=2024-02-01&date_to=2024-04-30&period=week")
    page.wait_for_selector("html[data-ready='1']")
    bars = page.locator("#trend-bars a.bar-link")
    assert bars.count() >= 3
    assert page.locator("#trend-bars polyline.trend-line").count() >= 2  # broken at gaps
    shot(page, "trends")
    exports = page.locator("p.exports a.export")
    assert [exports.nth(i).get_attribute("data-format") for i in range(exports.count())] == [
        "csv", "parquet", "jsonl"
    ]  # fmt: skip
    assert "date_from=2024-02-01" in (exports.first.get_attribute("href") or "")
    bars.first.click()
    page.wait_for_url("**/events?**")
    query = parse_qs(urlsplit(page.url).query)
    assert query["date_from"] == ["2024-02-26"] and query["date_to"] == ["2024-03-03"]
    assert page.locator("table.events-table tbody tr").count() == 1
    assert page.problems == []


def test_timeline_period_links_keep_the_filters(page: Any, server: str) -> None:
    page.goto(server + "/timeline?actor=Borduria&period=month")
    page.wait_for_selector("html[data-ready='1']")
    page.click("p.periods a:text('day')")
    page.wait_for_url("**period=day**")
    assert parse_qs(urlsplit(page.url).query)["actor"] == ["Borduria"]
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**actor=Borduria**")
    assert parse_qs(urlsplit(page.url).query)["period"] == ["day"]
    assert page.problems == []


def test_map_has_a_basemap_zoom_clusters_popups_and_a_place_filter(page: Any, server: str) -> None:
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-basemap='1']")
    assert page.locator("#map path").count() > 100  # Natural Earth countries, served by us
    assert page.locator("table.places-table tbody tr").count() == 2  # Szohod once, Vienna
    assert page.locator("table.places-table").inner_text().count("Szohod") == 1
    zoom = page.evaluate("window.eventwireMap.getZoom()")
    page.click(".leaflet-control-zoom-out")  # the zoom buttons work
    _until(
        page, f"window.eventwireMap.getZoom() === {zoom - 1} && !window.eventwireMap._animatingZoom"
    )
    page.evaluate("window.eventwireMap.setView([47, 18], 2, {animate: false})")
    # zoomed out to the world, the two nearby places are one cluster
    page.wait_for_selector(".marker-cluster", state="attached")
    assert page.locator(".place-marker").count() == 0
    page.evaluate(f"window.eventwireMap.setView([47, 18], {zoom}, {{animate: false}})")
    page.wait_for_selector(".place-marker", state="attached")
    page.mouse.move(640, 500)  # panning by dragging the map
    page.mouse.down()
    page.mouse.move(540, 450, steps=5)
    page.mouse.up()
    shot(page, "map")
    page.locator(".place-marker").first.click()
    links = page.locator(".map-popup a[href^='/articles/']")
    links.first.wait_for()
    assert links.count() >= 1
    # the popup fades in: shot once it is opaque
    _until(page, "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    shot(page, "map-popup")
    page.goto(server + "/map?place=Vienna")
    page.wait_for_selector("#map[data-basemap='1']")
    assert page.locator(".place-marker").count() == 1
    assert page.get_attribute("input[name=place]", "value") == "Vienna"
    # "Export this view" carries the place: the CSV holds Vienna's event alone
    href = page.get_attribute("p.exports a.export[data-format='csv']", "href") or ""
    assert "place=Vienna" in href
    csv_text = page.evaluate(f"fetch({href!r}).then(r => r.text())")
    assert len(csv_text.strip().splitlines()) == 2 and "Vienna" in csv_text
    assert page.problems == []


def test_analyst_corrects_an_event_in_the_reader(page: Any, server: str) -> None:
    page.goto(server + "/articles/a2")
    page.wait_for_selector("html[data-ready='1']")
    item = page.locator("li.event[data-ev='V1']")
    item.locator("details.correct summary").click()
    form = item.locator("form.correction-form")
    form.locator("select[name=type]").select_option("CONSULT")
    form.locator("textarea[name=note]").fill("talks, not a deal yet")
    form.locator("input[name=token]").fill("wrong token")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("li.event[data-ev='V1'] output:has-text('Not saved (401)')")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("button[type=submit]").click()
    page.wait_for_selector("li.event[data-ev='V1'] .correction")
    text = page.locator("li.event[data-ev='V1'] .correction").inner_text()
    assert "AGREE → CONSULT" in text and "talks, not a deal yet" in text
    page.locator("li.event[data-ev='V1'] details.correct summary").click()
    shot(page, "correction")
    # the 401 above is an expected console error; nothing else went wrong
    assert [p for p in page.problems if "401" not in p] == []
