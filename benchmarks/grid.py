"""The analyst's events grid and "Export this view" over a SQLite store of synthetic events.

Builds (or reuses) the store of `benchmarks/store.py` (10 events per article, 300 actors with
Zipf-like popularity, 60 countries; the same file as `benchmarks/store.py --events N`, which
runs these timings too), then times, through the real app (FastAPI's
TestClient, so routing, templates and JSON are included):
- grid pages: `/events` by default, sorted by each kind of column, with type/country,
  country-dyad, outlet and evidence-search filters (each page counts, sorts and draws five
  facets), the actors list and an actor page, and `/api/events?limit=1000`;
- every other page of the UI and the API (articles, reader, dyads, timeline, map, trends,
  alerts, report, feeds, and their API twins);
- exports: `/api/events/export` as CSV and Parquet over every event (time to the first
  chunk, its p95 over `--export-repeat` runs, and to the last byte, and rows per second).
Target: p95 < 500 ms for every page and for the first chunk of the CSV export.

    .venv/bin/python benchmarks/grid.py [--events 100000] [--db benchmarks/out/events-N.db]
        [--repeat 10] [--export-repeat 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
import store as store_bench

from eventwire.api import create_app

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 500.0
PAGES = (
    "/events",
    "/events?sort=-confidence",
    "/events?sort=source",
    "/events?sort=according_to",
    "/events?sort=evidence",
    "/events?type=ASSAULT&country=CAB",
    "/events?source_country=CAB&target_country=CAC&both=1",
    "/events?outlet=Synthetic&date_from=2024-01-01",
    "/events?q=article%20123",
    "/events?offset=50000",
    "/actors",
    "/actors/Actor%20001",
    "/api/events?limit=1000",
    "/api/events/facets",
    # the other pages of the UI and their API twins
    "/",
    "/articles",
    "/articles/syn-1",
    "/dyads",
    "/timeline",
    "/map",
    "/trends",
    "/alerts",
    "/report",
    "/feeds",
    "/api/events",
    "/api/articles",
    "/api/articles/syn-1",
    "/api/actors",
    "/api/actors/Actor%20001",
    "/api/dyads",
    "/api/timeline",
    "/api/places",
    "/api/trends",
    "/api/trends/chart.svg",
    "/api/alerts",
    "/api/runs",
    "/api/stats",
)


def time_get(client: TestClient, path: str, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each GET, sorted (the app runs in this process, so
    its CPU time is the work, apart from waiting for a busy machine's cores)."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return sorted(wall), sorted(cpu)


def time_export(client: TestClient, fmt: str) -> tuple[float, float, int]:
    """(ms to the first chunk, ms to the last byte, bytes) of one export."""
    started = time.perf_counter()
    first = None
    size = 0
    with client.stream("GET", f"/api/events/export?format={fmt}") as response:
        assert response.status_code == 200
        for chunk in response.iter_bytes():
            if first is None:
                first = (time.perf_counter() - started) * 1000
            size += len(chunk)
    return first or 0.0, (time.perf_counter() - started) * 1000, size


def time_pages(store: Any, *, repeat: int) -> bool:
    """Time every page of `PAGES` through the app; whether each met the target."""
    client = TestClient(create_app(store))
    ok = True
    for path in PAGES:
        # the first view too: it warms caches up, and the store's own (facets, actor pages)
        first = time_get(client, path, 1)[0][0]
        times, cpu = time_get(client, path, repeat)
        p50, p95 = statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]
        cpu50, cpu95 = statistics.median(cpu), cpu[max(0, round(0.95 * len(cpu)) - 1)]
        met = p95 < TARGET_MS
        ok &= met
        print(f"{path:<40} first {first:7.1f}  p50 {p50:7.1f}  p95 {p95:7.1f} ms  "
              f"(CPU p50 {cpu50:6.1f} p95 {cpu95:6.1f})"
              f"  {'met' if met else 'MISSED'}")  # fmt: skip
    return ok


def time_exports(store: Any, *, events: int, repeat: int) -> bool:
    """Time the CSV and Parquet exports of every event; whether the CSV stream's first chunk
    met the target."""
    client = TestClient(create_app(store))
    ok = True
    for fmt in ("csv", "parquet"):
        runs = [time_export(client, fmt) for _ in range(repeat)]
        firsts = sorted(first for first, _, _ in runs)
        p95 = firsts[max(0, round(0.95 * len(firsts)) - 1)]
        total = statistics.median(t for _, t, _ in runs)
        met = p95 < TARGET_MS
        ok &= met or fmt != "csv"  # the target is the CSV stream's
        print(
            f"export {fmt:<8} {events:,} rows: first chunk p50 {statistics.median(firsts):7.1f}"
            f" ms  p95 {p95:7.1f} ms, all {total / 1000:6.2f} s "
            f"({events / (total / 1000):,.0f} rows/s, {runs[0][2] / 1e6:.1f} MB)"
            + (f"  {'met' if met else 'MISSED'}" if fmt == "csv" else "")
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="The store file (default: out/events-N.db).")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--export-repeat", type=int, default=3, help="Runs of each export.")
    parser.add_argument("--rebuild", action="store_true", help="Delete and rebuild the store.")
    args = parser.parse_args(argv)
    db = args.db or store_bench.default_db(args.events)
    db.parent.mkdir(parents=True, exist_ok=True)
    opened = store_bench.open_bench_store(db, events=args.events, rebuild=args.rebuild)
    if opened is None:
        return 2
    store, have = opened
    print(f"store: {have:,} events")
    ok = time_pages(store, repeat=args.repeat)
    ok &= time_exports(store, events=have, repeat=args.export_repeat)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
