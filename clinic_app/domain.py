"""The visit and everything recorded in it, as immutable, validated values.

These models are the one domain model of the app: the visit document, the
database rows and the desktop forms are all translated into and out of them.
They validate strictly (no silent coercion of "yes" into true) and forbid
unknown fields, so a value that exists here is known to be well formed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Generic, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

VISIT_SCHEMA = "clinic-app/visit/2"
# visit/1 documents (rules 2026.11) are still read.
READABLE_VISIT_SCHEMAS = ("clinic-app/visit/1", VISIT_SCHEMA)


class Region(StrEnum):
    NECK = "neck"
    HEAD = "head"
    SHOULDER = "shoulder"
    UPPER_BACK = "upper_back"
    LOW_BACK = "low_back"
    HIP = "hip"
    GROIN = "groin"
    KNEE = "knee"
    ANKLE_FOOT = "ankle_foot"


# Regions on the midline, where a complaint may be "central".
MIDLINE_REGIONS = frozenset({Region.NECK, Region.HEAD, Region.UPPER_BACK, Region.LOW_BACK})


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    CENTRAL = "central"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Language(StrEnum):
    EN = "en"
    ES = "es"


class LevelResult(StrEnum):
    """Result of the shoulder-height and pelvic-height screens."""

    LEVEL = "level"
    LEFT_HIGHER = "left_higher"
    RIGHT_HIGHER = "right_higher"


class HeadResult(StrEnum):
    NEUTRAL = "neutral"
    FORWARD = "forward"


class VisitStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class SignatureKind(StrEnum):
    """How a finished visit came to be signed."""

    ACCOUNT = "account"  # by the logged-in account of this database
    BEFORE_ACCOUNTS = "before_accounts"  # finished before accounts existed: signer unknown
    IMPORTED = "imported"  # finished in an imported document: its signature as written, no account


SIGNED_BEFORE_ACCOUNTS = "unknown (before accounts)"


class ScreenId(StrEnum):
    """The five screening tests, in the order they are usually done."""

    SHOULDER_HEIGHT = "shoulder_height"
    HEAD_POSTURE = "head_posture"
    HIP_MOBILITY = "hip_mobility"
    ANKLE_MOBILITY = "ankle_mobility"
    PELVIC_HEIGHT = "pelvic_height"


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(max_length=4000)]
Centimetres = Annotated[float, Field(ge=0, le=10)]


def _known_red_flag(flag_id: str) -> str:
    from clinic_app.catalogue import load_catalogue  # the checklist is data, loaded once

    known = load_catalogue().red_flags
    if flag_id not in known:
        raise ValueError(f"unknown red flag {flag_id!r}; allowed: {', '.join(known)}")
    return flag_id


def _known_exercise(exercise_id: str) -> str:
    from clinic_app.exercises import load_library  # the library is data, loaded once

    library = load_library()
    if exercise_id not in library.exercises:
        raise ValueError(f"unknown exercise {exercise_id!r}; see `clinic exercises` for the ids")
    return exercise_id


def _readable_schema(schema: str) -> str:
    if schema not in READABLE_VISIT_SCHEMAS:
        raise ValueError(f'expected "{VISIT_SCHEMA}" (or "{READABLE_VISIT_SCHEMAS[0]}"), got {schema!r}')
    return schema


def _no_repeats(flags: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(flags)) != len(flags):
        raise ValueError("each red flag may be listed only once")
    return flags


RedFlagId = Annotated[str, AfterValidator(_known_red_flag)]
ExerciseId = Annotated[str, AfterValidator(_known_exercise)]


class Model(BaseModel):
    """Base for every domain value: strict, immutable, closed to unknown keys."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Patient(Model):
    mrn: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    given_name: Text
    family_name: Text
    birth_date: dt.date | None = None
    sex: Sex | None = None
    language: Language | None = None
    phone: Annotated[str, StringConstraints(max_length=40)] | None = None
    email: Annotated[str, StringConstraints(max_length=200)] | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def preferred_language(self) -> Language:
        return self.language or Language.EN


class VisitInfo(Model):
    date: dt.date
    clinician: Text | None = None
    # Added by the store on export; optional on import.
    id: Annotated[str, StringConstraints(max_length=64)] | None = None
    status: VisitStatus | None = None


