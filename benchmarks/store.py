"""Query and page latency over a SQLite store of synthetic events (1,000,000 by default).

Builds (or reuses) a store through the real migrations, fills it with synthetic articles
(10 events each, one source and one target drawn from 300 actors of 60 countries with a
skewed, Zipf-like popularity, so some dyads hold tens of thousands of events and most a
handful), then times the queries an analyst's "one dyad" view runs, through `Store`:
- "events page": `Store.events(Filters(source=A, target=B), limit=50)` (count + first page);
- "dyad series": `Store.dyads(Filters(source=A, target=B), period="month")`.
Dyads are drawn the way events are (popular dyads more often). Target: p95 < 200 ms.

With `--pages` (the default for stores of up to 100,000 events) it then times every page of
the UI and the API, the 100,000-row CSV export stream (`benchmarks/grid.py`) and the Trends
page's first view of its default window (`benchmarks/trends.py`): issue #18's target, p95 <
500 ms for each. So `benchmarks/store.py --events 100000` reports every figure of its closing
note. Each event count has its own store file, shared by the three scripts.

    .venv/bin/python benchmarks/store.py [--events 1000000] [--db benchmarks/out/events-N.db]
        [--queries 200] [--pages | --no-pages] [--repeat 10] [--rebuild]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import statistics
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from eventwire.store import Filters, Store
from eventwire.store.models import (
    ActorRow,
    ArticleRow,
    DyadRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
TYPES = ("ASSAULT", "THREATEN", "ACCUSE", "AGREE", "CONSULT", "PROTEST", "COERCE", "AID")
EVENTS_PER_ARTICLE = 10
N_ACTORS = 300
TARGET_MS = 200.0
_NOW = datetime(2026, 1, 1)


def default_db(events: int) -> Path:
    """The store file of `events` synthetic events, shared by the store, grid and trends
    benchmarks."""
    return OUT / f"events-{events}.db"


def country(i: int) -> str:
    """The synthetic country of actor i: one of 60 codes of three capitals, as the filters
    take ISO 3166 alpha-3 codes (CAA, CAB, ... CCH)."""
    n = i % 60
    return f"C{chr(65 + n // 26)}{chr(65 + n % 26)}"


def actors() -> list[tuple[str, str]]:
    """Synthetic (name, country) pairs."""
    return [(f"Actor {i:03d}", country(i)) for i in range(N_ACTORS)]


def _pick(rng: random.Random, cum_weights: list[float]) -> int:
    return bisect.bisect_left(cum_weights, rng.random() * cum_weights[-1])


def build(store: Store, n_events: int, *, seed: int = 7) -> float:
    """Fill the store with `n_events` synthetic events; returns seconds taken."""
    rng = random.Random(seed)
    names = actors()
    # a few actors dominate: Zipf-like weights, cumulated for bisection
    weights = list(itertools.accumulate(1 / (i + 1) ** 1.1 for i in range(N_ACTORS)))
    started = time.perf_counter()
    n_articles = n_events // EVENTS_PER_ARTICLE
    batch = 2_000  # articles per transaction
    for first in range(0, n_articles, batch):
        rows = _batch(rng, names, weights, first, min(batch, n_articles - first))
        with store.engine.begin() as conn:
            for table, values in rows.items():
                conn.execute(insert(table.__table__), values)
        if first % 20_000 == 0:
            done = first * EVENTS_PER_ARTICLE
            print(f"  {done:>9,} events ({time.perf_counter() - started:.0f} s)", flush=True)
    return time.perf_counter() - started


def _batch(
    rng: random.Random, names: list[tuple[str, str]], weights: list[float], first: int, n: int
) -> dict[Any, list[dict[str, Any]]]:
    """Rows for articles first..first+n, with explicit primary keys (one writer here)."""
    out: dict[Any, list[dict[str, Any]]] = {
        t: [] for t in (ArticleRow, ActorRow, EventRow, EvidenceRow, EventActorRow, DyadRow)
    }
    for a in range(first, first + n):
        pk = a + 1
        day = f"20{20 + a % 6:02d}-{1 + a % 12:02d}-{1 + a % 28:02d}"
        text = f"Synthetic article {pk}."
        out[ArticleRow].append({
            "pk": pk, "article_id": f"syn-{pk}", "content_hash": f"{pk:064x}", "published": day,
            "title": None, "outlet": "Synthetic", "url": None, "language": "en", "text": text,
            "pipeline_version": "bench", "run_id": None, "coded_at": _NOW,
            "n_events": EVENTS_PER_ARTICLE,
        })  # fmt: skip
        local: dict[int, str] = {}
        for e in range(EVENTS_PER_ARTICLE):
            s, t = _pick(rng, weights), _pick(rng, weights)
            while t == s:
                t = _pick(rng, weights)
            for i in (s, t):
                if i not in local:
                    local[i] = f"A{len(local) + 1}"
                    out[ActorRow].append({
                        "article_pk": pk, "local_id": local[i], "name": names[i][0],
                        "name_key": names[i][0].casefold(), "country": names[i][1],
                        "sector": "GOV", "kb_id": None, "wikidata": None, "kind": "state",
                        "designations": [], "affiliations": [], "pipeline_version": "bench",
                    })  # fmt: skip
            epk = a * EVENTS_PER_ARTICLE + e + 1
            kind = TYPES[rng.randrange(len(TYPES))]
            intensity = round(rng.uniform(-10, 10), 1)
            out[EventRow].append({
                "pk": epk, "article_pk": pk, "local_id": f"V{e + 1}", "type": kind, "mode": None,
                "context": [], "source": [local[s]], "target": [local[t]], "status": "occurred",
                "date": day, "day": day, "date_precision": "day", "time": None, "location": None,
                "attributed_to": None, "reported_by": [], "quote": None, "intensity": intensity,
                "quad": 4 if intensity < 0 else 1, "confidence": 0.7, "pipeline_version": "bench",
            })  # fmt: skip
            out[EvidenceRow].append(
                {"event_pk": epk, "article_pk": pk, "start": 0, "end": len(text), "text": text}
            )
            for role, i in (("source", s), ("target", t)):
                out[EventActorRow].append({
                    "event_pk": epk, "article_pk": pk, "role": role, "name": names[i][0],
                    "name_key": names[i][0].casefold(), "country": names[i][1],
                })  # fmt: skip
            out[DyadRow].append({
                "event_pk": epk, "article_pk": pk, "source_name": names[s][0],
                "source_key": names[s][0].casefold(), "source_country": names[s][1],
                "target_name": names[t][0], "target_key": names[t][0].casefold(),
                "target_country": names[t][1], "day": day, "type": kind, "intensity": intensity,
            })  # fmt: skip
    return out


def sample_dyads(store: Store, k: int, *, seed: int = 11) -> list[tuple[str, str, int]]:
    """k dyads drawn like events are: (source, target, its number of events)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(DyadRow.source_name, DyadRow.target_name, func.count())
            .group_by(DyadRow.source_name, DyadRow.target_name)
        ).all()  # fmt: skip
    rng = random.Random(seed)
    picked = rng.choices(rows, weights=[r[2] for r in rows], k=k)
    return [(s, t, n) for s, t, n in picked]


