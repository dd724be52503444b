"""Opening the visit that is already open, from the patient's visit list, keeps what was just typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.shell import window_with_visit


def test_reopening_the_open_visit_keeps_the_words_typed_before_the_autosave(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    note = editor.complaints.rows[0].note
    note.setFocus()
    qtbot.keyClicks(note, "worse on stairs")
    assert editor.autosave.pending  # typed, not yet saved: the autosave waits for a pause

    visits = window.patients.visits
    qtbot.waitUntil(lambda: visits.count() == 1)
    visits.setCurrentRow(0)
    visits.setFocus()
    qtbot.keyClick(visits, Qt.Key.Key_Return)  # the list's "open this visit"

    assert window.editor is editor  # the same editor, not one reloaded from the older draft
    assert editor.complaints.rows[0].note.toPlainText() == "worse on stairs"
    window.save_now()
    assert window.clinic is not None
    reopened = window.clinic.open_visit(editor.stored.id)
    assert reopened.form.complaints[0].note == "worse on stairs"


def test_opening_another_visit_saves_the_open_one_first(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    assert window.clinic is not None
    first_id = editor.stored.id
    note = editor.complaints.rows[0].note
    note.setFocus()
    qtbot.keyClicks(note, "worse on stairs")

    patient_id = window.clinic.open_visit(first_id).patient.id
    window.new_visit(patient_id)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.stored.id != first_id)
    visits = window.patients.visits
    qtbot.waitUntil(lambda: visits.count() == 2)
    row = next(i for i in range(visits.count()) if visits.item(i).data(Qt.ItemDataRole.UserRole) == first_id)
    visits.setCurrentRow(row)
    visits.setFocus()
    qtbot.keyClick(visits, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.editor is not None and window.editor.stored.id == first_id)
    assert window.editor is not None
    assert window.editor.complaints.rows[0].note.toPlainText() == "worse on stairs"
