"""Copying a SQLite database whole, and checking a copy before anyone relies on it.

Every copy the app makes (`clinic backup`, `clinic restore`, the copy before an upgrade) goes
through `connect` and `copy_database`. The copy is SQLite's online backup of one read snapshot, so
it is consistent while other programs write; it is then opened, integrity-checked and its rows
counted against the snapshot.

With a key, the file is encrypted (clinic_app.storage.encrypted): it is opened with the SQLCipher
driver and the copy is encrypted under the same key (the backup API re-encrypts every page and
refuses a target without a key, so no plaintext copy can be made by mistake). Without one, the
file is a plaintext database not yet converted, opened with the standard module as its engine
does: one file is never opened with both SQLite libraries in one process (their locks are blind
to each other).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

from clinic_app.storage.faults import StorageFault, plain_fault

# The tables whose rows are counted in the source's snapshot and in the copy (where they exist).
COUNTED_TABLES = ("patients", "visits", "users", "audit_log")
VERSION_TABLE = "alembic_version"

Counts = dict[str, int]


def connect(path: Path, *, read_only: bool = False, key: bytes | None = None) -> Any:
    """A connection to the file (no transaction handling of the driver's own); keyed when encrypted."""
    if key is not None:
        return _keyed(path, key)
    if read_only:
        query = "mode=ro"
        if not os.access(path.parent, os.W_OK) and not path.with_name(path.name + "-wal").exists():
            query += "&immutable=1"  # a read-only folder: no -shm can be made, and nobody can write
        connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{query}", uri=True)
    else:
        connection = sqlite3.connect(path)
    connection.isolation_level = None
    return connection


def _keyed(path: Path, key: bytes) -> Any:
    from clinic_app.storage.encrypted import key_literal, sqlcipher

    connection = sqlcipher().connect(str(path), isolation_level=None)
    connection.execute(f'PRAGMA key = "{key_literal(key)}"')
    return connection


def driver_errors(key: bytes | None) -> tuple[type[Exception], ...]:
    """The errors of the library that opens the file."""
    if key is None:
        return (sqlite3.Error,)
    from clinic_app.storage.encrypted import sqlcipher

    return (sqlcipher().Error,)


def copy_database(
    source: Path, target: Path, key: bytes | None = None, target_key: bytes | None = None
) -> Counts:
    """Copy one consistent snapshot of source into target (a new, empty file); the snapshot's counts.

    The copy is a single file in rollback-journal mode, whatever the source uses: nothing beside it
    is needed to open it. target_key: the copy's own key (`clinic db rekey`), else source's.
    """
    try:
        with (
            closing(connect(source, read_only=True, key=key)) as reader,
            closing(connect(target, key=target_key or key)) as writer,
        ):
            reader.execute("BEGIN")  # one snapshot for the counts and the copy
            counts = count_rows(reader)
            reader.backup(writer)
            reader.execute("COMMIT")
            writer.execute("PRAGMA journal_mode = DELETE")
    except driver_errors(key) as error:
        raise _fault(error, source) from None
    return counts


def verify_copy(path: Path, expected: Counts | None = None, key: bytes | None = None) -> Counts:
    """Open the copy, check its integrity and count its rows (against expected, when given)."""
    try:
        with closing(connect(path, read_only=True, key=key)) as copy:
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
            if key is not None and copy.execute("PRAGMA cipher_integrity_check").fetchall():
                problems.append("a page fails its HMAC")
            counts = count_rows(copy)
    except driver_errors(key) as error:
        raise _fault(error, path) from None
    if problems != ["ok"]:
        raise StorageFault(f"the copy {path} failed SQLite's integrity check; it cannot be used")
    if expected is not None and counts != expected:
        raise StorageFault(f"the copy {path} does not hold every row of the database; it cannot be used")
    return counts


def revision_of(path: Path, key: bytes | None = None) -> str | None:
    """The schema revision stored in a SQLite file (None: not a Clinic App database)."""
    try:
        with closing(connect(path, read_only=True, key=key)) as connection:
            if not _tables(connection) & {VERSION_TABLE}:
                return None
            rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    except driver_errors(key) as error:
        raise _fault(error, path) from None
    return str(rows[0][0]) if len(rows) == 1 else None


def count_rows(connection: Any) -> Counts:
    present = _tables(connection)
    return {
        table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in COUNTED_TABLES
        if table in present
    }


def _tables(connection: Any) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def sync_folder(folder: Path) -> None:
    """Make a rename in folder durable (POSIX; elsewhere the rename is as durable as it gets)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fault(error: Exception, path: Path) -> StorageFault:
    return plain_fault(error, str(path)) or StorageFault(
        f"cannot copy {path}: SQLite could not read or write it"
    )
