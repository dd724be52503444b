"""The failed-logins file is changed under an exclusive lock: flock on POSIX, msvcrt.locking on Windows."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from clinic_app.storage.failed_logins import WINDOWS_LOCK_OFFSET, FailedLogins

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def test_failures_noted_at_once_by_several_logins_all_count(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db.failed-logins"

    def guess(name: str) -> None:
        for _ in range(25):
            FailedLogins(path).record(name, "wrong password", NOW, counts=False)

    threads = [threading.Thread(target=guess, args=(f"user{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(FailedLogins(path).pending()) == 100


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as Windows has it, recording where each call was made; the first lock is busy."""

    LK_LOCK, LK_UNLCK = 1, 0

    def __init__(self, broken: OSError | None = None) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[str, int, int]] = []
        self.busy_once = True
        self.broken = broken

    def locking(self, descriptor: int, mode: int, length: int) -> None:
        where = os.lseek(descriptor, 0, os.SEEK_CUR)
        self.calls.append(("lock" if mode == self.LK_LOCK else "unlock", where, length))
        if self.broken is not None:
            raise self.broken
        if mode == self.LK_LOCK and self.busy_once:
            self.busy_once = False  # another login holds it: Windows gives up after 10 s
            raise OSError(errno.EDEADLOCK, "Resource deadlock avoided")


def test_on_windows_one_byte_past_the_content_is_locked_waited_for_and_unlocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(time, "sleep", lambda _seconds: None)
    path = tmp_path / "clinic.db.failed-logins"

    assert FailedLogins(path).record("sam", "wrong password", NOW) is False
    FailedLogins(path).reset("sam")

    lock, retry, unlock = (
        ("lock", WINDOWS_LOCK_OFFSET, 1),
        ("lock", WINDOWS_LOCK_OFFSET, 1),
        ("unlock", WINDOWS_LOCK_OFFSET, 1),
    )
    assert fake.calls == [lock, retry, unlock, lock, unlock]
    # The content was written from the start of the file, not at the locked byte.
    assert path.stat().st_size < 1000
    assert [f.username for f in FailedLogins(path).pending()] == ["sam"]


def test_on_windows_an_error_that_is_not_the_lock_is_not_waited_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMsvcrt(broken=OSError(errno.EBADF, "Bad file descriptor"))
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(OSError, match="Bad file descriptor"):
        FailedLogins(tmp_path / "f").record("sam", "wrong password", NOW)
