"""The schema: Alembic migrations from an empty database to head, backups, and the SQLite file itself."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, insert, inspect, select, text
from sqlalchemy.engine import make_url

import clinic_app.storage.migrations
from clinic_app.domain import Patient
from clinic_app.errors import ClinicError
from clinic_app.storage import PatientService, VisitService, mapping, open_database
from clinic_app.storage import schema as storage_schema
from clinic_app.storage.db import DATABASE_URL_ENV, Database, database_url, describe_location
from clinic_app.storage.orm import Base, ComplaintRow, PatientRow, VisitRow

from .builders import full_visit

HEAD = storage_schema.head_revision()
# A second revision for the upgrade tests. It rebuilds the visits table as SQLite's batch mode does:
# done with foreign keys on, dropping the old table would cascade into every visit's complaints.
NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def rebuild() -> str:
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"  # PostgreSQL alters in place


def upgrade() -> None:
    with op.batch_alter_table("visits", recreate=rebuild()) as batch:
        batch.add_column(sa.Column("room", sa.String(20), nullable=True))
    {fail}


def downgrade() -> None:
    with op.batch_alter_table("visits", recreate=rebuild()) as batch:
        batch.drop_column("room")
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def revision_of(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return storage_schema.current_revision(connection)


def count(database: Database, row_type: type[Base]) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(row_type)) or 0


@pytest.fixture
def next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the migrations with one more revision; fill in {fail} to make it fail midway."""
    folder = tmp_path / "migrations"
    shutil.copytree(Path(clinic_app.storage.migrations.__file__).parent, folder)
    monkeypatch.setattr(storage_schema, "SCRIPT_LOCATION", str(folder))
    return folder / "versions" / "v9001_add_room.py"


def test_an_empty_database_is_migrated_to_head(fresh_url: str) -> None:
    with open_database(fresh_url, migrate=False) as database:
        change = database.upgrade()
        assert change == storage_schema.SchemaChange(from_revision=None, to_revision=HEAD, backup=None)
        assert revision_of(database) == HEAD
        assert database.upgrade() is None  # already current


def test_the_migrated_schema_matches_the_mappings(fresh_url: str) -> None:
    with open_database(fresh_url) as database, database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_nothing_and_back(fresh_url: str) -> None:
    with open_database(fresh_url) as database:
        with database.engine.begin() as connection:
            command.downgrade(storage_schema.alembic_config(connection), "base")
        assert set(inspect(database.engine).get_table_names()) <= {storage_schema.VERSION_TABLE}
        database.upgrade()
        assert revision_of(database) == HEAD


