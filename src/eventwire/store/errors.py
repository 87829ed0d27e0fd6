"""The store's named errors, all `EventwireError`s (see `eventwire.errors` for the tree)::

EventwireError
└── StoreError                 the store cannot do what was asked       kind "store"
    ├── StoreUnavailableError  the database cannot be reached or opened kind "store_unavailable"
    ├── MigrationError         the schema cannot be brought up to date  kind "migration"
    ├── NotFoundError          no article (or actor) with that id      kind "not_found"
    └── WriteError             an article could not be written          kind "write"
        └── InvalidRecordError a value its column cannot hold (length, NUL) kind "invalid"
└── QueryError                 a query parameter cannot be honoured     kind "query"

Messages name the article, the table and the column, never SQL, parameters or file paths
(they reach API clients).
"""

from __future__ import annotations

from ..errors import EventwireError

__all__ = [
    "InvalidRecordError",
    "MigrationError",
    "NotFoundError",
    "QueryError",
    "StoreError",
    "StoreUnavailableError",
    "WriteError",
]


class StoreError(EventwireError):
    """The store cannot do what was asked."""

    kind = "store"


class StoreUnavailableError(StoreError):
    kind = "store_unavailable"


class MigrationError(StoreError):
    kind = "migration"


class NotFoundError(StoreError):
    kind = "not_found"


class WriteError(StoreError):
    kind = "write"


class InvalidRecordError(WriteError):
    """A value the store refuses on every backend (see `eventwire.store.validate`)."""

    kind = "invalid"


class QueryError(EventwireError):
    """A query parameter cannot be honoured (a bad date, an unknown type, sort field...)."""

    kind = "query"

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param
