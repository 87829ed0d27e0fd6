"""`Store`: eventwire/1 records in a SQL database (SQLite by default, PostgreSQL for teams).

Writes are one transaction per article. An article is found again by its id or by the hash of
its text; re-storing it updates its row in place and replaces its parts, so that storing the
same corpus twice leaves the same rows. Every row keeps the pipeline version that produced it.
Reads return plain JSON-ready dicts (the API, the CLI and the exports share them) or, for one
article, the `Document` itself.

`Store` is assembled from parts with one job each: `engine` (URLs, engine, migrations,
sessions), `writing` (put, delete), `runs` (run bookkeeping), `where` (filters to SQL),
`reads` (queries) and `mapping` (rows to records and dicts).
"""

from __future__ import annotations

from sqlalchemy.orm import sessionmaker

from . import query as grid
from .engine import DEFAULT_DB_PATH, default_url, make_engine, normalize_url
from .engine import MIGRATIONS as MIGRATIONS  # where tests and tools found it
from .filters import Filters
from .reads import PERIODS, Page, Period, Reads
from .runs import Runs
from .writing import Writes, content_hash

__all__ = [
    "DEFAULT_DB_PATH",
    "PERIODS",
    "Filters",
    "Page",
    "Period",
    "Store",
    "content_hash",
    "default_url",
    "normalize_url",
]


class Store(Writes, Runs, Reads):
    """eventwire/1 records in the database at `url` (created and migrated on first use).

    `url` is a SQLAlchemy URL (``sqlite:///path.db``, ``postgresql://user@host/db``) or a path
    to a SQLite file.
    """

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._facets = grid.FacetCache()
        self._migrate()
