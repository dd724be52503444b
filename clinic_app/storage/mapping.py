"""The one translation between domain objects and table rows, both ways.

Pure functions: no session, no queries. Screening columns carry the same names
as the fields of the domain models, so a screen maps to a row field by field.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from clinic_app import domain
from clinic_app.outcomes import load_measures, score
from clinic_app.signatures import Addendum, Signature
from clinic_app.storage.mrn import mrn_fold
from clinic_app.storage.orm import (
    AddendumRow,
    Base,
    ComplaintRow,
    EpisodeRow,
    GoalRow,
    GoalStatusRow,
    OutcomeRow,
    PatientRow,
    PrescriptionRow,
    RedFlagAnswer,
    RedFlagAnswerRow,
    RedFlagOverrideRow,
    ScreeningResultRow,
    ScreeningSide,
    VisitRow,
)
from clinic_app.storage.records import StoredPatient, StoredVisit
from clinic_app.storage.search_key import search_key

# Screens done once, and the domain model of their single row.
CENTRAL_SCREENS: dict[domain.ScreenId, type[domain.Model]] = {
    domain.ScreenId.SHOULDER_HEIGHT: domain.LevelScreen,
    domain.ScreenId.HEAD_POSTURE: domain.HeadPostureScreen,
    domain.ScreenId.PELVIC_HEIGHT: domain.LevelScreen,
}
# Screens done per leg: the screen's model and the model of one leg's row.
BILATERAL_SCREENS: dict[domain.ScreenId, tuple[type[domain.BilateralScreen[Any]], type[domain.Model]]] = {
    domain.ScreenId.HIP_MOBILITY: (domain.BilateralScreen[domain.HipSide], domain.HipSide),
    domain.ScreenId.ANKLE_MOBILITY: (domain.BilateralScreen[domain.AnkleSide], domain.AnkleSide),
}
LEGS = (ScreeningSide.LEFT, ScreeningSide.RIGHT)
# Patient fields a visit document may leave out without meaning "erase what is stored".
OPTIONAL_PATIENT_FIELDS = ("birth_date", "sex", "language", "phone", "email")
# What a visit document says about its patient, compared with the stored patient of its MRN.
PATIENT_DETAILS = ("given_name", "family_name", *OPTIONAL_PATIENT_FIELDS)


# ---- patients -------------------------------------------------------------------------------


def patient_columns(patient: domain.Patient) -> dict[str, Any]:
    """The patients row of a patient, search keys included (timestamps are the caller's)."""
    return {
        "mrn": patient.mrn,
        "mrn_fold": mrn_fold(patient.mrn),
        "given_name": patient.given_name,
        "family_name": patient.family_name,
        "birth_date": patient.birth_date,
        "sex": patient.sex,
        "language": patient.language,
        "phone": patient.phone,
        "email": patient.email,
        **search_keys(patient.mrn, patient.given_name, patient.family_name),
    }


def search_keys(mrn: str, given_name: str, family_name: str) -> dict[str, str]:
    return {
        "mrn_key": search_key(mrn),
        "family_given_key": search_key(f"{family_name} {given_name}"),
        "given_family_key": search_key(f"{given_name} {family_name}"),
    }


def patient_from_row(row: PatientRow) -> domain.Patient:
    return domain.Patient(
        mrn=row.mrn,
        given_name=row.given_name,
        family_name=row.family_name,
        birth_date=row.birth_date,
        sex=row.sex,
        language=row.language,
        phone=row.phone,
        email=row.email,
    )


def stored_patient(row: PatientRow) -> StoredPatient:
    return StoredPatient(row.id, patient_from_row(row), row.created_at, row.updated_at)


# ---- visits: domain -> rows -----------------------------------------------------------------


def complaint_rows(complaints: Sequence[domain.Complaint]) -> list[ComplaintRow]:
    return [
        ComplaintRow(position=position, region=c.region, side=c.side, pain=c.pain, note=c.note)
        for position, c in enumerate(complaints)
    ]


def red_flag_rows(present: Sequence[str] | None, checklist: Sequence[str]) -> list[RedFlagAnswerRow]:
    """None: the checklist was not done, no answers. Else every flag of the checklist is answered."""
    if present is None:
        return []
    absent = [flag_id for flag_id in checklist if flag_id not in present]
    return [
        RedFlagAnswerRow(
            flag_id=flag_id,
            answer=RedFlagAnswer.PRESENT if position < len(present) else RedFlagAnswer.ABSENT,
            position=position,
        )
        for position, flag_id in enumerate([*present, *absent])
    ]


def override_rows(
    overrides: Sequence[domain.RedFlagOverride] | None, by: str | None
) -> list[RedFlagOverrideRow]:
    """The therapist's overrides, in the order given, each recorded with who decided it."""
    return [
        RedFlagOverrideRow(position=position, flag_id=o.id, reason=o.reason, overridden_by=by)
        for position, o in enumerate(overrides or ())
    ]


def screening_rows(screenings: domain.Screenings) -> list[ScreeningResultRow]:
    rows = []
    for test in domain.ScreenId:
        screen = getattr(screenings, test.value)
        if screen is None:
            continue
        if test in BILATERAL_SCREENS:
            rows += [
                _screening_row(test, side, leg)
                for side in LEGS
                if (leg := getattr(screen, side.value)) is not None
            ]
        else:
            rows.append(_screening_row(test, ScreeningSide.CENTRAL, screen))
    return rows


def _screening_row(test: domain.ScreenId, side: ScreeningSide, fields: domain.Model) -> ScreeningResultRow:
    return ScreeningResultRow(test=test, side=side, **fields.model_dump(mode="json"))


def prescription_rows(plan: Sequence[domain.Prescription] | None) -> list[PrescriptionRow]:
    return [
        PrescriptionRow(
            position=position,
            exercise_id=p.exercise,
            side=p.side,
            note=p.note,
            **p.dosing.model_dump(),
        )
        for position, p in enumerate(plan or ())
    ]


def outcome_rows(outcomes: Sequence[domain.OutcomeRecord] | None) -> list[OutcomeRow]:
    """The outcome measures filled in, each with the score clinic_app.outcomes gives its answers."""
    rows = []
    for position, record in enumerate(outcomes or ()):
        result = score(load_measures()[record.measure], record.answers)
        rows.append(
            OutcomeRow(
                position=position,
                measure=record.measure,
                region=record.region,
                answers_json=json.dumps(list(record.answers)),
                activities_json=None if record.activities is None else json.dumps(list(record.activities)),
                score=result.score,
                score_max=result.max,
                complete=result.complete,
            )
        )
    return rows


def goal_status_rows(statuses: Sequence[domain.GoalStatus] | None) -> list[GoalStatusRow]:
    return [
        GoalStatusRow(goal_id=status.goal, position=position, met=status.met)
        for position, status in enumerate(statuses or ())
    ]


def goal_row(goal: domain.Goal, goal_id: str, position: int) -> GoalRow:
    measure_goal = goal.measure is not None
    return GoalRow(
        goal_id=goal_id,
        position=position,
        measure=goal.measure,
        target_score=float(goal.target) if measure_goal else None,
        activity=goal.activity,
        target_text=None if measure_goal else str(goal.target),
        by_date=goal.by,
    )


# ---- visits: rows -> domain -----------------------------------------------------------------


def visit_from_row(row: VisitRow) -> domain.Visit:
    """The whole visit; needs the row's patient, clinician and child rows loaded."""
    return domain.Visit(
        patient=patient_from_row(row.patient),
        visit=domain.VisitInfo(
            date=row.date,
            clinician=row.clinician.name if row.clinician is not None else None,
            id=row.id,
            status=row.status,
        ),
        complaints=tuple(
            domain.Complaint(region=c.region, side=c.side, pain=c.pain, note=c.note) for c in row.complaints
        ),
        red_flags=present_red_flags(row.red_flag_answers),
        red_flag_overrides=tuple(
            domain.RedFlagOverride(id=o.flag_id, reason=o.reason) for o in row.red_flag_overrides
        )
        or None,
        screenings=screenings_from_rows(row.screening_results),
        plan=tuple(_prescription(p) for p in row.prescriptions) if row.plan_recorded else None,
        episode=episode_from_row(row.episode) if recorded_episode(row.episode) else None,
        outcomes=tuple(outcome_from_row(o) for o in row.outcomes) or None,
        goal_status=tuple(domain.GoalStatus(goal=g.goal_id, met=g.met) for g in row.goal_statuses) or None,
    )


def recorded_episode(row: EpisodeRow) -> bool:
    """Whether a person recorded anything about the episode; one the store opened on its own for a
    visit that came without one (or before episodes existed) is left out of the visit document."""
    return bool(row.reason or row.referred_by or row.discharge_date or row.goals)


def episode_from_row(row: EpisodeRow) -> domain.Episode:
    """The episode with its goals; needs the row's goals loaded."""
    return domain.Episode(
        id=row.id,
        reason=row.reason,
        referred_by=row.referred_by,
        start_date=row.start_date,
        discharge_date=row.discharge_date,
        goals=tuple(goal_from_row(g) for g in row.goals),
    )


def goal_from_row(row: GoalRow) -> domain.Goal:
    # The database holds either a measure and its target score, or an activity and its target text.
    if row.measure is not None and row.target_score is not None:
        return domain.Goal(id=row.goal_id, measure=row.measure, target=row.target_score, by=row.by_date)
    return domain.Goal(id=row.goal_id, activity=row.activity, target=row.target_text or "", by=row.by_date)


def outcome_from_row(row: OutcomeRow) -> domain.OutcomeRecord:
    activities = None if row.activities_json is None else tuple(json.loads(row.activities_json))
    return domain.OutcomeRecord(
        measure=row.measure,
        region=row.region,
        answers=tuple(json.loads(row.answers_json)),
        activities=activities,
    )


def stored_visit(row: VisitRow) -> StoredVisit:
    return StoredVisit(
        id=row.id,
        version=row.version_id,
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
        visit=visit_from_row(row),
        patient_id=row.patient_id,
        signed_triage=row.signed_triage,
        signed_rules_version=row.signed_rules_version,
        override_authors={o.flag_id: o.overridden_by for o in row.red_flag_overrides},
        signature=_signature(row),
        addenda=tuple(_addendum(a) for a in row.addenda),
    )


def _signature(row: VisitRow) -> Signature | None:
    if row.signature_kind is None or row.signed_by is None:
        return None
    return Signature(
        name=row.signed_by, licence=row.signed_licence, at=row.signed_at, kind=row.signature_kind
    )


def _addendum(row: AddendumRow) -> Addendum:
    return Addendum(
        author=row.author, author_licence=row.author_licence, at=row.at, text=row.text, reason=row.reason
    )


def present_red_flags(answers: Sequence[RedFlagAnswerRow]) -> tuple[str, ...] | None:
    if not answers:
        return None
    return tuple(a.flag_id for a in answers if a.answer is RedFlagAnswer.PRESENT)


def screenings_from_rows(rows: Sequence[ScreeningResultRow]) -> domain.Screenings:
    screens: dict[str, domain.Model] = {}
    legs: dict[domain.ScreenId, dict[str, domain.Model]] = {}
    for row in rows:
        if row.test in BILATERAL_SCREENS:
            leg_model = BILATERAL_SCREENS[row.test][1]
            legs.setdefault(row.test, {})[row.side.value] = _fields_of(row, leg_model)
        else:
            screens[row.test.value] = _fields_of(row, CENTRAL_SCREENS[row.test])
    for test, sides in legs.items():
        screens[test.value] = BILATERAL_SCREENS[test][0](**sides)
    return domain.Screenings.model_validate(screens)


def _fields_of(row: ScreeningResultRow, model: type[domain.Model]) -> domain.Model:
    # Lax only to turn the stored result string back into its enum; every value was typed by its column.
    return model.model_validate(column_values(row, model), strict=False)


def column_values(row: Base, model: type[domain.Model]) -> dict[str, Any]:
    """The row's values in the columns named like the model's fields, leaving out NULLs."""
    values = {name: getattr(row, name) for name in model.model_fields}
    return {name: value for name, value in values.items() if value is not None}


def _prescription(row: PrescriptionRow) -> domain.Prescription:
    return domain.Prescription(
        exercise=row.exercise_id,
        side=row.side,
        dosing=domain.Dosing(hold_s=row.hold_s, reps=row.reps, sets=row.sets, per_day=row.per_day),
        note=row.note,
    )
