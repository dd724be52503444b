"""The encrypted SQLite file: no patient data in any byte on disk, the key refused when wrong, migrations."""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, insert

from clinic_app.domain import Complaint, Patient, Region, Side
from clinic_app.storage import PatientService, VisitService, mapping, open_database
from clinic_app.storage import schema as storage_schema
from clinic_app.storage.db import Database
from clinic_app.storage.encrypted import (
    WrongDatabaseKey,
    encrypted_engine,
    is_plaintext_database,
    keyed_connection,
    opens_with,
)
from clinic_app.storage.orm import PatientRow
from tests.clinic_app.logins import first_admin

from .builders import full_visit

GIVEN, FAMILY = "Zyxwvut", "Quorra"
MRN = "QX-77341"
NOTE = "sharp pain climbing the Vellmoor footbridge"
# Lower case, as the search keys keep names; the files are searched in lower case too.
SECRETS = (GIVEN.lower().encode(), FAMILY.lower().encode(), MRN.lower().encode(), NOTE.lower().encode())
PATIENT = Patient(mrn=MRN, given_name=GIVEN, family_name=FAMILY, birth_date=dt.date(1970, 3, 4))


def store_patient(database: Database) -> str:
    database.upgrade()
    admin = first_admin(database)
    visit = full_visit(patient=PATIENT)
    visit = visit.model_copy(
        update={"complaints": (Complaint(region=Region.KNEE, side=Side.LEFT, pain=7, note=NOTE),)}
    )
    return VisitService(database).import_document(admin, visit).id


def every_byte(folder: Path) -> bytes:
    return b"".join(path.read_bytes().lower() for path in sorted(folder.iterdir()) if path.is_file())


def found(data: bytes) -> list[bytes]:
    return [secret for secret in SECRETS if secret in data]


@pytest.fixture
def key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def encrypted(tmp_path: Path, key: bytes) -> Iterator[Database]:
    database = Database(encrypted_engine(tmp_path / "clinic.db", key))
    try:
        yield database
    finally:
        database.dispose()


# ---- nothing readable on disk -------------------------------------------------------------------


def rollback_journal_of_a_change(path: Path, connect: Callable[[], sqlite3.Connection]) -> bytes:
    """The journal SQLite writes while it changes the patient (kept with journal_mode PERSIST)."""
    with closing(connect()) as connection:
        assert connection.execute("PRAGMA journal_mode = PERSIST").fetchone() == ("persist",)
        connection.execute("UPDATE complaints SET note = 'changed'")
        journal = path.with_name(path.name + "-journal").read_bytes()
        connection.execute("PRAGMA journal_mode = WAL")
    assert journal
    return journal.lower()


def test_no_name_mrn_or_note_in_any_byte_of_the_file_its_wal_journal_or_backup(
    tmp_path: Path, key: bytes, encrypted: Database
) -> None:
    store_patient(encrypted)
    path = tmp_path / "clinic.db"
    with encrypted.engine.connect():  # open: the WAL still holds the new pages
        wal = path.with_name("clinic.db-wal")
        assert wal.stat().st_size > 0
        assert found(every_byte(tmp_path)) == []
    encrypted.dispose()

    def connect() -> sqlite3.Connection:
        from clinic_app.storage.encrypted import key_literal, sqlcipher

        connection = sqlcipher().connect(str(path), isolation_level=None)
        connection.execute(f'PRAGMA key = "{key_literal(key)}"')
        return connection

    assert found(rollback_journal_of_a_change(path, connect)) == []

    backup = tmp_path / "backup.db"
    with keyed_connection(path, key) as source, keyed_connection(backup, key, create=True) as copy:
        source.backup(copy)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert found(every_byte(tmp_path)) == []
    assert opens_with(backup, key)
    assert not is_plaintext_database(path)
    assert not is_plaintext_database(backup)


def test_the_same_steps_on_a_plaintext_database_show_every_one(tmp_path: Path) -> None:
    # The search above can fail: without encryption it finds everything, in the file, WAL and journal.
    path = tmp_path / "clinic.db"
    with open_database(f"sqlite:///{path}") as database:
        store_patient(database)
        with database.engine.connect():
            assert found(path.with_name("clinic.db-wal").read_bytes().lower()) == list(SECRETS)
    assert found(rollback_journal_of_a_change(path, lambda: sqlite3.connect(path, isolation_level=None))) == [
        SECRETS[3]  # the journal keeps the page the note was changed on
    ]
    assert found(every_byte(tmp_path)) == list(SECRETS[:3])  # the note was changed: its page reused


def test_the_services_read_back_what_they_stored(encrypted: Database) -> None:
    visit_id = store_patient(encrypted)
    stored = VisitService(encrypted).load(visit_id).visit
    assert stored.patient.family_name == FAMILY
    assert stored.complaints[0].note == NOTE
    assert [p.mrn for p in PatientService(encrypted).search("quorra")] == [MRN]


def test_the_app_pragmas_hold_on_encrypted_connections(encrypted: Database) -> None:
    with encrypted.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert str(connection.exec_driver_sql("PRAGMA cipher_version").scalar()).startswith("4.")
        assert connection.exec_driver_sql("PRAGMA temp_store").scalar() in (0, 2)  # 0: the build's, memory


def test_the_key_never_shows_where_the_database_is_named(
    tmp_path: Path, key: bytes, encrypted: Database
) -> None:
    shown = [str(encrypted.engine.url), repr(encrypted.engine), encrypted.location]
    assert all(key.hex() not in text and key.hex().upper() not in text for text in shown)
    assert encrypted.location == str((tmp_path / "clinic.db").resolve())


