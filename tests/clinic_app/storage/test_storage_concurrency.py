"""Two people saving the same visit: the first save wins, the second is told, nothing is overwritten."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from clinic_app.accounts import SessionUser
from clinic_app.domain import Complaint, Region, Side, Visit
from clinic_app.errors import ConflictError
from clinic_app.storage import StoredVisit, VisitService, open_database
from clinic_app.storage import queries as storage_queries
from clinic_app.storage.db import Database

from .builders import full_visit


@pytest.fixture
def second_database(database_url: str, database: Database) -> Iterator[Database]:
    """Another connection pool on the same database, as a second copy of the app would have."""
    other = open_database(database_url)
    yield other
    other.dispose()


def with_note(stored: StoredVisit, note: str) -> Visit:
    return stored.visit.model_copy(
        update={"complaints": (Complaint(region=Region.KNEE, side=Side.LEFT, pain=3, note=note),)}
    )


def test_the_second_save_of_the_same_version_is_refused(
    database: Database, second_database: Database
) -> None:
    first, second = VisitService(database), VisitService(second_database)
    created = first.save(full_visit())
    opened_by_one, opened_by_two = first.load(created.id), second.load(created.id)

    saved = first.save(with_note(opened_by_one, "saved by one"), expected_version=opened_by_one.version)
    with pytest.raises(ConflictError) as raised:
        second.save(with_note(opened_by_two, "saved by two"), expected_version=opened_by_two.version)

    assert str(raised.value) == (
        f"visit {created.id} was changed by someone else since you opened it; reload it to see their changes"
    )
    assert second.load(created.id).visit == saved.visit
    assert second.load(created.id).version == created.version + 1


def test_finalising_an_outdated_version_is_refused(database: Database, admin: SessionUser) -> None:
    service = VisitService(database)
    created = service.save(full_visit())
    service.save(created.visit, expected_version=created.version)
    with pytest.raises(ConflictError, match=created.id):
        service.sign(admin, created.id, created.version)


def test_simultaneous_saves_let_exactly_one_through(database_url: str, database: Database) -> None:
    created = VisitService(database).save(full_visit())
    copies = [open_database(database_url) for _ in range(4)]
    start = threading.Barrier(len(copies))
    outcomes: list[str] = []

    def save(copy: Database, number: int) -> None:
        start.wait()
        try:
            VisitService(copy).save(with_note(created, f"copy {number}"), expected_version=created.version)
            outcomes.append(f"saved {number}")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(copy, n)) for n, copy in enumerate(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for copy in copies:
        copy.dispose()

    winners = [outcome for outcome in outcomes if outcome.startswith("saved")]
    assert len(winners) == 1
    assert outcomes.count("conflict") == len(copies) - 1
    stored = VisitService(database).load(created.id)
    assert stored.version == created.version + 1
    assert stored.visit.complaints[0].note == f"copy {winners[0].split()[1]}"


@pytest.mark.postgres
def test_a_save_landing_between_the_version_check_and_the_update_is_caught(
    postgres_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL lets another save commit inside our transaction; the versioned UPDATE catches it.

    (SQLite cannot interleave them: a writer holds the write lock from its first statement.)
    """
    with open_database(postgres_database_url) as ours, open_database(postgres_database_url) as theirs:
        created = VisitService(ours).save(full_visit())
        original_lookup = storage_queries.patient_for_visit

        def lookup_after_someone_else_saved(*args: Any, **kwargs: Any) -> Any:
            monkeypatch.undo()  # once
            VisitService(theirs).save(with_note(created, "theirs"), expected_version=created.version)
            return original_lookup(*args, **kwargs)

        monkeypatch.setattr(storage_queries, "patient_for_visit", lookup_after_someone_else_saved)
        with pytest.raises(ConflictError, match=created.id):
            VisitService(ours).save(with_note(created, "ours"), expected_version=created.version)
        assert VisitService(ours).load(created.id).visit.complaints[0].note == "theirs"
