"""Outcome measures on a visit, as the therapist records them with the demo patient Teresa Ramos:
a LEFS typed in from paper shows its change since the episode's first and that it is meaningful;
an NPRS answered by the patient in the large-type mode comes back with the therapist's password;
Clear throws the answers away and locks the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox
from pytestqt.qtbot import QtBot

from tests.clinic_app.logins import PASSWORD
from tests.ui.progress.test_episodes import demo_window, start_teresa_s_follow_up
from tests.ui.shell import own_settings  # noqa: F401 - the fixture, by name
from ui.main_window import MainWindow
from ui.outcomes.outcomes_dialog import OutcomesDialog
from ui.outcomes.patient_mode import PatientMode
from ui.visit.editor import VisitEditor

pytestmark = pytest.mark.usefixtures("own_settings")


def follow_up_outcomes(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, VisitEditor, OutcomesDialog]:
    return outcomes_of_a_follow_up(qtbot, demo_window(qtbot, tmp_path))


def outcomes_of_a_follow_up(
    qtbot: QtBot, window: MainWindow
) -> tuple[MainWindow, VisitEditor, OutcomesDialog]:
    """Teresa's follow-up started from her episode's page, and its outcome measures opened."""
    editor = start_teresa_s_follow_up(qtbot, window)
    assert editor.outcomes_button.isVisible()
    qtbot.mouseClick(editor.outcomes_button, Qt.MouseButton.LeftButton)
    dialog = editor.findChild(OutcomesDialog)
    assert isinstance(dialog, OutcomesDialog)
    qtbot.waitUntil(dialog.isVisible)
    return window, editor, dialog


def choose(dialog: OutcomesDialog, prefix: str) -> None:
    index = next(i for i in range(dialog.measure.count()) if dialog.measure.itemText(i).startswith(prefix))
    dialog.measure.setCurrentIndex(index)


def type_answer(qtbot: QtBot, box: QAbstractSpinBox, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def test_a_lefs_from_paper_shows_its_meaningful_change(qtbot: QtBot, tmp_path: Path) -> None:
    _window, editor, dialog = follow_up_outcomes(qtbot, tmp_path)  # clicks editor.outcomes_button
    assert editor.outcomes_button.text() == "Outcome measures…"
    assert dialog.row_texts() == [], "nothing recorded at the new visit yet"
    choose(dialog, "LEFS")
    sheet = dialog.sheet
    assert sheet is not None
    assert len(sheet.answers) == 20
    assert not dialog.patient_button.isEnabled(), "LEFS item text is not shipped: paper only"
    for box in sheet.answers[:19]:
        type_answer(qtbot, box, "3")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Saved LEFS, not scored: every item must be answered (1 left blank)."
    assert dialog.row_texts() == []
    type_answer(qtbot, sheet.answers[19], "3")
    version = editor.version
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.row_texts()) == 1)
    name, score, change = dialog.row_texts()[0]
    assert name.startswith("LEFS")
    assert score == "60 / 80"
    assert change.startswith("+22 since ")
    assert "meaningful (reaches the MCID of 9)" in change
    assert editor.version > version, "the editor keeps the visit's new version for its next save"


def test_the_patient_answers_the_nprs_in_large_type(qtbot: QtBot, tmp_path: Path) -> None:
    window, _editor, dialog = follow_up_outcomes(qtbot, tmp_path)
    choose(dialog, "NPRS — knee")
    qtbot.mouseClick(dialog.patient_button, Qt.MouseButton.LeftButton)
    mode = dialog.findChild(PatientMode)
    assert isinstance(mode, PatientMode)
    qtbot.waitUntil(mode.isVisible)
    assert "Ramos" not in mode.windowTitle()
    assert mode.question.text().startswith("How much does it hurt today?")
    assert mode.font().pointSize() >= 20
    qtbot.mouseClick(mode.answer_buttons[3], Qt.MouseButton.LeftButton)
    assert mode.pages.currentIndex() == 1  # give it back
    qtbot.keyClicks(mode.password, "wrong password")
    qtbot.mouseClick(mode.return_button, Qt.MouseButton.LeftButton)
    assert mode.refused.isVisible()
    assert mode.isVisible()
    qtbot.keyClicks(mode.password, PASSWORD)
    qtbot.mouseClick(mode.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not mode.isVisible())
    sheet = dialog.sheet
    assert sheet is not None
    assert sheet.values() == (3,)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(row[0].startswith("NPRS — knee") for row in dialog.row_texts()))
    row = next(r for r in dialog.row_texts() if r[0].startswith("NPRS — knee"))
    assert row[1] == "3 / 10"
    assert "-3 since" in row[2]
    assert "meaningful" in row[2]
    assert not window.locked


def test_clear_throws_the_answers_away_and_locks(qtbot: QtBot, tmp_path: Path) -> None:
    window, _editor, dialog = follow_up_outcomes(qtbot, tmp_path)
    choose(dialog, "NPRS — knee")
    qtbot.mouseClick(dialog.patient_button, Qt.MouseButton.LeftButton)
    mode = dialog.findChild(PatientMode)
    assert isinstance(mode, PatientMode)
    qtbot.mouseClick(mode.answer_buttons[7], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(mode.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.locked)
    assert window.central.currentWidget() is window.login_page


def test_an_activity_goal_is_judged_at_the_visit(qtbot: QtBot, tmp_path: Path) -> None:
    window, _editor, dialog = follow_up_outcomes(qtbot, tmp_path)
    assert len(dialog.goal_answers) == 1  # the demo's activity goal
    combo = next(iter(dialog.goal_answers.values()))
    assert combo.currentText() == "not asked"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "met", as the keyboard chooses it
    qtbot.waitUntil(lambda: dialog.message.text() == "Goal recorded as met.")
    dialog.accept()
    control = window.episode_control
    panel = window.patients
    control.open_episode(panel.episodes.item(0).data(Qt.ItemDataRole.UserRole))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is control.view)
    view = control.view
    activity_row = next(
        r for r in range(view.goals.rowCount()) if view.cell(view.goals, r, 0).text() != "LEFS score"
    )
    assert view.cell(view.goals, activity_row, 3).text().endswith(": met")
