"""What accounts cost a clinic: a login, and recording a read in the audit trail (SQLite file).

- Login: AccountService.login (one argon2id check, then the outcome written to the trail) against
  one bare argon2id verification at the same cost, alternately in the same run. The contract's goal
  is an absolute one, between 100 and 500 ms a login on these machines; the ratio is what the
  account and audit bookkeeping add to the password check.
- An audited read: VisitService.view (the role checked, the visit read and a chained audit entry
  written, in one transaction) against VisitService.load (the same read, not recorded). The goal:
  at most 2 ms more on SQLite, one transaction (one commit) either way.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.timing import measure_alternating, result
from clinic_app import accounts
from clinic_app.domain import Patient, Visit, VisitInfo
from clinic_app.storage import VisitService, open_database
from clinic_app.storage.accounts import AccountService

USERNAME, PASSWORD = "bench", "benchmark password"
PATIENT = Patient(mrn="B-1", given_name="Bea", family_name="Bench")
PATIENT_DAY = dt.date(2026, 11, 29)


def run() -> list[dict[str, Any]]:
    if os.environ.get(accounts.FAST_HASH_ENV):
        raise RuntimeError(f"unset {accounts.FAST_HASH_ENV}: this measures the real password cost")
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            return [_login(database), _audited_read(database)]
        finally:
            database.dispose()


def _login(database: Any) -> dict[str, Any]:
    service = AccountService(database)
    service.add_first_admin(USERNAME, "Bench Tester, PT", PASSWORD)
    passwords = accounts.Passwords(accounts._production_hasher())
    stored = passwords.hash(PASSWORD)
    timing, floor = measure_alternating(
        lambda: service.login(USERNAME, PASSWORD), lambda: passwords.verify(stored, PASSWORD), runs=9
    )
    return result(
        "login (argon2id check + audited write)",
        timing,
        "one argon2id check at the same cost",
        floor,
        goal="100-500 ms a login (the contract)",
        within_100_to_500_ms=100_000_000 <= timing.median_ns <= 500_000_000,
    )


def _audited_read(database: Any) -> dict[str, Any]:
    user = AccountService(database).login(USERNAME, PASSWORD)
    visits = VisitService(database)
    stored = visits.start(user, Visit(patient=PATIENT, visit=VisitInfo(date=PATIENT_DAY)))
    timing, floor = measure_alternating(
        lambda: visits.view(user, stored.id), lambda: visits.load(stored.id), runs=301, warmup=20
    )
    added_ms = (timing.median_ns - floor.median_ns) / 1e6
    return result(
        "audited read of a visit (view)",
        timing,
        "the same read, not recorded (load)",
        floor,
        goal="<= 2 ms added, one transaction",
        added_ms=round(added_ms, 3),
        within_2_ms=added_ms <= 2.0,
    )
