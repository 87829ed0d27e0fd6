"""Event-type coding of given actor pairs (`eventwire classify`) on development sets.

- plv: `../shared/data/events/plv_train.tsv`, sentences with marked source and target and a
  gold PLOVER root (15 roots: CONCEDE and RETREAT merged as YIELD). A development test set:
  eventwire never trains on it. Peer: a roberta-large NLI zero-shot coder, root accuracy 0.838,
  macro-F1 0.824 on the held-out counterpart (GPU).
- petr: the PETRARCH-2 validation sentences (`petr_unittest_records.jsonl`; their actors are
  codes, not text, so no pair is given): each sentence goes through `extract`, and a sentence
  counts as found when one of its events has a gold coding's PLOVER type.
- case: `case2021_task2.tsv` ACLED-style snippets, their sub-type mapped to a PLOVER type
  (`CASE_TO_PLOVER`; disasters and crime map to none): share of snippets whose type `extract`
  finds, and events coded on the no-event snippets (natural and man-made disasters).

Prints accuracy, macro-F1, per-type F1 and sentences per second (parsing included, one and two
processes, beside bare spaCy parsing of the same sentences on the same machine), as JSON.

    .venv/bin/python benchmarks/events.py [--plv PATH] [--petr PATH] [--case PATH] [--limit N]
        [--confusion] [--skip-extract]
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


#: ACLED-style sub-types of CASE 2021 task 2 as PLOVER types (None: no PLOVER event).
CASE_TO_PLOVER: dict[str, set[str] | None] = {
    "ARMED_CLASH": {"ASSAULT"},
    "GRENADE": {"ASSAULT"},
    "SUIC_BOMB": {"ASSAULT"},
    "CHEM_WEAP": {"ASSAULT"},
    "REM_EXPLOS": {"ASSAULT"},
    "ART_MISS_ATTACK": {"ASSAULT"},
    "AIR_STRIKE": {"ASSAULT"},
    "ATTACK": {"ASSAULT"},
    "SEX_VIOL": {"ASSAULT"},
    "ABDUCT_DISSAP": {"ASSAULT"},
    "PROPERTY_DISTRUCT": {"ASSAULT"},
    "GOV_REGAINS_TERIT": {"ASSAULT"},
    "NON_STATE_ACTOR_OVERTAKES_TER": {"ASSAULT"},
    "FORCE_AGAINST_PROTEST": {"ASSAULT", "COERCE"},
    "DISR_WEAP": {"COERCE"},
    "ARREST": {"COERCE"},
    "PEACE_PROTEST": {"PROTEST"},
    "PROTEST_WITH_INTER": {"PROTEST"},
    "VIOL_DEMONSTR": {"PROTEST"},
    "MOB_VIOL": {"PROTEST", "ASSAULT"},
    "AGREEMENT": {"AGREE", "SUPPORT"},
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
}


def load_petr(path: Path, limit: int | None) -> list[tuple[str, str | None, set[str]]]:
    """(sentence, date, PLOVER types of its codings) of PETRARCH records with a type."""
    out: list[tuple[str, str | None, set[str]]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            types = {c.get("plover_event_mapped") for c in rec.get("codings", [])}
            types.discard(None)
            if rec.get("text") and types:
                date = rec.get("date") or ""
                iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
                out.append((rec["text"], iso, types))
    return out[:limit] if limit else out


def load_case(path: Path, limit: int | None) -> list[tuple[str, str | None, set[str] | None]]:
    """(snippet, None, PLOVER types or None) of the CASE snippets whose sub-type is mapped."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    out = [
        (r["EventSnippet"], None, CASE_TO_PLOVER[r["SubType"]])
        for r in rows
        if r["SubType"] in CASE_TO_PLOVER
    ]
    return out[:limit] if limit else out


def run_extract(items: list[tuple[str, str | None, set[str] | None]]) -> dict[str, Any]:
    """Share of texts whose gold type `extract` codes; events on the no-event texts."""
    from eventwire.errors import EventwireError
    from eventwire.pipeline import Pipeline
    from eventwire.readers import make_document
    from eventwire.resources import Resources

    pipeline = Pipeline.from_names(resources=Resources().load_all())
    found = with_event = no_event = false_events = refused = 0
    for text, date, want in items:
        try:
            types = {e.type for e in pipeline(make_document(text, published=date)).events}
        except EventwireError:
            refused += 1  # extract refuses some snippets (e.g. not English): nothing found
            types = set()
        if want is None:
            no_event += 1
            false_events += len(types)
            continue
        with_event += 1
        found += bool(types & want)
    return {
        "texts_with_event": with_event,
        "type_found": round(found / with_event, 3) if with_event else None,
        "no_event_texts": no_event,
        "event_types_on_no_event_texts": false_events,
        "refused_by_extract": refused,
    }


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
    from eventwire.events.classify import classify_records, pair_input
    from eventwire.resources.plover import ROOT as TO_ROOT
    from eventwire.resources.spacy_model import load_nlp

    nlp = load_nlp()
    nlp("warm up")
    texts = [pair_input(rec)[0] for rec, _ in items]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    bare = time.perf_counter() - start
    start = time.perf_counter()
    out = list(classify_records(nlp, (rec for rec, _ in items)))
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    out2 = list(classify_records(nlp, (rec for rec, _ in items), processes=2))
    seconds2 = time.perf_counter() - start
    assert [o["type"] for o in out] == [o["type"] for o in out2]
    gold = [g for _, g in items]
    pred = [TO_ROOT[o["type"]] for o in out]
    result = score(gold, pred)
    result["sentences_per_s"] = round(len(items) / seconds, 1)
    result["sentences_per_s_2_processes"] = round(len(items) / seconds2, 1)
    result["bare_spacy_sentences_per_s"] = round(len(items) / bare, 1)
    if confusion:
        pairs = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
        result["confusions"] = [f"{g}->{p}: {n}" for (g, p), n in pairs.most_common(25)]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plv", type=Path, default=DATA / "plv_train.tsv")
    parser.add_argument("--petr", type=Path, default=DATA / "petr_unittest_records.jsonl")
    parser.add_argument("--case", type=Path, default=DATA / "case2021_task2.tsv")
    parser.add_argument("--skip-extract", action="store_true", help="only the plv pair task")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--confusion", action="store_true", help="list the main confusions")
    args = parser.parse_args()
    report: dict[str, Any] = {"peer_plv": {"accuracy": 0.838, "macro_f1": 0.824}}
    if args.plv.exists():
        report["plv"] = run(load_plv(args.plv, args.limit), confusion=args.confusion)
    if not args.skip_extract and args.petr.exists():
        report["petr_extract"] = run_extract(load_petr(args.petr, args.limit))
    if not args.skip_extract and args.case.exists():
        report["case_extract"] = run_extract(load_case(args.case, args.limit))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
