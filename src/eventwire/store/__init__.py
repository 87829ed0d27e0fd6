"""The store: eventwire/1 records in SQLite (default) or PostgreSQL, and what reads them.

`Store(url)` opens (and migrates) a database; `ingest` codes and stores articles;
`write_export` writes events or records as CSV, JSON Lines, Parquet or POLECAT-style TSV.
"""

from __future__ import annotations

from .core import DEFAULT_DB_PATH, PERIODS, Filters, Page, Period, Store, default_url, normalize_url
from .errors import (
    InvalidRecordError,
    MigrationError,
    NotFoundError,
    StoreError,
    StoreUnavailableError,
    WriteError,
)
from .ingest import IngestStats, ingest

__all__ = [
    "DEFAULT_DB_PATH",
    "PERIODS",
    "Filters",
    "IngestStats",
    "InvalidRecordError",
    "MigrationError",
    "NotFoundError",
    "Page",
    "Period",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "WriteError",
    "default_url",
    "ingest",
    "normalize_url",
]
