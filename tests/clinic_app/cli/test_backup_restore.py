"""`clinic backup` and `clinic restore`, and the copies taken before an upgrade, as a clinic uses them."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select

from clinic_app.accounts import Role
from clinic_app.storage import VisitService
from clinic_app.storage import schema as storage_schema
from clinic_app.storage.accounts import AccountService
from clinic_app.storage.db import open_database
from clinic_app.storage.orm import VisitRow
from clinic_app.storage.sqlite_copy import count_rows, revision_of, verify_copy
from clinic_app.visitdoc import dump_visit_document
from tests.clinic_app.cli.clinics import KNEE, Clinic, knee_document, new_clinic
from tests.clinic_app.cli.commands import assert_plain_failure
from tests.clinic_app.cli.test_storage_faults import small_disk
from tests.clinic_app.logins import ADMIN, PASSWORD, add_account, login_environment, password_file


def every_visit(clinic: Clinic) -> dict[str, str]:
    """Every stored visit as a visit document, by id (through the service the export command uses)."""
    with open_database(clinic.url) as database:
        user = AccountService(database).login(ADMIN, PASSWORD)
        with database.reading() as session:
            ids = session.scalars(select(VisitRow.id)).all()
        visits = VisitService(database)
        return {visit_id: dump_visit_document(visits.export_document(user, visit_id)) for visit_id in ids}


def test_a_backup_restored_into_a_new_folder_exports_every_visit_equal(tmp_path: Path) -> None:
    original = new_clinic(tmp_path / "clinic")
    assert original.run("demo").returncode == 0
    original.import_visit(KNEE)
    backup = tmp_path / "usb" / "clinic-backup.db"
    backup.parent.mkdir()

    done = original.run("backup", "-o", backup)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().startswith(f"Wrote a verified backup to {backup}: ")
    assert backup.stat().st_mode & 0o777 == 0o600
    verify_copy(backup)

    fresh = Clinic(
        tmp_path / "new-laptop", f"sqlite:///{tmp_path / 'new-laptop' / 'clinic.db'}", original.login
    )
    done = fresh.run("restore", backup)
    assert done.returncode == 0, done.stderr.decode()
    restored = every_visit(fresh)
    assert restored == every_visit(original)
    assert len(restored) > 20
    some_id = sorted(restored)[0]
    assert fresh.export_visit(some_id) == original.export_visit(some_id)  # and so says the command


def test_the_login_is_checked_against_the_accounts_inside_the_backup(tmp_path: Path) -> None:
    original = new_clinic(tmp_path / "clinic")
    backup = tmp_path / "backup.db"
    assert original.run("backup", "-o", backup).returncode == 0
    elsewhere = new_clinic(tmp_path / "elsewhere")  # its own admin, whose password the backup does not know
    with open_database(elsewhere.url) as database:
        admin = AccountService(database).login(ADMIN, PASSWORD)
        AccountService(database).set_password(admin, ADMIN, "another long password")
    elsewhere.login = {
        **elsewhere.login,
        "CLINIC_APP_PASSWORD_FILE": str(password_file(tmp_path, "another long password")),
    }
    target = tmp_path / "new" / "clinic.db"
    fresh = Clinic(target.parent, f"sqlite:///{target}", elsewhere.login)
    assert_plain_failure(fresh.run("restore", backup), status=3)
    assert not target.exists() or target.stat().st_size == 0
    assert [p.name for p in target.parent.iterdir() if "restoring" in p.name] == []


def test_only_an_admin_may_back_up(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    with open_database(clinic.url) as database:
        add_account(database, AccountService(database).login(ADMIN, PASSWORD), "sam", Role.THERAPIST)
    (tmp_path / "sam").mkdir()
    therapist = clinic.environment(**login_environment(tmp_path / "sam", "sam"))
    message = assert_plain_failure(clinic.run("backup", "-o", tmp_path / "b.db", env=therapist), status=3)
    assert "sam (therapist) may not" in message
    assert not (tmp_path / "b.db").exists()


def test_restore_replaces_only_when_asked_and_keeps_what_it_replaced(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    kept_id = clinic.import_visit(KNEE)
    backup = tmp_path / "backup.db"
    assert clinic.run("backup", "-o", backup).returncode == 0
    later = knee_document()
    later["visit"]["date"] = "2026-11-26"
    later_id = clinic.import_visit(later)  # after the backup: gone once it is restored

    message = assert_plain_failure(clinic.run("restore", backup))
    assert "run again with --replace" in message
    assert set(every_visit(clinic)) == {kept_id, later_id}

    done = clinic.run("restore", backup, "--replace")
    assert done.returncode == 0, done.stderr.decode()
    assert set(every_visit(clinic)) == {kept_id}
    [replaced] = tmp_path.glob("clinic.before-restore-*.db")
    assert f"The database it replaced is kept as {replaced}." in done.stdout.decode()
    with closing(sqlite3.connect(replaced)) as connection:
        assert count_rows(connection)["visits"] == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("clinic.db")) == ["clinic.db"]


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    visit_id = clinic.import_visit(KNEE)
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    message = assert_plain_failure(clinic.run("restore", junk, "--replace"))
    assert "is damaged or is not a Clinic App database" in message
    assert set(every_visit(clinic)) == {visit_id}


def test_a_backup_is_consistent_while_another_program_writes(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    writer = subprocess.Popen(  # a therapist importing visit after visit meanwhile
        [
            sys.executable,
            "-c",
            "import json, sys\n"
            "from clinic_app.cli import main\n"
            "data = json.load(open(sys.argv[1]))\n"
            "for day in range(1, 29):\n"
            "    data['visit']['date'] = f'2026-10-{day:02d}'\n"
            "    open(sys.argv[2], 'w').write(json.dumps(data))\n"
            "    main(['visit', 'import', sys.argv[2]])\n",
            str(KNEE),
            str(tmp_path / "next.json"),
        ],
        env=clinic.environment(),
        stdout=subprocess.DEVNULL,
    )
    try:
        backups: list[Path] = []
        while writer.poll() is None and len(backups) < 5:
            backup = tmp_path / f"backup-{len(backups)}.db"
            done = clinic.run("backup", "-o", backup)
            assert done.returncode == 0 or b"busy" in done.stderr, done.stderr.decode()
            if done.returncode == 0:
                backups.append(backup)
    finally:
        writer.wait(timeout=120)
    assert backups
    for backup in backups:
        counts = verify_copy(backup)  # opened, integrity-checked, counted
        with closing(sqlite3.connect(backup)) as connection:
            orphans = connection.execute(
                "SELECT count(*) FROM complaints WHERE visit_id NOT IN (SELECT id FROM visits)"
            ).fetchone()[0]
        assert orphans == 0
        assert counts["visits"] <= 28


def test_a_backup_target_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path / "clinic")
    message = assert_plain_failure(clinic.run("backup", "-o", tmp_path))
    assert "it is a folder" in message


# ---- the copy taken before an upgrade ---------------------------------------------------------------


def clinic_at_revision(folder: Path, revision: str, patients: int = 0) -> Clinic:
    """A database left at an older schema revision, with made-up patients to give it some size."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "clinic.db"
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        command.upgrade(storage_schema.alembic_config(connection), revision)
        for number in range(patients):
            connection.exec_driver_sql(
                "INSERT INTO patients (mrn, given_name, family_name, mrn_key, family_given_key, "
                "given_family_key, created_at, updated_at) VALUES (?, 'A', ?, ?, 'b a', 'a b', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                (f"P-{number}", "B" * 150, f"p-{number}"),
            )
    engine.dispose()
    return Clinic(folder, f"sqlite:///{database}")


