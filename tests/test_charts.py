"""The UI's charts (issue #18): continuous time axes, round ticks, links, palette, patterns;
the Trends page's default window and links; the PNG/SVG chart's line broken at gaps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.monitor import trend_chart
from eventwire.monitor.trends import TrendRow, default_window
from eventwire.record import PLOVER_TYPES
from eventwire.store import Store
from eventwire.web.charts import (
    TYPE_COLORS,
    bar_chart,
    nice_ticks,
    period_keys,
    period_span,
    type_css,
)

from .test_store import build_doc, corpus


def _row(period: str, n: int, type_: str = "ASSAULT", **extra: Any) -> dict[str, Any]:
    return {"period": period, "type": type_, "events": n, "mean_intensity": -5.0, **extra}


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["2019-03", "2019-06"], ["2019-03", "2019-04", "2019-05", "2019-06"]),
        (["2019-11", "2020-02"], ["2019-11", "2019-12", "2020-01", "2020-02"]),
        (["2019", "2022"], ["2019", "2020", "2021", "2022"]),
        (["2024-02-28", "2024-03-01"], ["2024-02-28", "2024-02-29", "2024-03-01"]),
        (["2024-W01", "2024-W03"], ["2024-W01", "2024-W03"]),  # weeks come filled already
    ],
)
def test_time_axis_has_every_period_between(keys: list[str], expected: list[str]) -> None:
    assert period_keys(keys) == expected


def test_an_empty_stretch_is_a_gap_not_a_neighbour() -> None:
    # 2019-03 and 2024-10 have data: 68 months apart on the axis, not side by side
    chart = bar_chart([_row("2019-03", 2), _row("2024-10", 3)])
    xs = sorted(b["x"] for b in chart["bars"])
    step = (chart["right"] - chart["left"]) / 68
    assert len(xs) == 2 and xs[1] - xs[0] == pytest.approx(67 * step, abs=0.2)


@pytest.mark.parametrize(
    ("top", "ticks"),
    [(3, [0, 1, 2, 3]), (4, [0, 1, 2, 3, 4]), (7, [0, 2, 4, 6, 8]), (23, [0, 5, 10, 15, 20, 25]),
     (120, [0, 50, 100, 150]), (0, [0, 1])],
)  # fmt: skip
def test_ticks_are_round_whole_numbers(top: int, ticks: list[int]) -> None:
    assert nice_ticks(top) == ticks


def test_tick_labels_sit_at_their_values() -> None:
    # the old labels were top * t / 4 rounded: 0, 0, 0, 1, 1 for a top of 1
    chart = bar_chart([_row("2024-01", 3), _row("2024-02", 1)], height=260)
    texts = [t["text"] for t in chart["ticks"]]
    assert texts == [0, 1, 2, 3]
    bar = next(b for b in chart["bars"] if b["title"].startswith("2024-01"))
    three = next(t for t in chart["ticks"] if t["text"] == 3)
    assert bar["y"] == pytest.approx(three["y"], abs=0.2)  # a bar of 3 reaches the 3 line


def test_every_bar_links_and_status_is_a_pattern() -> None:
    rows = [_row("2024-01", 2, status="occurred"), _row("2024-01", 1, status="future"),
            _row("2024-01", 1, "REJECT", status="negated")]  # fmt: skip
    chart = bar_chart(rows, href=lambda r: f"/events?type={r['type']}&status={r['status']}")
    assert [b["href"] for b in chart["bars"]] == [
        "/events?type=REJECT&status=negated",  # palette order: REJECT before ASSAULT
        "/events?type=ASSAULT&status=occurred",
        "/events?type=ASSAULT&status=future",
    ]
    assert [b["pattern"] for b in chart["bars"]] == ["pat-negated", None, "pat-unreal"]
    assert chart["patterns"] == ["pat-negated", "pat-unreal"]


def test_line_breaks_at_periods_without_a_value() -> None:
    chart = bar_chart([_row("2024-01", 1), _row("2024-04", 1)],
                      line={"2024-01": -5.0, "2024-02": -2.0, "2024-04": 3.0})  # fmt: skip
    assert [len(run["dots"]) for run in chart["lines"]] == [2, 1]


def _lab(color: str) -> tuple[float, float, float]:
    """CIELAB (D65) of a #rrggbb colour: distances in it follow what the eye tells apart."""
    rgb = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def test_palette_has_one_distinct_colour_per_type() -> None:
    assert set(TYPE_COLORS) == set(PLOVER_TYPES)
    # every pair clearly apart (CIE76 delta E > 15), and the pairs the issue could not tell
    # apart (REJECT/THREATEN, SANCTION/MOBILIZE were delta E 7.0 and 6.4) far apart
    for i, a in enumerate(PLOVER_TYPES):
        for b in PLOVER_TYPES[i + 1 :]:
            assert _delta_e(TYPE_COLORS[a], TYPE_COLORS[b]) > 15, (a, b)
    for a, b in (("REJECT", "THREATEN"), ("SANCTION", "MOBILIZE")):
        assert _delta_e(TYPE_COLORS[a], TYPE_COLORS[b]) > 25
    css = type_css()
    assert all(f".t-{t} {{ background: {TYPE_COLORS[t]};" in css for t in PLOVER_TYPES)


