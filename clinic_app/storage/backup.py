"""`clinic backup` and `clinic restore`: a whole SQLite database copied out, verified, and put back.

A backup is SQLite's online backup of one read snapshot (consistent while the app writes), written
beside the target and renamed over it only once opened, integrity-checked and counted
(sqlite_copy.py). A restore checks the backup the same way, copies it beside the database, logs in
against the accounts inside it, keeps a verified copy of the database it replaces, and only then
renames it into place. A PostgreSQL database is backed up with the server's own tools.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from clinic_app.accounts import Permission, SessionUser
from clinic_app.errors import ClinicError
from clinic_app.output_file import replacing_path
from clinic_app.storage import audit, files, schema, sqlite_copy
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database, create_database_engine
from clinic_app.storage.faults import StorageFault
from clinic_app.storage.sqlite_copy import Counts

SERVER_TOOLS = (
    "a PostgreSQL database is backed up and restored with the server's own tools (pg_dump and "
    "pg_restore, or the server's snapshots; README, PostgreSQL)"
)

LogIn = Callable[[Database], SessionUser]


@dataclass(frozen=True, slots=True)
class Restored:
    counts: Counts
    replaced_copy: Path | None  # where the database it replaced was kept


def back_up(database: Database, user: SessionUser, target: str) -> Counts:
    """Write a verified copy of the whole database to target (admins); the rows it holds."""
    source = database_file(database.url)
    with database.recording() as session:
        audit.authorise(session, user, Permission.BACKUP)
        audit.append(session, AuditAction.DATABASE_BACKUP, user.username)
    # The entry is committed first, so the backup holds the record of its own making.
    with replacing_path(target) as temporary:
        counts = sqlite_copy.copy_database(source, Path(temporary))
        sqlite_copy.verify_copy(Path(temporary), counts)
    return counts


def restore(backup: Path, url: URL, log_in: LogIn, *, replace: bool) -> Restored:
    """Put a backup in place of the database at url (none yet, or replace); see the module's doc."""
    target = database_file(url)
    _check_backup(backup)
    present = target.exists() and target.stat().st_size > 0
    if present and not replace:
        raise ClinicError(
            f"there is a database at {target} already; to replace it with the backup, run again with "
            "--replace (a copy of it is kept beside it first)"
        )
    staging = target.with_name(f"{target.stem}.restoring-{_stamp()}{target.suffix}")
    files.prepare_private_file(staging)
    try:
        counts = sqlite_copy.copy_database(backup, staging)
        sqlite_copy.verify_copy(staging, counts)
        _log_in_to(staging, log_in)
        replaced = _keep_replaced(target) if present else None
        os.replace(staging, target)
        sqlite_copy.sync_folder(target.parent)
    except BaseException:
        for leftover in (staging, *(files.companion(staging, s) for s in files.SQLITE_COMPANIONS)):
            leftover.unlink(missing_ok=True)
        raise
    return Restored(counts, replaced)


def database_file(url: URL) -> Path:
    """The SQLite file to copy; for a server's database, a message naming the server's tools."""
    path = files.sqlite_file(url)
    if path is None:
        raise ClinicError(
            SERVER_TOOLS if url.get_backend_name() != "sqlite" else "this database is not a file"
        )
    return path


def _check_backup(backup: Path) -> None:
    if not backup.is_file():
        raise ClinicError(
            f"cannot read {backup}: " + ("it is a folder" if backup.is_dir() else "no such file")
        )
    revision = sqlite_copy.revision_of(backup)
    if revision is None:
        raise StorageFault(f"{backup} is not a Clinic App backup (it has no schema version)")
    sqlite_copy.verify_copy(backup)
    if revision not in schema.known_revisions():
        raise StorageFault(
            f"{backup} was made by a newer Clinic App (schema revision {revision}); update Clinic App to restore it"
        )


def _log_in_to(staging: Path, log_in: LogIn) -> None:
    """Bring the copy to the current schema, and log in against its accounts (recorded in it)."""
    url = URL.create("sqlite+pysqlite", database=str(staging))
    database = Database(create_database_engine(url), url)
    try:
        database.upgrade(backup=False)  # the backup itself is the copy from before
        user = log_in(database)
        with database.writing() as session:
            audit.authorise(session, user, Permission.BACKUP)
            audit.append(session, AuditAction.DATABASE_RESTORE, user.username)
    finally:
        database.dispose()  # the last connection: SQLite folds its -wal file back in


def _keep_replaced(target: Path) -> Path:
    """A copy of the database about to be replaced, beside it: verified, or as it is when damaged.

    Afterwards nothing of it is left beside it (-wal, -shm): SQLite would read them as the new one's.
    """
    kept = target.with_name(f"{target.stem}.before-restore-{_stamp()}{target.suffix}")
    files.create_private_file(kept)
    try:
        counts = sqlite_copy.copy_database(target, kept)
        sqlite_copy.verify_copy(kept, counts)
    except StorageFault:  # damaged: keep its bytes as they are, for whoever may mend it
        shutil.copyfile(target, kept)
        wal = files.companion(target, "-wal")
        if wal.exists():
            shutil.copyfile(wal, files.companion(kept, "-wal"))
    else:
        _require_closed_everywhere(target)
    for companion in (files.companion(target, suffix) for suffix in files.SQLITE_COMPANIONS):
        companion.unlink(missing_ok=True)
    return kept


def _require_closed_everywhere(target: Path) -> None:
    # A program with the database open would go on writing to the file that is replaced: its saves
    # would be lost. SQLite removes the -wal file when the last connection closes.
    with closing(sqlite_copy.connect(target)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if files.companion(target, "-wal").exists():
        raise ClinicError(
            f"the database at {target} is open in another program (Clinic App on this or another "
            "computer?); close it everywhere and run the restore again"
        )


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
