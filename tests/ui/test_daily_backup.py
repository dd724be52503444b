"""The daily backup in the window, clicked as an admin does: the folder chosen in Settings > Backups,
File > Back up now, the warning for an old backup and for a folder that is gone."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from clinic_app.backup_policy import BackupSchedule
from clinic_app.clinic import Clinic
from clinic_app.storage import sqlite_copy
from clinic_app.storage.daily_backups import DailyBackupService
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.orm import DailyBackupRow
from tests.clinic_app.logins import ADMIN, PASSWORD
from ui.backups import BackupBanner
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks

from .modal import answering_modal
from .shell import OFFSCREEN_MENUS, Key, click, logged_in_clinic, menu_item, own_settings, start_window  # noqa: F401 - own_settings

pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]


def database(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'data' / 'clinic.db').as_posix()}"


def with_schedule(url: str, schedule: BackupSchedule) -> Clinic:
    clinic = logged_in_clinic(url)
    clinic.save_backup_schedule(schedule)
    return clinic


def backups_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("clinic-backup-*.db"))


def verified(copy: Path) -> dict[str, int]:
    """The copy opens with the admin's password from its .keys, and passes the integrity check."""
    key = KeySlots.load(slots_path(copy)).unlock(ADMIN, PASSWORD)
    return sqlite_copy.verify_copy(copy, key=key)


def banner(window: MainWindow) -> BackupBanner:
    return window.backup_banner


