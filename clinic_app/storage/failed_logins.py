"""Failed logins of an encrypted database, kept in a small plain file beside it until the next login.

A wrong password cannot open an encrypted database, so neither the contract's lockout (5 failures in
a row lock the account for 5 minutes) nor its `login_failed` audit entries can be written there. This
file (`clinic.db.failed-logins`, JSON, private) holds both meanwhile:

- `accounts`: per user name (folded as user names are), the failures in a row and the lock's end;
  the lock is decided here, before any key derivation, whatever the database says.
- `pending`: each failure (time, user name as typed, what failed), moved into the audit trail, in
  order and with its own time, by the next login that opens the database; then removed from here.

Nothing here is patient data: user names, times and the words "wrong password". The file is rewritten
whole under an exclusive lock (flock on POSIX; on Windows msvcrt.locking on one byte far past
the content, since a Windows lock also blocks reading the bytes it covers), so two failed logins at
once both count.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.accounts import username_key

SUFFIX = ".failed-logins"
LOCK_AFTER_FAILURES = 5  # as clinic_app.storage.accounts
LOCK_DURATION = dt.timedelta(minutes=5)
MAX_PENDING = 10_000  # a flood of guesses must not grow the file without bound
PRIVATE_FILE_MODE = 0o600
# Windows: the byte locked, far past anything the file holds (a lock beyond the end is allowed).
WINDOWS_LOCK_OFFSET = 2**31 - 2


def failed_logins_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


@dataclass(frozen=True, slots=True)
class FailedLogin:
    at: dt.datetime
    username: str
    detail: str


class FailedLogins:
    def __init__(self, path: Path) -> None:
        self.path = path

    def locked_until(self, username: str, now: dt.datetime) -> dt.datetime | None:
        state = _read(self.path).get("accounts", {}).get(username_key(username), {})
        until = _time(state.get("locked_until"))
        return until if until is not None and until > now else None

    def locks(self, now: dt.datetime) -> dict[str, dt.datetime]:
        """The accounts locked now (user names folded), with the end of each lock."""
        found = {}
        for key, state in _read(self.path).get("accounts", {}).items():
            until = _time(state.get("locked_until")) if isinstance(state, dict) else None
            if until is not None and until > now:
                found[str(key)] = until
        return found

    def record(self, username: str, detail: str, now: dt.datetime, *, counts: bool = True) -> bool:
        """Note a failure; True when it locks the account (its detail then says so)."""
        with self._changing() as document:
            locks = False
            if counts:
                accounts = document.setdefault("accounts", {})
                state = accounts.setdefault(username_key(username), {"failures": 0, "locked_until": None})
                state["failures"] = int(state.get("failures", 0)) + 1
                if state["failures"] >= LOCK_AFTER_FAILURES:
                    state["failures"] = 0
                    state["locked_until"] = _iso(now + LOCK_DURATION)
                    detail += f"; locked for {int(LOCK_DURATION.total_seconds() // 60)} minutes"
                    locks = True
            pending = document.setdefault("pending", [])
            if len(pending) < MAX_PENDING:
                pending.append({"at": _iso(now), "username": username[:100], "detail": detail})
        return locks

    def reset(self, username: str) -> None:
        """A login that succeeded, or an admin's new password or enabling: the count starts again."""
        if not self.path.exists():
            return
        with self._changing() as document:
            document.get("accounts", {}).pop(username_key(username), None)

    def pending(self) -> list[FailedLogin]:
        return [
            FailedLogin(
                _time(item["at"]) or dt.datetime.now(dt.UTC), str(item["username"]), str(item["detail"])
            )
            for item in _read(self.path).get("pending", [])
        ]

    def forget_pending(self, count: int) -> None:
        """The first count entries are in the audit trail now (later ones may have come meanwhile)."""
        with self._changing() as document:
            document["pending"] = document.get("pending", [])[count:]

    @contextlib.contextmanager
    def _changing(self) -> Iterator[dict[str, Any]]:
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        try:
            _lock(descriptor)
            try:
                document = _read(self.path)
                yield document
                data = json.dumps(document, indent=1).encode("utf-8")
                os.lseek(descriptor, 0, os.SEEK_SET)
                os.ftruncate(descriptor, 0)
                os.write(descriptor, data)
                os.fsync(descriptor)
            finally:
                _unlock(descriptor)
        finally:
            os.close(descriptor)


def _lock(descriptor: int) -> None:
    """Wait for the file's exclusive lock, as long as another login holds it (milliseconds)."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(descriptor, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)  # itself retries for 10 s, then raises
                return
            except OSError as error:
                if error.errno not in (errno.EDEADLOCK, errno.EACCES):  # not the lock's "still held"
                    raise
                time.sleep(0.05)
    else:
        import fcntl

        fcntl.flock(descriptor, fcntl.LOCK_EX)


def _unlock(descriptor: int) -> None:
    # POSIX: closing the descriptor releases the flock. Windows says a closed file's locks go "when
    # resources allow": released here at once, so the next login does not wait for them.
    if sys.platform == "win32":
        import msvcrt

        os.lseek(descriptor, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)


def _read(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_bytes() or b"{}")
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # damaged: start again (nothing in it is needed to open the data)
    return document if isinstance(document, dict) else {}


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _time(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
