"""`clinic db rekey` through the real command: a new key and recovery key, every enabled account keeps
its password, disabled ones lose their slot, a verified backup under the old key comes first, and a
rekey killed between its two renames is finished by the next login."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from clinic_app.storage import rekeying
from clinic_app.storage.encrypted import opens_with
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.orm import AuditEntryRow
from clinic_app.storage.recovery_key import RecoveryKey
from clinic_app.storage.rekeying import pending_slots_path
from tests.clinic_app.cli.clinics import KNEE, Clinic
from tests.clinic_app.cli.commands import assert_plain_failure
from tests.clinic_app.cli.encrypted_clinics import (
    RECOVERY_LINE,
    exported,
    new_encrypted_clinic,
    unlocked,
    visit_ids,
)
from tests.clinic_app.logins import ADMIN, PASSWORD, login_environment

JO_PASSWORD = "jo's own password"
KIM_PASSWORD = "kim's own password"


def add(clinic: Clinic, name: str, password: str, role: str = "therapist") -> dict[str, str]:
    done = clinic.run(
        "user", "add", name, "--name", f"{name.title()} Park, PT", "--role", role, "--password-stdin",
        input=f"{password}\n".encode(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    folder = clinic.folder / name
    folder.mkdir(exist_ok=True)
    return clinic.environment(**login_environment(folder, name, password))


def test_rekey_makes_a_new_key_keeps_enabled_passwords_and_drops_disabled_slots(tmp_path: Path) -> None:
    clinic, old_recovery = new_encrypted_clinic(tmp_path / "clinic")
    clinic.import_visit(KNEE)
    jo = add(clinic, "jo", JO_PASSWORD)
    add(clinic, "kim", KIM_PASSWORD)
    assert clinic.run("user", "disable", "kim").returncode == 0
    before = exported(clinic, visit_ids(clinic))
    database = clinic.database_file

    done = clinic.run("db", "rekey")

    said = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    found = RECOVERY_LINE.search(said)
    assert found is not None, said
    new_recovery = RecoveryKey.parse(found.group(1))
    assert new_recovery != old_recovery
    assert opens_with(database, new_recovery.database_key)
    assert not opens_with(database, old_recovery.database_key)
    assert sorted(KeySlots.load(slots_path(database)).usernames) == [ADMIN, "jo"]
    assert "Disabled accounts have no key slot: kim." in said
    # The backup first, under the old key: it opens with the old passwords and the old sheet.
    (kept,) = database.parent.glob("clinic.before-rekey-*.db")
    assert str(kept) in said
    assert KeySlots.load(slots_path(kept)).unlock(ADMIN, PASSWORD) == old_recovery.database_key
    assert opens_with(kept, old_recovery.database_key)
    # Every visit as it was; jo logs in with his own password; the change is in the trail.
    assert exported(clinic, visit_ids(clinic)) == before
    assert clinic.run("visit", "export", next(iter(before)), env=jo).returncode == 0
    with unlocked(clinic) as opened, opened.reading() as session:
        actions = session.scalars(select(AuditEntryRow.action).order_by(AuditEntryRow.seq)).all()
    assert "database_rekey" in actions
    assert not list(database.parent.glob("clinic.rekeying-*"))
    assert not pending_slots_path(database).exists()


def test_only_an_admin_may_rekey_and_the_help_says_old_backups_keep_the_old_key(tmp_path: Path) -> None:
    clinic, recovery = new_encrypted_clinic(tmp_path / "clinic")
    jo = add(clinic, "jo", JO_PASSWORD)
    message = assert_plain_failure(clinic.run("db", "rekey", env=jo), status=3)
    assert "jo (therapist) may not" in message
    assert opens_with(clinic.database_file, recovery.database_key)
    assert not list(clinic.database_file.parent.glob("clinic.before-rekey-*"))
    helped = " ".join(clinic.run("db", "rekey", "--help").stdout.decode().split())
    assert "still open with the old passwords and the old recovery key" in helped


def test_rekey_refuses_while_another_program_has_the_database_open(tmp_path: Path) -> None:
    clinic, recovery = new_encrypted_clinic(tmp_path / "clinic")
    clinic.import_visit(KNEE)
    with unlocked(clinic) as other, other.reading() as session:
        session.scalars(select(AuditEntryRow.seq)).first()  # a connection stays open: its -wal file too
        message = assert_plain_failure(clinic.run("db", "rekey"))
    assert "open in another program" in message
    assert opens_with(clinic.database_file, recovery.database_key)
    assert not list(clinic.database_file.parent.glob("clinic.rekeying-*"))


def test_a_rekey_killed_between_its_renames_is_finished_by_the_next_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic, _recovery = new_encrypted_clinic(tmp_path / "clinic")
    clinic.import_visit(KNEE)
    before = exported(clinic, visit_ids(clinic))
    replaced: list[str] = []
    real_replace = os.replace

    def dies_before_the_slots(source: str | Path, target: str | Path) -> None:
        if Path(target) == slots_path(clinic.database_file):
            raise KeyboardInterrupt  # the power goes after the database's rename
        replaced.append(str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", dies_before_the_slots)
    with pytest.raises(KeyboardInterrupt):
        rekeying.rekey(make_url(clinic.url), ADMIN, PASSWORD)
    monkeypatch.undo()
    assert replaced[-1] == str(clinic.database_file)  # the database renamed in, its slots not
    assert pending_slots_path(clinic.database_file).exists()

    assert exported(clinic, visit_ids(clinic)) == before  # the login finds the new slots and finishes
    assert not pending_slots_path(clinic.database_file).exists()
