"""The store's engine and schema: database URLs, the SQLAlchemy engine (with SQLite's
pragmas), the Alembic migrations, and sessions whose connection errors are named errors.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from .errors import MigrationError, StoreUnavailableError

__all__ = [
    "DEFAULT_DB_PATH",
    "MIGRATIONS",
    "StoreBase",
    "brief",
    "default_url",
    "make_engine",
    "normalize_url",
    "now",
]

DEFAULT_DB_PATH = Path("~/.local/share/eventwire/eventwire.db")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_url() -> str:
    """$EVENTWIRE_DB (a URL or a path), else SQLite at ~/.local/share/eventwire/eventwire.db."""
    return normalize_url(os.environ.get("EVENTWIRE_DB") or str(DEFAULT_DB_PATH))


def normalize_url(url: str) -> str:
    """A SQLAlchemy URL from a URL or a file path; PostgreSQL URLs get the psycopg driver."""
    if "://" not in url:
        return "sqlite:///" + str(Path(url).expanduser())
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class StoreBase:
    """The engine, sessions and schema a `Store`'s parts share (see `eventwire.store.core`)."""

    url: str
    engine: Engine
    _sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------

    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except OperationalError as e:
            raise StoreUnavailableError(
                f"cannot open the store at {self._safe_url}: {e.orig}"
            ) from e
        except SQLAlchemyError as e:
            raise MigrationError(f"cannot migrate the store at {self._safe_url}: {e}") from e

    @property
    def _safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except OperationalError as e:
            # no URL here: a SQLite URL is a file path, and this message reaches API clients
            raise StoreUnavailableError(f"the store cannot answer: {brief(e)}") from e


def brief(e: SQLAlchemyError) -> str:
    """The driver's own first line: SQLAlchemy's message adds the SQL and its parameters."""
    first = str(getattr(e, "orig", None) or type(e).__name__).strip().splitlines()
    return (first[0] if first else type(e).__name__)[:200]


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise StoreUnavailableError(f"not a database URL: {url!r}") from e
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True)
        except (ArgumentError, ImportError) as e:
            raise StoreUnavailableError(f"cannot use the database {url!r}: {e}") from e
    memory = parsed.database in (None, "", ":memory:")
    if not memory:
        path = Path(str(parsed.database)).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreUnavailableError(f"cannot create {path.parent}: {e.strerror}") from e
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if memory:
        kwargs["poolclass"] = StaticPool  # one connection, or each would see its own database
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas(wal=not memory))
    return engine


def _sqlite_pragmas(*, wal: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if wal:
            # readers (the UI) never block the writer (an ingest), and vice versa
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def now() -> datetime:
    """Now in UTC without the zone, as the store's DateTime columns hold it."""
    return datetime.now(UTC).replace(tzinfo=None)
