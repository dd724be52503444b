"""A whole visit, as a physical therapist records it from the keyboard, from a new patient to the reopened visit.

One real MainWindow on a fresh SQLite file; both lanes are SynchronousTasks, so every database and
document task has finished when the key press that started it returns. Keys go where the keyboard
focus is (QApplication.focusWidget()), so a step only works if the tab order and the shortcuts get
the therapist there. Modal dialogs (add patient, confirm finish) are answered from a QTimer, like a
person answering the window that popped up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app.visit_form import ComplaintEntry, PlanEntry, VisitForm
from tests.ui.shell import logged_in_clinic, start_window
from ui.main_window import MainWindow
from ui.patients.patient_panel import SEARCH_DELAY_MS
from ui.visit.editor import VisitEditor

from .modal import answering_modal

Key = Qt.Key
ALT, CTRL, SHIFT = (
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
)

MRN, GIVEN, FAMILY, BORN = "E2E-0042", "Maren", "Ostby", "1961-04-02"
CLINICIAN = "Ada Admin, PT, DPT"  # the account logged in: the visit is theirs, never typed
CLINIC = "Preferred Physical Therapy"
STRETCH = "Calf stretch at the wall, knee bent"
NOTE = "Keep the heel down"


# ---- the keyboard --------------------------------------------------------------------------------


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press where the keyboard focus is, as the therapist's keyboard would send it."""
    qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot: QtBot, target: QWidget, within: int = 80) -> int:
    """Press Tab until the target has the focus; returns how many presses that took.

    It fails if Tab does not get there within that many presses: a tab-order bug (a control that
    cannot be reached, or one that comes long after the controls it sits between).
    """
    visited: list[str] = []
    for presses in range(within + 1):
        if focused() is target:
            return presses
        visited.append(focused().accessibleName() or type(focused()).__name__)
        press(qtbot, Key.Key_Tab)
    raise AssertionError(f"Tab did not reach {target.accessibleName()!r} in {within} presses: {visited}")


def by_name(root: QWidget, name: str) -> QWidget:
    """The one visible control under root with this accessible name (what a screen reader says)."""
    found = [w for w in root.findChildren(QWidget) if w.accessibleName() == name and w.isVisible()]
    assert len(found) == 1, f"{len(found)} visible controls named {name!r}"
    return found[0]


def choose(qtbot: QtBot, combo: QWidget, typed: str, expected: str, within: int = 80) -> int:
    """Tab to a combo box and type the start of a choice (Qt's keyboard search); returns the Tabs."""
    presses = tab_to(qtbot, combo, within)
    type_text(qtbot, typed)
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == expected
    return presses


def mnemonic_presses(qtbot: QtBot, button: QAbstractButton) -> int:
    """Press Alt + the button's underlined letter until it is clicked; returns how many presses it took.

    When another visible control has the same letter, Qt does not click: each press moves the focus
    to the next control with that letter, and Space then clicks the one that has the focus.
    """
    keys = QKeySequence.mnemonic(button.text())[0]  # type: ignore[index]  # PySide6 has __getitem__; its stubs do not
    clicks: list[bool] = []

    def clicked() -> None:
        clicks.append(True)

    button.clicked.connect(clicked)
    try:
        for presses in range(1, 5):
            before = focused()
            press(qtbot, keys.key(), keys.keyboardModifiers())
            if focused() is button and before is not button:
                press(qtbot, Key.Key_Space)
            elif focused() is not before:
                continue  # the letter is shared: the focus went to another control that has it
            qtbot.waitUntil(lambda: bool(clicks))  # an unshared letter clicks after a short flash
            return presses
    finally:
        button.clicked.disconnect(clicked)
    raise AssertionError(f"{keys.toString()} never clicked {button.text()!r}")


# ---- set-up --------------------------------------------------------------------------------------


@pytest.fixture
def own_settings(tmp_path: Path) -> Iterator[None]:
    """QSettings (window layout, last clinician) in tmp_path, so the test neither reads nor leaves any."""
    formats = (QSettings.Format.NativeFormat, QSettings.Format.IniFormat)
    usual = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    for kind in formats:
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    for kind in formats:
        QSettings.setPath(kind, QSettings.Scope.UserScope, usual)


def open_window(qtbot: QtBot, url: str) -> MainWindow:
    window = start_window(qtbot, url)
    # Opened on the (synchronous) database lane once the window has painted: wait for that paint.
    qtbot.waitUntil(lambda: window.clinic is not None)
    return window


