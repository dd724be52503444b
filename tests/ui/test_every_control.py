"""Every visible button and menu action of the main window and the visit editor has a test that clicks it.

The walk below finds them at run time (findChildren(QAbstractButton) in every visit section, the
toolbar, and the menu bar's actions down its submenus); REGISTRY maps each one to the test that
clicks or triggers it as a user would, and the name that test uses for it. A control added without
an entry here fails test_every_visible_control_has_a_click_test, whoever adds it.

Controls are known by their objectName. The visit sections' own buttons (another part of the app,
many per row) have none yet: they are known by class and text, the same for every row.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLineEdit, QMenu, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import TOOLBAR_ACTIONS, MainWindow
from ui.visit.editor import VisitEditor

from . import (
    test_accounts_desktop,
    test_csv_import_dialog,
    test_daily_backup,
    test_end_to_end,
    test_menu_bar,
    test_plan_section,
    test_theme,
    test_visit_rules_2026_12,
)
from .modal import answering_modal
from .progress import test_episodes, test_measure_wording, test_outcome_measures
from .shell import PATIENT, focused, logged_in_clinic, open_window, own_settings, window_with_visit  # noqa: F401 - own_settings
from .visit import test_complaints_section, test_printing, test_red_flags_section, test_screening_section

pytestmark = pytest.mark.usefixtures("own_settings")

Test = Callable[..., object]


def this(name: str) -> Test:
    """A test of this module, looked up when the registry is checked (they are defined below it)."""
    return lambda: globals()[name]


# Each control: the test that clicks it, and the name by which that test reaches it.
REGISTRY: dict[str, tuple[Test, str]] = {
    # The menu bar (opened with Alt+letter, items picked by their letter).
    "fileMenuAction": (test_menu_bar.test_file_new_patient_opens_the_add_patient_dialog, "Key_F"),
    "editMenuAction": (test_menu_bar.test_edit_find_patient_puts_the_cursor_in_the_search, "Key_E"),
    "viewMenuAction": (test_menu_bar.test_view_shows_each_visit_section, "Key_V"),
    "helpMenuAction": (test_menu_bar.test_help_how_to_use_opens_the_help_beside_the_window, "Key_H"),
    "themeMenuAction": (test_menu_bar.test_view_theme_switches_the_colours_and_is_remembered, "Key_T"),
    "actionNewPatient": (test_menu_bar.test_file_new_patient_opens_the_add_patient_dialog, "Key_N"),
    "actionImportPatients": (
        test_csv_import_dialog.test_the_file_menu_opens_the_import_for_the_logged_in_account,
        "Key_M",
    ),
    "actionNewVisit": (test_menu_bar.test_file_new_visit_starts_a_visit_for_the_selected_patient, "Key_V"),
    "actionSave": (test_menu_bar.test_file_save_now_writes_the_draft, "Key_S"),
    "actionPrint": (test_menu_bar.test_file_print_opens_the_print_dialog_for_the_handout, "Key_P"),
    "actionSavePdf": (test_menu_bar.test_file_save_as_pdf_saves_the_document_shown, "Key_D"),
    "actionFinish": (test_menu_bar.test_file_finish_visit_signs_it_after_asking, "Key_I"),
    "actionSettings": (test_menu_bar.test_file_settings_opens_the_settings, "Key_T"),
    "actionQuit": (test_menu_bar.test_file_quit_closes_the_window_with_the_visit_saved, "Key_Q"),
    "actionAccounts": (
        test_accounts_desktop.test_an_admin_adds_disables_and_resets_an_account_from_file_accounts,
        "Key_O",
    ),
    "actionWording": (
        test_measure_wording.test_the_patient_fills_in_the_clinics_lefs_and_sees_a_meaningful_change,
        "import_wording",  # File > Outcome measure wording by its keys, Alt+F then R
    ),
    "actionAudit": (
        test_accounts_desktop.test_the_audit_trail_lists_filters_checks_and_exports_what_was_done,
        "Key_A",
    ),
    "actionLock": (
        test_accounts_desktop.test_file_lock_hides_patient_data_and_the_password_brings_the_visit_back_as_it_was,
        "Key_L",
    ),
    "actionSwitchUser": (
        test_accounts_desktop.test_switch_user_saves_and_closes_the_visit_and_lets_a_colleague_log_in,
        "Key_W",
    ),
    "actionBackUpNow": (test_daily_backup.test_file_back_up_now_makes_a_verified_copy_in_the_folder, "Key_B"),
    "backupNowButton": (
        test_daily_backup.test_a_backup_nine_days_old_is_warned_about_and_back_up_now_clears_it,
        "back_up_button",
    ),
    "backupSettingsButton": (
        test_daily_backup.test_a_folder_that_is_gone_is_said_in_plain_words_and_the_settings_button_mends_it,
        "settings_button",
    ),
    "actionUndo": (test_menu_bar.test_edit_undo_and_redo_act_on_the_text_being_typed, "Key_U"),
    "actionRedo": (test_menu_bar.test_edit_undo_and_redo_act_on_the_text_being_typed, "Key_R"),
    "actionFind": (test_menu_bar.test_edit_find_patient_puts_the_cursor_in_the_search, "Key_F"),
    **{
        f"actionSection{n}": (test_menu_bar.test_view_shows_each_visit_section, "Key_0.value + number")
        for n in range(1, 6)
    },
    "actionThemeSystem": (test_menu_bar.test_view_theme_switches_the_colours_and_is_remembered, "Key_S"),
    "actionThemeLight": (test_menu_bar.test_view_theme_switches_the_colours_and_is_remembered, "Key_L"),
    "actionThemeDark": (test_menu_bar.test_view_theme_switches_the_colours_and_is_remembered, "Key_D"),
    "actionHowToUse": (test_menu_bar.test_help_how_to_use_opens_the_help_beside_the_window, "Key_H"),
    "actionAbout": (test_menu_bar.test_help_about_shows_the_version_the_data_and_the_licences, "Key_A"),
    "actionAboutQt": (test_menu_bar.test_help_about_qt_names_the_qt_version, "Key_Q"),
    # The toolbar: the same actions as buttons.
    **{
        f"toolbar:{name}": (this("test_each_toolbar_button_runs_its_command"), "widgetForAction")
        for name in TOOLBAR_ACTIONS
    },
    # The left side and the welcome page.
    "newPatientButton": (this("test_new_patient_button_opens_the_add_patient_dialog"), "new_button"),
    "editPatientButton": (this("test_edit_button_opens_the_chosen_patient"), "edit_button"),
    "newVisitButton": (this("test_start_new_visit_button_opens_a_visit"), "new_visit_button"),
    "loadDemoButton": (this("test_load_demo_patients_fills_an_empty_database"), "demo_button"),
    # Episodes of care and their progress page.
    "newEpisodeButton": (test_episodes.test_discharge_and_a_new_episode, "new_episode_button"),
    "dischargeButton": (test_episodes.test_discharge_and_a_new_episode, "discharge_button"),
    "followUpButton": (test_episodes.test_follow_up_starts_from_the_last_visit, "follow_up_button"),
    "episodeGoalsButton": (
        test_episodes.test_goals_are_set_and_shown_met_or_not_at_each_visit,
        "goals_button",
    ),
    "printProgressButton": (test_episodes.test_the_progress_report_is_printed_and_saved, "print_button"),
    "saveProgressButton": (test_episodes.test_the_progress_report_is_printed_and_saved, "save_button"),
    "progressExerciseButton": (test_episodes.test_follow_up_starts_from_the_last_visit, "progress_button"),
    "regressExerciseButton": (test_episodes.test_follow_up_starts_from_the_last_visit, "regress_button"),
    "outcomeMeasuresButton": (
        test_outcome_measures.test_a_lefs_from_paper_shows_its_meaningful_change,
        "outcomes_button",
    ),
    # The visit editor.
    "finishVisitButton": (
        test_visit_rules_2026_12.test_an_override_in_force_lets_the_visit_be_finished,
        "finish_button",
    ),
    "QPushButton:Add complaint": (
        test_complaints_section.test_add_complaint_adds_a_blank_row_and_problems_show_under_it,
        "add_button",
    ),
    "QPushButton:Remove (complaint)": (
        test_complaints_section.test_remove_takes_the_row_out_and_renumbers,
        "remove",
    ),
    "QRadioButton:Yes": (
        test_red_flags_section.test_yes_shows_the_referral_banner_with_urgency_and_advice,
        "YES",
    ),
    "QRadioButton:No": (test_red_flags_section.test_the_keyboard_answers_a_question, "NO"),
    "QRadioButton:Not asked": (test_red_flags_section.test_not_asked_is_a_missing_key, "NOT_ASKED"),
    "QPushButton:No to all the rest": (
        test_red_flags_section.test_none_of_the_remaining_answers_no_to_the_rest,
        "none_button",
    ),
    "QToolButton:How to": (test_screening_section.test_how_to_opens_and_closes, "how_to_button"),
    "QPushButton:Mark not done": (
        test_screening_section.test_mark_not_done_clears_the_screen_from_the_form,
        "not_done_button",
    ),
    "QPushButton:Back to the proposal": (
        test_plan_section.test_reset_asks_then_follows_the_proposal_again,
        "reset_button",
    ),
    "QPushButton:Add from library…": (
        test_plan_section.test_add_from_library_through_the_picker,
        "add_button",
    ),
    "QPushButton:Remove (plan)": (
        test_plan_section.test_remove_takes_out_the_current_exercise,
        "remove_button",
    ),
    "QPushButton:Move up": (test_plan_section.test_move_buttons_follow_the_current_row, "move_up_button"),
    "QPushButton:Move down": (test_plan_section.test_move_buttons_follow_the_current_row, "move_down_button"),
    "QPushButton:Go to the red-flag checklist": (
        test_plan_section.test_without_the_checklist_no_plan_is_proposed_and_a_button_goes_there,
        "checklist_button",
    ),
    "QCheckBox:Large print": (
        this("test_large_print_in_the_print_section_makes_the_handout_larger"),
        "large_print",
    ),
    "QPushButton:Print…": (
        test_printing.test_print_prints_on_the_printer_chosen_in_the_dialog,
        "PRINT_WAYS",
    ),
    "QPushButton:Save as PDF…": (test_printing.test_save_as_pdf_saves_the_document_shown, "SAVE_WAYS"),
}
del test_end_to_end, test_theme  # imported so that a renamed test module fails here too


def control_key(control: QAbstractButton | QAction, editor: VisitEditor | None) -> str:
    if isinstance(control, QToolButton) and control.defaultAction() is not None:
        name = control.defaultAction().objectName().removeprefix("action")
        toolbar_name = next((n for n in TOOLBAR_ACTIONS if _camel(n) == name), None)
        if toolbar_name is not None:
            return f"toolbar:{toolbar_name}"
    if control.objectName():
        return control.objectName()
    text = control.text().replace("&", "")
    if (
        text == "Remove" and editor is not None and isinstance(control, QWidget)
    ):  # a complaint row's, or the plan's
        return f"QPushButton:Remove ({'complaint' if editor.complaints.isAncestorOf(control) else 'plan'})"
    return f"{type(control).__name__}:{text}"


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def visible_controls(window: MainWindow) -> dict[str, QAbstractButton | QAction]:
    found: dict[str, QAbstractButton | QAction] = {}
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.window() is window and not button.objectName().startswith("qt_"):
            parent = button.parentWidget()
            if isinstance(parent, QLineEdit) or (
                parent is not None and parent.objectName().startswith("qt_")
            ):
                continue  # Qt's own parts (a line edit's clear button, a tab bar's arrows)
            found.setdefault(control_key(button, window.editor), button)
    menus = [action.menu() for action in window.menuBar().actions()]
    for action in window.menuBar().actions():
        found[action.objectName()] = action
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if action.isSeparator():
                continue
            found[action.objectName()] = action
            if action.menu() is not None:
                menus.append(action.menu())
    return found


@pytest.mark.parametrize("state", ["empty database", "a visit with a plan"])
def test_every_visible_control_has_a_click_test(qtbot: QtBot, tmp_path: Path, state: str) -> None:
    if state == "empty database":
        window = open_window(qtbot, f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}")
        seen = visible_controls(window)
    else:
        window = window_with_visit(qtbot, tmp_path)
        editor = window.editor
        assert editor is not None
        seen = {}
        for index in range(editor.tabs.count()):
            editor.tabs.setCurrentIndex(index)
            qtbot.waitUntil(editor.tabs.currentWidget().isVisible)
            seen.update(visible_controls(window))
    unnamed = [f"{key} {seen[key]} in {seen[key].parent()}" for key in seen if not key or key.endswith(":")]
    assert not unnamed, f"controls with neither an objectName nor a text: {unnamed}"
    missing = sorted(set(seen) - set(REGISTRY))
    assert not missing, f"no click test registered for: {missing} (add one, then an entry in REGISTRY)"


def test_every_registered_test_exists_and_reaches_its_control() -> None:
    for key, (test, handle) in REGISTRY.items():
        function: Any = test() if test.__name__ == "<lambda>" else test
        assert callable(function), key
        assert function.__name__.startswith("test_"), key
        assert handle in inspect.getsource(function), f"{function.__name__} does not use {handle!r} ({key})"


# ---- the controls no other test clicks ----------------------------------------------------------------


@pytest.mark.parametrize("name", TOOLBAR_ACTIONS)
def test_each_toolbar_button_runs_its_command(qtbot: QtBot, tmp_path: Path, name: str) -> None:
    window = window_with_visit(qtbot, tmp_path)
    action = window.actions_by_name[name]
    button = window.toolbar.widgetForAction(action)
    assert isinstance(button, QToolButton)
    assert button.isVisible()
    assert button.isEnabled()
    assert button.text() == action.iconText()
    ran: list[str] = []
    action.triggered.connect(lambda: ran.append(name))
    if name in ("new_patient", "settings", "finish", "print"):
        # These open a window: close it the way a user does.
        def close(dialog: QWidget) -> None:
            from PySide6.QtWidgets import QDialog

            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()

        with answering_modal(qtbot, close):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ran == [name]
    if name == "find":
        assert focused() is window.patients.search
    if name == "save":
        assert window.editor is not None
        assert window.editor.status_label.text() == "Saved"


def test_new_patient_button_opens_the_add_patient_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}")
    titles: list[str] = []

    def cancel(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with answering_modal(qtbot, cancel):
        qtbot.mouseClick(window.patients.new_button, Qt.MouseButton.LeftButton)
    assert titles == ["Add patient"]


def chosen_patient_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    logged_in_clinic(url).patients.add(PATIENT)
    window = open_window(qtbot, url)
    results = window.patients.results
    qtbot.waitUntil(lambda: results.count() == 1)
    qtbot.mouseClick(
        results.viewport(), Qt.MouseButton.LeftButton, pos=results.visualItemRect(results.item(0)).center()
    )
    assert window.patients.selected_patient_id() is not None
    return window


def test_edit_button_opens_the_chosen_patient(qtbot: QtBot, tmp_path: Path) -> None:
    window = chosen_patient_window(qtbot, tmp_path)
    names: list[str] = []

    def read(dialog: QWidget) -> None:
        names.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with answering_modal(qtbot, read):
        qtbot.mouseClick(window.patients.edit_button, Qt.MouseButton.LeftButton)
    assert len(names) == 1
    assert "patient" in names[0].lower()


def test_start_new_visit_button_opens_a_visit(qtbot: QtBot, tmp_path: Path) -> None:
    window = chosen_patient_window(qtbot, tmp_path)
    qtbot.mouseClick(window.patients.new_visit_button, Qt.MouseButton.LeftButton)
    assert window.editor is not None
    assert PATIENT.family_name in window.editor.title.text()


def test_load_demo_patients_fills_an_empty_database(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}")
    button = window.welcome.demo_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.patients.results.count() > 0)
    assert not button.isVisible()


def test_large_print_in_the_print_section_makes_the_handout_larger(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    editor.tabs.setCurrentWidget(editor.preview)
    preview = editor.preview
    qtbot.waitUntil(lambda: preview.page_count > 0)
    normal = preview.page_count
    large_print = preview.large_print
    assert isinstance(large_print, QCheckBox)
    qtbot.mouseClick(large_print, Qt.MouseButton.LeftButton)
    assert large_print.isChecked()
    qtbot.waitUntil(lambda: preview.page_count > normal)
