"""The desktop's daily backup: `clinic backup`'s verified, encrypted copy, into the clinic's folder.

    service = DailyBackupService(database)
    service.save_schedule(admin, BackupSchedule(True, "/media/usb/backups", keep=14))
    status = service.run_if_due(user)        # at login and every so often; None when not due
    status = service.run_now(admin)          # File > Back up now
    status = service.status()                # the warning to show, if any

Each copy is `backup.back_up`'s (online backup, verified, renamed into place, with its `.keys`),
named `clinic-backup-<UTC time>.db`. Whether one is due, what to warn about and which old copies go
is decided by clinic_app.backup_policy; this module reads and records the state in the
`daily_backup` row and touches the folder.

An attempt is claimed in the database before it starts (its `last_attempt_at`), so two computers
of the clinic logging in at once make one copy, and a failed or killed attempt is retried after
an hour rather than at every check. A failure is recorded with its kind (folder missing, not
writable, disk full, or a plain message) and audited as `database_backup_failed`; old copies are
removed only after a new one is verified.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clinic_app.accounts import Permission, SessionUser
from clinic_app.backup_policy import (
    BackupRecord,
    BackupSchedule,
    BackupWarning,
    FailureKind,
    file_name,
    is_due,
    to_remove,
    warning,
)
from clinic_app.errors import ClinicError
from clinic_app.storage import audit, files, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.backup import SERVER_TOOLS, back_up
from clinic_app.storage.db import Database
from clinic_app.storage.key_slots import slots_path
from clinic_app.storage.orm import SINGLE_ROW_ID, DailyBackupRow

log = logging.getLogger(__name__)

SPACE_MARGIN = 1.1  # the copy, plus a tenth for the journal SQLite writes beside it
SPACE_EXTRA_BYTES = 1_000_000
ABANDONED_AFTER = dt.timedelta(days=1)  # a temporary file this old is a killed backup's
TEMPORARY_PREFIX, TEMPORARY_SUFFIX = ".clinic-", ".tmp"  # clinic_app.output_file's


@dataclass(frozen=True, slots=True)
class BackupStatus:
    """The schedule, how backups have gone, and what to warn about now."""

    schedule: BackupSchedule
    record: BackupRecord
    warning: BackupWarning | None
    made: str | None = None  # this run's new file in the folder
    removed: tuple[str, ...] = ()  # older copies this run removed


class BackupFailed(ClinicError):
    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class DailyBackupService:
    def __init__(self, database: Database) -> None:
        self._database = database

    # ---- the setting -----------------------------------------------------------------------------

    def schedule(self) -> BackupSchedule:
        with self._database.reading() as session:
            return _schedule(session.get(DailyBackupRow, SINGLE_ROW_ID))

    def save_schedule(self, user: SessionUser, schedule: BackupSchedule) -> BackupSchedule:
        """An admin's change (settings_change, "daily backup"); InvalidInput by field otherwise."""
        checked = schedule.checked()
        if checked.enabled:
            _database_file(self._database)  # a server's database: say so rather than store it
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.SETTINGS)
            row = _row(session)
            if checked.folder != row.folder or (checked.enabled and not row.enabled):
                row.last_attempt_at = None  # a new folder is a new start: no waiting out a failure
            row.enabled, row.folder, row.keep = checked.enabled, checked.folder, checked.keep
            audit.append(session, AuditAction.SETTINGS_CHANGE, user.username, detail="daily backup")
        return checked

    # ---- how it goes -----------------------------------------------------------------------------

    def status(self, now: dt.datetime | None = None) -> BackupStatus:
        with self._database.reading() as session:
            row = session.get(DailyBackupRow, SINGLE_ROW_ID)
            schedule, record = _schedule(row), _record(row)
        return BackupStatus(schedule, record, warning(schedule, record, now or queries.utc_now()))

    def run_if_due(self, user: SessionUser, now: dt.datetime | None = None) -> BackupStatus | None:
        """A copy when one is due (any logged-in account: an admin turned it on); None when not."""
        if files.sqlite_file(self._database.url) is None:
            return None
        moment = now or queries.utc_now()
        first = self.status(moment)  # read first: most checks find nothing due, and take no write lock
        if not is_due(first.schedule, first.record, moment):
            return None
        with self._database.writing() as session:  # due: claimed, if still due once the lock is ours
            audit.authorise(session, user, Permission.VIEW)
            row = session.get(DailyBackupRow, SINGLE_ROW_ID)
            schedule = _schedule(row)
            if row is None or not is_due(schedule, _record(row), moment):
                return None
            row.last_attempt_at = moment  # claimed: another computer checking now finds it under way
        return self._run(user, schedule, moment, Permission.VIEW, "daily backup")

    def run_now(self, user: SessionUser, now: dt.datetime | None = None) -> BackupStatus:
        """An admin's copy into the chosen folder, due or not (File > Back up now)."""
        _database_file(self._database)
        moment = now or queries.utc_now()
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.BACKUP)
            row = _row(session)
            schedule = _schedule(row)
            if not schedule.folder:
                raise ClinicError(
                    "no backup folder is chosen yet: choose one in Settings > Backups, then back up again"
                )
            row.last_attempt_at = moment
        return self._run(user, schedule, moment, Permission.BACKUP, "Back up now")

    def _run(
        self, user: SessionUser, schedule: BackupSchedule, now: dt.datetime, permission: Permission, how: str
    ) -> BackupStatus:
        assert schedule.folder is not None
        folder = Path(schedule.folder)
        try:
            _check_folder(folder, _database_file(self._database))
            name = file_name(now, _names_in(folder))
            try:
                back_up(
                    self._database, user, str(folder / name), permission=permission, detail=f"{how}: {name}"
                )
            except (ClinicError, OSError) as error:
                raise _failure(error, folder, _database_file(self._database)) from None
        except BackupFailed as failed:
            self._record_failure(user, failed, now)
            log.warning("the %s failed: %s", how, failed.kind)
            return self.status(now)
        with self._database.writing() as session:
            row = _row(session)
            row.last_good_at, row.last_good_file = now, name
        removed = _rotate(folder, schedule.keep, name, now)
        status = self.status(now)
        return BackupStatus(status.schedule, status.record, status.warning, name, removed)

    def _record_failure(self, user: SessionUser, failed: BackupFailed, now: dt.datetime) -> None:
        with self._database.writing() as session:
            row = _row(session)
            row.last_failure_at, row.last_failure_kind = now, failed.kind.value
            row.last_failure_message = str(failed)[:1000]
            audit.append(session, AuditAction.DATABASE_BACKUP_FAILED, user.username, detail=failed.kind.value)


