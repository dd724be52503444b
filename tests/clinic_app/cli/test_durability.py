"""The durability harness (marked slow; dev.py test and CI run it): the real commands killed with
SIGKILL at random points of an import, a backup and an upgrade, each followed by SQLite's integrity
check, a count of the visits, and a check of every copy that carries a backup's name.

CLINIC_DURABILITY_KILLS sets how many kills (default 100); CLINIC_DURABILITY_SEED the random seed.
The counts are printed at the end.
"""

from __future__ import annotations

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

from clinic_app.storage.schema import head_revision
from clinic_app.storage.sqlite_copy import count_rows, revision_of, verify_copy
from tests.clinic_app.cli.clinics import Clinic, knee_document, new_clinic
from tests.clinic_app.cli.test_backup_restore import clinic_at_revision

KILLS = int(os.environ.get("CLINIC_DURABILITY_KILLS", "100"))
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
