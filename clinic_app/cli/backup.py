"""`clinic backup -o FILE` and `clinic restore FILE [--replace]`: the whole database, copied and put back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinic_app.storage.backup import BackupKey


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="write a verified copy of the whole database (admins)",
        description="Write a consistent copy of the whole database to FILE while the app may be in "
        "use, then open it, check its integrity and count its rows; FILE is replaced only when the "
        "copy is verified. A PostgreSQL database is backed up with the server's own tools.",
    )
    backup.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the copy")
    backup.set_defaults(run=back_up)
    restore = subparsers.add_parser(
        "restore",
        help="put a backup in place of the database (admins of the backup)",
        description="Check a backup, log in against the accounts inside it, and put it in place of the "
        "database: into an empty data folder, or with --replace after keeping a copy of the database "
        "it replaces beside it. Close Clinic App everywhere first.",
    )
    restore.add_argument("backup", metavar="FILE", help="a file `clinic backup` wrote")
    restore.add_argument(
        "--replace", action="store_true", help="replace the database there is (a copy of it is kept first)"
    )
    restore.add_argument(
        "--recovery-key-file",
        metavar="SHEET",
        help="an encrypted backup whose FILE.keys is missing: a file holding the recovery key as "
        "printed on the recovery sheet (the logging-in admin's password then gets a new key slot)",
    )
    restore.set_defaults(run=restore_backup)


def back_up(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage import backup

    with open_database() as database:
        backup.database_file(database.url)  # a server's database: say so before asking for a login
        counts = backup.back_up(database, log_in(database), args.output)
    print(f"Wrote a verified backup to {args.output}: {_counted(counts)}.")
    return 0


def restore_backup(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in
    from clinic_app.storage import backup
    from clinic_app.storage.db import database_url, describe_location

    url = database_url()
    source = Path(args.backup)
    backup.check_readable(source)
    key = _backup_key(source, args.recovery_key_file)
    restored = backup.restore(source, url, log_in, replace=args.replace, key=key)
    print(f"Restored {args.backup} to {describe_location(url)}: {_counted(restored.counts)}.")
    if restored.replaced_copy is not None:
        print(f"The database it replaced is kept as {restored.replaced_copy}.")
    return 0


def _backup_key(source: Path, recovery_key_file: str | None) -> BackupKey | None:
    """The key of an encrypted backup: its FILE.keys with the login's password, or the recovery key."""
    from clinic_app.cli.io import read_input
    from clinic_app.cli.login import credentials
    from clinic_app.errors import ClinicError
    from clinic_app.storage import backup, unlocking
    from clinic_app.storage.key_slots import KeySlots, slots_path
    from clinic_app.storage.recovery_key import RecoveryKey

    if not backup.is_encrypted_backup(source):
        return None
    username, password = credentials()
    slots = slots_path(source)
    if recovery_key_file is not None:
        recovery = RecoveryKey.parse(read_input(recovery_key_file))
        key = unlocking.unlock_with_recovery(source, recovery)
    elif slots.exists():
        key = KeySlots.load(slots).unlock(username, password)
    else:
        # Random bytes from the first byte: an encrypted backup cannot be told from a damaged file.
        raise ClinicError(
            f"{source} is damaged or is not a Clinic App database, or it is an encrypted backup whose "
            f"key file {slots.name} is not beside it: put that file there, or give the recovery key "
            "with --recovery-key-file SHEET"
        )
    return backup.BackupKey(key, slots if slots.exists() else None, password)


def _counted(counts: dict[str, int]) -> str:
    words = {"patients": "patients", "visits": "visits", "users": "accounts", "audit_log": "audit entries"}
    return ", ".join(f"{counts[table]} {word}" for table, word in words.items() if table in counts)
