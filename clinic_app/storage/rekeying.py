"""`clinic db rekey`: a new key for an encrypted database, after a verified backup under the old one.

Why: a recovery sheet may have been seen by someone, or a disabled account's password may sit in an
old copy of the key slots; only a new key (and so a new recovery sheet) shuts those out of the
database as it is from now on. Copies made before, the backup taken first included, keep the old
key: they still open with the old passwords and the old recovery key.

How, and why not SQLCipher's `PRAGMA rekey`: rekey rewrites every page in place, in one transaction
whose journal holds pages under the old key while the file gets pages under the new one; SQLCipher
does not support it on a database in WAL mode, and a crash midway has to be recovered by SQLCipher
itself. Instead, as for `clinic backup` and `clinic restore`, the online backup API copies one
snapshot into a new file beside the database, re-encrypting every page under the new key; the copy
is opened, integrity-checked (with every page's HMAC) and counted against the snapshot, and only
then renamed over the database. Other writers are held off (a write lock) from the snapshot to the
rename, and the rekey refuses while another program has the database open.

The key slots: the admin's from their password, every other enabled account's from its stored
password hash (as `clinic db encrypt` does; rewrapped with a fresh salt at its next login), none for
disabled accounts. They are written first to `clinic.db.keys.new`, then the database is renamed into
place, then the slots file: a crash between the two renames leaves the new slots beside a database
they open, and the next login (unlocking.unlock_database) finishes the rename.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import URL

from clinic_app.accounts import Permission, SessionUser, require
from clinic_app.errors import ClinicError
from clinic_app.storage import audit, files, sqlite_copy
from clinic_app.storage.accounts import AccountService
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.backup import back_up
from clinic_app.storage.db import Database, open_database
from clinic_app.storage.encrypted import KEY_BYTES, opens_with
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.orm import UserRow
from clinic_app.storage.recovery_key import RecoveryKey

log = logging.getLogger(__name__)

PENDING_SUFFIX = ".new"


@dataclass(frozen=True, slots=True)
class Rekeyed:
    recovery: RecoveryKey  # the new one: shown once, to be printed
    backup: Path  # the verified copy under the old key, beside the database
    accounts: tuple[str, ...]  # the accounts whose passwords open the new key
    dropped: tuple[str, ...]  # disabled accounts: no slot


def pending_slots_path(database: Path) -> Path:
    """The new key's slots while the database is being swapped (`clinic.db.keys.new`)."""
    return slots_path(database).with_name(slots_path(database).name + PENDING_SUFFIX)


def rekey(url: URL, username: str, password: str) -> Rekeyed:
    """An admin's new key for the encrypted SQLite database at url; see the module's doc."""
    from clinic_app.storage.unlocking import SERVER_PROTECTION, encrypted_file, unlock_database

    path = files.sqlite_file(url)
    if path is None:
        raise ClinicError("only a SQLite database has a key of Clinic App's; " + SERVER_PROTECTION)
    if encrypted_file(url) is None:
        raise ClinicError(
            f"the database at {path} is not encrypted: encrypt it first with `clinic db encrypt`"
        )
    database = unlock_database(url, username, password)  # finishes a rekey killed between renames
    try:
        _clear_leftovers(path)
        user = AccountService(database).login(username, password)
        require(user, Permission.MANAGE_ACCOUNTS)  # every account's slot changes: an admin decides
        old_key = database.key
        assert old_key is not None
        kept = path.with_name(f"{path.stem}.before-rekey-{_stamp()}{path.suffix}")
        back_up(database, user, str(kept), detail=f"before clinic db rekey: {kept.name}")
        enabled, disabled = _accounts(database)
    finally:
        database.dispose()  # the last connection of this process: SQLite folds its -wal file back in
    new_key = secrets.token_bytes(KEY_BYTES)
    _swap_in_copy(path, old_key, new_key, user, password, enabled)
    with open_database(url, key=new_key) as rekeyed, rekeyed.writing() as session:
        audit.append(
            session,
            AuditAction.DATABASE_REKEY,
            user.username,
            detail=f"{len(enabled)} accounts keep their passwords; {len(disabled)} disabled without a slot",
        )
    log.info("made a new database key; the accounts' slots are rewrapped")
    return Rekeyed(RecoveryKey.from_database_key(new_key), kept, tuple(enabled), tuple(disabled))


def finish_interrupted_rekey(path: Path, username: str, password: str) -> bytes | None:
    """After a crash between the rekey's two renames: the new key, when the new slots beside the
    database open it (the slots file is then renamed into place); None otherwise."""
    pending = pending_slots_path(path)
    if not pending.exists():
        return None
    key = KeySlots.load(pending).unlock(username, password)
    if not opens_with(path, key):
        return None
    os.replace(pending, slots_path(path))
    sqlite_copy.sync_folder(path.parent)
    return key


def _accounts(database: Database) -> tuple[dict[str, str], list[str]]:
    """Enabled accounts' stored password hashes by user name, and the disabled accounts' names."""
    with database.reading() as session:
        rows = session.execute(select(UserRow.username, UserRow.password_hash, UserRow.disabled)).all()
    enabled = {name: stored for name, stored, off in rows if not off}
    return enabled, sorted(name for name, _stored, off in rows if off)


def _swap_in_copy(
    path: Path, old_key: bytes, new_key: bytes, user: SessionUser, password: str, enabled: dict[str, str]
) -> None:
    """Copy under the new key, verify, write the new slots, rename both into place (see the doc)."""
    _require_closed_everywhere(path)
    staging = path.with_name(f"{path.stem}.rekeying-{_stamp()}{path.suffix}")
    pending = pending_slots_path(path)
    files.prepare_private_file(staging)
    try:
        with closing(sqlite_copy.connect(path, key=old_key)) as guard:
            guard.execute("BEGIN IMMEDIATE")  # no writer gets in between the snapshot and the rename
            counts = sqlite_copy.copy_database(path, staging, old_key, target_key=new_key)
            sqlite_copy.verify_copy(staging, counts, new_key)
            slots = KeySlots.create_for_key(pending, new_key, user.username, password)
            slots.add_from_password_hashes(new_key, {n: h for n, h in enabled.items() if n != user.username})
            guard.execute("ROLLBACK")
        for suffix in files.SQLITE_COMPANIONS:  # the old file's, which SQLite would read as the new one's
            files.companion(path, suffix).unlink(missing_ok=True)
        os.replace(staging, path)
    except BaseException:
        for leftover in (staging, pending, *(files.companion(staging, s) for s in files.SQLITE_COMPANIONS)):
            leftover.unlink(missing_ok=True)
        raise
    os.replace(pending, slots_path(path))
    sqlite_copy.sync_folder(path.parent)


def _require_closed_everywhere(path: Path) -> None:
    # SQLite removes the -wal file when the last connection closes: one left means another program
    # has the database open, and its later writes would go to the file that is replaced.
    if files.companion(path, "-wal").exists():
        raise ClinicError(
            f"the database at {path} is open in another program (Clinic App on this or another "
            "computer?), or was not closed cleanly; close it everywhere (or open and close Clinic App "
            "once) and run `clinic db rekey` again"
        )


def _clear_leftovers(path: Path) -> None:
    """A rekey killed before its renames left a copy and new slots that nothing uses: removed."""
    for leftover in path.parent.glob(f"{path.stem}.rekeying-*"):
        leftover.unlink(missing_ok=True)
    pending_slots_path(path).unlink(missing_ok=True)


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
