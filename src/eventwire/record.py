"""The eventwire/1 record and its parts, as small typed dataclasses.

One class per thing, one name per thing everywhere: `Article`, `Actor`, `Mention`, `Quote`,
`TimeRef`, `Place`, `Event`, `Evidence`, and `Document`, the record a pipeline fills in.
`Document.to_dict()` gives the eventwire/1 JSON object described in `docs/format.md`
(the field names follow ``shared/reference/output-format.md``); `Document.from_dict()` reads
it back. All offsets are Python string indices into `Document.text`, end exclusive.

This module imports only `eventwire.vocabulary` (the closed vocabularies, re-exported here):
every other layer builds on it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from .vocabulary import PLOVER_TYPES, REAL_STATUSES, STATUSES, UNREAL_STATUSES, Status

__all__ = [
    "PLOVER_TYPES",
    "REAL_STATUSES",
    "SCHEMA",
    "STATUSES",
    "UNREAL_STATUSES",
    "Actor",
    "Article",
    "Document",
    "EntitySpan",
    "ErrorRecord",
    "Event",
    "Evidence",
    "Mention",
    "Place",
    "Quote",
    "Span",
    "Status",
    "TimeRef",
]

SCHEMA = "eventwire/1"


@dataclass
class Article:
    """Where a text came from: everything about it except the text itself."""

    id: str
    published: str | None = None  # YYYY-MM-DD
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    #: eventwire addition: the id of an earlier article this one nearly copies (a wire copy)
    duplicate_of: str | None = None


@dataclass
class Span:
    """A stretch of `Document.text`: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class Mention(Span):
    """One place in the text where an actor is referred to (names, pronouns, descriptions)."""


@dataclass
class Evidence(Span):
    """The smallest span that shows an event: the clause, not the paragraph."""


@dataclass
class Actor:
    """One real-world actor of the article, with every mention of it.

    `kind` and `affiliations` are eventwire additions to eventwire/1: `kind` is one of
    person, organization, state, outlet, group; `affiliations` holds the names of the
    organisations a person speaks for ("a member of the political bureau of X").
    """

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    wikidata: str | None = None
    designations: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    kind: str | None = None
    affiliations: list[str] = field(default_factory=list)


@dataclass
class Quote:
    """A claim and who made it: a direct, partial or indirect quotation."""

    id: str
    text: str
    start: int
    end: int
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = None  # actor id
    outlet: str | None = None  # actor id
    cue: str | None = None


@dataclass
class TimeRef:
    """A time expression with its TIMEX3-style value, resolved against `anchor`."""

    id: str
    text: str
    start: int
    end: int
    value: str | None = None
    anchor: str | None = None
    kind: str = "date"  # eventwire addition: date, time, duration, set


@dataclass
class Place:
    """A toponym resolved to a gazetteer entry."""

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
    feature: Literal["country", "admin1", "city", "region", "other"] = "other"


@dataclass
class Event:
    """Who did what to whom, when, where, how sure, according to whom, with evidence."""

    id: str
    type: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    status: Status = "occurred"
    date: str | None = None
    time: str | None = None
    location: str | None = None
    attributed_to: str | None = None
    reported_by: list[str] = field(default_factory=list)
    quote: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    intensity: float = 0.0
    quad: int = 1
    confidence: float = 0.5
    date_precision: str | None = None  # eventwire addition: day, week, month, year, frame
    cameo: str | None = None  # eventwire addition: the trigger's CAMEO code, for compatibility
    #: eventwire addition: ids of the source or target actors that the act implies rather
    #: than the text naming them ("dozens were arrested": the police of the country)
    inferred: list[str] = field(default_factory=list)


@dataclass
class EntitySpan:
    """A candidate actor or place mention found by the entities stage (not serialised).

    `label` is spaCy's (PERSON, ORG, GPE, NORP, LOC, FAC) or ROLE for a role phrase
    ("the official", "Iraqi security forces"); `kb_id` is set when the knowledge base's
    entity ruler matched the span; `source` says which matcher found it.
    """

    start: int
    end: int
    text: str
    label: str
    kb_id: str | None = None
    source: str = "ner"


@dataclass
class Document:
    """The record a pipeline fills in, stage by stage.

    The serialised fields are eventwire/1. `nlp` (the spaCy parse) and `entities` (candidate
    mentions) are working state that stages share; they are never written out.
    """

    article: Article
    text: str
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    nlp: Any = None
    entities: list[EntitySpan] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        """The `Span` of `text[start:end]`."""
        return Span(start, end, self.text[start:end])

    def to_dict(self) -> dict[str, Any]:
        """The eventwire/1 JSON object for this document."""
        return {
            "schema": SCHEMA,
            "article": asdict(self.article),
            "text": self.text,
            "actors": [asdict(a) for a in self.actors],
            "quotes": [asdict(q) for q in self.quotes],
            "times": [asdict(t) for t in self.times],
            "places": [asdict(p) for p in self.places],
            "events": [asdict(e) for e in self.events],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Read an eventwire/1 object back (unknown keys are ignored)."""

        def build(kind: type, raw: dict[str, Any]) -> Any:
            names = {f.name for f in fields(kind)}
            return kind(**{k: v for k, v in raw.items() if k in names})

        actors = []
        for raw in data.get("actors", []):
            actor = build(Actor, raw)
            actor.mentions = [Mention(**m) for m in raw.get("mentions", [])]
            actors.append(actor)
        events = []
        for raw in data.get("events", []):
            event = build(Event, raw)
            event.evidence = [Evidence(**e) for e in raw.get("evidence", [])]
            events.append(event)
        return cls(
            article=build(Article, data["article"]),
            text=data["text"],
            actors=actors,
            quotes=[build(Quote, q) for q in data.get("quotes", [])],
            times=[build(TimeRef, t) for t in data.get("times", [])],
            places=[build(Place, p) for p in data.get("places", [])],
            events=events,
        )

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None


@dataclass
class ErrorRecord:
    """What a batch prints instead of a record when one article cannot be processed."""

    article: dict[str, Any]
    kind: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "error": {"kind": self.kind, "message": self.message}}
