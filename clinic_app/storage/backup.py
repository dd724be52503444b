"""`clinic backup` and `clinic restore`: a whole SQLite database copied out, verified, and put back.

A backup is SQLite's online backup of one read snapshot (consistent while the app writes), written
beside the target and renamed over it only once opened, integrity-checked and counted
(sqlite_copy.py). A restore checks the backup the same way, copies it beside the database, logs in
against the accounts inside it, keeps a verified copy of the database it replaces, and only then
renames it into place. A PostgreSQL database is backed up with the server's own tools.

An encrypted database's backup is encrypted under the same key (the backup API re-encrypts every
page, under the target's key) and carries its key slots as FILE.keys beside it, so it opens with
the same passwords; without FILE.keys, the recovery key opens it (`--recovery-key-file`), and the
restoring admin's password gets a new slot (the other accounts then need `clinic user passwd`).
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
from clinic_app.storage.encrypted import encrypted_engine, is_encrypted_database, is_plaintext_database
from clinic_app.storage.faults import StorageFault
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.recovery_key import RecoveryKey
from clinic_app.storage.sqlite_copy import Counts

SERVER_TOOLS = (
    "a PostgreSQL database is backed up and restored with the server's own tools (pg_dump and "
    "pg_restore, or the server's snapshots; README, PostgreSQL)"
)

LogIn = Callable[[Database], SessionUser]


@dataclass(frozen=True, slots=True)
class BackupKey:
    """The key that opens an encrypted backup, and how the restored database gets its key slots."""

    key: bytes
    slots: Path | None  # the backup's own FILE.keys, restored with it; None: a new slot is made
    password: str  # the restoring account's: its slot when the backup's slots are missing


@dataclass(frozen=True, slots=True)
class Restored:
    counts: Counts
    replaced_copy: Path | None  # where the database it replaced was kept


def back_up(
    database: Database,
    user: SessionUser,
    target: str,
    *,
    permission: Permission = Permission.BACKUP,
    detail: str | None = None,
) -> Counts:
    """Write a verified copy of the whole database to target; the rows it holds.

    permission: an admin's by default; the desktop's daily backup, which an admin turned on, runs in
    whoever's session is open (clinic_app.storage.daily_backups). detail: for the audit entry.
    """
    source = database_file(database.url)
    with database.recording() as session:
        audit.authorise(session, user, permission)
        audit.append(session, AuditAction.DATABASE_BACKUP, user.username, detail=detail)
    # The entry is committed first, so the backup holds the record of its own making.
    with replacing_path(target) as temporary:
        counts = sqlite_copy.copy_database(source, Path(temporary), database.key)
        sqlite_copy.verify_copy(Path(temporary), counts, database.key)
        if database.key is not None:  # the slots first: a backup never appears without them
            _copy_file(slots_path(source), str(slots_path(Path(target))))
    return counts


def _copy_file(source: Path, target: str) -> None:
    with replacing_path(target) as temporary:
        shutil.copyfile(source, temporary)


def is_encrypted_backup(backup: Path) -> bool:
    """An encrypted backup (no plaintext SQLite header); a plaintext one comes from before encryption."""
    return backup.is_file() and not is_plaintext_database(backup)


def restore(
    backup: Path, url: URL, log_in: LogIn, *, replace: bool, key: BackupKey | None = None
) -> Restored:
    """Put a backup in place of the database at url (none yet, or replace); see the module's doc.

    key: for an encrypted backup, its key (from FILE.keys and the login's password, or the recovery key).
    """
    target = database_file(url)
    raw_key = None if key is None else key.key
    _check_backup(backup, raw_key)
    present = target.exists() and target.stat().st_size > 0
    if present and not replace:
        raise ClinicError(
            f"there is a database at {target} already; to replace it with the backup, run again with "
            "--replace (a copy of it is kept beside it first)"
        )
    staging = target.with_name(f"{target.stem}.restoring-{_stamp()}{target.suffix}")
    files.prepare_private_file(staging)
    try:
        counts = sqlite_copy.copy_database(backup, staging, raw_key)
        sqlite_copy.verify_copy(staging, counts, raw_key)
        user = _log_in_to(staging, log_in, raw_key)
        if key is not None:
            _stage_slots(key, staging, user)
        replaced = _keep_replaced(target) if present else None
        os.replace(staging, target)
        if key is not None:
            os.replace(slots_path(staging), slots_path(target))
        else:
            slots_path(target).unlink(missing_ok=True)  # a plaintext backup in place of an encrypted one
        sqlite_copy.sync_folder(target.parent)
    except BaseException:
        for leftover in (
            staging,
            slots_path(staging),
            *(files.companion(staging, s) for s in files.SQLITE_COMPANIONS),
        ):
            leftover.unlink(missing_ok=True)
        raise
    return Restored(counts, replaced)


def _stage_slots(key: BackupKey, staging: Path, user: SessionUser) -> None:
    """The restored database's key slots: the backup's own (checked against the key), or a new file
    with the restoring admin's slot when they were lost (recovery key)."""
    if key.slots is not None:
        KeySlots.load(key.slots).unlock_with_recovery(RecoveryKey.from_database_key(key.key))  # seal checked
        shutil.copyfile(key.slots, slots_path(staging))
        os.chmod(slots_path(staging), files.PRIVATE_FILE_MODE)
    else:
        KeySlots.create_for_key(slots_path(staging), key.key, user.username, key.password)


def database_file(url: URL) -> Path:
    """The SQLite file to copy; for a server's database, a message naming the server's tools."""
    path = files.sqlite_file(url)
    if path is None:
        raise ClinicError(
            SERVER_TOOLS if url.get_backend_name() != "sqlite" else "this database is not a file"
        )
    return path


def check_readable(backup: Path) -> None:
    if not backup.is_file():
        raise ClinicError(
            f"cannot read {backup}: " + ("it is a folder" if backup.is_dir() else "no such file")
        )


def _check_backup(backup: Path, key: bytes | None) -> None:
    check_readable(backup)
    if key is None and not is_plaintext_database(backup):
        raise StorageFault(
            f"{backup} is encrypted, or is not a Clinic App backup; restore it with its key file "
            f"{slots_path(backup).name} beside it, or with --recovery-key-file"
        )
    revision = sqlite_copy.revision_of(backup, key)
    if revision is None:
        raise StorageFault(f"{backup} is not a Clinic App backup (it has no schema version)")
    sqlite_copy.verify_copy(backup, key=key)
    if revision not in schema.known_revisions():
        raise StorageFault(
            f"{backup} was made by a newer Clinic App (schema revision {revision}); update Clinic App to restore it"
        )


def _log_in_to(staging: Path, log_in: LogIn, key: bytes | None) -> SessionUser:
    """Bring the copy to the current schema, and log in against its accounts (recorded in it)."""
    url = URL.create("sqlite+pysqlite", database=str(staging))
    engine = create_database_engine(url) if key is None else encrypted_engine(staging, key)
    database = Database(engine, url, key)
    try:
        database.upgrade(backup=False)  # the backup itself is the copy from before
        user = log_in(database)
        with database.writing() as session:
            audit.authorise(session, user, Permission.BACKUP)
            audit.append(session, AuditAction.DATABASE_RESTORE, user.username)
        return user
    finally:
        database.dispose()  # the last connection: SQLite folds its -wal file back in


def _keep_replaced(target: Path) -> Path:
    """A copy of the database about to be replaced, beside it: verified, or as it is when damaged.

    Afterwards nothing of it is left beside it (-wal, -shm): SQLite would read them as the new one's.
    """
    kept = target.with_name(f"{target.stem}.before-restore-{_stamp()}{target.suffix}")
    files.create_private_file(kept)
    if is_encrypted_database(target):
        return _keep_replaced_encrypted(target, kept)
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


def _keep_replaced_encrypted(target: Path, kept: Path) -> Path:
    """An encrypted database is kept as its bytes and its key slots (whoever restores may hold no
    slot of it): closed everywhere first, so that its file alone is the whole database."""
    if files.companion(target, "-wal").exists():
        kept.unlink()
        raise ClinicError(
            f"the database at {target} is open in another program (Clinic App on this or another "
            "computer?), or was not closed cleanly; close it everywhere (or open and close Clinic App "
            "once) and run the restore again"
        )
    shutil.copyfile(target, kept)
    shutil.copyfile(slots_path(target), slots_path(kept))
    os.chmod(slots_path(kept), files.PRIVATE_FILE_MODE)
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
