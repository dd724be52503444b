"""The visit form keeps what was typed and reports problems by document path."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import Visit
from clinic_app.errors import InvalidInput
from clinic_app.visit_form import ComplaintEntry, PlanEntry, VisitForm
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
        'plan[0].dosing.per_day: expected a whole number of times a day, got "x"',
        "plan[0].dosing.reps: required: a whole number of repetitions",
        'screenings.ankle_mobility.left.heel_lifted: expected yes or no, got "maybe"',
        'screenings.ankle_mobility.left.toe_to_wall_cm: expected a number of centimetres from 0 to 30, got "abc"',
        "screenings.head_posture.craniovertebral_angle_deg: must be at most 180, got 200.0",
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
