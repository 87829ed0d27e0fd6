"""The API's response and request models: what the OpenAPI document describes.

The record models follow eventwire/1 (see docs/format.md); the query models are the rows
`eventwire.store.Store` returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field, field_validator

from ..readers.text import ARTICLE_DATE_PATTERN, is_article_date, is_iso_date
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
]

if TYPE_CHECKING:
    EventType = str
else:  # a Literal of the one list of types: pydantic checks it, OpenAPI shows it as an enum
    EventType = Literal[PLOVER_TYPES]
StatusName = Status


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class ArticleOut(BaseModel):
    id: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    duplicate_of: str | None = None


class ActorOut(BaseModel):
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    wikidata: str | None = None
    designations: list[str] = []
    mentions: list[SpanOut] = []
    kind: str | None = None
    affiliations: list[str] = []


class QuoteOut(BaseModel):
    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    outlet: str | None = None
    cue: str | None = None


class TimeOut(BaseModel):
    id: str
    text: str
    start: int
    end: int
    value: str | None = None
    anchor: str | None = None
    kind: str = "date"


class PlaceOut(BaseModel):
    id: str
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str = "other"


class EventOut(BaseModel):
    id: str
    type: str
    mode: str | None = None
    context: list[str] = []
    source: list[str] = []
    target: list[str] = []
    status: str
    date: str | None = None
    time: str | None = None
    location: str | None = None
    attributed_to: str | None = None
    reported_by: list[str] = []
    quote: str | None = None
    evidence: list[SpanOut] = []
    intensity: float
    quad: int
    confidence: float
    date_precision: str | None = None
    cameo: str | None = None
    inferred: list[str] = []


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


class ActorRef(BaseModel):
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    wikidata: str | None = None


class LocationRef(BaseModel):
    id: str
    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str


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
