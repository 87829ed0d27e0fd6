"""Measure actor resolution: country and sector on NGEC cases, mention-to-actor on gold articles.

    .venv/bin/python benchmarks/actors.py [--ngec PATH] [--gold DIR] [--limit N] [--errors]

NGEC (POLECAT coder) cases: each `input` is a one-sentence article holding an actor string and
`gold` gives its span with the expected `country` and/or `sector`. The real pipeline (normalize,
segment, entities, actors) runs on the input; the predicted actor is the one with a mention that
overlaps the gold span most. Country accuracy is over cases with a gold country, sector accuracy
over cases with a gold sector; no overlapping actor counts as wrong. Cases split by the parity of
their numeric id (``ngec-012`` is even): tune on the even half, check on the odd half; both are
reported.

Knowledge-base speed (no test asserts timings): seconds to load the shipped base, to load the
imported people on the first lookup, and per fuzzy query over the whole base.

Gold articles: *.json files (one article) or *.jsonl files (one a line) with `text`, `published`
(or `article.published`) and `actors` (each a canonical `name` and its `mentions` as
[start, end] pairs); articles without `actors` are skipped. Each gold mention counts as right
when the predicted actor that covers it (overlap) is the one that covers most of the gold
actor's mentions (names are not compared, so an actor outside the base is fine). Default
folders: the project's `tests/gold/` and eventwire's own `tests/fixtures/actors_gold/`.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from timeit import default_timer as clock
from typing import Any

from eventwire.pipeline import Pipeline
from eventwire.readers.inputs import document_from_json
from eventwire.record import Actor, Document
from eventwire.resources.kb import ActorKB

__all__ = ["case_half", "kb_timings", "main", "ngec_scores", "overlapping_actor"]

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data beside the project (a worktree sits one folder deeper: look further up)
DATA = next(
    (p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
    ROOT.parent / "shared" / "data",
)
STAGES = ("normalize", "segment", "entities", "actors")


@dataclass
class Score:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.accuracy:.3f} ({self.right}/{self.total})"


def overlapping_actor(doc: Document, start: int, end: int) -> Actor | None:
    """The actor with the mention that overlaps [start, end) most, if any."""
    best: tuple[int, Actor] | None = None
    for actor in doc.actors:
        for m in actor.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor)
    return best[1] if best else None


def case_half(case_id: str) -> str:
    """ "even" (tune) or "odd" (check) by the number at the end of a case id."""
    digits = re.search(r"(\d+)\D*$", case_id)
    if digits is None:
        raise ValueError(f"case id without a number: {case_id!r}")
    return "even" if int(digits.group(1)) % 2 == 0 else "odd"


def ngec_scores(
    pipeline: Pipeline,
    path: Path,
    *,
    limit: int | None = None,
    errors: bool = False,
    half: str | None = None,
) -> tuple[Score, Score]:
    """Country and sector accuracy over the cases (of one parity `half` when given)."""
    country, sector = Score(), Score()
    with path.open(encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    if half is not None:
        cases = [c for c in cases if case_half(c["id"]) == half]
    for case in cases[:limit]:
        gold = case["gold"]
        if "country" not in gold and "sector" not in gold:
            continue
        doc = pipeline(document_from_json(case["input"], where=case["id"]))
        actor = overlapping_actor(doc, gold["start"], gold["end"])
        got_country = actor.country if actor else None
        got_sector = actor.sector if actor else None
        wrong = []
        if "country" in gold:
            country.total += 1
            country.right += got_country == gold["country"]
            if got_country != gold["country"]:
                wrong.append(f"country {got_country} != {gold['country']}")
        if "sector" in gold:
            sector.total += 1
            sector.right += got_sector == gold["sector"]
            if got_sector != gold["sector"]:
                wrong.append(f"sector {got_sector} != {gold['sector']}")
        if errors and wrong:
            name = actor.name if actor else None
            print(f"  {case['id']} {gold['actor']!r} -> {name!r}: {'; '.join(wrong)}")
    return country, sector


def kb_timings(*, queries: int = 20) -> dict[str, float]:
    """Seconds: base load, first lookup (loads the imported people), one fuzzy query."""
    began = clock()
    kb = ActorKB.load()
    loaded = clock()
    kb.lookup("Tony Blair")
    imported = clock()
    kb.fuzzy("Hezbollah")  # builds the fuzzy index
    indexed = clock()
    for _ in range(queries):
        kb.fuzzy("Kataib Hizbollah")
    return {
        "load": loaded - began,
        "first lookup": imported - loaded,
        "fuzzy index": indexed - imported,
        "fuzzy query": (clock() - indexed) / queries,
    }


def _gold_spans(text: str, mention: Any) -> tuple[int, int]:
    if isinstance(mention, list):
        return int(mention[0]), int(mention[1])
    if isinstance(mention, dict):
        return int(mention["start"]), int(mention["end"])
    start = text.find(str(mention))
    if start < 0:
        raise ValueError(f"mention {mention!r} not in text")
    return start, start + len(str(mention))


def _gold_articles(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """(name, article) for each article with actor annotations in *.json and *.jsonl files."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.json")):
        found.append((path.name, json.loads(path.read_text(encoding="utf-8"))))
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                found.append((f"{path.name}:{n}", json.loads(line)))
    return [(name, d) for name, d in found if isinstance(d, dict) and "actors" in d]


