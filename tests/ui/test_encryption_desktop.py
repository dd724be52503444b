"""Encryption at rest as a clinic meets it in the desktop: the recovery key after the first run (printed,
saved), the offer to encrypt a database kept from before, and the proof: a patient made through the
real commands and the desktop is in no byte of any file of the data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.clinic import Clinic
from clinic_app.storage.encrypted import is_plaintext_database
from clinic_app.storage.key_slots import slots_path
from clinic_app.storage.recovery_key import RecoveryKey
from tests.clinic_app.logins import ADMIN, PASSWORD, first_admin, login_environment
from tests.examples import EXAMPLES
from ui.main_window import MainWindow
from ui.session.first_run_page import FirstRunPage
from ui.session.recovery_page import RecoveryKeyPage
from ui.tasks import SynchronousTasks

from .modal import answering_modal
from .shell import OFFSCREEN_MENUS, Key, click, log_in, own_settings, start_window, tick  # noqa: F401 - fixture

pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]

# Words no other test data holds: if any of them is in a file, it came from this patient.
GIVEN, FAMILY, MRN = "Quillanova", "Zephyrstrand", "MRN-7Q3Z9X"
NOTE = "worse after kayaking on the Vistula"
DESK_GIVEN, DESK_FAMILY, DESK_MRN = "Brontewyn", "Okonkwalde", "DESK-55Y8W"


def first_run_window(qtbot: QtBot, url: str) -> MainWindow:
    window = MainWindow(
        open_clinic=lambda: Clinic.open(url), tasks=SynchronousTasks(), render_tasks=SynchronousTasks()
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.central.currentWidget(), FirstRunPage))
    page = window.first_run
    assert page is not None
    for field, text in (
        (page.clinic_name, "Harbour PT"),
        (page.phone, "555-0100"),
        (page.username, "sam"),
        (page.display_name, "Sam Lee, PT, DPT"),
        (page.password, "long enough password"),
        (page.repeat, "long enough password"),
    ):
        qtbot.keyClicks(field, text)
    qtbot.keyClicks(page.emergency_number.lineEdit(), "911")
    click(qtbot, page.create_button)
    qtbot.waitUntil(lambda: isinstance(window.central.currentWidget(), RecoveryKeyPage))
    return window


def test_the_first_run_encrypts_and_shows_the_recovery_key_to_print_before_going_on(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    window = first_run_window(qtbot, url)
    page = window.recovery_page
    assert page is not None
    database = tmp_path / "clinic.db"
    assert not is_plaintext_database(database)
    assert slots_path(database).exists()
    shown = "".join(label.text() for label in page.group_labels)
    recovery = RecoveryKey.parse(shown)  # the groups on screen are the key, check characters and all
    from clinic_app.storage.unlocking import unlock_with_recovery

    assert unlock_with_recovery(database, recovery) == recovery.database_key
    assert "lost for good" in " ".join(w.text() for w in page.findChildren(type(page.status)))

    # Print: the print dialog, answered as the user does, prints the one-page sheet to a file.
    printed = tmp_path / "printed-sheet.pdf"

    def print_to_file(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return int(QPrintDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    click(qtbot, page.print_button)
    sheet = PdfReader(printed)
    assert len(sheet.pages) == 1
    text = " ".join(sheet.pages[0].extract_text().split())
    for group in recovery.groups:
        assert group in text
    assert "Harbour PT" in text
    assert "lost for good" in text

    # Save as PDF, through the file dialog.
    saved = tmp_path / "sheet.pdf"
    monkeypatch.setattr(
        "ui.session.recovery_page.QFileDialog.getSaveFileName", lambda *_args, **_kw: (str(saved), "")
    )
    click(qtbot, page.save_button)
    assert saved.read_bytes().startswith(b"%PDF")
    assert saved.stat().st_mode & 0o777 == 0o600

    assert window.user is None  # not before the tick
    assert not page.continue_button.isEnabled()
    tick(qtbot, page.kept)
    click(qtbot, page.continue_button)
    qtbot.waitUntil(lambda: window.user is not None)
    assert window.patients.isVisible()
    assert window.recovery_page is None


def is_open(clinic: Clinic) -> bool:  # a function: mypy would keep the first answer of the property
    return clinic.is_open


def test_the_login_opens_the_encrypted_database_and_switching_user_closes_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    window = start_window(qtbot, url, login=False)
    qtbot.waitUntil(lambda: window.clinic is not None)  # made once the window has painted
    clinic = window.clinic
    assert clinic is not None
    assert not is_open(clinic)  # before the login, nothing of the database is readable
    log_in(qtbot, window)
    assert is_open(clinic)
    window.switch_user()
    assert not is_open(clinic)  # the key is forgotten until the next login
    log_in(qtbot, window)
    assert window.user is not None


def test_an_admin_is_offered_to_encrypt_a_database_kept_from_before(qtbot: QtBot, tmp_path: Path) -> None:
    from clinic_app.storage.db import open_database

    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    with open_database(url) as plain:  # made by the code before encryption: plaintext
        first_admin(plain)
    window = start_window(qtbot, url)
    button = window.encrypt_button
    qtbot.waitUntil(button.isVisible)

    def type_password(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        field = dialog.findChild(QLineEdit)
        assert field is not None
        qtbot.keyClicks(field, PASSWORD)
        qtbot.keyClick(field, Key.Key_Return)

    with answering_modal(qtbot, type_password):
        click(qtbot, button)
    qtbot.waitUntil(lambda: isinstance(window.central.currentWidget(), RecoveryKeyPage))
    assert not is_plaintext_database(tmp_path / "clinic.db")
    assert not button.isVisible()
    page = window.recovery_page
    assert page is not None
    tick(qtbot, page.kept)
    click(qtbot, page.continue_button)
    qtbot.waitUntil(lambda: window.central.currentWidget() is window.splitter)
    assert window.user is not None
    assert window.user.username == ADMIN


def run(*args: str | Path, env: dict[str, str], stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "clinic_app", *map(str, args)],
        env=env,
        input=stdin.encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def patient_words() -> list[bytes]:
    words = [GIVEN, FAMILY, MRN, NOTE, DESK_GIVEN, DESK_FAMILY, DESK_MRN, "kayaking on the Vistula"]
    found = []
    for word in words:
        for form in {word, word.lower(), word.upper()}:
            found += [form.encode("utf-8"), form.encode("utf-16-le")]
    return found


def files_holding_patient_data(folder: Path) -> dict[str, list[str]]:
    """Each file under folder with the patient words found in its bytes."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits = [word.decode("utf-8", "replace") for word in patient_words() if word in data]
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found


