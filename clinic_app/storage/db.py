"""Where the data lives and how the app connects to it.

By default a SQLite file in the user's data folder; CLINIC_APP_DATABASE_URL (an
SQLAlchemy URL, e.g. postgresql+psycopg://user@host/clinic) selects another
database. Services read and write through Database.reading() and
Database.writing(), one transaction each.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from clinic_app.errors import ClinicError, NotLoggedIn
from clinic_app.storage import faults, files, schema
from clinic_app.storage.faults import StorageFault, missing_driver, plain_fault

log = logging.getLogger(__name__)

DATABASE_URL_ENV = "CLINIC_APP_DATABASE_URL"
APP_NAME = "clinic-app"
DATABASE_FILE_NAME = "clinic.db"
SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous = NORMAL",  # with WAL: durable at checkpoints, never corrupt
)
# Execution option marking a transaction that will write (SQLite then takes the write lock up front).
WRITE_TRANSACTION = "clinic_app_write"
# PostgreSQL's SQLSTATE for "permission denied": the everyday role meeting a schema it may not change.
INSUFFICIENT_PRIVILEGE = "42501"
# Any constant shared by every copy of the app: serialises concurrent migrations on PostgreSQL.
MIGRATION_LOCK_KEY = 0x436C696E6963
# Session.info key: this transaction reads a read-only database, so its audit entries cannot be kept.
UNRECORDED = "clinic_app_unrecorded"


def data_folder() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_url() -> URL:
    """CLINIC_APP_DATABASE_URL when set, else the SQLite file in the user's data folder."""
    configured = os.environ.get(DATABASE_URL_ENV, "").strip()
    if not configured:
        return URL.create("sqlite+pysqlite", database=str(data_folder() / DATABASE_FILE_NAME))
    try:
        url = make_url(configured)
    except ArgumentError as error:  # the message would echo the URL, password included: keep it out
        raise ClinicError(
            f"{DATABASE_URL_ENV} is not a database URL; expected for example "
            "postgresql+psycopg://user@host/clinic or sqlite:////path/to/clinic.db"
        ) from error
    # psycopg 3 is the PostgreSQL driver the app ships with; plain postgresql:// would ask for psycopg2.
    return url.set(drivername="postgresql+psycopg") if url.drivername == "postgresql" else url


def describe_location(url: URL) -> str:
    """Where the data lives, fit to show: the file, or the URL without its password."""
    path = files.sqlite_file(url)
    if path is not None:
        return str(path.resolve())
    return url.render_as_string(hide_password=True)


def create_database_engine(url: URL) -> Engine:
    """The engine for url. SQL parameters (patient data) never reach a log line or an error message."""
    if url.get_backend_name() != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True, hide_parameters=True)
        except (ModuleNotFoundError, NoSuchModuleError):
            raise missing_driver(describe_location(url)) from None
    path = files.sqlite_file(url)
    if path is not None:
        files.prepare_private_file(path)
        if files.read_only(path):
            url = _read_only_url(path)
    engine = create_engine(url, hide_parameters=True)
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _read_only_url(path: Path) -> URL:
    """SQLite opening the file for reading only; `immutable` where its folder cannot be written.

    A WAL database needs its -shm file, which a read-only folder cannot hold; and with no -wal file
    there nor any way to make one, nobody can be changing the database while we read it.
    """
    query = {"mode": "ro", "uri": "true"}
    if not os.access(path.parent, os.W_OK) and not files.companion(path, "-wal").exists():
        query["immutable"] = "1"
    return URL.create("sqlite+pysqlite", database=f"file:{quote(str(path.resolve()))}", query=query)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module's own transaction handling begins late and cannot take the write lock
    # early; switch it off and let _begin_sqlite_transaction issue BEGIN (SQLAlchemy's recipe).
    dbapi_connection.isolation_level = None
    for pragma in SQLITE_PRAGMAS:  # on a read-only file, journal_mode leaves it as it is
        dbapi_connection.execute(pragma)


