"""The menu bar, used from the keyboard: Alt+letter opens a menu, the item's underlined letter runs it.

Each test checks that the item does what its label says, on a real MainWindow and database.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app.clinic import Clinic
from clinic_app.visit_form import VisitForm
from ui.help import AboutDialog, HelpWindow, app_version
from ui.main_window import SECTION_TITLES, MainWindow
from ui.tasks import BackgroundTasks
from ui.theme import saved_theme

from .modal import answering_modal
from .shell import (
    ALT,
    CTRL,
    OFFSCREEN_MENUS,
    PATIENT,
    Key,
    clinic_with_visit,
    focused,
    knee_form,
    logged_in_clinic,
    menu_item,
    open_menu,
    open_window,
    own_settings,  # noqa: F401 - the fixture, by name
    press,
    start_window,
    window_with_visit,
)

pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]


def note_field_end(qtbot: QtBot, window: MainWindow) -> QPlainTextEdit:
    """Alt+1, a click in the first complaint's note, Ctrl+End to add to it."""
    editor = window.editor
    assert editor is not None
    press(qtbot, Key.Key_1, ALT)
    note = editor.complaints.rows[0].note
    qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    press(qtbot, Key.Key_End, CTRL)
    assert focused() is note
    return note


def draft_note(form_json: str | None) -> str:
    assert form_json is not None
    return VisitForm.from_json(form_json).complaints[0].note


def database(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"


# ---- File ----------------------------------------------------------------------------------------


def test_file_new_patient_opens_the_add_patient_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, database(tmp_path))
    seen: list[str] = []

    def cancel(dialog: QWidget) -> None:
        seen.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Key.Key_Escape)

    with answering_modal(qtbot, cancel):
        menu_item(qtbot, Key.Key_F, Key.Key_N)
    assert seen == ["Add patient"]
    assert window.isVisible()


def test_file_new_visit_starts_a_visit_for_the_selected_patient(qtbot: QtBot, tmp_path: Path) -> None:
    url = database(tmp_path)
    logged_in_clinic(url).patients.add(PATIENT)
    window = open_window(qtbot, url)
    window.focus_search()
    qtbot.keyClicks(focused(), PATIENT.family_name)
    qtbot.waitUntil(lambda: window.patients.results.count() == 1)
    press(qtbot, Key.Key_Return)  # the patient is chosen
    assert window.stack.currentWidget() is window.welcome

    menu_item(qtbot, Key.Key_F, Key.Key_V)

    assert window.editor is not None
    assert PATIENT.family_name in window.editor.title.text()
    assert window.editor.date_edit.date().toPython() == dt.date.today()


