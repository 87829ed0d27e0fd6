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

- plv-e2e: the same plv rows end to end: `extract` runs on the bare sentence (the marks removed)
  and `plv_end_to_end` gives the recall of: any event; the gold root (an event's type mapped to
  the 15 roots); root + source; root + source + target. An event's side matches the gold's
  marked span when one of the event's actors on that side has a mention overlapping the span
  (offsets in the record's text) or a mention text or name equal to the marked text (ignoring
  case and a leading "the"). A row with no mark on one side (a few have no target) asks
  nothing of that side.
- news-gold: `eventwire eval` on `news_gold/` (scored as `../shared/tools/score_news_gold.py`).

Every set with ids is split by id parity (plv: the `row` column; petr and case: the position in
the file; news_gold: its `split.json`): "even" to tune on, "odd" to check on; both are reported.
Prints accuracy, macro-F1, per-type F1, recalls and sentences per second (parsing included,
beside bare spaCy parsing of the same sentences on the same machine), as JSON.

    .venv/bin/python benchmarks/events.py [--only plv-e2e,news-gold,petr,case,plv] [--limit N]
        [--plv PATH] [--petr PATH] [--case PATH] [--news-gold DIR] [--confusion]

Everything takes about 6 minutes on the two-core machine under load; `--limit 100 --only
plv,plv-e2e,petr,case` under a minute; news-gold runs about one article a second
(`--limit N` keeps its first N articles).
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: ../shared/data/events of the checkout (a worktree sits one folder deeper than the main one)
DATA = (
    next((p / "shared" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT.parent)
    / "data"
    / "events"
)
SECTIONS = ("plv", "plv-e2e", "news-gold", "petr", "case")
HALVES = ("even", "odd")
#: What `plv_end_to_end` counts, each a recall over the rows.
LEVELS = ("any_event", "type", "type_source", "type_source_target")

Span = tuple[int, int]


def half_of(key: int) -> str:
    """The parity half of an id: "even" (tune) or "odd" (check)."""
    return HALVES[key % 2]


def load_plv_rows(path: Path, limit: int | None) -> list[dict[str, str]]:
    """The rows of plv_train.tsv (columns row, marked_sentence, gold_root, ...)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return rows[:limit] if limit else rows


def load_plv(path: Path, limit: int | None) -> list[tuple[dict[str, Any], str]]:
    """(classify input record, gold root) per row; the inline marks give exact spans."""
    rows = load_plv_rows(path, limit)
    return [({"id": r["row"], "text": r["marked_sentence"]}, r["gold_root"]) for r in rows]


def bare_sentence(row: dict[str, str]) -> tuple[str, Span | None, Span | None]:
    """(sentence without its <s>/<t> marks, source span, target span) of a plv row."""
    from eventwire.events.classify import pair_input

    return pair_input({"id": row["row"], "text": row["marked_sentence"]})


def plv_end_to_end(
    records: Iterable[dict[str, Any]], rows: Iterable[dict[str, str]]
) -> dict[str, Any]:
    """Recall of the plv gold in `extract` records of the bare sentences, all rows and by half.

    `records` are eventwire/1 JSON objects (or error records) whose article id is the row's
    `row` id; `rows` are plv_train rows. Per row, in order of strictness: any event; an event
    whose type maps to the gold root; one that also matches the source; one that matches
    source and target. A side matches when one of the event's actors on that side has a
    mention overlapping the marked span, or a mention text or name equal to the marked text
    (case and a leading "the" ignored); a side the row does not mark matches anything.
    Returns {"all" | "even" | "odd": {"n", "any_event", "type", "type_source",
    "type_source_target"}}, halves by the parity of `row`.
    """
    by_id = {str((r.get("article") or {}).get("id")): r for r in records}
    counts = {name: Counter[str]() for name in ("all", *HALVES)}
    for row in rows:
        text, src, tgt = bare_sentence(row)
        found = _plv_found(by_id.get(str(row["row"]), {}), text, src, tgt, row["gold_root"])
        for name in ("all", half_of(int(row["row"]))):
            counts[name]["n"] += 1
            counts[name].update(found)
    return {
        name: {"n": c["n"], **{k: round(c[k] / c["n"], 3) if c["n"] else None for k in LEVELS}}
        for name, c in counts.items()
    }


def _plv_found(
    rec: dict[str, Any], text: str, src: Span | None, tgt: Span | None, gold_root: str
) -> set[str]:
    from eventwire.resources.plover import ROOT as TO_ROOT

    events = rec.get("events") or []
    if not events:
        return set()
    actors = {a["id"]: a for a in rec.get("actors") or []}
    rtext = rec.get("text") or text
    want_s, want_t = _gold_side(text, src, rtext), _gold_side(text, tgt, rtext)
    found = {"any_event"}
    for event in events:
        if TO_ROOT.get(event.get("type", "")) != gold_root:
            continue
        found.add("type")
        if _side(event.get("source") or [], want_s, actors):
            found.add("type_source")
            if _side(event.get("target") or [], want_t, actors):
                found.add("type_source_target")
    return found


def _gold_side(text: str, span: Span | None, rtext: str) -> tuple[Span | None, str] | None:
    """The marked span in the record's text (which normalisation may have changed) and its
    text; None when the row marks no actor on that side."""
    if span is None:
        return None
    want = text[span[0] : span[1]]
    if rtext == text:
        return span, want
    at = rtext.find(want)
    return ((at, at + len(want)) if at >= 0 else None), want


def _norm(name: str) -> str:
    return " ".join(name.lower().split()).removeprefix("the ")


def _side(
    ids: list[str], want: tuple[Span | None, str] | None, actors: dict[str, dict[str, Any]]
) -> bool:
    if want is None:
        return True
    span, want_text = want
    for actor in (actors.get(i) for i in ids):
        if actor is None:
            continue
        if _norm(actor.get("name") or "") == _norm(want_text):
            return True
        for m in actor.get("mentions") or []:
            if span is not None and m["start"] < span[1] and span[0] < m["end"]:
                return True
            if _norm(m.get("text") or "") == _norm(want_text):
                return True
    return False


def extract_records(items: list[tuple[str, str, str | None]]) -> tuple[list[dict[str, Any]], float]:
    """`extract` (one process) on (id, text, date) items: eventwire/1 dicts, seconds taken."""
    from eventwire.readers import make_document

    pipeline = _pipeline()
    docs = [make_document(text, article_id=i, published=date) for i, text, date in items]
    start = time.perf_counter()
    out = [r.to_dict() for r in pipeline.run(docs)]
    return out, time.perf_counter() - start


@functools.cache
def _pipeline() -> Any:
    """The default pipeline, loaded and warmed up once for every section."""
    from eventwire.pipeline import Pipeline
    from eventwire.readers import make_document
    from eventwire.resources import Resources

    pipeline = Pipeline.from_names(resources=Resources().load_all())
    pipeline(make_document("Warm-up sentence.", article_id="warm-up"))
    return pipeline


def bare_spacy_seconds(texts: list[str]) -> float:
    """Seconds bare spaCy takes to parse the texts (the throughput yardstick)."""
    from eventwire.resources.spacy_model import load_nlp

    nlp = load_nlp()
    nlp("warm up")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - start


def run_plv_e2e(rows: list[dict[str, str]]) -> dict[str, Any]:
    """`extract` on the bare plv sentences, scored by `plv_end_to_end`, with throughput."""
    texts = [(r["row"], bare_sentence(r)[0]) for r in rows]
    records, seconds = extract_records([(i, t, None) for i, t in texts])
    result = plv_end_to_end(records, rows)
    result["errors"] = sum("error" in r for r in records)
    result["extract_sentences_per_s"] = round(len(rows) / seconds, 1)
    bare = bare_spacy_seconds([t for _, t in texts])
    result["bare_spacy_sentences_per_s"] = round(len(rows) / bare, 1)
    return result


def run_news_gold(path: Path, limit: int | None) -> dict[str, Any]:
    """`extract` on news_gold's input.jsonl, scored as `eventwire eval` does, in all and by
    the halves of its split.json."""
    from eventwire.events.news_gold import load_news_gold, score_news_gold

    with (path / "input.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = rows[:limit] if limit else rows
    items = [(str(r["id"]), r["text"], r.get("published")) for r in rows]
    records, seconds = extract_records(items)
    by_id = {str(r["article"].get("id")): r for r in records}
    out: dict[str, Any] = {}
    for half in (None, *HALVES):
        articles = [a for a in load_news_gold(path, half=half) if a.id in by_id]
        figures = score_news_gold(articles, by_id).metrics()
        out[half or "all"] = {"articles": len(articles), **figures}
    out["extract_articles_per_s"] = round(len(items) / seconds, 2)
    return out


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


#: (position in its file, text, date, PLOVER types or None for a no-event text)
Item = tuple[int, str, str | None, set[str] | None]


def load_petr(path: Path, limit: int | None) -> list[Item]:
    """PETRARCH records with a type: (line number from 0, sentence, date, coded types)."""
    out: list[Item] = []
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            rec = json.loads(line)
            types = {c.get("plover_event_mapped") for c in rec.get("codings", [])}
            types.discard(None)
            if rec.get("text") and types:
                date = rec.get("date") or ""
                iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
                out.append((n, rec["text"], iso, types))
    return out[:limit] if limit else out


def load_case(path: Path, limit: int | None) -> list[Item]:
    """CASE snippets whose sub-type is mapped: (row number from 0, snippet, None, types)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    out: list[Item] = [
        (n, r["EventSnippet"], None, CASE_TO_PLOVER[r["SubType"]])
        for n, r in enumerate(rows)
        if r["SubType"] in CASE_TO_PLOVER
    ]
    return out[:limit] if limit else out


def run_extract(items: list[Item]) -> dict[str, Any]:
    """Share of texts whose gold type `extract` codes; events on the no-event texts; by half."""
    records, seconds = extract_records([(str(n), text, date) for n, text, date, _ in items])
    counts = {name: Counter[str]() for name in ("all", *HALVES)}
    for (n, _, _, want), rec in zip(items, records, strict=True):
        types = {e["type"] for e in rec.get("events", [])}
        for name in ("all", half_of(n)):
            c = counts[name]
            c["refused"] += "error" in rec  # extract refuses some snippets (e.g. not English)
            if want is None:
                c["no_event"] += 1
                c["false_events"] += len(types)
            else:
                c["with_event"] += 1
                c["found"] += bool(types & want)
    out: dict[str, Any] = {}
    for name, c in counts.items():
        out[name] = {
            "texts_with_event": c["with_event"],
            "type_found": round(c["found"] / c["with_event"], 3) if c["with_event"] else None,
            "no_event_texts": c["no_event"],
            "event_types_on_no_event_texts": c["false_events"],
            "refused_by_extract": c["refused"],
        }
    out["extract_sentences_per_s"] = round(len(items) / seconds, 1)
    return out


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
    """`classify` on the plv pairs: scores over all rows and by half, with throughput."""
    from eventwire.events.classify import classify_records, pair_input
    from eventwire.resources.plover import ROOT as TO_ROOT
    from eventwire.resources.spacy_model import load_nlp

    nlp = load_nlp()
    bare = bare_spacy_seconds([pair_input(rec)[0] for rec, _ in items])
    start = time.perf_counter()
    out = list(classify_records(nlp, (rec for rec, _ in items)))
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    out2 = list(classify_records(nlp, (rec for rec, _ in items), processes=2))
    seconds2 = time.perf_counter() - start
    assert [o.get("type") for o in out] == [o.get("type") for o in out2]
    gold = [g for _, g in items]
    pred = [TO_ROOT.get(o.get("type", ""), "(error)") for o in out]
    result = score(gold, pred)
    for half in HALVES:
        keep = [n for n, (rec, _) in enumerate(items) if half_of(int(rec["id"])) == half]
        if keep:
            part = score([gold[n] for n in keep], [pred[n] for n in keep])
            result[half] = {k: part[k] for k in ("n", "accuracy", "macro_f1")}
    result["sentences_per_s"] = round(len(items) / seconds, 1)
    result["sentences_per_s_2_processes"] = round(len(items) / seconds2, 1)
    result["bare_spacy_sentences_per_s"] = round(len(items) / bare, 1)
    if confusion:
        pairs = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
        result["confusions"] = [f"{g}->{p}: {n}" for (g, p), n in pairs.most_common(25)]
    return result


def _sections(value: str) -> set[str]:
    chosen = {s.strip() for s in value.split(",") if s.strip()}
    unknown = chosen - set(SECTIONS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown section(s) {sorted(unknown)}; see {SECTIONS}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plv", type=Path, default=DATA / "plv_train.tsv")
    parser.add_argument("--petr", type=Path, default=DATA / "petr_unittest_records.jsonl")
    parser.add_argument("--case", type=Path, default=DATA / "case2021_task2.tsv")
    parser.add_argument("--news-gold", type=Path, default=DATA / "news_gold")
    parser.add_argument(
        "--only",
        type=_sections,
        default=set(SECTIONS),
        help=f"comma-separated sections to run, of {', '.join(SECTIONS)} (default: all)",
    )
    parser.add_argument("--limit", type=int, default=None, help="first N rows of each set")
    parser.add_argument("--confusion", action="store_true", help="list the main confusions")
    args = parser.parse_args()
    report: dict[str, Any] = {"peer_plv": {"accuracy": 0.838, "macro_f1": 0.824}}
    if "plv" in args.only and args.plv.exists():
        report["plv"] = run(load_plv(args.plv, args.limit), confusion=args.confusion)
    if "plv-e2e" in args.only and args.plv.exists():
        report["plv_e2e"] = run_plv_e2e(load_plv_rows(args.plv, args.limit))
    if "news-gold" in args.only and (args.news_gold / "input.jsonl").exists():
        report["news_gold"] = run_news_gold(args.news_gold, args.limit)
    if "petr" in args.only and args.petr.exists():
        report["petr_extract"] = run_extract(load_petr(args.petr, args.limit))
    if "case" in args.only and args.case.exists():
        report["case_extract"] = run_extract(load_case(args.case, args.limit))
    report["speed"] = {
        "extract_sentences_per_s": report.get("plv_e2e", {}).get("extract_sentences_per_s"),
        "extract_bare_spacy_sentences_per_s": report.get("plv_e2e", {}).get(
            "bare_spacy_sentences_per_s"
        ),
        "classify_sentences_per_s": report.get("plv", {}).get("sentences_per_s"),
        "classify_bare_spacy_sentences_per_s": report.get("plv", {}).get(
            "bare_spacy_sentences_per_s"
        ),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
