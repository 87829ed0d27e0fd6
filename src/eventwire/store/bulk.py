"""Bulk reads: many articles' records, and the events matching filters with their records,
read with a handful of plain (Core) queries per chunk of articles.

Monitoring links the events of a window across articles and needs, for thousands of events,
both the event (as `Store.events` returns it) and its article's record. Reading them through
the ORM, one object per row, took seconds per thousand events; these readers build the
`Document` dataclasses straight from rows (issue #18: Trends under 1 s on 100,000 events).
`load_documents` returns the same records as `Store.document`, and `window_events` the same
event dicts as `Store.iter_events` (a test compares them).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import Text, cast, func, select

from ..record import Actor, Article, Document, Event, Evidence, Mention, Place, Quote, TimeRef
from .core import Filters, Store
from .models import (
    ActorRow,
    ArticleRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    PlaceRow,
    QuoteRow,
    TimeRow,
)

__all__ = [
    "LIGHT_KEYS",
    "data_version",
    "light_articles",
    "load_documents",
    "window_articles",
    "window_events",
]

CHUNK = 500  # articles per round of queries (well under SQLite's bound-parameter limit)
# the columns a light read selects: what event linking and story counting use
_LIGHT_ARTICLE = ("pk", "article_id", "published", "title", "outlet", "text")
_LIGHT_ACTOR = ("pk", "article_pk", "local_id", "name", "country")
_LIGHT_EVENT = ("pk", "article_pk", "local_id", "type", "status", "date", "day",
                "date_precision", "location", "source", "target", "intensity", "quad")  # fmt: skip
_JSON_LISTS = ("source", "target")  # JSON columns of a light event read


def _as_text(column: Any) -> Any:
    # a CAST, not a Python-side coercion: PostgreSQL's driver would decode a JSON column itself
    return cast(column, Text).label(column.name)


#: the keys of a light event dict
LIGHT_KEYS = (
    "article_id", "event_id", "type", "status", "date", "day", "quad", "intensity", "source",
    "target", "location", "evidence", "outlet", "title", "published",
)  # fmt: skip


def data_version(store: Store) -> tuple[Any, ...]:
    """A value that changes whenever events are stored, re-stored or deleted: the number of
    event rows, the highest event row id, the latest coding time."""
    with store.engine.connect() as conn:
        count, last = conn.execute(select(func.count(EventRow.pk), func.max(EventRow.pk))).one()
        coded = conn.execute(select(func.max(ArticleRow.coded_at))).scalar()
    return count, last, coded


def load_documents(store: Store, article_ids: Collection[str]) -> Iterator[Document]:
    """The stored records of `article_ids` (unknown ids skipped), by article id."""
    ids = sorted(set(article_ids))
    for at in range(0, len(ids), CHUNK):
        for doc, _ in _read(store, ArticleRow.article_id.in_(ids[at : at + CHUNK])):
            yield doc


def window_events(
    store: Store, filters: Filters, *, light: bool = False
) -> Iterator[tuple[Document, list[dict[str, Any]]]]:
    """For each article with events matching `filters`: its record and those events (as
    `Store.iter_events` returns them), by article id.

    `light` reads what monitoring uses and no more: records without mentions, quotes, times
    or the actors' and events' other fields, and events with the keys of `LIGHT_KEYS`."""
    where = store._event_where(filters)
    with store.engine.connect() as conn:
        found = conn.execute(
            select(EventRow.pk, EventRow.article_pk).where(*where).order_by(EventRow.pk)
        ).all()
    wanted = {pk for pk, _ in found}
    pks = sorted({a for _, a in found})
    chunks = []
    for at in range(0, len(pks), CHUNK):
        chunks += _read(store, ArticleRow.pk.in_(pks[at : at + CHUNK]), light=light)
    make = _light_event_dict if light else _event_dict
    for doc, rows in sorted(chunks, key=lambda item: item[0].article.id):
        actors = {x.id: x for x in doc.actors}
        places = {x.id: x for x in doc.places}
        yield doc, [make(row, actors, places) for row in rows if row["pk"] in wanted]


def window_articles(store: Store, filters: Filters) -> dict[int, tuple[Any, set[int]]]:
    """For each article with events matching `filters`, by its row key: its coding time (a
    re-coded article has a new one) and the row keys of those events."""
    where = store._event_where(filters)
    out: dict[int, tuple[Any, set[int]]] = {}
    with store.engine.connect() as conn:
        for pk, article_pk, coded_at in conn.execute(
            select(EventRow.pk, EventRow.article_pk, ArticleRow.coded_at)
            .join(ArticleRow, ArticleRow.pk == EventRow.article_pk)
            .where(*where)
        ).all():
            out.setdefault(article_pk, (coded_at, set()))[1].add(pk)
    return out


def light_articles(
    store: Store, pks: Collection[int]
) -> Iterator[tuple[int, Document, dict[int, dict[str, Any]]]]:
    """The light records (see `window_events`) of the articles `pks`, each with its row key
    and every one of its events as a light dict, by the event's row key, in storage order."""
    ordered = sorted(pks)
    for at in range(0, len(ordered), CHUNK):
        for doc, rows in _read(store, ArticleRow.pk.in_(ordered[at : at + CHUNK]), light=True):
            actors = {x.id: x for x in doc.actors}
            places = {x.id: x for x in doc.places}
            events = {row["pk"]: _light_event_dict(row, actors, places) for row in rows}
            if rows:  # (an article of a window has events; each carries the article's key)
                yield rows[0]["article"]["pk"], doc, events


