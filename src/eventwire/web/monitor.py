"""The monitoring pages of the web UI: trends with their chart, alerts, and the report.

`/trends` draws the chart served by `/api/trends/chart.svg` for the same query string, so
the page, the API and `eventwire trends` show the same figures; `/alerts` lists the alerts
fired after ingests with links to the evidence; `/report` is `eventwire report` in the UI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from ..errors import EventwireError
from ..monitor import (
    REGIONS,
    Selection,
    build_report,
    default_window,
    list_alerts,
    load_stories,
    render_report,
    resolve_countries,
    trend_rows,
)
from ..readers.text import is_iso_date
from ..record import PLOVER_TYPES
from ..store import Store
from ..vocabulary import GROUPS, PERIODS
from .trend_links import trend_bar_chart, trend_exports, trend_links

__all__ = ["monitor_router"]


def _form(request: Request) -> dict[str, Any]:
    """The trend form's values from the query string; bad values are dropped."""
    p = request.query_params
    form: dict[str, Any] = {
        k: p.get(k, "").strip()
        for k in ("dyad_source", "dyad_target", "actor", "country", "region", "date_from",
                  "date_to")
    }  # fmt: skip
    form["both"] = p.get("both") in ("1", "true", "on")
    form["type"] = [t for t in p.getlist("type") if t in PLOVER_TYPES]
    form["period"] = p.get("period") if p.get("period") in PERIODS else "week"
    form["group"] = p.get("group") if p.get("group") in GROUPS else "total"
    form["region"] = form["region"] if form["region"].lower() in REGIONS else ""
    for key in ("date_from", "date_to"):
        if not _is_date(form[key]):
            form[key] = ""
    return form


def _is_date(value: str) -> bool:
    return is_iso_date(value)


def _selection(form: dict[str, Any]) -> Selection:
    places = [c for c in form["country"].replace(",", " ").split() if len(c) == 3]
    dyad = (form["dyad_source"], form["dyad_target"])
    return Selection(
        dyad=dyad if all(dyad) else None,
        both_directions=form["both"],
        actor=form["actor"] or None,
        countries=resolve_countries([*places, *([form["region"]] if form["region"] else [])]),
        types=tuple(form["type"]),
    )


def _api_query(form: dict[str, Any]) -> str:
    pairs: list[tuple[str, str]] = []
    for key in ("dyad_source", "dyad_target", "actor", "date_from", "date_to", "period", "group"):
        if form[key]:
            pairs.append((key, form[key]))
    if form["both"]:
        pairs.append(("both", "true"))
    pairs += [("country", c) for c in form["country"].replace(",", " ").split() if len(c) == 3]
    if form["region"]:
        pairs.append(("region", form["region"]))
    pairs += [("type", t) for t in form["type"]]
    return urlencode(pairs)


def monitor_router(store: Store, templates: Any) -> APIRouter:
    """The monitoring pages over `store`, rendered with the UI's `templates`."""
    router = APIRouter(include_in_schema=False)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    @router.get("/trends", response_class=HTMLResponse)
    def trends(request: Request) -> HTMLResponse:
        form = _form(request)
        # no dates given: the last 90 days of data, shown in the form (so that every link
        # and download of the page keeps them)
        window = not (form["date_from"] or form["date_to"])
        lo, hi = default_window(store, date_from=form["date_from"] or None,
                                date_to=form["date_to"] or None)  # fmt: skip
        form["date_from"], form["date_to"] = lo or "", hi or ""
        try:
            stories = load_stories(store, date_from=lo, date_to=hi)
            rows = trend_rows(stories, selection=_selection(form), period=form["period"],
                              group=form["group"], date_from=lo, date_to=hi)  # fmt: skip
        except EventwireError as e:
            return page(request, "error.html", 400, message=str(e), nav="trends")
        links = trend_links(form, rows)
        chart = trend_bar_chart(form, rows) if form["group"] == "total" else None
        everything = _api_query({**form, "date_from": store.event_days()[0] or "",
                                 "date_to": ""}) if window else ""  # fmt: skip
        return page(request, "trends.html", rows=[r.to_dict() for r in rows], form=form,
                    query=_api_query(form), regions=sorted(REGIONS), links=links, chart=chart,
                    window=window, everything=everything, exports=trend_exports(form),
                    nav="trends")  # fmt: skip

    @router.get("/alerts", response_class=HTMLResponse)
    def alerts(request: Request) -> HTMLResponse:
        rule = request.query_params.get("rule") or None
        return page(request, "alerts.html", alerts=list_alerts(store, rule=rule, limit=100),
                    rule=rule or "", nav="alerts")  # fmt: skip

    @router.get("/report", response_class=HTMLResponse)
    def report(request: Request) -> HTMLResponse:
        since = request.query_params.get("since", "")
        until = request.query_params.get("until", "")
        if not _is_date(since):
            since = _default_since(store)
        try:
            result = build_report(store, since=since, until=until if _is_date(until) else None,
                                  base_url="")  # fmt: skip
        except EventwireError as e:
            return page(request, "error.html", 400, message=str(e), nav="report")
        # the fragment comes from an autoescaping environment: every value in it is escaped
        body = Markup(render_report(result, fmt="fragment"))
        return page(request, "report.html", body=body, since=since, nav="report")

    return router


def _default_since(store: Store) -> str:
    """Four weeks back from the latest stored event (from today when there is none), but
    not before the first one."""
    first, last = store.event_days()
    end = dt.date.fromisoformat(last) if last else dt.date.today()
    since = (end - dt.timedelta(days=28)).isoformat()
    return max(since, first) if first else since
