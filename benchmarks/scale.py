"""Project a GDELT-sized day (100,000 articles) from a measured ingest of 5,000 or more.

The measured run is the real thing: `eventwire ingest --workers N` (reading, coding in worker
processes, one transaction per article into a fresh SQLite store), as a subprocess, on a
JSON Lines corpus of `--articles` articles built by cycling the texts of a CSV corpus (each
copy gets its own id, a shifted date and a closing line of its own, so that every copy is a
new article to the store, not an update of the first). The
projection is the measured rate applied to `--day` articles; peak RSS is sampled from the
process tree while it runs.

    .venv/bin/python benchmarks/scale.py [--articles 5000] [--workers 2] [--day 100000]
        [--corpus ../shared/data/corpus/guardian_sample.csv]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "guardian_sample.csv"


def build_corpus(source: Path, out: Path, n: int) -> int:
    """Write `n` articles cycled from `source`; returns the number of words."""
    csv.field_size_limit(1 << 30)
    with source.open(encoding="utf-8", newline="") as handle:
        rows = [(r["text"], r.get("date") or "2024-01-01") for r in csv.DictReader(handle)]
    rows = [r for r in rows if r[0].strip()]
    words = 0
    with out.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text, date = rows[i % len(rows)]
            text = f"{text}\n\n(Copy {i} of the benchmark corpus.)"
            day = dt.date.fromisoformat(date[:10]) + dt.timedelta(days=i // len(rows))
            handle.write(json.dumps({"id": f"s{i}", "published": day.isoformat(), "text": text}))
            handle.write("\n")
            words += len(text.split())
    return words


def _tree_rss_mb(pid: int) -> tuple[float, float]:
    """(total, largest single process) resident memory of a process and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total = largest = 0.0
    stack = [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    mb = int(line.split()[1]) / 1024
                    total += mb
                    largest = max(largest, mb)
        except OSError:
            continue
    return total, largest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--day", type=int, default=100_000, help="articles in the projected day")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"scale.py: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        words = build_corpus(args.corpus, data, args.articles)
        db = Path(tmp) / "scale.db"
        command = [
            sys.executable, "-m", "eventwire.cli", "ingest", str(data), "--db", str(db),
            "--workers", str(args.workers), "--no-progress",
        ]  # fmt: skip
        peak = {"total": 0.0, "largest": 0.0}
        started = time.perf_counter()
        proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)

        def sample() -> None:
            while proc.poll() is None:
                total, largest = _tree_rss_mb(proc.pid)
                peak["total"] = max(peak["total"], total)
                peak["largest"] = max(peak["largest"], largest)
                time.sleep(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, err = proc.communicate()
        seconds = time.perf_counter() - started
        sampler.join(timeout=2)
        if proc.returncode != 0:
            print(f"scale.py: ingest failed:\n{err}", file=sys.stderr)
            return 1
    rate = args.articles / seconds
    print(f"measured: {args.articles:,} articles ({words:,} words) with {args.workers} workers")
    print(f"  {seconds:,.0f} s, {rate:.2f} articles/s, {words / seconds:,.0f} words/s")
    print(f"  peak RSS: {peak['total']:,.0f} MB in all, {peak['largest']:,.0f} MB largest process")
    print(f"  ingest said: {err.strip().splitlines()[0] if err.strip() else '-'}")
    hours = args.day / rate / 3600
    print(f"projected: {args.day:,} articles in {hours:.1f} h at the measured rate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
