"""The store: eventwire/1 records in SQLite (default) or PostgreSQL, and what reads them.

`Store(url)` opens (and migrates) a database; `ingest` codes and stores articles;
`write_export` writes events or records as CSV, JSON Lines, Parquet or POLECAT-style TSV.
"""

from __future__ import annotations

from .core import DEFAULT_DB_PATH, PERIODS, Page, Period, Store, default_url, normalize_url
from .errors import (
    InvalidRecordError,
    MigrationError,
    NotFoundError,
    QueryError,
    StoreError,
    StoreUnavailableError,
    WriteError,
)
from .filters import (
    FILTER_PARAMS,
    SORT_FIELDS,
    Filters,
    country_code,
    filter_pairs,
    parse_filters,
    parse_sort,
)
from .ingest import IngestStats, ingest

__all__ = [
    "DEFAULT_DB_PATH",
    "FILTER_PARAMS",
    "PERIODS",
    "SORT_FIELDS",
    "Filters",
    "IngestStats",
    "InvalidRecordError",
    "MigrationError",
    "NotFoundError",
    "Page",
    "Period",
    "QueryError",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "WriteError",
    "country_code",
    "default_url",
    "filter_pairs",
    "ingest",
    "normalize_url",
    "parse_filters",
    "parse_sort",
]
