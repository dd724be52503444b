"""Encryption at rest through the real commands: the first account encrypts, logins unlock, accounts
keep their key slots, backups carry their keys, and a plaintext database is converted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from clinic_app.storage.encrypted import is_plaintext_database, opens_with
from clinic_app.storage.failed_logins import failed_logins_path
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.plain_settings import plain_settings_path
from clinic_app.storage.settings import SettingsService
from tests.clinic_app.cli.clinics import KNEE, Clinic, new_clinic
from tests.clinic_app.cli.commands import assert_plain_failure
from tests.clinic_app.cli.encrypted_clinics import exported, new_encrypted_clinic, unlocked, visit_ids
from tests.clinic_app.logins import ADMIN, PASSWORD, login_environment, password_file

JO_PASSWORD = "jo's own password"


def add_jo(clinic: Clinic, role: str = "therapist") -> dict[str, str]:
    done = clinic.run(
        "user", "add", "jo", "--name", "Jo Park, PT", "--role", role, "--password-stdin",
        input=f"{JO_PASSWORD}\n".encode(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    folder = clinic.folder / "jo"
    folder.mkdir(exist_ok=True)
    return login_environment(folder, "jo", JO_PASSWORD)


def test_the_first_account_makes_an_encrypted_database_and_prints_its_recovery_key_once(
    tmp_path: Path,
) -> None:
    clinic, recovery = new_encrypted_clinic(tmp_path / "clinic")
    database = clinic.database_file
    assert not is_plaintext_database(database)
    assert KeySlots.load(slots_path(database)).usernames == [ADMIN]
    assert opens_with(database, recovery.database_key)
    assert slots_path(database).stat().st_mode & 0o777 == 0o600

    clinic.import_visit(KNEE)
    done = clinic.run("user", "list")
    assert done.returncode == 0, done.stderr.decode()
    assert "RECOVERY" not in done.stdout.decode()  # shown once only, with the first account


def test_the_recovery_warning_says_that_losing_passwords_and_sheet_loses_the_data(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    done = Clinic(folder, f"sqlite:///{folder / 'clinic.db'}").run(
        "user", "add", ADMIN, "--name", "Ada Admin, PT", "--role", "admin", "--password-stdin",
        input=f"{PASSWORD}\n".encode(),
    )  # fmt: skip
    said = " ".join(done.stdout.decode().split())
    assert "RECOVERY KEY" in said
    assert "If every password is lost AND this recovery key is lost, the data is lost for good" in said


def test_without_a_login_an_encrypted_database_is_refused_plainly(tmp_path: Path) -> None:
    clinic, _recovery = new_encrypted_clinic(tmp_path / "clinic")
    done = clinic.run(
        "visit", "import", KNEE, env=clinic.environment(CLINIC_APP_USER="", CLINIC_APP_PASSWORD_FILE="")
    )
    assert "needs a login" in assert_plain_failure(done, 3)


def test_failed_logins_are_counted_while_locked_and_moved_into_the_audit_trail(tmp_path: Path) -> None:
    clinic, _recovery = new_encrypted_clinic(tmp_path / "clinic")
    wrong = {**clinic.login, "CLINIC_APP_PASSWORD_FILE": str(password_file(tmp_path, "not the password"))}
    for _attempt in range(2):
        done = clinic.run("visit", "import", KNEE, env=clinic.environment(**wrong))
        assert "login failed for admin" in assert_plain_failure(done, 3)
    unknown = clinic.environment(**{**wrong, "CLINIC_APP_USER": "nobody"})
    assert_plain_failure(clinic.run("visit", "import", KNEE, env=unknown), 3)
    assert failed_logins_path(clinic.database_file).exists()

    done = clinic.run("audit", "--json")
    assert done.returncode == 0, done.stderr.decode()
    failed = [
        (entry["user"], entry["detail"])
        for entry in json.loads(done.stdout)
        if entry["action"] == "login_failed"
    ]
    assert failed == [("admin", "wrong password"), ("admin", "wrong password"), ("nobody", "no such account")]
    assert json.loads(failed_logins_path(clinic.database_file).read_text())["pending"] == []
    assert clinic.run("audit", "verify").returncode == 0


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(tmp_path: Path) -> None:
    clinic, _recovery = new_encrypted_clinic(tmp_path / "clinic")
    wrong = clinic.environment(CLINIC_APP_PASSWORD_FILE=str(password_file(tmp_path, "a wrong guess")))
    for _attempt in range(5):
        assert_plain_failure(clinic.run("visit", "import", KNEE, env=wrong), 3)
    done = clinic.run("visit", "import", KNEE)
    assert "is locked after 5 failed logins" in assert_plain_failure(done, 3)


def test_accounts_keep_their_key_slots_in_step(tmp_path: Path) -> None:
    clinic, _recovery = new_encrypted_clinic(tmp_path / "clinic")
    jo = add_jo(clinic)
    assert sorted(KeySlots.load(slots_path(clinic.database_file)).usernames) == ["admin", "jo"]
    visit_id = clinic.import_visit(KNEE)
    assert clinic.run("visit", "export", visit_id, env=clinic.environment(**jo)).returncode == 0

    assert clinic.run("user", "disable", "jo").returncode == 0
    assert KeySlots.load(slots_path(clinic.database_file)).usernames == ["admin"]
    assert_plain_failure(clinic.run("visit", "export", visit_id, env=clinic.environment(**jo)), 3)

    done = clinic.run("user", "enable", "jo")
    assert done.returncode == 0, done.stderr.decode()
    assert "clinic user passwd jo" in done.stdout.decode()
    new_password = "jo's second password"
    done = clinic.run("user", "passwd", "jo", "--password-stdin", input=f"{new_password}\n".encode())
    assert done.returncode == 0, done.stderr.decode()
    jo_again = login_environment(tmp_path, "jo", new_password)  # jo's old file stays as it was
    assert clinic.run("visit", "export", visit_id, env=clinic.environment(**jo_again)).returncode == 0
    assert_plain_failure(clinic.run("visit", "export", visit_id, env=clinic.environment(**jo)), 3)


def test_documents_print_without_a_login_from_the_plain_copy_of_the_clinic_profile(tmp_path: Path) -> None:
    from clinic_app.domain import ClinicProfile, DocumentSettings
    from clinic_app.storage.accounts import AccountService

    clinic, _recovery = new_encrypted_clinic(tmp_path / "clinic")
    profile = ClinicProfile(name="Harbour PT", phone="555-0100", emergency_number="911")
    with unlocked(clinic) as database:
        user = AccountService(database).login(ADMIN, PASSWORD)
        SettingsService(database).save_as(user, profile, DocumentSettings(), 10)
    copy = json.loads(plain_settings_path(clinic.database_file).read_text(encoding="utf-8"))
    assert copy["profile"]["name"] == "Harbour PT"

    out = tmp_path / "handout.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "clinic_app", "handout", str(KNEE), "-o", str(out)],
        env=clinic.environment(CLINIC_APP_USER="", CLINIC_APP_PASSWORD_FILE=""),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert out.read_bytes().startswith(b"%PDF")


def test_a_backup_carries_its_key_file_and_restores_with_the_password(tmp_path: Path) -> None:
    original, _recovery = new_encrypted_clinic(tmp_path / "clinic")
    assert original.run("demo").returncode == 0
    original.import_visit(KNEE)
    backup = tmp_path / "usb" / "clinic-backup.db"
    backup.parent.mkdir()
    done = original.run("backup", "-o", backup)
    assert done.returncode == 0, done.stderr.decode()
    assert not is_plaintext_database(backup)
    assert slots_path(backup).exists()

    fresh = Clinic(tmp_path / "laptop", f"sqlite:///{tmp_path / 'laptop' / 'clinic.db'}", original.login)
    done = fresh.run("restore", backup)
    assert done.returncode == 0, done.stderr.decode()
    assert not is_plaintext_database(fresh.database_file)
    ids = visit_ids(original)
    assert len(ids) > 1
    assert exported(fresh, ids) == exported(original, ids)


def test_a_backup_without_its_key_file_restores_with_the_recovery_key(tmp_path: Path) -> None:
    original, recovery = new_encrypted_clinic(tmp_path / "clinic")
    add_jo(original)
    visit_id = original.import_visit(KNEE)
    backup = tmp_path / "usb" / "clinic-backup.db"
    backup.parent.mkdir()
    assert original.run("backup", "-o", backup).returncode == 0
    slots_path(backup).unlink()

    fresh = Clinic(tmp_path / "laptop", f"sqlite:///{tmp_path / 'laptop' / 'clinic.db'}", original.login)
    done = fresh.run("restore", backup)
    assert "--recovery-key-file" in assert_plain_failure(done, 1)
    assert not fresh.database_file.exists() or fresh.database_file.stat().st_size == 0

    wrong = tmp_path / "wrong-sheet.txt"
    _other, other_recovery = new_encrypted_clinic(tmp_path / "other")
    wrong.write_text(str(other_recovery))
    assert "not the one of this database" in assert_plain_failure(
        fresh.run("restore", backup, "--recovery-key-file", wrong), 3
    )

    sheet = tmp_path / "sheet.txt"
    sheet.write_text(str(recovery).lower().replace("-", " "))  # typed as read off the paper
    done = fresh.run("restore", backup, "--recovery-key-file", sheet)
    assert done.returncode == 0, done.stderr.decode()
    assert KeySlots.load(slots_path(fresh.database_file)).usernames == [ADMIN]
    assert exported(fresh, [visit_id]) == exported(original, [visit_id])


def test_a_plaintext_database_is_converted_after_a_verified_backup_and_exports_every_visit_equal(
    tmp_path: Path,
) -> None:
    clinic = new_clinic(tmp_path / "clinic")  # made in plaintext, as before encryption
    jo = add_jo(clinic)
    assert clinic.run("demo").returncode == 0
    clinic.import_visit(KNEE)
    backup_beside = clinic.folder / "clinic.backup-20260101-000000-000000.db"
    assert clinic.run("backup", "-o", backup_beside).returncode == 0  # a plaintext copy, to be removed
    ids = _plain_visit_ids(clinic)
    before = exported(clinic, ids)

    done = clinic.run("db", "encrypt")
    assert done.returncode == 0, done.stderr.decode()
    assert "RECOVERY KEY" in done.stdout.decode()
    assert not is_plaintext_database(clinic.database_file)
    assert not backup_beside.exists()
    leftovers = [p.name for p in clinic.folder.iterdir() if p.is_file() and is_plaintext_database(p)]
    assert leftovers == []
    assert exported(clinic, ids) == before
    # jo keeps the password (a slot from the stored hash), rewrapped with a fresh salt at the login
    assert clinic.run("visit", "export", ids[0], env=clinic.environment(**jo)).returncode == 0
    assert not KeySlots.load(slots_path(clinic.database_file)).needs_rewrap("jo")

    again = clinic.run("db", "encrypt")
    assert "already" in assert_plain_failure(again, 1)


def test_only_an_admin_converts_a_plaintext_database(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path / "clinic")
    jo = add_jo(clinic, role="therapist")
    done = clinic.run("db", "encrypt", env=clinic.environment(**jo))
    assert_plain_failure(done, 3)
    assert is_plaintext_database(clinic.database_file)


def _plain_visit_ids(clinic: Clinic) -> list[str]:
    from sqlalchemy import select

    from clinic_app.storage.db import open_database
    from clinic_app.storage.orm import VisitRow

    with open_database(clinic.url) as database, database.reading() as session:
        return sorted(session.scalars(select(VisitRow.id)).all())