def ink_on_first_page(pdf: Path) -> float:
    """The share of the first page's pixels that are not near-white."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=0.5).to_pil().convert("L")
    finally:
        document.close()
    histogram = image.histogram()
    return sum(histogram[:200]) / sum(histogram)


def editor_of(window: MainWindow) -> VisitEditor:
    assert window.editor is not None, "no visit is open"
    return window.editor


# ---- the test ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("own_settings")
def test_a_whole_visit_from_the_keyboard_survives_reopening(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    window = open_window(qtbot, url)

    # -- Ctrl+N: add the patient in the dialog, field by field with Tab, Enter to add.
    def fill_patient(dialog: QWidget) -> None:
        assert dialog.windowTitle() == "Add patient"
        assert focused() is by_name(dialog, "MRN (medical record number)")
        for text in (MRN, GIVEN, FAMILY, BORN):
            type_text(qtbot, text)
            press(qtbot, Key.Key_Tab)
        press(qtbot, Key.Key_Return)

    with answering_modal(qtbot, fill_patient):
        press(qtbot, Key.Key_N, CTRL)

    # The list is searched again SEARCH_DELAY_MS after the search text changes: the new patient must
    # still be selected after that, when the therapist's next key comes. (Nothing to wait for: it must not change.)
    qtbot.wait(SEARCH_DELAY_MS * 3)
    patient_id = window.patients.selected_patient_id()
    assert patient_id is not None, "the new patient is not selected"
    assert FAMILY in window.patients.results.currentItem().text()
    assert window.patients.search.text() == FAMILY

    # -- Ctrl+Shift+N: a visit for the selected patient; the editor opens with the focus on its tabs.
    press(qtbot, Key.Key_N, CTRL | SHIFT)
    editor = editor_of(window)
    assert f"{GIVEN} {FAMILY}" in editor.title.text()
    assert editor.tabs.isAncestorOf(focused()) or focused() is editor.tabs
    # Alt+L: the clinician (label buddy) is the logged-in account; typing cannot name someone else.
    press(qtbot, Key.Key_L, ALT)
    assert focused() is editor.clinician_edit
    type_text(qtbot, "Someone Else")
    assert editor.clinician_edit.text() == CLINICIAN

    # -- Alt+1 complaints: Alt+A adds a row with the focus on "where"; type, Tab, type.
    press(qtbot, Key.Key_1, ALT)
    assert editor.tabs.currentWidget() is editor.complaints
    assert mnemonic_presses(qtbot, editor.complaints.add_button) == 1
    assert len(editor.complaints.rows) == 1
    assert focused() is by_name(editor, "Complaint 1: where it hurts")
    type_text(qtbot, "kn")
    press(qtbot, Key.Key_Tab)
    assert focused() is by_name(editor, "Complaint 1: side")
    type_text(qtbot, "l")
    press(qtbot, Key.Key_Tab)
    pain = by_name(editor, "Complaint 1: pain from 0 to 10")
    assert focused() is pain  # "not rated", all selected by Tab: typing replaces it
    type_text(qtbot, "6")
    assert editor.form.complaints == [ComplaintEntry("knee", "left", "6", "")]
    # Ctrl+S writes the draft now instead of after the autosave's pause.
    assert editor.status_label.text() == "Saving…"
    press(qtbot, Key.Key_S, CTRL)
    assert editor.status_label.text() == "Saved"
    assert window.clinic is not None
    draft = window.clinic.drafts.load(editor.stored.id)
    assert draft is not None
    assert VisitForm.from_json(draft).complaints == editor.form.complaints

    triage = editor.triage_panel.text()
    assert "Knee pain (left), pain 6/10" in triage
    assert "Not explained by the screens done so far." in triage
    next_screens = triage.split("Next", 1)[1]
    for screen in ("Red-flag checklist", "Hip mobility", "Ankle mobility", "Pelvic height"):
        assert screen in next_screens

    # -- Alt+2 red flags: every question No with "No to all the rest" (Alt+R).
    press(qtbot, Key.Key_2, ALT)
    assert editor.tabs.currentWidget() is editor.red_flags
    none_button = editor.red_flags.none_button
    # Alt+N is also "&New patient…" on the left, so today it takes Alt+N twice and Space.
    mnemonic_presses(qtbot, none_button)
    assert set(editor.form.red_flags.values()) == {"absent"}
    assert "Red-flag checklist" not in editor.triage_panel.text()

    # -- Alt+3 screening, by Tab and the first letters of the answers.
    press(qtbot, Key.Key_3, ALT)
    assert editor.tabs.currentWidget() is editor.screening
    hip, ankle = "Hip mobility (doorway leg raise)", "Ankle mobility (knee to wall)"
    answers = [
        (f"{hip}: Raised knee had to bend, left leg", "n", "No"),
        (f"{hip}: Raised knee had to bend, right leg", "n", "No"),
        (f"{hip}: Resting foot turned out, left leg", "n", "No"),
        (f"{hip}: Resting foot turned out, right leg", "n", "No"),
        (f"{hip}: Resting leg lifted (thigh came up or knee bent), left leg", "n", "No"),
        (f"{hip}: Resting leg lifted (thigh came up or knee bent), right leg", "n", "No"),
        (f"{ankle}: Knee touched the wall, left leg", "n", "No"),
        (f"{ankle}: Knee touched the wall, right leg", "y", "Yes"),
        (f"{ankle}: Heel lifted, left leg", "y", "Yes"),
        (f"{ankle}: Heel lifted, right leg", "n", "No"),
        ("Pelvic height: Result", "lev", "Level"),
    ]
    tabs = [choose(qtbot, by_name(editor, name), typed, shown) for name, typed, shown in answers]
    # Reading order: left then right, row by row, card by card; only the optional fields (angle and
    # FMS score, each leg), the next card's header buttons and (first) the cards before the hips' lie
    # in between.
    assert max(tabs[1:]) <= 7, tabs

    triage = editor.triage_panel.text()
    knee = triage.split("Findings", 1)[0]
    assert "Not explained" not in knee
    assert "← Tight calf (left)" in knee
    assert "Nothing more to screen for these complaints." in triage

    # -- Alt+4 plan: triage's proposal, the stretch then the strengthening; change the reps, add a
    # note, move the stretch down (Alt+Down).
    press(qtbot, Key.Key_4, ALT)
    assert editor.tabs.currentWidget() is editor.plan
    proposed = [entry.exercise for entry in editor.plan.entries()]
    assert proposed == ["calf_stretch_wall_bent_knee", "side_lying_hip_abduction"]
    assert "Calf stretch at the wall, knee bent" in editor.triage_panel.text()
    assert editor.plan.is_following_proposal()
    reps = by_name(editor, f"Reps, exercise 1, {STRETCH}")
    tab_to(qtbot, reps, within=12)  # from the tab bar: the plan's buttons, then row 1's side and hold
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "5")
    note = by_name(editor, f"Note, exercise 1, {STRETCH}")
    assert tab_to(qtbot, note) == 3  # sets, times a day, note
    type_text(qtbot, NOTE)
    assert not editor.plan.is_following_proposal()
    press(qtbot, Key.Key_Down, ALT)
    plan = editor.form.plan
    assert plan is not None
    assert [entry.exercise for entry in plan] == ["side_lying_hip_abduction", "calf_stretch_wall_bent_knee"]
    stretch = plan[1]
    assert (stretch.side, stretch.reps, stretch.note) == ("left", "5", NOTE)
    assert focused() is by_name(editor, f"Note, exercise 2, {STRETCH}")  # focus moved with it

    # -- Alt+5 print: no clinic profile yet, so the first Ctrl+P asks for the clinic's name, phone
    # and emergency number (Settings, on the clinic page) instead of printing.
    press(qtbot, Key.Key_5, ALT)
    preview = editor.preview
    assert editor.tabs.currentWidget() is preview
    assert preview.page_count == 0
    assert "needs the clinic's name, phone and emergency number" in preview.message.text()

    def enter_clinic(dialog: QWidget) -> None:
        assert dialog.windowTitle() == "Settings"
        assert focused() is by_name(dialog, "Clinic name")  # the first thing missing
        type_text(qtbot, CLINIC)
        press(qtbot, Key.Key_U, ALT)  # Emergency n&umber
        assert by_name(dialog, "Emergency number").isAncestorOf(focused())
        type_text(qtbot, "911")
        press(qtbot, Key.Key_P, ALT)  # &Phone
        assert focused() is by_name(dialog, "Clinic phone")
        type_text(qtbot, "623-486-3333")
        press(qtbot, Key.Key_Return)

    with answering_modal(qtbot, enter_clinic):
        press(qtbot, Key.Key_P, CTRL)
    assert window.profile is not None
    assert (window.profile.name, window.profile.emergency_number) == (CLINIC, "911")
    qtbot.waitUntil(lambda: preview.page_count > 0)

    # Ctrl+P now opens the print dialog (Escape: we print to a file below instead, since the
    # dialog's printer list depends on the machine).

    def cancel_print(dialog: QWidget) -> None:
        assert dialog.windowTitle().startswith("Print")
        qtbot.keyClick(dialog, Key.Key_Escape)

    with answering_modal(qtbot, cancel_print):
        press(qtbot, Key.Key_P, CTRL)

    # Ctrl+P again, OK'd with "print to file" chosen: the dialog's printer list depends on the machine.
    printed = tmp_path / "printed.pdf"

    def print_to_file(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return int(QPrintDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    press(qtbot, Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: "Sent" in preview.message.text())
    assert len(PdfReader(printed).pages) == preview.page_count
    assert ink_on_first_page(printed) > 0.01

    # Alt+S, "Save as PDF…", with the name typed in the file dialog.
    saved = tmp_path / "handout.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(saved), "PDF documents (*.pdf)"))
    press(qtbot, Key.Key_S, ALT)
    qtbot.waitUntil(saved.exists)
    text = "\n".join(page.extract_text() for page in PdfReader(saved).pages)
    assert f"{GIVEN} {FAMILY}" in text
    assert STRETCH in text
    assert CLINIC in text

    # -- Ctrl+Return finishes; the confirmation box is answered with Y (its "&Yes").
    before_finishing = VisitForm.from_json(editor.form.to_json())

    def say_yes(box: QWidget) -> None:
        assert box.windowTitle() == "Finish visit"
        qtbot.keyClick(box, Key.Key_Y)

    with answering_modal(qtbot, say_yes):
        press(qtbot, Key.Key_Return, CTRL)
    assert editor.read_only
    assert editor.status_label.text() == "Finished (read-only)"
    visit_id = editor.stored.id
    window.close()

    # -- A new window on the same database: nothing to restore; Ctrl+F, the name, Enter, Tab to the visit.
    window = open_window(qtbot, url)
    assert window.editor is None
    press(qtbot, Key.Key_F, CTRL)
    assert focused() is window.patients.search
    type_text(qtbot, FAMILY)
    results = window.patients.results
    qtbot.waitUntil(lambda: results.count() == 1)
    press(qtbot, Key.Key_Return)
    assert window.patients.selected_patient_id() == patient_id
    visits = window.patients.visits
    assert isinstance(visits, QListWidget)
    assert visits.count() == 1
    assert "finished" in visits.item(0).text()
    tab_to(qtbot, visits)
    press(qtbot, Key.Key_Home)
    press(qtbot, Key.Key_Return)

    reopened = editor_of(window)
    assert reopened.stored.id == visit_id
    assert reopened.read_only
    assert reopened.status_label.text() == "Finished (read-only)"
    assert reopened.form == before_finishing
    assert reopened.form.complaints == [ComplaintEntry("knee", "left", "6", "")]
    assert reopened.form.screenings["ankle_mobility"] == {
        "left.knee_touches_wall": "false",
        "left.heel_lifted": "true",
        "right.knee_touches_wall": "true",
        "right.heel_lifted": "false",
    }
    assert reopened.form.plan is not None
    # Static stretches are held 60 s from age 65 (the visit is today; the patient was born in 1961).
    born, today = dt.date.fromisoformat(BORN), dt.date.today()
    hold = (
        "60" if today.year - born.year - ((today.month, today.day) < (born.month, born.day)) >= 65 else "30"
    )
    assert reopened.form.plan[1] == PlanEntry(
        "calf_stretch_wall_bent_knee", "left", hold, "5", "1", "2", NOTE
    )
    assert "← Tight calf (left)" in reopened.triage_panel.text()
    press(qtbot, Key.Key_4, ALT)
    shown_reps = by_name(reopened, f"Reps, exercise 2, {STRETCH}")
    assert isinstance(shown_reps, QLineEdit)
    assert shown_reps.text() == "5"
    assert reopened.clinician_edit.text() == CLINICIAN
    assert reopened.date_edit.date().toPython() == dt.date.today()
    assert reopened.signature_box.isVisible()
    assert reopened.signature_box.signed.text().startswith(
        f"Signed by {CLINICIAN} on {dt.date.today().isoformat()}"
    )

    # Read-only means the keys change nothing: Up on the pain score, typing in the clinician box.
    press(qtbot, Key.Key_1, ALT)
    pain = by_name(reopened, "Complaint 1: pain from 0 to 10")
    tab_to(qtbot, pain)
    press(qtbot, Key.Key_Up)
    press(qtbot, Key.Key_L, ALT)
    type_text(qtbot, "x")
    assert reopened.form == before_finishing
    assert reopened.clinician_edit.text() == CLINICIAN
    assert logged_in_clinic(url).drafts.load(visit_id) is None
