"""An encrypted SQLite database from a login: the key first, then the database, then the login recorded.

    database = unlock_database(url, "sam", password)            # key from sam's slot; failures moved in
    made = create_with_first_admin(url, admin, password)         # a new database, encrypted; print made.recovery
    add_account_with_slot(database, user, "jo", ...)             # the row committed, then jo's slot

A database with no key slots file beside it is either new (no account yet: its first account makes
it encrypted, after converting whatever it already holds) or a plaintext one kept from before
(`clinic db encrypt` converts it). A server's database (PostgreSQL) has no key: every function here
leaves it to the server (TLS in transit, an encrypted disk at rest).

Order of changes, so that a crash never leaves an account that cannot open the data: the database
change is committed first, then the slot is written (docs/findings/encryption-at-rest.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.engine import URL

from clinic_app.accounts import Role, SessionUser
from clinic_app.errors import ClinicError, NotLoggedIn
from clinic_app.storage import audit, files, queries
from clinic_app.storage.accounts import LOCK_AFTER_FAILURES, Account, AccountService
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database, open_database
from clinic_app.storage.encrypted import WrongDatabaseKey, is_encrypted_database, is_plaintext_database
from clinic_app.storage.failed_logins import FailedLogins, failed_logins_path
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.orm import UserRow
from clinic_app.storage.plaintext_conversion import encrypt_in_place
from clinic_app.storage.recovery_key import RecoveryKey
from clinic_app.storage.settings import SettingsService

log = logging.getLogger(__name__)


def encrypted_file(url: URL) -> Path | None:
    """The SQLite file of url when it is encrypted (has key slots); None otherwise."""
    path = files.sqlite_file(url)
    return path if path is not None and is_encrypted_database(path) else None


def has_accounts(url: URL) -> bool | None:
    """Whether an encrypted database has an account, read from its key slots (no key needed).

    None when the database is not encrypted: ask the database itself.
    """
    path = encrypted_file(url)
    if path is None:
        return None
    return bool(KeySlots.load(slots_path(path)).usernames)


# ---- logging in ---------------------------------------------------------------------------------


def unlock_database(url: URL, username: str, password: str, migrate: bool = True) -> Database:
    """The encrypted database opened with the key from the account's slot; NotLoggedIn otherwise.

    A failure (wrong name or password, a disabled account, a lock) is counted in the failed-logins
    file and moved into the audit trail at the next login; the 5-failures lock is decided there too.
    The login itself is then recorded by AccountService.login, as on any database.
    """
    path = encrypted_file(url)
    if path is None:
        raise ValueError("not an encrypted database")
    key = unlock_key(path, username, password)
    try:
        database = open_database(url, migrate=migrate, key=key)
    except WrongDatabaseKey:
        from clinic_app.storage.rekeying import finish_interrupted_rekey

        new_key = finish_interrupted_rekey(path, username, password)
        if new_key is None:
            raise
        database = open_database(url, migrate=migrate, key=new_key)
    try:
        move_failed_logins_to_audit(database)
        SettingsService(database).refresh_plain_copy()  # a restore may have brought other settings
        slots = KeySlots.load(slots_path(path))
        if slots.needs_rewrap(username):  # a slot made from a stored hash: a fresh salt now
            slots.set_password(key, username, password)
    except BaseException:
        database.dispose()
        raise
    return database


def unlock_key(path: Path, username: str, password: str) -> bytes:
    """The database key from the account's slot, the lockout checked and failures counted."""
    failures = FailedLogins(failed_logins_path(path))
    now = queries.utc_now()
    locked_until = failures.locked_until(username, now)
    slots = KeySlots.load(slots_path(path))
    try:
        key = slots.unlock(username, password)  # one derivation, whatever the outcome
    except NotLoggedIn:
        known = any(name.casefold() == username.strip().casefold() for name in slots.usernames)
        detail = "account locked" if locked_until else ("wrong password" if known else "no such account")
        failures.record(username, detail, now, counts=known and not locked_until)
        raise NotLoggedIn(_refused(username)) from None
    if locked_until is not None:
        failures.record(username, "account locked", now, counts=False)
        raise NotLoggedIn(
            f"the account {username} is locked after {LOCK_AFTER_FAILURES} failed logins in a row; try "
            f"again after {locked_until.strftime('%H:%M:%S UTC')}, or ask an admin to set a new password"
        )
    failures.reset(username)
    return key


