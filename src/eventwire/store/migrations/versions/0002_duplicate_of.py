"""Near-duplicate articles: articles.duplicate_of names the article a wire copy repeats.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("duplicate_of", sa.String(length=512), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("duplicate_of")
