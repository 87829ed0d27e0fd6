"""Score eventwire records against gold articles (the format of docs/gold-format.md).

A gold article is `{"id", "published", "text", "events": [gold event]}`; a gold event is
`{"type", "source": [name], "target": [name], "status", "date"?, "location"?}`. A gold actor
name matches a record's actor when it equals (ignoring case and a leading "the") the actor's
canonical name or the text of one of its mentions.

Each field is scored by one-to-one matching of events on a key that grows with the field:
`type` (type alone), `source` and `target` (type and that side), `event` (type, source and
target: the headline figure), `status`, `date` and `location` (the event key and that
field; date and location only over gold events that give them). `status_accuracy` is the
share of event-matched pairs whose status agrees. `no_event_false` counts events found in
gold articles that report none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, MalformedRecordError
from ..record import STATUSES, Document, Event

__all__ = [
    "FIELDS",
    "GoldArticle",
    "GoldEvent",
    "Report",
    "check_floors",
    "evaluate",
    "load_gold",
]

FIELDS = ("type", "source", "target", "event", "status", "date", "location")
_STATUSES = frozenset(STATUSES)


@dataclass(frozen=True)
class GoldEvent:
    """One hand-coded event of a gold article."""

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    status: str
    date: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    """A gold article: its text, publication date and hand-coded events."""

    id: str
    published: str | None
    text: str
    events: tuple[GoldEvent, ...]


@dataclass
class Report:
    """Precision, recall and F1 per field, status accuracy and false events."""

    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # tp, n_pred, n_gold
    status_matched: int = 0
    status_agree: int = 0
    no_event_false: int = 0
    articles: int = 0

    def prf(self, name: str) -> tuple[float, float, float]:
        """(precision, recall, F1) of a field."""
        tp, n_pred, n_gold = self.counts.get(name, (0, 0, 0))
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float:
        """Share of matched events whose status agrees with the gold."""
        return self.status_agree / self.status_matched if self.status_matched else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Figures as JSON-ready numbers, rounded to three places."""
        out: dict[str, Any] = {"articles": self.articles}
        for name in FIELDS:
            p, r, f = self.prf(name)
            out[name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        out["status_accuracy"] = round(self.status_accuracy, 3)
        out["no_event_false"] = self.no_event_false
        return out

    def metrics(self) -> dict[str, float]:
        """The flat figures the quality gate holds: `<field>_f1`, status accuracy, false events."""
        flat = {f"{name}_f1": round(self.prf(name)[2], 3) for name in FIELDS}
        flat["status_accuracy"] = round(self.status_accuracy, 3)
        flat["no_event_false"] = float(self.no_event_false)
        return flat


def load_gold(path: Path) -> list[GoldArticle]:
    """Gold articles from a JSON Lines file, or from every `*.jsonl` file of a directory."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise InputError(f"{path}: no gold files (*.jsonl)")
    articles: list[GoldArticle] = []
    for file in files:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except OSError as e:
            raise InputError(f"{file}: cannot be read: {e}") from e
        for n, line in enumerate(lines, start=1):
            if line.strip():
                articles.append(_gold_article(line, where=f"{file}:{n}"))
    return articles


def _gold_article(line: str, *, where: str) -> GoldArticle:
    try:
        raw = json.loads(line)
        events = tuple(_gold_event(e) for e in raw.get("events", []))
        return GoldArticle(str(raw["id"]), raw.get("published"), str(raw["text"]), events)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        raise MalformedRecordError(f"{where}: not a gold article: {e}") from e


def _gold_event(raw: dict[str, Any]) -> GoldEvent:
    status = raw.get("status", "occurred")
    if status not in _STATUSES:
        raise ValueError(f"unknown status {status!r}")
    return GoldEvent(
        type=raw["type"],
        source=tuple(raw.get("source", [])),
        target=tuple(raw.get("target", [])),
        status=status,
        date=raw.get("date"),
        location=raw.get("location"),
    )


def evaluate(gold: Iterable[GoldArticle], records: dict[str, Document]) -> Report:
    """Score records (by article id) against gold articles; a missing record finds nothing."""
    report = Report()
    for article in gold:
        report.articles += 1
        record = records.get(article.id)
        predicted = record.events if record is not None else []
        if not article.events:
            report.no_event_false += len(predicted)
        if record is None:
            for name in FIELDS:
                _add(report, name, 0, 0, _n_gold(name, article.events))
            continue
        _score_article(report, article, record)
    return report


def _n_gold(name: str, events: Iterable[GoldEvent]) -> int:
    return sum(1 for g in events if _applies(name, g))


def _applies(name: str, gold: GoldEvent) -> bool:
    return (name != "date" or gold.date is not None) and (
        name != "location" or gold.location is not None
    )


def _score_article(report: Report, article: GoldArticle, record: Document) -> None:
    names = _actor_names(record)

    def side(pred: list[str], want: tuple[str, ...]) -> bool:
        return _same_actors(pred, want, names)

    tests: dict[str, Callable[[Event, GoldEvent], bool]] = {
        "type": lambda p, g: p.type == g.type,
        "source": lambda p, g: p.type == g.type and side(p.source, g.source),
        "target": lambda p, g: p.type == g.type and side(p.target, g.target),
    }
    tests["event"] = lambda p, g: tests["source"](p, g) and tests["target"](p, g)
    tests["status"] = lambda p, g: tests["event"](p, g) and p.status == g.status
    tests["date"] = lambda p, g: tests["event"](p, g) and p.date == g.date
    tests["location"] = lambda p, g: tests["event"](p, g) and _place_is(record, p, g.location)
    for name in FIELDS:
        golds = [g for g in article.events if _applies(name, g)]
        pairs = _match(record.events, golds, tests[name])
        n_pred = len(record.events) if name not in {"date", "location"} else len(pairs)
        _add(report, name, len(pairs), n_pred, len(golds))
        if name == "event":
            report.status_matched += len(pairs)
            report.status_agree += sum(p.status == g.status for p, g in pairs)


def _add(report: Report, name: str, tp: int, n_pred: int, n_gold: int) -> None:
    old = report.counts.get(name, (0, 0, 0))
    report.counts[name] = (old[0] + tp, old[1] + n_pred, old[2] + n_gold)


def _match(
    predicted: list[Event], golds: list[GoldEvent], test: Callable[[Event, GoldEvent], bool]
) -> list[tuple[Event, GoldEvent]]:
    """Greedy one-to-one matching, gold events in order."""
    used: set[int] = set()
    pairs: list[tuple[Event, GoldEvent]] = []
    for g in golds:
        for n, p in enumerate(predicted):
            if n not in used and test(p, g):
                used.add(n)
                pairs.append((p, g))
                break
    return pairs


def _norm(name: str) -> str:
    name = " ".join(name.lower().split())
    return name.removeprefix("the ")


def _actor_names(record: Document) -> dict[str, set[str]]:
    return {a.id: {_norm(a.name), *(_norm(m.text) for m in a.mentions)} for a in record.actors}


def _same_actors(pred: list[str], want: tuple[str, ...], names: dict[str, set[str]]) -> bool:
    """Every gold name is one predicted actor, and every predicted actor one gold name."""
    if len(pred) != len(want):
        return False
    wanted = [_norm(w) for w in want]
    free = list(pred)
    for w in wanted:
        hit = next((a for a in free if w in names.get(a, set())), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def _place_is(record: Document, event: Event, name: str | None) -> bool:
    place = next((p for p in record.places if p.id == event.location), None)
    if name is None or place is None:
        return False
    return _norm(name) in {_norm(place.name), _norm(place.text)}


def check_floors(metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """The figures that fall below their floor (or, for `no_event_false`, rise above it)."""
    failures: list[str] = []
    for name, floor in floors.items():
        value = metrics.get(name)
        if value is None:
            failures.append(f"{name}: not measured")
        elif name == "no_event_false" and value > floor:
            failures.append(f"{name}: {value:g} > {floor:g}")
        elif name != "no_event_false" and value < floor:
            failures.append(f"{name}: {value:.3f} < floor {floor:.3f}")
    return failures
