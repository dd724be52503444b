"""The database tables, as typed SQLAlchemy mappings.

The tables mirror the domain model of clinic_app.domain, and the database itself
enforces its rules (ranges, enumerations, foreign keys, unique MRN) so that no
other writer can store what the app would reject. Enumerations are strings with
a CHECK constraint, which behave the same on SQLite and PostgreSQL and need no
ALTER TYPE when a value is added. Every constraint is named by the convention
below: Alembic's batch mode on SQLite can only alter constraints it can name.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Double,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from clinic_app.accounts import Role
from clinic_app.backup_policy import DEFAULT_KEEP as DEFAULT_BACKUPS_KEPT
from clinic_app.backup_policy import MAX_KEEP as MAX_BACKUPS_KEPT
from clinic_app.domain import (
    MIDLINE_REGIONS,
    HeadResult,
    Language,
    LevelResult,
    PaperSize,
    Region,
    ScreenId,
    Sex,
    Side,
    SignatureKind,
    VisitStatus,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME_LENGTH = 200  # domain.Text
MRN_LENGTH = 40
PHONE_LENGTH = 40
EMAIL_LENGTH = 200
VISIT_ID_LENGTH = 64
EPISODE_ID_LENGTH = 64
CODE_LENGTH = 60  # ids from the catalogue and the exercise library
RULES_VERSION_LENGTH = 40
EMERGENCY_NUMBER_LENGTH = 20
LICENCE_LENGTH = 100
DEFAULT_LOCK_MINUTES = 10  # the contract's default idle time before the desktop locks
ENUM_LENGTH = 20
SHA256_HEX_LENGTH = 64


class RedFlagAnswer(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    NOT_ASKED = "not_asked"


class ScreeningSide(StrEnum):
    """The leg a bilateral screen describes, or central for the screens done once."""

    LEFT = "left"
    RIGHT = "right"
    CENTRAL = "central"


BILATERAL_SCREENS = (ScreenId.HIP_MOBILITY, ScreenId.ANKLE_MOBILITY)
LEVEL_SCREENS = (ScreenId.SHOULDER_HEIGHT, ScreenId.PELVIC_HEIGHT)


def enum_of(values: type[StrEnum], name: str) -> Enum:
    """A string column holding the enum's values (not its member names), checked by the database."""
    return Enum(
        values,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=ENUM_LENGTH,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def flag(name: str) -> Boolean:
    """A boolean; on SQLite (integers) the database checks it is 0 or 1."""
    return Boolean(create_constraint=True, name=name)


def search_key_type() -> String:
    # Code-point order on PostgreSQL too, so a prefix is exactly a key range whatever the server locale.
    return String().with_variant(String(collation="C"), "postgresql")


def sql_list(values: Any) -> str:
    return ", ".join(f"'{value}'" for value in values)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A point in time, always given and returned timezone-aware in UTC.

    PostgreSQL stores it as timestamptz; SQLite has no time zones, so it holds UTC without an offset.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a timezone-aware one")
        in_utc = value.astimezone(dt.UTC)
        return in_utc.replace(tzinfo=None) if dialect.name == "sqlite" else in_utc

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ClinicianRow(Base):
    __tablename__ = "clinicians"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)


