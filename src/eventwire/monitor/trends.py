"""Trends: story-level events per period (day, ISO week, month) for a selection.

A `Selection` picks stories by dyad, actor, countries (a country or a region) and type; each
of its terms matches an actor's name (case-insensitive) or its ISO alpha-3 country. A trend
row counts, per period (and optionally per dyad, actor or country), the real stories
(occurred, ongoing) per quad class and per type with their summed and mean intensity; future
and hypothetical stories are counted apart (`unreal`) and negated ones are left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..vocabulary import GROUPS, PERIODS, QUADS, REGIONS, Group, Period
from .stories import StoryEvent

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "DEFAULT_DAYS",
    "GROUPS",
    "PERIODS",
    "REGIONS",
    "Group",
    "Period",
    "Selection",
    "TrendRow",
    "default_window",
    "period_bounds",
    "period_key",
    "period_range",
    "resolve_countries",
    "trend_rows",
    "trends_csv",
]

MAX_PERIODS = 5000  # rows per group: ~13 years of days
DEFAULT_DAYS = 90  # the default window: the last 90 days of data, not every year stored


@dataclass(frozen=True, kw_only=True)
class Selection:
    """Which stories to count; empty fields do not select.

    `dyad` is (source, target), each a name or an ISO alpha-3 code; with `both_directions` the
    reverse direction counts too. `countries` match a source's, a target's or the location's
    country. `types` are PLOVER types, `quads` quad classes (1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict).
    """

    dyad: tuple[str, str] | None = None
    both_directions: bool = False
    actor: str | None = None
    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    quads: tuple[int, ...] = ()

    def matches(self, story: StoryEvent) -> bool:
        if self.types and story.type not in {t.upper() for t in self.types}:
            return False
        if self.quads and story.quad not in self.quads:
            return False
        if self.actor and not any(_term(self.actor, a) for a in (*story.sources, *story.targets)):
            return False
        if self.countries and not _in_countries(story, {c.upper() for c in self.countries}):
            return False
        return self.dyad is None or self._dyad_matches(story)

    def _dyad_matches(self, story: StoryEvent) -> bool:
        assert self.dyad is not None
        a, b = self.dyad
        forward = _any(a, story.sources) and _any(b, story.targets)
        backward = self.both_directions and _any(b, story.sources) and _any(a, story.targets)
        return forward or backward

    def describe(self) -> str:
        """A short human label of the selection ("IRN <-> ISR, ASSAULT")."""
        parts = []
        if self.dyad:
            parts.append(f"{self.dyad[0]} {'<->' if self.both_directions else '->'} {self.dyad[1]}")
        if self.actor:
            parts.append(f"actor {self.actor}")
        if self.countries:
            parts.append("countries " + ",".join(self.countries))
        if self.types:
            parts.append(",".join(self.types))
        if self.quads:
            parts.append("quad " + ",".join(str(q) for q in self.quads))
        return "; ".join(parts) or "all events"


def resolve_countries(
    names: Iterable[str], *, regions: dict[str, tuple[str, ...]] = REGIONS
) -> tuple[str, ...]:
    """ISO codes from codes and region names (case-insensitive); unknown regions are errors."""
    out: list[str] = []
    for name in names:
        key = name.strip().lower()
        if key in regions:
            out += regions[key]
        elif len(key) == 3 and key.isalpha():
            out.append(key.upper())
        else:
            known = ", ".join(sorted(regions))
            raise ConfigError(f"{name!r} is neither an ISO alpha-3 code nor a region ({known})")
    return tuple(dict.fromkeys(out))


def _term(term: str, actor: tuple[str, str | None]) -> bool:
    name, country = actor
    return term.casefold() == name.casefold() or (country is not None and term.upper() == country)


def _any(term: str, actors: Iterable[tuple[str, str | None]]) -> bool:
    return any(_term(term, a) for a in actors)


def _in_countries(story: StoryEvent, codes: set[str]) -> bool:
    found = {c for _, c in (*story.sources, *story.targets) if c} | set(story.places)
    return bool(found & codes)


def default_window(
    store: Store,
    *,
    days: int = DEFAULT_DAYS,
    date_from: str | None = None,
    date_to: str | None = None,
) -> tuple[str | None, str | None]:
    """The dates a trend covers: those given; with neither, the last `days` days of data
    (ending on the latest stored event's day), so that a store of years of events does not
    answer with hundreds of mostly empty weeks."""
    if date_from or date_to:
        return date_from, date_to
    first, last = store.event_days()
    if last is None:
        return None, None
    start = dt.date.fromisoformat(last) - dt.timedelta(days=days - 1)
    return max(start.isoformat(), first or start.isoformat()), last


# -- periods ------------------------------------------------------------------------------------


def period_key(day: str, period: str) -> str:
    """The period a YYYY-MM-DD day falls in: the day, its ISO week (2024-W09) or month."""
    if period == "day":
        return day
    if period == "month":
        return day[:7]
    if period == "week":
        year, week, _ = dt.date.fromisoformat(day).isocalendar()
        return f"{year:04d}-W{week:02d}"
    raise ConfigError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def period_bounds(key: str, period: str) -> tuple[str, str]:
    """The first and last day of a period key."""
    if period == "day":
        return key, key
    if period == "week":
        year, week = key.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
        sunday = monday + min(dt.timedelta(days=6), dt.date.max - monday)
        return monday.isoformat(), sunday.isoformat()
    if period == "month":
        first = dt.date.fromisoformat(key + "-01")
        if first.month == 12:
            return first.isoformat(), first.replace(day=31).isoformat()
        last = first.replace(month=first.month + 1) - dt.timedelta(days=1)
        return first.isoformat(), last.isoformat()
    raise ConfigError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def period_range(first: str, last: str, period: str) -> list[str]:
    """Every period key from the one holding day `first` to the one holding day `last`."""
    keys: list[str] = []
    day = dt.date.fromisoformat(period_bounds(period_key(first, period), period)[0])
    end = dt.date.fromisoformat(last)
    while day <= end:
        key = period_key(day.isoformat(), period)
        keys.append(key)
        if len(keys) > MAX_PERIODS:
            raise ConfigError(f"more than {MAX_PERIODS} {period}s: narrow the dates")
        last_day = dt.date.fromisoformat(period_bounds(key, period)[1])
        if last_day == dt.date.max:
            break
        day = last_day + dt.timedelta(days=1)
    return keys


# -- rows ---------------------------------------------------------------------------------------


@dataclass
class TrendRow:
    """One period (of one group): story counts per quad and type, and intensity."""

    period: str
    group: str = "all"
    events: int = 0  # real stories
    reports: int = 0  # the stored events behind them
    unreal: int = 0  # future and hypothetical stories, counted apart
    quads: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0, 3: 0, 4: 0})
    types: dict[str, int] = field(default_factory=dict)
    intensity_sum: float = 0.0
    stories: list[StoryEvent] = field(default_factory=list, repr=False)

    @property
    def intensity_mean(self) -> float | None:
        return round(self.intensity_sum / self.events, 3) if self.events else None

    def add(self, story: StoryEvent) -> None:
        if story.status == "negated":
            return
        if story.status == "unreal":
            self.unreal += 1
            return
        self.events += 1
        self.reports += len(story.reports)
        self.quads[story.quad] = self.quads.get(story.quad, 0) + 1
        self.types[story.type] = self.types.get(story.type, 0) + 1
        self.intensity_sum = round(self.intensity_sum + story.intensity, 3)
        self.stories.append(story)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "group": self.group,
            "events": self.events,
            "reports": self.reports,
            "unreal": self.unreal,
            **{f"quad{q}": n for q, n in sorted(self.quads.items())},
            "intensity_sum": self.intensity_sum,
            "intensity_mean": self.intensity_mean,
            "types": dict(sorted(self.types.items())),
        }


def trend_rows(
    stories: Iterable[StoryEvent],
    *,
    selection: Selection = Selection(),
    period: Period = "week",
    group: Group = "total",
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[TrendRow]:
    """Rows per period (every period of the range, empty ones included) and group."""
    if group not in GROUPS:
        raise ConfigError(f"group must be one of {', '.join(GROUPS)}, not {group!r}")
    chosen = [s for s in stories if selection.matches(s)]
    days = [s.day for s in chosen]
    first, last = date_from or min(days, default=None), date_to or max(days, default=None)
    if first is None or last is None:
        return []
    try:
        keys = period_range(first, last, period)
    except ConfigError:
        if not days:
            return []
        # a very wide request (0001 to 9999): rows where there are data, not millions of empties
        keys = period_range(max(first, min(days)), min(last, max(days)), period)
    table: dict[tuple[str, str], TrendRow] = {}
    groups: set[str] = set()
    keyed: dict[str, str] = {}  # a day's period, worked out once per day
    for story in chosen:
        key = keyed.get(story.day) or keyed.setdefault(story.day, period_key(story.day, period))
        for name in _groups(story, group):
            groups.add(name)
            row = table.get((name, key))
            if row is None:  # made when first needed, not for every story
                row = table[name, key] = TrendRow(period=key, group=name)
            row.add(story)
    names = sorted(groups) if group != "total" else ["all"]
    return [table.get((g, k)) or TrendRow(period=k, group=g) for g in names for k in keys]


def _groups(story: StoryEvent, group: str) -> Iterator[str]:
    """The groups a story counts in (once each): its dyads, actors or countries."""
    if group == "total":
        yield "all"
    elif group == "dyad":
        yield from sorted({f"{s} -> {t}" for s, _ in story.sources for t, _ in story.targets})
    elif group == "actor":
        yield from sorted({n for n, _ in (*story.sources, *story.targets)})
    else:
        yield from sorted({c for _, c in (*story.sources, *story.targets) if c})


def trends_csv(rows: Iterable[TrendRow]) -> str:
    """CSV of trend rows: one column per quad and one per PLOVER type seen."""
    rows = list(rows)
    types = sorted({t for r in rows for t in r.types})
    head = [
        "period",
        "group",
        "events",
        "reports",
        "unreal",
        "quad1",
        "quad2",
        "quad3",
        "quad4",
        "intensity_sum",
        "intensity_mean",
        *types,
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    for r in rows:
        mean = "" if r.intensity_mean is None else r.intensity_mean
        writer.writerow(
            [
                r.period,
                r.group,
                r.events,
                r.reports,
                r.unreal,
                *(r.quads.get(q, 0) for q in QUADS),
                r.intensity_sum,
                mean,
                *(r.types.get(t, 0) for t in types),
            ]
        )
    return out.getvalue()
