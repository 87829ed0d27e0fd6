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
from dataclasses import dataclass
from typing import Any, NamedTuple

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
    "LinkArticle",
    "LinkParts",
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
        # count(*), not count(pk): SQLite counts a table's rows without reading them (0.1 ms
        # on 100,000 events, against 4 ms); max() alone is read off the key's end
        count = conn.execute(select(func.count()).select_from(EventRow)).scalar()
        last = conn.execute(select(func.max(EventRow.pk))).scalar()
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
    events: dict[int, set[int]] = defaultdict(set)
    with store.engine.connect() as conn:
        for pk, article_pk in conn.execute(
            select(EventRow.pk, EventRow.article_pk).where(*where)
        ).all():  # fmt: skip
            events[article_pk].add(pk)
        # each article's coding time once, not once per event (each one parsed)
        coded = conn.execute(
            select(ArticleRow.pk, ArticleRow.coded_at).where(
                ArticleRow.pk.in_(select(EventRow.article_pk).where(*where))
            )
        ).all()
    return {pk: (coded_at, events[pk]) for pk, coded_at in coded if pk in events}


class LinkParts(NamedTuple):
    """What linking reads of one event beyond its light dict (see `light_articles`)."""

    date_precision: str | None
    source: list[tuple[str, str | None]]  # (name, country) of each id's first actor
    target: list[tuple[str, str | None]]
    place: Place | None  # the location id's first place
    evidence: list[tuple[int, int, str]]  # (start, end, text)


@dataclass(frozen=True, slots=True)
class LinkArticle:
    """What linking reads of one article: no record is built (issue #18: building them took
    a third of a cold Trends view). `text` is read only for an article whose events may name
    towns or regions (linking compares those with the evidence's sentences); it is empty
    otherwise. `parts` holds each event's `LinkParts` by its row key."""

    id: str
    outlet: str | None
    published: str | None
    text: str
    places: list[Place]
    parts: dict[int, LinkParts]


def light_articles(
    store: Store, pks: Collection[int]
) -> Iterator[tuple[int, LinkArticle, dict[int, dict[str, Any]]]]:
    """The articles `pks` as linking reads them, each with its row key and every one of its
    events as a light dict (the `LIGHT_KEYS` of `window_events`), by the event's row key, in
    storage order."""
    ordered = sorted(pks)
    for at in range(0, len(ordered), CHUNK):
        yield from _read_link(store, ordered[at : at + CHUNK])


def _read_link(
    store: Store, pks: list[int]
) -> Iterator[tuple[int, LinkArticle, dict[int, dict[str, Any]]]]:
    a, ac, p, e, v = (r.__table__ for r in (ArticleRow, ActorRow, PlaceRow, EventRow, EvidenceRow))
    with store.engine.connect() as conn:
        # plain tuples throughout (a dict per row took as long as the reading), in storage
        # order within each article: by (article, key), read off the article index
        articles = conn.execute(
            select(a.c.pk, a.c.article_id, a.c.published, a.c.title, a.c.outlet)
            .where(a.c.pk.in_(pks))
        ).all()  # fmt: skip
        actors: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
        for art, local, name, country in conn.execute(
            select(ac.c.article_pk, ac.c.local_id, ac.c.name, ac.c.country)
            .where(ac.c.article_pk.in_(pks))
            .order_by(ac.c.article_pk, ac.c.pk)
        ).all():  # fmt: skip
            actors[art].append((local, name, country))
        places: dict[int, list[Place]] = defaultdict(list)
        for r in conn.execute(
            select(p).where(p.c.article_pk.in_(pks)).order_by(p.c.article_pk, p.c.pk)
        ).all():
            places[r.article_pk].append(
                Place(id=r.local_id, text=r.text, start=r.start, end=r.end, name=r.name,
                      country=r.country, admin1=r.admin1, lat=r.lat, lon=r.lon,
                      geonames_id=r.geonames_id, feature=r.feature)
            )  # fmt: skip
        # the text only where linking may read it: an article with towns or regions
        spotted = [
            pk
            for pk, found in places.items()
            if any(x.feature != "country" and x.lat is not None and x.lon is not None
                   for x in found)
        ]  # fmt: skip
        texts = dict(
            conn.execute(select(a.c.pk, a.c.text).where(a.c.pk.in_(spotted))).all()
            if spotted
            else []
        )
        evidence: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for event, start, end, text in conn.execute(
            select(v.c.event_pk, v.c.start, v.c.end, v.c.text)
            .where(v.c.article_pk.in_(pks))
            .order_by(v.c.article_pk, v.c.pk)
        ).all():  # fmt: skip
            evidence[event].append((start, end, text))
        events = conn.execute(
            select(e.c.pk, e.c.article_pk, e.c.local_id, e.c.type, e.c.status, e.c.date,
                   e.c.day, e.c.date_precision, e.c.location, _as_text(e.c.source),
                   _as_text(e.c.target), e.c.intensity, e.c.quad)
            .where(e.c.article_pk.in_(pks))
            .order_by(e.c.article_pk, e.c.pk)
        ).all()  # fmt: skip
    # the JSON lists as text, decoded here in one call: the type's own decoding per value
    # took as long as reading the events
    lists = json.loads(
        "[" + ",".join(x if x is not None else "null" for r in events for x in (r[9], r[10])) + "]"
    )
    by_article: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for n, r in enumerate(events):
        by_article[r[1]].append((*r, lists[2 * n], lists[2 * n + 1]))
    for pk, article_id, published, title, outlet in sorted(articles, key=lambda r: r[0]):
        mine = by_article.get(pk)
        if not mine:  # (an article of a window has events)
            continue
        yield pk, *_link_article(
            (article_id, published, title, outlet, texts.get(pk, "")),
            actors.get(pk, []), places.get(pk, []), mine, evidence,
        )  # fmt: skip


