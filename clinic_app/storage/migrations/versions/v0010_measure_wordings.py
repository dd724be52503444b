"""Outcome measure wording: the clinic's licensed item text of a measure we may not ship (LEFS, NDI,
ODI, QuickDASH), one row per measure, replaced whole on each import.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 12:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "measure_wordings",
        sa.Column("measure", sa.String(length=60), nullable=False),
        sa.Column("wording_json", sa.Text(), nullable=False),
        sa.Column("imported_by", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(wording_json) > 0", name=op.f("ck_measure_wordings_wording_not_empty")),
        sa.PrimaryKeyConstraint("measure", name=op.f("pk_measure_wordings")),
    )


def downgrade() -> None:
    op.drop_table("measure_wordings")
