"""Score eventwire records against gold in the news_gold format (`eventwire eval DIR`).

A news_gold directory holds one gold file per article (`<id>.json`: `{"id", "published",
"actors": {KEY: {"names", "country", "country_is_enough"?}}, "events": [{"key", "types",
"source": [KEY], "target": [KEY], "status": [status], "date"?, "required"}]}`), the articles as
eventwire input (`input.jsonl`) and the parity halves (`split.json`: {"even": [id], "odd":
[id]}). The scoring is the steering side's (`../shared/tools/score_news_gold.py`), to the
number:

- An actor matches a gold key when its name or a mention text (pronouns left out) equals one
  of the key's names after normalising (accents, case, hyphens, punctuation, articles and a
  possessive 's dropped) or is near-identical (difflib ratio >= 0.88), or, for a key with
  `country_is_enough`, when its country is the key's country.
- A system event matches a gold event when its type is one of `types`, a source actor matches
  a source key, and (unless the gold target is []) a target actor matches a target key. Each
  system event counts once, for its best gold event: strict (status in `status`, date
  starting with the gold `date`) first, then one not yet matched, then a required one.
- Precision = matched system events / system events (1.0 with none); recall = required gold
  events matched / required gold events; strict F1 counts strict matches only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..errors import InputError, MalformedRecordError
from ..lexicon import words

__all__ = [
    "NewsGoldArticle",
    "NewsGoldReport",
    "is_news_gold",
    "load_news_gold",
    "read_news_records",
    "score_news_gold",
]

#: Mention texts that name no one by themselves.
_PRONOUNS = words("bare_pronoun")
_COUNTS = ("sys", "tp", "tp_strict", "req", "req_hit", "req_hit_strict")


@dataclass(frozen=True)
class NewsGoldArticle:
    """One article's gold: its actors by key and its gold events (the README's layout)."""

    id: str
    published: str | None
    actors: dict[str, dict[str, Any]]
    events: list[dict[str, Any]]


@dataclass
class NewsGoldReport:
    """Match counts per article and in total; P/R/F1 and strict F1 from them."""

    per_article: dict[str, dict[str, int]] = field(default_factory=dict)

    def total(self) -> dict[str, int]:
        """The counts summed over the articles."""
        return {k: sum(c[k] for c in self.per_article.values()) for k in _COUNTS}

    def to_dict(self) -> dict[str, Any]:
        """The scorer's JSON: P/R/F1 per article, and in total with strict F1."""
        per = {}
        for article_id, c in self.per_article.items():
            p, r, f = _prf(c["tp"], c["sys"], c["req_hit"], c["req"])
            per[article_id] = {"p": p, "r": r, "f1": f}
        return {"articles": per, "total": {"articles": len(per), **self.metrics()}}

    def metrics(self) -> dict[str, float]:
        """precision, recall, f1, f1_strict and the strict precision and recall."""
        t = self.total()
        p, r, f = _prf(t["tp"], t["sys"], t["req_hit"], t["req"])
        ps, rs, fs = _prf(t["tp_strict"], t["sys"], t["req_hit_strict"], t["req"])
        return {
            "precision": p,
            "recall": r,
            "f1": f,
            "f1_strict": fs,
            "precision_strict": ps,
            "recall_strict": rs,
        }


def _gold_files(path: Path) -> list[Path]:
    return sorted(p for p in path.glob("*.json") if p.name != "split.json")


def is_news_gold(path: Path) -> bool:
    """Whether `path` is a news_gold directory (a gold file with "actors" and "events")."""
    if not path.is_dir():
        return False
    for file in _gold_files(path)[:1]:
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return False
        return isinstance(raw, dict) and "actors" in raw and "events" in raw
    return False


