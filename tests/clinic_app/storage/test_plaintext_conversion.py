"""Converting a plaintext database: every row kept, verified before use, nothing plaintext left behind."""

from __future__ import annotations

import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from clinic_app.accounts import Role
from clinic_app.errors import ClinicError, NotLoggedIn
from clinic_app.storage import PatientService, VisitService, open_database, plaintext_conversion
from clinic_app.storage.accounts import AccountService
from clinic_app.storage.audit import AuditService
from clinic_app.storage.db import Database
from clinic_app.storage.encrypted import encrypted_engine, is_plaintext_database, opens_with
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.orm import UserRow
from clinic_app.storage.plaintext_conversion import encrypt_database_file, encrypt_in_place
from tests.clinic_app.logins import ADMIN, PASSWORD

from .builders import minimal_visit
from .test_encrypted_database import MRN, SECRETS, every_byte, found, store_patient


def row_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }


@pytest.fixture
def plaintext(tmp_path: Path) -> tuple[Path, str]:
    """A plaintext database as an earlier version left it: accounts, audit trail, visits."""
    path = tmp_path / "clinic.db"
    with open_database(f"sqlite:///{path}") as database:
        visit_id = store_patient(database)
        visits = VisitService(database)
        for day in range(1, 6):
            visits.save(minimal_visit(date=minimal_visit().visit.date.replace(day=day)))
    return path, visit_id


@pytest.fixture
def key() -> bytes:
    return secrets.token_bytes(32)


def export_of(database: Database, visit_id: str) -> Any:
    user = AccountService(database).login(ADMIN, PASSWORD)
    return VisitService(database).export_document(user, visit_id)


def test_every_row_is_kept_and_the_copy_reads_as_the_original(
    tmp_path: Path, plaintext: tuple[Path, str], key: bytes
) -> None:
    path, visit_id = plaintext
    with open_database(f"sqlite:///{path}") as original:
        before = export_of(original, visit_id)
    counts = row_counts(path)
    assert counts["patients"] == 2
    assert counts["visits"] == 6
    assert counts["audit_log"] > 0

    conversion = encrypt_database_file(path, tmp_path / "encrypted.db", key)

    assert conversion.row_counts == counts
    with Database(encrypted_engine(tmp_path / "encrypted.db", key)) as copy:
        assert copy.upgrade() is None  # the same schema revision came along
        assert export_of(copy, visit_id) == before
        assert [p.mrn for p in PatientService(copy).search("quorra")] == [MRN]
        admin = AccountService(copy).login(ADMIN, PASSWORD)
        assert AuditService(copy).verify(admin).intact  # the hash chain and its triggers came along


def test_the_copy_holds_no_patient_data_and_the_original_is_left_for_the_caller(
    tmp_path: Path, plaintext: tuple[Path, str], key: bytes
) -> None:
    path, _ = plaintext
    original = path.read_bytes()
    encrypt_database_file(path, tmp_path / "encrypted.db", key)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.db", "encrypted.db"]  # no -wal, -journal
    assert found((tmp_path / "encrypted.db").read_bytes().lower()) == []
    assert found(original.lower()) != []  # the search can find it
    path.unlink()  # what the caller does once the copy is in place
    assert found(every_byte(tmp_path)) == []


def test_in_place_the_file_becomes_the_encrypted_copy(plaintext: tuple[Path, str], key: bytes) -> None:
    path, visit_id = plaintext
    counts = row_counts(path)
    stale = path.with_name("clinic.db.encrypting")
    stale.write_bytes(b"left by a conversion that was killed")

    conversion = encrypt_in_place(path, key)

    assert conversion.encrypted == path
    assert conversion.row_counts == counts
    assert sorted(p.name for p in path.parent.iterdir()) == ["clinic.db"]
    assert not is_plaintext_database(path)
    assert opens_with(path, key)
    assert found(every_byte(path.parent)) == []
    with Database(encrypted_engine(path, key)) as database:
        assert VisitService(database).load(visit_id).visit.patient.mrn == MRN


