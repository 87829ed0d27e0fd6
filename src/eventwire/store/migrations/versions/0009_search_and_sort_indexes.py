"""Search over evidence and quotes by index, and indexes for the grid's sorts and the
timeline's and dyads' counts (issue #18: every page under 500 ms on 100,000 events).

SQLite: trigram FTS5 indexes over `evidence.text` and `quotes.text`, kept in step by
triggers (external content: the text is stored once). A trigram index finds any substring of
three or more characters, case-insensitively, so it narrows `q=` to the events that can
match before the exact `LIKE` test runs on those alone. PostgreSQL keeps the plain test.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 06:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: (index, table, columns): sorts walk an index instead of sorting every event; counts read
#: a narrow index instead of the wide rows.
_INDEXES = (
    ("ix_events_confidence", "events", ["confidence"]),
    ("ix_events_intensity", "events", ["intensity"]),
    ("ix_events_day_counts", "events", ["day", "type", "status", "intensity"]),
    ("ix_event_actors_event_role_name", "event_actors", ["event_pk", "role", "name"]),
    ("ix_dyads_names_day", "dyads", ["source_name", "target_name", "day", "intensity"]),
)


def _fts(table: str) -> tuple[str, ...]:
    return (
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5("
        f"text, content='{table}', content_rowid='pk', tokenize='trigram')",
        f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {table}_fts(rowid, text) VALUES (new.pk, new.text); END",
        f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {table}_fts({table}_fts, rowid, text) VALUES ('delete', old.pk, old.text); "
        "END",
        f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {table}_fts({table}_fts, rowid, text) VALUES ('delete', old.pk, old.text); "
        f"INSERT INTO {table}_fts(rowid, text) VALUES (new.pk, new.text); END",
        # rows stored before this migration
        f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')",
    )


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name == "sqlite":
        for table in ("evidence", "quotes"):
            for statement in _fts(table):
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in ("evidence", "quotes"):
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    for name, table, _ in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
