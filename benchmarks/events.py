"""Event-type coding of given actor pairs (`eventwire classify`) on development sets.

- plv: `../shared/data/events/plv_train.tsv`, sentences with marked source and target and a
  gold PLOVER root (15 roots: CONCEDE and RETREAT merged as YIELD). A development test set:
  eventwire never trains on it. Peer: a roberta-large NLI zero-shot coder, root accuracy 0.838,
  macro-F1 0.824 on the held-out counterpart (GPU).
- petr: the PETRARCH-2 validation sentences (`petr_unittest_records.jsonl`) whose records carry
  a PLOVER type and a source and target found in the sentence.

Prints accuracy, macro-F1, per-type F1 and sentences per second (parsing included), as JSON.

    .venv/bin/python benchmarks/events.py [--plv PATH] [--petr PATH] [--limit N] [--confusion]
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "events"


def load_plv(path: Path, limit: int | None) -> list[tuple[dict[str, Any], str]]:
    """(classify input record, gold root) per row; the inline marks give exact spans."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    out = [({"id": r["row"], "text": r["marked_sentence"]}, r["gold_root"]) for r in rows]
    return out[:limit] if limit else out


def load_petr(path: Path, limit: int | None) -> list[tuple[dict[str, Any], str]]:
    """PETRARCH validation records with a PLOVER type whose actors appear in the text."""
    out: list[tuple[dict[str, Any], str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            item = _petr_item(rec)
            if item is not None:
                out.append(item)
    return out[:limit] if limit else out


def _petr_item(rec: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    text = rec.get("text") or rec.get("sentence") or ""
    plover = rec.get("plover") or rec.get("plover_type")
    source = rec.get("source_text") or rec.get("source")
    target = rec.get("target_text") or rec.get("target")
    if not (text and plover and isinstance(source, str) and isinstance(target, str)):
        return None
    if source not in text or target not in text or source == target:
        return None
    root = "YIELD" if plover in {"CONCEDE", "RETREAT"} else plover
    return {"id": rec.get("id"), "text": text, "source": source, "target": target}, root


def score(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the gold labels, and F1 per label."""
    labels = sorted(set(gold))
    per: dict[str, float] = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[label] = round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    return {
        "n": len(gold),
        "accuracy": round(accuracy, 3),
        "macro_f1": round(sum(per.values()) / len(per), 3),
        "f1": per,
    }


def run(items: list[tuple[dict[str, Any], str]], *, confusion: bool) -> dict[str, Any]:
    from eventwire.events.classify import classify_records
    from eventwire.resources.plover import ROOT as TO_ROOT
    from eventwire.resources.spacy_model import load_nlp

    nlp = load_nlp()
    nlp("warm up")
    start = time.perf_counter()
    out = list(classify_records(nlp, (rec for rec, _ in items)))
    seconds = time.perf_counter() - start
    gold = [g for _, g in items]
    pred = [TO_ROOT[o["type"]] for o in out]
    result = score(gold, pred)
    result["sentences_per_s"] = round(len(items) / seconds, 1)
    if confusion:
        pairs = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
        result["confusions"] = [f"{g}->{p}: {n}" for (g, p), n in pairs.most_common(25)]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plv", type=Path, default=DATA / "plv_train.tsv")
    parser.add_argument("--petr", type=Path, default=DATA / "petr_unittest_records.jsonl")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--confusion", action="store_true", help="list the main confusions")
    args = parser.parse_args()
    report: dict[str, Any] = {"peer_plv": {"accuracy": 0.838, "macro_f1": 0.824}}
    if args.plv.exists():
        report["plv"] = run(load_plv(args.plv, args.limit), confusion=args.confusion)
    if args.petr.exists():
        items = load_petr(args.petr, args.limit)
        if items:
            report["petr"] = run(items, confusion=args.confusion)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
