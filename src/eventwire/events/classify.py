"""The `eventwire classify` task: JSON records of a sentence and an actor pair, in and out.

Input records are `{"id", "text", "source", "target"}`; `source` and `target` are strings of
the text. A text may instead mark them inline, `<s>Iran</s> warned <t>Israel</t>`, as the
published PLOVER benchmark files do. Output records are `{"id", "type", "scores"}` with the
PLOVER type (16 types; data sets with a merged YIELD root map CONCEDE and RETREAT to it).
A record that cannot be coded (no text, an actor string not in the text, unbalanced marks, a
line that is not JSON) gives an error record `{"id", "error": {"kind", "message"}}` in its
place, as `extract` does, and every other record is coded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import EventwireError, MalformedRecordError
from .pair import code_pairs, find_spans

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["RowFailure", "classify_records", "error_row", "pair_input"]

_MARK = re.compile(r"</?[st]>")


Span = tuple[int, int]


def pair_input(record: dict[str, Any]) -> tuple[str, Span | None, Span | None]:
    """(plain text, source span, target span) of one input record.

    Either actor may be null or absent (an event with no recipient: "X agreed to resign"),
    not both. Marked texts repeating a mark use its first occurrence.
    Raises MalformedRecordError when the text or both actors are missing.
    """
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedRecordError(f"record {record.get('id')!r}: no text")
    if "<s>" in text or "<t>" in text:
        return _marked(text, record)
    source, target = record.get("source"), record.get("target")
    if not isinstance(source, str) or not (target is None or isinstance(target, str)):
        raise MalformedRecordError(
            f"record {record.get('id')!r}: source must be a string, target a string or null"
        )
    try:
        src, tgt = find_spans(text, source, target)
    except ValueError as e:
        raise MalformedRecordError(f"record {record.get('id')!r}: {e}") from e
    return text, src, tgt


def _marked(text: str, record: dict[str, Any]) -> tuple[str, Span | None, Span | None]:
    plain: list[str] = []
    spans: dict[str, list[int]] = {}
    pos = 0
    length = 0
    for match in _MARK.finditer(text):
        plain.append(text[pos : match.start()])
        length += match.start() - pos
        spans.setdefault(match.group()[-2], []).append(length)
        pos = match.end()
    plain.append(text[pos:])
    s, t = spans.get("s", []), spans.get("t", [])
    if len(s) % 2 or len(t) % 2 or not (s or t):
        raise MalformedRecordError(f"record {record.get('id')!r}: unbalanced <s>/<t> marks")
    return "".join(plain), (s[0], s[1]) if s else None, (t[0], t[1]) if t else None


@dataclass(frozen=True)
class RowFailure:
    """An input row that could not be read as a record (e.g. not JSON): it gets an error row."""

    id: Any
    error: EventwireError


def error_row(row_id: Any, error: EventwireError) -> dict[str, Any]:
    """The output line of a row that cannot be coded (the shape of `extract`'s error records)."""
    return {"id": row_id, "error": {"kind": error.kind, "message": str(error)}}


def classify_records(
    nlp: Language, records: Iterable[dict[str, Any] | RowFailure], *, processes: int = 1
) -> Iterator[dict[str, Any]]:
    """Code each input record, in order; a bad one yields its error row and the rest go on."""
    items = list(records)
    slots: list[dict[str, Any] | None] = []  # an error row, or None for a record to code
    inputs: list[tuple[str, Span | None, Span | None]] = []
    for item in items:
        if isinstance(item, RowFailure):
            slots.append(error_row(item.id, item.error))
            continue
        try:
            inputs.append(pair_input(item))
        except EventwireError as e:
            slots.append(error_row(item.get("id"), e))
            continue
        slots.append(None)
    codings = code_pairs(nlp, inputs, processes=processes) if inputs else iter(())
    for item, slot in zip(items, slots, strict=True):
        if slot is not None:
            yield slot
            continue
        assert isinstance(item, dict)
        coding = next(codings)
        out: dict[str, Any] = {"id": item.get("id"), "type": coding.type}
        out["scores"] = coding.scores
        if coding.trigger is not None:
            out["trigger"] = coding.trigger
        if coding.cameo is not None:
            out["cameo"] = coding.cameo
        yield out
