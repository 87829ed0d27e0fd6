"""One set of rules for what may be written, whatever the database.

SQLite stores a 10,000-character id in a VARCHAR(512) and a NUL byte in any text; PostgreSQL
refuses both, with a message that carries the SQL and its parameters. So every row is checked
here, before it is written, against the limits its own table declares (`models.py` is the
one source of truth): a string longer than its column, a NUL character, or a lone surrogate
(not encodable as UTF-8) is an `InvalidRecordError` naming the table, the column and the
article, on every backend alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, String

from .errors import InvalidRecordError

__all__ = ["check_rows", "describe", "problem"]

_MAX_SHOWN = 80  # characters of an offending id quoted in a message


def problem(value: object, *, length: int | None = None) -> str | None:
    """Why `value` cannot be stored in a column of `length` characters, or None."""
    if isinstance(value, str):
        if length is not None and len(value) > length:
            return f"is {len(value):,} characters long, over the {length:,} allowed"
        if "\x00" in value:
            return "contains a NUL character"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "is not valid Unicode (a lone surrogate)"
        return None
    if isinstance(value, dict):
        return next(
            (p for k, v in value.items() for p in (problem(k), problem(v)) if p is not None), None
        )
    if isinstance(value, list | tuple):
        return next((p for v in value if (p := problem(v)) is not None), None)
    return None


def describe(value: str) -> str:
    """`value` quoted for a message, cut short when long."""
    shown = value if len(value) <= _MAX_SHOWN else value[:_MAX_SHOWN] + "..."
    return repr(shown)


def check_rows(rows: Iterable[Any], *, article: str) -> None:
    """Raise `InvalidRecordError` for the first value of `rows` its column cannot hold."""
    for row in rows:
        table = getattr(row, "__table__", None)
        if table is None:
            continue
        for column in table.columns:
            if not isinstance(column.type, String | JSON):
                continue
            length = column.type.length if isinstance(column.type, String) else None
            why = problem(getattr(row, column.key, None), length=length)
            if why is not None:
                raise InvalidRecordError(
                    f"cannot store article {describe(article)}: {table.name}.{column.name} {why}"
                )
