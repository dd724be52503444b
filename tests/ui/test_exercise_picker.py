"""The exercise picker: filters as the therapist types, suggests a side, works from the keyboard."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget
from pytestqt.qtbot import QtBot

from clinic_app.exercises import load_library
from clinic_app.triage import Finding, triage
from clinic_app.visit_form import PlanEntry
from clinic_app.visitdoc import parse_visit_document
from ui.visit.exercise_picker import ExercisePickerDialog, suggested_side
from ui.widgets.accessibility_check import controls_without_accessible_name

# Qt's offscreen platform says this each time a window is shown; it is about the platform, not us.


def findings_of(screenings: Mapping[str, object]) -> tuple[Finding, ...]:
    document = {
        "schema": "clinic-app/visit/1",
        "patient": {"mrn": "T-2", "given_name": "Ana", "family_name": "Ruiz"},
        "visit": {"date": "2026-11-25"},
        "red_flags": [],
        "screenings": screenings,
    }
    return triage(parse_visit_document(json.dumps(document))).findings


LEFT_CALF = findings_of({"ankle_mobility": {"left": {"knee_touches_wall": False, "heel_lifted": True}}})
BOTH_CALVES = findings_of(
    {
        "ankle_mobility": {
            "left": {"knee_touches_wall": False, "heel_lifted": True},
            "right": {"knee_touches_wall": False, "heel_lifted": True},
        }
    }
)


@pytest.fixture
def picker(qtbot: QtBot) -> ExercisePickerDialog:
    dialog = ExercisePickerDialog(findings=LEFT_CALF)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_whole_library_is_listed_with_todays_exercises_first(picker: ExercisePickerDialog) -> None:
    shown = picker.visible_exercise_ids()
    assert sorted(shown) == sorted(load_library().exercises)
    assert shown[:3] == ["calf_stretch_wall", "calf_stretch_wall_bent_knee", "knee_to_wall_ankle_rocking"]
    assert picker.chosen_exercise() is not None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("calf", {"calf_stretch_wall", "calf_stretch_wall_bent_knee", "knee_to_wall_ankle_rocking"}),
        (
            "strength",
            {"lying_chin_nod", "band_row", "glute_bridge", "side_lying_hip_abduction", "sit_to_stand"},
        ),
        ("forward head", {"doorway_chest_stretch", "seated_chin_tuck"}),
        ("ESTIRAMIENTO pantorrilla", {"calf_stretch_wall", "calf_stretch_wall_bent_knee"}),
        ("gluteo en forma", {"figure_four_glute_stretch"}),
        ("hamstring", {"hamstring_stretch_strap", "doorway_hamstring_stretch", "figure_four_glute_stretch"}),
    ],
)
def test_typing_filters_by_name_kind_or_finding(
    qtbot: QtBot, picker: ExercisePickerDialog, typed: str, expected: set[str]
) -> None:
    qtbot.keyClicks(picker.search_field, typed)

    assert set(picker.visible_exercise_ids()) == expected
    chosen = picker.chosen_exercise()
    assert chosen is not None
    assert chosen.id in expected


def test_when_nothing_matches_ok_is_off_and_the_dialog_says_so(
    qtbot: QtBot, picker: ExercisePickerDialog
) -> None:
    qtbot.keyClicks(picker.search_field, "zzz")

    assert picker.visible_exercise_ids() == []
    assert picker.chosen_exercise() is None
    assert not picker.ok_button.isEnabled()
    qtbot.keyClick(picker.search_field, Qt.Key.Key_Return)
    assert picker.isVisible()


def test_enter_chooses_the_selected_exercise_with_its_dose_and_side(
    qtbot: QtBot, picker: ExercisePickerDialog
) -> None:
    qtbot.keyClicks(picker.search_field, "rocking")
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.search_field, Qt.Key.Key_Return)

    assert picker.result() == QDialog.DialogCode.Accepted
    assert picker.chosen_entry() == PlanEntry(
        "knee_to_wall_ankle_rocking", "left", hold_s="", reps="12", sets="2", per_day="1"
    )


def test_down_in_the_search_field_moves_through_the_list(qtbot: QtBot, picker: ExercisePickerDialog) -> None:
    qtbot.keyClicks(picker.search_field, "calf")
    qtbot.keyClick(picker.search_field, Qt.Key.Key_Down)

    chosen = picker.chosen_exercise()
    assert chosen is not None
    assert chosen.id == "calf_stretch_wall_bent_knee"
    assert picker.search_field.hasFocus()


def test_escape_cancels(qtbot: QtBot, picker: ExercisePickerDialog) -> None:
    with qtbot.waitSignal(picker.rejected):
        qtbot.keyClick(picker.search_field, Qt.Key.Key_Escape)
    assert picker.result() == QDialog.DialogCode.Rejected


def test_double_click_chooses(qtbot: QtBot, picker: ExercisePickerDialog) -> None:
    exercises = picker.findChild(QListWidget)
    assert exercises is not None
    item = next(
        exercises.item(r) for r in range(exercises.count()) if exercises.item(r).text().startswith("Seated")
    )
    exercises.scrollToItem(item)
    centre = exercises.visualItemRect(item).center()

    with qtbot.waitSignal(picker.accepted):
        # A real double-click starts with a press and release; QTest's double-click alone does not.
        qtbot.mouseClick(exercises.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(exercises.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    entry = picker.chosen_entry()
    assert entry is not None
    assert (entry.exercise, entry.side) == ("seated_chin_tuck", "central")


def test_the_suggested_side_follows_the_matching_finding() -> None:
    library = load_library().exercises
    calf, chin_tuck = library["calf_stretch_wall"], library["seated_chin_tuck"]

    assert suggested_side(calf, LEFT_CALF) == "left"
    assert suggested_side(calf, BOTH_CALVES) == "both"
    assert suggested_side(calf, ()) == "both"
    assert suggested_side(chin_tuck, LEFT_CALF) == "central"


def test_every_control_has_an_accessible_name(picker: ExercisePickerDialog) -> None:
    assert controls_without_accessible_name(picker) == []


def test_an_exercise_can_be_chosen_by_id(picker: ExercisePickerDialog) -> None:
    picker.select_exercise("figure_four_glute_stretch")

    entry = picker.chosen_entry()
    assert entry is not None
    assert (entry.exercise, entry.side, entry.hold_s) == ("figure_four_glute_stretch", "both", "30")
    with pytest.raises(KeyError):
        picker.select_exercise("no_such_exercise")
