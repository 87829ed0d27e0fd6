"""Analysts' corrections of coded events: flag an event as wrong, or fix its type, actors,
status or date, with an optional note.

A correction is a row of its own (`corrections`), keyed by the article's id and the event's
id, with the coder's values at the time (`original`): the coder's output is never
overwritten, and re-coding or re-ingesting the article keeps the corrections. An event may be
corrected several times; the latest correction is the one in force (the others are its
history). Exports apply the one in force (`apply`), and `gold_articles` turns the corrected
articles into gold articles for `eventwire eval` (docs/gold-format.md): the analysts' verdict
measures the coder.

Errors: a value that is not a PLOVER type, a status or a date, or a correction that changes
nothing, is a `CorrectionError` (an `InputError`); an unknown article or event is a
`NotFoundError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, insert, select
from sqlalchemy.orm import Session

from ..errors import InputError
from ..readers.text import is_iso_date
from ..record import PLOVER_TYPES, STATUSES
from .core import Store
from .errors import NotFoundError
from .models import CORRECTIONS_TABLE, ActorRow, ArticleRow, EventRow

__all__ = [
    "FIELDS",
    "FLAGS",
    "Correction",
    "CorrectionError",
    "add_correction",
    "apply",
    "corrections_in_force",
    "gold_articles",
    "list_corrections",
]

FLAGS: tuple[str, ...] = ("fix", "wrong")  # fix some fields, or: the event should not exist
FIELDS: tuple[str, ...] = ("type", "source", "target", "status", "date")
_T = CORRECTIONS_TABLE


class CorrectionError(InputError):
    """A correction that cannot be stored as given."""

    kind = "correction"


@dataclass(frozen=True, kw_only=True)
class Correction:
    """One analyst's correction of one event; `None` fields are left as coded.

    `source` and `target` are actors as {"name", "country"} (the country of the article's
    actor of that name, else None); `original` holds the coder's values of `FIELDS`.
    """

    article_id: str
    event_id: str
    flag: str = "fix"
    type: str | None = None
    source: tuple[dict[str, Any], ...] | None = None
    target: tuple[dict[str, Any], ...] | None = None
    status: str | None = None
    date: str | None = None
    note: str | None = None
    original: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    created_at: str | None = None

    def changes(self) -> dict[str, Any]:
        """The corrected fields and their new values."""
        return {f: getattr(self, f) for f in FIELDS if getattr(self, f) is not None}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "article_id": self.article_id, "event_id": self.event_id,
            "flag": self.flag, "type": self.type,
            "source": None if self.source is None else list(self.source),
            "target": None if self.target is None else list(self.target),
            "status": self.status, "date": self.date, "note": self.note,
            "original": self.original, "created_at": self.created_at,
        }  # fmt: skip


def add_correction(
    store: Store,
    *,
    article_id: str,
    event_id: str,
    flag: str = "fix",
    type: str | None = None,
    source: Iterable[str] | None = None,
    target: Iterable[str] | None = None,
    status: str | None = None,
    date: str | None = None,
    note: str | None = None,
) -> Correction:
    """Store one correction of a stored event; returns it with its id and original values."""
    if flag not in FLAGS:
        raise CorrectionError(f"flag must be one of {', '.join(FLAGS)}, not {flag!r}")
    if type is not None and type.upper() not in PLOVER_TYPES:
        raise CorrectionError(f"{type!r} is not a PLOVER type")
    if status is not None and status.lower() not in STATUSES:
        raise CorrectionError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    if date is not None and not _is_date(date):
        raise CorrectionError(f"date must be YYYY-MM-DD, YYYY-MM or YYYY, not {date!r}")
    note = (note or "").strip() or None
    with Session(store.engine) as s, s.begin():
        original, actors = _original(s, article_id, event_id)
        row = {
            "article_id": article_id, "event_id": event_id, "flag": flag,
            "type": type.upper() if type else None,
            "source": None if source is None else _actors(source, actors),
            "target": None if target is None else _actors(target, actors),
            "status": status.lower() if status else None, "date": date or None, "note": note,
            "original": original, "created_at": datetime.now(UTC).replace(tzinfo=None),
        }  # fmt: skip
        if flag == "fix" and not any(row[f] is not None for f in FIELDS):
            raise CorrectionError("a fix must change the type, actors, status or date")
        result: Any = s.execute(insert(_T).values(**row))
        pk = result.inserted_primary_key[0]
    return _correction({**row, "id": pk})


def list_corrections(store: Store, *, article_id: str | None = None) -> list[Correction]:
    """Every correction (of one article), oldest first: the history."""
    query = select(_T).order_by(_T.c.id)
    if article_id is not None:
        query = query.where(_T.c.article_id == article_id)
    with store.engine.connect() as conn:
        return [_correction(dict(r._mapping)) for r in conn.execute(query)]


def corrections_in_force(
    store: Store, *, article_id: str | None = None
) -> dict[tuple[str, str], Correction]:
    """The latest correction of each corrected event, by (article id, event id)."""
    return {(c.article_id, c.event_id): c for c in list_corrections(store, article_id=article_id)}


def apply(event: dict[str, Any], correction: Correction | None) -> dict[str, Any]:
    """An event dict (as `Store.events` returns it) with a correction in force applied, and
    `corrected` ("", "fix" or "wrong"), `original` and `correction_note` added."""
    if correction is None:
        return {**event, "corrected": "", "original": None, "correction_note": None}
    out = dict(event)
    for key, value in correction.changes().items():
        if key in ("source", "target"):
            out[key] = [{"name": a["name"], "country": a["country"], "sector": None,
                         "wikidata": None} for a in value]  # fmt: skip
        else:
            out[key] = value
    if correction.date and is_iso_date(correction.date):
        out["day"] = correction.date
    return {**out, "corrected": correction.flag, "original": correction.original,
            "correction_note": correction.note}  # fmt: skip


def gold_articles(store: Store) -> Iterator[dict[str, Any]]:
    """The corrected articles as gold articles (`eventwire eval` format): every event of the
    article as the analysts left it (fixes applied, events flagged wrong left out, the
    others as coded), for articles with at least one correction."""
    in_force = corrections_in_force(store)
    for article_id in sorted({a for a, _ in in_force}):
        try:
            doc = store.document(article_id)
        except NotFoundError:
            continue  # the article was deleted: its corrections have nothing to score
        names = {a.id: a.name for a in doc.actors}
        events = []
        for e in doc.events:
            fix = in_force.get((article_id, e.id))
            if fix is not None and fix.flag == "wrong":
                continue
            gold: dict[str, Any] = {
                "type": e.type,
                "source": [names[i] for i in e.source if i in names],
                "target": [names[i] for i in e.target if i in names],
                "status": e.status,
            }
            if e.date:
                gold["date"] = e.date
            if fix is not None:
                for key, value in fix.changes().items():
                    gold[key] = [a["name"] for a in value] if key in ("source", "target") else value
            events.append(gold)
        yield {"id": doc.article.id, "published": doc.article.published, "text": doc.text,
               "events": events}  # fmt: skip


# -- helpers --------------------------------------------------------------------------------


def _is_date(value: str) -> bool:
    return is_iso_date(value) or (
        len(value) in (4, 7) and is_iso_date(value + ("-01-01" if len(value) == 4 else "-01"))
    )


def _original(s: Session, article_id: str, event_id: str) -> tuple[dict[str, Any], dict]:
    """The event's coded values of FIELDS, and its article's actors by local id."""
    found = s.execute(
        select(EventRow, ArticleRow.pk)
        .join(ArticleRow, ArticleRow.pk == EventRow.article_pk)
        .where(and_(ArticleRow.article_id == article_id, EventRow.local_id == event_id))
    ).first()
    if found is None:
        raise NotFoundError(f"no event {event_id!r} in article {article_id!r}")
    event = found[0]
    actors = {
        a.local_id: {"name": a.name, "country": a.country}
        for a in s.scalars(select(ActorRow).where(ActorRow.article_pk == found[1]))
    }
    original = {
        "type": event.type,
        "source": [actors[i] for i in event.source or [] if i in actors],
        "target": [actors[i] for i in event.target or [] if i in actors],
        "status": event.status,
        "date": event.date,
    }
    return original, actors


def _actors(names: Iterable[str], actors: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Actors by name: the article's actor of that name (with its country), else the name."""
    by_name = {a["name"].casefold(): a for a in actors.values()}
    out = []
    for name in names:
        name = " ".join(name.split())
        if name:
            out.append(by_name.get(name.casefold(), {"name": name, "country": None}))
    return out


def _correction(row: dict[str, Any]) -> Correction:
    created = row["created_at"]

    def side(value: Any) -> tuple[dict[str, Any], ...] | None:
        if value is None:
            return None
        return tuple(json.loads(value) if isinstance(value, str) else value)

    return Correction(
        id=row["id"], article_id=row["article_id"], event_id=row["event_id"], flag=row["flag"],
        type=row["type"], source=side(row["source"]), target=side(row["target"]),
        status=row["status"], date=row["date"], note=row["note"],
        original=row["original"] if isinstance(row["original"], dict)
        else json.loads(row["original"]),
        created_at=created.isoformat(timespec="seconds") if created else None,
    )  # fmt: skip
