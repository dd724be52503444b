"""Copying a SQLite database whole, and checking a copy before anyone relies on it.

Every copy the app makes (`clinic backup`, `clinic restore`, the copy before an upgrade) goes
through `connect` and `copy_database`: the one place to switch when the file is encrypted.
The copy is SQLite's online backup of one read snapshot, so it is consistent while other
programs write; it is then opened, integrity-checked and its rows counted against the snapshot.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from clinic_app.storage.faults import StorageFault, plain_fault

# The tables whose rows are counted in the source's snapshot and in the copy (where they exist).
COUNTED_TABLES = ("patients", "visits", "users", "audit_log")
VERSION_TABLE = "alembic_version"

Counts = dict[str, int]


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain connection to the file (no transaction handling of sqlite3's own)."""
    if read_only:
        query = "mode=ro"
        if not os.access(path.parent, os.W_OK) and not path.with_name(path.name + "-wal").exists():
            query += "&immutable=1"  # a read-only folder: no -shm can be made, and nobody can write
        connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{query}", uri=True)
    else:
        connection = sqlite3.connect(path)
    connection.isolation_level = None
    return connection


def copy_database(source: Path, target: Path) -> Counts:
    """Copy one consistent snapshot of source into target (a new, empty file); the snapshot's counts.

    The copy is a single file in rollback-journal mode, whatever the source uses: nothing beside it
    is needed to open it.
    """
    try:
        with closing(connect(source, read_only=True)) as reader, closing(connect(target)) as writer:
            reader.execute("BEGIN")  # one snapshot for the counts and the copy
            counts = count_rows(reader)
            reader.backup(writer)
            reader.execute("COMMIT")
            writer.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as error:
        raise _fault(error, source) from None
    return counts


def verify_copy(path: Path, expected: Counts | None = None) -> Counts:
    """Open the copy, check its integrity and count its rows (against expected, when given)."""
    try:
        with closing(connect(path, read_only=True)) as copy:
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
            counts = count_rows(copy)
    except sqlite3.Error as error:
        raise _fault(error, path) from None
    if problems != ["ok"]:
        raise StorageFault(f"the copy {path} failed SQLite's integrity check; it cannot be used")
    if expected is not None and counts != expected:
        raise StorageFault(f"the copy {path} does not hold every row of the database; it cannot be used")
    return counts


def revision_of(path: Path) -> str | None:
    """The schema revision stored in a SQLite file (None: not a Clinic App database)."""
    try:
        with closing(connect(path, read_only=True)) as connection:
            if not _tables(connection) & {VERSION_TABLE}:
                return None
            rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    except sqlite3.Error as error:
        raise _fault(error, path) from None
    return str(rows[0][0]) if len(rows) == 1 else None


def count_rows(connection: sqlite3.Connection) -> Counts:
    present = _tables(connection)
    return {
        table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in COUNTED_TABLES
        if table in present
    }


def _tables(connection: sqlite3.Connection) -> set[str]:
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


def _fault(error: sqlite3.Error, path: Path) -> StorageFault:
    return plain_fault(error, str(path)) or StorageFault(
        f"cannot copy {path}: SQLite could not read or write it"
    )
