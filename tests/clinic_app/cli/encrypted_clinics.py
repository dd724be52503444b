"""A clinic whose database the real `clinic user add` made, and so encrypted, for the command tests."""

from __future__ import annotations

import re
from pathlib import Path

from clinic_app.storage.db import Database
from clinic_app.storage.orm import VisitRow
from clinic_app.storage.recovery_key import RecoveryKey
from clinic_app.storage.unlocking import unlock_database
from tests.clinic_app.cli.clinics import Clinic
from tests.clinic_app.logins import ADMIN, PASSWORD, login_environment

RECOVERY_LINE = re.compile(r"^\s+([0-9A-Z]{5}(?:-[0-9A-Z]{5}){12})\s*$", re.MULTILINE)


def new_encrypted_clinic(folder: Path) -> tuple[Clinic, RecoveryKey]:
    """`clinic user add` on an empty data folder: the first admin, and the recovery key it printed."""
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{(folder / 'clinic.db').as_posix()}"
    clinic = Clinic(folder, url)
    done = clinic.run(
        "user", "add", ADMIN, "--name", "Ada Admin, PT, DPT", "--role", "admin", "--password-stdin",
        input=f"{PASSWORD}\n".encode(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    found = RECOVERY_LINE.search(done.stdout.decode())
    assert found is not None, done.stdout.decode()
    clinic.login = login_environment(folder)
    return clinic, RecoveryKey.parse(found.group(1))


def unlocked(clinic: Clinic, username: str = ADMIN, password: str = PASSWORD) -> Database:
    """The clinic's database opened in this process as a login opens it (the key from the slot)."""
    from sqlalchemy.engine import make_url

    return unlock_database(make_url(clinic.url), username, password)


def visit_ids(clinic: Clinic) -> list[str]:
    from sqlalchemy import select

    with unlocked(clinic) as database, database.reading() as session:
        return sorted(session.scalars(select(VisitRow.id)).all())


def exported(clinic: Clinic, ids: list[str]) -> dict[str, str]:
    """Each visit as `clinic visit export` writes it."""
    documents = {}
    for visit_id in ids:
        done = clinic.run("visit", "export", visit_id)
        assert done.returncode == 0, done.stderr.decode()
        documents[visit_id] = done.stdout.decode()
    return documents
