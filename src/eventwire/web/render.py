"""Pure helpers the pages use: text cut into highlighted segments, and network geometry.

Everything here returns plain data for the templates, which escape every string: article
text reaches the browser only as escaped text inside elements, never as markup.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from ..record import Document
from .charts import TYPE_COLORS, bar_chart

__all__ = [
    "TYPE_COLORS",
    "Segment",
    "bar_chart",
    "intensity_color",
    "network",
    "segments",
]


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
