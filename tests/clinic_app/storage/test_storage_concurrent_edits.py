"""The durability harness, concurrency part (marked slow): many computers editing the same visits.

Four processes, each with its own connection pool to one PostgreSQL database (as four treatment
rooms would have), make 1,000 edits in all to three shared visits in random order. Each edit reads
a visit, adds one to a counter kept in its complaint note and saves with the version it read; a save
that lost the race is refused (ConflictError) and retried from a fresh read, as the app asks the
therapist to do. No update may be lost: each visit's counter ends equal to the edits that were
saved to it, and its version moved on once for each of them.

CLINIC_CONCURRENT_EDITS sets the number of edits (default 1,000); CLINIC_CONCURRENT_SEED the seed.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from collections import Counter

import pytest

from clinic_app.domain import Complaint, Region, Side, Visit
from clinic_app.errors import ConflictError
from clinic_app.storage import StoredVisit, VisitService, open_database

from .builders import ZOE, minimal_visit

EDITS = int(os.environ.get("CLINIC_CONCURRENT_EDITS", "1000"))
SEED = int(os.environ.get("CLINIC_CONCURRENT_SEED", "20261129"))
PROCESSES = 4
VISITS = 3

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def counted(stored: StoredVisit) -> int:
    note = stored.visit.complaints[0].note if stored.visit.complaints else None
    return int(note.removeprefix("edits: ")) if note else 0


def with_count(stored: StoredVisit, count: int) -> Visit:
    complaint = Complaint(region=Region.KNEE, side=Side.LEFT, pain=count % 11, note=f"edits: {count}")
    return stored.visit.model_copy(update={"complaints": (complaint,)})


def edit_many(url: str, visit_ids: list[str], edits: int, seed: int) -> tuple[Counter[str], int]:
    """One treatment room: `edits` saved edits to random visits; returns them by visit, and the
    number of saves refused because another room saved first."""
    database = open_database(url, migrate=False)
    service = VisitService(database)
    rng = random.Random(seed)
    saved: Counter[str] = Counter()
    conflicts = 0
    try:
        while sum(saved.values()) < edits:
            visit_id = rng.choice(visit_ids)
            stored = service.load(visit_id)
            try:
                service.save(with_count(stored, counted(stored) + 1), expected_version=stored.version)
            except ConflictError:
                conflicts += 1
                continue
            saved[visit_id] += 1
    finally:
        database.dispose()
    return saved, conflicts


def test_a_thousand_concurrent_edits_from_four_rooms_lose_no_update(postgres_database_url: str) -> None:
    database = open_database(postgres_database_url, server_backup_confirmed=True)
    service = VisitService(database)
    created = [
        service.save(minimal_visit(ZOE.model_copy(update={"mrn": f"RACE-{n}"}))) for n in range(VISITS)
    ]
    database.dispose()
    ids = [stored.id for stored in created]
    shares = [EDITS // PROCESSES + (1 if n < EDITS % PROCESSES else 0) for n in range(PROCESSES)]
    context = multiprocessing.get_context("spawn")  # a fresh interpreter per room, nothing shared
    with context.Pool(PROCESSES) as pool:
        outcomes = pool.starmap(
            edit_many, [(postgres_database_url, ids, share, SEED + n) for n, share in enumerate(shares)]
        )

    saved = sum((counts for counts, _ in outcomes), Counter[str]())
    conflicts = sum(refused for _, refused in outcomes)
    database = open_database(postgres_database_url, migrate=False)
    try:
        service = VisitService(database)
        for first in created:
            final = service.load(first.id)
            assert counted(final) == saved[first.id], "an edit was lost"
            assert final.version == first.version + saved[first.id]
    finally:
        database.dispose()
    assert sum(saved.values()) == EDITS
    print(
        f"\nconcurrent edits: {EDITS} saved from {PROCESSES} processes, {conflicts} refused and retried, none lost"
    )
