"""`Filters` to SQL: the conditions every query of the store filters events, dyads and
articles by (the grid's newer clauses, its sorts and facets are in `query`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, column, exists, func, or_, select, text
from sqlalchemy.orm import aliased

from . import query as grid
from .engine import StoreBase
from .filters import CONTROL_CHARS, Filters
from .models import ActorRow, ArticleRow, DyadRow, EventActorRow, EventRow, PlaceRow

__all__ = [
    "Where",
]


class Where(StoreBase):
    """`Filters` as SQL conditions on events, dyads and articles."""

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
        # the actor's or country's events read from their index (name_key, event_pk or
        # country, event_pk) once, rather than a lookup per stored event: an actor page
        # counted and charted an actor's events in a tenth of the time on 100,000 events
        if f.actor:
            where.append(
                EventRow.pk.in_(
                    select(EventActorRow.event_pk).where(
                        EventActorRow.name_key == f.actor.casefold()
                    )
                )
            )
        if f.country:
            where.append(
                EventRow.pk.in_(
                    select(EventActorRow.event_pk).where(EventActorRow.country == f.country.upper())
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
        # dyads by country, outlet, speaker, q
        return where + grid.event_clauses(f, indexed=self._narrowest(f.q))

    def _narrowest(self, q: str | None) -> str | None:
        """The search word SQLite's trigram indexes narrow most by, if one can be looked up
        (three characters or more) and is rare enough to narrow; None elsewhere (PostgreSQL
        tests every event)."""
        if not q or self.dialect != "sqlite":
            return None
        words = [w for w in grid.search_words(q) if len(w) >= grid.INDEXED_WORD]
        if not words:
            return None
        with self.engine.connect() as conn:
            hits = {w: max(conn.execute(grid.trigram_hits(w)).one()) for w in words}
        word = min(words, key=hits.__getitem__)
        return word if hits[word] < grid.NARROWS_BELOW else None

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
            clauses = grid.event_clauses(rest, indexed=self._narrowest(rest.q))
            where.append(DyadRow.event_pk.in_(select(EventRow.pk).where(*clauses)))
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
