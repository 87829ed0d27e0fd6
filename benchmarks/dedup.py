"""Cross-article deduplication: pairwise link precision and recall on a synthetic corpus.

The corpus (`eventwire.synthetic`) has known truth: which real-world event each article
reports. Every article goes through the real pipeline (`extract`), then `link_events` links
the events of different articles. An extracted event is labelled with its article's true
event when its type matches; the figures count pairs of events from different articles:

- precision: linked pairs that report the same true event / linked pairs with at least one
  event that matches a true event (pairs of two extraction errors are left out);
- recall: linked pairs among all pairs of labelled events that report the same true event.

The baseline beside it links every event with the same type and dyad (what counting by
dyad, type and day does without place and evidence), to show what the method adds.

    .venv/bin/python benchmarks/dedup.py [--events 60] [--seed 7] [--days 2 --km 100 --sim 0.15]
"""

from __future__ import annotations

import argparse
import itertools
import time

from eventwire.dedup import DedupConfig, EventRef, event_refs, link_events
from eventwire.pipeline import Pipeline
from eventwire.readers import make_document
from eventwire.record import Document
from eventwire.resources import Resources
from eventwire.synthetic import generate_corpus


def pair_scores(
    refs: list[EventRef], labels: dict[tuple[str, str], str], linked: set[frozenset[int]]
) -> tuple[float, float, float]:
    """Precision, recall, F1 of linked pairs against the true labels.

    A linked pair counts when at least one side is a labelled event: two events that match no
    true event (extraction noise) say nothing about linking, but linking noise to a true
    event is a linking error.
    """
    true_pairs = set()
    for i, j in itertools.combinations(range(len(refs)), 2):
        a, b = refs[i], refs[j]
        if a.article_id == b.article_id:
            continue
        la, lb = labels.get((a.article_id, a.event_id)), labels.get((b.article_id, b.event_id))
        if la is not None and la == lb:
            true_pairs.add(frozenset((i, j)))

    def labelled(i: int) -> bool:
        return (refs[i].article_id, refs[i].event_id) in labels

    judged = {p for p in linked if any(labelled(i) for i in p)}
    hits = len(judged & true_pairs)
    precision = hits / len(judged) if judged else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=60, help="true events to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--days", type=int, default=DedupConfig.max_days)
    parser.add_argument("--km", type=float, default=DedupConfig.max_km)
    parser.add_argument("--sim", type=float, default=DedupConfig.min_similarity)
    args = parser.parse_args(argv)
    config = DedupConfig(max_days=args.days, max_km=args.km, min_similarity=args.sim)

    truths, articles = generate_corpus(events=args.events, seed=args.seed)
    truth_type = {t.id: t.type for t in truths}
    pipeline = Pipeline.from_names(resources=Resources().load_all())
    started = time.perf_counter()
    docs = [
        make_document(a.text, article_id=a.id, published=a.published, outlet=a.outlet)
        for a in articles
    ]
    coded = [d for d in pipeline.run(docs) if isinstance(d, Document)]
    extract_s = time.perf_counter() - started
    truth_of = {a.id: a.truth for a in articles}
    refs = [r for doc in coded for r in event_refs(doc, config=config)]
    labels = {
        (r.article_id, r.event_id): truth_of[r.article_id]
        for r in refs
        if truth_type[truth_of[r.article_id]] == r.type
    }
    index = {(r.article_id, r.event_id): i for i, r in enumerate(refs)}

    started = time.perf_counter()
    stories = link_events(refs, config=config)
    link_s = time.perf_counter() - started
    linked = {
        frozenset((index[a], index[b]))
        for s in stories
        for a, b in itertools.combinations(s.events, 2)
        if a[0] != b[0]
    }
    baseline = {
        frozenset((i, j))
        for i, j in itertools.combinations(range(len(refs)), 2)
        if refs[i].article_id != refs[j].article_id
        and (refs[i].type, refs[i].source_countries, refs[i].target_countries)
        == (refs[j].type, refs[j].source_countries, refs[j].target_countries)
    }
    found = sum(
        1
        for a in articles
        if any(r.article_id == a.id for r in refs if (r.article_id, r.event_id) in labels)
    )
    print(
        f"corpus: {len(truths)} true events, {len(articles)} articles (seed {args.seed}); "
        f"extracted {len(refs)} events, {len(labels)} of the true type "
        f"({found}/{len(articles)} articles), in {extract_s:.1f} s"
    )
    print(f"config: {config}")
    print(f"{'method':<28}{'precision':>10}{'recall':>8}{'F1':>7}{'stories':>9}")
    p, r, f = pair_scores(refs, labels, linked)
    print(f"{'eventwire link_events':<28}{p:>10.3f}{r:>8.3f}{f:>7.3f}{len(stories):>9}")
    p, r, f = pair_scores(refs, labels, baseline)
    print(f"{'same type and dyad':<28}{p:>10.3f}{r:>8.3f}{f:>7.3f}{'':>9}")
    print(f"linking took {link_s * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
