"""Episodes of care, outcome measures and goals: every visit belongs to an episode.

Adds the episodes table (with each episode's goals), visits.episode_id, the outcome measures filled
in at a visit and the therapist's judgement of activity goals. The visits already stored become one
open episode per patient, starting on the patient's first visit, with no reason recorded (nobody
recorded one): nothing is changed or lost, each visit only gains its episode.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 09:00:00
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here as on the day (clinic_app.domain.Region).
REGIONS = ("neck", "head", "shoulder", "upper_back", "low_back", "hip", "groin", "knee", "ankle_foot")


def upgrade() -> None:
    op.create_table(
        "episodes",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("referred_by", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("discharge_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "discharge_date IS NULL OR discharge_date >= start_date",
            name=op.f("ck_episodes_discharge_after_start"),
        ),
        sa.CheckConstraint("length(id) > 0", name=op.f("ck_episodes_id_not_empty")),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_episodes_patient_id_patients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episodes")),
    )
    op.create_index(
        "ix_episodes_patient_id_start_date", "episodes", ["patient_id", "start_date"], unique=False
    )
    op.create_table(
        "episode_goals",
        sa.Column("episode_id", sa.String(length=64), nullable=False),
        sa.Column("goal_id", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=60), nullable=True),
        sa.Column("target_score", sa.Double(), nullable=True),
        sa.Column("activity", sa.Text(), nullable=True),
        sa.Column("target_text", sa.Text(), nullable=True),
        sa.Column("by_date", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "(measure IS NOT NULL AND target_score IS NOT NULL AND activity IS NULL AND target_text IS NULL)"
            " OR (measure IS NULL AND target_score IS NULL AND activity IS NOT NULL AND target_text IS NOT NULL)",
            name=op.f("ck_episode_goals_measure_or_activity"),
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_episode_goals_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episodes.id"],
            name=op.f("fk_episode_goals_episode_id_episodes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("episode_id", "goal_id", name=op.f("pk_episode_goals")),
    )
    op.create_table(
        "outcome_results",
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=60), nullable=False),
        sa.Column(
            "region",
            sa.Enum(
                *REGIONS,
                name=op.f("ck_outcome_results_region"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("activities_json", sa.Text(), nullable=True),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("score_max", sa.Double(), nullable=False),
        sa.Column(
            "complete",
            sa.Boolean(create_constraint=True, name=op.f("ck_outcome_results_complete")),
            nullable=False,
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_outcome_results_position_not_negative")),
        sa.CheckConstraint("score_max > 0", name=op.f("ck_outcome_results_score_max_positive")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_outcome_results_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("visit_id", "position", name=op.f("pk_outcome_results")),
    )
    op.create_table(
        "goal_statuses",
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("goal_id", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "met", sa.Boolean(create_constraint=True, name=op.f("ck_goal_statuses_met")), nullable=False
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_goal_statuses_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_goal_statuses_visit_id_visits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("visit_id", "goal_id", name=op.f("pk_goal_statuses")),
    )
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("episode_id", sa.String(length=64), nullable=True))
    _one_episode_per_patient()
    with op.batch_alter_table("visits") as batch:
        batch.alter_column("episode_id", existing_type=sa.String(length=64), nullable=False)
        batch.create_foreign_key(batch.f("fk_visits_episode_id_episodes"), "episodes", ["episode_id"], ["id"])
        batch.create_index("ix_visits_episode_id_date", ["episode_id", "date"], unique=False)


def _one_episode_per_patient() -> None:
    """Each patient's stored visits into one open episode, from their first visit on."""
    connection = op.get_bind()
    visits = sa.table(
        "visits",
        sa.column("patient_id", sa.Integer),
        sa.column("date", sa.Date),
        sa.column("episode_id", sa.String),
    )
    episodes = sa.table(
        "episodes",
        sa.column("id", sa.String),
        sa.column("patient_id", sa.Integer),
        sa.column("start_date", sa.Date),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    first_visits = connection.execute(
        sa.select(visits.c.patient_id, sa.func.min(visits.c.date))
        .group_by(visits.c.patient_id)
        .order_by(visits.c.patient_id)
    ).all()
    now = dt.datetime.now(dt.UTC)
    if (
        connection.dialect.name == "sqlite"
    ):  # no time zones there: UTC without an offset, as the app stores it
        now = now.replace(tzinfo=None)
    for patient_id, first_date in first_visits:
        episode_id = uuid.uuid4().hex
        connection.execute(
            sa.insert(episodes).values(
                id=episode_id, patient_id=patient_id, start_date=first_date, created_at=now, updated_at=now
            )
        )
        connection.execute(
            sa.update(visits).where(visits.c.patient_id == patient_id).values(episode_id=episode_id)
        )


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.drop_index("ix_visits_episode_id_date")
        batch.drop_constraint(batch.f("fk_visits_episode_id_episodes"), type_="foreignkey")
        batch.drop_column("episode_id")
    op.drop_table("goal_statuses")
    op.drop_table("outcome_results")
    op.drop_table("episode_goals")
    op.drop_index("ix_episodes_patient_id_start_date", table_name="episodes")
    op.drop_table("episodes")
