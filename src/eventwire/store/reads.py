"""Reading: one article's record, and the queries (events, articles, actors, dyads,
timeline, places, facets) that answer with JSON-ready dicts in `Page`s."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session, selectinload

from ..record import Document
from . import query as grid
from .errors import NotFoundError, StoreError
from .filters import Filters
from .mapping import article_summary, document_of, event_dicts, event_pairs
from .models import ActorRow, ArticleRow, DyadRow, EventActorRow, EventRow, PlaceRow
from .where import Where

__all__ = [
    "PERIODS",
    "Page",
    "Period",
    "Reads",
]

Period = Literal["day", "month", "year"]
PERIODS: dict[str, int] = {"day": 10, "month": 7, "year": 4}  # prefix length of YYYY-MM-DD


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


class Reads(Where):
    """Reading: one article, and the queries the API, the UI, the CLI and exports run."""

    _facets: grid.FacetCache

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
            return document_of(row), meta

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
            # with the article's key: a sort by a looked-up column (an actor, the evidence)
            # then scans the events in storage order, whose lookups stay near each other,
            # not by a one-column sort index in random order (three times the time)
            keys = select(EventRow.pk, EventRow.article_pk)
            if sort and sort.lstrip("-") in grid.ARTICLE_SORTS:
                keys = keys.join(ArticleRow, ArticleRow.pk == EventRow.article_pk)
            ordered = keys.where(*where).order_by(*grid.order_by(sort))
            pks = [pk for pk, _ in s.execute(ordered.limit(limit).offset(offset))]
            items = event_dicts(s, event_pairs(s, pks))
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
            items = event_dicts(s, [(e, a) for e, a in rows])
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
                items = event_dicts(s, event_pairs(s, pks))
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
            items = [article_summary(r) for r in rows]
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
        # the number of actors in the same pass: a window over the groups
        ordered = (
            grouped.add_columns(func.count().over().label("total"))
            .order_by(
                func.count(func.distinct(ActorRow.article_pk)).desc(),
                func.max(ActorRow.name_key),
                identity,
            )
            .limit(limit)
            .offset(offset)
        )

        def page(s: Session) -> Page:
            rows = s.execute(ordered).all()
            if rows:
                total = rows[0].total
            else:  # past the last page (or none): count the groups themselves
                total = s.scalar(select(func.count()).select_from(grouped.subquery())) or 0
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

        with self._session() as s:
            # kept while no article is stored, re-stored or deleted (paging back and forth)
            version = s.execute(
                select(func.max(ArticleRow.pk), func.count(ArticleRow.pk),
                       func.max(ArticleRow.coded_at))
            ).one()  # fmt: skip
            key = ("actors", filters, limit, offset, tuple(version))
            cached: Page = self._facets.get(key, lambda: page(s))
        return replace(cached, items=[dict(item) for item in cached.items])

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

    def event_days(self) -> tuple[str | None, str | None]:
        """The first and the last day of the stored events (None, None when there are none)."""
        # two queries: SQLite answers a lone min() or max() from the index's ends, but scans
        # the whole index for both in one select (7 ms on 100,000 events, every Trends view)
        with self._session() as s:
            first = s.execute(select(func.min(EventRow.day))).scalar()
            last = s.execute(select(func.max(EventRow.day))).scalar()
        return (str(first) if first else None, str(last) if last else None)

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


def _period_len(period: str) -> int:
    try:
        return PERIODS[period]
    except KeyError as e:
        raise StoreError(f"period must be one of {', '.join(PERIODS)}, not {period!r}") from e


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)
