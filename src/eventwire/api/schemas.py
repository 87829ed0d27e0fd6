"""The API's response and request models: what the OpenAPI document describes.

The record models follow eventwire/1 (see docs/format.md); the query models are the rows
`eventwire.store.Store` returns.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Literal, get_type_hints

from pydantic import BaseModel, Field, create_model, field_validator

from ..readers.text import ARTICLE_DATE_PATTERN, is_article_date, is_iso_date
from ..record import Actor, Article, Event, Place, Quote, Span, TimeRef
from ..vocabulary import PLOVER_TYPES, Status

__all__ = [
    "ActorDetail",
    "ActorPage",
    "ActorRef",
    "ActorSummary",
    "ArticleIn",
    "ArticlePage",
    "ArticleSummary",
    "Counterpart",
    "DyadPoint",
    "ErrorOut",
    "EventPage",
    "EventRow",
    "EventType",
    "LocationRef",
    "PlaceCount",
    "Record",
    "RunSummary",
    "StatusName",
    "TimelinePoint",
    "model_of",
]

if TYPE_CHECKING:
    EventType = str
else:  # a Literal of the one list of types: pydantic checks it, OpenAPI shows it as an enum
    EventType = Literal[PLOVER_TYPES]
StatusName = Status


def model_of(
    record: type[Any], name: str, *, only: tuple[str, ...] = (), **nested: type[BaseModel]
) -> type[BaseModel]:
    """A response model with the fields, types and defaults of a record dataclass
    (`eventwire.record`, the one definition of each field), or `only` those; `nested` maps a
    field to the model of the records its list holds ("mentions" -> SpanOut)."""
    hints = get_type_hints(record)
    fields: dict[str, Any] = {}
    by_name = {f.name: f for f in dataclasses.fields(record)}
    for f in [by_name[n] for n in only] if only else by_name.values():
        kind: Any = hints[f.name]
        if f.name in nested:
            kind = list.__class_getitem__(nested[f.name])
        if f.default_factory is not dataclasses.MISSING:
            fields[f.name] = (kind, Field(default_factory=f.default_factory))
        elif f.default is not dataclasses.MISSING:
            fields[f.name] = (kind, f.default)
        else:
            fields[f.name] = (kind, ...)
    model: type[BaseModel] = create_model(name, __doc__=record.__doc__, **fields)
    return model


if TYPE_CHECKING:  # built at import time: to a type checker each is a pydantic model
    SpanOut = BaseModel
    ArticleOut = BaseModel
    ActorOut = BaseModel
    QuoteOut = BaseModel
    TimeOut = BaseModel
    PlaceOut = BaseModel
    EventOut = BaseModel
else:
    SpanOut = model_of(Span, "SpanOut")
    ArticleOut = model_of(Article, "ArticleOut")
    ActorOut = model_of(Actor, "ActorOut", mentions=SpanOut)
    QuoteOut = model_of(Quote, "QuoteOut")
    TimeOut = model_of(TimeRef, "TimeOut")
    PlaceOut = model_of(Place, "PlaceOut")
    EventOut = model_of(Event, "EventOut", evidence=SpanOut)


class StoreMeta(BaseModel):
    pipeline_version: str = Field(description="The eventwire version that coded this record.")
    run_id: int | None = None
    coded_at: str
    content_hash: str


class Record(BaseModel):
    """One article's eventwire/1 record, with every span, and its store metadata."""

    schema_: str = Field("eventwire/1", alias="schema")
    article: ArticleOut
    text: str
    actors: list[ActorOut]
    quotes: list[QuoteOut]
    times: list[TimeOut]
    places: list[PlaceOut]
    events: list[EventOut]
    store: StoreMeta

    model_config = {"populate_by_name": True}


if TYPE_CHECKING:
    ActorRef = BaseModel
    LocationRef = BaseModel
else:  # an event row's actor and place: parts of the record's Actor and Place
    ActorRef = model_of(
        Actor, "ActorRef", only=("id", "name", "country", "sector", "kind", "wikidata")
    )
    LocationRef = model_of(
        Place,
        "LocationRef",
        only=("id", "text", "name", "country", "admin1", "lat", "lon", "geonames_id", "feature"),
    )


