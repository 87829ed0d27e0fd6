"""What the event test files share: an article's events as (type, source names, target
names, status) rows, the shape their expectations are written in."""

from __future__ import annotations

from collections.abc import Callable

from eventwire.record import Document

__all__ = ["Code", "Row", "rows"]

#: the `code` fixture (tests/conftest.py): text in, coded document out
Code = Callable[..., Document]
Row = tuple[str, list[str], list[str], str]


def rows(doc: Document) -> list[Row]:
    """(type, source names, target names, status) of each event, in the article's order."""
    name = {a.id: a.name for a in doc.actors}
    return [
        (e.type, [name[s] for s in e.source], [name[t] for t in e.target], e.status)
        for e in doc.events
    ]
