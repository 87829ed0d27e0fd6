"""How long the actor knowledge base takes to load in a fresh process (issue #16: < 1 s).

    .venv/bin/python benchmarks/kb_load.py [--runs 5] [--no-cache]

Each run is a new Python process that times `Resources().kb` plus its first lookup (which
loads the bulk-imported people), then the indexes the first article builds (first names,
surnames, office holders, fuzzy keys). Wall-clock and CPU seconds are both reported, as
medians: on a shared machine the wall clock mostly measures the other processes, the CPU time
what loading costs. A first, unreported run fills the cache (`EVENTWIRE_CACHE_DIR`);
`--no-cache` turns the cache off for every run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

__all__ = ["main", "one_run"]

_PROBE = """
import json, time
clock, cpu = time.perf_counter, time.process_time
w0, c0 = clock(), cpu()
from eventwire.resources import Resources
kb = Resources().kb
kb.lookup("Tony Blair")
w1, c1 = clock(), cpu()
kb.is_first_name("Tony"); kb.by_surname("Blair"); kb.holder("president", "FRA", date=None)
kb.fuzzy("Kataib Hizbollah")
w2, c2 = clock(), cpu()
print(json.dumps({"load wall": w1 - w0, "load cpu": c1 - c0,
                  "indexes wall": w2 - w1, "indexes cpu": c2 - c1}))
"""


def one_run(*, cache: bool) -> dict[str, float]:
    env = dict(os.environ)
    if not cache:
        env["EVENTWIRE_CACHE_DIR"] = ""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, check=True, capture_output=True, text=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-cache", action="store_true", help="read the imported files")
    args = parser.parse_args(argv)
    cache = not args.no_cache
    one_run(cache=cache)  # fills the cache; its own cost is the old one
    runs = [one_run(cache=cache) for _ in range(args.runs)]
    label = "cache on" if cache else "cache off"
    print(f"knowledge base in a fresh process ({label}, median of {args.runs} runs):")
    for what in ("load", "indexes"):
        wall = statistics.median(r[f"{what} wall"] for r in runs)
        cpu = statistics.median(r[f"{what} cpu"] for r in runs)
        name = "Resources().kb + first lookup" if what == "load" else "first article's indexes"
        print(f"  {name:<31} wall {wall:.3f} s   cpu {cpu:.3f} s")


if __name__ == "__main__":
    main()
