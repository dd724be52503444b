"""The plan editor: follows triage's proposal until the therapist's first edit, then keeps their plan."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.domain import Patient, Visit
from clinic_app.errors import InvalidInput
from clinic_app.triage import TriageResult, triage
from clinic_app.visit_form import PlanEntry, VisitForm
from clinic_app.visitdoc import parse_visit_document
from ui.visit.exercise_picker import ExercisePickerDialog
from ui.visit.plan_section import CHECKLIST_PAGE, PLAN_PAGE, REFERRAL_PAGE, PlanSection, kind_order_warning
from ui.widgets.accessibility_check import controls_without_accessible_name

# Qt's offscreen platform says this each time a window is shown; it is about the platform, not us.

PATIENT = Patient(mrn="T-1", given_name="Zoë", family_name="Núñez")


def visit_of(
    screenings: Mapping[str, object],
    red_flags: list[str] | None = None,
    overrides: Mapping[str, str] | None = None,
    complaints: list[dict[str, object]] | None = None,
) -> Visit:
    """A visit on the left knee by default; red_flags None: the checklist was not done."""
    document: dict[str, object] = {
        "schema": "clinic-app/visit/2",
        "patient": PATIENT.model_dump(mode="json", exclude_none=True),
        "visit": {"date": "2026-11-25"},
        "complaints": complaints if complaints is not None else [KNEE],
        "screenings": screenings,
    }
    if red_flags is not None:
        document["red_flags"] = red_flags
    if overrides:
        document["red_flag_overrides"] = [{"id": k, "reason": v} for k, v in overrides.items()]
    return parse_visit_document(json.dumps(document))


def triage_of(
    screenings: Mapping[str, object],
    red_flags: list[str] | None = None,
    overrides: Mapping[str, str] | None = None,
    complaints: list[dict[str, object]] | None = None,
) -> TriageResult:
    return triage(visit_of(screenings, red_flags, overrides, complaints))


KNEE = {"region": "knee", "side": "left", "pain": 6}


TIGHT_LEFT_CALF = {"ankle_mobility": {"left": {"knee_touches_wall": False, "heel_lifted": True}}}
FORWARD_HEAD = {"head_posture": {"result": "forward"}}


@pytest.fixture
def proposal() -> TriageResult:
    return triage_of(TIGHT_LEFT_CALF, red_flags=[])


@pytest.fixture
def section(qtbot: QtBot, proposal: TriageResult) -> PlanSection:
    widget = PlanSection(confirm_reset=lambda _parent: True)
    qtbot.addWidget(widget)
    widget.load(VisitForm())
    widget.set_proposal(proposal)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored_plan(section: PlanSection) -> list[PlanEntry] | None:
    form = VisitForm(date="2026-11-25")
    section.store(form)
    return form.plan


def shown_ids(section: PlanSection) -> list[str]:
    return [entry.exercise for entry in section.entries()]


def type_into(qtbot: QtBot, section: PlanSection, row: int, field: str, text: str) -> None:
    edit = section.table().slot(row).doses[field]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_the_proposal_is_shown_and_marked_while_the_plan_is_none(section: PlanSection) -> None:
    assert shown_ids(section) == ["calf_stretch_wall_bent_knee", "side_lying_hip_abduction"]
    assert section.is_following_proposal()
    first = section.table().slot(0)
    assert "Proposed by triage for Tight calf (left)" in first.name.text()
    assert first.doses["hold_s"].text() == "30"
    assert first.side.currentData() == "left"
    assert stored_plan(section) is None


def test_a_new_proposal_replaces_the_rows_while_following(section: PlanSection) -> None:
    section.set_proposal(triage_of(FORWARD_HEAD, red_flags=[]))

    assert shown_ids(section) == ["seated_chin_tuck"]
    assert stored_plan(section) is None


def test_loading_does_not_count_as_a_change(qtbot: QtBot, section: PlanSection) -> None:
    with qtbot.assertNotEmitted(section.changed):
        section.load(VisitForm(plan=[PlanEntry("seated_chin_tuck", "central", "5", "10", "1", "3")]))
        section.set_proposal(triage_of(FORWARD_HEAD, red_flags=[]))
    assert not section.is_following_proposal()


def test_the_first_edit_copies_the_proposal_into_the_plan(qtbot: QtBot, section: PlanSection) -> None:
    with qtbot.waitSignal(section.changed):
        type_into(qtbot, section, 0, "reps", "4")

    plan = stored_plan(section)
    assert plan is not None
    assert [(e.exercise, e.side, e.hold_s, e.reps, e.sets, e.per_day) for e in plan] == [
        ("calf_stretch_wall_bent_knee", "left", "30", "4", "1", "2"),
        ("side_lying_hip_abduction", "left", "", "10", "2", "1"),
    ]
    assert "Proposed by triage" not in section.table().slot(0).name.text()


def test_once_edited_a_new_proposal_does_not_replace_the_plan(qtbot: QtBot, section: PlanSection) -> None:
    type_into(qtbot, section, 0, "sets", "2")

    section.set_proposal(triage_of(FORWARD_HEAD, red_flags=[]))

    assert shown_ids(section) == ["calf_stretch_wall_bent_knee", "side_lying_hip_abduction"]


def test_a_side_choice_is_an_edit_and_central_is_offered_only_off_side(
    qtbot: QtBot, section: PlanSection
) -> None:
    combo = section.table().slot(0).side
    assert [combo.itemData(i) for i in range(combo.count())] == ["left", "right", "both"]

    combo.setFocus()
    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(combo, Qt.Key.Key_Down)

    plan = stored_plan(section)
    assert plan is not None
    assert plan[0].side == "right"
    section.set_proposal(triage_of(FORWARD_HEAD, red_flags=[]))
    section.reset_to_proposal()
    chin_tuck = section.table().slot(0).side
    assert "central" in [chin_tuck.itemData(i) for i in range(chin_tuck.count())]


def test_alt_down_moves_the_current_exercise_and_keeps_the_focus(qtbot: QtBot, section: PlanSection) -> None:
    reps = section.table().slot(0).doses["reps"]
    reps.setFocus()
    section.activateWindow()
    qtbot.waitUntil(reps.hasFocus)

    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(reps, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)

    assert shown_ids(section) == ["side_lying_hip_abduction", "calf_stretch_wall_bent_knee"]
    assert section.current_row() == 1
    assert section.table().slot(1).doses["reps"].hasFocus()
    qtbot.keyClick(section.table().slot(1).doses["reps"], Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert shown_ids(section) == ["calf_stretch_wall_bent_knee", "side_lying_hip_abduction"]


def test_move_buttons_follow_the_current_row(qtbot: QtBot, section: PlanSection) -> None:
    section.select_row(0)
    assert not section.move_up_button.isEnabled()
    qtbot.mouseClick(section.move_down_button, Qt.MouseButton.LeftButton)

    assert shown_ids(section) == ["side_lying_hip_abduction", "calf_stretch_wall_bent_knee"]
    assert section.move_up_button.isEnabled()
    assert not section.move_down_button.isEnabled()


def test_remove_takes_out_the_current_exercise(qtbot: QtBot, section: PlanSection) -> None:
    section.select_row(0)
    with qtbot.waitSignal(section.changed):
        qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)

    plan = stored_plan(section)
    assert plan is not None
    assert [e.exercise for e in plan] == ["side_lying_hip_abduction"]
    section.select_row(0)
    section.remove_current()
    assert stored_plan(section) == []
    assert not section.remove_button.isEnabled()


def test_add_from_library_through_the_picker(qtbot: QtBot, section: PlanSection) -> None:
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    picker = section.findChild(ExercisePickerDialog)
    assert picker is not None
    assert picker.isVisible()
    qtbot.keyClicks(picker.search_field, "chin nod")
    assert picker.visible_exercise_ids() == ["lying_chin_nod"]

    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(picker.search_field, Qt.Key.Key_Return)

    plan = stored_plan(section)
    assert plan is not None
    assert plan[-1] == PlanEntry("lying_chin_nod", "central", hold_s="10", reps="10", sets="1", per_day="1")
    assert section.current_row() == 2


def test_a_cancelled_picker_changes_nothing(qtbot: QtBot, section: PlanSection) -> None:
    picker = section.open_picker()
    with qtbot.assertNotEmitted(section.changed):
        qtbot.keyClick(picker.search_field, Qt.Key.Key_Escape)
    assert stored_plan(section) is None


def test_strength_before_a_stretch_gives_an_amber_warning_not_a_block(
    qtbot: QtBot, section: PlanSection
) -> None:
    warning = section.order_warning
    section.add_entry(PlanEntry("lying_chin_nod", "central", "10", "10", "1", "1"))
    assert not warning.isVisible()

    section.move_current(-1)
    section.move_current(-1)

    assert warning.isVisible()
    assert "Stretch and mobilise before strengthening" in warning.text()
    assert shown_ids(section)[0] == "lying_chin_nod"


def test_kind_order_rule() -> None:
    assert kind_order_warning([("Nod", "strength"), ("Tuck", "posture")]) is None
    assert kind_order_warning([("Calf", "stretch"), ("Nod", "strength")]) is None
    message = kind_order_warning([("Nod", "strength"), ("Rocking", "mobility")])
    assert message is not None
    assert "“Nod”" in message
    assert "“Rocking”" in message


def test_reset_asks_then_follows_the_proposal_again(qtbot: QtBot, proposal: TriageResult) -> None:
    answers: list[bool] = []
    section = PlanSection(confirm_reset=lambda _parent: answers.pop())
    qtbot.addWidget(section)
    section.load(VisitForm())
    section.set_proposal(proposal)
    reset = section.reset_button
    assert not reset.isEnabled()
    section.select_row(0)
    section.remove_current()

    answers.append(False)
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert stored_plan(section) is not None

    answers.append(True)
    with qtbot.waitSignal(section.changed):
        qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert stored_plan(section) is None
    assert section.is_following_proposal()
    assert len(section.entries()) == 2


def test_wrong_reps_stay_as_typed_and_the_problem_shows_under_the_row(
    qtbot: QtBot, section: PlanSection
) -> None:
    type_into(qtbot, section, 1, "reps", "three")
    form = VisitForm(date="2026-11-25")
    section.store(form)
    with pytest.raises(InvalidInput) as invalid:
        form.to_visit(PATIENT)

    section.show_problems(invalid.value.problems)

    row = section.table().slot(1)
    assert row.doses["reps"].text() == "three"
    assert row.error.isVisible()
    assert row.error.text() == 'Reps: expected a whole number of repetitions from 1 to 100, got "three"'
    assert not section.table().slot(0).error.isVisible()
    assert (stored_plan(section) or [])[1].reps == "three"
    section.show_problems([])
    assert not row.error.isVisible()


def test_a_problem_moves_with_its_row(qtbot: QtBot, section: PlanSection) -> None:
    type_into(qtbot, section, 1, "reps", "three")
    form = VisitForm(date="2026-11-25")
    section.store(form)
    with pytest.raises(InvalidInput) as invalid:
        form.to_visit(PATIENT)
    section.show_problems(invalid.value.problems)

    section.select_row(1)
    section.move_current(-1)

    assert section.table().slot(0).error.isVisible()
    assert not section.table().slot(1).error.isVisible()


def test_referral_replaces_the_table_with_a_message(section: PlanSection) -> None:
    section.set_proposal(triage_of(TIGHT_LEFT_CALF, red_flags=["cancer_history"]))

    assert section.shown_page() == REFERRAL_PAGE
    assert not section.table().isVisible()
    assert not section.add_button.isVisible()
    shown = [label.text() for label in section.findChildren(QLabel) if label.isVisible()]
    assert "Referral needed: no home programme" in shown
    assert any("no exercises are given" in text for text in shown)
    section.set_proposal(triage_of(TIGHT_LEFT_CALF, red_flags=[]))
    assert section.table().isVisible()


def test_a_stored_plan_is_loaded_as_the_therapists(section: PlanSection) -> None:
    plan = [PlanEntry("calf_stretch_wall", "left", "45", "2", "1", "1", note="after the walk")]
    section.load(VisitForm(plan=[replace(e) for e in plan]))

    assert stored_plan(section) == plan
    assert "For Tight calf (left)" in section.table().slot(0).name.text()
    assert section.table().slot(0).note.text() == "after the walk"


def test_every_control_has_an_accessible_name(section: PlanSection) -> None:
    assert controls_without_accessible_name(section) == []
    assert section.table().slot(1).doses["reps"].accessibleName() == "Reps, exercise 2, Side-lying leg lift"


def tab_stops_after(widget: QWidget, count: int) -> list[QWidget]:
    """The next `count` widgets Tab would reach from widget."""
    stops: list[QWidget] = []
    while len(stops) < count:
        following = widget.nextInFocusChain()
        assert following is not None
        widget = following
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled():
            stops.append(widget)
    return stops


def test_tab_goes_through_the_toolbar_then_row_by_row(section: PlanSection) -> None:
    first, second = section.table().slot(0), section.table().slot(1)
    expected = [
        section.remove_button,
        section.move_down_button,
        section.progress_button,
        section.regress_button,
        *first.inputs(),
        *second.inputs(),
    ]

    assert tab_stops_after(section.add_button, len(expected)) == expected


def test_an_exercise_no_longer_in_the_library_is_kept_and_named(section: PlanSection) -> None:
    entry = PlanEntry("retired_exercise", "left", "30", "3", "1", "1")
    section.load(VisitForm(plan=[replace(entry)]))

    assert "Unknown exercise “retired_exercise”" in section.table().slot(0).name.text()
    assert stored_plan(section) == [entry]


# ---- rules 2026.12: the checklist gates the plan; strengthening; deferrals; overrides ------------

EVERY_FINDING_ON_THE_LEFT = {
    "shoulder_height": {"result": "left_higher"},
    "head_posture": {"result": "forward"},
    "hip_mobility": {"left": {"knee_bent_when_raised": True, "foot_turned_out_when_resting": True}},
    "ankle_mobility": {"left": {"heel_lifted": True}},
    "pelvic_height": {"result": "left_higher"},
}


def visible_texts(section: PlanSection) -> str:
    return "\n".join(label.text() for label in section.findChildren(QLabel) if label.isVisible())


def test_without_the_checklist_no_plan_is_proposed_and_a_button_goes_there(
    qtbot: QtBot, section: PlanSection
) -> None:
    section.set_proposal(triage_of(TIGHT_LEFT_CALF, red_flags=None))

    assert section.shown_page() == CHECKLIST_PAGE
    assert not section.table().isVisible()
    assert not section.add_button.isVisible()
    assert "Do the red-flag checklist first" in visible_texts(section)
    assert "No home programme is proposed until every red-flag question is answered" in visible_texts(section)
    with qtbot.waitSignal(section.red_flags_requested):
        qtbot.mouseClick(section.checklist_button, Qt.MouseButton.LeftButton)

    section.set_proposal(triage_of(TIGHT_LEFT_CALF, red_flags=[]))
    assert section.shown_page() == PLAN_PAGE
    assert section.table().isVisible()


def test_strengthening_follows_the_stretches_and_names_the_complaint_it_serves(section: PlanSection) -> None:
    visit = visit_of(TIGHT_LEFT_CALF, red_flags=[])
    section.set_proposal(triage(visit), visit.complaints)

    assert shown_ids(section) == ["calf_stretch_wall_bent_knee", "side_lying_hip_abduction"]
    assert section.table().slot(1).kind.text() == "Strength"
    assert "Proposed by triage: strengthening for knee pain (left)" in section.table().slot(1).name.text()
    assert "Proposed by triage for Tight calf (left)" in section.table().slot(0).name.text()
    assert not section.order_warning.isVisible()


def test_what_the_full_plan_leaves_out_is_listed(section: PlanSection) -> None:
    complaints = [
        {"region": "knee", "side": "left", "pain": 7},
        {"region": "low_back", "side": "central", "pain": 4},
    ]
    visit = visit_of(EVERY_FINDING_ON_THE_LEFT, red_flags=[], complaints=complaints)
    section.set_proposal(triage(visit), visit.complaints)

    assert len(section.entries()) == 6
    note = section.deferred_note
    assert note.isVisible()
    assert note.text().startswith("⚠ Not in today's plan (the plan is full: at most 6 exercises): ")
    assert "High shoulder (left)" in note.text()
    assert "Forward head posture" in note.text()


def test_strengthening_left_out_is_listed_by_its_complaint(section: PlanSection) -> None:
    both_legs = ("left", "right")
    screenings = {
        **EVERY_FINDING_ON_THE_LEFT,
        "hip_mobility": {
            leg: {"knee_bent_when_raised": True, "foot_turned_out_when_resting": True} for leg in both_legs
        },
        "ankle_mobility": {leg: {"heel_lifted": True} for leg in both_legs},
    }
    complaints = [
        {"region": "knee", "side": "left", "pain": 7},
        {"region": "neck", "side": "central", "pain": 5},
        {"region": "low_back", "side": "central", "pain": 4},
    ]
    visit = visit_of(screenings, red_flags=[], complaints=complaints)
    result = triage(visit)
    assert result.deferred_strength == (0, 1, 2)

    section.set_proposal(result, visit.complaints)

    text = section.deferred_note.text()
    for complaint in ("knee pain (left)", "neck pain", "low back pain"):
        assert f"strengthening for {complaint}" in text.lower()


def test_an_override_in_force_gives_the_plan_with_a_note(section: PlanSection) -> None:
    section.set_proposal(
        triage_of(TIGHT_LEFT_CALF, red_flags=["cancer_history"], overrides={"cancer_history": "treated 2009"})
    )

    assert section.shown_page() == PLAN_PAGE
    assert section.table().isVisible()
    assert section.override_note.isVisible()
    assert "Home programme given despite: Past history of cancer (overridden)" in section.override_note.text()
    assert "cancer_history" not in visible_texts(section)
