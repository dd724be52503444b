"""Rules 2026.12: the resting leg lifting, red-flag overrides, the triage a visit was signed with,
the clinic's emergency number and letter language, and `fever_or_unwell` split into two flags.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 07:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here as they were on the day: a migration must not change with later rules.
RETIRED_FLAG, READ_AS = "fever_or_unwell", "fever"


def upgrade() -> None:
    with op.batch_alter_table("screening_results", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "resting_leg_lifted",
                sa.Boolean(create_constraint=True, name=op.f("ck_screening_results_resting_leg_lifted")),
                nullable=True,
            )
        )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signed_triage", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("signed_rules_version", sa.String(length=40), nullable=True))
    # No emergency number is assumed: the clinic must say which one its patients call.
    with op.batch_alter_table("clinic_profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("emergency_number", sa.String(length=20), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "letter_language",
                sa.Enum(
                    "en",
                    "es",
                    name=op.f("ck_clinic_profile_letter_language"),
                    native_enum=False,
                    create_constraint=True,
                    length=20,
                ),
                server_default="en",
                nullable=False,
            )
        )
    op.create_table(
        "red_flag_overrides",
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("flag_id", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("overridden_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint("length(reason) > 0", name=op.f("ck_red_flag_overrides_reason_not_empty")),
        sa.CheckConstraint("position >= 0", name=op.f("ck_red_flag_overrides_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_red_flag_overrides_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visit_id", "position", name=op.f("pk_red_flag_overrides")),
    )
    # The flag was split into fever and feeling unwell; an old answer is read as fever, the safer
    # reading (fever with any complaint calls for a same-day referral).
    op.execute(
        sa.text("UPDATE red_flag_answers SET flag_id = :new WHERE flag_id = :old").bindparams(
            new=READ_AS, old=RETIRED_FLAG
        )
    )


def downgrade() -> None:
    op.execute(
        sa.text("UPDATE red_flag_answers SET flag_id = :old WHERE flag_id = :new").bindparams(
            new=READ_AS, old=RETIRED_FLAG
        )
    )
    op.drop_table("red_flag_overrides")
    # A column's CHECK constraint goes first: SQLite's table copy would keep it and fail.
    with op.batch_alter_table("clinic_profile", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_clinic_profile_letter_language"), type_="check")
        batch_op.drop_column("letter_language")
        batch_op.drop_column("emergency_number")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_column("signed_rules_version")
        batch_op.drop_column("signed_triage")
    with op.batch_alter_table("screening_results", schema=None) as batch_op:
        if op.get_bind().dialect.name == "sqlite":  # PostgreSQL has a boolean type and no CHECK for it
            batch_op.drop_constraint(op.f("ck_screening_results_resting_leg_lifted"), type_="check")
        batch_op.drop_column("resting_leg_lifted")
