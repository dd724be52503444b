"""`clinic db upgrade`, `encrypt`, `rekey` and `path`: the database behind the app."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "db",
        help="bring the database up to date, or show where it is",
        description="The database: by default a file in your data folder; CLINIC_APP_DATABASE_URL "
        "(an SQLAlchemy URL, e.g. postgresql+psycopg://user@host/clinic) selects another one.",
    )
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    upgrade = actions.add_parser(
        "upgrade",
        help="bring the database to the current schema (creating it, or backing it up first)",
        description="Create the database if needed and bring it to the current schema. An existing "
        "SQLite file is copied first, next to it, and the copy verified; the app does this by itself "
        "when it starts. A database on a server is backed up with the server's tools first: this "
        "command asks whether it was (or takes --yes for it).",
    )
    upgrade.add_argument(
        "--yes",
        action="store_true",
        help="on a database server: you have backed it up with the server's tools, upgrade without asking",
    )
    upgrade.set_defaults(run=upgrade_database)
    encrypt = actions.add_parser(
        "encrypt",
        help="encrypt a database kept from before encryption (admins); prints its recovery key",
        description="Encrypt the SQLite database in place: a verified plaintext backup is taken first, "
        "the encrypted copy is checked (integrity, every table's rows) before it replaces the file, "
        "and then the plaintext backups beside it are removed. Every enabled account keeps its "
        "password. The recovery key is printed once: print it or write it down. Close Clinic App "
        "everywhere first.",
    )
    encrypt.set_defaults(run=encrypt_database)
    rekey = actions.add_parser(
        "rekey",
        help="give the encrypted database a new key and a new recovery key (admins)",
        description="Make a new database key (after a recovery sheet was seen by someone, or to shut "
        "out disabled accounts for good): a verified backup under the old key is written beside the "
        "database first (clinic.before-rekey-DATE.db with its .keys), then the database is copied "
        "under the new key, checked (integrity, every table's rows) and renamed into place. Every "
        "enabled account keeps its password; disabled accounts get no key slot. The new recovery key "
        "is printed once: print it or write it down, and destroy the old sheet. Older backups, the "
        "one taken first included, still open with the old passwords and the old recovery key: keep "
        "them as safe as before, or delete them. Close Clinic App everywhere first.",
    )
    rekey.set_defaults(run=rekey_database)
    path = actions.add_parser("path", help="print where the data lives")
    path.set_defaults(run=print_location)


def upgrade_database(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import open_database
    from clinic_app.storage.db import ServerBackupFirst

    with open_database(migrate=False) as database:
        try:
            change = database.upgrade(server_backup_confirmed=args.yes)
        except ServerBackupFirst as behind:
            if not _backed_up_says_the_user(behind.current):
                print("Nothing was changed.")
                return 1
            change = database.upgrade(server_backup_confirmed=True)
        location = database.location
    if change is None:
        print(f"The database at {location} is already at the current schema.")
    elif change.from_revision is None:
        print(f"Created the database at {location} (schema revision {change.to_revision}).")
    else:
        print(
            f"Upgraded the database at {location} from revision {change.from_revision} to {change.to_revision}."
        )
    if change is not None and change.backup is not None:
        print(f"The copy taken before the upgrade is {change.backup}.")
    return 0


def encrypt_database(_args: argparse.Namespace) -> int:
    from clinic_app.cli.login import credentials
    from clinic_app.cli.users import recovery_sheet_text
    from clinic_app.storage import unlocking
    from clinic_app.storage.db import database_url, describe_location

    url = database_url()
    username, password = credentials()
    database, recovery = unlocking.encrypt_existing(url, username, password)
    database.dispose()
    print(f"Encrypted the database at {describe_location(url)}; its plaintext backups are removed.")
    print(recovery_sheet_text(str(recovery)))
    return 0


def rekey_database(_args: argparse.Namespace) -> int:
    from clinic_app.cli.login import credentials
    from clinic_app.storage.db import database_url, describe_location
    from clinic_app.storage.rekeying import rekey

    url = database_url()
    username, password = credentials()
    done = rekey(url, username, password)
    print(f"Made a new key for the database at {describe_location(url)} and re-encrypted it.")
    print(f"These accounts keep their passwords: {', '.join(done.accounts)}.")
    if done.dropped:
        print(f"Disabled accounts have no key slot: {', '.join(done.dropped)}.")
    print(
        f"The backup taken first is {done.backup} (with its .keys file): it, and every older backup, "
        "still opens with the old passwords and the old recovery key."
    )
    print(
        "\nThe NEW RECOVERY KEY (shown this once; print or write it down, keep it locked away from the "
        "computer, and destroy the old sheet):\n\n"
        f"    {done.recovery}\n\n"
        "Any account's password opens the data. If every password is lost AND this recovery key is "
        "lost, the data is lost for good: nobody, Clinic App's makers included, can open it."
    )
    return 0


def _backed_up_says_the_user(current: str) -> bool:
    """Ask, on a terminal, whether the server's database was backed up; elsewhere --yes says so."""
    import sys

    from clinic_app.errors import ClinicError
    from clinic_app.storage.schema import head_revision

    warning = (
        f"The database on the server is at schema revision {current}; upgrading it to {head_revision()} "
        "cannot be undone by Clinic App. Back it up first with the server's own tools (pg_dump)."
    )
    if not sys.stdin.isatty():
        raise ClinicError(f"{warning} Then run `clinic db upgrade --yes`.")
    print(warning)
    return input("Has it been backed up? Type yes to upgrade: ").strip().lower() == "yes"


def print_location(_args: argparse.Namespace) -> int:
    from clinic_app.storage.db import database_url, describe_location

    print(describe_location(database_url()))
    return 0
