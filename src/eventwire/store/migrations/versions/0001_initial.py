"""Initial schema: articles and their parts, events with evidence, runs, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 02:40:31.759215
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("n_ok", sa.Integer(), nullable=False),
        sa.Column("n_errors", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=512), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=256), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("coded_at", sa.DateTime(), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("article_id"),
        sa.UniqueConstraint("content_hash"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_run_id"), ["run_id"], unique=False)

    op.create_table(
        "failures",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("failures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_failures_run_id"), ["run_id"], unique=False)

    op.create_table(
        "actors",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("name_key", sa.String(length=512), nullable=False),
        sa.Column("country", sa.String(length=16), nullable=True),
        sa.Column("sector", sa.String(length=16), nullable=True),
        sa.Column("kb_id", sa.String(length=128), nullable=True),
        sa.Column("wikidata", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("designations", sa.JSON(), nullable=False),
        sa.Column("affiliations", sa.JSON(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_article_pk"), ["article_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_name_key"), ["name_key"], unique=False)

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=64), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("target", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("date", sa.String(length=64), nullable=True),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("time", sa.String(length=16), nullable=True),
        sa.Column("location", sa.String(length=16), nullable=True),
        sa.Column("attributed_to", sa.String(length=16), nullable=True),
        sa.Column("reported_by", sa.JSON(), nullable=False),
        sa.Column("quote", sa.String(length=16), nullable=True),
        sa.Column("intensity", sa.Float(), nullable=False),
        sa.Column("quad", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_article_pk"), ["article_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "places",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("country", sa.String(length=16), nullable=True),
        sa.Column("admin1", sa.String(length=128), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("feature", sa.String(length=16), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_article_pk"), ["article_pk"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("speaker", sa.String(length=16), nullable=True),
        sa.Column("outlet", sa.String(length=16), nullable=True),
        sa.Column("cue", sa.String(length=128), nullable=True),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quotes_article_pk"), ["article_pk"], unique=False)

    op.create_table(
        "times",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("anchor", sa.String(length=10), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("pipeline_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_times_article_pk"), ["article_pk"], unique=False)

    op.create_table(
        "dyads",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.String(length=512), nullable=False),
        sa.Column("source_key", sa.String(length=512), nullable=False),
        sa.Column("source_country", sa.String(length=16), nullable=True),
        sa.Column("target_name", sa.String(length=512), nullable=False),
        sa.Column("target_key", sa.String(length=512), nullable=False),
        sa.Column("target_country", sa.String(length=16), nullable=True),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("intensity", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("dyads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dyads_article_pk"), ["article_pk"], unique=False)
        batch_op.create_index("ix_dyads_day", ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_dyads_event_pk"), ["event_pk"], unique=False)
        batch_op.create_index(
            "ix_dyads_pair_day", ["source_key", "target_key", "day"], unique=False
        )

    op.create_table(
        "event_actors",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("name_key", sa.String(length=512), nullable=False),
        sa.Column("country", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_actors_article_pk"), ["article_pk"], unique=False
        )
        batch_op.create_index(
            "ix_event_actors_country_event", ["country", "event_pk"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_actors_event_pk"), ["event_pk"], unique=False)
        batch_op.create_index(
            "ix_event_actors_name_key_event", ["name_key", "event_pk"], unique=False
        )

    op.create_table(
        "evidence",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_article_pk"), ["article_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_event_pk"), ["event_pk"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("actor_pk", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["actor_pk"], ["actors.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_actor_pk"), ["actor_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_article_pk"), ["article_pk"], unique=False)

    _create_full_text()


def downgrade() -> None:
    _drop_full_text()
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_article_pk"))
        batch_op.drop_index(batch_op.f("ix_mentions_actor_pk"))

    op.drop_table("mentions")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_event_pk"))
        batch_op.drop_index(batch_op.f("ix_evidence_article_pk"))

    op.drop_table("evidence")
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index("ix_event_actors_name_key_event")
        batch_op.drop_index(batch_op.f("ix_event_actors_event_pk"))
        batch_op.drop_index("ix_event_actors_country_event")
        batch_op.drop_index(batch_op.f("ix_event_actors_article_pk"))

    op.drop_table("event_actors")
    with op.batch_alter_table("dyads", schema=None) as batch_op:
        batch_op.drop_index("ix_dyads_pair_day")
        batch_op.drop_index(batch_op.f("ix_dyads_event_pk"))
        batch_op.drop_index("ix_dyads_day")
        batch_op.drop_index(batch_op.f("ix_dyads_article_pk"))

    op.drop_table("dyads")
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_times_article_pk"))

    op.drop_table("times")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotes_article_pk"))

    op.drop_table("quotes")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_article_pk"))

    op.drop_table("places")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index(batch_op.f("ix_events_status"))
        batch_op.drop_index(batch_op.f("ix_events_day"))
        batch_op.drop_index(batch_op.f("ix_events_article_pk"))

    op.drop_table("events")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_name_key"))
        batch_op.drop_index(batch_op.f("ix_actors_country"))
        batch_op.drop_index(batch_op.f("ix_actors_article_pk"))

    op.drop_table("actors")
    with op.batch_alter_table("failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_failures_run_id"))

    op.drop_table("failures")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_run_id"))
        batch_op.drop_index(batch_op.f("ix_articles_published"))

    op.drop_table("articles")
    op.drop_table("runs")


# Full-text search over title and text. SQLite: an FTS5 index kept in step by triggers
# (external content, so the text is stored once). PostgreSQL: a GIN index on the same
# expression `Store` queries with. Other databases fall back to LIKE and get no index.
_FTS_SQLITE = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='pk', tokenize='unicode61')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
)
_FTS_POSTGRES = (
    "CREATE INDEX ix_articles_fts ON articles USING gin "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text))",
)


def _create_full_text() -> None:
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": _FTS_SQLITE, "postgresql": _FTS_POSTGRES}.get(dialect, ())
    for statement in statements:
        op.execute(statement)


def _drop_full_text() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
