"""Visits and patients for the storage tests: one that fills every field, and small variations."""

from __future__ import annotations

import datetime as dt

from clinic_app.domain import (
    AnkleSide,
    BilateralScreen,
    Complaint,
    Dosing,
    HeadPostureScreen,
    HeadResult,
    HipSide,
    Language,
    LevelResult,
    LevelScreen,
    Patient,
    Prescription,
    Region,
    Screenings,
    Sex,
    Side,
    Visit,
    VisitInfo,
    VisitStatus,
)

ZOE = Patient(
    mrn="A-1001",
    given_name="Zoë",
    family_name="Núñez",
    birth_date=dt.date(1961, 4, 2),
    sex=Sex.FEMALE,
    language=Language.ES,
    phone="+1 (623) 486-3333",
    email="zoe.nunez@example.com",
)

FULL_SCREENINGS = Screenings(
    shoulder_height=LevelScreen(result=LevelResult.RIGHT_HIGHER, difference_cm=1.5),
    head_posture=HeadPostureScreen(result=HeadResult.FORWARD, craniovertebral_angle_deg=0.1 + 0.2),
    hip_mobility=BilateralScreen[HipSide](
        left=HipSide(
            knee_bent_when_raised=True, foot_turned_out_when_resting=False, raised_angle_deg=72.5, fms_score=1
        ),
        right=HipSide(foot_turned_out_when_resting=True, resting_leg_lifted=True),
    ),
    ankle_mobility=BilateralScreen[AnkleSide](
        left=AnkleSide(knee_touches_wall=False, heel_lifted=True, toe_to_wall_cm=6.5),
        right=AnkleSide(toe_to_wall_cm=1e-7),
    ),
    pelvic_height=LevelScreen(result=LevelResult.LEVEL, difference_cm=0.0),
)


def full_visit(patient: Patient = ZOE, visit_id: str | None = None) -> Visit:
    """A visit with every field given: Unicode, quotes and new lines, every screen and measurement."""
    return Visit(
        patient=patient,
        visit=VisitInfo(date=dt.date(2026, 11, 25), clinician="Sam Lee, PT, DPT", id=visit_id),
        complaints=(
            Complaint(
                region=Region.KNEE, side=Side.LEFT, pain=6, note='worse on stairs; "locks" when\nkneeling'
            ),
            Complaint(
                region=Region.LOW_BACK, side=Side.CENTRAL, pain=0, note="año pasado: caída ¿leve?\r\n\ttab"
            ),
            Complaint(region=Region.NECK, side=Side.BOTH),
            Complaint(region=Region.ANKLE_FOOT, side=Side.RIGHT, pain=10, note=""),
        ),
        red_flags=("major_trauma", "cancer_history"),
        screenings=FULL_SCREENINGS,
        plan=(
            Prescription(
                exercise="calf_stretch_wall",
                side=Side.LEFT,
                dosing=Dosing(hold_s=30, reps=3, sets=1, per_day=2),
                note="keep the heel down 'always'",
            ),
            Prescription(
                exercise="seated_chin_tuck", side=Side.CENTRAL, dosing=Dosing(reps=10, sets=1, per_day=4)
            ),
        ),
    )


def minimal_visit(patient: Patient | None = None, date: dt.date = dt.date(2026, 11, 25)) -> Visit:
    """Only what a visit needs: a patient and a date."""
    return Visit(
        patient=patient or Patient(mrn="M-1", given_name="Mei", family_name="Chen"),
        visit=VisitInfo(date=date),
    )


def as_stored(visit: Visit, visit_id: str, status: VisitStatus = VisitStatus.DRAFT) -> Visit:
    """The visit as the store gives it back: with its id and status filled in."""
    return visit.model_copy(
        update={"visit": visit.visit.model_copy(update={"id": visit_id, "status": status})}
    )
