"""The daily backup on an encrypted database: verified copies in the chosen folder, rotation, failures
recorded and audited, one copy when due (claimed), and the roles that may run it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import namedtuple
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from clinic_app.accounts import Role, SessionUser
from clinic_app.backup_policy import BackupSchedule, FailureKind
from clinic_app.errors import ClinicError, InvalidInput, NotAllowed
from clinic_app.storage import sqlite_copy
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.daily_backups import DailyBackupService
from clinic_app.storage.db import Database, open_database
from clinic_app.storage.encrypted import is_plaintext_database
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.orm import AuditEntryRow
from clinic_app.storage.unlocking import create_with_first_admin
from tests.clinic_app.logins import ADMIN, PASSWORD, add_account, session_user

NOW = dt.datetime(2026, 11, 29, 13, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[tuple[Database, SessionUser]]:
    made = create_with_first_admin(
        make_url(f"sqlite:///{(tmp_path / 'data' / 'clinic.db').as_posix()}"), ADMIN, "Ada Admin", PASSWORD
    )
    try:
        yield made.database, session_user(made.account)
    finally:
        made.database.dispose()


def turned_on(database: Database, admin: SessionUser, folder: Path, keep: int = 14) -> DailyBackupService:
    service = DailyBackupService(database)
    service.save_schedule(admin, BackupSchedule(enabled=True, folder=str(folder), keep=keep))
    return service


def actions(database: Database) -> list[tuple[str, str | None]]:
    with database.reading() as session:
        rows = session.execute(select(AuditEntryRow.action, AuditEntryRow.detail).order_by(AuditEntryRow.seq))
        return [(action, detail) for action, detail in rows]


def test_a_due_backup_is_a_verified_encrypted_copy_with_its_keys_and_is_audited(
    encrypted: tuple[Database, SessionUser], tmp_path: Path
) -> None:
    database, admin = encrypted
    folder = tmp_path / "backups"
    folder.mkdir()
    service = turned_on(database, admin, folder)
    status = service.run_if_due(admin, NOW)
    assert status is not None
    assert status.made == "clinic-backup-2026-11-29T130000Z.db"
    copy = folder / status.made
    assert database.key is not None
    KeySlots.load(slots_path(copy)).unlock(ADMIN, PASSWORD)  # opens with the same password
    assert sqlite_copy.verify_copy(copy, key=database.key)["users"] == 1
    assert not is_plaintext_database(copy)
    assert status.record.last_good_at == NOW
    assert status.record.last_good_file == status.made
    assert status.warning is None
    assert ("database_backup", f"daily backup: {status.made}") in actions(database)
    # Done for today: the next check, an hour later, makes nothing.
    assert service.run_if_due(admin, NOW + dt.timedelta(hours=1)) is None
    assert sorted(os.listdir(folder)) == [status.made, status.made + ".keys"]


def test_rotation_keeps_the_stated_number_and_the_newest(
    encrypted: tuple[Database, SessionUser], tmp_path: Path
) -> None:
    database, admin = encrypted
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("the clinic's own file")
    service = turned_on(database, admin, folder, keep=3)
    made = []
    for day in range(5):
        status = service.run_if_due(admin, NOW + day * DAY + dt.timedelta(minutes=1))
        assert status is not None
        assert status.made is not None
        made.append(status.made)
    assert status is not None
    assert status.removed == (made[1],)
    kept = sorted(name for name in os.listdir(folder) if name.endswith(".db"))
    assert kept == made[2:]
    assert sorted(os.listdir(folder)) == sorted([*made[2:], *(n + ".keys" for n in made[2:]), "notes.txt"])


def test_a_missing_folder_is_recorded_audited_warned_about_and_retried_after_an_hour(
    encrypted: tuple[Database, SessionUser], tmp_path: Path
) -> None:
    database, admin = encrypted
    folder = tmp_path / "usb"
    folder.mkdir()
    service = turned_on(database, admin, folder)
    first = service.run_if_due(admin, NOW)
    assert first is not None
    assert first.made is not None
    shutil.rmtree(folder)  # the USB drive is unplugged
    failed = service.run_if_due(admin, NOW + DAY + dt.timedelta(minutes=5))
    assert failed is not None
    assert failed.made is None
    assert failed.warning is not None
    assert failed.warning.failure is FailureKind.FOLDER_MISSING
    assert failed.warning.days_since_good == 1
    assert "cannot be found" in (failed.record.last_failure_message or "")
    assert actions(database)[-1] == ("database_backup_failed", "folder_missing")
    assert service.status(NOW + DAY + dt.timedelta(minutes=6)).warning == failed.warning
    assert service.run_if_due(admin, NOW + DAY + dt.timedelta(minutes=30)) is None  # within the hour
    folder.mkdir()  # plugged in again
    again = service.run_if_due(admin, NOW + DAY + dt.timedelta(minutes=70))
    assert again is not None
    assert again.made is not None
    assert again.warning is None


def test_a_full_disk_is_found_before_anything_is_written(
    encrypted: tuple[Database, SessionUser], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, admin = encrypted
    folder = tmp_path / "backups"
    folder.mkdir()
    service = turned_on(database, admin, folder)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 10**9 - 1000, 1000))
    status = service.run_now(admin, NOW)
    assert status.warning is not None
    assert status.warning.failure is FailureKind.DISK_FULL
    assert os.listdir(folder) == []
    assert actions(database)[-1] == ("database_backup_failed", "disk_full")


def test_a_read_only_folder_says_so(
    encrypted: tuple[Database, SessionUser], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, admin = encrypted
    folder = tmp_path / "backups"
    folder.mkdir()
    service = turned_on(database, admin, folder)
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root writes anywhere: the folder answers as it would to a user
        monkeypatch.setattr(os, "access", lambda path, _mode: Path(path) != folder)
    try:
        status = service.run_now(admin, NOW)
    finally:
        folder.chmod(0o700)
    assert status.warning is not None
    assert status.warning.failure is FailureKind.NOT_WRITABLE
    assert os.listdir(folder) == []


def test_a_backup_older_than_a_week_is_warned_about(
    encrypted: tuple[Database, SessionUser], tmp_path: Path
) -> None:
    database, admin = encrypted
    (tmp_path / "b").mkdir()
    service = turned_on(database, admin, tmp_path / "b")
    assert service.run_now(admin, NOW).warning is None
    assert service.status(NOW + 7 * DAY).warning is None
    old = service.status(NOW + 9 * DAY).warning
    assert old is not None
    assert old.failure is None
    assert old.days_since_good == 9


def test_any_account_runs_the_daily_backup_but_only_admins_change_it_or_back_up_now(
    encrypted: tuple[Database, SessionUser], tmp_path: Path
) -> None:
    database, admin = encrypted
    (tmp_path / "b").mkdir()
    service = turned_on(database, admin, tmp_path / "b")
    assistant = add_account(database, admin, "amy", Role.ASSISTANT)
    status = service.run_if_due(assistant, NOW)
    assert status is not None
    assert status.made is not None
    with pytest.raises(NotAllowed):
        service.run_now(assistant, NOW + DAY)
    with pytest.raises(NotAllowed):
        service.save_schedule(assistant, BackupSchedule())


def test_back_up_now_needs_a_folder_and_the_schedule_is_checked(
    encrypted: tuple[Database, SessionUser],
) -> None:
    database, admin = encrypted
    service = DailyBackupService(database)
    with pytest.raises(ClinicError, match=r"Settings > Backups"):
        service.run_now(admin, NOW)
    with pytest.raises(InvalidInput) as invalid:
        service.save_schedule(admin, BackupSchedule(enabled=True, folder=""))
    assert invalid.value.problems[0].path == "backups.folder"
    assert service.schedule() == BackupSchedule()  # nothing stored
    service.save_schedule(admin, BackupSchedule(enabled=False, folder=" /b ", keep=5))
    assert service.schedule() == BackupSchedule(enabled=False, folder="/b", keep=5)
    assert actions(database)[-1] == (AuditAction.SETTINGS_CHANGE, "daily backup")


@pytest.mark.postgres
def test_a_server_database_has_no_daily_backup(postgres_database_url: str) -> None:
    from tests.clinic_app.logins import first_admin

    with open_database(postgres_database_url) as database:
        admin = first_admin(database)
        service = DailyBackupService(database)
        assert service.run_if_due(admin, NOW) is None
        with pytest.raises(ClinicError, match="pg_dump"):
            service.save_schedule(admin, BackupSchedule(enabled=True, folder="/b"))
        with pytest.raises(ClinicError, match="pg_dump"):
            service.run_now(admin, NOW)
