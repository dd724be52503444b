"""Importing 1,000 patients from a CSV file (the contract: under 2 seconds), against floors in the same run.

- The import itself (PatientImportService: read and check every row, look up every MRN, store the
  patients with their search keys, one audit entry each, one transaction) against raw sqlite3
  inserting the same 1,000 rows into the same table in one transaction: the least any import costs.
- `clinic patient import FILE.csv` as a user runs it (interpreter start, login at the real password
  cost, the import) against a bare interpreter start.

Each run imports new MRNs into one SQLite file, so every run adds 1,000 patients, as a first import does.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.timing import measure_alternating, result
from clinic_app.accounts import SessionUser
from clinic_app.patient_csv import HEADER, read_patient_csv
from clinic_app.storage import open_database
from clinic_app.storage.accounts import AccountService
from clinic_app.storage.db import DATABASE_URL_ENV, Database
from clinic_app.storage.mapping import patient_columns
from clinic_app.storage.patient_import import PatientImportService

ROWS = 1000
RUNS = 7
COMMAND_RUNS = 3
GOAL = "< 2 s (the contract)"
PASSWORD = "benchmark password"
ROOT = Path(__file__).resolve().parent.parent
_batches = itertools.count()
_command_cpu_s: list[float] = []  # CPU seconds of each timed command: wall time on a shared machine waits too


def csv_file(prefix: str) -> bytes:
    sexes = ("female", "male", "other", "unknown")
    rows = [
        f"{prefix}-{n:04d},Given{n},Family {n},19{50 + n % 50}-0{1 + n % 9}-1{n % 10},{sexes[n % 4]},"
        f"{'es' if n % 3 else 'en'},+1 555 01{n:04d},p{n}@example.com"
        for n in range(ROWS)
    ]
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def raw_insert(path: Path, prefix: str) -> None:
    """The floor: the same rows, already parsed, inserted by raw sqlite3 in one transaction."""
    now = dt.datetime.now(dt.UTC).isoformat()
    rows = []
    for item in read_patient_csv(csv_file(prefix)).patients:
        columns = patient_columns(item.patient)
        rows.append({**columns, "created_at": now, "updated_at": now})
    names = list(rows[0])
    statement = f"INSERT INTO patients ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.executemany(statement, [tuple(_plain(row[n]) for n in names) for row in rows])
    finally:
        connection.close()


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else getattr(value, "value", value)


def service_import(database: Database, user: SessionUser, prefix: str) -> None:
    outcome = PatientImportService(database).import_patients(
        user, read_patient_csv(csv_file(prefix)), update_patients=False
    )
    if outcome.added != ROWS:
        raise RuntimeError(f"imported {outcome.added} of {ROWS}")


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clinic.db"
        url = f"sqlite:///{path}"
        with open_database(url) as database:
            account = AccountService(database).add_first_admin("bench", "Bench Admin, PT", PASSWORD)
            user = AccountService(database).login(account.username, PASSWORD)
            ours, floor = measure_alternating(
                lambda: service_import(database, user, f"S{next(_batches)}"),
                lambda: raw_insert(path, f"R{next(_batches)}"),
                runs=RUNS,
            )
        rows = [
            result(
                f"patient import, {ROWS:,} CSV rows (service)",
                ours,
                "raw sqlite3 insert of the same rows",
                floor,
                GOAL,
                median_s=round(ours.median_ns / 1e9, 3),
            )
        ]
        command, start = measure_alternating(
            lambda: _command(Path(folder), url), _bare_interpreter, runs=COMMAND_RUNS, warmup=0
        )
        rows.append(
            result(
                f"clinic patient import, {ROWS:,} rows (the whole command, with login)",
                command,
                "bare interpreter start",
                start,
                GOAL,
                median_s=round(command.median_ns / 1e9, 3),
                median_cpu_s=round(statistics.median(_command_cpu_s[-COMMAND_RUNS:]), 3),
            )
        )
        return rows


def _command(folder: Path, url: str) -> None:
    csv_path = folder / "patients.csv"
    csv_path.write_bytes(csv_file(f"C{next(_batches)}"))
    password = folder / "password"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    password.chmod(0o600)
    env = {
        **os.environ,
        DATABASE_URL_ENV: url,
        "CLINIC_APP_USER": "bench",
        "CLINIC_APP_PASSWORD_FILE": str(password),
    }
    env.pop("CLINIC_APP_TEST_FAST_HASH", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "clinic_app", "patient", "import", str(csv_path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    _command_cpu_s.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode())


def _bare_interpreter() -> None:
    subprocess.run([sys.executable, "-c", "pass"], check=True)


if __name__ == "__main__":
    for row in run():
        cpu = f" (CPU {row['median_cpu_s']:.3f} s)" if "median_cpu_s" in row else ""
        print(
            f"{row['name']}: {row['median_s']:.3f} s{cpu} vs {row['floor_median_us'] / 1e6:.3f} s "
            f"({row['floor_name']}) = {row['ratio']}x"
        )
