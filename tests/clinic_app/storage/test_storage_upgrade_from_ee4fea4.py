"""The upgrade from the release before episodes of care (commit ee4fea4, schema 0004) to now, on a
database that release made itself (tests/data/release_ee4fea4: its demo patients and visits, a draft
form for every unfinished visit, a clinic profile; make_database.py says how it was made).

Nothing is lost: every row of every table it wrote is still there with every value as it was, and
every visit loads; each patient's visits are in one open episode of care, started on the first visit.
"""

from __future__ import annotations

import gzip
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from clinic_app.storage import VisitService, open_database
from clinic_app.storage.drafts import DraftService
from clinic_app.storage.episodes import EpisodeService
from clinic_app.storage.orm import PatientRow, VisitRow

from ..logins import first_admin

FIXTURE = Path(__file__).parents[2] / "data" / "release_ee4fea4" / "clinic.db.gz"
Rows = dict[str, Counter[tuple[object, ...]]]
# The one value a migration rewrites on purpose: 0005 split the red flag fever_or_unwell in two and
# reads an old answer as fever, the safer reading.
REWRITTEN = {("red_flag_answers", "flag_id"): {"fever_or_unwell": "fever"}}


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.db"
    path.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    return path


def _tables(connection: sqlite3.Connection) -> dict[str, list[str]]:
    names = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        name: [column[1] for column in connection.execute(f'PRAGMA table_info("{name}")')] for name in names
    }


def _rows(path: Path, tables: dict[str, list[str]]) -> Rows:
    """Every row of the given tables, as the given columns' values (in any order)."""
    connection = sqlite3.connect(path)
    try:
        return {
            table: Counter(connection.execute(f'SELECT {", ".join(columns)} FROM "{table}"').fetchall())
            for table, columns in tables.items()
        }
    finally:
        connection.close()


def test_the_fixture_is_the_release_before_episodes(old_database: Path) -> None:
    connection = sqlite3.connect(old_database)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0004",)]
        tables = _tables(connection)
        counts = {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        connection.close()
    assert "episodes" not in tables
    assert "users" not in tables
    assert counts["patients"] == 20
    assert counts["visits"] == 60
    assert counts["visit_drafts"] == 7
    for table in ("complaints", "red_flag_answers", "screening_results", "prescriptions", "clinic_profile"):
        assert counts[table] > 0, table


def test_upgrade_to_now_loses_nothing(old_database: Path) -> None:
    connection = sqlite3.connect(old_database)
    try:
        tables = _tables(connection)
    finally:
        connection.close()
    tables.pop("alembic_version")
    before = _rows(old_database, tables)
    url = f"sqlite:///{old_database.as_posix()}"
    with open_database(url):  # migrates to head
        pass
    after = _rows(old_database, tables)  # the same columns of the same tables, now
    for table, columns in tables.items():
        assert after[table] == _as_migrated(table, columns, before[table]), f"{table} changed in the upgrade"
    assert sum(before["red_flag_answers"].values()) > 0
    assert any("fever_or_unwell" in row for row in before["red_flag_answers"])  # the rewrite is tried


def _as_migrated(
    table: str, columns: list[str], rows: Counter[tuple[object, ...]]
) -> Counter[tuple[object, ...]]:
    """The rows as the migrations should leave them: the same, but for the REWRITTEN values."""
    changes = {columns.index(c): values for (t, c), values in REWRITTEN.items() if t == table}
    return Counter(
        {
            tuple(changes.get(i, {}).get(v, v) for i, v in enumerate(row)): count  # type: ignore[call-overload]
            for row, count in rows.items()
        }
    )


def test_every_visit_loads_and_each_patient_has_one_episode_with_all_their_visits(old_database: Path) -> None:
    with open_database(f"sqlite:///{old_database.as_posix()}") as database:
        admin = first_admin(database)
        with database.reading() as session:
            patients = session.scalars(select(PatientRow.id)).all()
            dated = session.execute(select(VisitRow.id, VisitRow.patient_id, VisitRow.date)).all()
        visits, episodes, drafts = VisitService(database), EpisodeService(database), DraftService(database)
        for visit_id, *_ in dated:
            stored = visits.load(visit_id)
            assert stored.visit.visit.id == visit_id
            assert stored.visit.episode is None  # nothing recorded about it: left out of exports
        for patient_id in patients:
            theirs = sorted((date, visit_id) for visit_id, owner, date in dated if owner == patient_id)
            [episode] = episodes.episodes(admin, patient_id)
            assert episode.is_open
            assert not episode.recorded
            assert episode.episode.reason is None
            assert episode.episode.start_date == theirs[0][0]
            assert sorted((v.date, v.id) for v in episode.visits) == theirs
        unfinished = [
            visit_id for visit_id, *_ in dated if visits.load(visit_id).visit.visit.status == "draft"
        ]
        assert len(unfinished) == 7
        assert all("typed but not finished" in (drafts.load(v) or "") for v in unfinished)
