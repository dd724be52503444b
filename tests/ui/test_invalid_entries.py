"""One invalid optional entry never hides a red flag: the editor triages, prints and finishes without it.

A real VisitEditor on a throwaway SQLite file, both lanes synchronous. The therapist clicks and
types; message boxes are answered as a person answers them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.clinic import Clinic
from clinic_app.domain import ClinicProfile, Patient, ScreenId
from clinic_app.visit_form import Answer, ComplaintEntry, VisitForm
from tests.ui.shell import logged_in_clinic
from ui.visit.editor import VisitEditor
from ui.visit.red_flags_section import YES
from ui.widgets.measurement_field import MeasurementField

from .editors import open_visit_editor
from .modal import answering_modal

ALL_NO: dict[str, Answer] = dict.fromkeys(load_catalogue().red_flags, "absent")
PATIENT = Patient(mrn="I-1", given_name="Ana", family_name="Ruiz", birth_date=dt.date(1950, 3, 1))
CLINIC = ClinicProfile(name="Preferred Physical Therapy", phone="623-486-3333", emergency_number="911")
TOE_NOT_USED = "Ankle mobility (knee to wall): Best toe-to-wall distance, left leg was not used"


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    return logged_in_clinic(f"sqlite:///{tmp_path / 'invalid.db'}")


def open_editor(qtbot: QtBot, clinic: Clinic, form: VisitForm) -> VisitEditor:
    return open_visit_editor(qtbot, clinic, form, PATIENT, fill_header=True, profile=CLINIC)


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible(), widget.accessibleName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_toe_to_wall(qtbot: QtBot, editor: VisitEditor, text: str) -> None:
    editor.tabs.setCurrentWidget(editor.screening)
    field = editor.screening.card(ScreenId.ANKLE_MOBILITY).inputs["left.toe_to_wall_cm"]
    assert isinstance(field, MeasurementField)
    click(qtbot, field.edit)
    qtbot.keyClicks(field.edit, text)


def answer_yes(qtbot: QtBot, editor: VisitEditor, flag: str) -> None:
    editor.tabs.setCurrentWidget(editor.red_flags)
    row = editor.red_flags.row(flag)
    assert row is not None
    editor.red_flags.checklist_scroll.ensureWidgetVisible(row)
    click(qtbot, row.buttons[YES])


def test_a_wrong_measurement_typed_after_a_red_flag_leaves_the_referral_in_place(
    qtbot: QtBot, clinic: Clinic
) -> None:
    editor = open_editor(qtbot, clinic, VisitForm(red_flags=dict(ALL_NO)))
    answer_yes(qtbot, editor, "cancer_history")
    type_toe_to_wall(qtbot, editor, "abc")

    panel = editor.triage_panel.text()
    assert "REFER — WITHIN A WEEK" in panel
    assert "No triage yet" not in panel
    assert f'{TOE_NOT_USED}: expected a number of centimetres from 0 to 30, got "abc".' in panel
    assert editor.evaluation.visit is not None
    assert editor.evaluation.visit.red_flags == ("cancer_history",)
    # The letter is ready to print, and says what it is made without.
    editor.tabs.setCurrentWidget(editor.preview)
    qtbot.waitUntil(lambda: editor.preview.page_count > 0)
    assert editor.preview.message.text().startswith("Referral letter")
    assert editor.preview.print_button.isEnabled()
    assert TOE_NOT_USED in editor.preview.notice.text()

    # Corrected, it is used again, and nothing is left out any more.
    type_toe_to_wall(qtbot, editor, "\b\b\b5")
    assert editor.evaluation.left_out == ()
    assert "was not used" not in editor.triage_panel.text()
    assert "Tight calf (left)" in editor.triage_panel.text()


def test_going_back_from_finish_keeps_what_was_typed(qtbot: QtBot, clinic: Clinic) -> None:
    editor = open_editor(qtbot, clinic, VisitForm(red_flags=dict(ALL_NO)))
    type_toe_to_wall(qtbot, editor, "abc")
    shown: list[str] = []

    def go_back(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(box.informativeText())
        back = next(b for b in box.buttons() if b.text() == "Go &back and fix it")
        assert box.defaultButton() is back  # Enter does not throw the entry away
        click(qtbot, back)

    with answering_modal(qtbot, go_back):
        click(qtbot, editor.finish_button)

    assert TOE_NOT_USED in shown[0]
    assert not editor.read_only
    assert editor.form.screenings["ankle_mobility"]["left.toe_to_wall_cm"] == "abc"


def test_an_empty_new_complaint_is_no_error_until_left_and_finish_names_it(
    qtbot: QtBot, clinic: Clinic
) -> None:
    editor = open_editor(qtbot, clinic, VisitForm(red_flags=dict(ALL_NO)))
    editor.tabs.setCurrentWidget(editor.complaints)

    click(qtbot, editor.complaints.add_button)

    row = editor.complaints.rows[0]
    assert QApplication.focusWidget() is row.region
    assert not row.error.isVisible()
    assert "Complaint 1" not in editor.triage_panel.text()
    listed: list[str] = []

    def finish_without_it(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        listed.append(box.informativeText())
        click(qtbot, next(b for b in box.buttons() if b.text() == "&Finish without it"))

    with answering_modal(qtbot, finish_without_it):
        click(qtbot, editor.finish_button)

    assert "Complaint 1 was not used: required: choose where it hurts; required: choose a side." in listed[0]
    assert editor.read_only
    assert editor.form.complaints == []  # the finished visit, as signed


def test_a_complaint_that_would_make_the_referral_more_urgent_stops_printing_and_finishing(
    qtbot: QtBot, clinic: Clinic
) -> None:
    # Trauma with neck pain is an emergency; trauma alone is not: the neck's side is still to choose.
    editor = open_editor(
        qtbot,
        clinic,
        VisitForm(
            red_flags={**ALL_NO, "major_trauma": "present"}, complaints=[ComplaintEntry("neck", "", "", "")]
        ),
    )

    alert = "Complaint 1 (neck pain) is not complete: with it the referral is needed emergency (now)"
    assert alert in editor.triage_panel.text()
    editor.tabs.setCurrentWidget(editor.preview)
    assert editor.preview.page_count == 0
    assert not editor.preview.print_button.isEnabled()
    assert alert in editor.preview.notice.text()
    refused: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        refused.append(box.text())
        click(qtbot, box.buttons()[0])

    with answering_modal(qtbot, read):
        click(qtbot, editor.finish_button)
    assert alert in refused[0]
    assert not editor.read_only
    assert editor.tabs.currentWidget() is editor.complaints

    side = editor.complaints.rows[0].side
    side.setFocus()
    qtbot.keyClicks(side, "c")  # Central
    assert editor.evaluation.referral_changes == ()
    assert "REFER — EMERGENCY (NOW)" in editor.triage_panel.text()
    assert "not complete" not in editor.triage_panel.text()
