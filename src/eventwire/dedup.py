"""Cross-article deduplication: the same real-world event reported many times counts once.

Events from different articles are linked into one story-level event when they are
compatible on every axis below; links are then closed transitively (union-find), so a story
holds every article and outlet that reported it. The method (docs/dedup.md):

1. **Blocking.** Only events of the same PLOVER type whose source and target countries agree
   are compared ("Israel -> Iran ASSAULT" never meets "Iran -> Israel ASSAULT").
2. **Dates.** The two event dates, each widened to its precision (a day, an ISO week, a
   month; the article's reporting frame counts as `frame_days` back from publication), must
   come within `max_days` of each other. Events without a date cannot link.
3. **Places.** When both events have a location, they must be in the same country. And when
   both events' sentences name towns or regions with coordinates, at least one of each must
   lie within `max_km` of one of the other's ("near Latakia" is not "around Aleppo").
4. **Evidence.** The words of the two events' evidence and actor names must overlap: a
   Jaccard similarity of content words of at least `min_similarity`.
5. **Status.** A negated event never links with an occurred one; future and hypothetical
   events link only with each other.

Linking is not transitive without limit: an event joins a story only if its dates are
compatible with every event already in it, so a chain of day-apart reports cannot stretch one
story over weeks. Two events of one article never link: the events stage has already merged
repeats within an article. Every threshold is a field of `DedupConfig`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .lexicon import lexicon_cache, words
from .record import Actor, Document, Place
from .vocabulary import UNREAL_STATUSES

__all__ = ["DedupConfig", "EventRef", "Story", "event_ref", "event_refs", "link_events"]

_WORD = re.compile(r"[a-z][a-z'-]+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}.*")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_STOP = words("evidence_stop_word")


@dataclass(frozen=True)
class DedupConfig:
    """The thresholds of the method; the defaults are the ones `benchmarks/dedup.py` reports."""

    max_days: int = 2
    frame_days: int = 2
    max_km: float = 100.0
    min_similarity: float = 0.15


@dataclass(frozen=True, slots=True)
class EventRef:
    """One event of one article, with what linking needs."""

    article_id: str
    event_id: str
    outlet: str | None
    type: str
    source_countries: tuple[str, ...]
    target_countries: tuple[str, ...]
    status: str
    first_day: dt.date | None
    last_day: dt.date | None
    country: str | None
    lat: float | None
    lon: float | None
    words: frozenset[str]
    spots: tuple[tuple[float, float], ...] = ()  # towns and regions named in its sentence


@dataclass
class Story:
    """A story-level event: the events of several articles that report one real event."""

    id: str
    type: str
    dyad: tuple[tuple[str, ...], tuple[str, ...]]
    events: list[tuple[str, str]] = field(default_factory=list)  # (article id, event id)
    outlets: list[str] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({a for a, _ in self.events})


def event_refs(doc: Document, *, config: DedupConfig | None = None) -> list[EventRef]:
    """The linking view of each event of a coded article."""
    config = config or DedupConfig()
    # each id's first actor and place, as `Document.actor` finds it: looked up once per article
    actors: dict[str, Actor] = {}
    for a in doc.actors:
        actors.setdefault(a.id, a)
    places: dict[str, Place] = {}
    for p in doc.places:
        places.setdefault(p.id, p)
    refs = []
    for event in doc.events:
        place = places.get(event.location) if event.location is not None else None
        refs.append(
            event_ref(
                article_id=doc.article.id,
                outlet=doc.article.outlet,
                published=doc.article.published,
                event_id=event.id,
                type=event.type,
                status=event.status,
                date=event.date,
                date_precision=event.date_precision,
                source=[(x.name, x.country) for i in event.source if (x := actors.get(i))],
                target=[(x.name, x.country) for i in event.target if (x := actors.get(i))],
                place=place,
                evidence=[(e.start, e.end, e.text) for e in event.evidence],
                text=doc.text,
                places=doc.places,
                config=config,
            )
        )
    return refs


def event_ref(
    *,
    article_id: str,
    outlet: str | None,
    published: str | None,
    event_id: str,
    type: str,
    status: str,
    date: str | None,
    date_precision: str | None,
    source: Sequence[tuple[str, str | None]],
    target: Sequence[tuple[str, str | None]],
    place: Place | None,
    evidence: Sequence[tuple[int, int, str]],
    text: str,
    places: Sequence[Place],
    config: DedupConfig,
) -> EventRef:
    """The linking view of one event from its parts: `source` and `target` are its actors'
    (name, country), `place` its location, `evidence` its spans (start, end, text), `text`
    and `places` its article's (the text is read only where a place is a town or region
    with coordinates). `event_refs` and the monitor's bulk reads (which build no records)
    both make their views here."""
    first, last = _date_range(date, date_precision, published, config.frame_days)
    return EventRef(
        article_id=article_id,
        event_id=event_id,
        outlet=outlet,
        type=type,
        source_countries=_countries(source),
        target_countries=_countries(target),
        status=status,
        first_day=first,
        last_day=last,
        country=place.country if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        words=_words(evidence, source, target),
        spots=_spots(text, places, evidence),
    )


def link_events(refs: Iterable[EventRef], *, config: DedupConfig | None = None) -> list[Story]:
    """Stories of two or more linked events, plus one story per unlinked event."""
    config = config or DedupConfig()
    items = list(refs)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[int]] = defaultdict(list)
    for i, ref in enumerate(items):
        blocks[(ref.type, ref.source_countries, ref.target_countries)].append(i)
    # each story's members by its root; a root not in it is a story of one (most are)
    members_of: dict[int, list[int]] = {}
    for members in blocks.values():
        if len(members) == 1:
            continue
        members.sort(key=lambda i: items[i].first_day or dt.date.min)
        for a_pos, a in enumerate(members):
            last_a = items[a].last_day
            for b_pos in range(a_pos + 1, len(members)):
                b = members[b_pos]
                first_b = items[b].first_day
                if first_b and last_a and (first_b - last_a).days > config.max_days:
                    break  # sorted by date: nothing later can link with `a`
                ra, rb = find(a), find(b)
                if ra == rb or not compatible(items[a], items[b], config=config):
                    continue
                # complete linkage on dates: every pair of the merged story stays compatible
                in_a, in_b = members_of.get(ra) or [ra], members_of.get(rb) or [rb]
                merged = in_a + in_b
                if _date_span(items, merged) > config.max_days:
                    continue
                if any(items[i].article_id == items[j].article_id for i in in_a for j in in_b):
                    continue  # two events of one article are two events
                parent[ra] = rb
                members_of[rb] = merged
                members_of.pop(ra, None)
    # by root, in the order of each story's first event (a root is first met at its lowest
    # member): the stories are numbered in that order
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        root = find(i)
        if root in groups:
            groups[root].append(i)
        else:
            groups[root] = [i]
    stories = []
    for n, members in enumerate(groups.values(), start=1):
        first = items[members[0]]
        outlets: list[str] = []
        for i in members:
            outlet = items[i].outlet
            if outlet and outlet not in outlets:
                outlets.append(outlet)
        stories.append(
            Story(
                id=f"S{n}",
                type=first.type,
                dyad=(first.source_countries, first.target_countries),
                events=[(items[i].article_id, items[i].event_id) for i in members],
                outlets=outlets,
            )
        )
    return stories


def compatible(a: EventRef, b: EventRef, *, config: DedupConfig) -> bool:
    """Whether two events may be the same real-world event (see the module's method)."""
    if a.article_id == b.article_id:
        return False
    if (a.type, a.source_countries, a.target_countries) != (
        b.type,
        b.source_countries,
        b.target_countries,
    ):
        return False
    if _status_class(a.status) != _status_class(b.status):
        return False
    if not (a.first_day and a.last_day and b.first_day and b.last_day):
        return False
    gap = max((b.first_day - a.last_day).days, (a.first_day - b.last_day).days, 0)
    if gap > config.max_days:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if (
        a.lat is not None
        and a.lon is not None
        and b.lat is not None
        and b.lon is not None
        and _km(a.lat, a.lon, b.lat, b.lon) > config.max_km
    ):
        return False
    if (
        a.spots
        and b.spots
        and not any(_km(p[0], p[1], q[0], q[1]) <= config.max_km for p in a.spots for q in b.spots)
    ):
        return False
    return _jaccard(a.words, b.words) >= config.min_similarity


def _date_span(items: list[EventRef], members: list[int]) -> int:
    """How many days apart a story's events must be at least: the latest first possible day
    minus the earliest last possible day (0 when all their date ranges overlap)."""
    starts = [d for i in members if (d := items[i].first_day) is not None]
    ends = [d for i in members if (d := items[i].last_day) is not None]
    if not starts or not ends:
        return 0
    return max(0, (max(starts) - min(ends)).days)


def _spots(
    text: str, places: Sequence[Place], evidence: Sequence[tuple[int, int, str]]
) -> tuple[tuple[float, float], ...]:
    """Coordinates of the towns and regions named in the sentences of an event's evidence."""
    # only towns and regions with coordinates count: an article without any needs no text
    spots = [
        p for p in places if p.feature != "country" and p.lat is not None and p.lon is not None
    ]
    if not spots or not evidence:
        return ()
    found = []
    for ev_start, ev_end, _ in evidence:
        start, end = _sentence_bounds(text, ev_start, ev_end)
        for place in spots:
            if start <= place.start < end:
                assert place.lat is not None and place.lon is not None
                found.append((place.lat, place.lon))
    return tuple(sorted(set(found)))


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return left + 1, (min(right_candidates) if right_candidates else len(text))


def _status_class(status: str) -> str:
    # unlike monitor.stories.status_class, a status outside the vocabulary counts as real here
    if status in UNREAL_STATUSES:
        return "unreal"
    return "negated" if status == "negated" else "real"


def _countries(actors: Sequence[tuple[str, str | None]]) -> tuple[str, ...]:
    if len(actors) == 1:  # most events: one actor a side
        name, country = actors[0]
        return (country or f"?{name.lower()}",)
    return tuple(sorted({country or f"?{name.lower()}" for name, country in actors}))


@lexicon_cache
def _stop_words() -> frozenset[str]:
    """The stop words as a plain set (a test per word of every event of a window)."""
    return frozenset(_STOP)


def _words(
    evidence: Sequence[tuple[int, int, str]],
    source: Sequence[tuple[str, str | None]],
    target: Sequence[tuple[str, str | None]],
) -> frozenset[str]:
    text = evidence[0][2] if len(evidence) == 1 else " ".join([e[2] for e in evidence])
    names = " ".join([name for name, _ in source] + [name for name, _ in target])
    return frozenset(_WORD.findall(f"{text} {names}".lower())).difference(_stop_words())


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _date_range(
    value: str | None, precision: str | None, published: str | None, frame_days: int
) -> tuple[dt.date | None, dt.date | None]:
    """The days an event's date may denote, widened to its precision (kept per value: the
    events of a window share a few hundred dates); `published` is the article's date."""
    value = value or ""
    if _DAY.fullmatch(value):
        day = _parse_day(value)
        if precision == "frame" and day is not None:
            # the article's date stands in: the event happened on it or shortly before
            return day - dt.timedelta(days=frame_days), day
        return day, day
    if match := _WEEK.fullmatch(value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return monday, monday + dt.timedelta(days=6)
    if match := _MONTH.fullmatch(value):
        start = dt.date(int(match[1]), int(match[2]), 1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return start, end
    if value == "FUTURE_REF" and (day := _parse_day(published)) is not None:
        return day, day + dt.timedelta(days=30)
    return None, None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))
