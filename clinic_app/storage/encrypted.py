"""Encrypted SQLite files: SQLCipher through the `sqlcipher3` driver, opened with the database key.

    engine = encrypted_engine(path, key)            # SQLAlchemy, as db.create_database_engine's
    with keyed_connection(path, key) as raw: ...     # the driver itself: online backup, pragmas

The key is 32 random bytes (clinic_app.storage.key_slots) given to SQLCipher as a raw key
(`PRAGMA key = "x'...'"`), so no passphrase derivation runs at each connection (0.4 ms to open
rather than 110 ms). Cipher settings are SQLCipher 4's, pinned so a later SQLCipher cannot change
them under us: AES-256-CBC, a random 16-byte salt at the start of the file, an HMAC-SHA512 on every
4096-byte page (a changed page is refused, not read). The WAL, the rollback journal and any copy
made with the online backup API hold the same encrypted pages; temporary tables stay in memory.
docs/findings/encryption-at-rest.md has the measurements.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import QueuePool

from clinic_app.errors import ClinicError
from clinic_app.storage import files

DRIVER = "sqlite+pysqlcipher"  # SQLAlchemy's dialect for sqlcipher3
KEY_BYTES = 32
SQLCIPHER_COMPATIBILITY = 4  # SQLCipher 4's settings, for every file this app makes or opens
PLAINTEXT_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every unencrypted SQLite file


class WrongDatabaseKey(ClinicError):
    """The file is not an encrypted database this key opens."""


@cache
def sqlcipher() -> ModuleType:
    """The driver, with its process-wide settings made once.

    SQLCipher logs a failed page check to standard error by default, which a command would show
    the user on every wrong key; our own message says it. The compatibility default pins the cipher
    settings for every connection and ATTACH, whatever SQLCipher's own defaults become.
    """
    import sqlcipher3

    with closing(sqlcipher3.connect(":memory:")) as connection:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA cipher_default_compatibility = {SQLCIPHER_COMPATIBILITY}")
    driver: ModuleType = sqlcipher3
    return driver


def key_literal(key: bytes) -> str:
    """The key as SQLCipher reads a raw key: x'<64 hex digits>' (no passphrase derivation)."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"a database key is {KEY_BYTES} bytes")
    return f"x'{key.hex()}'"


def encrypted_url(path: Path, key: bytes) -> URL:
    """The SQLAlchemy URL of the file; the key rides as the password, which URLs never print."""
    return URL.create(DRIVER, password=key_literal(key), database=str(path))


def encrypted_engine(path: Path, key: bytes) -> Engine:
    """An engine on the encrypted file (created, private, if missing), configured as the app's SQLite.

    Raises WrongDatabaseKey at once when the file exists and the key does not open it.
    """
    from clinic_app.storage.db import _begin_sqlite_transaction, _configure_sqlite_connection

    sqlcipher()
    files.prepare_private_file(path)
    # QueuePool as pysqlite uses for files; the dialect's default (one connection per thread) is for
    # slow passphrase keys and would hand two sessions of one thread the same connection.
    # SQL parameters (patient data) never reach a log line or an error message, as on every engine.
    engine = create_engine(encrypted_url(path, key), poolclass=QueuePool, hide_parameters=True)
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
    except Exception as error:
        engine.dispose()
        if _not_a_database(error):
            raise _wrong_key(path) from None
        raise
    return engine


@contextmanager
def keyed_connection(path: Path, key: bytes, create: bool = False) -> Iterator[Any]:
    """A driver connection on the encrypted file, key checked; closed at the end of the block.

    With create, a missing file is made first, private (the target of an online backup: the API
    re-encrypts every page with the target's key, and refuses a target without one).
    """
    if create:
        files.prepare_private_file(path)
    elif not path.is_file():
        raise ClinicError(f"{path} does not exist or is not a file")
    driver = sqlcipher()
    connection = driver.connect(str(path), isolation_level=None)
    try:
        connection.execute(f'PRAGMA key = "{key_literal(key)}"')
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except driver.DatabaseError as error:
            if _not_a_database(error):
                raise _wrong_key(path) from None
            raise
        yield connection
    finally:
        connection.close()


def opens_with(path: Path, key: bytes) -> bool:
    """Whether the key opens the encrypted file (the file's own page HMACs are the judge)."""
    try:
        with keyed_connection(path, key):
            return True
    except WrongDatabaseKey:
        return False
    except ClinicError:  # no such file
        return False


def is_plaintext_database(path: Path) -> bool:
    """True for an unencrypted SQLite file (to be converted); an encrypted one starts with random salt."""
    try:
        with path.open("rb") as stream:
            return stream.read(len(PLAINTEXT_HEADER)) == PLAINTEXT_HEADER
    except OSError:
        return False


def is_encrypted_database(path: Path) -> bool:
    """True for a database this app encrypted: its key slots file is beside it.

    (A file whose key file was lost cannot be told from a damaged one by its bytes: both are random
    from the first byte. `clinic restore --recovery-key-file` opens it.)"""
    from clinic_app.storage.key_slots import slots_path

    return slots_path(path).exists()


def _not_a_database(error: BaseException) -> bool:
    return "file is not a database" in str(getattr(error, "orig", None) or error)


def _wrong_key(path: Path) -> WrongDatabaseKey:
    if is_plaintext_database(path):
        return WrongDatabaseKey(f"{path} is not encrypted yet; it must be converted before it is opened")
    return WrongDatabaseKey(
        f"{path} cannot be opened with this key: it is another database's key, or the file is not a "
        "Clinic App database"
    )
