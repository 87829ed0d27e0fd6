"""The FastAPI app: the JSON API under /api and the web UI (eventwire.web) at /.

`create_app(store)` is all a server needs. The API is read-only unless a token is given:
then `POST /api/articles` codes new text with the pipeline (loaded once per process, on the
first request) and stores it, for requests that send ``Authorization: Bearer TOKEN``.
Every response carries a strict Content-Security-Policy: scripts and styles only from this
server's own files, nothing inline, nothing from elsewhere.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from .. import __version__
from ..errors import EventwireError, InputError
from ..store import (
    SORT_FIELDS,
    Filters,
    InvalidRecordError,
    NotFoundError,
    QueryError,
    Store,
    StoreError,
    parse_filters,
    parse_sort,
)
from ..store.export import EXPORT_FORMATS, ExportStream
from .corrections import correction_routes, require_token
from .hosts import HostCheck
from .monitor import monitor_routes
from .params import ControlCharacterCheck, declare_no_control
from .schemas import (
    ActorDetail,
    ActorPage,
    ArticleIn,
    ArticlePage,
    DyadPoint,
    ErrorOut,
    EventPage,
    EventType,
    PlaceCount,
    Record,
    RunSummary,
    StatusName,
    TimelinePoint,
)

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["CSP", "MAX_LIMIT", "create_app", "query_filters"]

#: The most rows one page of a list returns; exports (/api/events/export) have no cap.
MAX_LIMIT = 10_000

_log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_DESCRIPTION = """
Stored eventwire/1 records: articles coded into PLOVER events with actors, quotes, times,
places and evidence spans.

