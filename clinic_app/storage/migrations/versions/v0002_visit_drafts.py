"""Add visit drafts (the visit form exactly as typed, kept until finished) and a birth-date index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 13:14:13.004691
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "visit_drafts",
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("form_json", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_drafts_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("visit_id", name=op.f("pk_visit_drafts")),
    )
    with op.batch_alter_table("visit_drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_drafts_saved_at"), ["saved_at"], unique=False)
    # Finding a patient by birth date is one of the three ways to search.
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.create_index("ix_patients_birth_date", ["birth_date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index("ix_patients_birth_date")
    with op.batch_alter_table("visit_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_drafts_saved_at"))
    op.drop_table("visit_drafts")
