"""Events keep which of their actors the act implies (the eventwire addition `inferred`).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place; existing events imply nobody
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("inferred", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("inferred")
