"""The `eventwire classify` task: JSON records of a sentence and an actor pair, in and out.

Input records are `{"id", "text", "source", "target"}`; `source` and `target` are strings of
the text. A text may instead mark them inline, `<s>Iran</s> warned <t>Israel</t>`, as the
published PLOVER benchmark files do. Output records are `{"id", "type", "scores"}` with the
PLOVER type (16 types; data sets with a merged YIELD root map CONCEDE and RETREAT to it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import MalformedRecordError
from .pair import code_pairs, find_spans

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["classify_records", "pair_input"]

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
        raise MalformedRecordError(f"record {record.get('id')!r}: a source string is needed")
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


def classify_records(
    nlp: Language, records: Iterable[dict[str, Any]], *, processes: int = 1
) -> Iterator[dict[str, Any]]:
    """Code each input record; raises MalformedRecordError on the first bad record."""
    items = list(records)
    inputs = [pair_input(r) for r in items]
    codings = code_pairs(nlp, inputs, processes=processes)
    for record, coding in zip(items, codings, strict=True):
        out: dict[str, Any] = {"id": record.get("id"), "type": coding.type}
        out["scores"] = coding.scores
        if coding.trigger is not None:
            out["trigger"] = coding.trigger
        if coding.cameo is not None:
            out["cameo"] = coding.cameo
        yield out
