"""The visit form keeps what was typed and reports problems by document path."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import ScreenId, Visit
from clinic_app.errors import InvalidInput
from clinic_app.visit_form import Answer, ComplaintEntry, PlanEntry, VisitForm
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES

from .strategies import PATIENT, visits

FLAGS = list(load_catalogue().red_flags)


def problems_of(form: VisitForm) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        form.to_visit(PATIENT)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.visit.json")), ids=lambda p: p.name)
def test_an_example_visit_survives_the_form_and_its_draft(path: Path) -> None:
    visit = parse_visit_document(path.read_text(encoding="utf-8"))
    form = VisitForm.from_json(VisitForm.from_visit(visit, FLAGS).to_json())
    assert form.to_visit(visit.patient) == visit


@given(visits())
def test_any_visit_survives_the_form(visit: Visit) -> None:
    # Even one whose override the other entries no longer allow: the form keeps it as it was.
    form = VisitForm.from_visit(visit, FLAGS)
    assert form.to_visit(visit.patient, check_overrides=False) == visit


def test_wrong_entries_are_kept_and_each_reported_once_by_path() -> None:
    form = VisitForm(date="2026-11-25")
    form.complaints.append(ComplaintEntry(region="knee", side="left", pain="ten"))
    form.screenings["ankle_mobility"] = {"left.toe_to_wall_cm": "abc", "left.heel_lifted": "maybe"}
    form.screenings["head_posture"] = {"craniovertebral_angle_deg": "200"}
    form.plan = [
        PlanEntry(exercise="calf_stretch_wall", side="left", hold_s="30", reps="", sets="1", per_day="x")
    ]
    assert problems_of(form) == [
        'complaints[0].pain: expected a whole number from 0 to 10, got "ten"',
        'plan[0].dosing.per_day: expected a whole number of times a day from 1 to 12, got "x"',
        "plan[0].dosing.reps: required: a whole number of repetitions from 1 to 100",
        'screenings.ankle_mobility.left.heel_lifted: expected yes or no, got "maybe"',
        'screenings.ankle_mobility.left.toe_to_wall_cm: expected a number of centimetres from 0 to 30, got "abc"',
        'screenings.head_posture.craniovertebral_angle_deg: expected an angle in degrees from 0 to 180, got "200"',
    ]
    assert form.complaints[0].pain == "ten"


def test_a_comma_decimal_is_read_as_a_number() -> None:
    form = VisitForm(date="2026-11-25", screenings={"ankle_mobility": {"left.toe_to_wall_cm": "6,5"}})
    visit = form.to_visit(PATIENT)
    assert visit.screenings.ankle_mobility is not None
    assert visit.screenings.ankle_mobility.left is not None
    assert visit.screenings.ankle_mobility.left.toe_to_wall_cm == 6.5


def test_the_checklist_counts_as_done_only_when_every_flag_is_answered_or_one_is_present() -> None:
    form = VisitForm(date="2026-11-25", red_flags={"cancer_history": "absent"})
    assert form.red_flags_for_triage() is None
    form.red_flags = dict.fromkeys(FLAGS, "absent")
    assert form.red_flags_for_triage() == ()
    form.red_flags = {"major_trauma": "present"}
    assert form.red_flags_for_triage() == ("major_trauma",)


def test_a_missing_date_names_the_field() -> None:
    assert problems_of(VisitForm()) == ["visit.date: required, but missing"]


@pytest.mark.parametrize(
    ("pain", "valid"), [("0", True), ("10", True), ("11", False), ("-3", False), ("6.5", False), ("", True)]
)
def test_a_pain_score_out_of_range_is_reported_as_typed(pain: str, valid: bool) -> None:
    form = VisitForm(date="2026-11-25", complaints=[ComplaintEntry("knee", "left", pain, "")])
    if valid:
        form.to_visit(PATIENT)
    else:
        assert problems_of(form) == [
            f'complaints[0].pain: expected a whole number from 0 to 10, got "{pain}"'
        ]


# ---- the lenient visit: what is valid, and what was left out --------------------------------------

ALL_NO: dict[str, Answer] = dict.fromkeys(FLAGS, "absent")


def with_flags(*present: str) -> dict[str, Answer]:
    """Every question answered: these Yes, the rest No."""
    return {**ALL_NO, **dict.fromkeys(present, "present")}


def test_an_invalid_measurement_is_left_out_and_the_red_flag_stays() -> None:
    form = VisitForm(
        date="2026-11-25",
        red_flags=with_flags("cancer_history"),
        screenings={"ankle_mobility": {"left.toe_to_wall_cm": "abc", "left.heel_lifted": "true"}},
    )

    lenient = form.to_visit_lenient(PATIENT)

    assert lenient.visit.red_flags == ("cancer_history",)
    ankle = lenient.visit.screenings.ankle_mobility
    assert ankle is not None
    assert ankle.left is not None
    assert (ankle.left.heel_lifted, ankle.left.toe_to_wall_cm) == (True, None)
    assert [str(p) for p in lenient.left_out] == [
        'screenings.ankle_mobility.left.toe_to_wall_cm: expected a number of centimetres from 0 to 30, got "abc"'
    ]
    assert lenient.referral_changes == ()
    assert form.screenings["ankle_mobility"]["left.toe_to_wall_cm"] == "abc"  # the form keeps what was typed


def test_every_kind_of_optional_entry_is_left_out_by_its_own_path() -> None:
    form = VisitForm(
        date="2026-11-25",
        clinician="x" * 300,
        complaints=[
            ComplaintEntry(),  # a row added and not filled in
            ComplaintEntry("knee", "central", "3", ""),  # central is for the midline only
            ComplaintEntry("neck", "central", "11", "n" * 4001),
        ],
        red_flags=with_flags("cancer_history"),
        red_flag_overrides={"cancer_history": "   "},
        screenings={
            "head_posture": {"craniovertebral_angle_deg": "200"},
            "shoulder_height": {"difference_cm": "2"},  # no result
            "hip_mobility": {"left.fms_score": "7", "right.knee_bent_when_raised": "true"},
        },
        plan=[
            PlanEntry("calf_stretch_wall_bent_knee", "left", "30", "x", "1", "1"),
            PlanEntry("no_such_exercise", "left", "", "3", "1", "1"),
            PlanEntry("calf_stretch_wall_bent_knee", "right", "30", "3", "1", "1", "n" * 4001),
        ],
    )

    lenient = form.to_visit_lenient(PATIENT)

    assert {p.path for p in lenient.left_out} == {
        "visit.clinician",
        "complaints[0].region",
        "complaints[0].side",
        "complaints[1]",
        "complaints[2].pain",
        "complaints[2].note",
        "red_flag_overrides[0].reason",
        "screenings.head_posture.craniovertebral_angle_deg",
        "screenings.shoulder_height.result",
        "screenings.hip_mobility.left.fms_score",
        "plan[0].dosing.reps",
        "plan[1].exercise",
        "plan[2].note",
    }
    visit = lenient.visit
    assert visit.visit.clinician is None
    assert [(c.region.value, c.side.value, c.pain, c.note) for c in visit.complaints] == [
        ("neck", "central", None, None)
    ]
    assert visit.red_flags == ("cancer_history",)
    assert visit.red_flag_overrides is None
    assert visit.screenings.done() == {ScreenId.HIP_MOBILITY}
    assert visit.plan is not None
    assert [(p.side.value, p.note) for p in visit.plan] == [("right", None)]


def test_what_a_visit_cannot_do_without_still_fails_with_every_problem() -> None:
    form = VisitForm(date="", screenings={"ankle_mobility": {"left.toe_to_wall_cm": "abc"}})

    with pytest.raises(InvalidInput) as caught:
        form.to_visit_lenient(PATIENT)

    assert [p.path for p in caught.value.problems] == [
        "screenings.ankle_mobility.left.toe_to_wall_cm",
        "visit.date",
    ]


def test_overrides_are_not_left_out_when_finishing() -> None:
    form = VisitForm(
        date="2026-11-25",
        complaints=[ComplaintEntry("neck", "central", "", "")],
        red_flags=with_flags("cancer_history", "constant_night_pain"),  # urgent with a spinal complaint
        red_flag_overrides={"cancer_history": "treated in 2009"},
    )

    assert form.to_visit_lenient(PATIENT).visit.red_flag_overrides is not None  # live: kept, not in force
    with pytest.raises(InvalidInput) as caught:
        form.to_visit_lenient(PATIENT, check_overrides=True)
    assert [p.path for p in caught.value.problems] == ["red_flag_overrides[0].id"]


def test_a_complaint_left_out_that_makes_the_referral_more_urgent_is_named() -> None:
    # Trauma with neck pain is an emergency; trauma alone is not.
    form = VisitForm(
        date="2026-11-25",
        complaints=[ComplaintEntry("knee", "left", "x", ""), ComplaintEntry("neck", "", "", "")],
        red_flags=with_flags("major_trauma"),
    )

    lenient = form.to_visit_lenient(PATIENT)

    assert lenient.visit.red_flags == ("major_trauma",)
    assert [p.path for p in lenient.referral_changes] == ["complaints[1].side"]
    form.complaints[1].side = "central"
    assert form.to_visit_lenient(PATIENT).referral_changes == ()


def test_a_complaint_left_out_without_a_region_changes_no_referral() -> None:
    form = VisitForm(date="2026-11-25", complaints=[ComplaintEntry()], red_flags=with_flags("fever"))

    lenient = form.to_visit_lenient(PATIENT)

    assert lenient.visit.complaints == ()
    assert lenient.referral_changes == ()


@given(visits())
def test_a_valid_form_leaves_nothing_out(visit: Visit) -> None:
    form = VisitForm.from_visit(visit, FLAGS)
    lenient = form.to_visit_lenient(visit.patient)
    assert lenient.visit == visit
    assert lenient.left_out == ()


def test_a_draft_from_before_a_flag_was_retired_keeps_its_yes() -> None:
    retired, successor = next(iter(load_catalogue().retired_flags.items()))
    old = VisitForm(date="2026-11-25", red_flags={**ALL_NO, retired: "present"})
    old.red_flags.pop(successor)

    form = VisitForm.from_json(old.to_json())

    assert form.red_flags[successor] == "present"
    assert retired not in form.red_flags
    assert form.to_visit_lenient(PATIENT).visit.red_flags == (successor,)


def test_a_plan_row_steps_through_a_prescription_and_back() -> None:
    from clinic_app.progression import progress
    from clinic_app.visit_form import plan_entry_of, prescription_of

    row = PlanEntry("calf_stretch_wall_bent_knee", "left", "30", "3", "1", "2")
    assert plan_entry_of(prescription_of(row)) == row
    stepped = plan_entry_of(progress(prescription_of(row)).prescription)
    assert stepped != row
    assert (stepped.exercise, stepped.side) == (row.exercise, row.side)  # a dose step: the same exercise


def test_a_plan_row_with_a_wrong_dose_is_not_a_prescription() -> None:
    from clinic_app.visit_form import prescription_of

    with pytest.raises(InvalidInput) as raised:
        prescription_of(PlanEntry("calf_stretch_wall_bent_knee", "left", "30", "lots", "1", "2"))
    assert [p.path for p in raised.value.problems] == ["plan[0].dosing.reps"]
