"""Create the tables: patients, clinicians, visits and what a visit records, clinic profile, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 12:51:23.321753
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "paper",
            sa.Enum(
                "letter",
                "a4",
                name=op.f("ck_app_settings_paper"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "default_language",
            sa.Enum(
                "en",
                "es",
                name=op.f("ck_app_settings_default_language"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "large_print",
            sa.Boolean(create_constraint=True, name=op.f("ck_app_settings_large_print")),
            nullable=False,
        ),
        sa.CheckConstraint("id = 1", name=op.f("ck_app_settings_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_settings")),
    )
    op.create_table(
        "clinic_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("booking", sa.String(length=300), nullable=False),
        sa.Column("handout_footer", sa.String(length=500), nullable=False),
        sa.Column("logo_png", sa.LargeBinary(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_clinic_profile_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinic_profile")),
    )
    op.create_table(
        "clinicians",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinicians")),
        sa.UniqueConstraint("name", name=op.f("uq_clinicians_name")),
    )
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mrn", sa.String(length=40), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column(
            "sex",
            sa.Enum(
                "female",
                "male",
                "other",
                "unknown",
                name=op.f("ck_patients_sex"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column(
            "language",
            sa.Enum(
                "en",
                "es",
                name=op.f("ck_patients_language"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column(
            "mrn_key", sa.String().with_variant(sa.String(collation="C"), "postgresql"), nullable=False
        ),
        sa.Column(
            "family_given_key",
            sa.String().with_variant(sa.String(collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "given_family_key",
            sa.String().with_variant(sa.String(collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(mrn) > 0", name=op.f("ck_patients_mrn_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patients")),
        sa.UniqueConstraint("mrn", name=op.f("uq_patients_mrn")),
    )
    op.create_index("ix_patients_family_given_key", "patients", ["family_given_key", "id"], unique=False)
    op.create_index("ix_patients_given_family_key", "patients", ["given_family_key", "id"], unique=False)
    op.create_index("ix_patients_mrn_key", "patients", ["mrn_key", "id"], unique=False)
    op.create_table(
        "visits",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "final",
                name=op.f("ck_visits_status"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "plan_recorded",
            sa.Boolean(create_constraint=True, name=op.f("ck_visits_plan_recorded")),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(id) > 0", name=op.f("ck_visits_id_not_empty")),
        sa.CheckConstraint("version_id > 0", name=op.f("ck_visits_version_positive")),
        sa.ForeignKeyConstraint(
            ["clinician_id"], ["clinicians.id"], name=op.f("fk_visits_clinician_id_clinicians")
        ),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name=op.f("fk_visits_patient_id_patients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    op.create_index(op.f("ix_visits_clinician_id"), "visits", ["clinician_id"], unique=False)
    op.create_index("ix_visits_patient_id_date", "visits", ["patient_id", "date"], unique=False)
    op.create_table(
        "complaints",
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "region",
            sa.Enum(
                "neck",
                "head",
                "shoulder",
                "upper_back",
                "low_back",
                "hip",
                "groin",
                "knee",
                "ankle_foot",
                name=op.f("ck_complaints_region"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "side",
            sa.Enum(
                "left",
                "right",
                "both",
                "central",
                name=op.f("ck_complaints_side"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "side <> 'central' OR region IN ('head', 'low_back', 'neck', 'upper_back')",
            name=op.f("ck_complaints_central_on_midline"),
        ),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name=op.f("ck_complaints_pain_range")),
        sa.CheckConstraint("position >= 0", name=op.f("ck_complaints_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_complaints_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("visit_id", "position", name=op.f("pk_complaints")),
    )
    op.create_table(
        "prescriptions",
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=60), nullable=False),
        sa.Column(
            "side",
            sa.Enum(
                "left",
                "right",
                "both",
                "central",
                name=op.f("ck_prescriptions_side"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("hold_s", sa.Integer(), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("per_day", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("hold_s BETWEEN 1 AND 600", name=op.f("ck_prescriptions_hold_s_range")),
        sa.CheckConstraint("per_day BETWEEN 1 AND 12", name=op.f("ck_prescriptions_per_day_range")),
        sa.CheckConstraint("position >= 0", name=op.f("ck_prescriptions_position_not_negative")),
        sa.CheckConstraint("reps BETWEEN 1 AND 100", name=op.f("ck_prescriptions_reps_range")),
        sa.CheckConstraint("sets BETWEEN 1 AND 20", name=op.f("ck_prescriptions_sets_range")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_prescriptions_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("visit_id", "position", name=op.f("pk_prescriptions")),
    )
    op.create_table(
        "red_flag_answers",
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("flag_id", sa.String(length=60), nullable=False),
        sa.Column(
            "answer",
            sa.Enum(
                "present",
                "absent",
                "not_asked",
                name=op.f("ck_red_flag_answers_answer"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_red_flag_answers_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_red_flag_answers_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("visit_id", "flag_id", name=op.f("pk_red_flag_answers")),
    )
    op.create_table(
        "screening_results",
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column(
            "test",
            sa.Enum(
                "shoulder_height",
                "head_posture",
                "hip_mobility",
                "ankle_mobility",
                "pelvic_height",
                name=op.f("ck_screening_results_test"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "side",
            sa.Enum(
                "left",
                "right",
                "central",
                name=op.f("ck_screening_results_side"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("difference_cm", sa.Double(), nullable=True),
        sa.Column("craniovertebral_angle_deg", sa.Double(), nullable=True),
        sa.Column(
            "knee_bent_when_raised",
            sa.Boolean(create_constraint=True, name=op.f("ck_screening_results_knee_bent_when_raised")),
            nullable=True,
        ),
        sa.Column(
            "foot_turned_out_when_resting",
            sa.Boolean(
                create_constraint=True, name=op.f("ck_screening_results_foot_turned_out_when_resting")
            ),
            nullable=True,
        ),
        sa.Column("raised_angle_deg", sa.Double(), nullable=True),
        sa.Column("fms_score", sa.Integer(), nullable=True),
        sa.Column(
            "knee_touches_wall",
            sa.Boolean(create_constraint=True, name=op.f("ck_screening_results_knee_touches_wall")),
            nullable=True,
        ),
        sa.Column(
            "heel_lifted",
            sa.Boolean(create_constraint=True, name=op.f("ck_screening_results_heel_lifted")),
            nullable=True,
        ),
        sa.Column("toe_to_wall_cm", sa.Double(), nullable=True),
        sa.CheckConstraint(
            "(test IN ('hip_mobility', 'ankle_mobility')) = (side <> 'central')",
            name=op.f("ck_screening_results_side_fits_test"),
        ),
        sa.CheckConstraint(
            "(test IN ('shoulder_height', 'pelvic_height') AND result IN ('level', 'left_higher', 'right_higher')) OR (test = 'head_posture' AND (result IS NULL OR result IN ('neutral', 'forward'))) OR (test IN ('hip_mobility', 'ankle_mobility') AND result IS NULL)",
            name=op.f("ck_screening_results_result_fits_test"),
        ),
        sa.CheckConstraint(
            "craniovertebral_angle_deg BETWEEN 0 AND 180",
            name=op.f("ck_screening_results_craniovertebral_angle_deg_range"),
        ),
        sa.CheckConstraint(
            "difference_cm BETWEEN 0 AND 10", name=op.f("ck_screening_results_difference_cm_range")
        ),
        sa.CheckConstraint("fms_score BETWEEN 0 AND 3", name=op.f("ck_screening_results_fms_score_range")),
        sa.CheckConstraint(
            "raised_angle_deg BETWEEN 0 AND 180", name=op.f("ck_screening_results_raised_angle_deg_range")
        ),
        sa.CheckConstraint(
            "toe_to_wall_cm BETWEEN 0 AND 30", name=op.f("ck_screening_results_toe_to_wall_cm_range")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_screening_results_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("visit_id", "test", "side", name=op.f("pk_screening_results")),
    )


def downgrade() -> None:
    op.drop_table("screening_results")
    op.drop_table("red_flag_answers")
    op.drop_table("prescriptions")
    op.drop_table("complaints")
    op.drop_index("ix_visits_patient_id_date", table_name="visits")
    op.drop_index(op.f("ix_visits_clinician_id"), table_name="visits")
    op.drop_table("visits")
    op.drop_index("ix_patients_mrn_key", table_name="patients")
    op.drop_index("ix_patients_given_family_key", table_name="patients")
    op.drop_index("ix_patients_family_given_key", table_name="patients")
    op.drop_table("patients")
    op.drop_table("clinicians")
    op.drop_table("clinic_profile")
    op.drop_table("app_settings")
