"""The durability harness (marked slow; dev.py test and CI run it): the real commands killed with
SIGKILL at random points of an import, a backup and an upgrade, each followed by SQLite's integrity
check, a count of the visits, and a check of every copy that carries a backup's name; and autosave
(autosave_driver.py, the desktop's draft saves through the core) killed at random points on an
encrypted database, each followed by SQLCipher's integrity checks, a count of visits and drafts,
and a check that the draft and the visit hold one save's text, never a mix.

CLINIC_DURABILITY_KILLS sets how many kills (default 100), CLINIC_DURABILITY_AUTOSAVE_KILLS those
of autosave (default 30); CLINIC_DURABILITY_SEED the random seed. The counts are printed at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from clinic_app.storage.db import DATABASE_URL_ENV
from clinic_app.storage.schema import head_revision
from clinic_app.storage.sqlite_copy import Counts, count_rows, revision_of, verify_copy
from tests.clinic_app.cli import autosave_driver
from tests.clinic_app.cli.autosave_driver import READY, is_one_save
from tests.clinic_app.cli.clinics import Clinic, knee_document, new_clinic
from tests.clinic_app.cli.test_backup_restore import clinic_at_revision
from tests.clinic_app.logins import ADMIN, ADMIN_NAME, PASSWORD

AUTOSAVE_DRIVER = Path(autosave_driver.__file__).resolve()
ROOT = AUTOSAVE_DRIVER.parents[3]
SAVING_WINDOW_S = 0.6  # a kill lands this long at most after the driver's first save begins

KILLS = int(os.environ.get("CLINIC_DURABILITY_KILLS", "100"))
AUTOSAVE_KILLS = int(os.environ.get("CLINIC_DURABILITY_AUTOSAVE_KILLS", "30"))
SEED = int(os.environ.get("CLINIC_DURABILITY_SEED", "20261129"))
DOCUMENTS = 12


def start(clinic: Clinic, *args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "clinic_app", *map(str, args)],
        env=clinic.environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def duration(process: subprocess.Popen[bytes]) -> float:
    """How long a run takes here, unkilled: the kills are spread over it."""
    started = time.monotonic()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    return time.monotonic() - started


def kill_at_random(process: subprocess.Popen[bytes], rng: random.Random, within: float) -> bool:
    """SIGKILL the process after a random time; True when it was still running then."""
    time.sleep(rng.uniform(0, within))
    running = process.poll() is None
    if running:
        process.send_signal(signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert b"Traceback" not in stderr, stderr.decode()
    return running


def check_database(path: Path) -> int:
    """Integrity-checked; the number of visits, none twice for one document."""
    counts = verify_copy(path)
    with closing(sqlite3.connect(path)) as connection:
        repeated = connection.execute(
            "SELECT count(*) FROM visits GROUP BY import_digest HAVING count(*) > 1"
        ).fetchall()
    assert repeated == []
    return counts["visits"]


@pytest.mark.slow
def test_sigkill_during_import_backup_and_upgrade_loses_and_breaks_nothing(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    clinic = new_clinic(tmp_path / "clinic")
    documents = []
    for number in range(DOCUMENTS):
        data = knee_document()
        data["visit"]["date"] = f"2026-10-{number + 1:02d}"
        documents.append(clinic.write_document(data, f"visit-{number}.json"))
    within = {
        "import": duration(start(clinic, "visit", "import", documents[0])),
        "backup": duration(start(clinic, "backup", "-o", tmp_path / "timing.db")),
        "upgrade": duration(
            start(clinic_at_revision(tmp_path / "timing", "0006", patients=2000), "db", "upgrade")
        ),
    }
    killed = {"import": 0, "backup": 0, "upgrade": 0}
    finished = dict.fromkeys(killed, 0)
    upgrades = max(1, KILLS // 10)
    backups = max(1, KILLS // 4)
    for round_number in range(KILLS - upgrades):
        kind = "backup" if round_number % (KILLS // backups or 1) == 0 else "import"
        if kind == "import":
            process = start(clinic, "visit", "import", rng.choice(documents))
        else:
            target = tmp_path / f"backup-{round_number}.db"
            process = start(clinic, "backup", "-o", target)
        if kill_at_random(process, rng, within[kind]):
            killed[kind] += 1
        else:
            finished[kind] += 1
        assert check_database(clinic.database_file) <= DOCUMENTS
        if kind == "backup" and target.exists():  # a backup's name is only ever on a verified copy
            verify_copy(target)

    ids = {clinic.import_visit(document) for document in documents}  # each stored once, whatever was killed
    assert len(ids) == DOCUMENTS
    assert check_database(clinic.database_file) == DOCUMENTS

    for round_number in range(upgrades):
        old = clinic_at_revision(tmp_path / f"old-{round_number}", "0006", patients=2000)
        if kill_at_random(start(old, "db", "upgrade"), rng, within["upgrade"]):
            killed["upgrade"] += 1
        else:
            finished["upgrade"] += 1
        verify_copy(old.database_file)
        assert revision_of(old.database_file) in {"0006", head_revision()}
        with closing(sqlite3.connect(old.database_file)) as connection:
            assert count_rows(connection)["patients"] == 2000
        for backup in old.folder.glob("clinic.backup-*.db"):
            assert revision_of(backup) == "0006"
            assert verify_copy(backup)["patients"] == 2000
    print(f"\ndurability: {sum(killed.values())} kills {killed}, finished before the kill {finished}")
    assert sum(killed.values()) >= KILLS // 2  # most runs were killed mid-way


def encrypted_visit(folder: Path) -> tuple[str, str, bytes]:
    """An encrypted clinic with one patient's visit started: its URL, the visit's id and the key."""
    from sqlalchemy.engine import make_url

    from clinic_app.clinic import Clinic as Desktop
    from clinic_app.domain import Patient
    from clinic_app.storage.key_slots import KeySlots, slots_path
    from clinic_app.storage.unlocking import create_with_first_admin

    folder.mkdir(parents=True)
    url = f"sqlite:///{(folder / 'clinic.db').as_posix()}"
    create_with_first_admin(make_url(url), ADMIN, ADMIN_NAME, PASSWORD).database.dispose()
    desktop = Desktop.open(url)
    desktop.log_in(ADMIN, PASSWORD)
    patient = desktop.add_patient(Patient(mrn="AS-1", given_name="Ines", family_name="Okafor"))
    visit_id = desktop.start_visit(patient.id, dt.date.today()).stored.id
    desktop.log_out()
    return url, visit_id, KeySlots.load(slots_path(folder / "clinic.db")).unlock(ADMIN, PASSWORD)


def stored_notes(path: Path, key: bytes) -> tuple[Counts, int, str, str]:
    """Integrity-checked (pages and HMACs); the counts, the drafts, the draft's note and the visit's."""
    from clinic_app.storage.sqlite_copy import connect
    from clinic_app.visit_form import VisitForm

    counts = verify_copy(path, key=key)
    with closing(connect(path, key=key)) as connection:
        drafts = connection.execute("SELECT form_json FROM visit_drafts").fetchall()
        visit_notes = connection.execute("SELECT note FROM complaints").fetchall()
    draft_note = VisitForm.from_json(drafts[0][0]).complaints[0].note if drafts else ""
    visit_note = (visit_notes[0][0] or "") if visit_notes else ""
    return counts, len(drafts), draft_note, visit_note


@pytest.mark.slow
def test_sigkill_during_autosave_leaves_the_old_or_the_new_draft_never_a_mix(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    url, visit_id, key = encrypted_visit(tmp_path / "clinic")
    database = tmp_path / "clinic" / "clinic.db"
    environment = {**os.environ, DATABASE_URL_ENV: url, "PYTHONPATH": str(ROOT)}
    killed = saves_seen = 0
    for _ in range(AUTOSAVE_KILLS):
        driver = subprocess.Popen(
            [sys.executable, str(AUTOSAVE_DRIVER), visit_id],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert driver.stdout is not None
        ready = driver.stdout.readline().strip()
        if ready != READY:
            driver.kill()
            raise AssertionError(driver.communicate(timeout=60)[1])
        time.sleep(rng.uniform(0, SAVING_WINDOW_S))
        killed += driver.poll() is None
        driver.send_signal(signal.SIGKILL)
        _, stderr = driver.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr

        counts, drafts, draft_note, visit_note = stored_notes(database, key)
        assert counts["visits"] == 1
        assert counts["patients"] == 1
        assert drafts <= 1
        assert is_one_save(draft_note), draft_note[:40]
        assert visit_note == draft_note  # the draft and the visit's rows are one transaction
        saves_seen += draft_note != ""
    print(f"\ndurability: {killed} kills during autosave, a saved draft after {saves_seen} of them")
    assert killed == AUTOSAVE_KILLS  # the driver saves until killed: every run was killed mid-way
    assert saves_seen >= AUTOSAVE_KILLS // 2
