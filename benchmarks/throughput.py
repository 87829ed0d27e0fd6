"""Throughput and peak memory of `eventwire extract` beside bare spaCy, in one run.

Each measurement runs in its own fresh process, so that its peak RSS is its own:
- "spacy": en_core_web_sm 3.8.0 (all its components) over the texts with nlp.pipe;
- "eventwire": the whole eventwire pipeline over the same texts (reading excluded).
The ratio eventwire/spacy is the figure the issues track (target >= 0.6).

    .venv/bin/python benchmarks/throughput.py [--corpus ../shared/data/corpus/guardian_sample.csv]
        [--limit N] [--repeat K]
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


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_spacy(texts: list[str], queue: mp.Queue) -> None:  # type: ignore[type-arg]
    import spacy

    from eventwire.resources.spacy_model import model_path

    nlp = spacy.load(model_path())
    nlp("warm up")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    queue.put({"seconds": time.perf_counter() - start, "peak_rss_mb": _peak_rss_mb()})


def _run_eventwire(rows: list[tuple[str, str | None]], queue: mp.Queue) -> None:  # type: ignore[type-arg]
    from eventwire.pipeline import Pipeline
    from eventwire.readers import make_document
    from eventwire.record import ErrorRecord
    from eventwire.resources import Resources

    pipeline = Pipeline.from_names(resources=Resources().load_all())
    pipeline(make_document("Iran warned Israel on Tuesday.", published="2024-11-02"))
    docs = [make_document(text, published=(date or "")[:10] or None) for text, date in rows]
    start = time.perf_counter()
    errors = events = 0
    for result in pipeline.run(docs):
        if isinstance(result, ErrorRecord):
            errors += 1
        else:
            events += len(result.events)
    queue.put(
        {
            "seconds": time.perf_counter() - start,
            "peak_rss_mb": _peak_rss_mb(),
            "errors": errors,
            "events": events,
        }
    )


def measure(target, payload) -> dict[str, float]:  # type: ignore[no-untyped-def]
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(payload, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"throughput.py: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    rows = load_corpus(args.corpus, args.limit)
    texts = [t for t, _ in rows]
    words = sum(len(t.split()) for t in texts)
    bare = measure(_run_spacy, texts)
    ours = measure(_run_eventwire, rows)
    figures = {
        "articles": len(texts),
        "words": words,
        "spacy_articles_per_s": len(texts) / bare["seconds"],
        "spacy_words_per_s": words / bare["seconds"],
        "spacy_peak_rss_mb": bare["peak_rss_mb"],
        "eventwire_articles_per_s": len(texts) / ours["seconds"],
        "eventwire_words_per_s": words / ours["seconds"],
        "eventwire_peak_rss_mb": ours["peak_rss_mb"],
        "eventwire_errors": ours["errors"],
        "eventwire_events": ours["events"],
        "ratio": bare["seconds"] / ours["seconds"],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"corpus: {args.corpus} ({len(texts)} articles, {words:,} words)")
    print(f"{'':<12}{'articles/s':>12}{'words/s':>12}{'peak RSS MB':>13}")
    print(
        f"{'spaCy sm':<12}{figures['spacy_articles_per_s']:>12.2f}"
        f"{figures['spacy_words_per_s']:>12,.0f}{bare['peak_rss_mb']:>13.0f}"
    )
    print(
        f"{'eventwire':<12}{figures['eventwire_articles_per_s']:>12.2f}"
        f"{figures['eventwire_words_per_s']:>12,.0f}{ours['peak_rss_mb']:>13.0f}"
    )
    print(
        f"ratio eventwire/spaCy: {figures['ratio']:.2f}  "
        f"({ours['events']} events, {ours['errors']} error records)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
