"""The store's tables (SQLAlchemy 2 declarative models).

One row per article, and one row per actor, mention, quote, time, place, event and evidence
span of its eventwire/1 record; every child row carries `article_pk`, so that re-coding an
article replaces its children with one delete per table. Two derived tables serve queries:
`event_actors` (who takes part in each event, for actor and country filters) and `dyads` (one
row per source x target pair of an event, indexed for one-dyad queries over millions of rows).
`runs` records each ingest, and `failures` each article it could not code.

Five tables belong to the services built on the store and are Core tables here, so that one
set of migrations owns the whole schema: the feed reader's memory (`feed_state`, `feed_items`,
`feed_failures`, see `eventwire.feeds.state`) and the alerts monitoring rules fired
(`monitor_alerts`, see `eventwire.monitor.alerts`), and analysts' corrections of
events (`corrections`, see `eventwire.store.corrections`).

The migrations in `store/migrations/versions` create exactly these tables; a test compares them.
On SQLite they also keep full-text indexes beside them (`articles_fts`, and the trigram
`evidence_fts` and `quotes_fts` that `q=` searches narrow by), maintained by triggers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "ALERTS_TABLE",
    "CORRECTIONS_TABLE",
    "FEED_FAILURES_TABLE",
    "FEED_ITEMS_TABLE",
    "FEED_STATE_TABLE",
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


class _SpanColumns:
    """A stretch of the article's text (`record.Span`): mentions and evidence."""

    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class _LocalSpanColumns:
    """A span of the text with the article-local id its record gives it (quotes, times,
    places: `record.Quote`, `TimeRef`, `Place`)."""

    local_id: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class ActorRow(Base):
    __tablename__ = "actors"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(512))
    name_key: Mapped[str] = mapped_column(String(512), index=True)  # lower-cased name
    # what merges it with actors of other articles (eventwire.store.identity)
    identity: Mapped[str | None] = mapped_column(String(640), index=True, nullable=True)
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


class MentionRow(_SpanColumns, Base):
    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_pk: Mapped[int] = mapped_column(ForeignKey("actors.pk", ondelete="CASCADE"), index=True)
    article_pk: Mapped[int] = _article_fk()


class QuoteRow(_LocalSpanColumns, Base):
    __tablename__ = "quotes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
    kind: Mapped[str] = mapped_column(String(16))
    speaker: Mapped[str | None] = mapped_column(String(16), nullable=True)
    outlet: Mapped[str | None] = mapped_column(String(16), nullable=True)
    cue: Mapped[str | None] = mapped_column(String(128), nullable=True)
    pipeline_version: Mapped[str] = mapped_column(String(32))


class TimeRow(_LocalSpanColumns, Base):
    __tablename__ = "times"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
    value: Mapped[str | None] = mapped_column(String(64), nullable=True)
    anchor: Mapped[str | None] = mapped_column(String(10), nullable=True)
    kind: Mapped[str] = mapped_column(String(16), default="date")
    pipeline_version: Mapped[str] = mapped_column(String(32))


class PlaceRow(_LocalSpanColumns, Base):
    __tablename__ = "places"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = _article_fk()
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
    __table_args__ = (
        # the grid's sorts walk these; the timeline counts from the narrow last one (0009)
        Index("ix_events_confidence", "confidence"),
        Index("ix_events_intensity", "intensity"),
        Index("ix_events_day_counts", "day", "type", "status", "intensity"),
    )

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
    cameo: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # nullable: events stored before migration 0005 have no value
    inferred: Mapped[list[Any] | None] = mapped_column(JSON, default=list, nullable=True)
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


class EvidenceRow(_SpanColumns, Base):
    __tablename__ = "evidence"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    article_pk: Mapped[int] = _article_fk()


class EventActorRow(Base):
    """Who takes part in an event, and how: role is "source" or "target"."""

    __tablename__ = "event_actors"
    __table_args__ = (
        Index("ix_event_actors_name_key_event", "name_key", "event_pk"),
        Index("ix_event_actors_country_event", "country", "event_pk"),
        Index("ix_event_actors_event_role_name", "event_pk", "role", "name"),  # sort by actor
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
        Index("ix_dyads_names_day", "source_name", "target_name", "day", "intensity"),
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


# -- service tables (Core): the feed reader's memory and the monitor's alerts -------------------

#: Per feed: validators of the last answer, poll times, consecutive errors, last status.
FEED_STATE_TABLE = Table(
    "feed_state",
    Base.metadata,
    Column("feed", String(1024), primary_key=True),
    Column("outlet", String(256), nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled", Float),  # epoch seconds
    Column("next_poll", Float),
    Column("errors_in_row", Integer, nullable=False, default=0),
    Column("status", String(32)),
    Column("error", Text),
    Column("items", Integer),
    Column("newest", String(40)),
)

#: Per article URL seen in a feed: what became of it, so that a restart fetches none again.
FEED_ITEMS_TABLE = Table(
    "feed_items",
    Base.metadata,
    Column("key", String(64), primary_key=True),  # url_key(url): URLs can be long
    Column("url", Text, nullable=False),
    Column("outlet", String(256), nullable=False),
    Column("feed", String(1024), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("article_id", String(512)),
    Column("content_hash", String(64), index=True),
    Column("title", Text),
    Column("published", String(40)),
    Column("author", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try", Float),
    Column("kind", String(32)),
    Column("message", Text),
    Column("seen_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

#: The feed reader's failures log, shown by `eventwire sources check` and the Feeds page.
FEED_FAILURES_TABLE = Table(
    "feed_failures",
    Base.metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("outlet", String(256), nullable=False),
    Column("feed", String(1024), nullable=False),
    Column("url", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("message", Text, nullable=False),
)

#: One row per watch rule and window that fired, updated in place as the window fills.
ALERTS_TABLE = Table(
    "monitor_alerts",
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule", String(200), nullable=False),
    Column("period", String(10), nullable=False),
    Column("window_start", String(10), nullable=False),
    Column("window_end", String(10), nullable=False),
    Column("value", Float, nullable=False),
    Column("baseline", Float),
    Column("reason", Text, nullable=False),
    Column("selection", Text, nullable=False),
    Column("events", JSON, nullable=False),
    Column("fired_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("notified_at", DateTime),
    Column("notify_error", Text),
    # the webhook outbox (migration 0006): NULL (no webhook), pending, retrying, sent, failed
    Column("delivery", String(16)),
    Column("delivery_attempts", Integer, nullable=False, server_default="0"),
    Column("next_delivery_at", DateTime),
    UniqueConstraint("rule", "period", name="uq_monitor_alerts_rule_period"),
)

#: An analyst's correction of one coded event (`eventwire.store.corrections`): its own rows,
#: keyed by the article's id (not its row) so that re-coding the article keeps them; the
#: coder's output stays as it was. Null fields are left as coded; the latest row wins.
CORRECTIONS_TABLE = Table(
    "corrections",
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(512), nullable=False),
    Column("event_id", String(32), nullable=False),
    Column("flag", String(16), nullable=False),  # "wrong": the event should not exist; or "fix"
    Column("type", String(16)),
    Column("source", JSON),  # [{"name", "country"}]
    Column("target", JSON),
    Column("status", String(16)),
    Column("date", String(32)),
    Column("note", Text),
    Column("original", JSON, nullable=False),  # the coder's values when it was made
    Column("created_at", DateTime, nullable=False),
    Index("ix_corrections_event", "article_id", "event_id"),
)
