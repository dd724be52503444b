"""The daily backup's rules, without a database: when one is due, what is warned about, what goes."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.backup_policy import (
    DEFAULT_KEEP,
    BackupRecord,
    BackupSchedule,
    FailureKind,
    backup_names,
    file_name,
    is_due,
    to_remove,
    warning,
)
from clinic_app.errors import InvalidInput

NOW = dt.datetime(2026, 11, 29, 13, 0, tzinfo=dt.UTC)
ON = BackupSchedule(enabled=True, folder="/media/usb/backups")
HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


def good(ago: dt.timedelta) -> BackupRecord:
    return BackupRecord(last_attempt_at=NOW - ago, last_good_at=NOW - ago, last_good_file="x.db")


def test_the_default_schedule_is_off_and_keeps_two_weeks() -> None:
    assert BackupSchedule() == BackupSchedule(enabled=False, folder=None, keep=14)
    assert DEFAULT_KEEP == 14


@pytest.mark.parametrize(
    ("schedule", "record", "due"),
    [
        (ON, BackupRecord(), True),  # turned on, never run
        (ON, good(DAY + HOUR), True),
        (ON, good(DAY - HOUR), False),
        (BackupSchedule(enabled=False, folder="/b"), BackupRecord(), False),
        (BackupSchedule(enabled=True, folder=None), BackupRecord(), False),
        # failed (or killed, or under way elsewhere) 10 minutes ago: not again within the hour
        (ON, BackupRecord(last_attempt_at=NOW - dt.timedelta(minutes=10)), False),
        (ON, BackupRecord(last_attempt_at=NOW - 2 * HOUR), True),
        (
            ON,
            BackupRecord(
                last_attempt_at=NOW - dt.timedelta(minutes=5), last_good_at=NOW - 3 * DAY, last_good_file="a"
            ),
            False,
        ),
    ],
)
def test_when_a_backup_is_due(schedule: BackupSchedule, record: BackupRecord, due: bool) -> None:
    assert is_due(schedule, record, NOW) is due


def test_a_week_old_backup_is_warned_about_with_its_age_and_a_recent_one_is_not() -> None:
    assert warning(ON, good(6 * DAY), NOW) is None
    old = warning(ON, good(9 * DAY + HOUR), NOW)
    assert old is not None
    assert old.failure is None
    assert old.days_since_good == 9
    assert (
        warning(BackupSchedule(folder="/b"), good(30 * DAY), NOW) is None
    )  # turned off: the clinic's choice


def test_a_failed_last_attempt_is_warned_about_until_a_later_one_succeeds() -> None:
    failed = BackupRecord(
        last_attempt_at=NOW - HOUR,
        last_good_at=NOW - 2 * DAY,
        last_good_file="a.db",
        last_failure_at=NOW - HOUR,
        last_failure_kind=FailureKind.FOLDER_MISSING,
        last_failure_message="the backup folder /media/usb/backups cannot be found",
    )
    shown = warning(ON, failed, NOW)
    assert shown is not None
    assert shown.failure is FailureKind.FOLDER_MISSING
    assert shown.days_since_good == 2
    recovered = BackupRecord(
        last_attempt_at=NOW,
        last_good_at=NOW,
        last_good_file="b.db",
        last_failure_at=NOW - HOUR,
        last_failure_kind=FailureKind.FOLDER_MISSING,
    )
    assert warning(ON, recovered, NOW) is None
    never = BackupRecord(last_failure_at=NOW, last_failure_kind=FailureKind.DISK_FULL)
    shown = warning(ON, never, NOW)
    assert shown is not None
    assert shown.failure is FailureKind.DISK_FULL
    assert shown.days_since_good is None


def test_backup_names_sort_by_time_and_never_repeat() -> None:
    first = file_name(NOW)
    assert first == "clinic-backup-2026-11-29T130000Z.db"
    second = file_name(NOW, [first])
    assert second == "clinic-backup-2026-11-29T130000Z-2.db"
    later = file_name(NOW + DAY)
    names = [second, "notes.txt", later, first, "clinic-backup-2026-11-29T130000Z.db.keys", "clinic.db"]
    assert backup_names(names) == [later, second, first]


def test_rotation_keeps_the_newest_and_never_the_protected_copy() -> None:
    names = [file_name(NOW - n * DAY) for n in range(20)] + ["holiday-photos.jpg"]
    removed = to_remove(names, keep=14, protected=[names[0]])
    assert removed == names[14:20]  # the six oldest, nothing that is not a backup
    assert to_remove(names[:5], keep=14, protected=[]) == []
    # keep=1 after a copy: the one just made stays, whatever its place in the order
    newest, just_made = names[0], names[3]
    assert just_made not in to_remove(names, keep=1, protected=[just_made])
    assert newest not in to_remove(names, keep=1, protected=[just_made])
    assert to_remove(names, keep=0, protected=[]) == names[1:20]  # never fewer than one


def test_a_schedule_is_checked_field_by_field() -> None:
    with pytest.raises(InvalidInput) as invalid:
        BackupSchedule(enabled=True, folder="  ", keep=0).checked()
    assert [p.path for p in invalid.value.problems] == ["backups.folder", "backups.keep"]
    assert BackupSchedule(enabled=False, folder=" ", keep=3).checked() == BackupSchedule(False, None, 3)
    assert BackupSchedule(True, " /b ", 400).problems()[0].message == "from 1 to 365 backups, got 400"
