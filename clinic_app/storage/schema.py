"""The schema's history: Alembic migrations shipped inside the package, configured in code.

No alembic.ini is needed at run time. Developers make a new revision with
`python -m clinic_app.storage.schema revision -m "what changes"` (autogenerate
against a scratch SQLite database at head; read the output before committing).

Alembic is imported only when there is something to migrate or list: a database already at
the newest revision (every start but the first after an update) is recognised by a plain read
of its version table and the migration files' names. Alembic, Mako and the revision scripts
would otherwise cost every start about 20 MiB and a quarter of a second.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from clinic_app.errors import ClinicError
from clinic_app.storage import files

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

SHIPPED_SCRIPTS = "clinic_app.storage:migrations"
SCRIPT_LOCATION = SHIPPED_SCRIPTS  # tests point it at a copy with one more revision
VERSION_TABLE = "alembic_version"
# Revisions are numbered 0001, 0002, ...; files are named so that mypy and ruff accept them as modules.
FILE_TEMPLATE = "v%(rev)s_%(slug)s"
SHIPPED_VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
REVISION_FILE = re.compile(r"v(\d+)_\w+\.py")


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration; env.py migrates through `connection` when one is given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option("file_template", FILE_TEMPLATE.replace("%", "%%"))  # configparser escaping
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def newest_revision_file() -> str | None:
    """The highest revision number among the shipped migration files' names: the head, as the
    revisions follow one another in number (tests/clinic_app/storage/test_storage_schema.py checks
    it). None for other scripts, whose head only Alembic gives."""
    if SCRIPT_LOCATION != SHIPPED_SCRIPTS:
        return None
    names = (path.name for path in SHIPPED_VERSIONS.iterdir())
    numbers = [match.group(1) for name in names if (match := REVISION_FILE.fullmatch(name))]
    return max(numbers, key=int, default=None)


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None: no schema yet); a plain read, no lock taken."""
    heads: list[str] = []
    if inspect(connection).has_table(VERSION_TABLE):  # what Alembic reads, without loading Alembic
        heads = list(connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
    if len(heads) > 1:
        raise ClinicError(
            f"the database's schema version is unclear ({VERSION_TABLE} holds {len(heads)} rows, where "
            "Clinic App keeps one): it was changed by another program or by hand. Nothing was changed; "
            "restore your latest backup (`clinic restore BACKUP_FILE --replace`) or ask your IT contact"
        )
    return heads[0] if heads else None


def at_head(connection: Connection) -> bool:
    """Whether the schema is current, read without taking any lock (a newer one is an error)."""
    current = current_revision(connection)
    if current is not None and (current == newest_revision_file() or current == head_revision()):
        return True  # Alembic's own answer is loaded only when the files' names do not give it
    _require_known(current)
    return False


def _require_known(current: str | None) -> None:
    if current is not None and current not in known_revisions():
        raise ClinicError(
            f"the database was made by a newer Clinic App (schema revision {current}); "
            "update Clinic App to open it"
        )


def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return frozenset(script.revision for script in scripts.walk_revisions())


@dataclass(frozen=True, slots=True)
class SchemaChange:
    """An upgrade that happened: from which revision (None: an empty database), to which, the backup."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def upgrade_to_head(
    connection: Connection, sqlite_file: Path | None, key: bytes | None = None
) -> SchemaChange | None:
    """Bring the schema to the newest revision, backing up an existing SQLite file first.

    Runs inside the caller's transaction: on PostgreSQL and SQLite alike the DDL commits or
    rolls back with it. None when the schema was already current.
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    head = scripts.get_current_head()
    assert head is not None, "the migrations folder has no revision"
    current = current_revision(connection)
    if current == head:
        return None
    backup = None
    _require_known(current)
    if current is None:
        _require_empty(connection)
    else:
        backup = _back_up_before_upgrade(connection, sqlite_file, key)
    log.info("upgrading the database schema from %s to %s", current or "empty", head)
    command.upgrade(alembic_config(connection), "head")
    return SchemaChange(current, head, backup)


def _require_empty(connection: Connection) -> None:
    tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    if tables:
        raise ClinicError(
            "the database already holds tables that Clinic App did not make; "
            "point CLINIC_APP_DATABASE_URL at an empty database"
        )


def _back_up_before_upgrade(
    connection: Connection, sqlite_file: Path | None, key: bytes | None
) -> Path | None:
    if sqlite_file is None:
        log.info(
            "no file backup is taken of a %s database: back up the server yourself", connection.dialect.name
        )
        return None
    backup = files.backup_sqlite_file(sqlite_file, key)
    log.info("backed up the database to %s before upgrading it", backup)
    return backup


def main(argv: list[str]) -> int:
    """`python -m clinic_app.storage.schema revision -m MESSAGE`: autogenerate the next revision."""
    import argparse
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    parser = argparse.ArgumentParser(prog="python -m clinic_app.storage.schema")
    parser.add_argument("action", choices=["revision"])
    parser.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{scratch}/scratch.db")
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            next_id = f"{int(head_revision()) + 1:04d}"
            command.revision(
                alembic_config(connection), message=args.message, autogenerate=True, rev_id=next_id
            )
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
