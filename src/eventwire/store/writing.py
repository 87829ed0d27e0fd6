"""Writing articles: `Store.put` stores one coded article in one transaction (the same id
or text updates it in place, replacing its parts) and `Store.delete` removes one."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from .. import __version__
from ..record import Actor, Document, Event
from .engine import StoreBase, brief, now
from .errors import NotFoundError, StoreError, WriteError
from .identity import actor_identity
from .models import (
    ActorRow,
    ArticleRow,
    DyadRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    PlaceRow,
    QuoteRow,
    TimeRow,
)
from .validate import check_rows, describe

__all__ = [
    "CHILD_TABLES",
    "Writes",
    "content_hash",
]

# Child tables in the order they are cleared (children of children first).
_CHILDREN = (DyadRow, EventActorRow, EvidenceRow, EventRow, MentionRow, ActorRow, QuoteRow)
CHILD_TABLES = (*_CHILDREN, TimeRow, PlaceRow)
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def content_hash(text_: str) -> str:
    """The hash that finds an article again when its id changed (full SHA-256 of the text)."""
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


class Writes(StoreBase):
    """Writing: one transaction per article, found again by its id or its text."""

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


def _write_error(doc: Document, e: SQLAlchemyError) -> WriteError:
    return WriteError(f"cannot store article {describe(doc.article.id)}: {brief(e)}")


def _clear_children(s: Session, article_pk: int) -> None:
    for table in CHILD_TABLES:
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
    row.coded_at = now()
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
