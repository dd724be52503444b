"""A follow-up visit starts from the last one: its screens beside the new ones, its plan carried forward."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.domain import AnkleSide, BilateralScreen, Dosing, Prescription, Screenings, Side, Visit
from clinic_app.follow_up import PlanChoice, carry_plan, compare_screens, follow_up_visit, plan_from_choices
from tests.clinic_app.documents.helpers import KNEE, example

AFTER = dt.date(2026, 12, 9)


def last_visit() -> Visit:
    visit = example(KNEE)
    ankle = BilateralScreen[AnkleSide](
        left=AnkleSide(knee_touches_wall=False, heel_lifted=True, toe_to_wall_cm=6.0),
        right=AnkleSide(toe_to_wall_cm=12.0),
    )
    plan = (
        Prescription(
            exercise="calf_stretch_wall_bent_knee",
            side=Side.LEFT,
            dosing=Dosing(hold_s=30, reps=3, sets=1, per_day=2),
        ),
        Prescription(
            exercise="side_lying_hip_abduction", side=Side.LEFT, dosing=Dosing(reps=10, sets=2, per_day=1)
        ),
    )
    return visit.model_copy(update={"screenings": Screenings(ankle_mobility=ankle), "plan": plan})


def test_the_draft_keeps_patient_complaints_and_plan_and_asks_the_rest_again() -> None:
    last = last_visit()
    draft = follow_up_visit(last, AFTER)
    assert draft.patient == last.patient
    assert draft.visit.date == AFTER
    assert draft.visit.clinician == last.visit.clinician
    assert [(c.region, c.side, c.pain, c.note) for c in draft.complaints] == [("knee", "left", None, None)]
    assert draft.red_flags is None  # asked again at every visit
    assert draft.screenings == Screenings()
    assert draft.plan == last.plan


def test_the_screens_stand_beside_the_last_visits_with_the_change() -> None:
    last = last_visit()
    now = follow_up_visit(last, AFTER).model_copy(
        update={
            "screenings": Screenings(
                ankle_mobility=BilateralScreen[AnkleSide](
                    left=AnkleSide(knee_touches_wall=False, heel_lifted=False, toe_to_wall_cm=8.5)
                )
            )
        }
    )
    changes = {change.field.key: change for change in compare_screens(last, now)}
    toe = changes["ankle_mobility.left.toe_to_wall_cm"]
    assert (toe.before, toe.now, toe.change, toe.improved) == (6.0, 8.5, 2.5, True)
    assert toe.text == "Ankle mobility (knee to wall), left: toe-to-wall distance: 6 cm → 8.5 cm, +2.5 cm"
    heel = changes["ankle_mobility.left.heel_lifted"]
    assert (heel.text, heel.change) == ("Ankle mobility (knee to wall), left: heel lifted: yes → no", None)
    right = changes["ankle_mobility.right.toe_to_wall_cm"]  # not redone today: shown, no change given
    assert (right.now, right.change) == (None, None)
    assert "hip_mobility.left.raised_angle_deg" not in changes  # recorded at neither visit


def test_the_plan_is_carried_forward_to_keep_progress_regress_or_stop() -> None:
    carried = carry_plan(last_visit())
    assert [item.progressed.change for item in carried] == ["hold 30 s → 45 s", "reps 10 → 12"]
    plan = plan_from_choices(carried, [PlanChoice.PROGRESS, PlanChoice.STOP])
    assert [(p.exercise, p.dosing.hold_s) for p in plan] == [("calf_stretch_wall_bent_knee", 45)]
    kept = plan_from_choices(carried, [PlanChoice.KEEP, PlanChoice.REGRESS])
    assert kept[0] == carried[0].previous
    assert kept[1].dosing.reps == 8
    with pytest.raises(ValueError, match="one choice per carried exercise"):
        plan_from_choices(carried, [PlanChoice.KEEP])