class Complaint(Model):
    region: Region
    side: Side
    pain: Annotated[int, Field(ge=0, le=10)] | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _central_only_on_midline(self) -> Self:
        if self.side is Side.CENTRAL and self.region not in MIDLINE_REGIONS:
            allowed = ", ".join(sorted(r.value for r in MIDLINE_REGIONS))
            raise ValueError(f"side 'central' is only allowed for {allowed}")
        return self


class LevelScreen(Model):
    """Shoulder height or pelvic height: which side stands higher."""

    result: LevelResult
    difference_cm: Centimetres | None = None


class HeadPostureScreen(Model):
    result: HeadResult | None = None
    craniovertebral_angle_deg: Annotated[float, Field(ge=0, le=180)] | None = None

    @model_validator(mode="after")
    def _something_recorded(self) -> Self:
        if self.result is None and self.craniovertebral_angle_deg is None:
            raise ValueError("give a result or a craniovertebral_angle_deg")
        return self


class HipSide(Model):
    """One leg of the doorway straight-leg raise: as the raised leg, and as the resting leg."""

    knee_bent_when_raised: bool | None = None
    foot_turned_out_when_resting: bool | None = None
    resting_leg_lifted: bool | None = None  # its thigh came up or its knee bent while it rested
    raised_angle_deg: Annotated[float, Field(ge=0, le=180)] | None = None
    fms_score: Annotated[int, Field(ge=0, le=3)] | None = None

    @model_validator(mode="after")
    def _something_recorded(self) -> Self:
        if all(getattr(self, name) is None for name in HipSide.model_fields):
            raise ValueError(
                "give at least one of knee_bent_when_raised, foot_turned_out_when_resting, "
                "resting_leg_lifted, raised_angle_deg, fms_score"
            )
        return self


class AnkleSide(Model):
    """One leg of the half-kneeling knee-to-wall test."""

    knee_touches_wall: bool | None = None
    heel_lifted: bool | None = None
    toe_to_wall_cm: Annotated[float, Field(ge=0, le=30)] | None = None

    @model_validator(mode="after")
    def _something_recorded(self) -> Self:
        if self.knee_touches_wall is None and self.heel_lifted is None and self.toe_to_wall_cm is None:
            raise ValueError("give knee_touches_wall, heel_lifted or toe_to_wall_cm")
        return self


SideT = TypeVar("SideT", bound=Model)


class BilateralScreen(Model, Generic[SideT]):
    left: SideT | None = None
    right: SideT | None = None

    @model_validator(mode="after")
    def _at_least_one_side(self) -> Self:
        if self.left is None and self.right is None:
            raise ValueError("give the left side, the right side or both")
        return self

    def side(self, side: Side) -> SideT | None:
        return self.left if side is Side.LEFT else self.right if side is Side.RIGHT else None


class Screenings(Model):
    """The screens done at this visit; a missing screen was not done."""

    shoulder_height: LevelScreen | None = None
    head_posture: HeadPostureScreen | None = None
    hip_mobility: BilateralScreen[HipSide] | None = None
    ankle_mobility: BilateralScreen[AnkleSide] | None = None
    pelvic_height: LevelScreen | None = None

    def done(self) -> frozenset[ScreenId]:
        return frozenset(s for s in ScreenId if getattr(self, s.value) is not None)


class Dosing(Model):
    """How much of an exercise: hold_s is None for moving exercises."""

    hold_s: Annotated[int, Field(ge=1, le=600)] | None = None
    reps: Annotated[int, Field(ge=1, le=100)]
    sets: Annotated[int, Field(ge=1, le=20)]
    per_day: Annotated[int, Field(ge=1, le=12)]


class RedFlagOverride(Model):
    """The therapist's decision to give a home programme despite a routine red flag, and why."""

    id: RedFlagId
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class Prescription(Model):
    """One exercise of the plan the therapist settled on; list order is the order to do them."""

    exercise: ExerciseId
    side: Side
    dosing: Dosing
    note: Note | None = None


# ---- episodes of care and outcome measures (visit/2, optional keys) ------------------------------

EpisodeId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
GoalId = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9._-]+$")]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


def _known_measure(measure_id: str) -> str:
    from clinic_app.outcomes import load_measures  # the measures are data, loaded once

    measures = load_measures()
    if measure_id not in measures:
        raise ValueError(f"unknown measure {measure_id!r}; allowed: {', '.join(measures)}")
    return measure_id


