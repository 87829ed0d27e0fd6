"""Story-level events: the stored events of a date window, deduplicated across articles.

Monitoring counts what happened, not how often it was reported: the events of the window are
linked with `eventwire.dedup.link_events` (same type, countries, status class, nearby dates,
places and wording) and each story counts once. Events a little outside the window are read
too, so that a story reported on both sides of a window edge is still one story; a story
belongs to the day of its earliest report.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..dedup import DedupConfig, EventRef, event_ref, link_events
from ..store import Filters, Store
from ..store.bulk import LinkArticle, data_version, light_articles, window_articles
from ..vocabulary import REAL_STATUSES, UNREAL_STATUSES

__all__ = ["REAL", "UNREAL", "StoryEvent", "load_stories", "no_cyclic_gc", "status_class"]

REAL = frozenset(REAL_STATUSES)
_CACHE_SIZE = 4  # windows kept per store
_CACHE: weakref.WeakKeyDictionary[Store, dict[tuple[Any, ...], tuple[Any, list[StoryEvent]]]] = (
    weakref.WeakKeyDictionary()
)
UNREAL = frozenset(UNREAL_STATUSES)
_ARTICLES_KEPT = 20_000  # articles read for linking kept per store (a few windows' worth)


class _Articles:
    """What linking reads of each article, kept by (article row, coding time, config): a
    window seen before, an overlapping one, or the same window after an ingest reads and
    prepares only the articles not seen as they are now (a re-coded article has a new
    coding time, so it is read again)."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[Any, ...], _Article] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> _Article | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: tuple[Any, ...], item: _Article) -> None:
        with self._lock:
            self._items[key] = item
            while len(self._items) > _ARTICLES_KEPT:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


#: One article's: id, and each event (by row key, in storage order) as a light event dict
#: with its linking view.
_Article = tuple[str, dict[int, tuple[dict[str, Any], EventRef]]]
_ARTICLES: weakref.WeakKeyDictionary[Store, _Articles] = weakref.WeakKeyDictionary()


def status_class(status: str) -> str:
    """real (occurred, ongoing), unreal (future, hypothetical) or negated."""
    if status in REAL:
        return "real"
    return "unreal" if status in UNREAL else "negated"


@dataclass(slots=True)  # (no attribute dict: thousands are kept per window)
class StoryEvent:
    """One real-world event: every stored report of it, with what monitoring needs."""

    id: str
    type: str
    quad: int
    status: str  # real, unreal or negated
    day: str  # YYYY-MM-DD of its earliest report
    intensity: float  # mean of its reports'
    sources: tuple[tuple[str, str | None], ...]  # (name, country)
    targets: tuple[tuple[str, str | None], ...]
    places: tuple[str, ...]  # countries of its reports' locations
    reports: list[dict[str, Any]] = field(default_factory=list)  # the stored events

    @property
    def outlets(self) -> list[str]:
        return sorted({r["outlet"] for r in self.reports if r.get("outlet")})

    @property
    def articles(self) -> list[str]:
        return sorted({r["article_id"] for r in self.reports})

    def evidence(self) -> list[dict[str, Any]]:
        """Each report's article, event id, day, outlet and first evidence text."""
        return [
            {
                "article_id": r["article_id"],
                "event_id": r["event_id"],
                "day": r["day"],
                "outlet": r.get("outlet"),
                "title": r.get("title"),
                "status": r["status"],
                "evidence": r["evidence"][0]["text"] if r.get("evidence") else "",
            }
            for r in self.reports
        ]