def _begin_sqlite_transaction(connection: Connection) -> None:
    # A writer takes the write lock at BEGIN, waiting up to busy_timeout for another writer to finish;
    # a deferred BEGIN would fail at once if another write had landed after its first read.
    writes = connection.get_execution_options().get(WRITE_TRANSACTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


class ServerBackupFirst(ClinicError):
    """A database server's schema is behind: the user backs it up with the server's tools first."""

    def __init__(self, current: str) -> None:
        self.current = current
        super().__init__(
            f"the database on the server is at schema revision {current}, and this Clinic App needs "
            f"{schema.head_revision()}. Back it up with the server's own tools first (for PostgreSQL, "
            "pg_dump), then run `clinic db upgrade`, which asks you to confirm"
        )


class Database:
    """An open database: the engine, and a transaction per service operation.

    `read_only`: the SQLite file or its folder may not be written (a read-only share, a copy on a
    CD): reading works, and so does what only records a read (exporting, viewing: the audit entry is
    then left out, with a warning), but saving anything is refused with a plain message.
    """

    def __init__(self, engine: Engine, url: URL | None = None, key: bytes | None = None) -> None:
        self.engine = engine
        self.url = engine.url if url is None else url
        self.key = key  # an encrypted SQLite file's key (its backups are encrypted under it)
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        path = files.sqlite_file(self.url)
        self.read_only = path is not None and files.read_only(path)

    @property
    def location(self) -> str:
        return describe_location(self.url)

    @contextmanager
    def faults_explained(self) -> Iterator[None]:
        """Driver errors that are storage faults (busy, full, damaged, unreachable) become plain ones."""
        try:
            yield
        except DBAPIError as error:
            fault = plain_fault(error, self.location)
            if fault is None:
                raise
            raise fault from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction for reading: one consistent view of the data, nothing written."""
        with self.faults_explained(), self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A transaction that writes: committed at the end of the block, rolled back on any error."""
        if self.read_only:
            raise faults.read_only(self.location)
        with (
            self.faults_explained(),
            self.sessions(execution_options={WRITE_TRANSACTION: True}) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def recording(self) -> Iterator[Session]:
        """A read whose audit entry is written with it; on a read-only database, the read alone."""
        if not self.read_only:
            with self.writing() as session:
                yield session
            return
        with self.faults_explained(), self.sessions(autoflush=False) as session:
            session.info[UNRECORDED] = True
            with session.begin():
                yield session
                session.expunge_all()  # nothing read may be written back: the file cannot take it

    def upgrade(
        self, backup: bool = True, server_backup_confirmed: bool = False
    ) -> schema.SchemaChange | None:
        """Bring the schema to the current revision (backing up a SQLite file first); None if it was.

        Whether anything is to do is read first without any lock, so that a database in use by a
        writer opens at once; only an upgrade takes the write lock (and waits for it). A server's
        database is backed up with the server's tools: its schema is upgraded only once the user
        has said it was (server_backup_confirmed), except when it is created.
        """
        with self.faults_explained():
            with self.engine.connect() as connection:
                if schema.at_head(connection):
                    return None
                current = schema.current_revision(connection)
            if current is not None and self.engine.dialect.name != "sqlite" and not server_backup_confirmed:
                raise ServerBackupFirst(current)
            if self.read_only:
                raise StorageFault(
                    f"the database at {self.location} needs an upgrade to schema revision "
                    f"{schema.head_revision()}, but its file or folder is read-only; make it writable "
                    "and run `clinic db upgrade`"
                )
            try:
                with _migration_connection(self.engine) as connection:
                    sqlite_file = files.sqlite_file(self.url) if backup else None
                    return schema.upgrade_to_head(connection, sqlite_file, self.key)
            except ProgrammingError as error:
                if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                    raise
                raise ClinicError(
                    f"the database needs an upgrade to schema revision {schema.head_revision()}, and "
                    "this database role may not change the schema; run `clinic db upgrade` as the "
                    "database's owner role (README, PostgreSQL)"
                ) from error

    def dispose(self) -> None:
        """Close every connection (the Database can still be used: it reconnects)."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.dispose()


def open_database(
    url: str | URL | None = None,
    migrate: bool = True,
    server_backup_confirmed: bool = False,
    key: bytes | None = None,
) -> Database:
    """Connect to the database (default: database_url()), bringing its schema up to date first.

    An encrypted SQLite file needs its key (clinic_app.storage.unlocking gets it from an account's
    password); without one it is refused with a message saying to log in.
    """
    chosen = database_url() if url is None else make_url(url)
    database = Database(_engine(chosen, key), chosen, key)
    if migrate:
        try:
            database.upgrade(server_backup_confirmed=server_backup_confirmed)
        except BaseException:
            database.dispose()
            raise
    return database


def _engine(url: URL, key: bytes | None) -> Engine:
    from clinic_app.storage import encrypted

    path = files.sqlite_file(url)
    if path is None:
        if key is not None:
            raise ValueError("only a SQLite file is encrypted with a key")
        return create_database_engine(url)
    if key is not None:
        return encrypted.encrypted_engine(path, key)
    if encrypted.is_encrypted_database(path):
        raise NeedsKey(
            f"the database at {path} is encrypted: it opens only at a login (CLINIC_APP_USER and "
            "CLINIC_APP_PASSWORD_FILE), or with the recovery key"
        )
    return create_database_engine(url)


class NeedsKey(NotLoggedIn):
    """An encrypted database opened without its key."""


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    """One transaction for the whole upgrade, so a failed migration leaves the schema as it was.

    On SQLite, foreign keys are off meanwhile: batch mode rebuilds a table by dropping it, and
    with foreign keys on that drop would cascade into the child tables. They are checked after.
    """
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            _set_sqlite_foreign_keys(connection, enabled=False)
        try:
            with connection.execution_options(**{WRITE_TRANSACTION: True}).begin():
                if engine.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                    )
                yield connection
                if sqlite:
                    _check_sqlite_foreign_keys(connection)
        finally:
            if sqlite:
                _set_sqlite_foreign_keys(connection, enabled=True)


def _set_sqlite_foreign_keys(connection: Connection, enabled: bool) -> None:
    # Outside any transaction (SQLite ignores this pragma inside one), so through the driver directly.
    connection.connection.driver_connection.execute(f"PRAGMA foreign_keys = {'ON' if enabled else 'OFF'}")  # type: ignore[union-attr]


def _check_sqlite_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = ", ".join(sorted({str(row[0]) for row in broken}))
        raise ClinicError(f"the database upgrade would break references in: {tables}; nothing was changed")
