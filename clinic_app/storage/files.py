"""The SQLite file on disk: private permissions and backup copies.

The file holds patient data, so it and everything SQLite puts beside it are
readable by the user alone (0600, in a 0700 folder).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")  # files SQLite keeps next to the database


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL; None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or url.query.get("mode") == "memory":
        return None
    return Path(database)


def prepare_private_file(path: Path) -> None:
    """Create the database file (and missing folders) before SQLite does, so it never exists with looser rights."""
    if not path.parent.exists():
        path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True)
    if not path.exists():
        create_private_file(path)
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS)):
        if candidate.exists():
            _restrict(candidate)


def create_private_file(path: Path) -> None:
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(descriptor)
    _restrict(path)  # a strict umask may have taken the owner's own write bit


def _restrict(path: Path) -> None:
    try:
        path.chmod(PRIVATE_FILE_MODE)
    except OSError as error:  # e.g. a file owned by someone else: SQLite will say what it can do with it
        log.warning("could not make %s private: %s", path, error.strerror)


KEPT_BACKUPS = 5  # one per upgrade: enough to step back a few releases, not a disk filling up


def backup_sqlite_file(path: Path) -> Path:
    """Copy the database, WAL content included, to a timestamped private file beside it.

    Only the newest KEPT_BACKUPS copies are kept.
    """
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    create_private_file(target)
    # SQLite's online backup copies a consistent snapshot; copying the file alone would miss the WAL.
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    _prune_backups(path)
    return target


def _prune_backups(path: Path) -> None:
    # The timestamp in the name sorts oldest first.
    backups = sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"))
    for old in backups[:-KEPT_BACKUPS]:
        try:
            old.unlink()
        except OSError as error:
            log.warning("could not remove an old backup: %s", error.strerror)