def _link_article(
    article: tuple[str, str | None, str | None, str | None, str],
    actors: list[tuple[str, str, str | None]],
    places: list[Place],
    rows: list[tuple[Any, ...]],
    evidence: dict[int, list[tuple[int, int, str]]],
) -> tuple[LinkArticle, dict[int, dict[str, Any]]]:
    """One article's `LinkArticle` and light event dicts from its rows."""
    article_id, published, title, outlet, text = article
    # the light dicts take each id's last actor and place (as the records' lookups by id
    # did), linking its first (as `Document.actor` does): the same unless an id repeats
    last = {local: (name, country) for local, name, country in actors}
    first = last
    if len(last) < len(actors):
        first = {}
        for local, name, country in actors:
            first.setdefault(local, (name, country))
    last_place = {pl.id: pl for pl in places}
    first_place = last_place
    if len(last_place) < len(places):
        first_place = {}
        for pl in places:
            first_place.setdefault(pl.id, pl)
    events: dict[int, dict[str, Any]] = {}
    parts: dict[int, LinkParts] = {}
    for (key, _, local, kind, status, date, day, precision, location, _, _, intensity, quad,
         source, target) in rows:  # fmt: skip
        spans = evidence.get(key, [])
        place = last_place.get(location) if location else None
        sources = [x for i in source or () if (x := last.get(i))]
        targets = [x for i in target or () if (x := last.get(i))]
        events[key] = {
            "article_id": article_id, "event_id": local, "type": kind, "status": status,
            "date": date, "day": day, "quad": quad, "intensity": intensity,
            "source": [{"name": name, "country": country} for name, country in sources],
            "target": [{"name": name, "country": country} for name, country in targets],
            "location": None if place is None else {
                "name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon,
            },
            "evidence": [{"start": s, "end": t, "text": w} for s, t, w in spans],
            "outlet": outlet, "title": title, "published": published,
        }  # fmt: skip
        if first is not last:
            sources = [x for i in source or () if (x := first.get(i))]
            targets = [x for i in target or () if (x := first.get(i))]
        parts[key] = LinkParts(
            precision,
            sources,
            targets,
            place if first_place is last_place and location else first_place.get(location),
            spans,
        )
    info = LinkArticle(id=article_id, outlet=outlet, published=published, text=text,
                       places=places, parts=parts)  # fmt: skip
    return info, events


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
                # storage order within each article (all that grouping needs): SQLite reads
                # that off the article index, where ordering by key alone scanned a table
                .order_by(table.c.article_pk, table.c.pk)
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
