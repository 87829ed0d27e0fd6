"""The FastAPI app: the JSON API under /api and the web UI (eventwire.web) at /.

`create_app(store)` is all a server needs. The API is read-only unless a token is given:
then `POST /api/articles` codes new text with the pipeline (loaded once per process, on the
first request) and stores it, for requests that send ``Authorization: Bearer TOKEN``.
Every response carries a strict Content-Security-Policy: scripts and styles only from this
server's own files, nothing inline, nothing from elsewhere.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Match

from .. import __version__
from ..errors import EventwireError, InputError
from ..store import Filters, NotFoundError, Store, StoreError
from .corrections import correction_routes, require_token
from .monitor import monitor_routes
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
    iso_date,
)

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["CSP", "create_app", "query_filters"]

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


def query_filters(
    date_from: Annotated[str | None, _date_query("On or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, _date_query("On or before (YYYY-MM-DD).")] = None,
    actor: Annotated[str | None, Query(description="A source or target actor's name.")] = None,
    source: Annotated[str | None, Query(description="The dyad's source actor.")] = None,
    target: Annotated[str | None, Query(description="The dyad's target actor.")] = None,
    country: Annotated[
        str | None, Query(description="A source or target actor's country (ISO 3166 alpha-3).")
    ] = None,
    type: Annotated[list[EventType] | None, Query(description="PLOVER event types.")] = None,
    status: Annotated[list[StatusName] | None, Query(description="Event statuses.")] = None,
    q: Annotated[str | None, Query(description="Full-text search of titles and text.")] = None,
    place: Annotated[str | None, Query(description="The event's location, by name.")] = None,
) -> Filters:
    """The shared query filters, as a dependency."""
    return Filters(
        date_from=iso_date(date_from, "date_from"),
        date_to=iso_date(date_to, "date_to"),
        actor=actor or None,
        source=source or None,
        target=target or None,
        country=country or None,
        type=tuple(type or ()),
        status=tuple(status or ()),
        q=q or None,
        place=place or None,
    )


FiltersDep = Annotated[Filters, Depends(query_filters)]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
PeriodQ = Annotated[str, Query(pattern="^(day|month|year)$", description="day, month or year.")]


def create_app(
    store: Store,
    *,
    token: str | None = None,
    pipeline: Pipeline | None = None,
    actor_files: tuple[Path, ...] = (),
) -> FastAPI:
    """The API and the UI over `store`; `token` turns on coding new text by POST.

    `pipeline` is the one that codes posted text (default: the full pipeline with the user's
    `actor_files`, loaded on first use).
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
    _add_handlers(app)
    return app


def _read_routes(store: Store) -> APIRouter:
    router = APIRouter(tags=["read"])

    @router.get("/events", response_model=EventPage, summary="Events, newest first")
    def list_events(filters: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> Any:
        return store.events(filters, limit=limit, offset=offset).to_dict()

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


def _mount_ui(app: FastAPI, store: Store) -> None:
    from ..web import STATIC_DIR, swagger_dir, web_router

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    swagger = swagger_dir()
    if swagger is not None:
        app.mount("/vendor/swagger", StaticFiles(directory=swagger), name="swagger")
    app.include_router(web_router(store))


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

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "kind": exc.kind}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "kind": exc.kind}, status_code=503)

    @app.exception_handler(EventwireError)
    async def other_error(request: Request, exc: EventwireError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "kind": exc.kind}, status_code=400)
