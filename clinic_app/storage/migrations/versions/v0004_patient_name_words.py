"""Find a patient by any word of their name: keys from each later word of the names on.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 15:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from clinic_app.storage.orm import search_key_type
from clinic_app.storage.search_key import name_word_keys

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    keys = op.create_table(
        "patient_name_keys",
        sa.Column("name_key", search_key_type(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_name_keys_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("name_key", "patient_id", name=op.f("pk_patient_name_keys")),
    )
    with op.batch_alter_table("patient_name_keys", schema=None) as batch_op:
        batch_op.create_index("ix_patient_name_keys_patient_id", ["patient_id"], unique=False)
    assert keys is not None
    _add_keys_of_every_patient(keys)


def _add_keys_of_every_patient(keys: sa.Table) -> None:
    # The same keys the app writes when a patient is saved (search_key.name_word_keys).
    patients = sa.table(
        "patients", sa.column("id", sa.Integer), sa.column("given_name"), sa.column("family_name")
    )
    connection = op.get_bind()
    rows: list[dict[str, object]] = []
    for patient_id, given_name, family_name in connection.execute(
        sa.select(patients.c.id, patients.c.given_name, patients.c.family_name)
    ):
        rows += [
            {"name_key": key, "patient_id": patient_id} for key in name_word_keys(given_name, family_name)
        ]
        if len(rows) >= BATCH:
            connection.execute(keys.insert(), rows)
            rows = []
    if rows:
        connection.execute(keys.insert(), rows)


def downgrade() -> None:
    with op.batch_alter_table("patient_name_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_name_keys_patient_id")
    op.drop_table("patient_name_keys")
