"""What a screen reader says for every input of the visit editor: its label, never its value.

Each input's accessible name must be the label the therapist sees beside, above or on it (the row
label, the column heading, the field's own text), and must be what a screen reader announces: on
Linux and macOS Qt names a drop-down by its current choice ("—", "Neck pain") and announces its
label instead, so a drop-down needs a label that says what it is for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import Patient
from clinic_app.visit_form import Answer, ComplaintEntry, PlanEntry, VisitForm
from tests.ui.shell import logged_in_clinic
from ui.tasks import SynchronousTasks
from ui.visit.editor import VisitEditor
from ui.widgets.accessibility_check import announced_name, controls_without_accessible_name
from ui.widgets.screen_reader_label import OBJECT_NAME

ALL_NO: dict[str, Answer] = dict.fromkeys(load_catalogue().red_flags, "absent")
PATIENT = Patient(mrn="S-1", given_name="Ana", family_name="Ruiz", birth_date=dt.date(1970, 3, 1))
INPUTS = (QComboBox, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QAbstractButton)


def full_form() -> VisitForm:
    """Something in every section, so that every kind of row is there to be named."""
    return VisitForm(
        date="2026-11-25",
        clinician="Sam Lee, PT",
        complaints=[ComplaintEntry("neck", "central", "5", ""), ComplaintEntry("knee", "left", "", "")],
        red_flags=dict(ALL_NO),
        screenings={
            "shoulder_height": {"result": "level"},
            "ankle_mobility": {"left.knee_touches_wall": "false", "left.heel_lifted": "true"},
        },
        plan=[PlanEntry("calf_stretch_wall_bent_knee", "left", "30", "3", "1", "2", "")],
    )


@pytest.fixture
def editor(qtbot: QtBot, tmp_path: Path) -> VisitEditor:
    clinic = logged_in_clinic(f"sqlite:///{tmp_path / 'readers.db'}")
    patient = clinic.patients.add(PATIENT)
    opened = clinic.start_visit(patient.id, dt.date(2026, 11, 25))
    widget = VisitEditor(
        patient=opened.patient.patient,
        stored=opened.stored,
        form=full_form(),
        tasks=SynchronousTasks(),
        save_draft=clinic.save_draft,
        finish=clinic.finish_visit,
        render_tasks=SynchronousTasks(),
    )
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def inputs_of(editor: VisitEditor) -> Iterator[QWidget]:
    """Every input the therapist can reach, tab by tab, each while its tab is shown (inner parts aside)."""
    found: set[QWidget] = set()
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        for widget in editor.findChildren(QWidget):
            inner = isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))
            if isinstance(widget, INPUTS) and widget.isVisible() and not inner and widget not in found:
                found.add(widget)
                yield widget


UNIT_WORDS = {"cm": "centimetres"}  # a unit is said in words: "°" has no word of its own to compare


def words(text: str) -> set[str]:
    """The words of a label, as said: no markup, no mnemonic mark, units in words."""
    plain = re.sub(r"<[^>]+>", "", text).replace("&", "").casefold()
    return {UNIT_WORDS.get(word, word) for word in re.findall(r"\w+", plain)}


def visible_labels(widget: QWidget) -> list[str]:
    """The labels a sighted therapist reads for an input: its own text, its label, its row and column."""
    labels = []
    if isinstance(widget, QAbstractButton) and widget.text():
        labels.append(widget.text())
    parent = widget.parentWidget()
    siblings = parent.findChildren(QLabel) if parent is not None else []
    labels += [
        label.text()
        for label in siblings
        if label.buddy() is widget and label.objectName() != OBJECT_NAME and label.isVisible()
    ]
    grid = _grid_of(widget)
    if grid is not None:
        position: tuple[int, int, int, int] = grid.getItemPosition(grid.indexOf(widget))  # type: ignore[assignment]
        row, column = position[0], position[1]
        for at_row, at_column in ((row, 0), (0, column)):
            item = grid.itemAtPosition(at_row, at_column)
            cell = item.widget() if item is not None else None
            if isinstance(cell, QLabel) and cell is not widget and cell.isVisible() and cell.text():
                labels.append(cell.text())
    return labels


def _grid_of(widget: QWidget) -> QGridLayout | None:
    parent = widget.parentWidget()
    layouts = parent.findChildren(QGridLayout) if parent is not None else []
    if parent is not None and isinstance(parent.layout(), QGridLayout):
        layouts.insert(0, parent.layout())  # type: ignore[arg-type]
    return next((grid for grid in layouts if grid.indexOf(widget) >= 0), None)


def value_of(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return ""


def test_every_input_is_announced_by_its_label_not_its_value(editor: VisitEditor) -> None:
    wrong = []
    combos = 0
    for widget in inputs_of(editor):
        combos += isinstance(widget, QComboBox)
        name = widget.accessibleName()
        said = announced_name(widget).rstrip(":")
        labels = visible_labels(widget)
        problem = (
            "no accessible name"
            if not name
            else "named by its value"
            if value_of(widget) and name == value_of(widget)
            else f"announced as {said!r}"
            if said.casefold() != name.casefold()
            else "no visible label"
            if not labels and not isinstance(widget, QLineEdit | QPlainTextEdit)
            else f"not its label {labels!r}"
            if any(not words(label) <= words(name) for label in labels)
            else ""
        )
        if problem:
            wrong.append((type(widget).__name__, name, problem))
    assert wrong == [], "\n".join(map(str, wrong))
    assert (
        combos >= 20
    )  # complaints, the screening cards, the plan, the Print tab, "\n".join(map(str, wrong))


def test_the_screening_drop_downs_say_their_screen_field_and_leg(editor: VisitEditor) -> None:
    card = editor.screening.cards[2]  # hip mobility
    editor.tabs.setCurrentWidget(editor.screening)
    combo = card.inputs["right.knee_bent_when_raised"]
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "—"

    assert announced_name(combo) == "Hip mobility (doorway leg raise): Raised knee had to bend, right leg"


def test_the_complaint_drop_downs_say_what_they_are_for_and_follow_the_numbering(
    qtbot: QtBot, editor: VisitEditor
) -> None:
    editor.tabs.setCurrentWidget(editor.complaints)
    first, second = editor.complaints.rows
    assert first.region.currentText() == "Neck pain"
    assert announced_name(first.region) == "Complaint 1: where it hurts"
    assert announced_name(second.side) == "Complaint 2: side"

    qtbot.mouseClick(first.remove, Qt.MouseButton.LeftButton)

    (left,) = editor.complaints.rows
    assert announced_name(left.region) == "Complaint 1: where it hurts"
    assert controls_without_accessible_name(editor.complaints) == []
