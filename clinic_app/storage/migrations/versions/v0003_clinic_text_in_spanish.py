"""The clinic's own words in Spanish: how to book and the handout footer, for Spanish handouts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 15:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Blank until the clinic writes them; a blank one prints the main-language text instead.
    with op.batch_alter_table("clinic_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("booking_es", sa.String(length=300), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("handout_footer_es", sa.String(length=500), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("clinic_profile", schema=None) as batch_op:
        batch_op.drop_column("handout_footer_es")
        batch_op.drop_column("booking_es")
