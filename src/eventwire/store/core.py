"""`Store`: eventwire/1 records in a SQL database (SQLite by default, PostgreSQL for teams).

Writes are one transaction per article. An article is found again by its id or by the hash of
its text; re-storing it updates its row in place and replaces its parts, so that storing the
same corpus twice leaves the same rows. Every row keeps the pipeline version that produced it.
Reads return plain JSON-ready dicts (the API, the CLI and the exports share them) or, for one
article, the `Document` itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    column,
    create_engine,
    delete,
    event,
    exists,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, aliased, selectinload, sessionmaker
from sqlalchemy.pool import StaticPool

from .. import __version__
from ..record import (
    Actor,
    Article,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    Quote,
    TimeRef,
)
from . import query as grid
from .errors import MigrationError, NotFoundError, StoreError, StoreUnavailableError, WriteError
from .filters import CONTROL_CHARS, Filters
from .identity import actor_identity
from .models import (
    ActorRow,
    ArticleRow,
    DyadRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    FailureRow,
    MentionRow,
    PlaceRow,
    QuoteRow,
    RunRow,
    TimeRow,
)
from .validate import check_rows, describe

__all__ = [
    "DEFAULT_DB_PATH",
    "PERIODS",
    "Filters",
    "Page",
    "Period",
    "Store",
    "content_hash",
    "default_url",
    "normalize_url",
]

DEFAULT_DB_PATH = Path("~/.local/share/eventwire/eventwire.db")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

Period = Literal["day", "month", "year"]
PERIODS: dict[str, int] = {"day": 10, "month": 7, "year": 4}  # prefix length of YYYY-MM-DD

# Child tables in the order they are cleared (children of children first).
_CHILDREN = (DyadRow, EventActorRow, EvidenceRow, EventRow, MentionRow, ActorRow, QuoteRow)
_CHILDREN_ALL = (*_CHILDREN, TimeRow, PlaceRow)
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def default_url() -> str:
    """$EVENTWIRE_DB (a URL or a path), else SQLite at ~/.local/share/eventwire/eventwire.db."""
    return normalize_url(os.environ.get("EVENTWIRE_DB") or str(DEFAULT_DB_PATH))


def normalize_url(url: str) -> str:
    """A SQLAlchemy URL from a URL or a file path; PostgreSQL URLs get the psycopg driver."""
    if "://" not in url:
        return "sqlite:///" + str(Path(url).expanduser())
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def content_hash(text_: str) -> str:
    """The hash that finds an article again when its id changed (full SHA-256 of the text)."""
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


@dataclass
class Page:
    """One page of a query: its rows and the total that matched."""

    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    limit: int = 50
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


class Store:
    """eventwire/1 records in the database at `url` (created and migrated on first use).

    `url` is a SQLAlchemy URL (``sqlite:///path.db``, ``postgresql://user@host/db``) or a path
    to a SQLite file.
    """

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = _make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._facets = grid.FacetCache()
        self._migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------

    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except OperationalError as e:
            raise StoreUnavailableError(
                f"cannot open the store at {self._safe_url}: {e.orig}"
            ) from e
        except SQLAlchemyError as e:
            raise MigrationError(f"cannot migrate the store at {self._safe_url}: {e}") from e

    @property
    def _safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except OperationalError as e:
            # no URL here: a SQLite URL is a file path, and this message reaches API clients
            raise StoreUnavailableError(f"the store cannot answer: {_brief(e)}") from e

    # -- writes -----------------------------------------------------------------------------

    def put(
        self, doc: Document, *, run_id: int | None = None, pipeline_version: str = __version__
    ) -> Literal["inserted", "updated"]:
        """Store one coded article in one transaction; the same id or text updates in place."""
        try:
            return self._put(doc, run_id=run_id, version=pipeline_version)
        except IntegrityError:
            # another writer stored the same article first: now it is an update
            try:
                return self._put(doc, run_id=run_id, version=pipeline_version)
            except SQLAlchemyError as e:
                raise _write_error(doc, e) from e
        except StoreError:
            raise
        except SQLAlchemyError as e:
            raise _write_error(doc, e) from e

    def _put(
        self, doc: Document, *, run_id: int | None, version: str
    ) -> Literal["inserted", "updated"]:
        digest = content_hash(doc.text)
        with self._session() as s, s.begin():
            by_id = s.scalar(select(ArticleRow).where(ArticleRow.article_id == doc.article.id))
            by_text = s.scalar(select(ArticleRow).where(ArticleRow.content_hash == digest))
            row = by_id or by_text
            if by_id is not None and by_text is not None and by_text.pk != by_id.pk:
                # the same text stored under another id: one article, one row
                _clear_children(s, by_text.pk)
                s.execute(delete(ArticleRow).where(ArticleRow.pk == by_text.pk))
            outcome: Literal["inserted", "updated"] = "updated" if row else "inserted"
            if row is None:
                row = ArticleRow()
                s.add(row)
            else:
                _clear_children(s, row.pk)
            _fill_article(row, doc, digest=digest, version=version, run_id=run_id)
            check_rows([row], article=doc.article.id)  # before the first write of the row
            s.flush()
            _add_children(s, row.pk, doc, version)
            check_rows(s.new, article=doc.article.id)  # before the commit writes them
        return outcome

    def delete(self, article_id: str) -> None:
        """Remove one article and everything coded from it."""
        with self._session() as s, s.begin():
            pk = s.scalar(select(ArticleRow.pk).where(ArticleRow.article_id == article_id))
            if pk is None:
                raise NotFoundError(f"no article {article_id!r} in the store")
            _clear_children(s, pk)
            s.execute(delete(ArticleRow).where(ArticleRow.pk == pk))

    def start_run(self, *, source: str = "", pipeline_version: str = __version__) -> int:
        """Record the start of an ingest run; returns its id."""
        with self._session() as s, s.begin():
            run = RunRow(
                started_at=_now(),
                pipeline_version=pipeline_version,
                source=source,
                status="running",
                n_ok=0,
                n_errors=0,
            )
            s.add(run)
            s.flush()
            return run.id

    def add_failure(self, run_id: int, *, article: str, kind: str, message: str) -> None:
        """Record an article that `run_id` could not code."""
        with self._session() as s, s.begin():
            s.add(FailureRow(run_id=run_id, article=article, kind=kind, message=message))

    def finish_run(self, run_id: int, *, n_ok: int, n_errors: int, status: str = "done") -> None:
        with self._session() as s, s.begin():
            s.execute(
                update(RunRow)
                .where(RunRow.id == run_id)
                .values(finished_at=_now(), n_ok=n_ok, n_errors=n_errors, status=status)
            )

    # -- reads: one article -----------------------------------------------------------------

    def document(self, article_id: str) -> Document:
        """The stored record of one article, as the pipeline produced it."""
        return self.article(article_id)[0]

    def article(self, article_id: str) -> tuple[Document, dict[str, Any]]:
        """One article's record and its store metadata (pipeline version, run, coded at)."""
        with self._session() as s:
            row = s.scalar(
                select(ArticleRow)
                .where(ArticleRow.article_id == article_id)
                .options(
                    selectinload(ArticleRow.actors).selectinload(ActorRow.mentions),
                    selectinload(ArticleRow.quotes),
                    selectinload(ArticleRow.times),
                    selectinload(ArticleRow.places),
                    selectinload(ArticleRow.events).selectinload(EventRow.evidence),
                )
            )
            if row is None:
                raise NotFoundError(f"no article {article_id!r} in the store")
            meta = {
                "pipeline_version": row.pipeline_version,
                "run_id": row.run_id,
                "coded_at": row.coded_at.isoformat(),
                "content_hash": row.content_hash,
            }
            return _document(row), meta

    # -- reads: queries ---------------------------------------------------------------------

    def events(
        self,
        filters: Filters = Filters(),
        *,
        limit: int = 50,
        offset: int = 0,
        sort: str | None = None,
    ) -> Page:
        """Events matching `filters`, newest first or by `sort` (see `parse_sort`)."""
        if filters.source and filters.target and not sort:
            return self._dyad_events(filters, limit=limit, offset=offset)
        where = self._event_where(filters)
        with self._session() as s:
            total = s.scalar(select(func.count()).select_from(EventRow).where(*where)) or 0
            # the page's keys first, then its rows: a sort never carries article texts along
            keys = select(EventRow.pk)
            if sort and sort.lstrip("-") in grid.ARTICLE_SORTS:
                keys = keys.join(ArticleRow, ArticleRow.pk == EventRow.article_pk)
            ordered = keys.where(*where).order_by(*grid.order_by(sort))
            pks = s.scalars(ordered.limit(limit).offset(offset)).all()
            items = _event_dicts(s, _event_pairs(s, pks))
        return Page(items=items, total=total, limit=limit, offset=offset)

    def _dyad_events(self, f: Filters, *, limit: int, offset: int) -> Page:
        """One dyad's events, read in the order of the dyad index (source, target, day): no
        sort of the dyad's events, however many there are."""
        where = self._pair(f)
        if f.date_from:
            where.append(DyadRow.day >= f.date_from)
        if f.date_to:
            where.append(DyadRow.day <= f.date_to)
        rest = self._event_where(replace(f, source=None, target=None, date_from=None, date_to=None))
        counted = select(func.count()).select_from(DyadRow)
        if rest:  # join events only when a filter needs them
            counted = counted.join(EventRow, EventRow.pk == DyadRow.event_pk)
        query = (
            select(EventRow, ArticleRow)
            .select_from(DyadRow)
            .join(EventRow, EventRow.pk == DyadRow.event_pk)
            .join(ArticleRow, ArticleRow.pk == EventRow.article_pk)
            .where(*where, *rest)
            .order_by(DyadRow.day.desc(), DyadRow.pk.desc())
            .limit(limit)
            .offset(offset)
        )
        with self._session() as s:
            total = s.scalar(counted.where(*where, *rest)) or 0
            rows = s.execute(query).all()
            items = _event_dicts(s, [(e, a) for e, a in rows])
        return Page(items=items, total=total, limit=limit, offset=offset)

    def iter_events(self, filters: Filters = Filters(), *, chunk: int = 1000) -> Iterator[dict]:
        """Every matching event, oldest first, read in chunks (for exports)."""
        where = self._event_where(filters)
        last = 0
        while True:
            with self._session() as s:
                pks = s.scalars(
                    select(EventRow.pk).where(EventRow.pk > last, *where).order_by(EventRow.pk)
                    .limit(chunk)
                ).all()  # fmt: skip
                if not pks:
                    return
                last = pks[-1]
                items = _event_dicts(s, _event_pairs(s, pks))
            yield from items

    def articles(self, filters: Filters = Filters(), *, limit: int = 50, offset: int = 0) -> Page:
        """Articles matching `filters` (an article matches when any of its events does, for
        the event filters), newest first."""
        where = self._article_where(filters)
        with self._session() as s:
            total = s.scalar(select(func.count()).select_from(ArticleRow).where(*where)) or 0
            rows = s.scalars(
                select(ArticleRow)
                .where(*where)
                .order_by(ArticleRow.published.desc(), ArticleRow.pk.desc())
                .limit(limit)
                .offset(offset)
            ).all()
            items = [_article_summary(r) for r in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    def iter_documents(self, filters: Filters = Filters()) -> Iterator[Document]:
        """Every matching article's record, in storage order (for exports)."""
        where = self._article_where(filters)
        last = 0
        while True:
            with self._session() as s:
                ids = s.execute(
                    select(ArticleRow.pk, ArticleRow.article_id)
                    .where(ArticleRow.pk > last, *where)
                    .order_by(ArticleRow.pk)
                    .limit(200)
                ).all()
            if not ids:
                return
            last = ids[-1][0]
            for _, article_id in ids:
                yield self.document(article_id)

    def actors(self, filters: Filters = Filters(), *, limit: int = 50, offset: int = 0) -> Page:
        """Actors (grouped by name) in matching articles, with mention, article, event counts."""
        where = self._article_where(replace(filters, actor=None, country=None))
        actor_where: list[ColumnElement[bool]] = (
            [ActorRow.article_pk.in_(select(ArticleRow.pk).where(*where))] if where else []
        )
        if filters.actor:
            # a substring of the name here (a search box), unlike the exact event filters
            actor_where.append(
                ActorRow.name_key.contains(filters.actor.casefold(), autoescape=True)
            )
        if filters.country:
            actor_where.append(ActorRow.country == filters.country.upper())
        # one row per actor across articles: same knowledge-base id, or same name and country;
        # a generic noun ("women") is one per article (eventwire.store.identity)
        identity = func.coalesce(ActorRow.identity, ActorRow.name_key).label("identity")
        grouped = (
            select(
                identity,
                func.max(ActorRow.name_key).label("name_key"),
                func.max(ActorRow.name).label("name"),
                func.max(ActorRow.country).label("country"),
                func.max(ActorRow.sector).label("sector"),
                func.max(ActorRow.kind).label("kind"),
                func.max(ActorRow.kb_id).label("kb_id"),
                func.count(func.distinct(ActorRow.article_pk)).label("articles"),
            )
            .where(*actor_where)
            .group_by(identity)
        )
        with self._session() as s:
            total = s.scalar(select(func.count()).select_from(grouped.subquery())) or 0
            rows = s.execute(
                grouped.order_by(
                    func.count(func.distinct(ActorRow.article_pk)).desc(),
                    func.max(ActorRow.name_key),
                    identity,
                )
                .limit(limit)
                .offset(offset)
            ).all()
            keys = [r.name_key for r in rows]
            events = (
                dict(
                    s.execute(
                        select(
                            EventActorRow.name_key,
                            func.count(func.distinct(EventActorRow.event_pk)),
                        )
                        .where(EventActorRow.name_key.in_(keys))
                        .group_by(EventActorRow.name_key)
                    ).all()
                )
                if keys
                else {}
            )
        items = [
            {
                "name": r.name, "country": r.country, "sector": r.sector, "kind": r.kind,
                "kb_id": r.kb_id, "articles": r.articles, "events": events.get(r.name_key, 0),
            }
            for r in rows
        ]  # fmt: skip
        return Page(items=items, total=total, limit=limit, offset=offset)

    def actor(self, name: str) -> dict[str, Any]:
        """One actor by name: what the store knows of it and its counterparts by role."""
        key = name.casefold()
        with self._session() as s:
            row = s.scalar(select(ActorRow).where(ActorRow.name_key == key).limit(1))
            if row is None:
                raise NotFoundError(f"no actor named {name!r} in the store")
            articles = s.scalar(
                select(func.count(func.distinct(ActorRow.article_pk))).where(
                    ActorRow.name_key == key
                )
            )
            as_source = s.execute(
                select(DyadRow.target_name, func.count(), func.avg(DyadRow.intensity))
                .where(DyadRow.source_key == key)
                .group_by(DyadRow.target_name)
                .order_by(func.count().desc())
                .limit(50)
            ).all()
            as_target = s.execute(
                select(DyadRow.source_name, func.count(), func.avg(DyadRow.intensity))
                .where(DyadRow.target_key == key)
                .group_by(DyadRow.source_name)
                .order_by(func.count().desc())
                .limit(50)
            ).all()
        return {
            "name": row.name, "country": row.country, "sector": row.sector, "kind": row.kind,
            "kb_id": row.kb_id, "wikidata": row.wikidata, "designations": row.designations,
            "affiliations": row.affiliations, "articles": articles,
            "targets": [{"name": n, "events": c, "mean_intensity": _round(i)}
                        for n, c, i in as_source],
            "sources": [{"name": n, "events": c, "mean_intensity": _round(i)}
                        for n, c, i in as_target],
        }  # fmt: skip

    def dyads(
        self, filters: Filters = Filters(), *, period: Period = "month", limit: int = 1000
    ) -> list[dict[str, Any]]:
        """Source -> target pairs per period: event count and mean intensity."""
        bucket = func.substr(DyadRow.day, 1, _period_len(period)).label("period")
        where = self._dyad_where(filters)
        query = (
            select(
                DyadRow.source_name,
                DyadRow.target_name,
                bucket,
                func.count().label("events"),
                func.avg(DyadRow.intensity).label("mean_intensity"),
            )
            .where(*where)
            .group_by(DyadRow.source_name, DyadRow.target_name, bucket)
            .order_by(bucket, func.count().desc())
            .limit(limit)
        )
        with self._session() as s:
            rows = s.execute(query).all()
        return [
            {
                "source": r.source_name, "target": r.target_name, "period": r.period,
                "events": r.events, "mean_intensity": _round(r.mean_intensity),
            }
            for r in rows
        ]  # fmt: skip

    def timeline(
        self, filters: Filters = Filters(), *, period: Period = "month", by_status: bool = False
    ) -> list[dict[str, Any]]:
        """Events per period and type (and status, with `by_status`): count and mean
        intensity."""
        bucket = func.substr(EventRow.day, 1, _period_len(period)).label("period")
        keys = [bucket, EventRow.type, *([EventRow.status] if by_status else [])]
        query = (
            select(
                *keys,
                func.count().label("events"),
                func.avg(EventRow.intensity).label("mean_intensity"),
            )
            .where(*self._event_where(filters))
            .group_by(*keys)
            .order_by(*keys)
        )
        with self._session() as s:
            rows = s.execute(query).all()
        return [
            {"period": r.period, "type": r.type, "events": r.events,
             "mean_intensity": _round(r.mean_intensity),
             **({"status": r.status} if by_status else {})}
            for r in rows
        ]  # fmt: skip

    def places(self, filters: Filters = Filters(), *, limit: int = 500) -> list[dict[str, Any]]:
        """Event locations with coordinates: place, country, lat, lon and event count, one
        row per place (name and country): a place geocoded to several points across
        articles takes the point most of its events have."""
        query = (
            select(
                PlaceRow.name, PlaceRow.country, PlaceRow.lat, PlaceRow.lon,
                func.count().label("events"),
            )
            .join(EventRow, and_(EventRow.article_pk == PlaceRow.article_pk,
                                 EventRow.location == PlaceRow.local_id))
            .where(PlaceRow.lat.is_not(None), PlaceRow.lon.is_not(None),
                   *self._event_where(filters))
            .group_by(PlaceRow.name, PlaceRow.country, PlaceRow.lat, PlaceRow.lon)
            .order_by(func.count().desc(), PlaceRow.name, func.min(PlaceRow.pk))
        )  # fmt: skip
        merged: dict[tuple[str, str | None], dict[str, Any]] = {}
        with self._session() as s:
            for r in s.execute(query):  # busiest point first: it gives the coordinates
                key = (r.name.casefold(), r.country)
                if key in merged:
                    merged[key]["events"] += r.events
                else:
                    merged[key] = {"name": r.name, "country": r.country, "lat": r.lat,
                                   "lon": r.lon, "events": r.events}  # fmt: skip
        return sorted(merged.values(), key=lambda p: (-p["events"], p["name"]))[:limit]

    def counts(self) -> dict[str, int]:
        """Rows per table (runs and failures included)."""
        tables = (ArticleRow, *reversed(_CHILDREN_ALL), RunRow, FailureRow)
        with self._session() as s:
            return {
                t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0 for t in tables
            }

    def event_days(self) -> tuple[str | None, str | None]:
        """The first and the last day of the stored events (None, None when there are none)."""
        with self._session() as s:
            first, last = s.execute(select(func.min(EventRow.day), func.max(EventRow.day))).one()
        return (str(first) if first else None, str(last) if last else None)

    def coded_ids(
        self,
        article_ids: Collection[str],
        *,
        pipeline_version: str,
        versions: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> set[str]:
        """Those of `article_ids` already stored by this pipeline version (for --resume).

        `versions` maps ids to (content hash, published date): an id whose stored text or
        date differs is left out, so that a corrected article is coded again."""
        if not article_ids:
            return set()
        with self._session() as s:
            rows = s.execute(
                select(ArticleRow.article_id, ArticleRow.content_hash, ArticleRow.published).where(
                    ArticleRow.article_id.in_(list(article_ids)),
                    ArticleRow.pipeline_version == pipeline_version,
                )
            ).all()
        return {
            id_
            for id_, digest, published in rows
            if versions is None or versions.get(id_, (digest, published)) == (digest, published)
        }

    def failures(self, *, run_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Articles that could not be coded (the quarantine), newest first."""
        query = select(FailureRow).order_by(FailureRow.pk.desc()).limit(limit)
        if run_id is not None:
            query = query.where(FailureRow.run_id == run_id)
        with self._session() as s:
            rows = s.scalars(query).all()
        return [
            {"run": r.run_id, "article": r.article, "kind": r.kind, "message": r.message}
            for r in rows
        ]

    def runs(self, *, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first."""
        with self._session() as s:
            rows = s.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(limit)).all()
        return [
            {
                "id": r.id, "started_at": r.started_at.isoformat(),
                "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                "pipeline_version": r.pipeline_version, "source": r.source,
                "status": r.status, "ok": r.n_ok, "errors": r.n_errors,
            }
            for r in rows
        ]  # fmt: skip

    # -- filters ----------------------------------------------------------------------------

    def _event_where(self, f: Filters) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if f.date_from:
            where.append(EventRow.day >= f.date_from)
        if f.date_to:
            where.append(EventRow.day <= f.date_to)
        if f.type:
            where.append(EventRow.type.in_([t.upper() for t in f.type]))
        if f.status:
            where.append(EventRow.status.in_([st.lower() for st in f.status]))
        if f.actor:
            where.append(
                exists().where(
                    EventActorRow.event_pk == EventRow.pk,
                    EventActorRow.name_key == f.actor.casefold(),
                )
            )
        if f.country:
            where.append(
                exists().where(
                    EventActorRow.event_pk == EventRow.pk,
                    EventActorRow.country == f.country.upper(),
                )
            )
        if f.source or f.target:
            where.append(EventRow.pk.in_(select(DyadRow.event_pk).where(*self._pair(f))))
        if f.article:
            where.append(EventRow.article_pk.in_(self._article_pk(f.article)))
        if f.place:
            located = aliased(PlaceRow)  # not the places query's own PlaceRow
            where.append(
                exists().where(
                    located.article_pk == EventRow.article_pk,
                    located.local_id == EventRow.location,
                    func.lower(located.name) == f.place.lower(),
                )
            )
        return where + grid.event_clauses(f)  # dyads by country, outlet, speaker, q

    def facets(self, filters: Filters = Filters(), *, top: int = 8) -> dict[str, list[dict]]:
        """Counts of the matching events by type, status, country, outlet and speaker.

        Kept while the events do not change (paging and sorting a view reuse its counts)."""
        with self._session() as s:
            # SQLite reuses the keys of deleted rows: the newest coding time tells them apart
            version = (
                *s.execute(select(func.max(EventRow.pk), func.count(EventRow.pk))).one(),
                s.scalar(select(func.max(ArticleRow.coded_at))),
            )
            return self._facets.get(
                (filters, top, version),
                lambda: grid.facet_counts(s, self._event_where(filters), top=top),
            )

    def _dyad_where(self, f: Filters) -> list[ColumnElement[bool]]:
        where = self._pair(f)
        if f.date_from:
            where.append(DyadRow.day >= f.date_from)
        if f.date_to:
            where.append(DyadRow.day <= f.date_to)
        if f.type:
            where.append(DyadRow.type.in_([t.upper() for t in f.type]))
        if f.actor:
            key = f.actor.casefold()
            where.append(or_(DyadRow.source_key == key, DyadRow.target_key == key))
        if f.country:
            c = f.country.upper()
            where.append(or_(DyadRow.source_country == c, DyadRow.target_country == c))
        if f.status:
            statuses = [st.lower() for st in f.status]
            where.append(
                DyadRow.event_pk.in_(select(EventRow.pk).where(EventRow.status.in_(statuses)))
            )
        if f.article:
            where.append(DyadRow.article_pk.in_(self._article_pk(f.article)))
        rest = replace(Filters(), q=f.q, outlet=f.outlet, speaker=f.speaker,
                       source_country=f.source_country, target_country=f.target_country,
                       both_directions=f.both_directions)  # fmt: skip
        if rest != Filters():
            where.append(DyadRow.event_pk.in_(select(EventRow.pk).where(*grid.event_clauses(rest))))
        if f.place:
            where.append(DyadRow.event_pk.in_(select(EventRow.pk).where(*self._event_where(
                Filters(place=f.place)))))  # fmt: skip
        return where

    @staticmethod
    def _pair(f: Filters) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if f.source:
            where.append(DyadRow.source_key == f.source.casefold())
        if f.target:
            where.append(DyadRow.target_key == f.target.casefold())
        return where

    def _article_where(self, f: Filters) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if f.date_from:
            where.append(ArticleRow.published >= f.date_from)
        if f.date_to:
            where.append(ArticleRow.published <= f.date_to)
        if f.q:
            where.append(ArticleRow.pk.in_(self._text_match(f.q)))
        if f.article:
            where.append(ArticleRow.article_id == f.article)
        if f.actor:
            where.append(
                exists().where(
                    ActorRow.article_pk == ArticleRow.pk,
                    ActorRow.name_key == f.actor.casefold(),
                )
            )
        if f.country:
            where.append(
                exists().where(
                    ActorRow.article_pk == ArticleRow.pk, ActorRow.country == f.country.upper()
                )
            )
        event_filters = replace(
            Filters(), type=f.type, status=f.status, source=f.source, target=f.target,
            source_country=f.source_country, target_country=f.target_country,
            both_directions=f.both_directions, outlet=f.outlet, speaker=f.speaker,
        )  # fmt: skip
        if event_filters != Filters():
            where.append(
                ArticleRow.pk.in_(
                    select(EventRow.article_pk).where(*self._event_where(event_filters))
                )
            )
        return where

    @staticmethod
    def _article_pk(article_id: str) -> Select[Any]:
        return select(ArticleRow.pk).where(ArticleRow.article_id == article_id)

    def _text_match(self, q: str) -> Any:
        """A subquery of article pks whose title or text matches `q` (all words)."""
        # control characters separate words like spaces (SQLite's FTS5 reads a NUL as the
        # end of its query; PostgreSQL refuses a NUL in any parameter)
        q = CONTROL_CHARS.sub(" ", q)
        if self.dialect == "sqlite":
            # each word quoted: user input never reaches FTS5's query syntax
            words = [w.replace('"', '""') for w in q.split()]
            fts = " ".join(f'"{w}"' for w in words) or '""'
            return (
                text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts")
                .bindparams(fts=fts)
                .columns(column("rowid", Integer))
            )
        if self.dialect == "postgresql":
            # the same expression as the GIN index of migration 0001
            return (
                text(
                    "SELECT pk FROM articles WHERE to_tsvector('english', coalesce(title, '') "
                    "|| ' ' || text) @@ plainto_tsquery('english', :q)"
                )
                .bindparams(q=q)
                .columns(column("pk", Integer))
            )
        pattern = f"%{q}%"
        return select(ArticleRow.pk).where(
            or_(ArticleRow.title.ilike(pattern), ArticleRow.text.ilike(pattern))
        )


# -- engine ---------------------------------------------------------------------------------


def _write_error(doc: Document, e: SQLAlchemyError) -> WriteError:
    return WriteError(f"cannot store article {describe(doc.article.id)}: {_brief(e)}")


def _brief(e: SQLAlchemyError) -> str:
    """The driver's own first line: SQLAlchemy's message adds the SQL and its parameters."""
    first = str(getattr(e, "orig", None) or type(e).__name__).strip().splitlines()
    return (first[0] if first else type(e).__name__)[:200]


def _make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise StoreUnavailableError(f"not a database URL: {url!r}") from e
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True)
        except (ArgumentError, ImportError) as e:
            raise StoreUnavailableError(f"cannot use the database {url!r}: {e}") from e
    memory = parsed.database in (None, "", ":memory:")
    if not memory:
        path = Path(str(parsed.database)).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreUnavailableError(f"cannot create {path.parent}: {e.strerror}") from e
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if memory:
        kwargs["poolclass"] = StaticPool  # one connection, or each would see its own database
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas(wal=not memory))
    return engine


def _sqlite_pragmas(*, wal: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if wal:
            # readers (the UI) never block the writer (an ingest), and vice versa
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


# -- writing helpers ------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _clear_children(s: Session, article_pk: int) -> None:
    for table in _CHILDREN_ALL:
        s.execute(delete(table).where(table.article_pk == article_pk))
    s.expire_all()


def _fill_article(
    row: ArticleRow, doc: Document, *, digest: str, version: str, run_id: int | None
) -> None:
    a = doc.article
    row.article_id = a.id
    row.content_hash = digest
    row.published = a.published
    row.title = a.title
    row.outlet = a.outlet
    row.url = a.url
    row.language = a.language
    row.text = doc.text
    row.pipeline_version = version
    row.run_id = run_id
    row.coded_at = _now()
    row.n_events = len(doc.events)
    row.duplicate_of = a.duplicate_of


def _event_day(date: str | None, published: str | None) -> str | None:
    """The day filters, trends and alerts file an event under: its own date; for a coarser
    date ("in 2006", "last month") the article's day when that lies in the period, else the
    period's first day, so background events never count as news of the article's day."""
    if date and _FULL_DATE.match(date):
        return date
    first = _period_start(date) if date else None
    if first is None:
        return published
    last = _period_end(first, date or "")
    if published and first <= published <= last:
        return published
    return first


def _period_start(date: str) -> str | None:
    if re.fullmatch(r"\d{4}", date):
        return f"{date}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return f"{date}-01"
    week = re.fullmatch(r"(\d{4})-W(\d{1,2})", date)
    if week:
        try:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
        except ValueError:
            return None
    return None


def _period_end(first: str, date: str) -> str:
    if len(date) == 4:
        return f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-31"  # a string bound: every day of the month sorts below it
    return (dt.date.fromisoformat(first) + dt.timedelta(days=6)).isoformat()


def _add_children(s: Session, pk: int, doc: Document, version: str) -> None:
    for a in doc.actors:
        s.add(
            ActorRow(
                article_pk=pk, local_id=a.id, name=a.name, name_key=a.name.casefold(),
                identity=actor_identity(a, pk), country=a.country, sector=a.sector,
                kb_id=a.kb_id, wikidata=a.wikidata,
                kind=a.kind, designations=list(a.designations),
                affiliations=list(a.affiliations), pipeline_version=version,
                mentions=[
                    MentionRow(article_pk=pk, start=m.start, end=m.end, text=m.text)
                    for m in a.mentions
                ],
            )
        )  # fmt: skip
    for q in doc.quotes:
        s.add(
            QuoteRow(
                article_pk=pk, local_id=q.id, text=q.text, start=q.start, end=q.end, kind=q.kind,
                speaker=q.speaker, outlet=q.outlet, cue=q.cue, pipeline_version=version,
            )
        )  # fmt: skip
    for t in doc.times:
        s.add(
            TimeRow(
                article_pk=pk, local_id=t.id, text=t.text, start=t.start, end=t.end,
                value=t.value, anchor=t.anchor, kind=t.kind, pipeline_version=version,
            )
        )  # fmt: skip
    for p in doc.places:
        s.add(
            PlaceRow(
                article_pk=pk, local_id=p.id, text=p.text, start=p.start, end=p.end,
                name=p.name, country=p.country, admin1=p.admin1, lat=p.lat, lon=p.lon,
                geonames_id=p.geonames_id, feature=p.feature, pipeline_version=version,
            )
        )  # fmt: skip
    actors = {a.id: a for a in doc.actors}
    for e in doc.events:
        s.add(_event_row(pk, e, doc, actors, version))


def _event_row(
    pk: int, e: Event, doc: Document, actors: dict[str, Actor], version: str
) -> EventRow:
    day = _event_day(e.date, doc.article.published)
    sources = [actors[i] for i in e.source if i in actors]
    targets = [actors[i] for i in e.target if i in actors]
    participants = [
        EventActorRow(
            article_pk=pk, role=role, name=a.name, name_key=a.name.casefold(), country=a.country
        )
        for role, group in (("source", sources), ("target", targets))
        for a in group
    ]
    dyads = [
        DyadRow(
            article_pk=pk, source_name=src.name, source_key=src.name.casefold(),
            source_country=src.country, target_name=tgt.name, target_key=tgt.name.casefold(),
            target_country=tgt.country, day=day, type=e.type, intensity=e.intensity,
        )
        for src in sources
        for tgt in targets
    ]  # fmt: skip
    return EventRow(
        article_pk=pk, local_id=e.id, type=e.type, mode=e.mode, context=list(e.context),
        source=list(e.source), target=list(e.target), status=e.status, date=e.date, day=day,
        date_precision=e.date_precision, cameo=e.cameo, inferred=list(e.inferred),
        time=e.time, location=e.location,
        attributed_to=e.attributed_to, reported_by=list(e.reported_by), quote=e.quote,
        intensity=e.intensity, quad=e.quad, confidence=e.confidence, pipeline_version=version,
        evidence=[
            EvidenceRow(article_pk=pk, start=v.start, end=v.end, text=v.text) for v in e.evidence
        ],
        participants=participants, dyads=dyads,
    )  # fmt: skip


# -- reading helpers ------------------------------------------------------------------------


def _document(row: ArticleRow) -> Document:
    article = Article(
        id=row.article_id, published=row.published, title=row.title, outlet=row.outlet,
        url=row.url, language=row.language, duplicate_of=row.duplicate_of,
    )  # fmt: skip
    return Document(
        article=article,
        text=row.text,
        actors=[
            Actor(
                id=a.local_id, name=a.name, country=a.country, sector=a.sector, kb_id=a.kb_id,
                wikidata=a.wikidata, designations=list(a.designations or []),
                mentions=[Mention(m.start, m.end, m.text) for m in a.mentions],
                kind=a.kind, affiliations=list(a.affiliations or []),
            )
            for a in row.actors
        ],
        quotes=[
            Quote(
                id=q.local_id, text=q.text, start=q.start, end=q.end,
                kind=q.kind,  # type: ignore[arg-type]
                speaker=q.speaker, outlet=q.outlet, cue=q.cue,
            )
            for q in row.quotes
        ],
        times=[
            TimeRef(
                id=t.local_id, text=t.text, start=t.start, end=t.end, value=t.value,
                anchor=t.anchor, kind=t.kind,
            )
            for t in row.times
        ],
        places=[
            Place(
                id=p.local_id, text=p.text, start=p.start, end=p.end, name=p.name,
                country=p.country, admin1=p.admin1, lat=p.lat, lon=p.lon,
                geonames_id=p.geonames_id, feature=p.feature,  # type: ignore[arg-type]
            )
            for p in row.places
        ],
        events=[_event(e) for e in row.events],
    )  # fmt: skip


def _event(e: EventRow) -> Event:
    return Event(
        id=e.local_id, type=e.type, mode=e.mode, context=list(e.context or []),
        source=list(e.source or []), target=list(e.target or []),
        status=e.status,  # type: ignore[arg-type]
        date=e.date, time=e.time, location=e.location, attributed_to=e.attributed_to,
        reported_by=list(e.reported_by or []), quote=e.quote,
        evidence=[Evidence(v.start, v.end, v.text) for v in e.evidence],
        intensity=e.intensity, quad=e.quad, confidence=e.confidence,
        date_precision=e.date_precision, cameo=e.cameo, inferred=list(e.inferred or []),
    )  # fmt: skip


def _article_summary(r: ArticleRow) -> dict[str, Any]:
    return {
        "id": r.article_id, "published": r.published, "title": r.title, "outlet": r.outlet,
        "url": r.url, "events": r.n_events, "pipeline_version": r.pipeline_version,
        "snippet": r.text[:200],
    }  # fmt: skip


def _event_pairs(s: Session, pks: Sequence[int]) -> list[tuple[Any, Any]]:
    """(event, article) rows for `pks`, in that order: plain rows, not ORM objects, and only
    the start of each article's text (thousands of them make a page or an export chunk)."""
    events = {r.pk: r for r in s.execute(select(EventRow.__table__).where(EventRow.pk.in_(pks)))}
    columns = [c for c in ArticleRow.__table__.c if c.name != "text"]
    lead = func.substr(ArticleRow.text, 1, 160).label("text")
    article_pks = {e.article_pk for e in events.values()}
    articles = {
        r.pk: r for r in s.execute(select(*columns, lead).where(ArticleRow.pk.in_(article_pks)))
    }
    return [(events[pk], articles[events[pk].article_pk]) for pk in pks if pk in events]


def _event_dicts(s: Session, rows: Sequence[tuple[Any, Any]]) -> list[dict]:
    """JSON-ready events with actor names, location and evidence (four queries per page)."""
    if not rows:
        return []
    article_pks = {a.pk for _, a in rows}
    event_pks = [e.pk for e, _ in rows]
    # plain rows, not ORM objects: a page or an export chunk reads thousands of them
    actors: dict[tuple[int, str], Any] = {
        (a.article_pk, a.local_id): a
        for a in s.execute(select(ActorRow.__table__).where(ActorRow.article_pk.in_(article_pks)))
    }
    places: dict[tuple[int, str], Any] = {
        (p.article_pk, p.local_id): p
        for p in s.execute(select(PlaceRow.__table__).where(PlaceRow.article_pk.in_(article_pks)))
    }
    evidence: dict[int, list[dict[str, Any]]] = {}
    for v in s.execute(
        select(EvidenceRow.__table__)
        .where(EvidenceRow.event_pk.in_(event_pks))
        .order_by(EvidenceRow.pk)
    ):
        evidence.setdefault(v.event_pk, []).append({"start": v.start, "end": v.end, "text": v.text})

    def actor(article_pk: int, local: str | None) -> dict[str, Any] | None:
        a = actors.get((article_pk, local)) if local else None
        if a is None:
            return None
        return {
            "id": a.local_id, "name": a.name, "country": a.country, "sector": a.sector,
            "kind": a.kind, "wikidata": a.wikidata,
        }  # fmt: skip

    items = []
    for e, art in rows:
        place = places.get((art.pk, e.location)) if e.location else None
        items.append(
            {
                "article_id": art.article_id, "event_id": e.local_id, "type": e.type,
                "mode": e.mode, "context": list(e.context or []), "status": e.status,
                "date": e.date, "day": e.day, "date_precision": e.date_precision,
                "cameo": e.cameo, "inferred": list(e.inferred or []),
                "source": [x for i in e.source or [] if (x := actor(art.pk, i))],
                "target": [x for i in e.target or [] if (x := actor(art.pk, i))],
                "attributed_to": actor(art.pk, e.attributed_to),
                "reported_by": [x for i in e.reported_by or [] if (x := actor(art.pk, i))],
                "location": None if place is None else {
                    "id": place.local_id, "text": place.text, "name": place.name,
                    "country": place.country,
                    "admin1": place.admin1, "lat": place.lat, "lon": place.lon,
                    "geonames_id": place.geonames_id, "feature": place.feature,
                },
                "intensity": e.intensity, "quad": e.quad, "confidence": e.confidence,
                "evidence": evidence.get(e.pk, []), "pipeline_version": e.pipeline_version,
                "published": art.published, "title": art.title, "outlet": art.outlet,
                "url": art.url, "language": art.language, "lead": art.text[:160],
            }
        )  # fmt: skip
    return items


def _period_len(period: str) -> int:
    try:
        return PERIODS[period]
    except KeyError as e:
        raise StoreError(f"period must be one of {', '.join(PERIODS)}, not {period!r}") from e


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)
