"""Service tables under migration: the feed reader's memory and the monitor's alerts.

Earlier versions created `feed_state`, `feed_items`, `feed_failures` and `monitor_alerts` on
first use, outside the migrations; a store that already has one keeps it (same columns) and
this revision only creates what is missing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 05:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("feed_state"):
        op.create_table(
            "feed_state",
            sa.Column("feed", sa.String(length=1024), nullable=False),
            sa.Column("outlet", sa.String(length=256), nullable=False),
            sa.Column("etag", sa.Text(), nullable=True),
            sa.Column("last_modified", sa.Text(), nullable=True),
            sa.Column("last_polled", sa.Float(), nullable=True),
            sa.Column("next_poll", sa.Float(), nullable=True),
            sa.Column("errors_in_row", sa.Integer(), nullable=False),
            sa.Column("status", sa.String(length=32), nullable=True),
            sa.Column("error", sa.Text(), nullable=True),
            sa.Column("items", sa.Integer(), nullable=True),
            sa.Column("newest", sa.String(length=40), nullable=True),
            sa.PrimaryKeyConstraint("feed"),
        )
    if _missing("feed_items"):
        op.create_table(
            "feed_items",
            sa.Column("key", sa.String(length=64), nullable=False),
            sa.Column("url", sa.Text(), nullable=False),
            sa.Column("outlet", sa.String(length=256), nullable=False),
            sa.Column("feed", sa.String(length=1024), nullable=False),
            sa.Column("status", sa.String(length=16), nullable=False),
            sa.Column("article_id", sa.String(length=512), nullable=True),
            sa.Column("content_hash", sa.String(length=64), nullable=True),
            sa.Column("title", sa.Text(), nullable=True),
            sa.Column("published", sa.String(length=40), nullable=True),
            sa.Column("author", sa.Text(), nullable=True),
            sa.Column("attempts", sa.Integer(), nullable=False),
            sa.Column("next_try", sa.Float(), nullable=True),
            sa.Column("kind", sa.String(length=32), nullable=True),
            sa.Column("message", sa.Text(), nullable=True),
            sa.Column("seen_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("key"),
        )
        op.create_index("ix_feed_items_feed", "feed_items", ["feed"], unique=False)
        op.create_index("ix_feed_items_status", "feed_items", ["status"], unique=False)
        op.create_index("ix_feed_items_content_hash", "feed_items", ["content_hash"], unique=False)
    if _missing("feed_failures"):
        op.create_table(
            "feed_failures",
            sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.Column("outlet", sa.String(length=256), nullable=False),
            sa.Column("feed", sa.String(length=1024), nullable=False),
            sa.Column("url", sa.Text(), nullable=False),
            sa.Column("kind", sa.String(length=32), nullable=False),
            sa.Column("message", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("pk"),
        )
        op.create_index("ix_feed_failures_at", "feed_failures", ["at"], unique=False)
    if _missing("monitor_alerts"):
        op.create_table(
            "monitor_alerts",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("rule", sa.String(length=200), nullable=False),
            sa.Column("period", sa.String(length=10), nullable=False),
            sa.Column("window_start", sa.String(length=10), nullable=False),
            sa.Column("window_end", sa.String(length=10), nullable=False),
            sa.Column("value", sa.Float(), nullable=False),
            sa.Column("baseline", sa.Float(), nullable=True),
            sa.Column("reason", sa.Text(), nullable=False),
            sa.Column("selection", sa.Text(), nullable=False),
            sa.Column("events", sa.JSON(), nullable=False),
            sa.Column("fired_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("notified_at", sa.DateTime(), nullable=True),
            sa.Column("notify_error", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("rule", "period", name="uq_monitor_alerts_rule_period"),
        )


def downgrade() -> None:
    op.drop_table("monitor_alerts")
    op.drop_index("ix_feed_failures_at", table_name="feed_failures")
    op.drop_table("feed_failures")
    op.drop_index("ix_feed_items_content_hash", table_name="feed_items")
    op.drop_index("ix_feed_items_status", table_name="feed_items")
    op.drop_index("ix_feed_items_feed", table_name="feed_items")
    op.drop_table("feed_items")
    op.drop_table("feed_state")