def _goal_measure(key: str) -> str:
    """A measure a goal can target: `lefs`, `psfs`, or a per-complaint one with its region, `nprs:knee`."""
    from clinic_app.outcomes import load_measures

    measure_id, _, region = key.partition(":")
    measure = load_measures().get(measure_id)
    if measure is None:
        raise ValueError(f"unknown measure {measure_id!r}; allowed: {', '.join(load_measures())}")
    if measure.per_complaint and region not in {r.value for r in Region}:
        regions = ", ".join(r.value for r in Region)
        raise ValueError(f"{measure_id} is scored per complaint region: give {measure_id}:REGION ({regions})")
    if not measure.per_complaint and region:
        raise ValueError(f"{measure_id} is not scored per region: give {measure_id!r} alone")
    return key


MeasureId = Annotated[str, AfterValidator(_known_measure)]
GoalMeasure = Annotated[str, AfterValidator(_goal_measure)]


class Goal(Model):
    """One goal of an episode: a measure reaching a target score, or an activity, by a date.

    A measure goal (`measure`, numeric `target`) is met at a visit whose score reaches the target in
    the measure's better direction; an activity goal (`activity`, `target` in words) is met when the
    therapist records it met (Visit.goal_status).
    """

    id: GoalId | None = None  # the store numbers goals given without one (g1, g2, ...)
    measure: GoalMeasure | None = None
    activity: LongText | None = None
    target: float | LongText
    by: dt.date

    @model_validator(mode="after")
    def _measure_or_activity(self) -> Self:
        if (self.measure is None) == (self.activity is None):
            raise ValueError(
                "give either measure (with a numeric target) or activity (with a target in words)"
            )
        if self.measure is not None and not isinstance(self.target, float | int):
            raise ValueError("a measure goal's target is a number (the score to reach)")
        if self.activity is not None and not isinstance(self.target, str):
            raise ValueError("an activity goal's target is text (what the patient wants to manage)")
        return self


class Episode(Model):
    """The episode of care a visit belongs to: why the patient came, who referred them, when it
    started and (once discharged) ended, and its goals. Every visit of an episode carries it."""

    id: EpisodeId | None = None  # added by the store on export; keeps a visit in its episode on import
    reason: LongText | None = None  # the reason for referral
    referred_by: Text | None = None
    start_date: dt.date
    discharge_date: dt.date | None = None
    goals: tuple[Goal, ...] = ()

    @model_validator(mode="after")
    def _dates_and_goal_ids(self) -> Self:
        if self.discharge_date is not None and self.discharge_date < self.start_date:
            raise ValueError("discharge_date must not be before start_date")
        ids = [goal.id for goal in self.goals if goal.id is not None]
        if len(set(ids)) != len(ids):
            raise ValueError("goals: each goal id once")
        return self


class OutcomeRecord(Model):
    """One outcome measure filled in at a visit: its item answers (None: unanswered).

    NPRS is given per complaint region (`region`). PSFS may name the patient's activities, one per
    answer. The score is not part of the record: clinic_app.outcomes computes it from the answers.
    """

    measure: MeasureId
    region: Region | None = None
    answers: tuple[int | None, ...]  # each checked against its measure's range when validated
    activities: tuple[Text, ...] | None = None

    @model_validator(mode="after")
    def _fits_its_measure(self) -> Self:
        from clinic_app.errors import InvalidInput
        from clinic_app.outcomes import load_measures, score

        measure = load_measures()[self.measure]
        if measure.per_complaint and self.region is None:
            raise ValueError(f"{self.measure} is scored per complaint region: give region")
        if not measure.per_complaint and self.region is not None:
            raise ValueError(f"{self.measure} is not scored per region: leave region out")
        if self.activities is not None and len(self.activities) != len(self.answers):
            raise ValueError("activities: give one activity per answer")
        try:
            score(measure, self.answers)
        except InvalidInput as error:
            raise ValueError("; ".join(str(problem) for problem in error.problems)) from None
        return self

    @property
    def key(self) -> str:
        """The series this record belongs to: `lefs`, or `nprs:knee` for a per-region measure."""
        return self.measure if self.region is None else f"{self.measure}:{self.region.value}"


class GoalStatus(Model):
    """The therapist's judgement at this visit of one of the episode's activity goals."""

    goal: GoalId
    met: bool


