"""The visit from the keyboard: Tab leaves every section, Alt+1 to Alt+5 land where typing makes sense,
and every button of the plan has an Alt shortcut no other control of the window has.

Keys go where the keyboard focus is, as a therapist's keyboard sends them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.clinic import Clinic
from clinic_app.domain import Patient
from clinic_app.visit_form import Answer, ComplaintEntry, VisitForm
from tests.ui.editors import open_visit_editor
from tests.ui.shell import logged_in_clinic, start_window
from ui.visit.editor import VisitEditor
from ui.visit.red_flags_section import NOT_ASKED

ALT = Qt.KeyboardModifier.AltModifier
ALL_NO: dict[str, Answer] = dict.fromkeys(load_catalogue().red_flags, "absent")
PATIENT = Patient(mrn="K-1", given_name="Ana", family_name="Ruiz", birth_date=dt.date(1970, 3, 1))
TIGHT_LEFT_CALF = {"ankle_mobility": {"left.knee_touches_wall": "false", "left.heel_lifted": "true"}}


def full_form() -> VisitForm:
    """A visit with something in every section: complaints, the checklist, a screen, a plan."""
    return VisitForm(
        date="2026-11-25",
        clinician="Sam Lee, PT",
        complaints=[ComplaintEntry("knee", "left", "6", ""), ComplaintEntry("neck", "central", "", "")],
        red_flags=dict(ALL_NO),
        screenings=TIGHT_LEFT_CALF,
    )


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    return logged_in_clinic(f"sqlite:///{tmp_path / 'keys.db'}")


def open_editor(qtbot: QtBot, clinic: Clinic, form: VisitForm) -> VisitEditor:
    return open_visit_editor(qtbot, clinic, form, PATIENT)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def takes_tab(widget: QWidget) -> bool:
    policy = widget.focusPolicy()
    return (
        widget.isVisible()
        and widget.isEnabled()
        and policy & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
    )


@pytest.mark.parametrize("index", range(5), ids=["complaints", "red flags", "screening", "plan", "print"])
@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab], ids=["Tab", "Shift+Tab"])
def test_tab_leaves_every_section(qtbot: QtBot, clinic: Clinic, index: int, key: Qt.Key) -> None:
    editor = open_editor(qtbot, clinic, full_form())
    editor.tabs.setCurrentIndex(index)
    section = editor.tabs.widget(index)
    assert section is not None
    controls = [w for w in editor.tab_chain() if section.isAncestorOf(w) and takes_tab(w)]
    assert controls, "the section has no control to start from"
    start = controls[0] if key == Qt.Key.Key_Tab else controls[-1]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = []

    for _ in range(len(controls) + 2):
        press(qtbot, key)
        visited.append(focused())
        if not section.isAncestorOf(focused()):
            break

    assert not section.isAncestorOf(focused()), [w.accessibleName() for w in visited]
    assert set(visited[:-1]) == set(controls) - {start}  # every control on the way, each once


def test_tab_goes_from_the_triage_panel_back_to_the_header(qtbot: QtBot, clinic: Clinic) -> None:
    editor = open_editor(qtbot, clinic, full_form())
    editor.triage_panel.view().setFocus(Qt.FocusReason.TabFocusReason)

    press(qtbot, Qt.Key.Key_Tab)  # not into the panel's "rule" links

    assert focused() is editor.date_edit
    press(qtbot, Qt.Key.Key_Tab)  # not through the date's year, month and day
    assert focused() is editor.clinician_edit


def test_alt_and_a_number_put_the_keyboard_where_typing_makes_sense(qtbot: QtBot, clinic: Clinic) -> None:
    form = full_form()
    form.red_flags = dict.fromkeys(list(ALL_NO)[:3], "absent")  # three questions asked
    editor = open_editor(qtbot, clinic, form)
    editor.clinician_edit.setFocus()

    # Complaints: the first complaint without a pain score.
    press(qtbot, Qt.Key.Key_1, ALT)
    assert focused() is editor.complaints.rows[1].pain
    qtbot.keyClicks(focused(), "3")
    assert editor.form.complaints[1].pain == "3"

    # Red flags: the first question not asked yet, on its "Not asked".
    press(qtbot, Qt.Key.Key_2, ALT)
    fourth = editor.red_flags.rows[3]
    assert focused() is fourth.buttons[NOT_ASKED]

    # Screening: the first input of the first screen not done.
    press(qtbot, Qt.Key.Key_3, ALT)
    shoulder = editor.screening.cards[0]
    assert focused() is shoulder.inputs["result"]
    qtbot.keyClicks(focused(), "lev")
    assert editor.form.screenings["shoulder_height"] == {"result": "level"}

    # Plan: the checklist is not done, so its button; once done, the first exercise's first control.
    press(qtbot, Qt.Key.Key_4, ALT)
    assert focused() is editor.plan.checklist_button
    press(qtbot, Qt.Key.Key_Space)
    assert editor.tabs.currentWidget() is editor.red_flags
    press(qtbot, Qt.Key.Key_R, ALT)  # No to all the rest: the button flashes, then clicks
    qtbot.waitUntil(lambda: len(editor.form.red_flags) == len(ALL_NO))
    press(qtbot, Qt.Key.Key_4, ALT)
    assert focused() is editor.plan.table().slot(0).side
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.plan.table().slot(0).doses["hold_s"]  # not "Remove"

    # Print: the Print button when the document is ready; without a clinic profile, the document choice.
    press(qtbot, Qt.Key.Key_5, ALT)
    assert focused() in (editor.preview.print_button, editor.preview.which)
    assert focused().isEnabled()


def test_the_tab_bar_keeps_the_keyboard_while_its_arrow_keys_move_between_sections(
    qtbot: QtBot, clinic: Clinic
) -> None:
    editor = open_editor(qtbot, clinic, full_form())
    bar = editor.tabs.tabBar()
    assert isinstance(bar, QTabBar)
    bar.setFocus(Qt.FocusReason.TabFocusReason)

    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)

    assert editor.tabs.currentWidget() is editor.screening
    assert focused() is bar


# ---- the plan's shortcuts, in the whole window --------------------------------------------------------


def mnemonic(text: str) -> str | None:
    keys = QKeySequence.mnemonic(text)
    return keys.toString().upper() if not keys.isEmpty() else None


def window_mnemonics(window: QWidget) -> Counter[str]:
    """Alt shortcuts of every button, label and tab of the window, shown or not."""
    found: Counter[str] = Counter()
    for button in window.findChildren(QAbstractButton):
        if key := mnemonic(button.text()):
            found[key] += 1
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and (key := mnemonic(label.text())):
            found[key] += 1
    for bar in window.findChildren(QTabBar):
        for index in range(bar.count()):
            if key := mnemonic(bar.tabText(index)):
                found[key] += 1
    return found


def test_every_plan_button_has_an_alt_shortcut_no_other_control_has(
    qtbot: QtBot, tmp_path: Path, clinic: Clinic
) -> None:
    patient = clinic.patients.add(PATIENT)
    opened = clinic.start_visit(patient.id, dt.date(2026, 11, 25))
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    window = start_window(qtbot, url)
    qtbot.waitUntil(lambda: window.clinic is not None)
    window.open_visit(opened.stored.id)
    editor = window.editor
    assert editor is not None
    plan = editor.plan
    buttons = [
        plan.add_button,
        plan.remove_button,
        plan.move_up_button,
        plan.move_down_button,
        plan.reset_button,
    ]
    buttons.append(plan.checklist_button)

    keys = [mnemonic(b.text()) for b in buttons]
    assert None not in keys, [b.text() for b in buttons]
    counts = window_mnemonics(window)
    assert [key for key in keys if key is not None and counts[key] > 1] == []


def test_the_plan_buttons_work_from_their_alt_shortcuts(qtbot: QtBot, clinic: Clinic) -> None:
    form = full_form()
    form.screenings = {
        **TIGHT_LEFT_CALF,
        "hip_mobility": {"left.knee_bent_when_raised": "true"},  # a second stretch
    }
    editor = open_editor(qtbot, clinic, form)
    press(qtbot, Qt.Key.Key_4, ALT)
    first, second = [entry.exercise for entry in editor.plan.entries()][:2]

    press(qtbot, Qt.Key.Key_O, ALT)  # Move down
    qtbot.waitUntil(lambda: editor.form.plan is not None)
    assert [entry.exercise for entry in editor.plan.entries()][:2] == [second, first]
    press(qtbot, Qt.Key.Key_U, ALT)  # Move up
    qtbot.waitUntil(lambda: [e.exercise for e in editor.plan.entries()][:2] == [first, second])
    count = len(editor.plan.entries())
    press(qtbot, Qt.Key.Key_M, ALT)  # Remove
    qtbot.waitUntil(lambda: len(editor.plan.entries()) == count - 1)
    press(qtbot, Qt.Key.Key_B, ALT)  # Add from library…
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    picker = QApplication.activeModalWidget()
    assert picker is not None
    picker.close()
