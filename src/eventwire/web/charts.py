"""Bar charts of the UI as plain data for SVG templates: continuous time axes, honest ticks,
one colour per PLOVER type, status as a pattern, and a link behind every bar.

The time axis has every period between the first and the last one with data, so an empty
period is a gap on the axis (2019-03 is never drawn next to 2024-10). The y axis is labelled
at round numbers (1, 2, 5 x 10^k steps) and the bars are scaled to the top tick, so a label
is the value of its gridline. `TYPE_COLORS` is the one palette of PLOVER types: the SVG
charts take their fills from it and `type_css` makes the type badges' stylesheet from it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..record import PLOVER_TYPES
from ..vocabulary import UNREAL_STATUSES

__all__ = [
    "PATTERNS",
    "TYPE_COLORS",
    "bar_chart",
    "nice_ticks",
    "period_keys",
    "period_span",
    "type_css",
]

# A qualitative palette (Tableau 20's hues): cooperative types in blues, greens and light
# tones, conflictual ones in reds, oranges, purples and browns; neighbours on the PLOVER
# scale (REJECT/THREATEN, SANCTION/MOBILIZE) never share a hue.
TYPE_COLORS: dict[str, str] = {
    "AGREE": "#2ca02c", "CONSULT": "#aec7e8", "SUPPORT": "#98df8a", "CONCEDE": "#c5b0d5",
    "COOPERATE": "#1f77b4", "AID": "#17becf", "RETREAT": "#c49c94", "REQUEST": "#dbdb8d",
    "ACCUSE": "#ffbb78", "REJECT": "#bcbd22", "THREATEN": "#ff7f0e", "PROTEST": "#ff9896",
    "SANCTION": "#e377c2", "MOBILIZE": "#9467bd", "COERCE": "#8c564b", "ASSAULT": "#d62728",
}  # fmt: skip
assert set(TYPE_COLORS) == set(PLOVER_TYPES)  # one colour per type, no more, no fewer

#: statuses drawn with a pattern over the type's colour (the SVG defines each pattern id)
PATTERNS: dict[str, str] = {
    **dict.fromkeys((*UNREAL_STATUSES, "unreal"), "pat-unreal"),
    "negated": "pat-negated",
}
MAX_PERIODS = 3000  # a continuous axis longer than this keeps only the periods with data


def type_css() -> str:
    """The type badges' stylesheet (`.t-ASSAULT` ...) from `TYPE_COLORS`."""
    lines = []
    for name, fill in TYPE_COLORS.items():
        lines.append(f".t-{name} {{ background: {fill}; color: {_ink(fill)}; }}")
    return "\n".join(lines) + "\n"


def _ink(fill: str) -> str:
    """Black or white text, whichever reads better on `fill` (WCAG relative luminance)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000" if luminance > 0.2 else "#fff"


# -- periods --------------------------------------------------------------------------------


def period_span(key: str) -> tuple[str, str]:
    """The first and last day of a day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) key."""
    if len(key) == 4:
        return f"{key}-01-01", f"{key}-12-31"
    if len(key) == 7:
        first = dt.date.fromisoformat(key + "-01")
        nxt = first.replace(year=first.year + 1, month=1) if first.month == 12 else None
        nxt = nxt or first.replace(month=first.month + 1)
        return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()
    return key, key


def period_keys(keys: Iterable[str]) -> list[str]:
    """Every day, month or year key from the first to the last of `keys` (same length)."""
    present = sorted({k for k in keys if k})
    if len(present) < 2 or len({len(k) for k in present}) != 1:
        return present
    size = len(present[0])
    if size not in (4, 7, 10):
        return present
    if size == 4:
        years = range(int(present[0]), int(present[-1]) + 1)
        return [f"{y:04d}" for y in years] if len(years) <= MAX_PERIODS else present
    if size == 7:
        (y0, m0), (y1, m1) = (map(int, k.split("-")) for k in (present[0], present[-1]))
        n = (y1 - y0) * 12 + (m1 - m0) + 1
        if n > MAX_PERIODS:
            return present
        return [f"{y0 + (m0 - 1 + i) // 12:04d}-{(m0 - 1 + i) % 12 + 1:02d}" for i in range(n)]
    first, last = dt.date.fromisoformat(present[0]), dt.date.fromisoformat(present[-1])
    n = (last - first).days + 1
    if n > MAX_PERIODS:
        return present
    return [(first + dt.timedelta(days=i)).isoformat() for i in range(n)]


def nice_ticks(top: float, *, count: int = 5) -> list[int]:
    """Whole-number gridline values from 0 up to at least `top`, in steps of 1, 2 or 5 x 10^k
    (at most about `count` + 1 of them)."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return list(range(0, math.ceil(top / step) * step + 1, step))


