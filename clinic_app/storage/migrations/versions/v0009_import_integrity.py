"""Import integrity: MRNs unique whatever their letter case; an imported document stored once.

- `patients.mrn_fold`: the MRN case-folded (clinic_app.storage.mrn.mrn_fold), unique. Patients
  already stored whose MRNs differ only in letter case are kept apart, never merged (they may be two
  people): the first stored keeps the plain key, each later one a key no MRN can have (the fold, a
  unit separator U+001F, its id), so that it is still found by its MRN exactly as written.
- `visits.import_digest`: SHA-256 of the document as parsed, unique: the same document imported
  twice is stored once.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 09:10:00
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from clinic_app.storage.mrn import mrn_fold

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)
DUPLICATE_MARK = "\x1f"  # a control character: refused in any MRN a document or form gives


def upgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mrn_fold", sa.String(), nullable=True))
    _fill_mrn_folds()
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.alter_column("mrn_fold", existing_type=sa.String(), nullable=False)
        batch_op.create_unique_constraint(op.f("uq_patients_mrn_fold"), ["mrn_fold"])
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_digest", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(op.f("uq_visits_import_digest"), ["import_digest"])


def _fill_mrn_folds() -> None:
    patients = sa.table("patients", sa.column("id", sa.Integer), sa.column("mrn"), sa.column("mrn_fold"))
    connection = op.get_bind()
    taken: set[str] = set()
    kept_apart = 0
    for patient_id, mrn in connection.execute(
        sa.select(patients.c.id, patients.c.mrn).order_by(patients.c.id)
    ):
        fold = mrn_fold(mrn)
        if fold in taken:
            kept_apart += 1
            fold = f"{fold}{DUPLICATE_MARK}{patient_id}"
        taken.add(fold)
        connection.execute(sa.update(patients).where(patients.c.id == patient_id).values(mrn_fold=fold))
    if kept_apart:
        log.warning(
            "%d patients have an MRN that differs from an earlier patient's only in letter case; "
            "they are kept apart: check them in the patient list",
            kept_apart,
        )


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_visits_import_digest"), type_="unique")
        batch_op.drop_column("import_digest")
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_patients_mrn_fold"), type_="unique")
        batch_op.drop_column("mrn_fold")
