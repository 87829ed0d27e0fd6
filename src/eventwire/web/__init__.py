"""The web UI: server-rendered pages over a `Store`, with small scripts of our own.

Pages: articles (`/`), the article reader (`/articles/{id}`), events (`/events`), actors
(`/actors`, `/actors/{name}`), the dyad network (`/dyads`), the timeline (`/timeline`),
the map (`/map`) and the API docs (`/api/docs`). Every asset is served from this package or
from installed packages: the UI works offline. Templates autoescape everything; article text
is only ever inserted as escaped text, and the app's Content-Security-Policy forbids inline
and foreign scripts, so a `<script>` in an article is shown, not run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..record import PLOVER_TYPES, STATUSES
from ..store import (
    FILTER_PARAMS,
    Filters,
    NotFoundError,
    QueryError,
    Store,
    parse_filters,
    parse_sort,
)
from ..store.corrections import corrections_in_force
from ..vocabulary import GROUPS, PERIODS
from .charts import period_span, type_css
from .feeds import feeds_router
from .grid import article_label, export_links, facet_links, filter_chips, sort_links
from .monitor import monitor_router
from .render import TYPE_COLORS, bar_chart, intensity_color, network, segments

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "error_page", "swagger_dir", "web_router"]

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"
PAGE_SIZE = 50


def swagger_dir() -> Path | None:
    """Swagger UI's files from the installed `swagger-ui-bundle` package, if there."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every page, every string: article text is untrusted
        undefined=jinja2.StrictUndefined,
    )
    env.filters["urlpart"] = lambda s: quote(str(s), safe="")
    env.filters["article_label"] = article_label
    env.globals.update(
        TYPES=PLOVER_TYPES, STATUSES=STATUSES, PERIODS=PERIODS, GROUPS=GROUPS,
        TYPE_COLORS=TYPE_COLORS, color=intensity_color,
    )  # fmt: skip
    return Jinja2Templates(env=env)


def _filters(request: Request) -> tuple[Filters, dict[str, Any]]:
    """Filters from the query string (`parse_filters`: a bad value is a `QueryError`, shown
    to the user) and the form's values as typed."""
    p = request.query_params
    form: dict[str, Any] = {k: p.get(k, "").strip() for k in FILTER_PARAMS}
    form["type"] = [t for t in p.getlist("type") if t.strip()]
    form["status"] = [s for s in p.getlist("status") if s.strip()]
    form["both"] = bool(form["both"]) and form["both"].lower() not in ("0", "false", "off", "no")
    return parse_filters(p.multi_items()), form


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The UI's error page (404, 422...): the message on a page of the site, not raw JSON."""
    titles = {404: "Not found", 422: "Invalid request"}
    return _TEMPLATES.TemplateResponse(
        request, "error.html",
        {"message": message, "title": titles.get(status, "Error"), "nav": ""},
        status_code=status,
    )  # fmt: skip


def _offset(request: Request) -> int:
    raw = request.query_params.get("offset", "0")
    return max(0, min(int(raw), 10_000_000)) if raw.isdigit() else 0


_TEMPLATES = _templates()


def _pager(request: Request, total: int, offset: int) -> dict[str, Any]:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]

    def link(at: int) -> str:
        return "?" + urlencode([*params, ("offset", str(at))])

    return {
        "total": total, "first": offset + 1 if total else 0,
        "last": min(offset + PAGE_SIZE, total),
        "prev": link(max(0, offset - PAGE_SIZE)) if offset > 0 else None,
        "next": link(offset + PAGE_SIZE) if offset + PAGE_SIZE < total else None,
    }  # fmt: skip