def _read(
    store: Store, where: Any, *, light: bool = False
) -> list[tuple[Document, list[dict[str, Any]]]]:
    """Records of the articles matching `where`, each with its event rows (dicts). `light`
    records leave out what event linking never reads (mentions, quotes, times, and actors'
    designations and affiliations): a third of the reading."""
    a, ac, m, q, t, p, e, v = (
        r.__table__ for r in (ArticleRow, ActorRow, MentionRow, QuoteRow, TimeRow, PlaceRow,
                              EventRow, EvidenceRow)
    )  # fmt: skip
    with store.engine.connect() as conn:
        chosen = _LIGHT_ARTICLE if light else ()
        query = select(*(a.c[c] for c in chosen)) if chosen else select(a)
        articles = [dict(r._mapping) for r in conn.execute(query.where(where))]
        if not articles:
            return []
        pks = [r["pk"] for r in articles]

        def rows(table: Any, *columns: Any) -> dict[int, list[dict[str, Any]]]:
            out: dict[int, list[dict[str, Any]]] = defaultdict(list)
            table = table if not columns else columns[0].table
            query = (
                select(*(columns or (table,)))
                .where(table.c.article_pk.in_(pks))
                .order_by(table.c.pk)
            )
            result = conn.execute(query)
            keys = list(result.keys())
            # read as tuples (a Row's mapping view is slow), all at once (one fetch per row
            # through the result took a quarter of a window's read)
            for values in result.all():
                row = dict(zip(keys, values, strict=True))
                out[row["article_pk"]].append(row)
            return out

        actors = rows(None, *(ac.c[c] for c in _LIGHT_ACTOR)) if light else rows(ac)
        mentions, quotes, times = ({}, {}, {}) if light else (rows(m), rows(q), rows(t))
        if light:
            # the JSON lists as text, decoded here: the type's own decoding per value took
            # as long as reading the events
            events = rows(None, *(_as_text(e.c[c]) if c in _JSON_LISTS else e.c[c]
                                  for c in _LIGHT_EVENT))  # fmt: skip
            for found_rows in events.values():
                for row in found_rows:
                    for c in _JSON_LISTS:
                        row[c] = json.loads(row[c]) if row[c] is not None else None
        else:
            events = rows(e)
        places, evidence = rows(p), rows(v)
    out = []
    for art in articles:
        pk = art["pk"]
        spans: dict[int, list[Mention]] = defaultdict(list)
        for row in mentions.get(pk, []):
            spans[row["actor_pk"]].append(Mention(row["start"], row["end"], row["text"]))
        found: dict[int, list[Evidence]] = defaultdict(list)
        for row in evidence.get(pk, []):
            found[row["event_pk"]].append(Evidence(row["start"], row["end"], row["text"]))
        mine = events.get(pk, [])
        for row in mine:
            row["evidence"] = found.get(row["pk"], [])
            row["article"] = art
        doc = Document(
            article=Article(
                id=art["article_id"], published=art["published"], title=art["title"],
                outlet=art["outlet"], url=art.get("url"), language=art.get("language") or "en",
                duplicate_of=art.get("duplicate_of"),
            ),
            text=art["text"],
            actors=[
                Actor(
                    id=r["local_id"], name=r["name"], country=r["country"],
                    sector=r.get("sector"), kb_id=r.get("kb_id"), wikidata=r.get("wikidata"),
                    designations=list(r.get("designations") or []),
                    mentions=spans.get(r["pk"], []), kind=r.get("kind"),
                    affiliations=list(r.get("affiliations") or []),
                )
                for r in actors.get(pk, [])
            ],
            quotes=[
                Quote(id=r["local_id"], text=r["text"], start=r["start"], end=r["end"],
                      kind=r["kind"], speaker=r["speaker"], outlet=r["outlet"], cue=r["cue"])
                for r in quotes.get(pk, [])
            ],
            times=[
                TimeRef(id=r["local_id"], text=r["text"], start=r["start"], end=r["end"],
                        value=r["value"], anchor=r["anchor"], kind=r["kind"])
                for r in times.get(pk, [])
            ],
            places=[
                Place(id=r["local_id"], text=r["text"], start=r["start"], end=r["end"],
                      name=r["name"], country=r["country"], admin1=r["admin1"], lat=r["lat"],
                      lon=r["lon"], geonames_id=r["geonames_id"], feature=r["feature"])
                for r in places.get(pk, [])
            ],
            events=[
                Event(
                    id=r["local_id"], type=r["type"], mode=r.get("mode"),
                    context=list(r.get("context") or []), source=list(r["source"] or []),
                    target=list(r["target"] or []), status=r["status"], date=r["date"],
                    time=r.get("time"), location=r["location"],
                    attributed_to=r.get("attributed_to"),
                    reported_by=list(r.get("reported_by") or []), quote=r.get("quote"),
                    evidence=r["evidence"], intensity=r["intensity"], quad=r["quad"],
                    confidence=r.get("confidence", 0.5), date_precision=r["date_precision"],
                    cameo=r.get("cameo"), inferred=list(r.get("inferred") or []),
                )
                for r in mine
            ],
        )  # fmt: skip
        out.append((doc, mine))
    return out


