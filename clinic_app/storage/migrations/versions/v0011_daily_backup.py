"""The desktop's daily backup: its folder, on/off, how many to keep, and how the last one went.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "daily_backup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "enabled",
            sa.Boolean(create_constraint=True, name=op.f("ck_daily_backup_enabled")),
            nullable=False,
        ),
        sa.Column("folder", sa.Text(), nullable=True),
        sa.Column("keep", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_good_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_good_file", sa.Text(), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_kind", sa.String(length=20), nullable=True),
        sa.Column("last_failure_message", sa.Text(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_daily_backup_single_row")),
        sa.CheckConstraint("keep BETWEEN 1 AND 365", name=op.f("ck_daily_backup_keep_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_backup")),
    )


def downgrade() -> None:
    op.drop_table("daily_backup")
