"""The daily backup's rules: when one is due, what the clinic is warned about, which copies go.

Plain values in, plain values out (no database, no files, no clock): the storage service
(clinic_app.storage.daily_backups) reads the state, asks here, and acts; the desktop only shows
the warning and schedules the checks.

- Due: turned on, a folder chosen, and the last good backup more than a day old (or none yet);
  after a failed or interrupted attempt, not again for an hour, so an unplugged drive is not
  tried every few minutes all day.
- Warning: turned on, and the last attempt failed (saying why), or the last good backup is more
  than a week old.
- Rotation: the newest `keep` backups stay; the one just made and the last verified one are never
  removed, whatever `keep` says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from clinic_app.errors import InvalidInput, Problem

DEFAULT_KEEP = 14  # two weeks of daily copies (clinic_app.storage.orm.DEFAULT_BACKUPS_KEPT)
MAX_KEEP = 365
DUE_AFTER = dt.timedelta(days=1)
RETRY_AFTER = dt.timedelta(hours=1)
WARN_AFTER = dt.timedelta(days=7)
MAX_FOLDER_LENGTH = 1000

FILE_PREFIX = "clinic-backup-"
FILE_SUFFIX = ".db"
_STAMP_FORMAT = "%Y-%m-%dT%H%M%SZ"
_FILE_NAME = re.compile(r"^clinic-backup-(\d{4}-\d{2}-\d{2}T\d{6}Z)(?:-(\d+))?\.db$")


class FailureKind(StrEnum):
    """Why a backup failed, in the words the desktop shows (never the driver's)."""

    FOLDER_MISSING = "folder_missing"  # not there: an unplugged USB drive, a renamed folder
    NOT_WRITABLE = "not_writable"  # there, but this user may not write into it
    DISK_FULL = "disk_full"  # too little room for the copy
    FAILED = "failed"  # written but not verified, or a read/write error: the message says which


@dataclass(frozen=True, slots=True)
class BackupSchedule:
    """The clinic's setting (admins): on or off, into which folder, how many copies to keep."""

    enabled: bool = False
    folder: str | None = None
    keep: int = DEFAULT_KEEP

    def problems(self) -> list[Problem]:
        """What is wrong with it, by field (backups.folder, backups.keep)."""
        found = []
        folder = (self.folder or "").strip()
        if self.enabled and not folder:
            found.append(Problem("backups.folder", "choose the folder the daily backup is written to"))
        if len(folder) > MAX_FOLDER_LENGTH:
            found.append(Problem("backups.folder", f"at most {MAX_FOLDER_LENGTH} characters"))
        if "\x00" in folder:
            found.append(Problem("backups.folder", "a folder name cannot hold a NUL character"))
        if not 1 <= self.keep <= MAX_KEEP:
            found.append(Problem("backups.keep", f"from 1 to {MAX_KEEP} backups, got {self.keep}"))
        return found

    def checked(self) -> BackupSchedule:
        """Itself with the folder trimmed (None when blank), or InvalidInput naming each problem."""
        problems = self.problems()
        if problems:
            raise InvalidInput(problems)
        folder = (self.folder or "").strip() or None
        return BackupSchedule(self.enabled, folder, self.keep)


@dataclass(frozen=True, slots=True)
class BackupRecord:
    """How the backups have gone so far (all times UTC)."""

    last_attempt_at: dt.datetime | None = None  # when the last one started (or was claimed)
    last_good_at: dt.datetime | None = None  # the last verified copy
    last_good_file: str | None = None  # its name in the folder
    last_failure_at: dt.datetime | None = None
    last_failure_kind: FailureKind | None = None
    last_failure_message: str | None = None  # plain words, a folder name at most; never patient data

    @property
    def last_failed(self) -> bool:
        """Whether the latest outcome is a failure (one after the last good copy)."""
        if self.last_failure_at is None:
            return False
        return self.last_good_at is None or self.last_failure_at > self.last_good_at


@dataclass(frozen=True, slots=True)
class BackupWarning:
    """What the desktop tells every user until a backup succeeds."""

    failure: FailureKind | None  # the last attempt failed, and why; None: only too old
    folder: str | None
    days_since_good: int | None  # None: no good backup yet
    message: str | None = None  # the failure's plain message (FAILED)


def is_due(schedule: BackupSchedule, record: BackupRecord, now: dt.datetime) -> bool:
    if not schedule.enabled or not schedule.folder:
        return False
    if record.last_good_at is not None and now - record.last_good_at < DUE_AFTER:
        return False
    # An attempt after the last good one (failed, killed, or under way on another computer).
    attempted = record.last_attempt_at
    return not (
        attempted is not None
        and (record.last_good_at is None or attempted > record.last_good_at)
        and now - attempted < RETRY_AFTER
    )


def warning(schedule: BackupSchedule, record: BackupRecord, now: dt.datetime) -> BackupWarning | None:
    if not schedule.enabled:
        return None
    days = None if record.last_good_at is None else (now - record.last_good_at).days
    if record.last_failed:
        return BackupWarning(record.last_failure_kind, schedule.folder, days, record.last_failure_message)
    if record.last_good_at is not None and now - record.last_good_at > WARN_AFTER:
        return BackupWarning(None, schedule.folder, days)
    return None


def file_name(moment: dt.datetime, taken: Iterable[str] = ()) -> str:
    """The new backup's name, its time in UTC (sorts in time order); never one already there."""
    stem = FILE_PREFIX + moment.astimezone(dt.UTC).strftime(_STAMP_FORMAT)
    names = set(taken)
    name, number = stem + FILE_SUFFIX, 1
    while name in names:
        number += 1
        name = f"{stem}-{number}{FILE_SUFFIX}"
    return name


def backup_names(names: Iterable[str]) -> list[str]:
    """The daily backups among a folder's file names, the newest first (other files are not ours)."""
    ours = [(_sort_key(name), name) for name in names if _FILE_NAME.match(name)]
    return [name for _key, name in sorted(ours, reverse=True)]


def to_remove(names: Iterable[str], keep: int, protected: Iterable[str | None]) -> list[str]:
    """The daily backups beyond the newest `keep`, never a protected one (the one just made, the
    last verified one); the oldest last."""
    kept_names = {name for name in protected if name}
    return [name for name in backup_names(names)[max(keep, 1) :] if name not in kept_names]


def _sort_key(name: str) -> tuple[str, int]:
    match = _FILE_NAME.match(name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)
