"""Analysts' corrections of coded events, in their own table (issue #18).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=512), nullable=False),
        sa.Column("event_id", sa.String(length=32), nullable=False),
        sa.Column("flag", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=True),
        sa.Column("source", sa.JSON(), nullable=True),
        sa.Column("target", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("original", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_corrections_event", "corrections", ["article_id", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_corrections_event", table_name="corrections")
    op.drop_table("corrections")
