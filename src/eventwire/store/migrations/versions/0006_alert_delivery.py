"""Alerts keep their webhook delivery state: an outbox retried with backoff.

`delivery` is NULL when no webhook was set when the alert fired, else `pending`, `retrying`,
`sent` or `failed` (given up after the last try); `delivery_attempts` counts the POSTs tried
and `next_delivery_at` is when the next one is due.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 04:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns: list[sa.Column[Any]] = [
        sa.Column("delivery", sa.String(length=16), nullable=True),
        sa.Column("delivery_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_delivery_at", sa.DateTime(), nullable=True),
    ]
    # a table made on first use before 0003 (from the current models) may have them already
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("monitor_alerts")}
    missing = [c for c in columns if c.name not in have]
    if missing:
        # batch mode: SQLite cannot alter a table in place
        with op.batch_alter_table("monitor_alerts") as batch:
            for column in missing:
                batch.add_column(column)
    # alerts that failed once before this migration were never retried: queue them again
    op.execute(
        "UPDATE monitor_alerts SET delivery = 'retrying', delivery_attempts = 1 "
        "WHERE notify_error IS NOT NULL AND notified_at IS NULL"
    )
    op.execute("UPDATE monitor_alerts SET delivery = 'sent' WHERE notified_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("monitor_alerts") as batch:
        batch.drop_column("next_delivery_at")
        batch.drop_column("delivery_attempts")
        batch.drop_column("delivery")