def test_the_backup_api_refuses_a_target_without_a_key_and_re_encrypts_for_another(
    tmp_path: Path, key: bytes, encrypted: Database
) -> None:
    from clinic_app.storage.encrypted import sqlcipher

    store_patient(encrypted)
    path = tmp_path / "clinic.db"
    with keyed_connection(path, key) as source:
        unkeyed = closing(sqlcipher().connect(str(tmp_path / "plain-copy.db")))
        with unkeyed as target, pytest.raises(sqlcipher().DatabaseError):
            source.backup(target)  # so no plaintext copy can be made by mistake
        other_key = secrets.token_bytes(32)
        with keyed_connection(tmp_path / "other-key.db", other_key, create=True) as copy:
            source.backup(copy)
    assert opens_with(tmp_path / "other-key.db", other_key)
    assert not opens_with(tmp_path / "other-key.db", key)
    assert found(every_byte(tmp_path)) == []


def test_a_missing_file_is_not_made_by_looking_at_it(tmp_path: Path, key: bytes) -> None:
    assert not opens_with(tmp_path / "nothing.db", key)
    assert not (tmp_path / "nothing.db").exists()


# ---- the key ----------------------------------------------------------------------------------------


def test_another_key_is_refused_with_a_plain_message(tmp_path: Path, key: bytes, encrypted: Database) -> None:
    store_patient(encrypted)
    encrypted.dispose()
    path = tmp_path / "clinic.db"
    with pytest.raises(WrongDatabaseKey, match="cannot be opened with this key"):
        encrypted_engine(path, secrets.token_bytes(32))
    with pytest.raises(WrongDatabaseKey), keyed_connection(path, secrets.token_bytes(32)):
        pass
    assert not opens_with(path, secrets.token_bytes(32))


def test_without_the_driver_and_key_the_file_is_not_a_database(tmp_path: Path, encrypted: Database) -> None:
    store_patient(encrypted)
    encrypted.dispose()
    with closing(sqlite3.connect(tmp_path / "clinic.db")) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_wrong_key_prints_nothing_of_its_own(
    tmp_path: Path, encrypted: Database, capfd: pytest.CaptureFixture[str]
) -> None:
    # SQLCipher logs failed page checks to standard error unless told not to: a command would show them.
    store_patient(encrypted)
    encrypted.dispose()
    capfd.readouterr()
    assert not opens_with(tmp_path / "clinic.db", secrets.token_bytes(32))
    assert capfd.readouterr() == ("", "")


def test_a_plaintext_file_is_named_as_one_to_convert(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "clinic.db"
    with open_database(f"sqlite:///{path}"):
        pass
    with pytest.raises(WrongDatabaseKey, match="not encrypted yet"):
        encrypted_engine(path, key)


# ---- migrations -------------------------------------------------------------------------------------


def test_an_empty_encrypted_file_is_migrated_to_head(tmp_path: Path, encrypted: Database) -> None:
    change = encrypted.upgrade()
    assert change is not None
    assert change.to_revision == storage_schema.head_revision()
    with open_database(f"sqlite:///{tmp_path / 'plain.db'}") as plain:
        assert schema_of(encrypted.engine) == schema_of(plain.engine)


def schema_of(engine: Engine) -> list[tuple[str, str, list[str]]]:
    # Each statement's lines sorted: a batch rebuild lists a table's CHECK constraints in set order,
    # which differs from one process to the next, encrypted or not.
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        return [(str(kind), str(name), _lines(sql)) for kind, name, sql in rows]


def _lines(sql: str | None) -> list[str]:
    return sorted(line.strip().rstrip(",").strip() for line in (sql or "").splitlines())


def test_every_migration_runs_on_an_encrypted_file_keeping_the_rows(encrypted: Database) -> None:
    scripts = ScriptDirectory.from_config(storage_schema.alembic_config())
    revisions = [script.revision for script in reversed(list(scripts.walk_revisions()))]
    with encrypted.engine.begin() as connection:
        command.upgrade(storage_schema.alembic_config(connection), "0003")
        now = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
        columns = mapping.patient_columns(PATIENT)
        columns.pop("mrn_fold")  # added by revision 0009
        connection.execute(insert(PatientRow), [{**columns, "created_at": now, "updated_at": now}])
    for revision in revisions[revisions.index("0003") + 1 :]:  # one at a time: each its own rebuilds
        with encrypted.engine.begin() as connection:
            command.upgrade(storage_schema.alembic_config(connection), revision)
    assert [p.mrn for p in PatientService(encrypted).search("quorra")] == [MRN]  # 0004 filled its keys


def test_an_upgrade_of_an_encrypted_file_backs_it_up_first(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "clinic.db"
    engine = encrypted_engine(path, key)
    with engine.begin() as connection:
        command.upgrade(storage_schema.alembic_config(connection), "0005")
    with Database(engine, key=key) as database:
        change = database.upgrade()
    assert change is not None
    assert change.backup is not None
    assert opens_with(change.backup, key)
    assert not is_plaintext_database(change.backup)


def test_a_plain_engine_cannot_be_pointed_at_the_encrypted_file_by_mistake(
    tmp_path: Path, encrypted: Database
) -> None:
    store_patient(encrypted)
    encrypted.dispose()
    engine = create_engine(f"sqlite:///{tmp_path / 'clinic.db'}")
    try:
        with pytest.raises(Exception, match="file is not a database"), engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
    finally:
        engine.dispose()
