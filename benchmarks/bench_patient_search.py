"""Patient search over 100,000 patients in a SQLite file: the service against raw sqlite3, same index.

The service (PatientService.search: normalise the text, one statement of three index range scans
for family name, given name and MRN, plain result objects) is timed against two floors measured
in the same run on the same file:
- one index range scan in raw sqlite3, top 20 (the least any search on that key can cost): goal <= 3x;
- raw sqlite3 running the service's own three-part SQL: what the service adds on top of its query.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from benchmarks.timing import measure, result
from clinic_app.domain import Patient
from clinic_app.storage import PatientService, open_database
from clinic_app.storage.db import Database
from clinic_app.storage.mapping import patient_columns
from clinic_app.storage.orm import PatientRow
from clinic_app.storage.patient_search import SEARCH_STATEMENT
from clinic_app.storage.search_key import prefix_upper_bound, search_key

PATIENTS = 100_000
RUNS = 3000
WARMUP = 200
LIMIT = 20
GOAL = "<= 3x floor"
GIVEN = (
    "Zoë", "Łucja", "Văn An", "Siobhán", "José", "Olumide", "Ana María", "Björn", "Chloé", "Jürgen",
    "Ayşe", "Søren", "Aoife", "Marta", "Kwame", "Priya", "Samuel", "Grace", "Mei", "Daniel",
    "Liam", "Olivia", "Noah", "Emma", "Mateo", "Sofía", "Amara", "Yusuf", "Hana", "Igor",
)  # fmt: skip
FAMILY = (
    "Núñez", "Wiśniewska", "Nguyễn", "Ó Súilleabháin", "García", "Adébáyọ̀", "López", "Åström", "Lefèvre",
    "Müller", "Y\u0131lmaz", "Østergaard", "O'Connor", "Gómez-Ruiz", "Mensah", "Raghunathan", "Cohen",
    "Johnson", "Chen", "O'Brien", "Smith", "Smithers", "Garner", "Schmidt", "Kowalski", "Petrov",
    "Tanaka", "Okafor", "Haddad", "Rossi", "Silva", "Murphy", "Kim", "Park", "Novak", "Dubois",
)  # fmt: skip
# (what is timed, the text typed into the search box, the search key its floor scans)
SEARCHES = (
    ("family-name prefix", "Gar", "family_given_key"),
    ("Unicode family-name prefix", "núñ", "family_given_key"),
    ("MRN prefix", "P-0123", "mrn_key"),
)
FLOOR_SQL = (
    "SELECT id, mrn, given_name, family_name, birth_date FROM patients"
    " WHERE {key} >= ? AND {key} < ? ORDER BY {key}, id LIMIT ?"
)  # the toolchain note's floor: an index range, top 20, nothing else


def seed(database: Database, count: int) -> None:
    """`count` patients with varied Unicode names, inserted in bulk."""
    rng = random.Random(100_000)
    now = dt.datetime.now(dt.UTC)
    rows = []
    for number in range(count):
        patient = Patient(
            mrn=f"P-{number:06d}",
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            birth_date=dt.date(rng.randint(1930, 2015), rng.randint(1, 12), rng.randint(1, 28)),
        )
        rows.append({**patient_columns(patient), "created_at": now, "updated_at": now})
    with database.writing() as session:
        session.execute(insert(PatientRow), rows)


def service_sql(database: Database, prefix: str) -> tuple[str, tuple[Any, ...]]:
    """The service's statement as SQLite runs it, with its positional parameters."""
    with database.engine.connect() as connection:
        compiled = SEARCH_STATEMENT.compile(connection)
    values = compiled.construct_params(
        {"prefix": prefix, "above_prefix": prefix_upper_bound(prefix), "limit": LIMIT}
    )
    return str(compiled), tuple(values[name] for name in compiled.positiontup or ())


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clinic.db"
        with open_database(f"sqlite:///{path}") as database:
            seed(database, PATIENTS)
            with database.engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
                connection.commit()
            raw = sqlite3.connect(path)
            try:
                return [row for search in SEARCHES for row in compare(database, raw, *search)]
            finally:
                raw.close()


def compare(
    database: Database, raw: sqlite3.Connection, label: str, typed: str, key: str
) -> list[dict[str, Any]]:
    service = PatientService(database)
    prefix = search_key(typed)
    bounds = (prefix, prefix_upper_bound(prefix))
    floor_sql = FLOOR_SQL.format(key=key)
    same_sql, same_parameters = service_sql(database, prefix)
    found = service.search(typed, LIMIT)
    floor_rows = raw.execute(floor_sql, (*bounds, LIMIT)).fetchall()
    if not found or len(found) != min(LIMIT, len(floor_rows)):
        raise RuntimeError(f"{label}: the service found {len(found)}, the floor {len(floor_rows)}")

    ours = measure(lambda: service.search(typed, LIMIT), runs=RUNS, warmup=WARMUP)
    index_floor = measure(
        lambda: raw.execute(floor_sql, (*bounds, LIMIT)).fetchall(), runs=RUNS, warmup=WARMUP
    )
    same_floor = measure(lambda: raw.execute(same_sql, same_parameters).fetchall(), runs=RUNS, warmup=WARMUP)
    name = f"patient search, {PATIENTS:,} patients: {label} {typed!r}"
    return [
        result(name, ours, "raw sqlite3, one index range", index_floor, GOAL, found=len(found)),
        result(f"{name} (same SQL)", ours, "raw sqlite3, the service's SQL", same_floor, "overhead only"),
    ]


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['name']}: {row['median_us']:.1f} us vs {row['floor_median_us']:.1f} us "
            f"({row['floor_name']}) = {row['ratio']}x"
        )
