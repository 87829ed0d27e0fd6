"""Settling an article's coded events: the pieces of one act join, repeats merge.

One count per real event: within a sentence, the pieces of one act told in several words
join ("will provide aid": EU -> ?, "aid to Sudan"); across the article, events of the same
type, sides and status are one event with every evidence span; acts that need a target and
found none are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .guards import absorb_untargeted, stands_alone

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..record import Event, Evidence

__all__ = ["sentence_start", "settle"]


def settle(
    events: list[Event], parsed: Doc, *, state_side: Mapping[str, str] | None = None
) -> list[Event]:
    """The article's events once the pieces of one act have joined ("will provide aid":
    EU -> ?, "aid to Sudan"), repeats merged, and acts that need a target have one.
    `state_side` gives the country of each actor that is a state's own side (the state, its
    government, forces and bodies): a mention of the act by another of that side is the act."""
    merged = absorb_untargeted(_merge(_fold(events, parsed)), state_side=state_side or {})
    return [e for e in merged if e.target or stands_alone(e)]


def sentence_start(parsed: Doc, evidence: Evidence) -> int:
    """The first token of the sentence an evidence span starts in (-1: no tokens there)."""
    span = parsed.char_span(evidence.start, evidence.end, alignment_mode="expand")
    return span.sent.start if span is not None else -1


def _fold(events: list[Event], parsed: Doc) -> list[Event]:
    """Join the pieces of one act within a sentence: "will provide aid to Sudan" gives the
    verb's event (EU -> ?) and the noun's (? -> Sudan); same type, sides that agree or are
    missing, and the same status unless one piece has no source of its own."""
    out: list[Event] = []
    for event in events:
        where = sentence_start(parsed, event.evidence[0])
        host = next((o for o in out if _joinable(o, event, where, parsed)), None)
        if host is None:
            out.append(event)
            continue
        if not host.source:
            host.status, host.date, host.time = event.status, event.date, event.time
        host.source = host.source or event.source
        host.target = host.target or event.target
        host.evidence.extend(e for e in event.evidence if e not in host.evidence)
        host.location = host.location or event.location
    return out


def _joinable(a: Event, b: Event, sent_start: int, parsed: Doc) -> bool:
    start = sentence_start(parsed, a.evidence[0])
    if start < 0 or start != sent_start or a.type != b.type:
        return False
    sides_agree = (not a.source or not b.source or a.source == b.source) and (
        not a.target or not b.target or a.target == b.target
    )
    return sides_agree and (a.status == b.status or not a.source or not b.source)


def _merge(events: list[Event]) -> list[Event]:
    """One event per (type, source, target, status); evidence of repeats is kept."""
    merged: dict[tuple[str, tuple[str, ...], tuple[str, ...], str], Event] = {}
    for event in events:
        key = (event.type, tuple(sorted(event.source)), tuple(sorted(event.target)), event.status)
        first = merged.get(key)
        if first is None:
            merged[key] = event
            continue
        first.evidence.extend(e for e in event.evidence if e not in first.evidence)
        first.confidence = round(min(0.95, max(first.confidence, event.confidence) + 0.05), 2)
        if first.date_precision == "frame" and event.date_precision not in {None, "frame"}:
            first.date, first.time, first.date_precision = (
                event.date,
                event.time,
                event.date_precision,
            )
        first.location = first.location or event.location
    return list(merged.values())
