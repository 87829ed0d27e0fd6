"""Monitoring: story-level trends, watch rules and alerts, charts, webhook, CLI and report.

The synthetic store holds twelve weeks of Ruritania/Borduria noise (0 to 2 clashes a week,
each reported once), a week of future and hypothetical threats and a week of denied attacks
(neither may fire an alert), and one injected escalation: eight separate assaults in ISO
week 2024-W10, each reported by two outlets (so 16 stored events that are 8 real ones).
"""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import random
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.errors import ConfigError
from eventwire.monitor import (
    DELIVERY_TRIES,
    Selection,
    check,
    deliver_due,
    evaluate,
    list_alerts,
    load_rules,
    load_stories,
    parse_rules,
    retry_delay,
    trend_chart,
    trend_rows,
    trends_csv,
)
from eventwire.monitor.trends import period_key, period_range
from eventwire.record import Actor, Article, Document, Event, Evidence, Mention, Place
from eventwire.store import Store, ingest

ESCALATION_WEEK = "2024-W10"
RULES = {
    "rule": [
        {"name": "rur-bor-surge", "dyad": ["RUR", "BOR"], "both_directions": True,
         "window": "week", "ratio": 3.0, "baseline": 4, "min_increase": 4},
        {"name": "rur-bor-count", "dyad": ["Ruritania", "Borduria"], "window": "week",
         "threshold": 6},
    ]
}  # fmt: skip


def _doc(
    article_id: str, day: str, town: tuple[str, float, float], *, verb: str = "shelled",
    status: str = "occurred", outlet: str = "Wire A", kind: str = "ASSAULT",
) -> Document:  # fmt: skip
    """One article: Ruritania does `kind` to Borduria in `town` on `day`."""
    name, lat, lon = town
    evidence = f"Ruritanian artillery {verb} Bordurian positions near {name}"
    text = f"{evidence} on {day}, officials in Borduria said."
    doc = Document(article=Article(id=article_id, published=day, outlet=outlet), text=text)
    doc.actors = [
        Actor(id="A1", name="Ruritania", country="RUR", kind="state",
              mentions=[Mention(0, 10, text[0:10])]),
        Actor(id="A2", name="Borduria", country="BOR", kind="state",
              mentions=[Mention(text.index("Bordurian"), text.index("Bordurian") + 9,
                                "Bordurian")]),
    ]  # fmt: skip
    start = text.index(name)
    doc.places = [Place(id="P1", text=name, start=start, end=start + len(name), name=name,
                        country="BOR", lat=lat, lon=lon, feature="city")]  # fmt: skip
    score = {"ASSAULT": -9.0, "THREATEN": -3.5, "AGREE": 2.5}[kind]
    quad = {"ASSAULT": 4, "THREATEN": 3, "AGREE": 1}[kind]
    doc.events = [
        Event(id="V1", type=kind, source=["A1"], target=["A2"], status=status,  # type: ignore[arg-type]
              date=day, location="P1", evidence=[Evidence(0, len(evidence), evidence)],
              intensity=score, quad=quad, confidence=0.8, date_precision="day")
    ]  # fmt: skip
    return doc


