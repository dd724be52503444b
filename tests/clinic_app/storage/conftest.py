"""Fixtures for the storage tests: every database test runs on SQLite and on PostgreSQL.

PostgreSQL needs CLINIC_TEST_POSTGRES_URL (a server URL; `.ci/postgres.sh start` prints one). Each
test module gets a fresh database on that server, dropped afterwards; without the variable the
PostgreSQL cases are skipped, or fail under CI=true (tests/conftest.py decides, before any fixture).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from clinic_app.accounts import SessionUser
from clinic_app.storage.db import Database, open_database
from clinic_app.storage.orm import AuditChainHeadRow, AuditEntryRow, Base

POSTGRES_URL_ENV = "CLINIC_TEST_POSTGRES_URL"
# Append-only, as the database enforces: kept between the tests of a module (the chain just goes on).
APPEND_ONLY_TABLES = frozenset({AuditEntryRow.__tablename__, AuditChainHeadRow.__tablename__})
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def postgres_server_url() -> URL:
    configured = os.environ.get(POSTGRES_URL_ENV)
    if not configured:  # tests/conftest.py skips (or, under CI, fails) these tests before we get here
        pytest.fail(f"{POSTGRES_URL_ENV} is not set")
    url = make_url(configured)
    return url.set(drivername="postgresql+psycopg") if url.drivername == "postgresql" else url


@contextmanager
def fresh_postgres_database(label: str) -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards; yields its URL."""
    server_url = postgres_server_url()
    readable = re.sub(r"[^a-z0-9_]+", "_", label.rsplit(".", 1)[-1].lower())[:40]
    name = f"clinic_test_{readable}_{uuid.uuid4().hex[:8]}"
    server = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with server.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    try:
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.dispose()


@contextmanager
def empty_database_url(backend: str, folder: Path, label: str) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{(folder / 'clinic.db').as_posix()}"
    else:
        with fresh_postgres_database(label) as url:
            yield url


@pytest.fixture(scope="module", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database per test module and backend, migrated by the first open_database()."""
    with empty_database_url(request.param, tmp_path_factory.mktemp("db"), request.module.__name__) as url:
        yield url


@pytest.fixture(scope="module")
def postgres_database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """For tests of what only PostgreSQL does (mark them `postgres`): a database for the module."""
    with fresh_postgres_database(request.module.__name__) as url:
        yield url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """The module's database, opened (and migrated); emptied again after the test, but for the audit trail."""
    database = open_database(database_url)
    try:
        yield database
    finally:
        with database.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                if table.name not in APPEND_ONLY_TABLES:
                    connection.execute(delete(table))
        database.dispose()


@pytest.fixture(params=BACKENDS)
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a database that does not exist yet (SQLite) or is empty (PostgreSQL), for this test alone."""
    with empty_database_url(request.param, tmp_path, request.node.name) as url:
        yield url


@pytest.fixture
def admin(database: Database) -> SessionUser:
    """The database's first account, an admin (who may also do a therapist's work)."""
    from tests.clinic_app.logins import first_admin

    return first_admin(database)
