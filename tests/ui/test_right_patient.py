"""The visit on the right is always the patient chosen on the left, and their list shows it.

A real MainWindow on a fresh SQLite file, both lanes synchronous; the therapist clicks and types.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.domain import Patient
from clinic_app.visit_form import VisitForm
from tests.ui.shell import logged_in_clinic, start_window
from ui.main_window import MainWindow
from ui.patients.patient_panel import SEARCH_DELAY_MS
from ui.visit.editor import VisitEditor

from .modal import answering_modal

ANA = Patient(mrn="RP-1", given_name="Ana", family_name="Ruiz")
BEN = Patient(mrn="RP-2", given_name="Ben", family_name="Okafor")


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> Iterator[None]:
    formats = (QSettings.Format.NativeFormat, QSettings.Format.IniFormat)
    usual = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    for kind in formats:
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    for kind in formats:
        QSettings.setPath(kind, QSettings.Scope.UserScope, usual)


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    logged_in_clinic(url).patients.add(ANA)
    return url


def open_window(qtbot: QtBot, url: str) -> MainWindow:
    window = start_window(qtbot, url)
    qtbot.waitUntil(lambda: window.clinic is not None and window.patients.results.count() > 0)
    return window


def shown_visit(window: MainWindow) -> VisitEditor | None:
    return window.editor


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible(), widget.accessibleName()
    assert widget.isEnabled(), widget.accessibleName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_item(qtbot: QtBot, listing: QListWidget, row: int) -> None:
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def start_visit_for_first_patient(qtbot: QtBot, window: MainWindow) -> None:
    click_item(qtbot, window.patients.results, 0)
    click(qtbot, window.patients.new_visit_button)
    assert window.editor is not None


def test_a_visit_just_started_is_in_its_patients_list_at_once(qtbot: QtBot, url: str) -> None:
    window = open_window(qtbot, url)

    start_visit_for_first_patient(qtbot, window)

    panel = window.patients
    assert panel.visits_label.text() == "Visits (1)"
    assert panel.visits.count() == 1
    line = panel.visits.item(0).text()
    assert "in progress · open now" in line
    assert panel.visits.currentItem() is panel.visits.item(0)


def test_adding_a_patient_during_a_visit_puts_the_new_patient_on_both_sides(qtbot: QtBot, url: str) -> None:
    window = open_window(qtbot, url)
    start_visit_for_first_patient(qtbot, window)
    editor = window.editor
    assert editor is not None
    visit_id = editor.stored.id
    click(qtbot, editor.complaints.add_button)
    note = editor.complaints.rows[0].note
    qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(note, "Hurts on stairs")

    def add_ben(dialog: QWidget) -> None:
        for text in (BEN.mrn, BEN.given_name, BEN.family_name):
            focused = QApplication.focusWidget()
            assert focused is not None
            qtbot.keyClicks(focused, text)
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    with answering_modal(qtbot, add_ben):
        click(qtbot, window.patients.new_button)
    qtbot.wait(SEARCH_DELAY_MS * 3)

    panel = window.patients
    assert BEN.family_name in panel.results.currentItem().text()
    assert shown_visit(window) is None, "the previous patient's visit is still on the right"
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.patient_note.isVisible()
    assert panel.visits_label.text() == "Visits: none yet"  # true now: Ben has none
    assert not window.actions_by_name["finish"].isEnabled()
    # Nothing typed was lost: Ana's visit is saved as it was, and reopens from her list.
    draft = logged_in_clinic(url).drafts.load(visit_id)
    assert draft is not None
    assert VisitForm.from_json(draft).complaints[0].note == "Hurts on stairs"
    panel.set_search_text(ANA.family_name)
    window.search(ANA.family_name)
    click_item(qtbot, panel.results, 0)
    assert panel.visits.count() == 1
    click_item(qtbot, panel.visits, 0)
    qtbot.keyClick(panel.visits, Qt.Key.Key_Return)
    reopened = shown_visit(window)
    assert reopened is not None
    assert reopened.stored.id == visit_id
    assert reopened.complaints.rows[0].note.toPlainText() == "Hurts on stairs"


def test_choosing_another_patient_closes_the_visit_on_the_right(qtbot: QtBot, url: str) -> None:
    logged_in_clinic(url).patients.add(BEN)
    window = open_window(qtbot, url)
    results = window.patients.results
    ana_row = next(i for i in range(results.count()) if ANA.family_name in results.item(i).text())
    click_item(qtbot, results, ana_row)
    click(qtbot, window.patients.new_visit_button)
    assert window.editor is not None

    click_item(qtbot, results, 1 - ana_row)

    assert shown_visit(window) is None
    assert window.stack.currentWidget() is window.welcome
