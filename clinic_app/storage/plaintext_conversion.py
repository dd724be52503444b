"""Turning an existing plaintext SQLite database into an encrypted one, verified before it is used.

    conversion = encrypt_database_file(plain, encrypted, key)   # plain is left as it was: remove it
    conversion = encrypt_in_place(path, key)                     # path now holds the encrypted copy

SQLCipher's `sqlcipher_export` copies schema, rows, triggers and user_version into a new encrypted
file attached with the key. The copy is then opened on its own with the key and checked: integrity
check, every page's HMAC (cipher_integrity_check), the same schema entries, the same row count in
every table. Only then is it put in place. Nothing plaintext is written on the way: the encrypted
file's journal holds encrypted pages, and temporary data stays in memory (the driver's TEMP_STORE=2).
"""

from __future__ import annotations

import logging
import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.errors import ClinicError
from clinic_app.storage import files
from clinic_app.storage.encrypted import is_plaintext_database, key_literal, keyed_connection, sqlcipher

log = logging.getLogger(__name__)

ENCRYPTING_SUFFIX = ".encrypting"
BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True, slots=True)
class Conversion:
    """A verified conversion: which tables it copied and how many rows each holds."""

    encrypted: Path
    row_counts: dict[str, int]


def encrypt_database_file(plaintext: Path, encrypted: Path, key: bytes) -> Conversion:
    """Write an encrypted, verified copy of a plaintext database to a new file.

    The plaintext file is folded out of WAL mode first (its -wal and -shm are gone afterwards), so
    that a later rename over it cannot leave a plaintext WAL beside the encrypted file, and is
    locked against every other connection while it is copied. On any failure the new file is
    removed and ClinicError says what happened; the plaintext keeps every row.
    """
    if not is_plaintext_database(plaintext):
        raise ClinicError(f"{plaintext} is not an unencrypted SQLite database; nothing was converted")
    if encrypted.exists():
        raise ClinicError(f"{encrypted} already exists; nothing was converted")
    files.create_private_file(encrypted)
    try:
        with closing(_open_plaintext(plaintext)) as source:
            expected = _export(source, encrypted, key)
        with keyed_connection(encrypted, key) as copy:
            _verify(copy, expected)
        _flush(encrypted)
    except BaseException:
        _remove_database_files(encrypted)
        raise
    log.info("encrypted a copy of the database: %d tables", len(expected.row_counts))
    return Conversion(encrypted, expected.row_counts)


def encrypt_in_place(path: Path, key: bytes) -> Conversion:
    """Replace a plaintext database file by its encrypted, verified copy (one atomic rename).

    Run it while nothing else has the database open. The caller takes the verified plaintext backup
    the contract asks for before, and removes plaintext backups after.
    """
    temporary = path.with_name(path.name + ENCRYPTING_SUFFIX)
    _remove_database_files(temporary)  # left by a conversion that was killed: encrypted, incomplete
    conversion = encrypt_database_file(path, temporary, key)
    os.replace(temporary, path)
    files.prepare_private_file(path)
    return Conversion(path, conversion.row_counts)


@dataclass(frozen=True, slots=True)
class _Contents:
    schema: list[tuple[Any, ...]]
    row_counts: dict[str, int]
    user_version: int


def _open_plaintext(path: Path) -> Any:
    driver = sqlcipher()
    connection = driver.connect(str(path), isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = DELETE")
    except driver.OperationalError as error:
        connection.close()
        if "locked" in str(error) or "busy" in str(error):
            raise _in_use(path) from None
        raise
    except BaseException:
        connection.close()
        raise
    return connection


def _in_use(path: Path) -> ClinicError:
    return ClinicError(f"{path} is in use by another program; close Clinic App everywhere and try again")


def _contents(connection: Any) -> _Contents:
    schema = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%' "
        "ORDER BY type, name"
    ).fetchall()
    tables = [name for kind, name, _table, _sql in schema if kind == "table"]
    counts = {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    return _Contents(schema, counts, version)


def _export(source: Any, encrypted: Path, key: bytes) -> _Contents:
    """Copy everything into the attached encrypted file; what was copied, counted under the same lock."""
    source.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(encrypted), key_literal(key)))
    try:
        try:
            source.execute("BEGIN EXCLUSIVE")  # no other connection reads or writes the plaintext meanwhile
        except sqlcipher().OperationalError:
            raise _in_use(Path(source.execute("PRAGMA main.database_list").fetchone()[2])) from None
        try:
            expected = _contents(source)
            source.execute("SELECT sqlcipher_export('encrypted')")
            source.execute(f"PRAGMA encrypted.user_version = {expected.user_version}")
            source.execute("COMMIT")
        except BaseException:
            source.execute("ROLLBACK")
            raise
    finally:
        source.execute("DETACH DATABASE encrypted")
    return expected


def _verify(copy: Any, expected: _Contents) -> None:
    problems = []
    if copy.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
        problems.append("its integrity check failed")
    if copy.execute("PRAGMA cipher_integrity_check").fetchall():
        problems.append("a page fails its HMAC")
    found = _contents(copy)
    if found.schema != expected.schema:
        problems.append("its tables, indexes or triggers differ")
    if found.row_counts != expected.row_counts:
        differing = sorted(
            t for t in expected.row_counts if found.row_counts.get(t) != expected.row_counts[t]
        )
        problems.append(f"row counts differ in {', '.join(differing) or 'the table list'}")
    if found.user_version != expected.user_version:
        problems.append("its user_version differs")
    if problems:
        raise ClinicError(f"the encrypted copy did not verify ({'; '.join(problems)}); nothing was converted")


def _flush(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _remove_database_files(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in files.SQLITE_COMPANIONS)):
        candidate.unlink(missing_ok=True)
