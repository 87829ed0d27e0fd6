"""What the watcher remembers, in three tables of the store's own database.

- `feed_state`: per feed, the validators of the last answer (ETag, Last-Modified), when it
  was polled and is next due, consecutive errors (for backoff), the last status and error.
- `feed_items`: per article URL seen in a feed, what became of it (`coded`, `duplicate` of a
  text already stored, `retry` after a transient failure, `failed`), the text hash and the
  author. A restart reads this and fetches none of them again.
- `feed_failures`: the failures log (feed down, page blocked, extraction empty, not English,
  too large, redirect loop, timeout, ...), shown by `eventwire sources check` and `/feeds`.

The tables are defined with the store's models (`eventwire.store.models`) and created by its
migrations (revision 0003); they belong to the feed reader, not to the eventwire/1 record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import (
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from ..store import Store, StoreError
from ..store.core import content_hash
from ..store.models import (
    FEED_FAILURES_TABLE,
    FEED_ITEMS_TABLE,
    FEED_STATE_TABLE,
    ArticleRow,
)

__all__ = [
    "ITEM_STATUSES",
    "FeedState",
    "FeedStatus",
    "ItemState",
    "article_id_for",
    "canonical_url",
    "url_key",
]

ITEM_STATUSES = ("coded", "duplicate", "retry", "failed")

feeds_table = FEED_STATE_TABLE
items_table = FEED_ITEMS_TABLE
failures_table = FEED_FAILURES_TABLE

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def canonical_url(url: str) -> str:
    """`url` without its fragment and tracking parameters, scheme and host lower-cased."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if not k.lower().startswith(_TRACKING)]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )


def url_key(url: str) -> str:
    """The SHA-256 of the canonical form of `url`: what finds an item again."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()


def article_id_for(url: str) -> str:
    """The store id of the article at `url`: stable across restarts and text edits."""
    return "url:" + url_key(url)[:16]


@dataclass(frozen=True, kw_only=True)
class FeedStatus:
    """One feed's row of `feed_state`."""

    feed: str
    outlet: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: float | None = None
    next_poll: float | None = None
    errors_in_row: int = 0
    status: str | None = None
    error: str | None = None
    items: int | None = None
    newest: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True, kw_only=True)
class ItemState:
    """One article URL's row of `feed_items`."""

    url: str
    outlet: str
    feed: str
    status: str
    article_id: str | None = None
    content_hash: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    attempts: int = 0
    next_try: float | None = None
    kind: str | None = None
    message: str | None = None


class FeedState:
    """The feed reader's memory in `store`'s database (tables made by the store's migrations)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _run(self, statement: Any) -> Any:
        try:
            with self.store.engine.begin() as conn:
                return conn.execute(statement)
        except SQLAlchemyError as e:
            raise StoreError(f"feed state: {e}") from e

    def _rows(self, statement: Any) -> list[dict[str, Any]]:
        try:
            with self.store.engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(statement)]
        except SQLAlchemyError as e:
            raise StoreError(f"feed state: {e}") from e

    # -- feeds ------------------------------------------------------------------------------

    def feed(self, feed: str, *, outlet: str) -> FeedStatus:
        """The state of `feed` (a fresh one when never polled)."""
        rows = self._rows(select(feeds_table).where(feeds_table.c.feed == feed))
        return FeedStatus(**rows[0]) if rows else FeedStatus(feed=feed, outlet=outlet)

    def feeds(self) -> list[FeedStatus]:
        return [FeedStatus(**r) for r in self._rows(select(feeds_table).order_by("outlet"))]

    def save_feed(self, status: FeedStatus) -> None:
        values = status.to_dict()
        done = self._run(
            update(feeds_table).where(feeds_table.c.feed == status.feed).values(**values)
        )
        if done.rowcount == 0:
            self._run(insert(feeds_table).values(**values))

    # -- items ------------------------------------------------------------------------------

    def item(self, url: str) -> ItemState | None:
        rows = self._rows(select(items_table).where(items_table.c.key == url_key(url)))
        return _item(rows[0]) if rows else None

    def known_urls(self, urls: list[str]) -> dict[str, ItemState]:
        """The states of those of `urls` already seen, by `url_key`."""
        keys = sorted({url_key(u) for u in urls})
        found: dict[str, ItemState] = {}
        for i in range(0, len(keys), 500):
            query = select(items_table).where(items_table.c.key.in_(keys[i : i + 500]))
            found.update({r["key"]: _item(r) for r in self._rows(query)})
        return found

    def due_retries(self, feed: str, *, now: float) -> list[ItemState]:
        """Items of `feed` whose transient failure is due to be tried again."""
        query = select(items_table).where(
            items_table.c.feed == feed,
            items_table.c.status == "retry",
            items_table.c.next_try <= now,
        )
        return [_item(r) for r in self._rows(query)]

    def save_item(self, item: ItemState) -> None:
        if item.status not in ITEM_STATUSES:
            raise ValueError(f"unknown item status {item.status!r}")
        now = _now()
        values = {**item.__dict__, "key": url_key(item.url), "updated_at": now}
        done = self._run(
            update(items_table).where(items_table.c.key == values["key"]).values(**values)
        )
        if done.rowcount == 0:
            self._run(insert(items_table).values(**values, seen_at=now))

    def items(self, *, outlet: str | None = None, limit: int = 100) -> list[ItemState]:
        query = select(items_table).order_by(items_table.c.updated_at.desc()).limit(limit)
        if outlet:
            query = query.where(items_table.c.outlet == outlet)
        return [_item(r) for r in self._rows(query)]

    def known_text(self, text: str) -> str | None:
        """The id of an article with this text: stored, or coded from another feed item."""
        digest = content_hash(text)
        stored = self._rows(select(ArticleRow.article_id).where(ArticleRow.content_hash == digest))
        if stored:
            return str(stored[0]["article_id"])
        seen = self._rows(
            select(items_table.c.article_id).where(
                items_table.c.content_hash == digest, items_table.c.status == "coded"
            )
        )
        return str(seen[0]["article_id"]) if seen else None

    # -- failures ---------------------------------------------------------------------------

    def add_failure(self, *, outlet: str, feed: str, url: str, kind: str, message: str) -> None:
        self._run(
            insert(failures_table).values(
                at=_now(), outlet=outlet, feed=feed, url=url, kind=kind, message=message
            )
        )

    def failures(self, *, outlet: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """The latest failures, newest first."""
        query = select(failures_table).order_by(failures_table.c.pk.desc()).limit(limit)
        if outlet:
            query = query.where(failures_table.c.outlet == outlet)
        rows = self._rows(query)
        for row in rows:
            row["at"] = row["at"].isoformat(timespec="seconds")
            del row["pk"]
        return rows

    def forget_feed(self, feed: str) -> None:
        """Drop a feed's state (not its items: what was coded stays known)."""
        self._run(delete(feeds_table).where(feeds_table.c.feed == feed))


def _item(row: dict[str, Any]) -> ItemState:
    return ItemState(**{k: v for k, v in row.items() if k not in ("key", "seen_at", "updated_at")})


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
