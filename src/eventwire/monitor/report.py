"""The monitoring report: top dyads, new actors, escalation alerts and charts, HTML or Markdown.

`build_report` gathers the figures of a date range from story-level events and recorded
alerts; `render_report` writes them as a self-contained HTML page (charts as ``data:`` URIs,
styles inline), as an HTML fragment for the web UI, or as Markdown (charts as files beside
it, or data URIs). Every event links to its article in the UI, where its evidence is
highlighted.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import quote, urlencode

import jinja2
from sqlalchemy import exists, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from ..dedup import DedupConfig
from ..errors import ConfigError
from ..store import Store, StoreError
from ..store.models import ActorRow, ArticleRow, EventRow
from .alerts import check, list_alerts
from .charts import trend_chart
from .rules import RuleSet
from .stories import load_stories, no_cyclic_gc
from .trends import Period, trend_rows

__all__ = ["Chart", "Report", "build_report", "render_report"]

#: Shared with the web UI (its package data), so the UI page and the file render alike.
TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"
ReportFormat = Literal["html", "md", "fragment"]
TOP = 10


@dataclass
class Chart:
    """One chart of the report, drawn in a format when that is first asked for (the UI shows
    the PNG alone: drawing both formats of every chart doubled the page's time)."""

    name: str
    title: str
    rows: list[Any] = field(repr=False)

    @functools.cached_property
    def png(self) -> bytes:
        return trend_chart(self.rows, fmt="png", title=self.title)

    @functools.cached_property
    def svg(self) -> bytes:
        return trend_chart(self.rows, fmt="svg", title=self.title)

    def data_uri(self, fmt: str = "png") -> str:
        if fmt == "svg":
            return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Report:
    """What a report shows; `base_url` is the UI the evidence links point to."""

    since: str
    until: str
    period: Period
    base_url: str
    summary: dict[str, int] = field(default_factory=dict)
    top_dyads: list[dict[str, Any]] = field(default_factory=list)
    new_actors: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    generated: str = ""

    def article_link(self, article_id: str) -> str:
        return f"{self.base_url}/articles/{quote(article_id, safe='')}"

    def events_link(self, **params: str) -> str:
        query = {"date_from": self.since, "date_to": self.until, **params}
        return f"{self.base_url}/events?{urlencode(query)}"


def build_report(
    store: Store,
    *,
    since: str,
    until: str | None = None,
    period: Period = "week",
    rules: RuleSet | None = None,
    base_url: str = "http://127.0.0.1:8000",
    config: DedupConfig | None = None,
) -> Report:
    """The report of [since, until] (until: the latest event day, else today).

    With `rules`, they are evaluated over the range first, so that the report's alerts are
    up to date; otherwise it shows the alerts recorded after earlier ingests.
    """
    _check_date(since, "since")
    until = until or _latest_day(store) or dt.date.today().isoformat()
    _check_date(until, "until")
    if until < since:
        raise ConfigError(f"the report ends ({until}) before it starts ({since})")
    stories = load_stories(store, date_from=since, date_to=until, config=config)
    with no_cyclic_gc():  # a row per dyad and period: tens of thousands of small objects
        report = _report(store, stories, since=since, until=until, period=period,
                         base_url=base_url)  # fmt: skip
    if rules is not None:
        check(store, rules, date_from=since, date_to=until, config=config)
    report.alerts = list_alerts(store, since=since, until=until, limit=100)
    return report


def _report(
    store: Store, stories: list[Any], *, since: str, until: str, period: Period, base_url: str
) -> Report:
    report = Report(
        since=since,
        until=until,
        period=period,
        base_url=base_url.rstrip("/"),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    total = trend_rows(stories, period=period, date_from=since, date_to=until)
    report.summary = {
        "events": sum(r.events for r in total),
        "reports": sum(r.reports for r in total),
        "unreal": sum(r.unreal for r in total),
        "negated": sum(1 for s in stories if s.status == "negated"),
        "articles": len({a for s in stories for a in s.articles}),
    }
    by_dyad = trend_rows(stories, period=period, group="dyad", date_from=since, date_to=until)
    report.top_dyads = _top_dyads(by_dyad)
    report.new_actors = _new_actors(store, since=since, until=until)
    report.charts = [
        _chart("events", f"Story-level events per {period}, by quad class", total),
    ]
    top_names = {d["dyad"] for d in report.top_dyads[:5]}
    if top_names:
        rows = [r for r in by_dyad if r.group in top_names]
        report.charts.append(_chart("dyads", f"Top dyads: events per {period}", rows))
    return report


def _chart(name: str, title: str, rows: list[Any]) -> Chart:
    return Chart(name=name, title=title, rows=rows)


def _top_dyads(rows: list[Any]) -> list[dict[str, Any]]:
    acc: dict[str, dict[str, Any]] = {}
    for r in rows:
        if not (r.events or r.unreal):
            continue  # an empty period adds nothing (most rows of a window's many dyads)
        d = acc.setdefault(
            r.group,
            {
                "dyad": r.group,
                "events": 0,
                "reports": 0,
                "unreal": 0,
                "intensity_sum": 0.0,
                "quads": {1: 0, 2: 0, 3: 0, 4: 0},
            },
        )
        d["events"] += r.events
        d["reports"] += r.reports
        d["unreal"] += r.unreal
        d["intensity_sum"] = round(d["intensity_sum"] + r.intensity_sum, 3)
        for q, n in r.quads.items():
            d["quads"][q] += n
    out = [d for d in acc.values() if d["events"] or d["unreal"]]
    for d in out:
        d["intensity_mean"] = round(d["intensity_sum"] / d["events"], 2) if d["events"] else None
        d["source"], _, d["target"] = d["dyad"].partition(" -> ")
    out.sort(key=lambda d: (-d["events"], -d["unreal"], d["dyad"]))
    return out[:TOP]


def _new_actors(store: Store, *, since: str, until: str) -> list[dict[str, Any]]:
    """Actors first seen in the range: no article before `since` names them."""
    first = func.min(ArticleRow.published)
    query = (
        select(
            func.max(ActorRow.name).label("name"),
            func.max(ActorRow.country).label("country"),
            func.max(ActorRow.sector).label("sector"),
            func.max(ActorRow.kind).label("kind"),
            first.label("first_seen"),
            func.count(func.distinct(ActorRow.article_pk)).label("articles"),
        )
        .join(ArticleRow, ArticleRow.pk == ActorRow.article_pk)
        .group_by(ActorRow.name_key)
        .having(first >= since, first <= until)
        .order_by(func.count(func.distinct(ActorRow.article_pk)).desc(), first)
        .limit(25)
    )
    try:
        with store.engine.connect() as conn:
            before, inside = conn.execute(_article_counts(since, until)).one()
            if (inside or 0) <= (before or 0):
                # a recent range of a long store: group only the names of the range that no
                # earlier article holds, not every actor of the store (the same rows)
                query = query.where(ActorRow.name_key.in_(_unseen_before(since, until)))
            rows = conn.execute(query).mappings().all()
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read actors: {e}") from e
    return [dict(r) for r in rows]


def _article_counts(since: str, until: str) -> Any:
    """The number of articles published before `since` and in [since, until] (by index)."""
    return select(
        select(func.count()).where(ArticleRow.published < since).scalar_subquery(),
        select(func.count())
        .where(ArticleRow.published >= since, ArticleRow.published <= until)
        .scalar_subquery(),
    )


def _unseen_before(since: str, until: str) -> Any:
    """The names of actors of articles in [since, until] that no article before `since`
    names: the range's few distinct names first, then an index probe per name that stops at
    its first earlier article."""
    named, article = aliased(ActorRow), aliased(ArticleRow)
    seen, older = aliased(ActorRow), aliased(ArticleRow)
    recent = (
        select(named.name_key)
        .join(article, article.pk == named.article_pk)
        .where(article.published >= since, article.published <= until)
        .distinct()
        .subquery()
    )
    earlier = exists().where(
        seen.name_key == recent.c.name_key,
        older.pk == seen.article_pk,
        older.published < since,
    )
    return select(recent.c.name_key).where(~earlier)


def _latest_day(store: Store) -> str | None:
    try:
        with store.engine.connect() as conn:
            value = conn.execute(select(func.max(EventRow.day))).scalar()
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read events: {e}") from e
    return str(value) if value else None


def _check_date(value: str, name: str) -> None:
    from ..readers.text import is_iso_date

    if not is_iso_date(value):
        raise ConfigError(f"{name} must be a date YYYY-MM-DD, not {value!r}")


# -- rendering ----------------------------------------------------------------------------------


def _env(*, autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,  # HTML: every value escaped, article text is untrusted
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md_escape
    return env


def render_report(
    report: Report, *, fmt: ReportFormat = "html", chart_files: dict[str, str] | None = None
) -> str:
    """The report as a standalone HTML page, an HTML fragment (for the UI) or Markdown.

    Charts are embedded as data URIs unless `chart_files` maps a chart's name to a path
    (relative to the report) where the caller writes `chart.png`.
    """
    if fmt not in get_args(ReportFormat):
        raise ConfigError(f"report format must be html or md, not {fmt!r}")
    sources = {c.name: (chart_files or {}).get(c.name) or c.data_uri() for c in report.charts}
    env = _env(autoescape=fmt != "md")
    name = {"html": "report_standalone.html", "fragment": "report_body.html", "md": "report.md"}[
        fmt
    ]
    return env.get_template(name).render(r=report, src=sources)


def _md_escape(value: object) -> str:
    """Text safe inside a Markdown table cell or line (no markup, no raw HTML)."""
    text = " ".join(str(value).split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text