def choose_folder_in_settings(qtbot: QtBot, dialog: QWidget, folder: Path, keep: int | None = None) -> None:
    """On the Backups page: Choose folder… (the folder dialog answered with folder), then OK."""
    pages = dialog.findChild(QListWidget, "settingsPageList")
    assert pages is not None
    backups_row = next(i for i in range(pages.count()) if pages.item(i).text() == "Backups")
    if pages.currentRow() != backups_row:
        rect = pages.visualItemRect(pages.item(backups_row))
        qtbot.mouseClick(pages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    choose = dialog.findChild(QWidget, "chooseBackupFolderButton")
    assert choose is not None
    qtbot.waitUntil(choose.isVisible)
    click(qtbot, choose)
    if keep is not None:
        spin = dialog.findChild(QWidget, "backupKeepSpin")
        assert spin is not None
        spin.setValue(keep)  # type: ignore[attr-defined]
    ok = dialog.findChild(QWidget, "settingsOkButton")
    assert ok is not None
    click(qtbot, ok)


def test_an_admin_chooses_the_folder_in_settings_and_the_first_backup_is_made_there(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database(tmp_path)
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(folder))
    window = start_window(qtbot, url)
    assert backups_in(folder) == []

    with answering_modal(qtbot, lambda dialog: choose_folder_in_settings(qtbot, dialog, folder, keep=5)):
        menu_item(qtbot, Key.Key_F, Key.Key_T)

    stored = logged_in_clinic(url).backup_status()
    assert stored is not None
    assert stored.schedule == BackupSchedule(enabled=True, folder=str(folder), keep=5)
    (copy,) = backups_in(folder)  # due at once: none made yet
    assert verified(copy)["users"] == 1
    assert "Backed up and verified" in window.statusBar().currentMessage()
    assert not banner(window).isVisible()


def test_file_back_up_now_makes_a_verified_copy_in_the_folder(qtbot: QtBot, tmp_path: Path) -> None:
    url = database(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    # Chosen, but the daily backup is off: only Back up now writes there.
    with_schedule(url, BackupSchedule(enabled=False, folder=str(folder))).close()
    window = start_window(qtbot, url)
    assert backups_in(folder) == []

    menu_item(qtbot, Key.Key_F, Key.Key_B)

    (copy,) = backups_in(folder)
    assert verified(copy)["users"] == 1
    assert slots_path(copy).exists()
    assert copy.name in window.statusBar().currentMessage()
    assert window.backups.checking  # every quarter of an hour while someone is logged in
    menu_item(qtbot, Key.Key_F, Key.Key_W)  # File > Switch user
    assert not window.backups.checking


def test_a_backup_nine_days_old_is_warned_about_and_back_up_now_clears_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = database(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    clinic = with_schedule(url, BackupSchedule(enabled=True, folder=str(folder)))
    now = dt.datetime.now(dt.UTC)
    DailyBackupService(clinic.database).run_now(clinic.user, now - dt.timedelta(days=9, hours=1))
    with clinic.database.writing() as session:  # an attempt minutes ago (killed): no new one at login
        session.execute(update(DailyBackupRow).values(last_attempt_at=now - dt.timedelta(minutes=5)))
    clinic.close()

    window = start_window(qtbot, url)

    shown = banner(window)
    assert shown.isVisible()
    assert "The last good backup is 9 days old." in shown.text.text()
    assert "Check the backup folder in Settings > Backups, or back up now." in shown.text.text()
    assert len(backups_in(folder)) == 1

    click(qtbot, shown.back_up_button)

    assert len(backups_in(folder)) == 2
    assert not shown.isVisible()


def test_a_folder_that_is_gone_is_said_in_plain_words_and_the_settings_button_mends_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database(tmp_path)
    usb = tmp_path / "usb-drive" / "backups"
    with_schedule(url, BackupSchedule(enabled=True, folder=str(usb))).close()  # the drive is unplugged

    window = start_window(qtbot, url)

    shown = banner(window)
    assert shown.isVisible()
    words = shown.text.text()
    assert f"the backup folder {usb} cannot be found (is the USB drive unplugged?)" in words
    assert "There is no good backup yet." in words
    assert "Plug the drive in and back up now, or choose another folder in Settings > Backups." in words

    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(other))
    with answering_modal(qtbot, lambda dialog: choose_folder_in_settings(qtbot, dialog, other)):
        click(qtbot, shown.settings_button)

    # A new folder is a new start: the check after saving makes the copy at once.
    (copy,) = backups_in(other)
    assert verified(copy)["users"] == 1
    assert not shown.isVisible()


def test_a_therapist_sees_the_warning_without_the_admins_buttons(qtbot: QtBot, tmp_path: Path) -> None:
    from clinic_app.accounts import Role
    from clinic_app.clinic import NewAccount

    url = database(tmp_path)
    clinic = with_schedule(url, BackupSchedule(enabled=True, folder=str(tmp_path / "gone")))
    clinic.add_account(NewAccount("tess", "Tess Ray, PT", Role.THERAPIST, None, PASSWORD))
    clinic.close()
    window = start_window(qtbot, url, login=False)
    from .shell import log_in

    log_in(qtbot, window, "tess")

    shown = banner(window)
    assert shown.isVisible()
    assert "Please tell the clinic's admin." in shown.text.text()
    assert not shown.back_up_button.isVisible()
    assert not window.actions_by_name["back_up_now"].isEnabled()


def test_typing_goes_on_while_a_backup_is_made_on_its_own_lane(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    with_schedule(url, BackupSchedule(enabled=False, folder=str(folder))).close()
    copy_database = sqlite_copy.copy_database

    def slow_copy(*args: object, **kwargs: object) -> dict[str, int]:
        time.sleep(1.5)  # a large database on a slow USB stick
        return copy_database(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite_copy, "copy_database", slow_copy)
    lane = BackgroundTasks("backups")
    window = start_window(qtbot, url, backup_tasks=lane)
    qtbot.waitUntil(lambda: window.backups.status is not None)  # the check at login

    started = time.monotonic()
    menu_item(qtbot, Key.Key_F, Key.Key_B)
    search = window.patients.search
    search.setFocus()
    qtbot.keyClicks(search, "Marsh")
    typed_after = time.monotonic() - started

    assert search.text() == "Marsh"
    assert lane.busy()  # the copy is still being made
    assert typed_after < 1.0
    qtbot.waitUntil(lambda: len(backups_in(folder)) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not lane.busy())
    assert os.path.exists(slots_path(backups_in(folder)[0]))
    shutil.rmtree(folder)
