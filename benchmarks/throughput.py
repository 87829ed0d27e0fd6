"""Throughput and peak memory of `eventwire extract` beside bare spaCy, in one run.

Each measurement runs in its own fresh process, so that its peak RSS is its own:
- "spaCy sm, N proc": en_core_web_sm 3.8.0 (all its components) over the texts with
  `nlp.pipe(n_process=N)`;
- "eventwire, N workers": the whole eventwire pipeline over the same texts (reading
  excluded; with N > 1 through `eventwire.workers.run_parallel`, worker start-up included).
The ratios eventwire/spaCy at the same number of processes are the figures the issues track
(target >= 0.6), on the wall clock; with one process the ratio of CPU seconds is printed too,
which other programs on a shared machine disturb less. Peak RSS is per process: for several
workers, the largest worker's.

    .venv/bin/python benchmarks/throughput.py [--corpus ../shared/data/corpus/guardian_sample.csv]
        [--limit N] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "guardian_sample.csv"


def load_corpus(path: Path, limit: int | None) -> list[tuple[str, str | None]]:
    """(text, date) pairs from a CSV with a `text` column (and `date` if present)."""
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(r["text"], r.get("date") or None) for r in csv.DictReader(handle) if r.get("text")]
    return rows[:limit] if limit else rows


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in KiB on Linux; for RUSAGE_CHILDREN it is the largest child's
    return resource.getrusage(who).ru_maxrss / 1024


def _run_spacy(texts: list[str], processes: int, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    import spacy

    from eventwire.resources.spacy_model import model_path

    nlp = spacy.load(model_path())
    nlp("warm up")
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
        pass
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = _peak_rss_mb() if processes == 1 else _peak_rss_mb(resource.RUSAGE_CHILDREN)
    queue.put({"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": rss})


def _run_eventwire(
    rows: list[tuple[str, str | None]],
    workers: int,
    queue: mp.Queue,  # type: ignore[type-arg]
) -> None:
    from eventwire.pipeline import Pipeline
    from eventwire.readers import make_document
    from eventwire.record import ErrorRecord
    from eventwire.resources import Resources
    from eventwire.workers import run_parallel

    docs = [make_document(text, published=(date or "")[:10] or None) for text, date in rows]
    if workers == 1:
        pipeline = Pipeline.from_names(resources=Resources().load_all())
        pipeline(make_document("Iran warned Israel on Tuesday.", published="2024-11-02"))
        start, cpu = time.perf_counter(), time.process_time()
        results = list(pipeline.run(docs))
    else:
        start, cpu = time.perf_counter(), time.process_time()
        results = list(run_parallel(docs, workers=workers))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    errors = sum(isinstance(r, ErrorRecord) for r in results)
    events = sum(len(r.events) for r in results if not isinstance(r, ErrorRecord))
    rss = _peak_rss_mb() if workers == 1 else _peak_rss_mb(resource.RUSAGE_CHILDREN)
    queue.put(
        {"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": rss, "errors": errors,
         "events": events}
    )  # fmt: skip


def measure(target, *payload) -> dict[str, float]:  # type: ignore[no-untyped-def]
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*payload, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="process counts to measure"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"throughput.py: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    rows = load_corpus(args.corpus, args.limit)
    texts = [t for t, _ in rows]
    words = sum(len(t.split()) for t in texts)
    table: dict[str, dict[str, float]] = {}
    for n in args.workers:
        table[f"spaCy sm, {n} proc"] = measure(_run_spacy, texts, n)
        table[f"eventwire, {n} workers"] = measure(_run_eventwire, rows, n)
    figures: dict[str, object] = {"articles": len(texts), "words": words, "runs": {}}
    for name, run in table.items():
        figures["runs"][name] = {  # type: ignore[index]
            "articles_per_s": len(texts) / run["seconds"],
            "words_per_s": words / run["seconds"],
            "peak_rss_mb": run["peak_rss_mb"],
            **{k: run[k] for k in ("events", "errors") if k in run},
        }
    ratios = {
        n: table[f"spaCy sm, {n} proc"]["seconds"] / table[f"eventwire, {n} workers"]["seconds"]
        for n in args.workers
    }
    figures["ratios"] = ratios
    # On a shared machine the wall clock also counts other programs' turns; the CPU seconds
    # of one process do not (with one process only: workers' CPU is not the parent's).
    cpu_ratio = (
        table["spaCy sm, 1 proc"]["cpu_seconds"] / table["eventwire, 1 workers"]["cpu_seconds"]
        if 1 in args.workers
        else None
    )
    figures["cpu_ratio_1_process"] = cpu_ratio
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"corpus: {args.corpus} ({len(texts)} articles, {words:,} words)")
    print(f"{'':<22}{'articles/s':>12}{'words/s':>12}{'peak RSS MB':>13}")
    for name, run in table.items():
        print(
            f"{name:<22}{len(texts) / run['seconds']:>12.2f}"
            f"{words / run['seconds']:>12,.0f}{run['peak_rss_mb']:>13.0f}"
        )
    for n, ratio in ratios.items():
        print(f"ratio eventwire/spaCy at {n} process(es): {ratio:.2f}")
    if cpu_ratio is not None:
        print(f"CPU-time ratio eventwire/spaCy at 1 process: {cpu_ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