Every list takes the same filters (`date_from`, `date_to`, `actor`, `source`, `target`,
`country`, `type`, `status`, `q`) and lists are paginated with `limit` and `offset`.
`POST /api/articles` exists only when the server was started with a token.
"""


def _date_query(description: str) -> Any:
    return Query(description=description, json_schema_extra={"format": "date"})


_ISO3 = "^[A-Za-z]{3}$"  # the UI takes country names too; the API documents codes


def query_filters(
    request: Request,
    date_from: Annotated[str | None, _date_query("On or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, _date_query("On or before (YYYY-MM-DD).")] = None,
    actor: Annotated[str | None, Query(description="A source or target actor's name.")] = None,
    source: Annotated[str | None, Query(description="The dyad's source actor.")] = None,
    target: Annotated[str | None, Query(description="The dyad's target actor.")] = None,
    source_country: Annotated[
        str | None, Query(description="The dyad's source country (ISO3).", pattern=_ISO3)
    ] = None,
    target_country: Annotated[
        str | None, Query(description="The dyad's target country (ISO3).", pattern=_ISO3)
    ] = None,
    both: Annotated[bool | None, Query(description="Country dyad in both directions.")] = None,
    country: Annotated[
        str | None,
        Query(description="A source or target actor's country (ISO 3166 alpha-3).", pattern=_ISO3),
    ] = None,
    type: Annotated[list[EventType] | None, Query(description="PLOVER event types.")] = None,
    status: Annotated[list[StatusName] | None, Query(description="Event statuses.")] = None,
    outlet: Annotated[str | None, Query(description="The article's outlet.")] = None,
    speaker: Annotated[str | None, Query(description="Whom the event is attributed to.")] = None,
    q: Annotated[
        str | None, Query(description="Words in the events' evidence or quotes (articles: text).")
    ] = None,
    place: Annotated[str | None, Query(description="The event's location, by name.")] = None,
) -> Filters:
    """The shared query filters, as a dependency: the parameters are declared here for the
    OpenAPI document (which FastAPI checks first) and read by `parse_filters`, the parser the
    UI and the CLI use too."""
    return parse_filters(request.query_params.multi_items(), blank_dates=False, date_order=False)


def query_sort(
    sort: Annotated[
        str | None,
        Query(description="Order: one of " + ", ".join(SORT_FIELDS) + "; - first: descending."),
    ] = None,
) -> str | None:
    return parse_sort(sort)


FiltersDep = Annotated[Filters, Depends(query_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
SortDep = Annotated[str | None, Depends(query_sort)]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
PeriodQ = Annotated[str, Query(pattern="^(day|month|year)$", description="day, month or year.")]


def create_app(
    store: Store,
    *,
    token: str | None = None,
    pipeline: Pipeline | None = None,
    actor_files: tuple[Path, ...] = (),
    hosts: frozenset[str] | None = None,
) -> FastAPI:
    """The API and the UI over `store`; `token` turns on coding new text by POST.

    `pipeline` is the one that codes posted text (default: the full pipeline with the user's
    `actor_files`, loaded on first use). `hosts`, when given, are the only Host header names
    answered (others get a 400; see `eventwire.api.hosts`).
    """
    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # served offline by eventwire.web, not from a CDN
        redoc_url=None,
    )
    app.state.store = store
    app.include_router(_read_routes(store), prefix="/api")
    app.include_router(monitor_routes(store), prefix="/api")
    app.include_router(correction_routes(store, token=token), prefix="/api")
    app.state.corrections_writable = bool(token)  # the reader offers its correction form
    if token:
        app.include_router(
            _write_routes(store, token, pipeline, actor_files=actor_files), prefix="/api"
        )
    _mount_ui(app, store)
    # the last added runs first: security headers on every answer, then the Host check,
    # then control characters in the path or query (a 422 before any route or query runs)
    app.add_middleware(ControlCharacterCheck)
    _declare_no_control(app)
    if hosts is not None:
        app.add_middleware(HostCheck, hosts=hosts)
    _add_handlers(app)
    return app


def _read_routes(store: Store) -> APIRouter:
    router = APIRouter(tags=["read"])

    @router.get("/events", response_model=EventPage, summary="Events, newest first")
    def list_events(
        filters: FiltersDep, sort: SortDep, limit: Limit = 50, offset: Offset = 0
    ) -> Any:
        return store.events(filters, limit=limit, offset=offset, sort=sort).to_dict()

    @router.get(
        "/events/export",
        summary="Every matching event as a file",
        response_class=StreamingResponse,
        responses={200: {"content": {t: {} for t in ExportStream.MEDIA_TYPES.values()}}},
    )
    def export_events(
        filters: FiltersDep,
        format: Annotated[
            str,
            Query(
                description="One of " + ", ".join(EXPORT_FORMATS) + ".",
                pattern="^(" + "|".join(EXPORT_FORMATS) + ")$",
            ),
        ] = "csv",
    ) -> StreamingResponse:
        """The events matching the filters, streamed with no row cap: CSV or Parquet with
        POLECAT's columns and eventwire's, POLECAT's TSV, or (jsonl) the matching articles'
        full eventwire/1 records. The same writer as `eventwire export`."""
        if format not in EXPORT_FORMATS:
            raise QueryError(
                f"format: {format!r} is not one of {', '.join(EXPORT_FORMATS)}", param="format"
            )
        stream = ExportStream(store, fmt=format, filters=filters)
        disposition = f'attachment; filename="{stream.filename}"'
        return StreamingResponse(
            iter(stream), media_type=stream.media_type,
            headers={"Content-Disposition": disposition},
        )  # fmt: skip

    @router.get("/events/facets", summary="Event counts by type, status, country, outlet, speaker")
    def event_facets(filters: FiltersDep) -> dict[str, list[dict[str, Any]]]:
        return store.facets(filters)

    @router.get("/articles", response_model=ArticlePage, summary="Articles, newest first")
    def list_articles(filters: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> Any:
        return store.articles(filters, limit=limit, offset=offset).to_dict()

    @router.get(
        "/articles/{article_id:path}",
        response_model=Record,
        response_model_by_alias=True,
        summary="One article's record with every span",
        responses={404: {"description": "No such article"}},
    )
    def get_article(article_id: str) -> Any:
        return _record(store, article_id)

    @router.get("/actors", response_model=ActorPage, summary="Actors by number of articles")
    def list_actors(filters: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> Any:
        return store.actors(filters, limit=limit, offset=offset).to_dict()

    @router.get(
        "/actors/{name:path}",
        response_model=ActorDetail,
        summary="One actor and its counterparts",
        responses={404: {"description": "No such actor"}},
    )
    def get_actor(name: str) -> Any:
        return store.actor(name)

    @router.get("/dyads", response_model=list[DyadPoint], summary="Dyads per period")
    def dyads(
        filters: FiltersDep,
        period: PeriodQ = "month",
        limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
    ) -> Any:
        """Source -> target pairs per period: event count and mean intensity."""
        return store.dyads(filters, period=period, limit=limit)  # type: ignore[arg-type]

    @router.get("/timeline", response_model=list[TimelinePoint], summary="Events per period")
    def timeline(filters: FiltersDep, period: PeriodQ = "month") -> Any:
        """Events per period and type: count and mean intensity."""
        return store.timeline(filters, period=period)  # type: ignore[arg-type]

    @router.get("/places", response_model=list[PlaceCount], summary="Event locations")
    def places(filters: FiltersDep) -> Any:
        return store.places(filters)

    @router.get("/runs", response_model=list[RunSummary], summary="Latest ingest runs")
    def runs(limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Any:
        return store.runs(limit=limit)

    @router.get("/stats", response_model=dict[str, int], summary="Rows per table")
    def stats() -> Any:
        return store.counts()

    return router


def _write_routes(
    store: Store, token: str, pipeline: Pipeline | None, *, actor_files: tuple[Path, ...] = ()
) -> APIRouter:
    router = APIRouter(tags=["write"])
    coder = _Coder(pipeline, actor_files=actor_files)

    authorized = require_token(token)

    @router.post(
        "/articles",
        response_model=Record,
        response_model_by_alias=True,
        status_code=201,
        summary="Code new text and store it",
        dependencies=[Depends(authorized)],
        responses={
            400: {"description": "The text cannot be read or coded", "model": ErrorOut},
            401: {"description": "Missing or wrong token"},
        },
    )
    def post_article(body: ArticleIn) -> Any:
        doc = coder.code(body.model_dump())
        store.put(doc)
        return _record(store, doc.article.id)

    return router


class _Coder:
    """Codes posted text; the pipeline loads once, and one request codes at a time."""

    def __init__(self, pipeline: Pipeline | None, *, actor_files: tuple[Path, ...] = ()) -> None:
        self._pipeline = pipeline
        self._actor_files = actor_files
        self._lock = threading.Lock()

    def code(self, data: dict[str, Any]) -> Any:
        from ..readers import document_from_json

        doc = document_from_json(
            {k: v for k, v in data.items() if v is not None}, where="POST /api/articles"
        )
        with self._lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline
                from ..resources import Resources

                resources = Resources(actor_files=self._actor_files).load_all()
                self._pipeline = Pipeline.from_names(resources=resources)
            return self._pipeline(doc)


def _record(store: Store, article_id: str) -> dict[str, Any]:
    doc, meta = store.article(article_id)
    return {**doc.to_dict(), "store": meta}


def _declare_no_control(app: FastAPI) -> None:
    """The OpenAPI document says what `ControlCharacterCheck` refuses."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = declare_no_control(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _mount_ui(app: FastAPI, store: Store) -> None:
    from ..web import STATIC_DIR, swagger_dir, web_router

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    swagger = swagger_dir()
    if swagger is not None:
        app.mount("/vendor/swagger", StaticFiles(directory=swagger), name="swagger")
    app.include_router(web_router(store))


