"""The events grid's SQL: the newer filter clauses, server-side sorting and facet counts.

Kept apart from `where` (which builds the rest of every query) so that each stays readable;
`Store.events`, `Store.facets` and the `_event_where` filter builder call in here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    column,
    desc,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    union,
)
from sqlalchemy.orm import Session, aliased

from .filters import CONTROL_CHARS, SORT_FIELDS, Filters
from .models import ActorRow, ArticleRow, DyadRow, EventActorRow, EventRow, EvidenceRow, QuoteRow

__all__ = [
    "ARTICLE_SORTS",
    "FACETS",
    "INDEXED_WORD",
    "NARROWS_BELOW",
    "FacetCache",
    "event_clauses",
    "facet_counts",
    "order_by",
    "said_somewhere",
    "search_words",
    "trigram_hits",
]

#: The facets counted beside the grid, in the order shown, with the filter each one sets.
FACETS: dict[str, str] = {
    "type": "type", "status": "status", "country": "country", "outlet": "outlet",
    "speaker": "speaker",
}  # fmt: skip


def event_clauses(f: Filters, *, indexed: str | None = None) -> list[ColumnElement[bool]]:
    """Conditions on `EventRow` for the country dyad, outlet, speaker and `q` filters.

    `indexed` is one of the search words that SQLite's trigram indexes narrow by (see
    `said_somewhere`): the exact test of every word then runs on its few events alone."""
    where: list[ColumnElement[bool]] = []
    if f.source_country or f.target_country:
        where.append(EventRow.pk.in_(select(DyadRow.event_pk).where(_country_pair(f))))
    # aliases: a query that also joins these tables (the facets) must not capture them
    if f.outlet:
        article = aliased(ArticleRow)
        where.append(
            EventRow.article_pk.in_(
                select(article.pk).where(func.lower(article.outlet) == f.outlet.lower())
            )
        )
    if f.speaker:
        speaker = aliased(ActorRow)
        where.append(
            exists().where(
                speaker.article_pk == EventRow.article_pk,
                speaker.local_id == EventRow.attributed_to,
                speaker.name_key == f.speaker.casefold(),
            )
        )
    if f.q:
        if indexed:
            where.append(EventRow.pk.in_(said_somewhere(indexed)))
        where += [_said(word) for word in search_words(f.q)]
    return where


def search_words(q: str) -> list[str]:
    """The words of a search (control characters separate words like spaces: PostgreSQL
    refuses a NUL parameter)."""
    return CONTROL_CHARS.sub(" ", q).split()


#: The shortest word a trigram index can look up.
INDEXED_WORD = 3


def said_somewhere(word: str) -> Any:
    """The events whose evidence or quote may hold `word`, from SQLite's trigram indexes
    (`evidence_fts`, `quotes_fts`, migration 0009): every event `_said` finds, and perhaps
    a few more (the index folds non-ASCII case too), so it narrows without changing."""
    quoted = aliased(EventRow)
    return union(
        select(EvidenceRow.event_pk).where(EvidenceRow.pk.in_(_trigram_hits("evidence", word))),
        select(quoted.pk)
        .join(QuoteRow, and_(QuoteRow.article_pk == quoted.article_pk,
                             QuoteRow.local_id == quoted.quote))
        .where(QuoteRow.pk.in_(_trigram_hits("quotes", word))),
    )  # fmt: skip


#: Past this many evidence spans or quotes that may hold a word, reading them by the index
#: costs more than testing every event.
NARROWS_BELOW = 10_000


def trigram_hits(word: str, *, cap: int = NARROWS_BELOW) -> Any:
    """How many evidence spans and quotes may hold `word`, each counted up to `cap`: which
    word of a search narrows most, and whether it narrows at all."""
    return select(
        *(
            select(func.count())
            .select_from(_trigram_hits(name, word).limit(cap).subquery())
            .scalar_subquery()
            for name in ("evidence", "quotes")
        )
    )


def _trigram_hits(name: str, word: str) -> Select[Any]:
    fts = table(f"{name}_fts", column("rowid", Integer))
    phrase = '"' + word.replace('"', '""') + '"'  # one literal string, never FTS5 syntax
    return select(fts.c.rowid).where(literal_column(f"{name}_fts").op("MATCH")(phrase))


def _country_pair(f: Filters) -> ColumnElement[bool]:
    def one_way(src: str | None, tgt: str | None) -> ColumnElement[bool]:
        parts = []
        if src:
            parts.append(DyadRow.source_country == src.upper())
        if tgt:
            parts.append(DyadRow.target_country == tgt.upper())
        return and_(*parts)

    forward = one_way(f.source_country, f.target_country)
    if not f.both_directions:
        return forward
    return or_(forward, one_way(f.target_country, f.source_country))


def _said(word: str) -> ColumnElement[bool]:
    """One search word in the event's evidence or in the quote it was coded from (not in the
    rest of the article: "drone" should find drone strikes, not a refusal to answer)."""
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(
        exists().where(
            EvidenceRow.event_pk == EventRow.pk,
            func.lower(EvidenceRow.text).like(pattern, escape="\\"),
        ),
        exists().where(
            QuoteRow.article_pk == EventRow.article_pk,
            QuoteRow.local_id == EventRow.quote,
            func.lower(QuoteRow.text).like(pattern, escape="\\"),
        ),
    )


#: The sorts that read the article's row (the others need only the event's).
ARTICLE_SORTS: frozenset[str] = frozenset({"reported_by", "article"})


def _sort_columns() -> dict[str, Any]:
    first_actor = {
        role: select(func.min(EventActorRow.name))
        .where(EventActorRow.event_pk == EventRow.pk, EventActorRow.role == role)
        .scalar_subquery()
        for role in ("source", "target")
    }
    return {
        "date": EventRow.day,
        "type": EventRow.type,
        "mode": EventRow.mode,
        "status": EventRow.status,
        "source": first_actor["source"],
        "target": first_actor["target"],
        # no lookup for the many unattributed events
        "according_to": case(
            (
                EventRow.attributed_to.is_not(None),
                select(ActorRow.name)
                .where(
                    ActorRow.article_pk == EventRow.article_pk,
                    ActorRow.local_id == EventRow.attributed_to,
                )
                .limit(1)
                .scalar_subquery(),
            ),
            else_=None,
        ),
        "reported_by": ArticleRow.outlet,  # the chain ends at the outlet that published it
        "confidence": EventRow.confidence,
        "intensity": EventRow.intensity,
        "evidence": select(func.min(EvidenceRow.text))
        .where(EvidenceRow.event_pk == EventRow.pk)
        .scalar_subquery(),
        "article": func.coalesce(ArticleRow.title, ArticleRow.article_id),
    }


def order_by(sort: str | None) -> list[Any]:
    """ORDER BY terms for a validated `sort` (see `parse_sort`); newest first by default."""
    if not sort:
        return [EventRow.day.desc(), EventRow.pk.desc()]
    columns = _sort_columns()
    assert set(columns) == set(SORT_FIELDS), "one list of sortable fields"
    column = columns[sort.lstrip("-")]
    desc = sort.startswith("-")
    return [column.desc() if desc else column.asc(), EventRow.pk.desc() if desc else EventRow.pk]


def facet_counts(
    s: Session, where: list[ColumnElement[bool]], *, top: int = 8
) -> dict[str, list[dict[str, Any]]]:
    """For each facet, its most frequent values among the matching events, with counts."""
    matching = select(EventRow.pk).where(*where)
    n = func.count().label("n")
    # aliases: the filters' own subqueries name these tables and must not be captured
    article, speaker, party = aliased(ArticleRow), aliased(ActorRow), aliased(EventActorRow)
    queries: dict[str, Any] = {
        "type": select(EventRow.type, n).where(*where).group_by(EventRow.type),
        "status": select(EventRow.status, n).where(*where).group_by(EventRow.status),
        "country": select(party.country, func.count(func.distinct(party.event_pk)).label("n"))
        # all events: no need to look each one up (the common, unfiltered grid)
        .where(*([party.event_pk.in_(matching)] if where else []), party.country.is_not(None))
        .group_by(party.country),
        "outlet": (
            select(article.outlet, n)
            .select_from(EventRow)
            .join(article, article.pk == EventRow.article_pk)
            .where(*where, article.outlet.is_not(None))
            .group_by(article.outlet)
            if where  # else each article's stored event count says it, without the events
            else select(article.outlet, func.sum(article.n_events).label("n"))
            .where(article.outlet.is_not(None), article.n_events > 0)
            .group_by(article.outlet)
        ),
        "speaker": select(func.max(speaker.name), n)
        .select_from(EventRow)
        .join(
            speaker,
            and_(
                speaker.article_pk == EventRow.article_pk,
                speaker.local_id == EventRow.attributed_to,
            ),
        )
        .where(*where, EventRow.attributed_to.is_not(None))
        # grouped by an expression, not the indexed column: SQLite then starts from the
        # attributed events instead of walking every actor
        .group_by(speaker.name_key + ""),
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for name, query in queries.items():
        rows = s.execute(query.order_by(desc("n")).limit(top)).all()
        out[name] = [{"value": value, "count": count} for value, count in rows if value]
    return out


class FacetCache:
    """The last `size` facet counts or actor pages, by filters and store version (the newest
    row's key, the number of rows, the latest coding time: a store that changed answers
    differently, so it misses)."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value
