"""From a Trends view to its events: each trend row's link to the Events page, and the
Trends bar chart (quad classes stacked, future and hypothetical stories hatched, the mean
intensity as a line broken at empty periods) with a link behind every bar.

A trend counts story-level events; the Events page lists the stored reports behind them.
A link carries what the Events page can filter on: the period's dates, the types, the actor
or country, the dyad, and the statuses the row counts (occurred and ongoing, or future and
hypothetical for the hatched part).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from ..monitor.charts import QUAD_COLORS, QUAD_NAMES
from ..monitor.trends import TrendRow, period_bounds
from ..store import QueryError, parse_filters
from ..vocabulary import QUADS, REAL_STATUSES, UNREAL_STATUSES
from .charts import bar_chart
from .grid import export_links

__all__ = ["trend_bar_chart", "trend_exports", "trend_links"]

UNREAL_KEY = "future / hypothetical"


def _is_code(term: str) -> bool:
    return len(term) == 3 and term.isalpha() and term.isupper()


def _selection_params(form: dict[str, Any]) -> list[tuple[str, str]]:
    """The Events filters that a Trends form's selection maps to."""
    pairs: list[tuple[str, str]] = []
    if form["dyad_source"] and form["dyad_target"]:
        pairs += [("source", form["dyad_source"]), ("target", form["dyad_target"])]
    if form["actor"]:
        pairs.append(("country" if _is_code(form["actor"]) else "actor", form["actor"]))
    countries = [c for c in form["country"].replace(",", " ").split() if len(c) == 3]
    if len(countries) == 1 and not form["region"]:
        pairs.append(("country", countries[0].upper()))
    pairs += [("type", t) for t in form["type"]]
    return pairs


def _group_params(group: str, name: str) -> list[tuple[str, str]]:
    if group == "dyad" and " -> " in name:
        source, target = name.split(" -> ", 1)
        return [("source", source), ("target", target)]
    if group == "actor":
        return [("actor", name)]
    if group == "country":
        return [("country", name)]
    return []


def trend_links(
    form: dict[str, Any], rows: Sequence[TrendRow], *, statuses: Sequence[str] = REAL_STATUSES
) -> list[str]:
    """One Events link per trend row (same order): its period, selection, group and the
    statuses it counts."""
    base = _selection_params(form)
    out = []
    for row in rows:
        first, last = period_bounds(row.period, form["period"])
        first = max(first, form["date_from"] or first)
        last = min(last, form["date_to"] or last)
        pairs = [*base, *_group_params(form["group"], row.group)]
        pairs += [("date_from", first), ("date_to", last), *(("status", s) for s in statuses)]
        out.append("/events?" + urlencode(pairs))
    return out


def trend_exports(form: dict[str, Any]) -> list[dict[str, str]]:
    """'Export this view' of a Trends page: the stored events of its selection and dates
    (the reports behind its stories), through the one export of the Events page."""
    pairs = [*_selection_params(form), ("date_from", form["date_from"]),
             ("date_to", form["date_to"])]  # fmt: skip
    try:
        return export_links(parse_filters([(k, v) for k, v in pairs if v]))
    except QueryError:  # a selection the Events filters refuse: no export rather than a wrong one
        return []


def trend_bar_chart(form: dict[str, Any], rows: Sequence[TrendRow]) -> dict[str, Any]:
    """The SVG geometry of one series' stacked bars, each bar linked to its events."""
    real = dict(zip((r.period for r in rows), trend_links(form, rows), strict=True))
    unreal = trend_links(form, rows, statuses=UNREAL_STATUSES)
    unreal_of = dict(zip((r.period for r in rows), unreal, strict=True))
    bars: list[dict[str, Any]] = []
    for row in rows:
        for quad in QUADS:
            bars.append({"period": row.period, "type": QUAD_NAMES[quad],
                         "events": row.quads.get(quad, 0)})  # fmt: skip
        bars.append({"period": row.period, "type": UNREAL_KEY, "events": row.unreal,
                     "status": "unreal"})  # fmt: skip
    fills = {QUAD_NAMES[q]: QUAD_COLORS[q] for q in QUADS} | {UNREAL_KEY: "#adb5bd"}
    return bar_chart(
        bars,
        width=900,
        height=340,
        href=lambda b: (unreal_of if b.get("status") else real)[b["period"]],
        fills=fills,
        line={row.period: row.intensity_mean for row in rows},
    )