def test_file_save_now_writes_the_draft(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    note_field_end(qtbot, window)
    qtbot.keyClicks(focused(), "Worse on stairs")
    assert editor.status_label.text() == "Saving…"

    menu_item(qtbot, Key.Key_F, Key.Key_S)

    assert editor.status_label.text() == "Saved"
    assert window.clinic is not None
    assert draft_note(window.clinic.drafts.load(editor.stored.id)) == "Worse on stairs"


def test_file_print_opens_the_print_dialog_for_the_handout(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with_visit(qtbot, tmp_path)
    titles: list[str] = []

    def cancel(dialog: QPrintDialog) -> int:
        titles.append(dialog.windowTitle())
        return int(QPrintDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    menu_item(qtbot, Key.Key_F, Key.Key_P)
    assert window.editor is not None
    assert window.editor.tabs.currentWidget() is window.editor.preview
    assert titles == ["Print home exercise handout"]


def test_file_save_as_pdf_saves_the_document_shown(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with_visit(qtbot, tmp_path)
    target = tmp_path / "handout.pdf"
    asked: list[str] = []

    def choose(_parent: QWidget, title: str, *_: Any) -> tuple[str, str]:
        asked.append(title)
        return str(target), "PDF documents (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    menu_item(qtbot, Key.Key_F, Key.Key_D)
    qtbot.waitUntil(target.exists)
    assert asked == ["Save as PDF"]
    assert target.read_bytes().startswith(b"%PDF")
    assert window.editor is not None
    assert window.editor.tabs.currentWidget() is window.editor.preview


def test_file_finish_visit_signs_it_after_asking(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None

    def say_yes(box: QWidget) -> None:
        assert box.windowTitle() == "Finish visit"
        qtbot.keyClick(box, Key.Key_Y)

    with answering_modal(qtbot, say_yes):
        menu_item(qtbot, Key.Key_F, Key.Key_I)
    assert editor.read_only
    assert editor.status_label.text() == "Finished (read-only)"


def test_file_settings_opens_the_settings(qtbot: QtBot, tmp_path: Path) -> None:
    open_window(qtbot, database(tmp_path))
    seen: list[str] = []

    def close(dialog: QWidget) -> None:
        seen.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Key.Key_Escape)

    with answering_modal(qtbot, close):
        menu_item(qtbot, Key.Key_F, Key.Key_T)
    assert seen == ["Settings"]


def test_file_quit_closes_the_window_with_the_visit_saved(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    note_field_end(qtbot, window)
    qtbot.keyClicks(focused(), "since May")

    menu_item(qtbot, Key.Key_F, Key.Key_Q)

    assert not window.isVisible()
    assert draft_note(logged_in_clinic(database(tmp_path)).drafts.load(editor.stored.id)) == "since May"


class SlowClinic(Clinic):
    """Drafts take a while to write, as on a busy PostgreSQL server."""

    def save_draft(self, *args: Any, **kwargs: Any) -> int:
        time.sleep(0.3)
        return super().save_draft(*args, **kwargs)


def test_quit_waits_for_a_save_under_way_and_saves_what_was_typed_meanwhile(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = database(tmp_path)
    visit_id = clinic_with_visit(url, knee_form())
    lane = BackgroundTasks("database")
    window = start_window(
        qtbot, url, tasks=lane, render_tasks=BackgroundTasks("documents"), clinic_type=SlowClinic
    )
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.stored.id == visit_id, timeout=20000)
    editor = window.editor
    assert editor is not None
    note_field_end(qtbot, window)
    qtbot.keyClicks(focused(), "A")
    press(qtbot, Key.Key_S, CTRL)  # the first save starts and takes a while
    assert editor.autosave.in_flight
    qtbot.keyClicks(focused(), "B")  # typed while it is being written

    press(qtbot, Key.Key_Q, CTRL)

    assert not window.isVisible()
    assert draft_note(logged_in_clinic(url).drafts.load(visit_id)) == "AB"


# ---- Edit ----------------------------------------------------------------------------------------


def test_edit_undo_and_redo_act_on_the_text_being_typed(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    note = note_field_end(qtbot, window)
    qtbot.keyClicks(note, "X")
    assert note.toPlainText() == "X"

    open_menu(qtbot, Key.Key_E)
    assert window.actions_by_name["undo"].isEnabled()
    press(qtbot, Key.Key_U)
    assert note.toPlainText() == ""
    assert focused() is note

    menu_item(qtbot, Key.Key_E, Key.Key_R)
    assert note.toPlainText() == "X"
    assert window.actions_by_name["redo"].isEnabled() is False


def test_edit_undo_is_greyed_out_where_nothing_can_be_undone(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    assert window.editor is not None
    window.editor.tabs.setFocus()
    menu = QApplication.activePopupWidget()
    assert menu is None
    menu_item(qtbot, Key.Key_E)
    assert not window.actions_by_name["undo"].isEnabled()
    assert not window.actions_by_name["redo"].isEnabled()
    press(qtbot, Key.Key_Escape)


def test_edit_find_patient_puts_the_cursor_in_the_search(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    menu_item(qtbot, Key.Key_E, Key.Key_F)
    assert focused() is window.patients.search


# ---- View ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, 6))
def test_view_shows_each_visit_section(qtbot: QtBot, tmp_path: Path, number: int) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    editor.tabs.setCurrentIndex(4 if number == 1 else 0)

    menu_item(qtbot, Key.Key_V, Key(Key.Key_0.value + number))

    assert editor.tabs.currentIndex() == number - 1
    assert editor.tabs.tabText(number - 1).replace("&", "") == f"{number} {SECTION_TITLES[number - 1]}"


def test_view_sections_are_greyed_out_without_a_visit(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, database(tmp_path))
    assert not any(action.isEnabled() for action in window.section_actions)


@pytest.mark.parametrize(
    ("letter", "theme"), [(Key.Key_D, "dark"), (Key.Key_L, "light"), (Key.Key_S, "system")]
)
def test_view_theme_switches_the_colours_and_is_remembered(
    qtbot: QtBot, tmp_path: Path, letter: Key, theme: str
) -> None:
    window = open_window(qtbot, database(tmp_path))
    if theme != "dark":
        menu_item(qtbot, Key.Key_V, Key.Key_T, Key.Key_D)
    menu_item(qtbot, Key.Key_V, Key.Key_T, letter)
    assert saved_theme() == theme
    assert window.theme_actions[theme].isChecked()
    qtbot.waitUntil(
        lambda: (window.palette().color(window.backgroundRole()).lightness() < 128) == (theme == "dark")
    )


# ---- Help ----------------------------------------------------------------------------------------


def test_help_how_to_use_opens_the_help_beside_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, database(tmp_path))
    menu_item(qtbot, Key.Key_H, Key.Key_H)
    help_window = window.findChild(HelpWindow)
    assert help_window is not None
    qtbot.waitExposed(help_window)
    assert not help_window.isModal()
    text = help_window.text.toPlainText()
    assert "A visit, step by step" in text
    close = help_window.findChild(QAbstractButton, "helpCloseButton")
    assert close is not None
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not help_window.isVisible()


def test_the_help_names_the_keys_the_menus_really_have(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, database(tmp_path))
    window.show_help()
    assert window.help_window is not None
    text = window.help_window.text.toPlainText()
    for name, action in window.actions_by_name.items():
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if keys:
            shown = keys.replace("Return", "Enter")
            assert shown in text, f"the help does not mention {shown} ({name})"


def test_help_about_shows_the_version_the_data_and_the_licences(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, database(tmp_path))
    assert window.clinic is not None
    seen: dict[str, str] = {}

    def read_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, AboutDialog)
        seen["text"] = dialog.text.toPlainText()
        fonts: list[str] = []

        def read_font_licence() -> None:
            licence = QApplication.activeModalWidget()
            if licence is dialog or licence is None:
                QTimer.singleShot(10, read_font_licence)
                return
            browser = licence.findChild(QTextBrowser)
            assert browser is not None
            fonts.append(browser.toPlainText())
            button = licence.findChild(QAbstractButton, "fontLicenceWindowCloseButton")
            assert button is not None
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        QTimer.singleShot(0, read_font_licence)
        qtbot.mouseClick(dialog.font_button, Qt.MouseButton.LeftButton)  # returns once it is closed
        assert "Bitstream Vera" in fonts[0]
        close = dialog.findChild(QAbstractButton, "aboutCloseButton")
        assert close is not None
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)

    with answering_modal(qtbot, read_and_close):
        menu_item(qtbot, Key.Key_H, Key.Key_A)
    text = seen["text"]
    assert f"Version {app_version()}" in text
    assert app_version() == "0.1.0"
    assert window.clinic.location in text
    for shipped in ("PySide6", "LGPL-3.0", "reportlab", "BSD", "DejaVu", "SQLAlchemy", "MIT"):
        assert shipped in text, shipped
    for tool in ("hypothesis", "ruff", "mypy"):
        assert tool not in text  # test tools are not shipped


def test_help_about_qt_names_the_qt_version(qtbot: QtBot, tmp_path: Path) -> None:
    open_window(qtbot, database(tmp_path))
    seen: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        qtbot.keyClick(box, Key.Key_Escape)

    with answering_modal(qtbot, close):
        menu_item(qtbot, Key.Key_H, Key.Key_Q)
    assert seen
    assert "Qt" in seen[0]


# ---- shortcuts -------------------------------------------------------------------------------------


def test_no_key_means_two_things_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    """Every shortcut and every underlined letter visible at once is unique, in every visit section."""
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        keys: dict[str, str] = {}

        def claim(sequence: QKeySequence, owner: str, keys: dict[str, str] = keys) -> None:
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if text:
                assert text not in keys, f"{text} is both {keys[text]!r} and {owner!r}"
                keys[text] = owner

        for action in window.actions_by_name.values():
            claim(action.shortcut(), action.text())
        for menu in window.menuBar().actions():
            claim(QKeySequence.mnemonic(menu.text()), f"menu {menu.text()}")
        for button in window.findChildren(QAbstractButton):
            if button.isVisible() and button.window() is window:
                claim(QKeySequence.mnemonic(button.text()), button.text())
        for tab in range(editor.tabs.count()):
            claim(QKeySequence.mnemonic(editor.tabs.tabText(tab)), editor.tabs.tabText(tab))
