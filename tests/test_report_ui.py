"""The monitoring report and pages in real headless Chromium (Debian's, driven by Playwright).

The bundled examples are coded and ingested (as `eventwire ingest examples/` does) with a
watch rule evaluated after the ingest; the HTML report written by `eventwire report` is
opened from disk and must show its charts (decoded images of the right size), its alert with
links into the UI, its top dyads and new actors, and load nothing from elsewhere. The UI's
/trends, /alerts and /report pages are checked the same way. Screenshots go to
tests/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.api import create_app
from eventwire.cli import cli
from eventwire.monitor import check_run, parse_rules
from eventwire.pipeline import Pipeline
from eventwire.readers import read_inputs
from eventwire.store import Store, ingest

from .browser import SHOTS, chromium, serve, watched_page
from .conftest import ROOT

pytest.importorskip("playwright.sync_api")

RULES = {"rule": [{"name": "iran-israel", "dyad": ["IRN", "ISR"], "both_directions": True,
                   "window": "week", "threshold": 2}]}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('report') / 'r.db'}")
    rules = parse_rules(RULES)
    ingest(s, read_inputs([str(ROOT / "examples")]), pipeline=pipeline,
           on_done=lambda stats: check_run(s, stats.run_id, rules))  # fmt: skip
    yield s
    s.close()


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[str]:
    with serve(create_app(store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    with watched_page(browser, server, allow=("file:",)) as pg:
        yield pg


def _charts_loaded(page: Any, selector: str) -> list[tuple[int, int]]:
    """(natural width, height) of each chart image, once decoded (0 if it failed)."""
    page.wait_for_function(
        f"[...document.querySelectorAll({selector!r})].every(i => i.complete)", timeout=10_000
    )
    return page.evaluate(
        f"[...document.querySelectorAll({selector!r})].map(i => [i.naturalWidth, i.naturalHeight])"
    )


def test_html_report_over_the_examples_renders_with_charts(
    page: Any, store: Store, server: str, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--db", store.url, "--since", "2024-10-01",
                                      "--base-url", server, "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())
    assert page.locator("h1").inner_text().startswith("Monitoring report 2024-10-01")
    assert _charts_loaded(page, "img.chart-img") == [[800, 360], [800, 360]]
    alerts = page.locator("table.alerts-table tr.alert")
    assert alerts.count() >= 1 and "iran-israel" in alerts.first.inner_text()
    assert page.locator("table.dyads-table tbody tr").count() >= 3
    assert "Iran → Israel" in page.locator("table.dyads-table").inner_text()
    assert page.locator("table.actors-table tbody tr").count() >= 5
    assert int(page.locator(".n-events").inner_text()) > 10
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    # an alert's evidence link opens the article in the UI with the evidence highlighted
    link = page.locator("a.evidence-link").first
    assert link.get_attribute("href").startswith(server + "/articles/")
    link.click()
    page.wait_for_selector("html[data-ready='1']")
    assert page.locator("#text .hl-evidence").count() >= 1
    # ... with that event selected in the panel and its evidence in focus (#event-ID)
    assert "#event-" in page.url and page.locator("li.event.selected").count() == 1
    assert page.locator("#text .seg.focus").count() >= 1
    assert page.problems == []


@pytest.mark.parametrize(
    ("path", "chart", "selector", "at_least"),
    [
        ("/trends?dyad_source=IRN&dyad_target=ISR&both=1&date_from=2024-01-01", None,
         "#trend-bars a.bar-link", 1),
        ("/trends?group=country&period=month", "#trend-chart", "table.trends-table tbody tr", 10),
        ("/alerts", None, "table.alerts-table tr.alert", 1),
        ("/report?since=2024-10-01", "img.chart-img", "table.dyads-table tbody tr", 3),
    ],
)  # fmt: skip
def test_monitor_pages_in_the_ui(
    page: Any, server: str, path: str, chart: str | None, selector: str, at_least: int
) -> None:
    page.goto(server + path)
    page.wait_for_selector("html[data-ready='1']")
    assert page.locator(selector).count() >= at_least
    if chart:
        sizes = _charts_loaded(page, chart)
        assert sizes and all(w > 0 and h > 0 for w, h in sizes)
    SHOTS.mkdir(exist_ok=True)
    name = path.strip("/").split("?")[0]
    page.screenshot(path=str(SHOTS / f"monitor-{name}.png"), full_page=True)
    assert page.problems == []