def _is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def _ui_error(request: Request, status: int, message: str) -> Response:
    from ..web import error_page

    return error_page(request, status, message)


def _allowed_methods(request: Request) -> list[str]:
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods.update(getattr(route, "methods", None) or ())
    return sorted(methods)


def _add_handlers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(_SECURITY_HEADERS)
        if response.status_code == 405:
            # Starlette names only the first matching route's methods; name them all
            response.headers["Allow"] = ", ".join(_allowed_methods(request))
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's own 422, written as ASCII JSON: an error quoting a lone surrogate
        # ("\ud800" in a posted body) would otherwise fail to encode and become a 500
        body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True)
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        if not _is_api(request):
            return _ui_error(request, 404, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and not _is_api(request):
            return _ui_error(request, 404, f"There is no page at {request.url.path}.")
        return await http_exception_handler(request, exc)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        # a parameter we cannot honour is refused with its reason, never silently ignored
        if not _is_api(request):
            return _ui_error(request, 422, str(exc))
        loc = ["query", exc.param] if exc.param else ["query"]
        detail = [{"loc": loc, "msg": str(exc), "type": "value_error"}]
        return JSONResponse({"detail": detail, "kind": exc.kind}, status_code=422)

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "kind": exc.kind}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        if isinstance(exc, InvalidRecordError):  # a value no backend stores: the client's to fix
            return JSONResponse({"detail": str(exc), "kind": exc.kind}, status_code=422)
        # the database's own words stay in the server's log, not in the answer
        _log.warning("store error on %s: %s", request.url.path, exc)
        detail = "the store is unavailable; try again later"
        return JSONResponse({"detail": detail, "kind": exc.kind}, status_code=503)

    @app.exception_handler(EventwireError)
    async def other_error(request: Request, exc: EventwireError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "kind": exc.kind}, status_code=400)
