"""Trend charts as PNG or SVG bytes, drawn by matplotlib's Agg renderer (no display, offline).

One series (a selection's total): bars per period stacked by quad class, future and
hypothetical stories hatched on top, and the mean intensity as a line on a second axis.
Several groups (dyads, actors, countries): one line of story counts per group (the busiest
eight). Every bar and line carries an SVG id (`bar-q4-2024-W10`, `line-<group>`) so that the
SVG can be checked and styled.
"""

from __future__ import annotations

import io
import math
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..vocabulary import CHART_FORMATS, QUADS, ChartFormat, Quad
from .trends import TrendRow

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["BACKGROUND", "QUAD_COLORS", "QUAD_NAMES", "trend_chart"]

BACKGROUND = "#ffffff"
QUAD_NAMES: dict[int, str] = {q.value: q.label for q in Quad}
QUAD_COLORS = {1: "#74c0fc", 2: "#1c7ed6", 3: "#ffa94d", 4: "#c92a2a"}
MAX_GROUPS = 8
#: Periods up to which each gets its own bar (about 4 pixels each in an 800-pixel chart).
MAX_BARS = 200
DPI = 100
_DRAWN: OrderedDict[Hashable, bytes] = OrderedDict()  # the last charts drawn, by what they show
_DRAWN_SIZE = 32
_DRAWN_LOCK = threading.Lock()


def trend_chart(
    rows: Sequence[TrendRow],
    *,
    fmt: ChartFormat = "png",
    title: str = "",
    width: int = 800,
    height: int = 360,
) -> bytes:
    """The chart of `rows` as PNG or SVG bytes of `width` x `height` pixels."""
    if fmt not in CHART_FORMATS:
        raise ConfigError(f"chart format must be png or svg, not {fmt!r}")
    # the same figures give the same bytes (no dates in them): a page viewed again, or the
    # report and the trends of one window, reuse the drawing (a tenth of a second each)
    key = (fmt, title, width, height, tuple(_drawn_values(r) for r in rows))
    with _DRAWN_LOCK:
        if key in _DRAWN:
            _DRAWN.move_to_end(key)
            return _DRAWN[key]
    body = _draw(rows, fmt=fmt, title=title, width=width, height=height)
    with _DRAWN_LOCK:
        _DRAWN[key] = body
        while len(_DRAWN) > _DRAWN_SIZE:
            _DRAWN.popitem(last=False)
    return body


def _drawn_values(row: TrendRow) -> Hashable:
    """Everything of a row that the chart draws."""
    return (row.period, row.group, row.events, row.unreal, tuple(sorted(row.quads.items())),
            row.intensity_mean)  # fmt: skip


def _draw(rows: Sequence[TrendRow], *, fmt: str, title: str, width: int, height: int) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(fig)  # attaches the Agg canvas: no GUI backend is ever chosen
    ax = fig.add_subplot()
    groups = list(dict.fromkeys(r.group for r in rows))
    if len(groups) > 1:
        _lines(ax, rows, groups)
    else:
        _stacked(ax, rows)
    ax.set_title(title or "story-level events per period", fontsize=11, loc="left")
    ax.set_ylabel("events")
    ax.spines[["top"]].set_visible(False)
    fig.subplots_adjust(left=0.08, right=0.9, top=0.88, bottom=0.22)
    out = io.BytesIO()
    # svg.hashsalt makes the SVG's ids stable; fonttype none keeps the labels as text
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "eventwire", "svg.fonttype": "none"}):
        fig.savefig(out, format=fmt, dpi=DPI, facecolor=BACKGROUND, metadata=_metadata(fmt))
    return out.getvalue()


