"""Events keep their CAMEO code (the eventwire addition `cameo` of the record).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 05:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("cameo", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("cameo")