def test_period_span() -> None:
    assert period_span("2024-02") == ("2024-02-01", "2024-02-29")
    assert period_span("2024-12") == ("2024-12-01", "2024-12-31")
    assert period_span("2023") == ("2023-01-01", "2023-12-31")


def test_png_svg_chart_line_does_not_cross_an_empty_period() -> None:
    rows = [TrendRow(period=p) for p in ("2024-W01", "2024-W02", "2024-W03")]
    for row, intensity in ((rows[0], -4.0), (rows[2], 6.0)):
        row.events, row.intensity_sum = 1, intensity
        row.quads[4] = 1
    svg = trend_chart(rows, fmt="svg").decode()
    line = re.search(r'<g id="line-intensity">.*?</g>', svg, re.S)
    assert line is not None
    # two separate pieces: a moveto per point after the gap, no lineto across it
    path = re.search(r' d="([^"]+)"', line.group(0))
    assert path is not None and path.group(1).count("L") == 0


# -- the pages over a store ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('charts') / 'c.db'}")
    old = build_doc(
        "old", "2019-03-05", "Ruritania shelled Borduria.",
        actors=[("Ruritania", "Ruritania"), ("Borduria", "Borduria")],
        events=[{"type": "ASSAULT", "source": ["Ruritania"], "target": ["Borduria"],
                 "evidence": "Ruritania shelled Borduria", "intensity": -9.0, "quad": 4}],
    )  # fmt: skip
    for doc in [*corpus(), old]:
        store.put(doc)
    yield TestClient(create_app(store))
    store.close()


def test_default_window_is_the_last_90_days_of_data(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    assert default_window(store) == ("2024-01-22", "2024-04-20")
    assert default_window(store, date_from="2019-01-01") == ("2019-01-01", None)
    page = client.get("/trends").text
    assert 'name="date_from" value="2024-01-22"' in page and "last 90 days" in page
    weeks = client.get("/api/trends").json()
    assert weeks[0]["period"] == "2024-W04" and len(weeks) == 13  # not every week since 2019


def test_trend_bars_and_rows_link_to_their_events(client: TestClient) -> None:
    page = client.get("/trends?date_from=2024-02-01&date_to=2024-04-30&period=month").text
    assert 'id="trend-bars"' in page
    links = re.findall(r'<a class="(?:bar-link|row-link)" href="([^"]+)"', page)
    assert links and all(link.startswith("/events?") for link in links)
    feb = parse_qs(urlsplit(links[0].replace("&amp;", "&")).query)
    assert feb["date_from"] == ["2024-02-01"] and feb["date_to"] == ["2024-02-29"]
    # the link answers with that period's events
    events = client.get("/api/events?" + urlsplit(links[0].replace("&amp;", "&")).query).json()
    assert [e["type"] for e in events["items"]] == ["ASSAULT"]


def test_trend_row_links_keep_the_selection() -> None:
    from eventwire.web.trend_links import trend_links

    form = {"dyad_source": "Ruritania", "dyad_target": "Borduria", "actor": "", "country": "",
            "region": "", "type": ["ASSAULT"], "period": "week", "group": "total",
            "date_from": "2024-02-27", "date_to": ""}  # fmt: skip
    row = TrendRow(period="2024-W09")
    query = parse_qs(urlsplit(trend_links(form, [row])[0]).query)
    assert query == {"source": ["Ruritania"], "target": ["Borduria"], "type": ["ASSAULT"],
                     "date_from": ["2024-02-27"], "date_to": ["2024-03-03"],
                     "status": ["occurred", "ongoing"]}  # fmt: skip


def test_timeline_is_continuous_and_keeps_filters_and_period(client: TestClient) -> None:
    page = client.get("/timeline?period=month&actor=Borduria").text
    # 2019-03 .. 2024-04: 62 months on the axis (a label every 6), bars only where there are
    # events
    labels = re.findall(r'<text class="label"[^>]*>([^<]+)</text>', page)
    assert labels[:3] == ["2019-03", "2019-09", "2020-03"]
    assert page.count('class="bar"') == 4
    # the period links keep the filters; the filter form keeps the period
    assert 'href="?actor=Borduria&amp;period=day"' in page
    assert '<input type="hidden" name="period" value="month">' in page
    bar = re.search(r'<a class="bar-link" href="([^"]+)"', page)
    assert bar is not None
    query = parse_qs(urlsplit(bar.group(1).replace("&amp;", "&")).query)
    assert query == {"actor": ["Borduria"], "date_from": ["2019-03-01"], "date_to": ["2019-03-31"],
                     "type": ["ASSAULT"], "status": ["occurred"]}  # fmt: skip


def test_types_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/types.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert ".t-ASSAULT" in response.text