def load_stories(
    store: Store,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    types: Iterable[str] = (),
    config: DedupConfig | None = None,
) -> list[StoryEvent]:
    """The story-level events whose day lies in [date_from, date_to] (inclusive), by day.

    The last few answers per store are kept while the store's events stay the same: an
    analyst who changes the selection, period or series of one window links it once."""
    config = config or DedupConfig()
    key = (date_from, date_to, tuple(types), config)
    version = data_version(store)
    cached = _CACHE.setdefault(store, {})
    if key in cached and cached[key][0] == version:
        return list(cached[key][1])
    with no_cyclic_gc():
        stories = _load(store, date_from=date_from, date_to=date_to, types=types, config=config)
    if len(cached) >= _CACHE_SIZE:
        cached.pop(next(iter(cached)))
    cached[key] = (version, stories)
    return list(stories)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector while tens of thousands of small acyclic objects are made:
    its passes over them took half the time of a window's load (reference counting still
    frees everything as usual)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _load(
    store: Store,
    *,
    date_from: str | None,
    date_to: str | None,
    types: Iterable[str],
    config: DedupConfig,
) -> list[StoryEvent]:
    margin = dt.timedelta(days=config.max_days + config.frame_days)
    wide = Filters(
        date_from=_shift(date_from, -margin),
        date_to=_shift(date_to, margin),
        type=tuple(t.upper() for t in types),
    )
    # each article's record is read once (bulk reads), or not at all when it is kept as it is
    found = window_articles(store, wide)
    kept = _ARTICLES.setdefault(store, _Articles())
    articles: dict[int, _Article] = {}
    for pk, (coded_at, _) in found.items():
        if (item := kept.get((pk, coded_at, config))) is not None:
            articles[pk] = item
    for pk, article, events in light_articles(store, [pk for pk in found if pk not in articles]):
        by_id = _link_views(article, events, config=config)
        articles[pk] = (article.id, {k: (e, by_id[e["event_id"]]) for k, e in events.items()})
        kept.put((pk, found[pk][0], config), articles[pk])
    # by article id, each article's events of the window in storage order, as linked before
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    refs: list[EventRef] = []
    for pk in sorted(articles, key=lambda pk: articles[pk][0]):
        wanted = found[pk][1]
        for key, (event, ref) in articles[pk][1].items():
            if key in wanted and event["day"]:
                rows[event["article_id"], event["event_id"]] = event
                refs.append(ref)
    stories = []
    for story in link_events(refs, config=config):
        if len(story.events) == 1:  # most stories: nothing to sort
            reports = [rows[story.events[0]]]
        else:
            reports = sorted(
                (rows[k] for k in story.events), key=lambda r: (r["day"], r["article_id"])
            )
        made = _story(story.id, reports)
        if (date_from is None or made.day >= date_from) and (
            date_to is None or made.day <= date_to
        ):
            stories.append(made)
    stories.sort(key=lambda s: (s.day, s.id))
    return stories


def _link_views(
    article: LinkArticle, events: dict[int, dict[str, Any]], *, config: DedupConfig
) -> dict[str, EventRef]:
    """The linking view of each event of an article read by `light_articles`, by event id
    (the last of a repeated id), as `event_refs` makes them from the article's record."""
    return {
        e["event_id"]: event_ref(
            article_id=article.id, outlet=article.outlet, published=article.published,
            event_id=e["event_id"], type=e["type"], status=e["status"], date=e["date"],
            date_precision=(parts := article.parts[k]).date_precision, source=parts.source,
            target=parts.target, place=parts.place, evidence=parts.evidence, text=article.text,
            places=article.places, config=config,
        )
        for k, e in events.items()
    }  # fmt: skip


def _story(story_id: str, reports: list[dict[str, Any]]) -> StoryEvent:
    first = reports[0]
    if len(reports) == 1:  # most stories: one report, nothing to weigh
        status = status_class(first["status"])
        intensity = round(0 + float(first["intensity"]), 3)  # (as the sum below: 0 + -0.0)
    else:
        statuses = [status_class(r["status"]) for r in reports]
        status = max(set(statuses), key=statuses.count)  # linking keeps one class per story
        intensity = round(sum(float(r["intensity"]) for r in reports) / len(reports), 3)
    return StoryEvent(
        id=story_id,
        type=first["type"],
        quad=int(first["quad"]),
        status=status,
        day=first["day"],
        intensity=intensity,
        sources=_actors(reports, "source"),
        targets=_actors(reports, "target"),
        places=()
        if len(reports) == 1 and not first.get("location")  # most: no place
        else tuple(
            sorted({c for r in reports if r.get("location") and (c := r["location"]["country"])})
        ),
        reports=reports,
    )


def _actors(reports: list[dict[str, Any]], role: str) -> tuple[tuple[str, str | None], ...]:
    if len(reports) == 1 and len(found := reports[0][role]) == 1:  # most: one actor a side
        return ((found[0]["name"], found[0]["country"]),)
    seen: dict[str, tuple[str, str | None]] = {}
    for r in reports:
        for a in r[role]:
            seen.setdefault(a["name"].casefold(), (a["name"], a["country"]))
    return tuple(seen.values())


def _shift(day: str | None, delta: dt.timedelta) -> str | None:
    if day is None:
        return None
    try:
        return (dt.date.fromisoformat(day) + delta).isoformat()
    except OverflowError:  # the first or last representable day: nothing lies beyond it
        return day