def test_an_upgrade_without_room_for_its_backup_changes_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "3m") as disk:
        clinic = clinic_at_revision(disk / "data", "0006", patients=3000)
        size = clinic.database_file.stat().st_size
        assert size > 1_000_000
        (disk / "ballast").write_bytes(
            b"\0" * (shutil.disk_usage(disk).free - size // 2)
        )  # room for half a copy
        message = assert_plain_failure(clinic.run("db", "upgrade"))
        assert "not enough free space beside" in message
        assert "the database was not changed" in message
        assert revision_of(clinic.database_file) == "0006"
        assert [p.name for p in clinic.folder.iterdir() if "backup" in p.name] == []


def test_an_upgrade_backup_is_verified_and_unfinished_ones_never_join_the_rotation(tmp_path: Path) -> None:
    clinic = clinic_at_revision(tmp_path / "data", "0006", patients=10)
    folder = clinic.folder
    (folder / "clinic.backup-20260101-000000-000000.db.partial").write_bytes(b"half a copy")
    # Broken copies named as if newer, from an older release that did not verify them.
    for day in range(1, 7):
        (folder / f"clinic.backup-2099010{day}-000000-000000.db").write_bytes(b"")
    done = clinic.run("db", "upgrade")
    assert done.returncode == 0, done.stderr.decode()
    [made] = [
        line.split(" is ", 1)[1].rstrip(".")
        for line in done.stdout.decode().splitlines()
        if "copy taken" in line
    ]
    made_path = Path(made)
    assert made_path.exists()  # the one verified copy is never rotated out
    assert revision_of(made_path) == "0006"
    assert count_rows(sqlite3.connect(made_path))["patients"] == 10
    assert not list(folder.glob("*.partial"))
    assert len(list(folder.glob("clinic.backup-*.db"))) == 6  # five newest names, and the verified one


# ---- PostgreSQL ---------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgresql_backups_are_the_servers_and_upgrades_wait_for_a_yes(tmp_path: Path) -> None:
    from tests.clinic_app.storage.conftest import fresh_postgres_database

    with fresh_postgres_database("backup_restore") as url:
        engine = create_engine(url)
        with engine.begin() as connection:
            command.upgrade(storage_schema.alembic_config(connection), "0006")
        engine.dispose()
        clinic = Clinic(tmp_path, url)
        env = clinic.environment()

        message = assert_plain_failure(clinic.run("visit", "export", "0" * 32, env=env))
        assert "Back it up with the server's own tools first (for PostgreSQL, pg_dump)" in message
        message = assert_plain_failure(clinic.run("db", "upgrade", env=env, stdin=subprocess.DEVNULL))
        assert "pg_dump" in message
        assert "clinic db upgrade --yes" in message

        done = clinic.run("db", "upgrade", "--yes", env=env)
        assert done.returncode == 0, done.stderr.decode()
        assert "from revision 0006" in done.stdout.decode()

        message = assert_plain_failure(clinic.run("backup", "-o", tmp_path / "b.db", env=env))
        assert "backed up and restored with the server's own tools" in message
        assert not (tmp_path / "b.db").exists()
