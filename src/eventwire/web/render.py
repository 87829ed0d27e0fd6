"""Pure helpers the pages use: text cut into highlighted segments, and chart geometry.

Everything here returns plain data for the templates, which escape every string: article
text reaches the browser only as escaped text inside elements, never as markup.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from ..record import Document

__all__ = [
    "TYPE_COLORS",
    "Segment",
    "bar_chart",
    "intensity_color",
    "map_points",
    "network",
    "segments",
]

# One colour per PLOVER type for charts (cooperative blues/greens, conflictual reds).
TYPE_COLORS: dict[str, str] = {
    "AGREE": "#2b8a3e", "CONSULT": "#5c940d", "SUPPORT": "#37b24d", "CONCEDE": "#74b816",
    "COOPERATE": "#1c7ed6", "AID": "#4dabf7", "RETREAT": "#15aabf", "REQUEST": "#7048e8",
    "ACCUSE": "#f59f00", "REJECT": "#f76707", "THREATEN": "#e8590c", "PROTEST": "#ae3ec9",
    "SANCTION": "#d6336c", "MOBILIZE": "#c2255c", "COERCE": "#e03131", "ASSAULT": "#a61e1e",
}  # fmt: skip


@dataclass
class Segment:
    """A stretch of text and the spans that cover it (layer -> ids)."""

    text: str
    start: int
    layers: dict[str, list[str]] = field(default_factory=dict)

    @property
    def classes(self) -> str:
        return " ".join(f"hl-{layer}" for layer in sorted(self.layers))

    def ids(self, layer: str) -> str:
        return " ".join(self.layers.get(layer, ()))


def segments(doc: Document) -> list[Segment]:
    """The text cut at every span boundary; each piece lists the spans covering it."""
    spans: list[tuple[int, int, str, str]] = []
    for actor in doc.actors:
        spans += [(m.start, m.end, "actor", actor.id) for m in actor.mentions]
    spans += [(q.start, q.end, "quote", q.id) for q in doc.quotes]
    spans += [(t.start, t.end, "time", t.id) for t in doc.times]
    spans += [(p.start, p.end, "place", p.id) for p in doc.places]
    for event in doc.events:
        spans += [(v.start, v.end, "evidence", event.id) for v in event.evidence]
    n = len(doc.text)
    spans = [(max(0, s), min(n, e), layer, i) for s, e, layer, i in spans if 0 <= s < e]
    cuts = sorted({0, n, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out = []
    for start, end in itertools.pairwise(cuts):
        layers: dict[str, list[str]] = {}
        for s, e, layer, ident in spans:
            if s <= start and end <= e and ident not in layers.setdefault(layer, []):
                layers[layer].append(ident)
        out.append(Segment(doc.text[start:end], start, {k: v for k, v in layers.items() if v}))
    return out


def intensity_color(value: float | None) -> str:
    """Red for conflict (-10), grey for 0, blue for cooperation (+10)."""
    if value is None:
        return "#868e96"
    v = max(-10.0, min(10.0, value)) / 10
    if v < 0:
        return _mix((134, 142, 150), (201, 42, 42), -v)
    return _mix((134, 142, 150), (25, 113, 194), v)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> str:
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return f"#{r:02x}{g:02x}{bl:02x}"


def bar_chart(rows: list[dict[str, Any]], *, width: int = 900, height: int = 320) -> dict[str, Any]:
    """Stacked bars of events per period and type, as SVG rectangles."""
    periods = sorted({r["period"] or "?" for r in rows})
    totals = {p: 0 for p in periods}
    for r in rows:
        totals[r["period"] or "?"] += r["events"]
    top = max(totals.values(), default=1) or 1
    left, bottom, plot_h = 50, 40, height - 60
    step = (width - left - 10) / max(len(periods), 1)
    bars, labels = [], []
    heights = {p: 0.0 for p in periods}
    for r in sorted(rows, key=lambda r: (r["period"] or "?", r["type"])):
        p = r["period"] or "?"
        i = periods.index(p)
        h = r["events"] / top * plot_h
        heights[p] += h
        bars.append({
            "x": round(left + i * step + step * 0.1, 1),
            "y": round(height - bottom - heights[p], 1),
            "w": round(step * 0.8, 1), "h": round(h, 1),
            "fill": TYPE_COLORS.get(r["type"], "#888"),
            "title": f"{p} {r['type']}: {r['events']} events, mean intensity {r['mean_intensity']}",
        })  # fmt: skip
    every = max(1, math.ceil(len(periods) / 12))
    for i, p in enumerate(periods):
        if i % every == 0:
            labels.append({"x": round(left + i * step + step / 2, 1), "text": p})
    ticks = [{"y": round(height - bottom - t / 4 * plot_h, 1), "text": round(top * t / 4)}
             for t in range(5)]  # fmt: skip
    types = sorted({r["type"] for r in rows})
    legend = [{"type": t, "fill": TYPE_COLORS.get(t, "#888")} for t in types]
    return {"width": width, "height": height, "bars": bars, "labels": labels, "ticks": ticks,
            "legend": legend, "axis_y": height - bottom, "left": left}  # fmt: skip


def network(dyads: list[dict[str, Any]], *, size: int = 640, max_nodes: int = 40) -> dict:
    """Actors on a circle, one arrow per dyad: width by events, colour by mean intensity."""
    weight: dict[str, int] = {}
    pairs: dict[tuple[str, str], list[float]] = {}
    for d in dyads:
        weight[d["source"]] = weight.get(d["source"], 0) + d["events"]
        weight[d["target"]] = weight.get(d["target"], 0) + d["events"]
        acc = pairs.setdefault((d["source"], d["target"]), [0, 0.0])
        acc[0] += d["events"]
        acc[1] += (d["mean_intensity"] or 0.0) * d["events"]
    names = sorted(weight, key=lambda n: (-weight[n], n))[:max_nodes]
    centre, radius = size / 2, size / 2 - 90
    pos = {}
    nodes: list[dict[str, Any]] = []
    for i, name in enumerate(names):
        angle = 2 * math.pi * i / max(len(names), 1) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        pos[name] = (x, y)
        nodes.append({
            "name": name, "x": round(x, 1), "y": round(y, 1),
            "r": round(4 + 3 * math.sqrt(weight[name]), 1),
            "lx": round(centre + (radius + 14) * math.cos(angle), 1),
            "ly": round(centre + (radius + 14) * math.sin(angle), 1),
            "anchor": "start" if math.cos(angle) >= 0 else "end",
        })  # fmt: skip
    top = max((v[0] for v in pairs.values()), default=1)
    radius_of = {n["name"]: float(n["r"]) for n in nodes}
    edges = []
    for (src, tgt), (count, total) in sorted(pairs.items()):
        if src not in pos or tgt not in pos or src == tgt:
            continue
        mean = total / count if count else 0.0
        (x1, y1), (x2, y2) = _edge_ends(pos[src], pos[tgt], radius_of[tgt])
        edges.append({
            "x1": x1, "y1": y1, "x2": x2, "y2": y2,
            "width": round(1 + 5 * count / top, 1), "color": intensity_color(mean),
            "title": f"{src} → {tgt}: {int(count)} events, mean intensity {mean:.1f}",
        })  # fmt: skip
    return {"size": size, "nodes": nodes, "edges": edges}


def _edge_ends(
    a: tuple[float, float], b: tuple[float, float], target_r: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The line from a to b, moved aside (so that a -> b and b -> a both show) and stopped
    at b's circle (so that the arrowhead shows)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    ox, oy = -uy * 4, ux * 4  # 4 px to the left of the direction of travel
    end = length - target_r - 2
    return (
        (round(a[0] + ox, 1), round(a[1] + oy, 1)),
        (round(a[0] + ux * end + ox, 1), round(a[1] + uy * end + oy, 1)),
    )


def map_points(places: list[dict[str, Any]], *, width: int = 960, height: int = 480) -> dict:
    """Event locations on an equirectangular grid, circles sized by events."""
    top = max((p["events"] for p in places), default=1)
    points = [
        {
            "x": round((p["lon"] + 180) / 360 * width, 1),
            "y": round((90 - p["lat"]) / 180 * height, 1),
            "r": round(3 + 9 * math.sqrt(p["events"] / top), 1),
            "name": p["name"],
            "title": f"{p['name']} ({p['country'] or '?'}): {p['events']} events",
        }
        for p in places
        if p["lat"] is not None and p["lon"] is not None
    ]
    lons = [{"x": round((lon + 180) / 360 * width, 1), "text": f"{lon}°"}
            for lon in range(-180, 181, 30)]  # fmt: skip
    lats = [{"y": round((90 - lat) / 180 * height, 1), "text": f"{lat}°"}
            for lat in range(-90, 91, 30)]  # fmt: skip
    return {"width": width, "height": height, "points": points, "lons": lons, "lats": lats}