def web_router(store: Store) -> APIRouter:
    """The UI's pages over `store`."""
    router = APIRouter(include_in_schema=False)
    templates = _TEMPLATES

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        filters, form = _filters(request)
        offset = _offset(request)
        result = store.articles(filters, limit=PAGE_SIZE, offset=offset)
        return page(request, "articles.html", articles=result.items, form=form,
                    pager=_pager(request, result.total, offset), counts=store.counts(),
                    nav="articles")  # fmt: skip

    @router.get("/articles")
    def articles_redirect(request: Request) -> RedirectResponse:
        return RedirectResponse("/?" + str(request.query_params))

    @router.get("/articles/{article_id:path}", response_class=HTMLResponse)
    def reader(request: Request, article_id: str) -> HTMLResponse:
        try:
            doc, meta = store.article(article_id)
        except NotFoundError as e:
            return page(request, "error.html", 404, message=str(e), title="Not found",
                        nav="")  # fmt: skip
        actors = {a.id: a for a in doc.actors}
        return page(request, "reader.html", doc=doc, meta=meta, actors=actors,
                    places={p.id: p for p in doc.places}, times={t.id: t for t in doc.times},
                    quotes={q.id: q for q in doc.quotes}, segments=segments(doc),
                    corrections={e: c for (_, e), c in
                                 corrections_in_force(store, article_id=article_id).items()},
                    writable=getattr(request.app.state, "corrections_writable", False),
                    nav="articles")  # fmt: skip

    @router.get("/events", response_class=HTMLResponse)
    def events(request: Request) -> HTMLResponse:
        pairs = request.query_params.multi_items()
        grid: dict[str, Any] = {"chips": filter_chips(pairs), "error": None}
        try:
            filters, form = _filters(request)
            sort = parse_sort(request.query_params.get("sort"))
        except QueryError as e:
            # the grid stays, with the reason in view, rather than a page without the form
            form = {k: request.query_params.get(k, "") for k in FILTER_PARAMS}
            form.update(type=[], status=[], both=False)
            grid.update(error=str(e), sorts=sort_links(pairs, None), facets={}, exports=[])
            pager = _pager(request, 0, 0)
            return page(request, "events.html", 422, events=[], form=form, pager=pager,
                        grid=grid, nav="events")  # fmt: skip
        offset = _offset(request)
        result = store.events(filters, limit=PAGE_SIZE, offset=offset, sort=sort)
        grid.update(sorts=sort_links(pairs, sort), exports=export_links(filters),
                    facets=facet_links(pairs, store.facets(filters)))  # fmt: skip
        return page(request, "events.html", events=result.items, form=form, grid=grid,
                    pager=_pager(request, result.total, offset), nav="events")  # fmt: skip

    @router.get("/actors", response_class=HTMLResponse)
    def actors(request: Request) -> HTMLResponse:
        filters, form = _filters(request)
        offset = _offset(request)
        result = store.actors(filters, limit=PAGE_SIZE, offset=offset)
        grid = {"chips": filter_chips(request.query_params.multi_items()),
                "exports": export_links(filters)}  # fmt: skip
        return page(request, "actors.html", actors=result.items, form=form, grid=grid,
                    pager=_pager(request, result.total, offset), nav="actors")  # fmt: skip

    @router.get("/actors/{name:path}", response_class=HTMLResponse)
    def actor(request: Request, name: str) -> HTMLResponse:
        try:
            info = store.actor(name)
        except NotFoundError as e:
            return page(request, "error.html", 404, message=str(e), title="Not found",
                        nav="actors")  # fmt: skip
        offset = _offset(request)
        events = store.events(Filters(actor=name), limit=PAGE_SIZE, offset=offset)
        rows = store.timeline(Filters(actor=name), period="month", by_status=True)
        chart = bar_chart(rows, height=220, href=_events_link([("actor", name)]))
        return page(request, "actor.html", actor=info, events=events.items,
                    total=events.total, pager=_pager(request, events.total, offset),
                    exports=export_links(Filters(actor=name)), chart=chart,
                    nav="actors")  # fmt: skip

    @router.get("/dyads", response_class=HTMLResponse)
    def dyads(request: Request) -> HTMLResponse:
        filters, form = _filters(request)
        rows = store.dyads(filters, period="year", limit=5000)
        table = sorted(_sum_pairs(rows), key=lambda r: -r["events"])[:100]
        return page(request, "dyads.html", graph=network(rows), table=table, form=form,
                    nav="dyads")  # fmt: skip

    @router.get("/timeline", response_class=HTMLResponse)
    def timeline(request: Request) -> HTMLResponse:
        filters, form = _filters(request)
        period = request.query_params.get("period", "month")
        period = period if period in ("day", "month", "year") else "month"
        rows = store.timeline(filters, period=period, by_status=True)  # type: ignore[arg-type]
        kept = [(k, v) for k, v in request.query_params.multi_items()
                if k not in ("period", "offset") and v]  # fmt: skip
        periods = {p: "?" + urlencode([*kept, ("period", p)]) for p in ("day", "month", "year")}
        chart = bar_chart(rows, href=_events_link(kept))
        return page(request, "timeline.html", chart=chart, rows=rows, form=form,
                    period=period, periods=periods, nav="timeline")  # fmt: skip

    @router.get("/map", response_class=HTMLResponse)
    def map_page(request: Request) -> HTMLResponse:
        filters, form = _filters(request)
        places = store.places(filters)
        query = urlencode([(k, v) for k, v in request.query_params.multi_items()
                           if k not in ("place", "offset") and v])  # fmt: skip
        grid = {"chips": filter_chips(request.query_params.multi_items()),
                "exports": export_links(filters)}  # fmt: skip
        return page(request, "map.html", places=places, form=form, query=query, grid=grid,
                    place_filter=True, nav="map")  # fmt: skip

    @router.get("/types.css", include_in_schema=False)
    def types_css() -> Response:
        # the type badges' colours, made from the charts' one palette
        return Response(type_css(), media_type="text/css")

    @router.get("/api/docs", response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        return page(request, "docs.html", swagger=swagger_dir() is not None, nav="api")

    router.include_router(monitor_router(store, templates))  # /trends, /alerts, /report
    router.include_router(feeds_router(store, templates))  # /feeds
    return router


def _events_link(params: list[tuple[str, str]]) -> Any:
    """A bar's link to its events: the page's filters, the bar's period, type and status."""
    kept = [(k, v) for k, v in params if k not in ("date_from", "date_to", "type", "status")]
    bounds = dict(params)

    def href(row: dict[str, Any]) -> str:
        pairs = list(kept)
        if row["period"]:
            first, last = period_span(row["period"])
            pairs += [("date_from", max(first, bounds.get("date_from") or first)),
                      ("date_to", min(last, bounds.get("date_to") or last))]  # fmt: skip
        pairs.append(("type", row["type"]))
        if row.get("status"):
            pairs.append(("status", row["status"]))
        return "/events?" + urlencode(pairs)

    return href


def _sum_pairs(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pairs: dict[tuple[str, str], list[float]] = {}
    for r in rows:
        acc = pairs.setdefault((r["source"], r["target"]), [0, 0.0])
        acc[0] += r["events"]
        acc[1] += (r["mean_intensity"] or 0.0) * r["events"]
    return [
        {
            "source": s,
            "target": t,
            "events": int(c),
            "mean_intensity": round(i / c, 2) if c else None,
        }
        for (s, t), (c, i) in pairs.items()
    ]