# Another program: a process of its own. Within one process, POSIX locks taken through the standard
# sqlite3 module and through the driver (two SQLite libraries) do not see each other.
HOLD_A_READ = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = " + sys.argv[2])
connection.execute("BEGIN")
connection.execute("SELECT count(*) FROM patients").fetchone()
print("reading", flush=True)
sys.stdin.readline()
connection.execute("COMMIT")
"""


@pytest.mark.parametrize("mode", ["WAL", "DELETE"])
def test_a_database_another_program_is_reading_is_not_converted(
    tmp_path: Path, plaintext: tuple[Path, str], key: bytes, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    path, _ = plaintext
    monkeypatch.setattr(plaintext_conversion, "BUSY_TIMEOUT_MS", 50)
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_A_READ, str(path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as other:
        assert other.stdout is not None
        assert other.stdin is not None
        assert other.stdout.readline() == "reading\n"
        try:
            with pytest.raises(ClinicError, match="in use by another program; close Clinic App"):
                encrypt_database_file(path, tmp_path / "encrypted.db", key)
        finally:
            other.stdin.write("done\n")
            other.stdin.close()
    assert other.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "clinic.db"
    ]
    encrypt_database_file(path, tmp_path / "encrypted.db", key)  # once it is free


def test_a_copy_that_does_not_verify_is_removed(
    tmp_path: Path, plaintext: tuple[Path, str], key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = plaintext
    real_export = plaintext_conversion._export

    def export_losing_a_row(source: Any, encrypted: Path, key: bytes) -> Any:
        expected = real_export(source, encrypted, key)
        source.execute("ATTACH DATABASE ? AS damaged KEY ?", (str(encrypted), f"x'{key.hex()}'"))
        source.execute("DELETE FROM damaged.visit_drafts")
        source.execute("INSERT INTO damaged.alembic_version VALUES ('9999')")
        source.execute("DETACH DATABASE damaged")
        return expected

    monkeypatch.setattr(plaintext_conversion, "_export", export_losing_a_row)
    before = row_counts(path)
    with pytest.raises(ClinicError, match=r"did not verify \(row counts differ in alembic_version\)"):
        encrypt_database_file(path, tmp_path / "encrypted.db", key)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.db"]
    assert row_counts(path) == before


def test_nothing_is_overwritten_and_an_encrypted_file_is_not_converted_again(
    tmp_path: Path, plaintext: tuple[Path, str], key: bytes
) -> None:
    path, _ = plaintext
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"someone's file")
    with pytest.raises(ClinicError, match="already exists"):
        encrypt_database_file(path, taken, key)
    assert taken.read_bytes() == b"someone's file"
    encrypt_in_place(path, key)
    with pytest.raises(ClinicError, match="not an unencrypted SQLite database"):
        encrypt_in_place(path, key)
    assert opens_with(path, key)
    assert SECRETS  # (the constants shared with the encryption tests)


def test_an_existing_clinic_is_encrypted_and_every_enabled_account_keeps_its_password(
    plaintext: tuple[Path, str], key: bytes
) -> None:
    # The whole path an upgrade takes: the admin logs in to the plaintext database; the key gets the
    # admin's slot and one per enabled account from its stored hash; the file is encrypted in place.
    path, visit_id = plaintext
    with open_database(f"sqlite:///{path}") as database:
        admin = AccountService(database).login(ADMIN, PASSWORD)
        AccountService(database).add(admin, "jo", "Jo Park, PT", Role.THERAPIST, "jo's long password")
        AccountService(database).add(admin, "kim", "Kim Lo, PTA", Role.ASSISTANT, "kim's long password")
        AccountService(database).disable(admin, "kim")
        with database.reading() as session:
            stored = {
                row.username: row.password_hash
                for row in session.scalars(select(UserRow).where(UserRow.disabled.is_(False)))
                if row.username != ADMIN
            }
    slots = KeySlots.create_for_key(slots_path(path), key, ADMIN, PASSWORD)
    slots.add_from_password_hashes(key, stored)
    encrypt_in_place(path, key)

    slots = KeySlots.load(slots_path(path))
    assert slots.usernames == [ADMIN, "jo"]
    jo_key = slots.unlock("jo", "jo's long password")
    with pytest.raises(NotLoggedIn):
        slots.unlock("kim", "kim's long password")  # disabled: no slot
    with Database(encrypted_engine(path, jo_key)) as database:
        jo = AccountService(database).login("jo", "jo's long password")
        assert VisitService(database).export_document(jo, visit_id).patient.mrn == MRN
    assert slots.needs_rewrap("jo")
    assert found(every_byte(path.parent)) == []