def _no_repeated_keys(records: tuple[OutcomeRecord, ...]) -> tuple[OutcomeRecord, ...]:
    keys = [record.key for record in records]
    if len(set(keys)) != len(keys):
        raise ValueError("each measure (per region for NPRS) at most once per visit")
    return records


def _no_repeated_goals(statuses: tuple[GoalStatus, ...]) -> tuple[GoalStatus, ...]:
    if len({status.goal for status in statuses}) != len(statuses):
        raise ValueError("each goal at most once")
    return statuses


class Visit(Model):
    """A whole visit, shaped exactly like the visit document."""

    schema_: Annotated[str, Field(alias="schema"), AfterValidator(_readable_schema)] = VISIT_SCHEMA
    patient: Patient
    visit: VisitInfo
    complaints: tuple[Complaint, ...] = ()
    # None: checklist not done. Empty: done, nothing present.
    red_flags: Annotated[tuple[RedFlagId, ...], AfterValidator(_no_repeats)] | None = None
    red_flag_overrides: tuple[RedFlagOverride, ...] | None = None
    screenings: Screenings = Screenings()
    plan: tuple[Prescription, ...] | None = None
    # Optional keys of visit/2 added with episodes of care (docs/spec/formats.md).
    episode: Episode | None = None
    outcomes: Annotated[tuple[OutcomeRecord, ...], AfterValidator(_no_repeated_keys)] | None = None
    goal_status: Annotated[tuple[GoalStatus, ...], AfterValidator(_no_repeated_goals)] | None = None

    model_config = ConfigDict(populate_by_name=True)

    @field_validator("outcomes", "goal_status", mode="after")
    @classmethod
    def _empty_as_not_given(cls, value: tuple[Model, ...] | None) -> tuple[Model, ...] | None:
        # Nothing filled in and the key left out mean the same: both come back as left out.
        return value or None

    # Whether the visit fits its episode (dates, goal ids) is checked with the visit whole, with field
    # paths: clinic_app.episodes.episode_problems.

    # Whether each override is allowed depends on the other entries (a later flag or complaint can
    # raise the urgency), so it is checked with the visit whole: clinic_app.red_flags.override_problems.

    @property
    def overridden_flags(self) -> frozenset[str]:
        return frozenset(o.id for o in self.red_flag_overrides or ())

    def age_on_visit_date(self) -> int | None:
        """Whole years on the visit date (65 on the 65th birthday); None without a birth date."""
        born = self.patient.birth_date
        if born is None:
            return None
        day = self.visit.date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class PaperSize(StrEnum):
    LETTER = "letter"
    A4 = "a4"


class ClinicProfile(Model):
    """Who the printed documents come from; set once per clinic in the settings.

    The clinic's own words (how to book, the footer) are written in its main language and,
    optionally, in Spanish for Spanish handouts, so that a Spanish handout is Spanish throughout.
    """

    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    address: Annotated[str, StringConstraints(max_length=500)] = ""
    phone: Annotated[str, StringConstraints(max_length=40)] = ""
    email: Annotated[str, StringConstraints(max_length=200)] = ""
    booking: Annotated[str, StringConstraints(max_length=300)] = ""  # how to book the next visit
    booking_es: Annotated[str, StringConstraints(max_length=300)] = ""
    handout_footer: Annotated[str, StringConstraints(max_length=500)] = ""
    handout_footer_es: Annotated[str, StringConstraints(max_length=500)] = ""
    logo_png: bytes | None = None
    # The number a patient calls in an emergency where the clinic is (911, 112, 999, ...): no default.
    emergency_number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] = ""
    # The language of the doctor's part of a referral letter.
    letter_language: Language = Language.EN

    def booking_in(self, language: Language) -> str:
        """How to book, in the handout's language where the clinic wrote it, else as written."""
        return _in_language(self.booking, self.booking_es, language)

    def footer_in(self, language: Language) -> str:
        """The handout footer, in the handout's language where the clinic wrote it, else as written."""
        return _in_language(self.handout_footer, self.handout_footer_es, language)


def _in_language(main: str, spanish: str, language: Language) -> str:
    return spanish.strip() if language is Language.ES and spanish.strip() else main.strip()


class DocumentSettings(Model):
    """How documents are printed, unless a single print asks otherwise."""

    paper: PaperSize = PaperSize.LETTER
    default_language: Language = Language.EN
    large_print: bool = False
