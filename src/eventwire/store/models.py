"""The store's tables (SQLAlchemy 2 declarative models).

One row per article, and one row per actor, mention, quote, time, place, event and evidence
span of its eventwire/1 record; every child row carries `article_pk`, so that re-coding an
article replaces its children with one delete per table. Two derived tables serve queries:
`event_actors` (who takes part in each event, for actor and country filters) and `dyads` (one
row per source x target pair of an event, indexed for one-dyad queries over millions of rows).
`runs` records each ingest, and `failures` each article it could not code.

The migrations in `store/migrations/versions` create exactly these tables; a test compares them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "ActorRow",
    "ArticleRow",
    "Base",
    "DyadRow",
    "EventActorRow",
    "EventRow",
    "EvidenceRow",
    "FailureRow",
    "MentionRow",
    "PlaceRow",
    "QuoteRow",
    "RunRow",
    "TimeRow",
]

_CASCADE = "all, delete-orphan"


def _article_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)


class Base(DeclarativeBase):
    pass


class RunRow(Base):
    """One `ingest` (or API) run: when, which pipeline version, how many articles and errors."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    pipeline_version: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="running")
    n_ok: Mapped[int] = mapped_column(Integer, default=0)
    n_errors: Mapped[int] = mapped_column(Integer, default=0)


class FailureRow(Base):
    """An article a run could not code: what is known of it and the error."""

    __tablename__ = "failures"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    article: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(String(512), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    published: Mapped[str | None] = mapped_column(String(10), index=True, nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    outlet: Mapped[str | None] = mapped_column(String(256), nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    pipeline_version: Mapped[str] = mapped_column(String(32))
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="SET NULL"), nullable=True, index=True
    )
    coded_at: Mapped[datetime] = mapped_column(DateTime)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_of: Mapped[str | None] = mapped_column(String(512), nullable=True)

    actors: Mapped[list[ActorRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="ActorRow.pk"
    )
    quotes: Mapped[list[QuoteRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="QuoteRow.pk"
    )
    times: Mapped[list[TimeRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="TimeRow.pk"
    )
    places: Mapped[list[PlaceRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="PlaceRow.pk"
    )
    events: Mapped[list[EventRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="EventRow.pk"
    )


class ActorRow(Base):
    __tablename__ = "actors"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(512))
    name_key: Mapped[str] = mapped_column(String(512), index=True)  # lower-cased name
    country: Mapped[str | None] = mapped_column(String(16), index=True, nullable=True)
    sector: Mapped[str | None] = mapped_column(String(16), nullable=True)
    kb_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    wikidata: Mapped[str | None] = mapped_column(String(32), nullable=True)
    kind: Mapped[str | None] = mapped_column(String(32), nullable=True)
    designations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    affiliations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    pipeline_version: Mapped[str] = mapped_column(String(32))

    mentions: Mapped[list[MentionRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="MentionRow.pk"
    )


class MentionRow(Base):
    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_pk: Mapped[int] = mapped_column(ForeignKey("actors.pk", ondelete="CASCADE"), index=True)
    article_pk: Mapped[int] = _article_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class QuoteRow(Base):
    __tablename__ = "quotes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    speaker: Mapped[str | None] = mapped_column(String(16), nullable=True)
    outlet: Mapped[str | None] = mapped_column(String(16), nullable=True)
    cue: Mapped[str | None] = mapped_column(String(128), nullable=True)
    pipeline_version: Mapped[str] = mapped_column(String(32))


class TimeRow(Base):
    __tablename__ = "times"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[str | None] = mapped_column(String(64), nullable=True)
    anchor: Mapped[str | None] = mapped_column(String(10), nullable=True)
    kind: Mapped[str] = mapped_column(String(16), default="date")
    pipeline_version: Mapped[str] = mapped_column(String(32))


class PlaceRow(Base):
    __tablename__ = "places"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(256))
    country: Mapped[str | None] = mapped_column(String(16), nullable=True)
    admin1: Mapped[str | None] = mapped_column(String(128), nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    geonames_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    feature: Mapped[str] = mapped_column(String(16), default="other")
    pipeline_version: Mapped[str] = mapped_column(String(32))


class EventRow(Base):
    __tablename__ = "events"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(64), nullable=True)
    context: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source: Mapped[list[Any]] = mapped_column(JSON, default=list)
    target: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), index=True)
    date: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # `day`: the event's date when it is a full date, else the article's: what filters use
    day: Mapped[str | None] = mapped_column(String(10), index=True, nullable=True)
    date_precision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    time: Mapped[str | None] = mapped_column(String(16), nullable=True)
    location: Mapped[str | None] = mapped_column(String(16), nullable=True)
    attributed_to: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reported_by: Mapped[list[Any]] = mapped_column(JSON, default=list)
    quote: Mapped[str | None] = mapped_column(String(16), nullable=True)
    intensity: Mapped[float] = mapped_column(Float, default=0.0)
    quad: Mapped[int] = mapped_column(Integer, default=1)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    pipeline_version: Mapped[str] = mapped_column(String(32))

    evidence: Mapped[list[EvidenceRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="EvidenceRow.pk"
    )
    participants: Mapped[list[EventActorRow]] = relationship(cascade=_CASCADE, passive_deletes=True)
    dyads: Mapped[list[DyadRow]] = relationship(cascade=_CASCADE, passive_deletes=True)


class EvidenceRow(Base):
    __tablename__ = "evidence"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    article_pk: Mapped[int] = _article_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class EventActorRow(Base):
    """Who takes part in an event, and how: role is "source" or "target"."""

    __tablename__ = "event_actors"
    __table_args__ = (
        Index("ix_event_actors_name_key_event", "name_key", "event_pk"),
        Index("ix_event_actors_country_event", "country", "event_pk"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    article_pk: Mapped[int] = _article_fk()
    role: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(512))
    name_key: Mapped[str] = mapped_column(String(512))
    country: Mapped[str | None] = mapped_column(String(16), nullable=True)


class DyadRow(Base):
    """One source x target pair of an event, with what dyad queries group and filter on."""

    __tablename__ = "dyads"
    __table_args__ = (
        Index("ix_dyads_pair_day", "source_key", "target_key", "day"),
        Index("ix_dyads_day", "day"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    article_pk: Mapped[int] = _article_fk()
    source_name: Mapped[str] = mapped_column(String(512))
    source_key: Mapped[str] = mapped_column(String(512))
    source_country: Mapped[str | None] = mapped_column(String(16), nullable=True)
    target_name: Mapped[str] = mapped_column(String(512))
    target_key: Mapped[str] = mapped_column(String(512))
    target_country: Mapped[str | None] = mapped_column(String(16), nullable=True)
    day: Mapped[str | None] = mapped_column(String(10), nullable=True)
    type: Mapped[str] = mapped_column(String(16))
    intensity: Mapped[float] = mapped_column(Float, default=0.0)
