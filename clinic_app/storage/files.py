"""The SQLite file on disk: private permissions and backup copies.

The file holds patient data, so it and everything SQLite puts beside it are
readable by the user alone (0600, in a 0700 folder).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

from sqlalchemy.engine import URL

from clinic_app.storage import sqlite_copy
from clinic_app.storage.faults import StorageFault

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
    if path.is_dir():
        raise StorageFault(
            f"{path} is a folder, not a database file; point CLINIC_APP_DATABASE_URL at a file "
            "(sqlite:////path/to/clinic.db), or move the folder away"
        )
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True)
        if not path.exists():
            create_private_file(path)
    except OSError as error:
        raise StorageFault(
            f"cannot create the database at {path}: {error.strerror}; choose a folder your user may "
            "write to (CLINIC_APP_DATABASE_URL), or ask your IT contact"
        ) from None
    if read_only(path):
        return  # nothing can be changed there, permissions included
    for candidate in (path, *(companion(path, suffix) for suffix in SQLITE_COMPANIONS)):
        if candidate.exists():
            _restrict(candidate)


def companion(path: Path, suffix: str) -> Path:
    """A file SQLite keeps beside the database (-wal, -shm, -journal)."""
    return path.with_name(path.name + suffix)


def read_only(path: Path) -> bool:
    """Whether the database file, or the folder it needs for its journal, may not be written."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


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
PARTIAL_SUFFIX = ".partial"  # a backup being written: never part of the rotation
# Room a backup needs beyond the database's own size (SQLite's pages, the file system's blocks).
BACKUP_SPACE_MARGIN = 1.1
BACKUP_SPACE_EXTRA = 1024 * 1024


def backup_sqlite_file(path: Path, key: bytes | None = None) -> Path:
    """A verified copy of the database, WAL content included, as a timestamped private file beside it.

    Free space is checked first; the copy is written under a `.partial` name and takes its own name
    only once opened, integrity-checked and counted, so the rotation (the newest KEPT_BACKUPS) holds
    verified copies alone and never loses the one just made. With the key of an encrypted database,
    the copy is encrypted under it (and opens with the database's key slots and recovery key).
    """
    _require_space_for_copy(path)
    _remove_partial_backups(path)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    create_private_file(partial)
    try:
        counts = sqlite_copy.copy_database(path, partial, key)
        sqlite_copy.verify_copy(partial, counts, key)
        os.replace(partial, target)
        sqlite_copy.sync_folder(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _prune_backups(path, keep=target)
    return target


def _require_space_for_copy(path: Path) -> None:
    size = sum(p.stat().st_size for p in (path, companion(path, "-wal")) if p.exists())
    needed = int(size * BACKUP_SPACE_MARGIN) + BACKUP_SPACE_EXTRA
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise StorageFault(
            f"not enough free space beside {path} for the copy taken before the upgrade: it needs "
            f"about {_megabytes(needed)}, and the disk has {_megabytes(free)} free. Free some space and "
            "try again; the database was not changed"
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _remove_partial_backups(path: Path) -> None:
    # Left by an upgrade that was stopped while copying: never verified, so of no use.
    for partial in path.parent.glob(f"{path.stem}.backup-*{path.suffix}{PARTIAL_SUFFIX}"):
        try:
            partial.unlink()
        except OSError as error:
            log.warning("could not remove an unfinished backup: %s", error.strerror)


def _prune_backups(path: Path, keep: Path) -> None:
    # The timestamp in the name sorts oldest first; the copy just made stays whatever the names say.
    backups = sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"))
    for old in backups[:-KEPT_BACKUPS]:
        if old == keep:
            continue
        try:
            old.unlink()
        except OSError as error:
            log.warning("could not remove an old backup: %s", error.strerror)


def upgrade_backups(path: Path) -> list[Path]:
    """The copies taken before upgrades, beside the database (verified or partial)."""
    return sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}*"))