def test_no_patient_data_in_any_byte_of_any_file_of_the_data_folder(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    url = f"sqlite:///{(folder / 'clinic.db').as_posix()}"
    env = {
        **os.environ,
        "CLINIC_APP_DATABASE_URL": url,
        "CLINIC_APP_DEBUG": "1",  # the debug log, in the data folder too
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    run("user", "add", ADMIN, "--name", "Ada Admin, PT", "--role", "admin", "--password-stdin",
        env=env, stdin=f"{PASSWORD}\n")  # fmt: skip
    env.update(login_environment(tmp_path))
    document = json.loads((EXAMPLES / "knee-left-tight-calf.visit.json").read_text(encoding="utf-8"))
    document["patient"].update(given_name=GIVEN, family_name=FAMILY, mrn=MRN)
    document["complaints"][0]["note"] = NOTE
    visit_file = tmp_path / "visit.json"  # outside the data folder: it is the patient's document
    visit_file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    visit_id = run("visit", "import", visit_file, env=env).split()[-1]
    exported = run("visit", "export", visit_id, env=env)
    for word in (GIVEN, MRN, NOTE):
        assert word in exported  # the search can find them
    (folder / "backups").mkdir()
    run("backup", "-o", folder / "backups" / "clinic-backup.db", env=env)

    # The desktop: log in, find the patient, add another through the Add patient dialog.
    window = start_window(qtbot, url)
    window.search(FAMILY)
    qtbot.waitUntil(lambda: window.patients.results.count() == 1)

    def fill_patient(dialog: QWidget) -> None:
        for text in (DESK_MRN, DESK_GIVEN, DESK_FAMILY, "1970-05-06"):
            widget = QApplication.focusWidget()
            assert widget is not None
            qtbot.keyClicks(widget, text)
            qtbot.keyClick(widget, Key.Key_Tab)
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return)

    window.patients.search.setFocus()
    with answering_modal(qtbot, fill_patient):
        qtbot.keyClick(window.patients.search, Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.patients.selected_patient_id() is not None)
    assert DESK_FAMILY in window.patients.results.currentItem().text()

    while_open = files_holding_patient_data(folder)  # the WAL holds the new rows now
    assert (folder / "clinic.db-wal").exists()
    window.close()
    run("visit", "export", visit_id, env=env)  # a command after the desktop, debug log on
    scanned = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    assert {
        "clinic.db",
        "clinic.db.keys",
        "backups/clinic-backup.db",
        "backups/clinic-backup.db.keys",
    } <= scanned
    assert any(name.endswith(".log") for name in scanned), scanned
    assert while_open == {}
    assert files_holding_patient_data(folder) == {}