class PatientRow(Base):
    __tablename__ = "patients"
    __table_args__ = (
        Index("ix_patients_birth_date", "birth_date"),
        CheckConstraint("length(mrn) > 0", name="mrn_not_empty"),
        Index("ix_patients_mrn_key", "mrn_key", "id"),
        Index("ix_patients_family_given_key", "family_given_key", "id"),
        Index("ix_patients_given_family_key", "given_family_key", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mrn: Mapped[str] = mapped_column(String(MRN_LENGTH), unique=True)
    given_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    family_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[Sex | None] = mapped_column(enum_of(Sex, "sex"))
    language: Mapped[Language | None] = mapped_column(enum_of(Language, "language"))
    phone: Mapped[str | None] = mapped_column(String(PHONE_LENGTH))
    email: Mapped[str | None] = mapped_column(String(EMAIL_LENGTH))
    # mrn_fold(mrn): MRNs are unique whatever their letter case (migration 0009).
    mrn_fold: Mapped[str] = mapped_column(String(), unique=True)
    # search_key() of the MRN, of "family given" and of "given family": see search_key.py.
    mrn_key: Mapped[str] = mapped_column(search_key_type())
    family_given_key: Mapped[str] = mapped_column(search_key_type())
    given_family_key: Mapped[str] = mapped_column(search_key_type())
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class PatientNameKeyRow(Base):
    """A key from a later word of a patient's name on (search_key.name_word_keys): "maria lopez"."""

    __tablename__ = "patient_name_keys"
    __table_args__ = (Index("ix_patient_name_keys_patient_id", "patient_id"),)

    # Key first: a prefix search is a range scan of the primary key, in key order.
    name_key: Mapped[str] = mapped_column(search_key_type(), primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True)


class EpisodeRow(Base):
    """An episode of care (migration 0008): why the patient came, from when until discharge.

    reason is NULL for an episode the store opened itself (a visit came without one, or it was there
    before episodes existed): such an episode holds nothing a person recorded.
    """

    __tablename__ = "episodes"
    __table_args__ = (
        CheckConstraint("length(id) > 0", name="id_not_empty"),
        CheckConstraint(
            "discharge_date IS NULL OR discharge_date >= start_date", name="discharge_after_start"
        ),
        Index("ix_episodes_patient_id_start_date", "patient_id", "start_date"),
    )

    id: Mapped[str] = mapped_column(String(EPISODE_ID_LENGTH), primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    referred_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    start_date: Mapped[dt.date] = mapped_column(Date)
    discharge_date: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())

    goals: Mapped[list[GoalRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="GoalRow.position", lazy="raise"
    )


class GoalRow(Base):
    """One goal of an episode: a measure and a target score, or an activity and a target in words."""

    __tablename__ = "episode_goals"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint(
            "(measure IS NOT NULL AND target_score IS NOT NULL AND activity IS NULL AND target_text IS NULL)"
            " OR (measure IS NULL AND target_score IS NULL AND activity IS NOT NULL AND target_text IS NOT NULL)",
            name="measure_or_activity",
        ),
    )

    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"), primary_key=True)
    goal_id: Mapped[str] = mapped_column(String(CODE_LENGTH), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    measure: Mapped[str | None] = mapped_column(String(CODE_LENGTH))  # lefs, psfs, nprs:knee
    target_score: Mapped[float | None] = mapped_column(Double)
    activity: Mapped[str | None] = mapped_column(Text)
    target_text: Mapped[str | None] = mapped_column(Text)
    by_date: Mapped[dt.date] = mapped_column(Date)


class VisitRow(Base):
    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("length(id) > 0", name="id_not_empty"),
        CheckConstraint("version_id > 0", name="version_positive"),
        Index("ix_visits_patient_id_date", "patient_id", "date"),
        Index("ix_visits_episode_id_date", "episode_id", "date"),
    )

    id: Mapped[str] = mapped_column(String(VISIT_ID_LENGTH), primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id"))
    clinician_id: Mapped[int | None] = mapped_column(ForeignKey("clinicians.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[VisitStatus] = mapped_column(enum_of(VisitStatus, "status"))
    # Whether the therapist settled on a plan: None and an empty plan are different things.
    plan_recorded: Mapped[bool] = mapped_column(flag("plan_recorded"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    version_id: Mapped[int] = mapped_column(Integer)
    # Set when the visit is finished: the triage result it was signed with (triage/2 JSON) and the
    # rules version, kept as they were so that a rules change never rewrites a signed record.
    signed_triage: Mapped[str | None] = mapped_column(Text)
    signed_rules_version: Mapped[str | None] = mapped_column(String(RULES_VERSION_LENGTH))
    # The signature (migration 0007): the account, and its name and licence as they were when signing.
    signed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    signed_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    signed_licence: Mapped[str | None] = mapped_column(String(LICENCE_LENGTH))
    signed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    signature_kind: Mapped[SignatureKind | None] = mapped_column(enum_of(SignatureKind, "signature_kind"))
    # SHA-256 of the visit document it was imported from, as parsed (imports.document_digest): the
    # same document imported again is the same visit (migration 0009).
    import_digest: Mapped[str | None] = mapped_column(String(SHA256_HEX_LENGTH), unique=True)

    patient: Mapped[PatientRow] = relationship(lazy="raise")
    episode: Mapped[EpisodeRow] = relationship(lazy="raise")
    clinician: Mapped[ClinicianRow | None] = relationship(lazy="raise")
    complaints: Mapped[list[ComplaintRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ComplaintRow.position", lazy="raise"
    )
    red_flag_answers: Mapped[list[RedFlagAnswerRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="RedFlagAnswerRow.position", lazy="raise"
    )
    red_flag_overrides: Mapped[list[RedFlagOverrideRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="RedFlagOverrideRow.position",
        lazy="raise",
    )
    screening_results: Mapped[list[ScreeningResultRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    prescriptions: Mapped[list[PrescriptionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PrescriptionRow.position", lazy="raise"
    )
    outcomes: Mapped[list[OutcomeRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="OutcomeRow.position", lazy="raise"
    )
    goal_statuses: Mapped[list[GoalStatusRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="GoalStatusRow.position", lazy="raise"
    )
    addenda: Mapped[list[AddendumRow]] = relationship(order_by="AddendumRow.position", lazy="raise")

    # Optimistic locking: every UPDATE says "WHERE version_id = <the version read>" and bumps it.
    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012 (read once, when mapped)


def visit_fk() -> Any:
    return ForeignKey("visits.id", ondelete="CASCADE")


class ComplaintRow(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("pain BETWEEN 0 AND 10", name="pain_range"),
        CheckConstraint(
            f"side <> 'central' OR region IN ({sql_list(sorted(MIDLINE_REGIONS))})", name="central_on_midline"
        ),
    )

    visit_id: Mapped[str] = mapped_column(visit_fk(), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    region: Mapped[Region] = mapped_column(enum_of(Region, "region"))
    side: Mapped[Side] = mapped_column(enum_of(Side, "side"))
    pain: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class RedFlagAnswerRow(Base):
    """One question of the red-flag checklist; a visit has none when the checklist was not done."""

    __tablename__ = "red_flag_answers"
    __table_args__ = (CheckConstraint("position >= 0", name="position_not_negative"),)

    visit_id: Mapped[str] = mapped_column(visit_fk(), primary_key=True)
    flag_id: Mapped[str] = mapped_column(String(CODE_LENGTH), primary_key=True)
    answer: Mapped[RedFlagAnswer] = mapped_column(enum_of(RedFlagAnswer, "answer"))
    # Present flags come first, in the order the therapist gave them.
    position: Mapped[int] = mapped_column(Integer)


class RedFlagOverrideRow(Base):
    """The therapist's decision to give a home programme despite a routine red flag: why, and who."""

    __tablename__ = "red_flag_overrides"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("length(reason) > 0", name="reason_not_empty"),
    )

    visit_id: Mapped[str] = mapped_column(visit_fk(), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_id: Mapped[str] = mapped_column(String(CODE_LENGTH))
    reason: Mapped[str] = mapped_column(Text)
    # Who decided: the visit's clinician until accounts exist, then the logged-in account.
    overridden_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))


class ScreeningResultRow(Base):
    """One screen (or one leg of a bilateral screen); the columns are the fields of its domain model."""

    __tablename__ = "screening_results"
    __table_args__ = (
        CheckConstraint(
            f"(test IN ({sql_list(BILATERAL_SCREENS)})) = (side <> 'central')", name="side_fits_test"
        ),
        CheckConstraint(
            f"(test IN ({sql_list(LEVEL_SCREENS)}) AND result IN ({sql_list(LevelResult)}))"
            f" OR (test = '{ScreenId.HEAD_POSTURE}' AND (result IS NULL OR result IN ({sql_list(HeadResult)})))"
            f" OR (test IN ({sql_list(BILATERAL_SCREENS)}) AND result IS NULL)",
            name="result_fits_test",
        ),
        CheckConstraint("difference_cm BETWEEN 0 AND 10", name="difference_cm_range"),
        CheckConstraint(
            "craniovertebral_angle_deg BETWEEN 0 AND 180", name="craniovertebral_angle_deg_range"
        ),
        CheckConstraint("raised_angle_deg BETWEEN 0 AND 180", name="raised_angle_deg_range"),
        CheckConstraint("fms_score BETWEEN 0 AND 3", name="fms_score_range"),
        CheckConstraint("toe_to_wall_cm BETWEEN 0 AND 30", name="toe_to_wall_cm_range"),
    )

    visit_id: Mapped[str] = mapped_column(visit_fk(), primary_key=True)
    test: Mapped[ScreenId] = mapped_column(enum_of(ScreenId, "test"), primary_key=True)
    side: Mapped[ScreeningSide] = mapped_column(enum_of(ScreeningSide, "side"), primary_key=True)
    result: Mapped[str | None] = mapped_column(String(ENUM_LENGTH))
    difference_cm: Mapped[float | None] = mapped_column(Double)
    craniovertebral_angle_deg: Mapped[float | None] = mapped_column(Double)
    knee_bent_when_raised: Mapped[bool | None] = mapped_column(flag("knee_bent_when_raised"))
    foot_turned_out_when_resting: Mapped[bool | None] = mapped_column(flag("foot_turned_out_when_resting"))
    resting_leg_lifted: Mapped[bool | None] = mapped_column(flag("resting_leg_lifted"))
    raised_angle_deg: Mapped[float | None] = mapped_column(Double)
    fms_score: Mapped[int | None] = mapped_column(Integer)
    knee_touches_wall: Mapped[bool | None] = mapped_column(flag("knee_touches_wall"))
    heel_lifted: Mapped[bool | None] = mapped_column(flag("heel_lifted"))
    toe_to_wall_cm: Mapped[float | None] = mapped_column(Double)


class PrescriptionRow(Base):
    """One exercise of the visit's plan; position is the order to do them."""

    __tablename__ = "prescriptions"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("hold_s BETWEEN 1 AND 600", name="hold_s_range"),
        CheckConstraint("reps BETWEEN 1 AND 100", name="reps_range"),
        CheckConstraint("sets BETWEEN 1 AND 20", name="sets_range"),
        CheckConstraint("per_day BETWEEN 1 AND 12", name="per_day_range"),
    )

    visit_id: Mapped[str] = mapped_column(visit_fk(), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(CODE_LENGTH))
    side: Mapped[Side] = mapped_column(enum_of(Side, "side"))
    hold_s: Mapped[int | None] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    sets: Mapped[int] = mapped_column(Integer)
    per_day: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class OutcomeRow(Base):
    """One outcome measure filled in at a visit: the answers as given (a JSON array, null for an
    unanswered item) and the score clinic_app.outcomes computed from them (NULL: not scorable)."""

    __tablename__ = "outcome_results"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("score_max > 0", name="score_max_positive"),
    )

    visit_id: Mapped[str] = mapped_column(visit_fk(), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure: Mapped[str] = mapped_column(String(CODE_LENGTH))
    region: Mapped[Region | None] = mapped_column(enum_of(Region, "region"))
    answers_json: Mapped[str] = mapped_column(Text)
    activities_json: Mapped[str | None] = mapped_column(Text)  # PSFS: the patient's activities
    score: Mapped[float | None] = mapped_column(Double)
    score_max: Mapped[float] = mapped_column(Double)
    complete: Mapped[bool] = mapped_column(flag("complete"))


class GoalStatusRow(Base):
    """The therapist's judgement at a visit of one activity goal of its episode: met or not."""

    __tablename__ = "goal_statuses"
    __table_args__ = (CheckConstraint("position >= 0", name="position_not_negative"),)

    visit_id: Mapped[str] = mapped_column(visit_fk(), primary_key=True)
    goal_id: Mapped[str] = mapped_column(String(CODE_LENGTH), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    met: Mapped[bool] = mapped_column(flag("met"))


SINGLE_ROW_ID = 1


class ClinicProfileRow(Base):
    """The one clinic the app prints for."""

    __tablename__ = "clinic_profile"
    __table_args__ = (CheckConstraint(f"id = {SINGLE_ROW_ID}", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500))
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH))
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH))
    booking: Mapped[str] = mapped_column(String(300))
    booking_es: Mapped[str] = mapped_column(String(300), server_default="")
    handout_footer: Mapped[str] = mapped_column(String(500))
    handout_footer_es: Mapped[str] = mapped_column(String(500), server_default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    emergency_number: Mapped[str] = mapped_column(String(EMERGENCY_NUMBER_LENGTH), server_default="")
    letter_language: Mapped[Language] = mapped_column(
        enum_of(Language, "letter_language"), server_default=Language.EN.value
    )


class AppSettingsRow(Base):
    """How documents are printed by default, and after how long an idle desktop locks itself."""

    __tablename__ = "app_settings"
    __table_args__ = (CheckConstraint(f"id = {SINGLE_ROW_ID}", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper: Mapped[PaperSize] = mapped_column(enum_of(PaperSize, "paper"))
    default_language: Mapped[Language] = mapped_column(enum_of(Language, "default_language"))
    large_print: Mapped[bool] = mapped_column(flag("large_print"))
    lock_after_minutes: Mapped[int] = mapped_column(  # migration 0007
        Integer,
        CheckConstraint("lock_after_minutes BETWEEN 1 AND 120", name="lock_after_minutes_range"),
        default=DEFAULT_LOCK_MINUTES,
        server_default=str(DEFAULT_LOCK_MINUTES),
    )


class DailyBackupRow(Base):
    """The desktop's daily backup: where and how many (an admin's setting), and how it last went.

    One row, made when first saved or first run. Folder names are not patient data; a failure is
    kept as its kind (clinic_app.backup_policy.FailureKind, checked by the code) and a plain message.
    """

    __tablename__ = "daily_backup"
    __table_args__ = (CheckConstraint(f"id = {SINGLE_ROW_ID}", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enabled: Mapped[bool] = mapped_column(flag("enabled"), default=False)
    folder: Mapped[str | None] = mapped_column(Text, nullable=True)
    keep: Mapped[int] = mapped_column(
        Integer,
        CheckConstraint(f"keep BETWEEN 1 AND {MAX_BACKUPS_KEPT}", name="keep_range"),
        default=DEFAULT_BACKUPS_KEPT,
    )
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_good_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_good_file: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_failure_kind: Mapped[str | None] = mapped_column(String(ENUM_LENGTH), nullable=True)
    last_failure_message: Mapped[str | None] = mapped_column(Text, nullable=True)


class VisitDraftRow(Base):
    """What the therapist typed into a visit, saved as typed, even while it is incomplete or wrong.

    The visit's own rows hold the last valid state; this row holds the exact form so that a
    crash or a kill loses nothing. It goes when the visit is finished.
    """

    __tablename__ = "visit_drafts"

    visit_id: Mapped[str] = mapped_column(String(VISIT_ID_LENGTH), visit_fk(), primary_key=True)
    form_json: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)


# ---- accounts and the audit trail (migration 0006) --------------------------------------------------

USERNAME_LENGTH = 64
PASSWORD_HASH_LENGTH = 200
AUDIT_ACTION_LENGTH = 40
COMPUTER_LENGTH = 255
AUDIT_DETAIL_LENGTH = 200


class UserRow(Base):
    """An account: who may open patient data, in which role, and the argon2id hash of the password."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("length(username) > 0", name="username_not_empty"),
        CheckConstraint("failed_logins >= 0", name="failed_logins_not_negative"),
        CheckConstraint("password_hash LIKE '$argon2id$%'", name="argon2id_only"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH))
    # accounts.username_key(username): the name in one letter case, unique, so "Sam" and "sam" are one.
    username_key: Mapped[str] = mapped_column(String(USERNAME_LENGTH), unique=True)
    display_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    licence: Mapped[str | None] = mapped_column(String(LICENCE_LENGTH))
    role: Mapped[Role] = mapped_column(enum_of(Role, "role"))
    disabled: Mapped[bool] = mapped_column(flag("disabled"))
    password_hash: Mapped[str] = mapped_column(String(PASSWORD_HASH_LENGTH))
    failed_logins: Mapped[int] = mapped_column(Integer)  # in a row; a login resets it
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class AuditEntryRow(Base):
    """One entry of the append-only audit trail (see clinic_app.storage.audit and docs/spec/formats.md).

    seq counts from 1 with no gaps; hash is SHA-256 over the entry's canonical form, which includes
    prev_hash, the hash of entry seq - 1. Triggers (migration 0006) refuse UPDATE and DELETE. The action
    is checked by the code, not by a CHECK constraint: adding an action must never need SQLite's
    table rebuild, which would drop the triggers with the old table.
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_patient_id", "patient_id"),
        Index("ix_audit_log_username", "username"),
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_visit_id", "visit_id"),  # migration 0007: a visit's recent edits
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    username: Mapped[str | None] = mapped_column(String(USERNAME_LENGTH))
    action: Mapped[str] = mapped_column(String(AUDIT_ACTION_LENGTH))
    # Internal ids, no foreign keys: the trail outlives whatever it names and never blocks a change.
    patient_id: Mapped[int | None] = mapped_column(Integer)
    visit_id: Mapped[str | None] = mapped_column(String(VISIT_ID_LENGTH))
    computer: Mapped[str] = mapped_column(String(COMPUTER_LENGTH))
    detail: Mapped[str | None] = mapped_column(String(AUDIT_DETAIL_LENGTH))
    prev_hash: Mapped[str] = mapped_column(String(SHA256_HEX_LENGTH), unique=True)
    hash: Mapped[str] = mapped_column(String(SHA256_HEX_LENGTH), unique=True)


class AuditChainHeadRow(Base):
    """The newest entry of the audit trail, one row: writers lock it, so the chain cannot fork, and
    verification compares the last entry with it, so removing entries from the end is noticed too.
    A trigger lets it only move on by one, to an entry that exists."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint(f"id = {SINGLE_ROW_ID}", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(SHA256_HEX_LENGTH))


class AddendumRow(Base):
    """A correction or addition to a signed visit: who, when, what and why. Never changed or removed
    (triggers refuse UPDATE and DELETE, migration 0007)."""

    __tablename__ = "visit_addenda"
    __table_args__ = (
        CheckConstraint("length(text) > 0", name="text_not_empty"),
        CheckConstraint("length(reason) > 0", name="reason_not_empty"),
        UniqueConstraint("visit_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(String(VISIT_ID_LENGTH), ForeignKey("visits.id"))
    position: Mapped[int] = mapped_column(Integer)  # 0, 1, ... in the order they were added
    author_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[str] = mapped_column(String(NAME_LENGTH))  # display name as it was when writing
    author_licence: Mapped[str | None] = mapped_column(String(LICENCE_LENGTH))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class MeasureWordingRow(Base):
    """The clinic's licensed wording of an outcome measure we may not ship (migration 0010): the
    file's content as checked (clinic_app.outcome_wording.Wording, JSON), who imported it and when."""

    __tablename__ = "measure_wordings"
    __table_args__ = (CheckConstraint("length(wording_json) > 0", name="wording_not_empty"),)

    measure: Mapped[str] = mapped_column(String(CODE_LENGTH), primary_key=True)
    wording_json: Mapped[str] = mapped_column(Text)
    imported_by: Mapped[str] = mapped_column(String(USERNAME_LENGTH))
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
