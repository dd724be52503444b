"""Clicks that must not cost the therapist anything: "Mark not done" can be undone, a Yes on a red flag
leaves the list where it was under the pointer, and a finished visit looks as read-only as it is.

A real VisitEditor (and, for the toolbar, the MainWindow) on a throwaway SQLite file, both lanes
synchronous; the therapist clicks and types.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.clinic import Clinic
from clinic_app.domain import Patient, ScreenId
from clinic_app.visit_form import Answer, ComplaintEntry, VisitForm
from tests.ui.shell import logged_in_clinic, start_window
from ui.visit import screening_cards
from ui.visit.editor import VisitEditor
from ui.visit.red_flags_section import YES
from ui.widgets.measurement_field import MeasurementField
from ui.widgets.read_only_look import looks_read_only
from ui.widgets.value_combo import ValueCombo

from .editors import open_visit_editor
from .modal import answering_modal

FLAGS = list(load_catalogue().red_flags)
ALL_NO: dict[str, Answer] = dict.fromkeys(FLAGS, "absent")
PATIENT = Patient(mrn="SC-1", given_name="Ana", family_name="Ruiz", birth_date=dt.date(1970, 3, 1))
HEAD = {"result": "forward", "craniovertebral_angle_deg": "44"}


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    return logged_in_clinic(f"sqlite:///{(tmp_path / 'clicks.db').as_posix()}")


def open_editor(qtbot: QtBot, clinic: Clinic, form: VisitForm, height: int = 900) -> VisitEditor:
    return open_visit_editor(qtbot, clinic, form, PATIENT, fill_header=True, height=height)


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible(), widget.accessibleName()
    assert widget.isEnabled(), widget.accessibleName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# ---- "Mark not done" ---------------------------------------------------------------------------------


def test_mark_not_done_can_be_undone_with_a_click(qtbot: QtBot, clinic: Clinic) -> None:
    editor = open_editor(
        qtbot, clinic, VisitForm(red_flags=dict(ALL_NO), screenings={"head_posture": dict(HEAD)})
    )
    editor.tabs.setCurrentWidget(editor.screening)
    card = editor.screening.card(ScreenId.HEAD_POSTURE)
    angle = card.inputs["craniovertebral_angle_deg"]
    assert isinstance(angle, MeasurementField)

    click(qtbot, card.not_done_button)

    assert "head_posture" not in editor.form.screenings
    assert angle.value() == ""
    assert card.status.text() == "— cleared:"
    assert card.undo_button.isVisible()
    assert card.undo_button.hasFocus()  # Space brings it back too

    click(qtbot, card.undo_button)

    assert editor.form.screenings["head_posture"] == HEAD
    assert angle.value() == "44"
    assert card.status.text() == "— recorded"
    assert not card.undo_button.isVisible()
    assert "Forward head" in editor.triage_panel.text()


def test_the_undo_goes_after_a_while_or_once_something_else_is_recorded(
    qtbot: QtBot, clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screening_cards, "UNDO_MS", 200)
    editor = open_editor(
        qtbot, clinic, VisitForm(red_flags=dict(ALL_NO), screenings={"head_posture": dict(HEAD)})
    )
    editor.tabs.setCurrentWidget(editor.screening)
    card = editor.screening.card(ScreenId.HEAD_POSTURE)

    click(qtbot, card.not_done_button)
    qtbot.waitUntil(lambda: not card.undo_button.isVisible(), timeout=3000)
    assert card.status.text() == "— not done"

    card.set_values(dict(HEAD))
    monkeypatch.setattr(screening_cards, "UNDO_MS", 60_000)
    click(qtbot, card.not_done_button)
    result = card.inputs["result"]
    assert isinstance(result, ValueCombo)
    result.setFocus()
    qtbot.keyClicks(result, "n")  # Neutral: a new recording
    assert not card.undo_button.isVisible()
    assert editor.form.screenings["head_posture"] == {"result": "neutral"}


# ---- a Yes on a red flag -----------------------------------------------------------------------------


@pytest.mark.parametrize("height", [900, 1400], ids=["list scrolls", "list fits"])
def test_a_yes_leaves_the_question_under_the_pointer(qtbot: QtBot, clinic: Clinic, height: int) -> None:
    editor = open_editor(
        qtbot, clinic, VisitForm(complaints=[ComplaintEntry("knee", "left", "4", "")]), height=height
    )
    editor.tabs.setCurrentWidget(editor.red_flags)
    window = editor.window()
    # A routine flag first (the banner appears), then fever (the same day with a complaint: the
    # banner grows and the routine row's override offer turns into a notice), then a hot joint (an
    # emergency by combination).
    for flag in ("cancer_history", "fever", "hot_swollen_joint"):
        row = editor.red_flags.row(flag)
        assert row is not None
        editor.red_flags.checklist_scroll.ensureWidgetVisible(row)
        yes = row.buttons[YES]
        before = yes.mapTo(window, QPoint(0, 0))

        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)

        assert editor.form.red_flags[flag] == "present"
        assert yes.mapTo(window, QPoint(0, 0)) == before, flag
    assert editor.red_flags.banner.isVisible()
    assert "REFER — EMERGENCY" in editor.triage_panel.text()


# ---- a finished visit ----------------------------------------------------------------------------------


def finished_visit(qtbot: QtBot, editor: VisitEditor) -> None:
    def yes(box: QWidget) -> None:
        qtbot.keyClick(box, Qt.Key.Key_Y)

    with answering_modal(qtbot, yes):
        click(qtbot, editor.finish_button)
    assert editor.read_only


def inputs(editor: VisitEditor) -> list[QWidget]:
    kinds = (QComboBox, QLineEdit, QPlainTextEdit, QAbstractButton)
    return [
        widget
        for widget in editor.findChildren(QWidget)
        if isinstance(widget, kinds)
        and not isinstance(widget.parentWidget(), QComboBox)
        and widget.objectName() != "qt_spinbox_lineedit"
        and not widget.isHidden()
    ]


def test_a_finished_visit_looks_read_only(qtbot: QtBot, clinic: Clinic) -> None:
    form = VisitForm(
        complaints=[ComplaintEntry("knee", "left", "6", "stairs")],
        red_flags=dict(ALL_NO),
        screenings={"head_posture": dict(HEAD), "ankle_mobility": {"left.heel_lifted": "true"}},
    )
    editor = open_editor(qtbot, clinic, form)
    combo = editor.screening.card(ScreenId.HEAD_POSTURE).inputs["result"]
    editable_look = combo.grab().toImage()

    finished_visit(qtbot, editor)

    # Every input is either disabled (greyed, as the plan and the answers not given) or shown flat,
    # as text: never a box that looks as if it could be typed in.
    left_editable = [
        f"{type(w).__name__} {w.accessibleName()!r}"
        for w in inputs(editor)
        if w.isEnabled()
        and not isinstance(w, QAbstractButton)
        and not looks_read_only(w)
        and not editor.preview.isAncestorOf(w)  # what to print: still to choose
    ]
    assert left_editable == []
    # Buttons that change the visit are off; printing (on the Print tab) is what is left to do.
    changing = [
        w.accessibleName() or w.text()
        for w in inputs(editor)
        if isinstance(w, QAbstractButton)
        and w.isEnabled()
        and not w.isCheckable()
        and not editor.preview.isAncestorOf(w)
        and not isinstance(w.parentWidget(), QTabBar)
    ]
    assert changing == []
    assert not editor.finish_button.isEnabled()
    assert combo.grab().toImage() != editable_look  # it shows: no frame, no arrow
    assert editor.status_label.text() == "Finished (read-only)"


def test_the_toolbar_cannot_finish_a_finished_visit(qtbot: QtBot, clinic: Clinic, tmp_path: Path) -> None:
    editor = open_editor(qtbot, clinic, VisitForm(red_flags=dict(ALL_NO)))
    finished_visit(qtbot, editor)
    url = f"sqlite:///{(tmp_path / 'clicks.db').as_posix()}"
    window = start_window(qtbot, url, size=None, activate=False)
    qtbot.waitUntil(lambda: window.clinic is not None)

    window.open_visit(editor.stored.id)

    assert window.editor is not None
    assert window.editor.read_only
    assert not window.actions_by_name["finish"].isEnabled()
    assert window.actions_by_name["print"].isEnabled()
    assert not window.editor.finish_button.isEnabled()