def unlock_with_recovery(path: Path, recovery: RecoveryKey) -> bytes:
    """The key from the recovery sheet, checked against the slots file when there is one, else the file."""
    from clinic_app.storage.encrypted import opens_with
    from clinic_app.storage.key_slots import WrongRecoveryKey

    slots = slots_path(path)
    if slots.exists():
        return KeySlots.load(slots).unlock_with_recovery(recovery)
    if not opens_with(path, recovery.database_key):
        raise WrongRecoveryKey("this recovery key is not the one of this database")
    return recovery.database_key


def move_failed_logins_to_audit(database: Database) -> int:
    """The failures noted while the database was locked, into its audit trail (in order); how many."""
    path = files.sqlite_file(database.url)
    if path is None or not failed_logins_path(path).exists():
        return 0
    failures = FailedLogins(failed_logins_path(path))
    pending = failures.pending()
    locks = failures.locks(queries.utc_now())
    if not pending and not locks:
        return 0
    with database.writing() as session:
        for failure in pending:
            audit.append(
                session, AuditAction.LOGIN_FAILED, failure.username, detail=failure.detail, at=failure.at
            )
        for key, until in locks.items():  # shown by `user list`; passwd and enable lift both
            session.execute(update(UserRow).where(UserRow.username_key == key).values(locked_until=until))
    failures.forget_pending(len(pending))
    return len(pending)


def _refused(username: str) -> str:
    return (
        f"login failed for {username}: wrong user name or password, or the account is disabled "
        f"({LOCK_AFTER_FAILURES} failed logins in a row lock it for 5 minutes)"
    )


# ---- the first account: a new encrypted database -----------------------------------------------


@dataclass(frozen=True, slots=True)
class NewEncryptedDatabase:
    database: Database
    account: Account
    recovery: RecoveryKey  # shown once, to be printed or written down


def create_with_first_admin(
    url: URL, username: str, display_name: str, password: str, licence: str | None = None
) -> NewEncryptedDatabase:
    """The first account of a SQLite database, which from now on is encrypted.

    Whatever the file already holds (a database created before any account, or one from before
    accounts with visits) is converted first, after a verified backup. The account is added in
    the encrypted database, then its key slot is sealed into the slots file: the slots file appears
    last, so a crash before it leaves no slots and nothing that a login expects to open.
    """
    from clinic_app.storage.encrypted import KEY_BYTES

    path = files.sqlite_file(url)
    if path is None:
        raise ValueError("only a SQLite database is encrypted")
    if is_encrypted_database(path):
        raise ClinicError(
            "the database is already encrypted and has accounts: an admin must log in to add one"
        )
    import secrets

    key = secrets.token_bytes(KEY_BYTES)
    if path.exists() and path.stat().st_size > 0:
        if not is_plaintext_database(path):
            raise ClinicError(
                f"{path} is not a database this Clinic App can read, and it has no key file beside it: "
                "restore it with `clinic restore FILE --recovery-key-file SHEET`, or move it away"
            )
        _check_no_accounts_yet(url)
        encrypt_with_backup(path, key)
    else:
        for companion in files.SQLITE_COMPANIONS:  # an empty file's leftovers: nothing to keep
            files.companion(path, companion).unlink(missing_ok=True)
    database = open_database(url, key=key)
    try:
        account = AccountService(database).add_first_admin(username, display_name, password, licence)
        KeySlots.create_for_key(slots_path(path), key, account.username, password)
    except BaseException:
        database.dispose()
        raise
    log.info("made the database's key with its first account")
    return NewEncryptedDatabase(database, account, RecoveryKey.from_database_key(key))


def _check_no_accounts_yet(url: URL) -> None:
    with open_database(url) as plain:
        if AccountService(plain).has_accounts():
            raise ClinicError(
                "this database has accounts already and is not encrypted yet; an admin converts it "
                "with `clinic db encrypt`"
            )


# ---- converting a plaintext database ------------------------------------------------------------


def encrypt_with_backup(path: Path, key: bytes) -> Path:
    """Encrypt a plaintext database in place after a verified plaintext backup, then remove the
    plaintext backups (the one just taken and the upgrade copies beside it). The backup's path is
    returned only for the message; it no longer exists."""
    backup = files.backup_sqlite_file(path)  # verified (integrity, row counts) before anything changes
    encrypt_in_place(path, key)
    for plaintext in files.upgrade_backups(path):
        if is_plaintext_database(plaintext) or plaintext.name.endswith(files.PARTIAL_SUFFIX):
            plaintext.unlink(missing_ok=True)
    return backup


