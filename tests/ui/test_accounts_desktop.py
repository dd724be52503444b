"""Accounts in the desktop, as a clinic meets them: the first run, logging in, locking (by hand and
when idle), switching user, what each role is offered, signing, addenda and the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.accounts import Role
from clinic_app.clinic import Clinic, NewAccount
from clinic_app.storage.audit import AuditService
from clinic_app.visit_form import VisitForm
from tests.clinic_app.logins import PASSWORD
from ui.admin.accounts_dialog import AccountsDialog
from ui.admin.audit_dialog import AuditDialog
from ui.main_window import MainWindow
from ui.session.first_run_page import FirstRunPage
from ui.tasks import SynchronousTasks

from .modal import answering_modal
from .shell import (
    ALT,
    CTRL,
    OFFSCREEN_MENUS,
    PATIENT,
    Key,
    click,
    clinic_with_visit,
    focused,
    knee_form,
    log_in,
    logged_in_clinic,
    menu_item,
    own_settings,  # noqa: F401 - the fixture, by name
    press,
    start_window,
    tick,
    window_with_visit,
)

pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]
ADMIN_NAME = "Ada Admin, PT, DPT"


def database(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"


def add_account(url: str, username: str, role: Role, name: str) -> None:
    clinic = logged_in_clinic(url)
    clinic.add_account(NewAccount(username, name, role, "PT-77", PASSWORD))
    clinic.database.dispose()


def shown_editor(window: MainWindow) -> object:
    """The visit on the right (a function: mypy would keep an earlier `is None` for the attribute)."""
    return window.editor


def logged_in_user(window: MainWindow) -> object:
    return window.user


def patient_data_hidden(window: MainWindow) -> bool:
    return not window.patients.isVisible() and (window.editor is None or not window.editor.isVisible())


def test_the_first_run_makes_the_clinic_and_its_admin_and_keeps_what_was_typed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = database(tmp_path)
    window = MainWindow(
        open_clinic=lambda: Clinic.open(url),
        tasks=SynchronousTasks(),
        render_tasks=SynchronousTasks(),
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.central.currentWidget(), FirstRunPage))
    page = window.first_run
    assert page is not None
    assert patient_data_hidden(window)
    assert not window.actions_by_name["new_patient"].isEnabled()
    for field, text in (
        (page.clinic_name, "Harbour PT"),
        (page.phone, "555-0100"),
        (page.username, "sam"),
        (page.display_name, "Sam Lee, PT, DPT"),
        (page.licence, "PT-4711"),
        (page.password, "long enough password"),
        (page.repeat, "long enough passwort"),
    ):
        qtbot.keyClicks(field, text)
    qtbot.keyClicks(page.emergency_number.lineEdit(), "911")

    click(qtbot, page.create_button)  # the two passwords differ
    assert page.errors["repeat"].isVisible()
    assert "differ" in page.errors["repeat"].text()
    assert logged_in_user(window) is None
    assert page.display_name.text() == "Sam Lee, PT, DPT"  # nothing typed is lost

    page.repeat.clear()
    qtbot.keyClicks(page.repeat, "long enough password")
    click(qtbot, page.create_button)

    # The database is now encrypted: its recovery key is shown once, and going on needs the tick.
    qtbot.waitUntil(lambda: window.recovery_page is not None and window.recovery_page.isVisible())
    recovery = window.recovery_page
    assert recovery is not None
    assert logged_in_user(window) is None
    assert not recovery.continue_button.isEnabled()
    tick(qtbot, recovery.kept)
    click(qtbot, recovery.continue_button)

    qtbot.waitUntil(lambda: window.user is not None)
    assert window.user is not None
    assert (window.user.username, window.user.role) == ("sam", Role.ADMIN)
    assert window.user_label.text() == "Logged in: Sam Lee, PT, DPT (admin)"
    assert window.patients.isVisible()
    assert window.welcome.demo_button.isVisible()  # an empty database offers the demo patients
    profile = Clinic.open(url).start_up_state().profile  # its plain copy: no login needed
    assert (profile.name, profile.phone, profile.emergency_number) == ("Harbour PT", "555-0100", "911")


def test_a_wrong_password_is_refused_in_words_and_the_right_one_logs_in(qtbot: QtBot, tmp_path: Path) -> None:
    window = start_window(qtbot, database(tmp_path), login=False)
    page = window.login_page
    qtbot.waitUntil(lambda: page.ready)
    assert patient_data_hidden(window)
    qtbot.keyClicks(page.username, "admin")
    qtbot.keyClicks(page.password, "not the password")
    qtbot.keyClick(page.password, Key.Key_Return)
    assert window.user is None
    assert page.error.isVisible()
    assert page.error.text().startswith("Login failed for admin: wrong user name or password")
    assert page.password.text() == ""
    assert focused() is page.password

    qtbot.keyClicks(page.password, PASSWORD)
    click(qtbot, page.submit_button)
    qtbot.waitUntil(lambda: window.user is not None)
    assert window.user_label.text() == f"Logged in: {ADMIN_NAME} (admin)"


def test_file_lock_hides_patient_data_and_the_password_brings_the_visit_back_as_it_was(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    editor.tabs.setCurrentWidget(editor.screening)
    before = editor.form.to_json()

    menu_item(qtbot, Key.Key_F, Key.Key_L)

    assert window.locked
    assert patient_data_hidden(window)
    assert window.central.currentWidget() is window.login_page
    assert "Ada Admin" in window.login_page.heading.text()
    assert not window.actions_by_name["find"].isEnabled()
    qtbot.keyClicks(window.login_page.password, "wrong password!")
    qtbot.keyClick(window.login_page.password, Key.Key_Return)
    assert window.locked
    assert window.login_page.error.isVisible()

    log_in(qtbot, window)

    assert window.editor is editor  # the same visit, never closed
    assert editor.isVisible()
    assert editor.tabs.currentWidget() is editor.screening
    assert editor.form.to_json() == before
    assert window.actions_by_name["find"].isEnabled()


def test_the_window_locks_itself_when_idle_and_saves_the_visit_first(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    press(qtbot, Key.Key_1, ALT)
    note = editor.complaints.rows[0].note
    qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(note, "worse on stairs")
    assert window.idle.running
    assert window.idle.interval_ms() == 10 * 60_000  # the contract's default

    window.idle.start(300)  # as a clinic that set a short idle time, shortened further for the test
    qtbot.waitUntil(lambda: window.locked, timeout=5000)

    assert patient_data_hidden(window)
    draft = logged_in_clinic(database(tmp_path)).drafts.load(editor.stored.id)
    assert draft is not None
    assert VisitForm.from_json(draft).complaints[0].note == "worse on stairs"


def test_typing_keeps_the_window_from_locking(qtbot: QtBot, tmp_path: Path) -> None:
    window = start_window(qtbot, database(tmp_path))
    window.idle.start(400)
    for _ in range(6):
        qtbot.wait(120)
        qtbot.keyClicks(window.patients.search, "a")
    assert not window.locked


def test_switch_user_saves_and_closes_the_visit_and_lets_a_colleague_log_in(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = database(tmp_path)
    window = window_with_visit(qtbot, tmp_path)
    add_account(url, "kim", Role.THERAPIST, "Kim Ito, PT")
    assert window.editor is not None

    menu_item(qtbot, Key.Key_F, Key.Key_W)

    assert shown_editor(window) is None
    assert logged_in_user(window) is None
    assert window.patients.results.count() == 0  # nobody's names left behind
    assert window.login_page.username.text() == ""
    log_in(qtbot, window, "kim")
    assert window.user_label.text() == "Logged in: Kim Ito, PT (therapist)"
    assert not window.actions_by_name["settings"].isEnabled()  # the clinic's settings are an admin's
    assert not window.actions_by_name["audit"].isEnabled()
    assert not window.actions_by_name["accounts"].isEnabled()
    assert window.patients.new_button.isVisible()


def test_an_assistant_reads_and_prints_finished_visits_but_records_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = database(tmp_path)
    draft_id = clinic_with_visit(url, knee_form())
    add_account(url, "jo", Role.ASSISTANT, "Jo Park, PTA")
    window = start_window(qtbot, url, login=False)
    log_in(qtbot, window, "jo")
    assert shown_editor(window) is None  # an assistant is not handed the draft left open
    for name in ("new_patient", "new_visit", "settings", "audit"):
        assert not window.actions_by_name[name].isEnabled(), name
    patients = window.patients
    for button in (
        patients.new_button,
        patients.edit_button,
        patients.new_visit_button,
        patients.new_episode_button,
    ):
        assert not button.isVisible()
    assert not window.welcome.demo_button.isEnabled()

    window.open_visit(draft_id)
    editor = window.editor
    assert editor is not None
    assert editor.read_only
    assert not editor.finish_button.isVisible()
    assert editor.status_label.text() == "View only (your role)"
    assert not editor.outcomes_button.isVisible()
    assert not window.actions_by_name["finish"].isEnabled()
    press(qtbot, Key.Key_5, ALT)
    qtbot.waitUntil(lambda: editor.preview.save_button.isEnabled())
    target = tmp_path / "handout.pdf"
    editor.preview.save_pdf_to(str(target))
    assert not target.exists()
    assert "may print finished visits only" in editor.preview.message.text()


def test_finishing_signs_with_the_account_and_an_addendum_is_shown_and_printed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None

    with answering_modal(qtbot, lambda box: qtbot.keyClick(box, Key.Key_Y)):
        press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: editor.read_only)

    box = editor.signature_box
    assert box.isVisible()
    today = dt.date.today().isoformat()
    assert box.signed.text().startswith(f"Signed by {ADMIN_NAME} on {today} ")
    assert not box.addenda.isVisible()

    def write_addendum(dialog: QWidget) -> None:
        ok = dialog.findChild(QWidget, "addendumOkButton")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # empty: refused under each field, still open
        assert dialog.isVisible()
        text = dialog.findChild(QWidget, "addendumText")
        reason = dialog.findChild(QWidget, "addendumReason")
        assert text is not None
        assert reason is not None
        qtbot.keyClicks(text, "Left calf re-measured: knee touches the wall.")
        qtbot.keyClicks(reason, "Re-tested at the end of the visit")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    with answering_modal(qtbot, write_addendum):
        click(qtbot, box.add_button)

    assert box.addenda.isVisible()
    assert "Left calf re-measured" in box.addenda.text()
    assert f"Addendum 1, {today}" in box.addenda.text()
    assert editor.stored.addenda[0].author == ADMIN_NAME

    # The summary prints the signature and the addendum.
    press(qtbot, Key.Key_5, ALT)
    editor.preview.which.setCurrentIndex(editor.preview.which.findData("summary"))
    qtbot.waitUntil(lambda: editor.preview.message.text().startswith("Visit summary"))
    text = pdf_text(editor.preview.pdf_bytes)
    assert f"Signed electronically by {ADMIN_NAME}" in text
    assert "Left calf re-measured: knee touches the wall." in text
    assert "Why: Re-tested at the end of the visit" in text


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def test_the_audit_trail_lists_filters_checks_and_exports_what_was_done(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database(tmp_path)
    window_with_visit(qtbot, tmp_path)
    exported = tmp_path / "audit.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(exported), ""))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: said.append(text))
    seen: dict[str, object] = {}

    def use_the_trail(dialog: QWidget) -> None:
        assert isinstance(dialog, AuditDialog)
        actions = [entry.action for entry in dialog.entries]
        seen["actions"] = actions
        qtbot.keyClicks(dialog.mrn, PATIENT.mrn)
        click(qtbot, dialog.show_button)
        seen["patient"] = {entry.patient_mrn for entry in dialog.entries}
        click(qtbot, dialog.verify_button)
        click(qtbot, dialog.export_button)
        dialog.accept()

    with answering_modal(qtbot, use_the_trail):
        menu_item(qtbot, Key.Key_F, Key.Key_A)

    actions = seen["actions"]
    assert isinstance(actions, list)
    for action in ("user_add", "login", "patient_add", "visit_create", "visit_view"):
        assert action in actions
    assert seen["patient"] == {PATIENT.mrn}
    assert said
    assert said[0].startswith("Checked ")
    rows = json.loads(exported.read_text(encoding="utf-8"))
    assert {row["patient_mrn"] for row in rows} == {PATIENT.mrn}
    assert {"at", "user", "action", "patient_mrn", "visit_id"} <= set(rows[0])
    assert exported.stat().st_mode & 0o777 == 0o600
    checking = logged_in_clinic(url)
    assert AuditService(checking.database).verify(checking.user).intact
    checking.database.dispose()


def test_the_clinic_settings_save_the_idle_time_for_every_computer(qtbot: QtBot, tmp_path: Path) -> None:
    url = database(tmp_path)
    window = start_window(qtbot, url)

    def set_five_minutes(dialog: QWidget) -> None:
        spin = dialog.findChild(QWidget, "lockMinutesSpin")
        assert spin is not None
        spin.setValue(5)  # type: ignore[attr-defined]
        ok = dialog.findChild(QWidget, "settingsOkButton")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    with answering_modal(qtbot, set_five_minutes):
        menu_item(qtbot, Key.Key_F, Key.Key_T)

    assert window.idle.interval_ms() == 5 * 60_000
    assert logged_in_clinic(url).settings.load_lock_minutes() == 5


def test_an_admin_adds_disables_and_resets_an_account_from_file_accounts(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = database(tmp_path)
    window = start_window(qtbot, url)
    shown: dict[str, list[str]] = {}

    def new_account(form: QWidget) -> None:
        for name, text in (
            ("newAccountUsername", "kim"),
            ("newAccountName", "Kim Ito, PT"),
            ("newAccountLicence", "PT-1234"),
            ("newAccountPassword", "short"),
        ):
            field = form.findChild(QWidget, name)
            assert field is not None
            qtbot.keyClicks(field, text)
        ok = form.findChild(QWidget, "newAccountOkButton")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # too short: refused under the field
        assert form.isVisible()
        password = form.findChild(QWidget, "newAccountPassword")
        assert password is not None
        qtbot.keyClicks(password, " but now long enough")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    def new_password(form: QWidget) -> None:
        for name in ("newPassword", "newPasswordAgain"):
            field = form.findChild(QWidget, name)
            assert field is not None
            qtbot.keyClicks(field, "a fresh password 2")
        ok = form.findChild(QWidget, "passwordOkButton")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    def manage(dialog: QWidget) -> None:
        assert isinstance(dialog, AccountsDialog)
        with answering_modal(qtbot, new_account):
            click(qtbot, dialog.add_button)
        shown["after add"] = [a.username for a in dialog.accounts]
        row = next(i for i, a in enumerate(dialog.accounts) if a.username == "kim")
        dialog.table.selectRow(row)
        with answering_modal(qtbot, lambda box: qtbot.keyClick(box, Key.Key_Y)):
            click(qtbot, dialog.enable_button)
        state = dialog.table.item(row, 4)
        assert state is not None
        shown["state"] = [state.text()]
        with answering_modal(qtbot, new_password):
            click(qtbot, dialog.password_button)
        shown["message"] = [dialog.message.text()]
        dialog.accept()

    with answering_modal(qtbot, manage):
        menu_item(qtbot, Key.Key_F, Key.Key_O)

    assert shown["after add"] == ["admin", "kim"]
    assert shown["state"] == ["disabled"]
    assert shown["message"] == ["New password set for kim."]
    clinic = logged_in_clinic(url)
    accounts = {a.username: a for a in clinic.list_accounts()}
    assert (accounts["kim"].role, accounts["kim"].licence, accounts["kim"].disabled) == (
        Role.THERAPIST,
        "PT-1234",
        True,
    )
    actions = [e.action for e in clinic.audit_entries()]
    clinic.database.dispose()
    assert {"user_add", "user_disable", "user_passwd"} <= set(actions)
    assert window.actions_by_name["accounts"].isEnabled()