def _town(n: int) -> tuple[str, float, float]:
    """Towns three degrees apart: never within the 100 km that links two reports."""
    return (f"Town{n:02d}", 40.0 + 3 * (n % 5), 10.0 + 3 * (n // 5))


def synthetic_docs(seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs: list[Document] = []
    monday = dt.date(2024, 1, 1)  # 2024-W01
    town = 0
    for week in range(12):
        start = monday + dt.timedelta(weeks=week)
        if period_key(start.isoformat(), "week") == ESCALATION_WEEK:
            for i in range(8):  # eight assaults, each told by two outlets
                day = (start + dt.timedelta(days=i % 7)).isoformat()
                town += 1
                docs.append(_doc(f"esc-{i}-a", day, _town(town), outlet="Wire A"))
                docs.append(_doc(f"esc-{i}-b", day, _town(town), outlet="Wire B",
                                 verb="pounded"))  # fmt: skip
            continue
        for i in range(rng.randint(0, 2)):  # noise
            town += 1
            day = (start + dt.timedelta(days=rng.randint(0, 6))).isoformat()
            docs.append(_doc(f"noise-{week}-{i}", day, _town(town)))
        if week == 5:  # threats and hypotheticals: not attacks
            for i in range(8):
                town += 1
                day = (start + dt.timedelta(days=i % 7)).isoformat()
                status = "future" if i % 2 else "hypothetical"
                docs.append(_doc(f"threat-{i}", day, _town(town), verb="will shell",
                                 status=status))  # fmt: skip
        if week == 7:  # denied attacks: not attacks either
            for i in range(8):
                town += 1
                day = (start + dt.timedelta(days=i % 7)).isoformat()
                docs.append(_doc(f"denied-{i}", day, _town(town), status="negated"))
    return docs


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('monitor') / 'm.db'}")
    for doc in synthetic_docs():
        s.put(doc)
    yield s
    s.close()


# -- stories and trends -------------------------------------------------------------------------


def test_duplicate_reports_count_once(store: Store) -> None:
    stories = load_stories(store, date_from="2024-03-04", date_to="2024-03-10")
    real = [s for s in stories if s.status == "real"]
    assert len(real) == 8
    assert all(len(s.reports) == 2 and s.outlets == ["Wire A", "Wire B"] for s in real)


def test_weekly_trend_counts_quads_status_and_intensity(store: Store) -> None:
    rows = trend_rows(load_stories(store), selection=Selection(dyad=("RUR", "BOR")),
                      period="week", date_from="2024-01-01", date_to="2024-03-24")  # fmt: skip
    by_week = {r.period: r for r in rows}
    assert [r.period for r in rows] == period_range("2024-01-01", "2024-03-24", "week")
    esc = by_week[ESCALATION_WEEK]
    assert (esc.events, esc.reports, esc.quads[4], esc.types) == (8, 16, 8, {"ASSAULT": 8})
    assert (esc.intensity_sum, esc.intensity_mean) == (-72.0, -9.0)
    threats = by_week["2024-W06"]
    assert threats.unreal == 8 and threats.events <= 2  # counted apart, not as attacks
    denied = by_week["2024-W08"]
    assert denied.events <= 2 and denied.unreal == 0  # negated: left out
    csv_text = trends_csv(rows)
    assert f"{ESCALATION_WEEK},all,8,16,0,0,0,0,8,-72.0,-9.0,8" in csv_text


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(dyad=("BOR", "RUR")), 0),  # the other direction
        (Selection(dyad=("BOR", "RUR"), both_directions=True), 8),
        (Selection(actor="borduria"), 8),
        (Selection(countries=("BOR",)), 8),
        (Selection(countries=("XYZ",)), 0),
        (Selection(types=("AGREE",)), 0),
        (Selection(quads=(4,)), 8),
    ],
)
def test_selection(store: Store, selection: Selection, expected: int) -> None:
    stories = load_stories(store, date_from="2024-03-04", date_to="2024-03-10")
    rows = trend_rows(stories, selection=selection, period="month",
                      date_from="2024-03-04", date_to="2024-03-10")  # fmt: skip
    assert sum(r.events for r in rows) == expected


@pytest.mark.parametrize(
    ("day", "period", "key"),
    [("2024-03-04", "week", "2024-W10"), ("2024-12-30", "week", "2025-W01"),
     ("2024-02-29", "month", "2024-02"), ("2024-02-29", "day", "2024-02-29")],
)  # fmt: skip
def test_period_keys(day: str, period: str, key: str) -> None:
    assert period_key(day, period) == key


# -- rules and alerts ---------------------------------------------------------------------------


def test_escalation_fires_in_its_week_only(store: Store) -> None:
    alerts = evaluate(store, parse_rules(RULES), date_from="2024-01-01", date_to="2024-03-24")
    assert sorted((a.rule, a.period) for a in alerts) == [
        ("rur-bor-count", ESCALATION_WEEK),
        ("rur-bor-surge", ESCALATION_WEEK),
    ]
    surge = next(a for a in alerts if a.rule == "rur-bor-surge")
    assert surge.value == 8.0 and surge.baseline is not None and surge.baseline <= 1.5
    assert (surge.window_start, surge.window_end) == ("2024-03-04", "2024-03-10")
    assert len(surge.events) == 8
    assert {r["article_id"] for e in surge.events for r in e["reports"]} == {
        f"esc-{i}-{w}" for i in range(8) for w in "ab"
    }


