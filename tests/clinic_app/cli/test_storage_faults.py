"""Every storage fault answered with a plain message saying what to do (the real command, in a child
process), and no further harm done."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from clinic_app.storage.sqlite_copy import verify_copy
from tests.clinic_app.cli.clinics import KNEE, Clinic, knee_document, new_clinic
from tests.clinic_app.cli.commands import assert_plain_failure

DAMAGED = "is damaged or is not a Clinic App database; nothing was changed"


def broken_clinic(tmp_path: Path, content: bytes) -> Clinic:
    clinic = new_clinic(tmp_path)
    clinic.database_file.write_bytes(content)
    return clinic


@pytest.mark.parametrize(
    "content",
    [os.urandom(64 * 1024), b"Dear colleague, ...\n", b"SQLite format 3\x00" + b"\x00" * 84],
    ids=["random bytes", "a text file", "a header alone"],
)
def test_a_file_that_is_not_a_database_is_named_and_left_alone(content: bytes, tmp_path: Path) -> None:
    clinic = broken_clinic(tmp_path, content)
    message = assert_plain_failure(clinic.run("visit", "export", "0" * 32))
    assert DAMAGED in message
    assert "clinic restore" in message
    assert clinic.database_file.read_bytes() == content  # no further harm


def test_a_truncated_database_is_named_and_left_alone(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    assert clinic.run("demo").returncode == 0
    whole = clinic.database_file.read_bytes()
    clinic.database_file.write_bytes(whole[: len(whole) // 3])
    message = assert_plain_failure(clinic.run("visit", "export", "0" * 32))
    assert DAMAGED in message


def test_a_folder_as_database_is_named(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path / "clinic")
    folder = tmp_path / "a-folder.db"
    folder.mkdir(mode=0o755)
    done = clinic.run(
        "visit", "export", "0" * 32, env=clinic.environment(CLINIC_APP_DATABASE_URL=f"sqlite:///{folder}")
    )
    assert "is a folder, not a database file" in assert_plain_failure(done)
    assert folder.stat().st_mode & 0o777 == 0o755  # left as it was


def test_a_database_from_a_newer_app_says_to_update(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    with closing(sqlite3.connect(clinic.database_file)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    message = assert_plain_failure(clinic.run("visit", "import", KNEE))
    assert "made by a newer Clinic App (schema revision 9999); update Clinic App" in message


def test_two_rows_in_the_version_table_are_explained(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    with closing(sqlite3.connect(clinic.database_file)) as connection, connection:
        connection.execute("INSERT INTO alembic_version VALUES ('0005')")
    message = assert_plain_failure(clinic.run("db", "upgrade"))
    assert "schema version is unclear (alembic_version holds 2 rows" in message


# ---- a busy database ---------------------------------------------------------------------------------


@contextmanager
def write_lock_held(database: Path) -> Iterator[None]:
    """Another program in the middle of a long save: it holds SQLite's write lock."""
    with closing(sqlite3.connect(database, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE app_settings SET paper = paper")
        yield
        writer.execute("ROLLBACK")


def test_opening_takes_no_write_lock_and_a_busy_database_says_try_again(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    visit_id = clinic.import_visit(KNEE)
    with write_lock_held(clinic.database_file):
        # The version check at start is a read: it succeeds while another program writes. Had it
        # asked for the write lock, it would have waited out the busy timeout and then failed.
        done = clinic.run("db", "upgrade")
        assert done.returncode == 0, done.stderr.decode()
        assert "already at the current schema" in done.stdout.decode()

        message = assert_plain_failure(clinic.run("visit", "export", visit_id))  # its login is recorded
        assert message == "clinic: the database is busy with another save; wait a moment and try again\n"
    assert clinic.export_visit(visit_id)["visit"]["id"] == visit_id


# ---- a read-only folder ------------------------------------------------------------------------------


@contextmanager
def read_only_view(folder: Path) -> Iterator[Path]:
    """The folder as a read-only one: a read-only bind mount as root (whom permissions do not stop)."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield folder
        finally:
            folder.chmod(0o700)
        return
    view = folder.with_name(folder.name + "-read-only")
    view.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(folder), str(view)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot make a read-only folder here: {mounted.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=True)


def test_a_read_only_folder_still_exports_and_refuses_saving_plainly(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path / "data")
    visit_id = clinic.import_visit(KNEE)
    expected = clinic.export_visit(visit_id)
    before = sorted(p.name for p in clinic.folder.iterdir())
    later = knee_document()
    later["visit"]["date"] = "2026-11-26"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(later), encoding="utf-8")
    with read_only_view(clinic.folder) as view:
        here = Clinic(view, f"sqlite:///{view / 'clinic.db'}", clinic.login)
        done = here.run("visit", "export", visit_id)
        assert done.returncode == 0, done.stderr.decode()
        assert json.loads(done.stdout) == expected
        assert "the database is read-only: this visit_export was not recorded" in done.stderr.decode()

        message = assert_plain_failure(here.run("visit", "import", other))
        assert "cannot be written (its file or folder is read-only), so nothing was saved" in message
    assert sorted(p.name for p in clinic.folder.iterdir()) == before


# ---- a full disk -------------------------------------------------------------------------------------


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A file system of its own, `size` big (a tmpfs, as root); skipped where none can be mounted."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(folder: Path) -> Path:
    """Take every free byte of the file system; returns the filler file (remove it to free them)."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as stream, contextlib.suppress(OSError):
        while True:
            stream.write(b"\0" * 4096)
    return filler


def test_a_full_disk_is_named_and_nothing_is_lost(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "2m") as disk:
        clinic = new_clinic(disk / "data")
        first = clinic.import_visit(KNEE)
        later = knee_document()
        later["visit"]["date"] = "2026-11-26"
        later["complaints"][0]["note"] = "x" * 4000
        document = tmp_path / "later.json"
        document.write_text(json.dumps(later), encoding="utf-8")
        filler = fill(disk)
        message = assert_plain_failure(clinic.run("visit", "import", document))
        assert "is full, so nothing was saved; free some space on it and try again" in message
        filler.unlink()
        verify_copy(clinic.database_file)  # intact
        assert clinic.export_visit(first)["visit"]["id"] == first
        assert clinic.import_visit(document)


# ---- PostgreSQL --------------------------------------------------------------------------------------


def test_an_unreachable_server_is_named(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    env = clinic.environment(CLINIC_APP_DATABASE_URL="postgresql+psycopg://clinic@127.0.0.1:9/clinic")
    message = assert_plain_failure(clinic.run("visit", "export", "0" * 32, env=env))
    assert "cannot reach the PostgreSQL server at postgresql+psycopg://clinic@127.0.0.1:9/clinic" in message


def test_a_missing_driver_says_to_install_the_postgres_extra(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    env = clinic.environment(CLINIC_APP_DATABASE_URL="postgresql+psycopg://clinic@127.0.0.1:9/clinic")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['psycopg'] = None\n"  # as if it had never been installed
            "from clinic_app.cli import main; sys.exit(main(['visit', 'export', '0' * 32]))",
        ],
        env=env,
        capture_output=True,
        check=False,
    )
    message = assert_plain_failure(done)
    assert "the PostgreSQL driver (psycopg) is not installed" in message
    assert "pip install 'clinic-app[postgres]'" in message


def server_url(**parts: str) -> str:
    url = make_url(os.environ["CLINIC_TEST_POSTGRES_URL"]).set(drivername="postgresql+psycopg", **parts)  # type: ignore[arg-type]
    return url.render_as_string(hide_password=False)


@pytest.mark.postgres
def test_a_wrong_user_is_named(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    env = clinic.environment(CLINIC_APP_DATABASE_URL=server_url(username="nobody_here"))
    message = assert_plain_failure(clinic.run("visit", "export", "0" * 32, env=env))
    assert "refused the login: check the user name and password in CLINIC_APP_DATABASE_URL" in message


@pytest.mark.postgres
def test_a_missing_database_is_named(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    env = clinic.environment(CLINIC_APP_DATABASE_URL=server_url(database="no_such_clinic_db"))
    message = assert_plain_failure(clinic.run("visit", "export", "0" * 32, env=env))
    assert "has no database named as in" in message
    assert "no_such_clinic_db" in message
