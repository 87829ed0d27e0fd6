"""Actors keep the key they merge across articles by (`eventwire.store.identity`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("identity", sa.String(length=640), nullable=True))
        batch.create_index(batch.f("ix_actors_identity"), ["identity"], unique=False)
    # rows stored before: the same name and country is the same actor (re-extract to refine)
    op.execute(
        "UPDATE actors SET identity = CASE WHEN kb_id IS NOT NULL THEN 'kb:' || kb_id "
        "ELSE 'name:' || name_key || '|' || COALESCE(country, '') END"
    )


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.drop_index(batch.f("ix_actors_identity"))
        batch.drop_column("identity")