def _event_dict(
    row: dict[str, Any], actors: dict[str, Actor], places: dict[str, Place]
) -> dict[str, Any]:
    """One event as `Store.iter_events` returns it, from its row and its article's actors
    and places by id."""
    art = row["article"]

    def actor(local: str | None) -> dict[str, Any] | None:
        x = actors.get(local) if local else None
        if x is None:
            return None
        return {"id": x.id, "name": x.name, "country": x.country, "sector": x.sector,
                "kind": x.kind, "wikidata": x.wikidata}  # fmt: skip

    place = places.get(row["location"]) if row["location"] else None
    return {
        "article_id": art["article_id"], "event_id": row["local_id"], "type": row["type"],
        "mode": row["mode"], "context": list(row["context"] or []), "status": row["status"],
        "date": row["date"], "day": row["day"], "date_precision": row["date_precision"],
        "cameo": row["cameo"], "inferred": list(row.get("inferred") or []),
        "source": [x for i in row["source"] or [] if (x := actor(i))],
        "target": [x for i in row["target"] or [] if (x := actor(i))],
        "attributed_to": actor(row["attributed_to"]),
        "reported_by": [x for i in row["reported_by"] or [] if (x := actor(i))],
        "location": None if place is None else {
            "id": place.id, "text": place.text, "name": place.name, "country": place.country,
            "admin1": place.admin1, "lat": place.lat, "lon": place.lon,
            "geonames_id": place.geonames_id, "feature": place.feature,
        },
        "intensity": row["intensity"], "quad": row["quad"], "confidence": row["confidence"],
        "evidence": [{"start": v.start, "end": v.end, "text": v.text} for v in row["evidence"]],
        "pipeline_version": row["pipeline_version"], "published": art["published"],
        "title": art["title"], "outlet": art["outlet"], "url": art["url"],
        "language": art["language"], "lead": (art.get("text") or "")[:160],
    }  # fmt: skip


def _light_event_dict(
    row: dict[str, Any], actors: dict[str, Actor], places: dict[str, Place]
) -> dict[str, Any]:
    """The `LIGHT_KEYS` of an event dict: what monitoring counts and shows."""
    art = row["article"]

    def side(ids: list[str] | None) -> list[dict[str, Any]]:
        return [{"name": x.name, "country": x.country} for i in ids or [] if (x := actors.get(i))]

    place = places.get(row["location"]) if row["location"] else None
    return {
        "article_id": art["article_id"], "event_id": row["local_id"], "type": row["type"],
        "status": row["status"], "date": row["date"], "day": row["day"], "quad": row["quad"],
        "intensity": row["intensity"], "source": side(row["source"]),
        "target": side(row["target"]),
        "location": None if place is None else {
            "name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon,
        },
        "evidence": [{"start": v.start, "end": v.end, "text": v.text} for v in row["evidence"]],
        "outlet": art["outlet"], "title": art["title"], "published": art["published"],
    }  # fmt: skip
