"""Record mapping: stored rows back to the `Document` the pipeline produced, and to the
JSON-ready dicts of event and article lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..record import Actor, Article, Document, Event, Evidence, Mention, Place, Quote, TimeRef
from .models import ActorRow, ArticleRow, EventRow, EvidenceRow, PlaceRow

__all__ = [
    "article_summary",
    "document_of",
    "event_dicts",
    "event_pairs",
]


def document_of(row: ArticleRow) -> Document:
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


def article_summary(r: ArticleRow) -> dict[str, Any]:
    return {
        "id": r.article_id, "published": r.published, "title": r.title, "outlet": r.outlet,
        "url": r.url, "events": r.n_events, "pipeline_version": r.pipeline_version,
        "snippet": r.text[:200],
    }  # fmt: skip


def event_pairs(s: Session, pks: Sequence[int]) -> list[tuple[Any, Any]]:
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


def event_dicts(s: Session, rows: Sequence[tuple[Any, Any]]) -> list[dict]:
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