def time_queries(
    dyads: list[tuple[str, str, int]], query: Callable[[str, str], Any]
) -> list[float]:
    times = []
    for source, target, _ in dyads:
        started = time.perf_counter()
        query(source, target)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _report(name: str, times: list[float]) -> bool:
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    ok = p95 < TARGET_MS
    print(
        f"{name:<13} n={len(times):<4} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {times[-1]:7.1f} ms   target p95 < {TARGET_MS:.0f} ms: {'met' if ok else 'MISSED'}"
    )
    return ok


def _existing_events(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(EventRow)).scalar() or 0)


def open_bench_store(
    db: Path,
    *,
    events: int,
    rebuild: bool,
) -> tuple[Store, int] | None:
    """The synthetic benchmark store at `db` with `events` events, built when empty and
    rebuilt on `rebuild`; None, with a message, when it holds another number of events.
    Shared by the store, grid and trends benchmarks."""
    if rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    store = Store(f"sqlite:///{db}")
    have = _existing_events(store)
    if have == 0:
        print(f"building {events:,} synthetic events in {db} ...")
        seconds = build(store, events)
        print(f"built in {seconds:.0f} s ({events / seconds:,.0f} events/s)")
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")  # planner statistics, as a maintained store has
        return store, events
    if have != events:
        print(f"{db} holds {have:,} events, not {events:,}: use --rebuild")
        return None
    return store, have


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="The store file (default: out/events-N.db).")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--pages",
        action=argparse.BooleanOptionalAction,
        help="Time every page, the CSV export and Trends too (default: up to 100,000 events).",
    )
    parser.add_argument("--repeat", type=int, default=10, help="Views of each page.")
    parser.add_argument("--rebuild", action="store_true", help="Delete and rebuild the store.")
    args = parser.parse_args(argv)
    args.db = args.db or default_db(args.events)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    opened = open_bench_store(args.db, events=args.events, rebuild=args.rebuild)
    if opened is None:
        return 2
    store, have = opened
    size_mb = args.db.stat().st_size / 1e6
    print(f"store: {have or args.events:,} events, {size_mb:,.0f} MB on disk")
    dyads = sample_dyads(store, args.queries)
    sizes = sorted(n for *_, n in dyads)
    print(f"dyads queried: {len(dyads)}, events per dyad median {sizes[len(sizes) // 2]:,}, "
          f"max {sizes[-1]:,}")  # fmt: skip
    time_queries(dyads[:10], lambda s, t: store.events(Filters(source=s, target=t)))  # warm up
    ok = _report(
        "events page",
        time_queries(dyads, lambda s, t: store.events(Filters(source=s, target=t), limit=50)),
    )
    ok &= _report(
        "dyad series",
        time_queries(dyads, lambda s, t: store.dyads(Filters(source=s, target=t))),
    )
    if args.pages if args.pages is not None else args.events <= 100_000:
        # the other two scripts, on this store (each imports this one: imported here)
        import grid
        import trends

        print("\nevery page (benchmarks/grid.py): wall-clock ms, CPU ms beside")
        ok &= grid.time_pages(store, repeat=args.repeat)
        ok &= grid.time_exports(store, events=have, repeat=3)
        print("\nTrends, first view of a window (benchmarks/trends.py)")
        ok &= trends.time_trends(store, repeat=5)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
