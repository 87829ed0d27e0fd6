"""Build the map's offline country basemap from Natural Earth (public domain).

Source: the npm package `world-atlas` 2.0.2 (ISC), which redistributes Natural Earth 4.1.0
admin-0 countries at 1:110m as TopoJSON. Fetch it with the npm client and point this script
at the unpacked file:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_basemap.py package/countries-110m.json

It decodes the TopoJSON arcs into plain GeoJSON polygons (coordinates rounded to 0.01
degree, about 1 km: the map draws countries, not coastlines to the metre; rings that cross
the antimeridian made continuous; Antarctica left out) and writes
src/eventwire/web/static/vendor/basemap/countries-110m.geojson, which the UI serves itself.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/eventwire/web/static/vendor/basemap/countries-110m.geojson"


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON quantizes and delta-encodes them)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One closed ring from arc indexes (a negative index ~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)  # arcs share their end points
    deduped = [p for n, p in enumerate(points) if n == 0 or p != points[n - 1]]
    return unwrap([list(p) for p in deduped])


def unwrap(points: list[list[float]]) -> list[list[float]]:
    """A ring that crosses the antimeridian (Russia, Fiji) made continuous (longitudes past
    180): drawn on a flat map, its jumps from 180 to -180 would be lines across the world."""
    out: list[list[float]] = []
    for lon, lat in points:
        if out:
            while lon - out[-1][0] > 180:
                lon -= 360
            while lon - out[-1][0] < -180:
                lon += 360
        out.append([round(lon, 2), lat])
    return out


def to_geojson(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        coords = [[ring(r, arcs) for r in poly] for poly in polygons]
        coords = [[r for r in poly if len(r) >= 4] for poly in coords]
        coords = [poly for poly in coords if poly]
        name = geom.get("properties", {}).get("name", "")
        if not coords or name == "Antarctica":  # a ring around the pole: no flat drawing
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name},
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = to_geojson(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(data['features'])} countries -> {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