# ---- the folder ----------------------------------------------------------------------------------


def _database_file(database: Database) -> Path:
    path = files.sqlite_file(database.url)
    if path is None:
        raise ClinicError(SERVER_TOOLS)
    return path


def _check_folder(folder: Path, database: Path) -> None:
    """Before writing: the folder is there, writable, with room for the copy."""
    if not folder.is_dir():
        raise _missing(folder)
    if not os.access(folder, os.W_OK):
        raise _not_writable(folder)
    needed = _needed_bytes(database)
    if _free_bytes(folder) < needed:
        raise _full(folder, needed)


def _failure(error: ClinicError | OSError, folder: Path, database: Path) -> BackupFailed:
    """Why a copy failed, from the folder as it is now (a drive unplugged midway is missing)."""
    if not folder.is_dir():
        return _missing(folder)
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return _full(folder, _needed_bytes(database))
    if _free_bytes(folder) < _needed_bytes(database):
        return _full(folder, _needed_bytes(database))
    if not os.access(folder, os.W_OK):
        return _not_writable(folder)
    if isinstance(error, OSError):  # its text could name a file; its reason is enough
        return BackupFailed(FailureKind.FAILED, f"cannot write into {folder}: {error.strerror}")
    return BackupFailed(FailureKind.FAILED, str(error))


def _missing(folder: Path) -> BackupFailed:
    return BackupFailed(
        FailureKind.FOLDER_MISSING,
        f"the backup folder {folder} cannot be found (a USB drive unplugged, or the folder moved)",
    )


def _not_writable(folder: Path) -> BackupFailed:
    return BackupFailed(
        FailureKind.NOT_WRITABLE, f"the backup folder {folder} cannot be written by this user"
    )


def _full(folder: Path, needed: int) -> BackupFailed:
    return BackupFailed(
        FailureKind.DISK_FULL,
        f"the disk holding the backup folder {folder} is full (a copy needs {needed // 1_000_000 + 1} MB)",
    )


def _needed_bytes(database: Path) -> int:
    size = 0
    for path in (database, files.companion(database, "-wal")):
        with contextlib.suppress(OSError):
            size += path.stat().st_size
    return int(size * SPACE_MARGIN) + SPACE_EXTRA_BYTES


def _free_bytes(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def _names_in(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _rotate(folder: Path, keep: int, made: str, now: dt.datetime) -> tuple[str, ...]:
    """Remove the copies beyond the newest `keep` (never the one just made) and killed copies'
    temporary files; a file that cannot be removed is left, and logged by its name alone."""
    names = _names_in(folder)
    removed = []
    for name in to_remove(names, keep, protected=[made]):
        try:
            (folder / name).unlink()
            slots_path(folder / name).unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove the old backup %s: %s", name, error.strerror)
        else:
            removed.append(name)
    for name in names:
        if name.startswith(TEMPORARY_PREFIX) and name.endswith(TEMPORARY_SUFFIX):
            _remove_if_abandoned(folder / name, now)
    return tuple(removed)


def _remove_if_abandoned(path: Path, now: dt.datetime) -> None:
    with contextlib.suppress(OSError):
        if now.timestamp() - path.stat().st_mtime > ABANDONED_AFTER.total_seconds():
            path.unlink()


# ---- the row -------------------------------------------------------------------------------------


def _row(session: Session) -> DailyBackupRow:
    row = session.get(DailyBackupRow, SINGLE_ROW_ID)
    if row is None:
        row = DailyBackupRow(id=SINGLE_ROW_ID, enabled=False, keep=BackupSchedule().keep)
        session.add(row)
    return row


def _schedule(row: DailyBackupRow | None) -> BackupSchedule:
    if row is None:
        return BackupSchedule()
    return BackupSchedule(row.enabled, row.folder, row.keep)


def _record(row: DailyBackupRow | None) -> BackupRecord:
    if row is None:
        return BackupRecord()
    kind = row.last_failure_kind
    return BackupRecord(
        last_attempt_at=row.last_attempt_at,
        last_good_at=row.last_good_at,
        last_good_file=row.last_good_file,
        last_failure_at=row.last_failure_at,
        last_failure_kind=FailureKind(kind)
        if kind in set(FailureKind)
        else (FailureKind.FAILED if kind else None),
        last_failure_message=row.last_failure_message,
    )