def gold_scores(pipeline: Pipeline, folders: list[Path], *, errors: bool = False) -> Score:
    score = Score()
    for folder in folders:
        for name, data in _gold_articles(folder):
            published = data.get("published") or (data.get("article") or {}).get("published")
            article = {"id": name, "text": data["text"], "published": published}
            doc = pipeline(document_from_json(article, where=name))
            _score_article(doc, data, name, score, errors=errors)
    return score


def _score_article(
    doc: Document, data: dict[str, Any], name: str, score: Score, *, errors: bool
) -> None:
    for gold_actor in data["actors"]:
        spans = [_gold_spans(data["text"], m) for m in gold_actor.get("mentions", [])]
        found = [overlapping_actor(doc, s, e) for s, e in spans]
        votes = Counter(a.id for a in found if a is not None)
        main_id = votes.most_common(1)[0][0] if votes else None
        for (s, e), actor in zip(spans, found, strict=True):
            score.total += 1
            ok = actor is not None and actor.id == main_id
            score.right += ok
            if errors and not ok:
                got = actor.name if actor else None
                print(f"  {name} {data['text'][s:e]!r} ({gold_actor['name']}) -> {got!r}")


def _default_gold() -> list[Path]:
    folders = [ROOT / "tests" / "gold", ROOT / "tests" / "fixtures" / "actors_gold"]
    return [f for f in folders if f.is_dir()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ngec", type=Path, default=DATA / "actors" / "ngec_actors_dev.jsonl")
    parser.add_argument(
        "--gold", type=Path, action="append", default=None, help="folder of gold articles"
    )
    parser.add_argument("--limit", type=int, default=None, help="first N NGEC cases per half")
    parser.add_argument(
        "--half", choices=("even", "odd"), action="append", default=None, help="one half only"
    )
    parser.add_argument("--errors", action="store_true", help="print each miss")
    parser.add_argument("--no-gold", action="store_true", help="NGEC cases only")
    args = parser.parse_args(argv)
    timings = kb_timings()
    print("knowledge base: " + ", ".join(f"{k} {v:.3f} s" for k, v in timings.items()))
    pipeline = Pipeline.from_names(STAGES)
    began = clock()
    if args.ngec.is_file():
        for half in args.half or ("even", "odd"):
            country, sector = ngec_scores(
                pipeline, args.ngec, limit=args.limit, errors=args.errors, half=half
            )
            print(
                f"NGEC dev ({args.ngec.name}) {half} ids ({'tune' if half == 'even' else 'check'}):"
                f" country accuracy {country}, sector accuracy {sector}"
            )
    else:
        print(f"NGEC file not found: {args.ngec}")
    folders = [] if args.no_gold else args.gold or _default_gold()
    score = gold_scores(pipeline, folders, errors=args.errors)
    where = ", ".join(str(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f) for f in folders)
    print(f"gold articles with actor annotations ({where}): mention-to-actor accuracy {score}")
    print(f"time {clock() - began:.1f} s")


if __name__ == "__main__":
    main()
