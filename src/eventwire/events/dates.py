"""When an event happened: the time expression the parse attaches to its trigger, else one
free in its clause, else the article date; a future or hypothetical act never gets a past
date (`event_when`). `time_owners` says which trigger each time expression is attached to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..record import Document

__all__ = ["event_when", "time_owners"]


def time_owners(doc: Document, trigger_ids: set[int]) -> dict[str, int | None]:
    """For each time expression, the trigger it is attached to in the parse (None: none).

    "promised a response to the attack of October 26": the date belongs to the attack.
    """
    owners: dict[str, int | None] = {}
    parsed: Doc = doc.nlp
    for time in doc.times:
        span = parsed.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        owner = None
        for _ in range(40):  # the parse is a tree; the bound only guards against surprises
            if token.i in trigger_ids:
                owner = token.i
                break
            if token.head.i == token.i:
                break
            token = token.head
        owners[time.id] = owner
    return owners


def event_when(
    doc: Document,
    token: Token,
    status: str,
    time_owner: dict[str, int | None],
) -> tuple[str | None, str | None, str | None]:
    """(time id, date value, precision) of an event."""
    sent = token.sent
    candidates = [
        t
        for t in doc.times
        if sent.start_char <= t.start < sent.end_char and t.kind in {"date", "time"}
    ]
    own = [t for t in candidates if time_owner.get(t.id) == token.i]
    free = [t for t in candidates if time_owner.get(t.id) is None]
    # a time not attached to a future or conditional act dates the telling, not the act:
    # "told the paper on Saturday that it will strike"
    chosen = own if status in {"future", "hypothetical"} else own or free
    anchor = doc.article.published
    if chosen:
        best = min(chosen, key=lambda t: abs(t.start - token.idx))
        value = best.value
        if status in {"future", "hypothetical"} and value and anchor and _is_past(value, anchor):
            return None, "FUTURE_REF", "frame"
        return best.id, value, _precision(value)
    if status in {"future", "hypothetical"}:
        return None, "FUTURE_REF", "frame"
    return None, anchor, "frame" if anchor else None


def _is_past(value: str, anchor: str) -> bool:
    return value[:1].isdigit() and value[:10] < anchor[: len(value[:10])]


def _precision(value: str | None) -> str | None:
    if not value:
        return None
    if "W" in value:
        return "week"
    if value[:1].isdigit():
        return {4: "year", 7: "month", 10: "day"}.get(len(value[:10].rstrip("-")), "day")
    return "frame"