def test_hostility_metric_and_quiet_rule(store: Store) -> None:
    rules = parse_rules({"rule": [
        {"name": "hostile", "country": "BOR", "metric": "hostility", "threshold": 50},
        {"name": "peace", "type": "AGREE", "threshold": 1},
    ]})  # fmt: skip
    alerts = evaluate(store, rules, date_from="2024-01-01", date_to="2024-03-24")
    assert [(a.rule, a.period, a.value) for a in alerts] == [("hostile", ESCALATION_WEEK, 72.0)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rule": [{"name": "x", "window": "week"}]}, "threshold"),
        ({"rule": [{"name": "x", "threshold": 1, "window": "year"}]}, "window"),
        ({"rule": [{"name": "x", "threshold": 1, "dyad": ["IRN"]}]}, "dyad"),
        ({"rule": [{"name": "x", "threshold": 1, "region": "atlantis"}]}, "region"),
        ({"rule": [{"name": "x", "threshold": 1, "colour": "red"}]}, "unknown key"),
        ({"rule": [{"name": "x", "threshold": 1}, {"name": "x", "threshold": 2}]}, "unique"),
        ({"webhook": {"url": "file:///etc/passwd"}}, "http"),
        ({"alerts": {}}, "unknown section"),
    ],
)
def test_bad_rules_are_config_errors(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_rules(data)


def test_a_rule_may_set_every_field_and_selection_key() -> None:
    rule = {
        "name": "all", "dyad": ["ISR", "IRN"], "both_directions": True, "actor": "Israel",
        "country": "IRN", "region": "gulf", "type": "ASSAULT", "quad": 4, "window": "month",
        "metric": "hostility", "threshold": 5, "baseline": 3, "ratio": 2.0, "min_increase": 1,
    }  # fmt: skip
    parsed = parse_rules({"rule": [rule]}).rules[0]
    assert (parsed.window, parsed.metric, parsed.baseline, parsed.min_increase) == (
        "month",
        "hostility",
        3,
        1.0,
    )
    assert parsed.selection.types == ("ASSAULT",) and parsed.selection.both_directions


def test_rules_file_regions_and_toml_errors(tmp_path: Path) -> None:
    from eventwire.monitor import load_rules

    path = tmp_path / "watch.toml"
    path.write_text('[regions]\nruritanian-sphere = ["RUR", "BOR"]\n\n[[rule]]\nname = "r"\n'
                    'region = "ruritanian-sphere"\nthreshold = 3\n')  # fmt: skip
    assert load_rules(path).rules[0].selection.countries == ("RUR", "BOR")
    path.write_text("[[rule]\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_rules(path)


# -- webhook ------------------------------------------------------------------------------------


class _Hook(http.server.BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []
    status = 200

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: object) -> None:  # quiet
        pass


@pytest.fixture()
def hook() -> Iterator[tuple[str, type[_Hook]]]:
    handler = type("Hook", (_Hook,), {"received": [], "status": 200})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", handler
    server.shutdown()
    server.server_close()


def _fresh(tmp_path: Path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'w.db'}")
    for doc in synthetic_docs():
        s.put(doc)
    return s


def test_webhook_gets_new_alerts_once(tmp_path: Path, hook: tuple[str, type[_Hook]]) -> None:
    url, handler = hook
    store = _fresh(tmp_path)
    rules = parse_rules({**RULES, "webhook": {"url": url, "timeout": 5}})
    first = check(store, rules, date_from="2024-01-01", date_to="2024-03-24")
    assert first.webhook_error is None and len(first.new) == 2
    assert len(handler.received) == 1  # one POST for the evaluation
    posted = handler.received[0]["alerts"]
    assert sorted(a["period"] for a in posted) == [ESCALATION_WEEK] * 2
    assert len(posted[0]["events"]) == 8
    again = check(store, rules, date_from="2024-01-01", date_to="2024-03-24")
    assert (len(again.alerts), len(again.new), len(handler.received)) == (2, 0, 1)
    rows = list_alerts(store)
    assert [r["period"] for r in rows] == [ESCALATION_WEEK] * 2
    assert all(r["notified_at"] and r["notify_error"] is None for r in rows)


def test_webhook_failures_are_recorded_not_raised(
    tmp_path: Path, hook: tuple[str, type[_Hook]]
) -> None:
    url, handler = hook
    handler.status = 500
    store = _fresh(tmp_path)
    result = check(store, parse_rules({**RULES, "webhook": {"url": url}}),
                   date_from="2024-03-01", date_to="2024-03-10")  # fmt: skip
    assert result.webhook_error is not None and "500" in result.webhook_error
    assert len(handler.received) == 1  # tried once, not retried
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    store2 = Store(f"sqlite:///{tmp_path / 'w2.db'}")
    for doc in synthetic_docs():
        store2.put(doc)
    result = check(store2, parse_rules({**RULES, "webhook": {"url": dead, "timeout": 2}}),
                   date_from="2024-03-01", date_to="2024-03-10")  # fmt: skip
    assert result.webhook_error is not None and "unreachable" in result.webhook_error
    assert all(r["notify_error"] for r in list_alerts(store2))


def test_failed_webhooks_are_retried_with_backoff(
    tmp_path: Path, hook: tuple[str, type[_Hook]]
) -> None:
    url, handler = hook
    handler.status = 503
    store = _fresh(tmp_path)
    rules = parse_rules({**RULES, "webhook": {"url": url, "timeout": 5}})
    t0 = dt.datetime(2026, 12, 7, 4, 0)
    first = check(store, rules, date_from="2024-03-01", date_to="2024-03-10", now=t0)
    assert first.webhook_error and "503" in first.webhook_error and len(first.new) == 2
    rows = list_alerts(store)
    assert {(r["delivery"], r["delivery_attempts"]) for r in rows} == {("retrying", 1)}
    assert {r["next_delivery_at"] for r in rows} == {"2026-12-07T04:01:00"}

    handler.status = 200  # the receiver is back, but the retry is not due yet
    check(store, rules, date_from="2024-03-01", date_to="2024-03-10", now=t0.replace(second=30))
    assert len(handler.received) == 1
    later = check(store, rules, date_from="2024-03-01", date_to="2024-03-10",
                  now=t0 + dt.timedelta(minutes=1))  # fmt: skip
    assert later.webhook_error is None and later.new == []
    assert len(handler.received) == 2 and len(handler.received[1]["alerts"]) == 2
    rows = list_alerts(store)
    assert {(r["delivery"], r["delivery_attempts"], r["notify_error"]) for r in rows} == {
        ("sent", 2, None)
    }
    check(store, rules, date_from="2024-03-01", date_to="2024-03-10", now=t0 + dt.timedelta(days=1))
    assert len(handler.received) == 2  # sent once: never again


def test_the_outbox_backs_off_then_gives_up(tmp_path: Path, hook: tuple[str, type[_Hook]]) -> None:
    url, handler = hook
    handler.status = 500
    store = _fresh(tmp_path)
    rules = parse_rules({**RULES, "webhook": {"url": url, "timeout": 5}})
    assert rules.webhook is not None
    now = dt.datetime(2026, 12, 7, 4, 0)
    check(store, rules, date_from="2024-03-01", date_to="2024-03-10", now=now)
    waits = []
    for _ in range(DELIVERY_TRIES + 2):
        due = list_alerts(store)[0]["next_delivery_at"]
        if due is None:
            break
        waits.append((dt.datetime.fromisoformat(due) - now).total_seconds())
        now = dt.datetime.fromisoformat(due)
        assert deliver_due(store, rules.webhook, now=now - dt.timedelta(seconds=1)).error is None
        deliver_due(store, rules.webhook, now=now)
    assert waits == [retry_delay(n) for n in range(1, DELIVERY_TRIES)]
    assert waits[:3] == [60.0, 120.0, 240.0]
    assert len(handler.received) == DELIVERY_TRIES
    assert {(r["delivery"], r["delivery_attempts"]) for r in list_alerts(store)} == {
        ("failed", DELIVERY_TRIES)
    }


def test_migration_0006_queues_alerts_that_failed_before(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from eventwire.store.core import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        for rule, notified, error in [
            ("failed", None, "answered 500"),
            ("sent", "2026-01-01", None),
        ]:
            conn.execute(
                text("INSERT INTO monitor_alerts (rule, period, window_start, window_end, value, "
                     "reason, selection, events, fired_at, updated_at, notified_at, notify_error) "
                     "VALUES (:r, '2024-W10', '2024-03-04', '2024-03-10', 8, 'x', 'y', '[]', "
                     "'2026-01-01', '2026-01-01', :n, :e)"),
                {"r": rule, "n": notified, "e": error},
            )  # fmt: skip
    engine.dispose()
    with Store(url) as store:
        rows = {r["rule"]: r for r in list_alerts(store)}
    assert (rows["failed"]["delivery"], rows["failed"]["delivery_attempts"]) == ("retrying", 1)
    assert rows["sent"]["delivery"] == "sent"


def test_alert_store_errors_carry_no_sql(tmp_path: Path) -> None:
    from sqlalchemy import text

    from eventwire.store import StoreError

    with Store(f"sqlite:///{tmp_path / 'gone.db'}") as store:
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE monitor_alerts"))
        with pytest.raises(StoreError, match="no such table") as caught:
            list_alerts(store)
    assert "SELECT" not in str(caught.value) and "\n" not in str(caught.value)


def test_alerts_command_shows_and_retries_deliveries(
    tmp_path: Path, hook: tuple[str, type[_Hook]]
) -> None:
    url, handler = hook
    handler.status = 500
    store = _fresh(tmp_path)
    rules = tmp_path / "watch.toml"
    rules.write_text(
        f'[webhook]\nurl = "{url}"\n\n[[rule]]\nname = "rur-bor-count"\n'
        'dyad = ["Ruritania", "Borduria"]\nwindow = "week"\nthreshold = 6\n'
    )
    an_hour_ago = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=1)
    check(store, load_rules(rules), date_from="2024-03-01", date_to="2024-03-10", now=an_hour_ago)
    db = ["--db", str(tmp_path / "w.db")]
    shown = CliRunner().invoke(cli, ["alerts", *db])
    assert shown.exit_code == 0 and "webhook: retrying, 1 tries so far" in shown.output
    handler.status = 200
    checked = CliRunner().invoke(cli, ["alerts", *db, "--rules", str(rules), "--check"])
    assert checked.exit_code == 0, checked.output
    assert "webhook: sent" in checked.output and len(handler.received) == 2


def test_rules_run_after_ingest(tmp_path: Path) -> None:
    from eventwire.monitor import check_run

    store = Store(f"sqlite:///{tmp_path / 'i.db'}")
    rules = parse_rules(RULES)
    fired: list[Any] = []

    def after(stats: Any) -> None:
        fired.extend(check_run(store, stats.run_id, rules).new)

    quiet = [d for d in synthetic_docs() if not d.article.id.startswith("esc-")]
    ingest(store, quiet, pipeline=None, on_done=after)
    assert fired == []
    loud = [d for d in synthetic_docs() if d.article.id.startswith("esc-")]
    ingest(store, loud, pipeline=None, on_done=after)
    assert sorted((a.rule, a.period) for a in fired) == [
        ("rur-bor-count", ESCALATION_WEEK),
        ("rur-bor-surge", ESCALATION_WEEK),
    ]


# -- charts -------------------------------------------------------------------------------------


def _weekly(store: Store) -> list[Any]:
    return trend_rows(load_stories(store), selection=Selection(dyad=("RUR", "BOR")),
                      period="week", date_from="2024-01-01", date_to="2024-03-24")  # fmt: skip


def test_png_chart_has_size_and_drawn_bars(store: Store) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(trend_chart(_weekly(store), fmt="png", width=640,
                                              height=300))).convert("RGB")  # fmt: skip
    assert image.size == (640, 300)
    pixels = list(image.get_flattened_data())
    assert sum(p != (255, 255, 255) for p in pixels) > 0.03 * len(pixels)
    red = sum(abs(r - 0xC9) < 8 and abs(g - 0x2A) < 8 and abs(b - 0x2A) < 8 for r, g, b in pixels)
    assert red > 500  # the material-conflict bars


def test_a_chart_of_many_periods_draws_one_area_per_layer() -> None:
    # a 25-year weekly view: past MAX_BARS periods each layer is one stepped area, not
    # thousands of bars (each drawn and kept apart, they took seconds for an unreadable chart)
    from eventwire.monitor.charts import MAX_BARS
    from eventwire.monitor.trends import TrendRow

    rows = [
        TrendRow(period=f"p{i:04d}", events=2, unreal=1, quads={1: 1, 2: 0, 3: 1, 4: 0})
        for i in range(MAX_BARS + 1)
    ]
    ids = [el.get("id") or "" for el in ET.fromstring(trend_chart(rows, fmt="svg")).iter()]
    assert not [i for i in ids if i.startswith("bar-")]
    assert {"area-q1", "area-q2", "area-q3", "area-q4", "area-unreal"} <= set(ids)
    bars = [
        el.get("id") or "" for el in ET.fromstring(trend_chart(rows[:MAX_BARS], fmt="svg")).iter()
    ]
    assert sum(i.startswith("bar-q1-") for i in bars) == MAX_BARS


def test_svg_chart_has_one_bar_per_week_and_the_intensity_line(store: Store) -> None:
    rows = _weekly(store)
    root = ET.fromstring(trend_chart(rows, fmt="svg"))
    ids = [el.get("id") or "" for el in root.iter()]
    assert sum(i.startswith("bar-q4-") for i in ids) == 12
    assert f"bar-q4-{ESCALATION_WEEK}" in ids
    assert sum(i.startswith("bar-unreal-") for i in ids) == 12
    assert "line-intensity" in ids
    grouped = trend_rows(load_stories(store), period="month", group="actor")
    ids = {el.get("id") for el in ET.fromstring(trend_chart(grouped, fmt="svg")).iter()}
    assert {"line-Ruritania", "line-Borduria"} <= ids


# -- CLI and report -----------------------------------------------------------------------------


def test_cli_trends_alerts_and_report(store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", store.url]
    out = runner.invoke(cli, ["trends", *db, "--dyad", "RUR,BOR", "--by", "week",
                              "--format", "csv", "--chart", str(tmp_path / "c.svg")])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert f"{ESCALATION_WEEK},all,8,16," in out.stdout
    assert (tmp_path / "c.svg").read_bytes().startswith(b"<?xml")
    rules = tmp_path / "watch.toml"
    rules.write_text('[[rule]]\nname = "cli-count"\ndyad = ["RUR", "BOR"]\nthreshold = 6\n')
    out = runner.invoke(cli, ["alerts", *db, "--rules", str(rules), "--check"])
    assert out.exit_code == 0, out.output
    assert f"{ESCALATION_WEEK:<10} cli-count: 8 events >= threshold 6" in out.stdout
    out = runner.invoke(cli, ["report", *db, "--since", "2024-01-01", "--format", "md",
                              "-o", str(tmp_path / "r.md")])  # fmt: skip
    assert out.exit_code == 0, out.output
    md = (tmp_path / "r.md").read_text()
    assert "(r_files/events.png)" in md and (tmp_path / "r_files" / "events.png").is_file()
    assert "| [Ruritania → Borduria](" in md and "cli-count" in md
    out = runner.invoke(cli, ["trends", *db, "--region", "atlantis"])
    assert out.exit_code == 2 and "atlantis" in out.output


def test_report_draws_a_chart_format_only_when_asked(store: Store) -> None:
    # the UI embeds the PNGs alone: drawing every chart in both formats doubled its time
    from eventwire.monitor.report import build_report, render_report

    report = build_report(store, since="2024-01-01")
    assert report.charts and all("svg" not in vars(c) for c in report.charts)
    assert "data:image/png;base64," in render_report(report, fmt="fragment")
    assert all("svg" not in vars(c) and "png" in vars(c) for c in report.charts)
    assert report.charts[0].svg.startswith(b"<?xml")


def test_new_actors_of_a_late_range_and_of_the_whole_store(tmp_path: Path) -> None:
    # a long store and a short recent range: the report groups the range's names alone
    # (`_unseen_before`); a range as long as the store groups every actor: both must agree
    from eventwire.monitor.report import _new_actors

    s = Store(f"sqlite:///{tmp_path / 'n.db'}")
    for doc in synthetic_docs():  # Ruritania and Borduria, 2024-01 to 2024-03
        s.put(doc)
    late = _doc("late-1", "2024-06-03", _town(90))
    late.actors[0] = Actor(id="A1", name="Syldavia", country="SYL", kind="state",
                           mentions=[Mention(0, 10, late.text[0:10])])  # fmt: skip
    later = _doc("late-2", "2024-06-05", _town(91))
    later.actors[0] = late.actors[0]
    for doc in (late, later):
        s.put(doc)
    recent = _new_actors(s, since="2024-06-01", until="2024-06-30")
    assert [(a["name"], a["country"], a["first_seen"], a["articles"]) for a in recent] == [
        ("Syldavia", "SYL", "2024-06-03", 2)
    ]
    assert _new_actors(s, since="2024-06-04", until="2024-06-30") == []  # seen on the 3rd
    everything = _new_actors(s, since="2024-01-01", until="2024-12-31")
    assert [a["name"] for a in everything] == ["Borduria", "Ruritania", "Syldavia"]
    assert everything[0]["articles"] == len(synthetic_docs()) + 2
    s.close()


def test_top_dyads_skip_empty_periods_without_changing_the_figures(store: Store) -> None:
    from eventwire.monitor.report import _top_dyads

    rows = trend_rows(load_stories(store), group="dyad", period="week")
    assert any(not r.events and not r.unreal for r in rows)
    (top,) = _top_dyads(rows)
    busy = [r for r in rows if r.events]
    assert top["events"] == sum(r.events for r in busy) and top["dyad"] == "Ruritania -> Borduria"
    assert top["quads"][4] == sum(r.quads[4] for r in busy)
    assert top["unreal"] == sum(r.unreal for r in rows) == 8


def test_a_chart_drawn_again_is_reused_and_changed_figures_are_redrawn(store: Store) -> None:
    from eventwire.monitor import charts

    rows = _weekly(store)
    first = trend_chart(rows, fmt="svg", title="reuse")
    drawn = len(charts._DRAWN)
    assert trend_chart(_weekly(store), fmt="svg", title="reuse") is first  # not drawn again
    assert len(charts._DRAWN) == drawn
    rows[3].quads[4] += 1  # one more bar: a new drawing
    changed = trend_chart(rows, fmt="svg", title="reuse")
    assert changed != first and b"bar-q4-" in changed
    assert trend_chart(rows, fmt="png", title="reuse").startswith(b"\x89PNG")


def test_linking_reads_only_articles_new_or_recoded_since_it_last_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.monitor import stories

    s = Store(f"sqlite:///{tmp_path / 'k.db'}")
    docs = synthetic_docs()
    for doc in docs:
        s.put(doc)
    read: list[int] = []
    real = stories.light_articles

    def counting(store: Store, pks: Any) -> Any:
        read.extend(pks)
        return real(store, pks)

    monkeypatch.setattr(stories, "light_articles", counting)
    first = load_stories(s)
    assert len(read) == len(docs)
    # a new article and a re-coded one (its assault is now a threat): those two are read again
    recoded = next(d for d in docs if d.article.id == "noise-0-0")
    s.put(_doc("noise-0-0", recoded.article.published or "", _town(1), kind="THREATEN"))
    s.put(_doc("late-1", "2024-03-30", _town(95)))
    read.clear()
    again = load_stories(s)
    assert len(read) == 2
    assert {r["article_id"]: st.type for st in again for r in st.reports}["noise-0-0"] == "THREATEN"
    assert len(again) == len(first) + 1
    # the same as reading every article afresh
    stories._ARTICLES.clear()
    stories._CACHE.clear()
    fresh = load_stories(s)
    assert [(x.id, x.type, x.day, x.reports) for x in fresh] == [
        (x.id, x.type, x.day, x.reports) for x in again
    ]
    s.close()
