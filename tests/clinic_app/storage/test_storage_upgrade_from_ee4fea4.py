"""The upgrade from the release before episodes of care (commit ee4fea4, schema 0004) to now, on a
database that release made itself (tests/data/release_ee4fea4: its demo patients and visits, a draft
form for every unfinished visit, a clinic profile; make_database.py says how it was made).

Nothing is lost: every row of every table it wrote is still there with every value as it was, and
every visit loads; each patient's visits are in one open episode of care, started on the first visit.
On PostgreSQL the same rows are first copied, value for value, into a database at schema 0004.
"""

from __future__ import annotations

import datetime as dt
import gzip
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import MetaData, create_engine, select
from sqlalchemy.engine import Engine

from clinic_app.storage import VisitService, open_database
from clinic_app.storage import schema as storage_schema
from clinic_app.storage.drafts import DraftService
from clinic_app.storage.episodes import EpisodeService
from clinic_app.storage.orm import PatientRow, VisitRow

from ..logins import first_admin
from .conftest import BACKENDS, empty_database_url

FIXTURE = Path(__file__).parents[2] / "data" / "release_ee4fea4" / "clinic.db.gz"
BEFORE = "0004"
Row = tuple[object, ...]
Rows = dict[str, Counter[Row]]
# The one value a migration rewrites on purpose: 0005 split the red flag fever_or_unwell in two and
# reads an old answer as fever, the safer reading.
REWRITTEN = {("red_flag_answers", "flag_id"): {"fever_or_unwell": "fever"}}


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "release.db"
    path.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    return path


@pytest.fixture(params=BACKENDS)
def old_url(request: pytest.FixtureRequest, old_file: Path, tmp_path: Path) -> Iterator[str]:
    """The release's database: the file itself, or its rows copied into PostgreSQL at schema 0004."""
    if request.param == "sqlite":
        yield f"sqlite:///{old_file.as_posix()}"
        return
    with empty_database_url("postgresql", tmp_path, request.node.name) as url:
        _copy_to_schema_0004(old_file, url)
        yield url


def _sqlite_engine(path: Path) -> Engine:
    return create_engine(f"sqlite:///{path.as_posix()}")


def _copy_to_schema_0004(path: Path, url: str) -> None:
    source, target = _sqlite_engine(path), create_engine(url)
    try:
        with target.begin() as connection:
            command.upgrade(storage_schema.alembic_config(connection), BEFORE)
        old, new = MetaData(), MetaData()
        old.reflect(source)
        new.reflect(target)
        with source.connect() as reading, target.begin() as writing:
            writing.exec_driver_sql("SET TIME ZONE 'UTC'")  # the release wrote UTC, without a zone
            for table in old.sorted_tables:
                if table.name == "alembic_version":
                    continue
                rows = [dict(row._mapping) for row in reading.execute(select(table))]
                if rows:
                    writing.execute(new.tables[table.name].insert(), rows)
    finally:
        source.dispose()
        target.dispose()


def _old_tables(path: Path) -> dict[str, list[str]]:
    """The release's tables and their columns."""
    connection = sqlite3.connect(path)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {
            name: [column[1] for column in connection.execute(f'PRAGMA table_info("{name}")')]
            for name in names
        }
    finally:
        connection.close()


def _rows(engine: Engine, tables: dict[str, list[str]]) -> Rows:
    """Every row of the given tables, as Python values of the given columns (in any order)."""
    metadata = MetaData()
    metadata.reflect(engine, only=list(tables))
    found = {}
    with engine.connect() as connection:
        for name, columns in tables.items():
            table = metadata.tables[name]
            statement = select(*(table.c[column] for column in columns))
            found[name] = Counter(tuple(map(_plain, row)) for row in connection.execute(statement))
    return found


def _plain(value: object) -> object:
    """A timestamp as naive UTC (SQLite keeps it so; PostgreSQL gives it with its zone)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _as_migrated(table: str, columns: list[str], rows: Counter[Row]) -> Counter[Row]:
    """The rows as the migrations should leave them: the same, but for the REWRITTEN values."""
    changes = {columns.index(c): values for (t, c), values in REWRITTEN.items() if t == table}
    return Counter(
        {
            tuple(changes.get(i, {}).get(v, v) for i, v in enumerate(row)): count  # type: ignore[call-overload]
            for row, count in rows.items()
        }
    )


def test_the_fixture_is_the_release_before_episodes(old_file: Path) -> None:
    connection = sqlite3.connect(old_file)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(BEFORE,)]
    finally:
        connection.close()
    tables = _old_tables(old_file)
    assert "episodes" not in tables
    assert "users" not in tables
    engine = _sqlite_engine(old_file)
    try:
        counts = {name: sum(rows.values()) for name, rows in _rows(engine, tables).items()}
    finally:
        engine.dispose()
    assert (counts["patients"], counts["visits"], counts["visit_drafts"]) == (20, 60, 7)
    for table in ("complaints", "red_flag_answers", "screening_results", "prescriptions", "clinic_profile"):
        assert counts[table] > 0, table


def test_upgrade_to_now_loses_nothing(old_file: Path, old_url: str) -> None:
    tables = _old_tables(old_file)
    source = _sqlite_engine(old_file)
    try:
        before = _rows(source, tables)  # as the release wrote them
    finally:
        source.dispose()
    if old_url.startswith("postgresql"):
        copied = create_engine(old_url)
        try:
            assert _rows(copied, tables) == before, "the copy into PostgreSQL is the release's rows"
        finally:
            copied.dispose()
    with open_database(old_url, server_backup_confirmed=True) as database:  # migrates to head
        after = _rows(database.engine, tables)  # the same columns of the same tables, now
    for table, columns in tables.items():
        assert after[table] == _as_migrated(table, columns, before[table]), f"{table} changed in the upgrade"
    assert any("fever_or_unwell" in row for row in before["red_flag_answers"])  # the rewrite is tried


def test_every_visit_loads_and_each_patient_has_one_episode_with_all_their_visits(old_url: str) -> None:
    with open_database(old_url, server_backup_confirmed=True) as database:
        admin = first_admin(database)
        with database.reading() as session:
            patients = session.scalars(select(PatientRow.id)).all()
            dated = session.execute(select(VisitRow.id, VisitRow.patient_id, VisitRow.date)).all()
        visits, episodes, drafts = VisitService(database), EpisodeService(database), DraftService(database)
        unfinished = []
        for visit_id, *_ in dated:
            stored = visits.load(visit_id)
            assert stored.visit.visit.id == visit_id
            assert stored.visit.episode is None  # nothing recorded about it: left out of exports
            if stored.visit.visit.status == "draft":
                unfinished.append(visit_id)
        assert len(patients) == 20
        for patient_id in patients:
            theirs = sorted((date, visit_id) for visit_id, owner, date in dated if owner == patient_id)
            [episode] = episodes.episodes(admin, patient_id)
            assert episode.is_open
            assert not episode.recorded
            assert episode.episode.reason is None
            assert episode.episode.start_date == theirs[0][0]
            assert sorted((v.date, v.id) for v in episode.visits) == theirs
        assert len(unfinished) == 7
        assert all("typed but not finished" in (drafts.load(v) or "") for v in unfinished)