def load_news_gold(path: Path, *, half: str | None = None) -> list[NewsGoldArticle]:
    """The gold articles of a news_gold directory, sorted by file name; with `half`, only
    those `split.json` lists under it."""
    keep: set[str] | None = None
    if half is not None:
        try:
            split = json.loads((path / "split.json").read_text(encoding="utf-8"))
            keep = set(split[half])
        except (OSError, json.JSONDecodeError, KeyError, TypeError) as e:
            raise InputError(f"{path}/split.json: no {half!r} half: {e}") from e
    articles: list[NewsGoldArticle] = []
    for file in _gold_files(path):
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
            article = NewsGoldArticle(
                id=str(raw["id"]),
                published=raw.get("published"),
                actors=dict(raw["actors"]),
                events=list(raw["events"]),
            )
        except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
            raise MalformedRecordError(f"{file}: not a news_gold article: {e}") from e
        if keep is None or article.id in keep:
            articles.append(article)
    if not articles:
        raise InputError(f"{path}: no news_gold articles" + (f" in half {half!r}" if half else ""))
    return articles


def read_news_records(path: Path) -> dict[Any, dict[str, Any]]:
    """`extract` output (JSON Lines) by article id, as the JSON objects (error records too)."""
    records: dict[Any, dict[str, Any]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"{path}: cannot be read: {e}") from e
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise MalformedRecordError(f"{path}:{n}: not JSON: {e.msg}") from e
        if isinstance(rec, dict):
            records[(rec.get("article") or {}).get("id") or rec.get("id")] = rec
    return records


def score_news_gold(
    articles: Iterable[NewsGoldArticle], records: Mapping[Any, dict[str, Any]]
) -> NewsGoldReport:
    """Score eventwire/1 records (JSON objects by article id) against news_gold articles; an
    article without a record finds nothing."""
    report = NewsGoldReport()
    for article in articles:
        report.per_article[article.id] = _score_article(article, records.get(article.id, {}))
    return report


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("\u2019", "'").replace("-", " ")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9' ]+", " ", s)
    s = re.sub(r"\b(the|a|an)\b", " ", s)
    return " ".join(s.split())


def _name_match(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= 0.88)


def _keys_for(actor: dict[str, Any], gold_actors: dict[str, dict[str, Any]]) -> set[str]:
    names = [actor.get("name") or ""] + [m.get("text", "") for m in actor.get("mentions") or []]
    names = [n for n in names if n and _norm(n) not in _PRONOUNS]
    out: set[str] = set()
    for key, g in gold_actors.items():
        by_country = g.get("country_is_enough") and actor.get("country") == g.get("country")
        if by_country or any(_name_match(n, gn) for n in names for gn in g["names"]):
            out.add(key)
    return out


def _score_article(article: NewsGoldArticle, rec: dict[str, Any]) -> dict[str, int]:
    akeys = {a["id"]: _keys_for(a, article.actors) for a in rec.get("actors", [])}

    def keys(ids: list[str] | None) -> set[str]:
        return set().union(*[akeys.get(i, set()) for i in ids]) if ids else set()

    matched: set[str] = set()
    matched_strict: set[str] = set()
    tp = tp_strict = 0
    events = rec.get("events", [])
    for e in events:
        src, tgt = keys(e.get("source")), keys(e.get("target"))
        # (not strict, already matched, optional, key, strict): the best gold event sorts first
        cands: list[tuple[bool, bool, bool, str, bool]] = []
        for g in article.events:
            tgt_ok = bool(tgt & set(g["target"])) if g["target"] else True
            if e.get("type") in g["types"] and src & set(g["source"]) and tgt_ok:
                strict = e.get("status") in g["status"] and (
                    "date" not in g or str(e.get("date") or "").startswith(g["date"])
                )
                optional = not g.get("required")
                cands.append((not strict, g["key"] in matched, optional, g["key"], strict))
        if cands:
            best = min(cands)
            tp += 1
            matched.add(best[3])
            if best[4]:
                tp_strict += 1
                matched_strict.add(best[3])
    required = {g["key"] for g in article.events if g.get("required")}
    return {
        "sys": len(events),
        "tp": tp,
        "tp_strict": tp_strict,
        "req": len(required),
        "req_hit": len(matched & required),
        "req_hit_strict": len(matched_strict & required),
    }


def _prf(tp: int, n_sys: int, hit: int, n_req: int) -> tuple[float, float, float]:
    """Rounded (precision, recall, F1); an empty side counts as perfect, as the scorer does."""
    p = tp / n_sys if n_sys else 1.0
    r = hit / n_req if n_req else 1.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0
