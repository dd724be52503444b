"""Storage faults in plain words: what went wrong with the database, and what to do about it.

The drivers' own messages name SQLite result codes and PostgreSQL internals; a therapist needs to
know whether to wait, free disk space, restore a backup or call whoever runs the server. Every
message here says which, and none quotes the driver (whose text may hold SQL parameters).
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from clinic_app.errors import ClinicError

RESTORE_HINT = "restore your latest backup with `clinic restore BACKUP_FILE --replace`"
NEARLY_FULL_BYTES = 1_000_000  # less free than this, and a failed write is taken for a full disk
POSTGRES_EXTRA_HINT = "pip install 'clinic-app[postgres]' (README, PostgreSQL)"


class StorageFault(ClinicError):
    """The database cannot be used as it is; the message says what to do (exit status 1)."""


class DatabaseBusy(StorageFault):
    """Another program holds the database's write lock longer than we wait."""

    def __init__(self) -> None:
        super().__init__("the database is busy with another save; wait a moment and try again")


def plain_fault(error: BaseException, location: str) -> StorageFault | None:
    """The fault behind a driver error, in plain words; None for anything else (a bug, a constraint)."""
    cause = getattr(error, "orig", None) or error
    text = str(cause).lower()
    if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
        return disk_full(location)
    for markers, make in _SQLITE_FAULTS:
        if any(marker in text for marker in markers):
            return make(location)
    return _postgres_fault(cause, text, location)


def disk_full(location: str) -> StorageFault:
    return StorageFault(
        f"the disk holding the database at {location} is full, so nothing was saved; "
        "free some space on it and try again"
    )


def _busy(_location: str) -> StorageFault:
    return DatabaseBusy()


def _damaged(location: str) -> StorageFault:
    return StorageFault(
        f"the database file {location} is damaged or is not a Clinic App database; nothing was changed. "
        f"Keep the file for your IT contact, and {RESTORE_HINT}"
    )


def read_only(location: str) -> StorageFault:
    return StorageFault(
        f"the database at {location} cannot be written (its file or folder is read-only), so nothing "
        "was saved; make the folder writable for your user, or ask your IT contact"
    )


def _cannot_open(location: str) -> StorageFault:
    return StorageFault(
        f"the database file {location} cannot be opened: check that its folder exists and that your "
        "user may read and write it"
    )


def _io_error(location: str) -> StorageFault:
    # SQLite reports a write into a full disk as an I/O error at some places (its WAL index):
    # a disk with next to no room left is the likely cause, and the one to name.
    if _nearly_full(location):
        return disk_full(location)
    return StorageFault(
        f"the disk holding the database at {location} reported a read or write error; nothing more was "
        f"saved. Check the disk (or network share), then try again; if it goes on, {RESTORE_HINT}"
    )


def _nearly_full(location: str) -> bool:
    try:
        return shutil.disk_usage(Path(location).parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False  # not a file, or its folder is gone: nothing to tell


# SQLite's messages (sqlite3 passes them through unchanged), lower case.
_SQLITE_FAULTS = (
    (("database is locked", "database table is locked", "database schema is locked"), _busy),
    (("file is not a database", "disk image is malformed", "file is encrypted"), _damaged),
    (("database or disk is full",), disk_full),
    (("readonly database", "read-only file system"), read_only),
    (("unable to open database file",), _cannot_open),
    (("disk i/o error",), _io_error),
)

# PostgreSQL: SQLSTATE codes where the server sent one, else the connection failure's wording.
_WRONG_LOGIN_STATES = {"28P01", "28000"}
_NO_DATABASE_STATE = "3D000"
_UNREACHABLE_MARKERS = (
    "connection refused",
    "could not connect",
    "timeout expired",
    "no route to host",
    "could not translate host name",
    "name or service not known",
    "network is unreachable",
    "server closed the connection",
    "connection timed out",
)


def _postgres_fault(cause: BaseException, text: str, location: str) -> StorageFault | None:
    state = getattr(cause, "sqlstate", None)
    if (
        state in _WRONG_LOGIN_STATES
        or "password authentication failed" in text
        or ("role" in text and "does not exist" in text)
    ):
        return StorageFault(
            f"the PostgreSQL server at {location} refused the login: check the user name and password "
            "in CLINIC_APP_DATABASE_URL (or the server's pg_hba.conf, with whoever runs it)"
        )
    if state == _NO_DATABASE_STATE or ("database" in text and "does not exist" in text):
        return StorageFault(
            f"the PostgreSQL server has no database named as in {location}: create it "
            "(README, PostgreSQL) or correct CLINIC_APP_DATABASE_URL"
        )
    if any(marker in text for marker in _UNREACHABLE_MARKERS):
        return StorageFault(
            f"cannot reach the PostgreSQL server at {location}: check that the server is running and "
            "that this computer is on its network, then try again"
        )
    return None


def missing_driver(location: str) -> StorageFault:
    return StorageFault(
        f"the PostgreSQL driver (psycopg) is not installed, so {location} cannot be opened: "
        f"{POSTGRES_EXTRA_HINT}"
    )
