"""The audit trail in plain words, in English and Spanish: what an admin or a compliance officer reads
in File > Audit trail, while the export keeps the ids and details as stored.

Reproduced before: the Action column showed `patient_view`, `visit_edit`, `database_backup_failed`,
and the Detail column `folder_missing` or `wrong password; locked for 15 minutes`, in either language.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.backup_policy import BackupSchedule, FailureKind
from clinic_app.storage.audit import AuditAction
from tests.clinic_app.logins import ADMIN
from ui.admin.audit_dialog import AuditDialog
from ui.admin.audit_words import ACTION_LABELS, action_label, detail_words
from ui.main_window import MainWindow

from .modal import answering_modal
from .shell import OFFSCREEN_MENUS, logged_in_clinic, own_settings, window_with_visit  # noqa: F401
from .translations import screens_in

pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]


def test_every_action_has_a_label_of_its_own_in_both_languages() -> None:
    missing = [action.value for action in AuditAction if action not in ACTION_LABELS]
    assert not missing, f"give these audit actions a label in ui/admin/audit_words.py: {missing}"
    english = [action_label(action) for action in AuditAction]
    assert len(set(english)) == len(english), "two actions read the same"
    assert all("_" not in label for label in english)
    with screens_in("es"):
        spanish = [action_label(action) for action in AuditAction]
    assert len(set(spanish)) == len(spanish)
    untranslated = [label for label, es in zip(english, spanish, strict=True) if label == es]
    assert not untranslated, f"no Spanish for {untranslated} (python3 dev.py translations)"


def test_an_action_this_version_does_not_know_shows_its_id() -> None:
    assert action_label("something_newer") == "something_newer"
    assert detail_words("something_newer", "as stored") == "as stored"


@pytest.mark.parametrize(
    ("action", "detail", "english", "spanish"),
    [
        (AuditAction.DATABASE_BACKUP_FAILED, FailureKind.FOLDER_MISSING.value, "The backup folder was missing",
         "Faltaba la carpeta de las copias"),
        (AuditAction.LOGIN_FAILED, "wrong password; locked for 15 minutes",
         "Wrong password; account locked for 15 minutes", "Contraseña incorrecta; cuenta bloqueada 15 minutos"),
        (AuditAction.USER_ADD, "account jo (assistant)", "Account jo (assistant)", "Cuenta jo (auxiliar)"),
        (AuditAction.OUTCOME_RECORD, "nprs:knee removed", "NPRS (knee pain) removed", "NPRS (dolor de rodilla) quitada"),
        (AuditAction.DOCUMENT_PRINT, "Home exercise handout", "Home exercise handout", "Hoja de ejercicios en casa"),
        (AuditAction.DATABASE_BACKUP, "Back up now: clinic-2026-11-29.db", "Back up now: clinic-2026-11-29.db",
         "Hacer copia ahora: clinic-2026-11-29.db"),
        (AuditAction.AUDIT_VIEW, "user=sam, patient", "Filtered by user sam, one patient",
         "Filtrado por usuario sam, un paciente"),
    ],
)  # fmt: skip
def test_the_core_s_details_read_in_plain_words(action: str, detail: str, english: str, spanish: str) -> None:
    assert detail_words(action, detail) == english
    with screens_in("es"):
        assert detail_words(action, detail) == spanish


def test_every_reason_a_backup_fails_has_words() -> None:
    for kind in FailureKind:
        assert detail_words(AuditAction.DATABASE_BACKUP_FAILED, kind.value) != kind.value


def open_the_trail(qtbot: QtBot, window: MainWindow, use: Callable[[AuditDialog], None]) -> None:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, AuditDialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0)
        use(dialog)
        dialog.accept()

    with answering_modal(qtbot, answer):
        window.actions_by_name["audit"].trigger()  # File > Audit trail


def column(dialog: AuditDialog, index: int) -> list[str]:
    return [item.text() for row in range(dialog.table.rowCount()) if (item := dialog.table.item(row, index))]


def choose(qtbot: QtBot, combo: QComboBox, label: str) -> None:
    """Pick a choice as a user does: open the list, then type to it and press Enter."""
    combo.setFocus()
    index = combo.findText(label)
    assert index > 0, (label, [combo.itemText(i) for i in range(combo.count())])
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == label


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_trail_reads_in_plain_words_and_filters_by_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    clinic = logged_in_clinic(url)
    missing = tmp_path / "usb"
    missing.mkdir()
    clinic.save_backup_schedule(BackupSchedule(enabled=True, folder=str(missing), keep=7))
    missing.rmdir()  # the USB drive unplugged
    clinic.back_up_now()
    clinic.database.dispose()
    exported = tmp_path / "audit.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(exported), ""))
    seen: dict[str, list[str]] = {}
    with screens_in(language):  # type: ignore[arg-type]
        window = window_with_visit(qtbot, tmp_path)
        opened = action_label(AuditAction.VISIT_VIEW)
        failed = action_label(AuditAction.DATABASE_BACKUP_FAILED)
        why = detail_words(AuditAction.DATABASE_BACKUP_FAILED, FailureKind.FOLDER_MISSING.value)

        def use(dialog: AuditDialog) -> None:
            seen["actions"] = column(dialog, 2)
            seen["details"] = column(dialog, 6)
            choose(qtbot, dialog.action, failed)
            qtbot.waitUntil(lambda: column(dialog, 2) == [failed])
            seen["filtered"] = column(dialog, 6)
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(exported.exists)

        open_the_trail(qtbot, window, use)
    assert opened in seen["actions"]
    assert not [text for text in seen["actions"] if "_" in text], seen["actions"]
    assert seen["filtered"] == [why]
    if language == "es":
        assert opened == "Abrió una visita"
        assert why == "Faltaba la carpeta de las copias"
    # The export is the trail as stored, for `clinic audit --json` readers.
    rows = json.loads(exported.read_text(encoding="utf-8"))
    assert [(row["action"], row["detail"], row["user"]) for row in rows] == [
        ("database_backup_failed", "folder_missing", ADMIN)
    ]