def _stacked(ax: Axes, rows: Sequence[TrendRow]) -> None:
    x = list(range(len(rows)))
    bottom = [0.0] * len(rows)
    for quad in QUADS:
        heights = [float(r.quads.get(quad, 0)) for r in rows]
        _layer(ax, rows, x, heights, bottom, gid=f"q{quad}", face=QUAD_COLORS[quad],
               label=QUAD_NAMES[quad])  # fmt: skip
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    unreal = [float(r.unreal) for r in rows]
    ax.set_ylim(0, max([1.0, *(b + u for b, u in zip(bottom, unreal, strict=True))]) * 1.35)
    if any(unreal):
        _layer(ax, rows, x, unreal, bottom, gid="unreal", face="none", edge="#868e96",
               hatch="///", label="future / hypothetical")  # fmt: skip
    _period_ticks(ax, [r.period for r in rows])
    means = [r.intensity_mean for r in rows]
    if any(m is not None for m in means):
        twin = ax.twinx()
        # NaN for an empty period breaks the line there: it never runs across a gap
        (line,) = twin.plot(
            list(range(len(rows))),
            [math.nan if m is None else m for m in means],
            color="#212529",
            marker="o",
            markersize=3,
            linewidth=1.2,
            label="mean intensity",
        )
        line.set_gid("line-intensity")
        twin.set_ylim(-10.5, 10.5)
        twin.set_ylabel("mean intensity")
        twin.axhline(0, color="#adb5bd", linewidth=0.6)
        handles, labels = ax.get_legend_handles_labels()
        handles.append(line)
        labels.append("mean intensity")
        ax.legend(handles, labels, fontsize=7, loc="upper left", frameon=False, ncol=3)
    elif rows:
        ax.legend(fontsize=7, loc="upper left", frameon=False, ncol=3)


def _layer(
    ax: Axes,
    rows: Sequence[TrendRow],
    x: list[int],
    heights: list[float],
    bottom: list[float],
    *,
    gid: str,
    label: str,
    face: str,
    edge: str | None = None,
    hatch: str | None = None,
) -> None:
    """One stacked layer: a bar per period, each with its own id ("bar-q4-2024-W03"); past
    `MAX_BARS` periods one stepped area instead ("area-q4"), since bars a few pixels wide
    cannot be told apart and thousands of them take seconds to draw (a 25-year weekly view)."""
    if len(rows) <= MAX_BARS:
        bars = ax.bar(x, heights, bottom=bottom, width=0.8, color=face, edgecolor=edge,
                      hatch=hatch, label=label)  # fmt: skip
        for bar, row in zip(bars, rows, strict=True):
            bar.set_gid(f"bar-{gid}-{row.period}")
        return
    edges = [i - 0.5 for i in range(len(rows) + 1)]
    tops = [b + h for b, h in zip(bottom, heights, strict=True)]
    area = ax.stairs(tops, edges, baseline=bottom, fill=True, facecolor=face,
                     edgecolor=edge or face, hatch=hatch, label=label)  # fmt: skip
    area.set_gid(f"area-{gid}")


def _lines(ax: Axes, rows: Sequence[TrendRow], groups: list[str]) -> None:
    totals = {g: sum(r.events for r in rows if r.group == g) for g in groups}
    busiest = sorted(groups, key=lambda g: (-totals[g], g))[:MAX_GROUPS]
    periods = list(dict.fromkeys(r.period for r in rows))
    index = {p: i for i, p in enumerate(periods)}
    for group in busiest:
        mine = [r for r in rows if r.group == group]
        (line,) = ax.plot(
            [index[r.period] for r in mine],
            [r.events for r in mine],
            marker="o",
            markersize=3,
            label=group,
        )
        line.set_gid(f"line-{group}")
    _period_ticks(ax, periods)
    ax.set_ylim(0, max([1.0, *(float(r.events) for r in rows)]) * 1.35)  # room for the legend
    ax.legend(fontsize=7, loc="upper left", frameon=False, ncol=2)


def _period_ticks(ax: Axes, periods: list[str]) -> None:
    step = max(1, len(periods) // 16)  # at most ~16 labels
    ticks = list(range(0, len(periods), step))
    ax.set_xticks(ticks, [periods[i] for i in ticks], rotation=45, ha="right", fontsize=7)
    ax.set_xlim(-0.6, max(len(periods), 1) - 0.4)


def _metadata(fmt: str) -> dict[str, str | None]:
    # no creation date or software version: the same data gives the same bytes
    if fmt == "svg":
        return {"Date": None, "Creator": "eventwire"}
    return {"Software": "eventwire"}