def test_an_upgrade_keeps_the_data_and_backs_up_a_sqlite_file_first(
    fresh_url: str, next_revision: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with open_database(fresh_url) as database:
        visit_id = VisitService(database).save(full_visit()).id
        complaints = count(database, ComplaintRow)
    next_revision.write_text(NEXT_REVISION.format(head=HEAD, fail=""), encoding="utf-8")

    with (
        caplog.at_level(logging.INFO, logger="clinic_app.storage"),
        open_database(fresh_url, server_backup_confirmed=True) as database,
    ):
        assert revision_of(database) == "9001"
        assert count(database, ComplaintRow) == complaints  # nothing cascaded away
        assert VisitService(database).load(visit_id).visit.complaints == full_visit().complaints

    sqlite_file = Path(make_url(fresh_url).database or "") if fresh_url.startswith("sqlite") else None
    if sqlite_file is None:
        assert "no file backup is taken of a postgresql database" in caplog.text
        return
    [backup] = sqlite_file.parent.glob("clinic.backup-*.db")
    assert mode(backup) == 0o600
    with open_database(f"sqlite:///{backup}", migrate=False) as copy:
        assert revision_of(copy) == HEAD
        assert count(copy, VisitRow) == 1
        assert count(copy, ComplaintRow) == complaints


def test_a_failing_migration_changes_nothing(fresh_url: str, next_revision: Path) -> None:
    with open_database(fresh_url) as database:
        VisitService(database).save(full_visit())
    next_revision.write_text(
        NEXT_REVISION.format(head=HEAD, fail='raise RuntimeError("boom")'), encoding="utf-8"
    )
    with pytest.raises(RuntimeError, match="boom"):
        open_database(fresh_url, server_backup_confirmed=True)
    with open_database(fresh_url, migrate=False) as database:
        assert revision_of(database) == HEAD
        assert "room" not in {column["name"] for column in inspect(database.engine).get_columns("visits")}
        assert count(database, ComplaintRow) == len(full_visit().complaints)


def test_the_newest_migration_file_is_alembics_head() -> None:
    assert storage_schema.newest_revision_file() == HEAD


# A database at head opens without Alembic (and Mako, and the revision scripts): some 20 MiB.
OPEN_AT_HEAD = """
import sys
from clinic_app.storage import open_database
with open_database(sys.argv[1]) as database:
    assert database.upgrade() is None
print(sorted(name for name in sys.modules if name.split(".")[0] in ("alembic", "mako")))
"""


def test_a_database_at_head_opens_without_loading_alembic(fresh_url: str) -> None:
    open_database(fresh_url).dispose()  # made and migrated to head
    opened = subprocess.run(
        [sys.executable, "-c", OPEN_AT_HEAD, fresh_url], capture_output=True, text=True, check=True
    )
    assert opened.stdout.strip() == "[]"


def test_a_database_from_a_newer_app_is_refused(fresh_url: str) -> None:
    with open_database(fresh_url) as database, database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    with pytest.raises(ClinicError, match="newer Clinic App"):
        open_database(fresh_url)


def test_a_database_with_other_tables_is_left_alone(fresh_url: str) -> None:
    with open_database(fresh_url, migrate=False) as database, database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(ClinicError, match="did not make"):
        open_database(fresh_url)


# ---- the SQLite file ------------------------------------------------------------------------


def test_a_new_sqlite_file_and_its_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "clinic.db"
    with open_database(f"sqlite:///{path}") as database:
        VisitService(database).save(full_visit())
        assert mode(path.parent) == 0o700
        for name in ("clinic.db", "clinic.db-wal", "clinic.db-shm"):
            assert mode(path.parent / name) == 0o600, name


def test_existing_files_are_made_private(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    open_database(f"sqlite:///{path}").dispose()
    for name in ("clinic.db", "clinic.db-wal"):
        (tmp_path / name).touch()
        (tmp_path / name).chmod(0o644)
    open_database(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o600


def test_sqlite_pragmas_are_set_on_every_connection(tmp_path: Path) -> None:
    with open_database(f"sqlite:///{tmp_path / 'clinic.db'}") as database, database.reading() as session:
        pragma = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("foreign_keys", "journal_mode", "busy_timeout", "synchronous")
        }
    assert pragma == {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": 5000, "synchronous": 1}


def test_a_write_transaction_takes_the_write_lock_at_once(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    with open_database(f"sqlite:///{path}") as database, database.writing() as session:
        session.execute(select(VisitRow.id))  # only reads, yet holds the write lock from its BEGIN
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


# ---- where the data lives -------------------------------------------------------------------


def test_the_default_database_is_a_file_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = database_url()
    assert url.get_backend_name() == "sqlite"
    assert Path(url.database or "") == tmp_path / "clinic-app" / "clinic.db"


def test_the_environment_selects_another_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://clinic:secret@db.example/clinic")
    url = database_url()
    assert url.drivername == "postgresql+psycopg"  # the driver that ships with the app
    assert describe_location(url) == "postgresql+psycopg://clinic:***@db.example/clinic"


def test_a_malformed_url_is_explained_without_echoing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "not a url with secret password")
    with pytest.raises(ClinicError, match=DATABASE_URL_ENV) as raised:
        database_url()
    assert "secret" not in str(raised.value)


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    from clinic_app.storage.files import KEPT_BACKUPS, backup_sqlite_file

    database = tmp_path / "clinic.db"
    sqlite3.connect(database).close()
    for day in range(1, 8):
        (tmp_path / f"clinic.backup-202601{day:02d}-000000-000000.db").write_bytes(b"")
    newest = backup_sqlite_file(database)
    kept = sorted(tmp_path.glob("clinic.backup-*.db"))
    assert len(kept) == KEPT_BACKUPS
    assert kept[-1] == newest
    assert kept[0].name == "clinic.backup-20260104-000000-000000.db"


def test_patients_stored_before_word_search_are_found_by_a_later_word(fresh_url: str) -> None:
    # Revision 0004 adds the later-word keys; it must fill them in for the patients already there.
    engine = create_engine(fresh_url)
    try:
        with engine.begin() as connection:
            command.upgrade(storage_schema.alembic_config(connection), "0003")
            columns = mapping.patient_columns(
                Patient(mrn="OLD-1", given_name="Ana María", family_name="López")
            )
            columns.pop("mrn_fold")  # added by revision 0009
            now = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
            connection.execute(insert(PatientRow), [{**columns, "created_at": now, "updated_at": now}])
    finally:
        engine.dispose()

    with open_database(fresh_url, server_backup_confirmed=True) as database:
        assert revision_of(database) == HEAD
        assert [p.mrn for p in PatientService(database).search("maria")] == ["OLD-1"]