def encrypt_existing(url: URL, username: str, password: str) -> tuple[Database, RecoveryKey]:
    """`clinic db encrypt`: an admin's login on the plaintext database, then its conversion.

    Every enabled account gets a slot from its stored password hash (nobody sets a new password),
    rewrapped with a fresh salt at its next login.
    """
    import secrets

    from clinic_app.accounts import Permission, require
    from clinic_app.storage.encrypted import KEY_BYTES

    path = files.sqlite_file(url)
    if path is None:
        raise ClinicError("only a SQLite database is encrypted by Clinic App; " + SERVER_PROTECTION)
    if is_encrypted_database(path):
        raise ClinicError(f"the database at {path} is encrypted already")
    with open_database(url) as plain:
        user = AccountService(plain).login(username, password)
        require(user, Permission.MANAGE_ACCOUNTS)  # an admin decides: every account's slot is made
        with plain.reading() as session:
            hashes = {
                row.username: row.password_hash
                for row in session.query(UserRow).filter(UserRow.disabled.is_(False))
            }
    key = secrets.token_bytes(KEY_BYTES)
    encrypt_with_backup(path, key)
    slots = KeySlots.create_for_key(slots_path(path), key, user.username, password)
    slots.add_from_password_hashes(key, {name: h for name, h in hashes.items() if name != user.username})
    return open_database(url, key=key), RecoveryKey.from_database_key(key)


SERVER_PROTECTION = (
    "a PostgreSQL server protects the data itself: connect with sslmode=verify-full and keep the "
    "server's disk encrypted (README, PostgreSQL)"
)


# ---- accounts and their slots -------------------------------------------------------------------


def add_account_with_slot(
    database: Database,
    user: SessionUser,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    licence: str | None = None,
) -> Account:
    """Add an account; on an encrypted database also its key slot (after the row is committed)."""
    account = AccountService(database).add(user, username, display_name, role, password, licence)
    slots = _slots_of(database)
    if slots is not None:
        slots.set_password(_key(database), account.username, password)
    return account


def set_password_with_slot(database: Database, user: SessionUser, username: str, password: str) -> None:
    """Change a password; its slot follows (an enabled account's), and a lock in the plain file lifts."""
    AccountService(database).set_password(user, username, password)
    slots = _slots_of(database)
    if slots is not None:
        account = _stored_account(database, username)  # the service checked who may change it
        if not account.disabled:
            slots.set_password(_key(database), account.username, password)
        _failures_of(database).reset(username)


def disable_with_slot(database: Database, user: SessionUser, username: str) -> Account:
    """Disable an account and take its slot away: its password no longer opens the key."""
    account = AccountService(database).disable(user, username)
    slots = _slots_of(database)
    if slots is not None:
        slots.remove(_key(database), account.username)
    return account


def enable_with_slot(database: Database, user: SessionUser, username: str) -> Account:
    """Enable an account. On an encrypted database its slot came away with the disabling: an admin
    sets its password next (`clinic user passwd`), which makes the slot; until then it cannot log in."""
    account = AccountService(database).enable(user, username)
    if _slots_of(database) is not None:
        _failures_of(database).reset(username)
    return account


def needs_new_password(database: Database, username: str) -> bool:
    """An enabled account of an encrypted database without a slot (re-enabled): no login until passwd."""
    slots = _slots_of(database)
    return slots is not None and all(n.casefold() != username.casefold() for n in slots.usernames)


def _slots_of(database: Database) -> KeySlots | None:
    if database.key is None:
        return None
    path = files.sqlite_file(database.url)
    assert path is not None
    return KeySlots.load(slots_path(path))


def _failures_of(database: Database) -> FailedLogins:
    path = files.sqlite_file(database.url)
    assert path is not None
    return FailedLogins(failed_logins_path(path))


def _key(database: Database) -> bytes:
    assert database.key is not None
    return database.key


def _stored_account(database: Database, username: str) -> Account:
    from sqlalchemy import select

    from clinic_app.accounts import username_key
    from clinic_app.storage.accounts import _account

    with database.reading() as session:
        row = session.scalars(select(UserRow).where(UserRow.username_key == username_key(username))).one()
        return _account(row)