class EventRow(BaseModel):
    """An event with its actors' names, its location and its evidence."""

    article_id: str
    event_id: str
    type: str
    mode: str | None
    context: list[str]
    status: str
    date: str | None
    day: str | None = Field(description="The event's date, else its article's (YYYY-MM-DD).")
    date_precision: str | None
    cameo: str | None = Field(None, description="The trigger's CAMEO code (eventwire addition).")
    inferred: list[str] = Field(
        [], description="Ids of actors the act implies rather than the text names them."
    )
    source: list[ActorRef]
    target: list[ActorRef]
    attributed_to: ActorRef | None
    reported_by: list[ActorRef]
    location: LocationRef | None
    intensity: float
    quad: int
    confidence: float
    evidence: list[SpanOut]
    pipeline_version: str
    published: str | None
    title: str | None
    outlet: str | None
    url: str | None
    language: str
    lead: str | None = Field(None, description="The article's first words (for untitled ones).")


class EventPage(BaseModel):
    items: list[EventRow]
    total: int
    limit: int
    offset: int


class ArticleSummary(BaseModel):
    id: str
    published: str | None
    title: str | None
    outlet: str | None
    url: str | None
    events: int
    pipeline_version: str
    snippet: str


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    total: int
    limit: int
    offset: int


class ActorSummary(BaseModel):
    name: str
    country: str | None
    sector: str | None
    kind: str | None
    kb_id: str | None
    articles: int
    events: int


class ActorPage(BaseModel):
    items: list[ActorSummary]
    total: int
    limit: int
    offset: int


class Counterpart(BaseModel):
    name: str
    events: int
    mean_intensity: float | None


class ActorDetail(BaseModel):
    name: str
    country: str | None
    sector: str | None
    kind: str | None
    kb_id: str | None
    wikidata: str | None
    designations: list[str]
    affiliations: list[str]
    articles: int
    targets: list[Counterpart] = Field(description="Whom this actor acted on, most first.")
    sources: list[Counterpart] = Field(description="Who acted on this actor, most first.")


class DyadPoint(BaseModel):
    source: str
    target: str
    period: str | None
    events: int
    mean_intensity: float | None


class TimelinePoint(BaseModel):
    period: str | None
    type: str
    events: int
    mean_intensity: float | None


class PlaceCount(BaseModel):
    name: str
    country: str | None
    lat: float
    lon: float
    events: int


class RunSummary(BaseModel):
    id: int
    started_at: str
    finished_at: str | None
    pipeline_version: str
    source: str
    status: str
    ok: int
    errors: int


class ArticleIn(BaseModel):
    """New text to code and store."""

    text: str = Field(min_length=1, max_length=1_000_000, description="The article body.")
    id: str | None = Field(None, max_length=500, description="Default: a hash of the text.")
    published: str | None = Field(
        None,
        json_schema_extra={"format": "date", "pattern": ARTICLE_DATE_PATTERN},
        description="YYYY-MM-DD, in the years 1000-9999.",
    )
    title: str | None = None
    outlet: str | None = None
    url: str | None = None

    @field_validator("published")
    @classmethod
    def _a_real_date(cls, value: str | None) -> str | None:
        if value is not None and not is_article_date(value):
            raise ValueError("expected a date YYYY-MM-DD in the years 1000-9999")
        return value

    @field_validator("text", "id", "published", "title", "outlet", "url")
    @classmethod
    def _no_lone_surrogate(cls, value: str | None) -> str | None:
        # JSON may escape half a UTF-16 pair ("\udfff"), which pydantic lets through when
        # nothing else is in the string: no character, it cannot be stored or printed
        if value is not None and any("\ud800" <= c <= "\udfff" for c in value):
            raise ValueError("a lone UTF-16 surrogate is not text")
        return value


class ErrorOut(BaseModel):
    """A named eventwire error: its message and kind (see eventwire.errors)."""

    detail: str
    kind: str


def iso_date(value: str | None, name: str) -> str | None:
    """A strict YYYY-MM-DD query date (pydantic's own date type would also take "0"), or a
    request validation error naming the parameter."""
    from fastapi.exceptions import RequestValidationError

    if value is None or is_iso_date(value):
        return value
    error = {"loc": ("query", name), "msg": "expected a date YYYY-MM-DD", "type": "value_error",
             "input": value}  # fmt: skip
    raise RequestValidationError([error])