# -- the chart ------------------------------------------------------------------------------


def bar_chart(
    rows: list[dict[str, Any]],
    *,
    width: int = 900,
    height: int = 320,
    href: Callable[[dict[str, Any]], str] | None = None,
    fills: Mapping[str, str] = TYPE_COLORS,
    line: Mapping[str, float | None] | None = None,
) -> dict[str, Any]:
    """Stacked bars per period (rows: period, type, events, optional status and
    mean_intensity) as SVG geometry: a continuous axis, round ticks, a link per bar
    (`href(row)`), the type's colour with its status's pattern, and an optional line (a
    value from -10 to 10 per period, broken where a period has none)."""
    periods = period_keys(r["period"] for r in rows if r["period"])
    if any(not r["period"] for r in rows):
        periods.append("?")  # undated events: one bar at the end, apart
    totals = dict.fromkeys(periods, 0)
    for r in rows:
        totals[r["period"] or "?"] += r["events"]
    ticks = nice_ticks(max(totals.values(), default=0))
    top = ticks[-1]
    left, right, bottom, plot_h = 50, 40 if line else 10, 40, height - 60
    base = height - bottom
    step = (width - left - right) / max(len(periods), 1)
    index = {p: i for i, p in enumerate(periods)}
    stacked = dict.fromkeys(periods, 0.0)
    bars = []
    order = {t: i for i, t in enumerate(fills)}
    for r in sorted(rows, key=lambda r: (index[r["period"] or "?"], order.get(r["type"], 99))):
        if not r["events"]:
            continue
        p = r["period"] or "?"
        h = r["events"] / top * plot_h
        stacked[p] += h
        status = r.get("status")
        bars.append({
            "x": round(left + index[p] * step + step * 0.1, 1),
            "y": round(base - stacked[p], 1), "w": round(max(step * 0.8, 0.5), 1),
            "h": round(h, 1), "fill": fills.get(r["type"], "#888"),
            "pattern": PATTERNS.get(status or ""), "href": href(r) if href else None,
            "title": f"{p} {r['type']}{f' ({status})' if status else ''}: {r['events']} events"
                     + (f", mean intensity {r['mean_intensity']}"
                        if r.get("mean_intensity") is not None else ""),
        })  # fmt: skip
    every = max(1, math.ceil(len(periods) / 12))
    labels = [
        {"x": round(left + i * step + step / 2, 1), "text": p}
        for i, p in enumerate(periods)
        if i % every == 0
    ]
    grid = [{"y": round(base - t / top * plot_h, 1), "text": t} for t in ticks]
    present = {(r["type"], r.get("status")) for r in rows if r["events"]}
    # a type's swatch; a key drawn only with a pattern (trends' unreal part) has the pattern's
    plain = {t for t, s in present if s not in PATTERNS or t in TYPE_COLORS}
    legend = [{"type": t, "fill": f} for t, f in fills.items() if t in plain]
    patterns = sorted({PATTERNS[s] for _, s in present if s in PATTERNS})
    chart = {"width": width, "height": height, "bars": bars, "labels": labels, "ticks": grid,
             "legend": legend, "patterns": patterns, "axis_y": base, "left": left,
             "right": width - right, "lines": []}  # fmt: skip
    if line:
        chart["lines"] = _line(line, periods, left=left, step=step, base=base, plot_h=plot_h)
    return chart


def _line(
    values: Mapping[str, float | None],
    periods: list[str],
    *,
    left: float,
    step: float,
    base: float,
    plot_h: float,
) -> list[dict[str, Any]]:
    """Runs of a line of values in [-10, 10] (its own scale on the right axis): one run per
    stretch of periods with a value, so that the line never crosses an empty period."""
    runs: list[list[tuple[float, float]]] = [[]]
    for i, p in enumerate(periods):
        v = values.get(p)
        if v is None:
            if runs[-1]:
                runs.append([])
            continue
        x = left + i * step + step / 2
        y = base - (max(-10.0, min(10.0, v)) + 10) / 20 * plot_h
        runs[-1].append((round(x, 1), round(y, 1)))
    return [{"points": " ".join(f"{x},{y}" for x, y in run), "dots": run} for run in runs if run]
