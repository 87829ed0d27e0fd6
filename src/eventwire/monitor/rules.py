"""Watch rules, read from a TOML file (see docs/monitor.md for the format).

A rule selects stories (a dyad, an actor, countries or a region, types, quad classes), counts
them per window (a day, an ISO week or a month) and fires when the window's value reaches an
absolute `threshold`, or rises against a baseline: at least `ratio` times the mean of the
`baseline` windows before it and `min_increase` more than that mean. With both set, both
must hold.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..vocabulary import QUADS
from .trends import PERIODS, REGIONS, Period, Selection, resolve_countries

__all__ = ["METRICS", "Metric", "Rule", "RuleSet", "Webhook", "load_rules", "parse_rules"]

Metric = Literal["events", "hostility"]
METRICS: tuple[str, ...] = ("events", "hostility")


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One watch rule; `metric` "events" counts real stories, "hostility" sums the negated
    intensity of the conflictual ones (an ASSAULT adds 9)."""

    name: str
    selection: Selection
    window: Period = "week"
    metric: Metric = "events"
    threshold: float | None = None
    baseline: int = 4
    ratio: float | None = None
    min_increase: float = 3.0

    def fires(self, value: float, baseline: float | None) -> str | None:
        """Why the rule fires for a window's value and baseline mean, or None."""
        reasons = []
        if self.threshold is not None:
            if value < self.threshold:
                return None
            reasons.append(f"{_num(value)} {self.metric} >= threshold {_num(self.threshold)}")
        if self.ratio is not None:
            base = baseline or 0.0
            if value < self.ratio * base or value - base < self.min_increase:
                return None
            reasons.append(
                f"{_num(value)} {self.metric} against a mean of {_num(base)} in the previous "
                f"{self.baseline} {self.window}s (x{self.ratio:g}, +{_num(self.min_increase)})"
            )
        return "; ".join(reasons) or None


#: A [[rule]] table's keys: the rule's own settings (its fields but the selection they build)
#: and the keys that select stories (read by `_selection`).
_SELECTION_KEYS = ("dyad", "both_directions", "actor", "country", "region", "type", "quad")
_RULE_KEYS = frozenset([*(f.name for f in fields(Rule) if f.name != "selection"), *_SELECTION_KEYS])


@dataclass(frozen=True, kw_only=True)
class Webhook:
    """Where new alerts are POSTed as JSON (one request per evaluation, never retried)."""

    url: str
    timeout: float = 5.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class RuleSet:
    """The rules of one file, its optional webhook and its regions."""

    rules: tuple[Rule, ...] = ()
    webhook: Webhook | None = None
    regions: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(REGIONS))


def load_rules(path: str | Path) -> RuleSet:
    """The rules of a TOML file; a missing or malformed file is a `ConfigError`."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"cannot read the rules file {path}: {e.strerror}") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from e
    try:
        return parse_rules(data)
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from e


def parse_rules(data: Mapping[str, Any]) -> RuleSet:
    """The rules of a parsed TOML document (``[[rule]]`` tables, ``[webhook]``, ``[regions]``)."""
    unknown = set(data) - {"rule", "webhook", "regions"}
    if unknown:
        raise ConfigError(f"unknown section(s): {', '.join(sorted(unknown))}")
    regions = dict(REGIONS)
    for name, codes in dict(data.get("regions", {})).items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(f"region {name!r} must be a list of ISO alpha-3 codes")
        regions[name.lower()] = tuple(c.upper() for c in codes)
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise ConfigError("rules are [[rule]] tables")
    rules = tuple(_rule(r, n, regions) for n, r in enumerate(raw_rules, start=1))
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise ConfigError("rule names must be unique")
    webhook = _webhook(data["webhook"]) if "webhook" in data else None
    return RuleSet(rules=rules, webhook=webhook, regions=regions)


def _rule(raw: Any, n: int, regions: dict[str, tuple[str, ...]]) -> Rule:
    if not isinstance(raw, dict):
        raise ConfigError(f"rule {n} is not a table")
    name = str(raw.get("name") or f"rule-{n}")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise ConfigError(f"rule {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
    window = raw.get("window", "week")
    if window not in PERIODS:
        raise ConfigError(f"rule {name!r}: window must be one of {', '.join(PERIODS)}")
    metric = raw.get("metric", "events")
    if metric not in METRICS:
        raise ConfigError(f"rule {name!r}: metric must be one of {', '.join(METRICS)}")
    if raw.get("threshold") is None and raw.get("ratio") is None:
        raise ConfigError(f"rule {name!r}: give a threshold, a ratio against a baseline, or both")
    baseline = raw.get("baseline", 4)
    if not isinstance(baseline, int) or baseline < 1:
        raise ConfigError(f"rule {name!r}: baseline is a number of windows (1 or more)")
    return Rule(
        name=name,
        selection=_selection(raw, name, regions),
        window=window,
        metric=metric,
        threshold=_number(raw, "threshold", name),
        baseline=baseline,
        ratio=_number(raw, "ratio", name),
        min_increase=_number(raw, "min_increase", name) or 3.0,
    )


def _selection(raw: dict[str, Any], name: str, regions: dict[str, tuple[str, ...]]) -> Selection:
    dyad = raw.get("dyad")
    if dyad is not None and not (
        isinstance(dyad, list) and len(dyad) == 2 and all(isinstance(d, str) for d in dyad)
    ):
        raise ConfigError(f"rule {name!r}: dyad is [source, target] (names or ISO codes)")
    places = [*_strings(raw, "country", name), *_strings(raw, "region", name)]
    quads = raw.get("quad", [])
    quads = [quads] if isinstance(quads, int) else quads
    if not all(isinstance(q, int) and q in QUADS for q in quads):
        raise ConfigError(f"rule {name!r}: quad classes are 1 to 4")
    return Selection(
        dyad=(dyad[0], dyad[1]) if dyad else None,
        both_directions=bool(raw.get("both_directions", False)),
        actor=raw.get("actor"),
        countries=resolve_countries(places, regions=regions),
        types=tuple(t.upper() for t in _strings(raw, "type", name)),
        quads=tuple(quads),
    )


def _strings(raw: dict[str, Any], key: str, name: str) -> list[str]:
    value = raw.get(key, [])
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"rule {name!r}: {key} is a string or a list of strings")
    return value


def _number(raw: dict[str, Any], key: str, name: str) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"rule {name!r}: {key} must be a number >= 0")
    return float(value)


def _webhook(raw: Any) -> Webhook:
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
        raise ConfigError("[webhook] needs a url")
    if urlsplit(raw["url"]).scheme not in ("http", "https"):
        raise ConfigError("the webhook url must be http(s)")
    timeout = raw.get("timeout", 5.0)
    if not isinstance(timeout, int | float) or not 0 < timeout <= 60:
        raise ConfigError("the webhook timeout is 0 to 60 seconds")
    headers = raw.get("headers", {})
    if not isinstance(headers, dict):
        raise ConfigError("webhook headers are a table of strings")
    return Webhook(
        url=raw["url"], timeout=float(timeout), headers={str(k): str(v) for k, v in headers.items()}
    )


def _num(value: float) -> str:
    return f"{value:g}"
