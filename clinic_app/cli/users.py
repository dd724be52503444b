"""`clinic user add|list|disable|enable|passwd`: the accounts of the people who open patient data."""

from __future__ import annotations

import argparse
import json

from clinic_app.accounts import Role
from clinic_app.cli.login import read_new_password


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "user",
        help="add, list and disable accounts, change passwords",
        description="Accounts: every person who opens patient data has one. On a database with no "
        "account yet, `user add` makes the first one, an admin, without a login; after that an admin "
        "logs in (CLINIC_APP_USER and CLINIC_APP_PASSWORD_FILE).",
    )
    actions = parser.add_subparsers(dest="user_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add an account (the first one must be an admin)")
    add.add_argument(
        "username", metavar="USERNAME", help="letters A-Z, digits, '.', '_', '-'; case is ignored"
    )
    add.add_argument(
        "--name", required=True, metavar="DISPLAY NAME", help='with credentials: "Sam Lee, PT, DPT"'
    )
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--licence", metavar="TEXT", help="licence number (optional)")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    add.set_defaults(run=add_user)

    listing = actions.add_parser("list", help="list the accounts (admins)")
    listing.add_argument("--json", action="store_true", help="as a JSON array")
    listing.set_defaults(run=list_users)

    disable = actions.add_parser("disable", help="stop an account from logging in (admins)")
    disable.add_argument("username", metavar="USERNAME")
    disable.set_defaults(run=disable_user)

    enable = actions.add_parser("enable", help="let a disabled account log in again (admins)")
    enable.add_argument("username", metavar="USERNAME")
    enable.set_defaults(run=enable_user)

    passwd = actions.add_parser(
        "passwd", help="set an account's password (admins, or the account's own user); lifts a lock"
    )
    passwd.add_argument("username", metavar="USERNAME")
    passwd.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the new password from the first line of standard input",
    )
    passwd.set_defaults(run=change_password)


def add_user(args: argparse.Namespace) -> int:
    from clinic_app.accounts import check_display_name, check_licence, check_password, check_username
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.errors import InvalidInput, Problem
    from clinic_app.storage import db, unlocking
    from clinic_app.storage.accounts import AccountService

    role = Role(args.role)
    # Everything about the input first: a mistake is exit 2 before any login or write.
    problems = check_username(args.username) + check_display_name(args.name, "--name")
    problems += check_licence(args.licence, "--licence")
    password = read_new_password(args.password_stdin)
    problems += check_password(password)
    if problems:
        raise InvalidInput(problems)
    first = _first_account(db.database_url())
    if first and role is not Role.ADMIN:
        raise InvalidInput(
            [Problem("--role", f"the first account must be an admin (it manages the others), got {role}")]
        )
    if first and _is_sqlite_file(db.database_url()):
        made = unlocking.create_with_first_admin(
            db.database_url(), args.username, args.name, password, args.licence
        )
        made.database.dispose()
        account = made.account
        print(f"Added the {account.role} account {account.username} ({account.display_name}).")
        print(recovery_sheet_text(str(made.recovery)))
        return 0
    with open_database() as database:
        if first:  # a server's database: no key of ours (the server protects it)
            account = AccountService(database).add_first_admin(
                args.username, args.name, password, args.licence
            )
        else:
            user = log_in(database)
            account = unlocking.add_account_with_slot(
                database, user, args.username, args.name, role, password, args.licence
            )
    print(f"Added the {account.role} account {account.username} ({account.display_name}).")
    return 0


def recovery_sheet_text(recovery: str) -> str:
    """What `user add` prints once, with the first account: the key and what losing it means."""
    return (
        "\nThe database is now encrypted. Its RECOVERY KEY (shown this once; print or write it down, "
        "and keep it locked away from the computer):\n\n"
        f"    {recovery}\n\n"
        "Any account's password opens the data. If every password is lost AND this recovery key is "
        "lost, the data is lost for good: nobody, Clinic App's makers included, can open it."
    )


def _first_account(url: object) -> bool:
    from sqlalchemy.engine import URL

    from clinic_app.storage import unlocking
    from clinic_app.storage.accounts import AccountService
    from clinic_app.storage.db import open_database

    assert isinstance(url, URL)
    slotted = unlocking.has_accounts(url)
    if slotted is not None:
        return not slotted
    with open_database(url) as database:
        return not AccountService(database).has_accounts()


def _is_sqlite_file(url: object) -> bool:
    from sqlalchemy.engine import URL

    from clinic_app.storage import files

    assert isinstance(url, URL)
    return files.sqlite_file(url) is not None


def list_users(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage.accounts import AccountService

    with open_database() as database:
        accounts = AccountService(database).list(log_in(database))
    if args.json:
        rows = [
            {
                "username": account.username,
                "name": account.display_name,
                "licence": account.licence,
                "role": str(account.role),
                "disabled": account.disabled,
                "locked_until": None
                if account.locked_until is None
                else account.locked_until.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            for account in accounts
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    table = [("USER", "ROLE", "NAME", "LICENCE", "STATUS")]
    for account in accounts:
        if account.disabled:
            status = "disabled"
        elif account.locked_until is not None:
            status = f"locked until {account.locked_until.strftime('%Y-%m-%d %H:%M:%S UTC')}"
        else:
            status = "enabled"
        table.append((account.username, account.role, account.display_name, account.licence or "-", status))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def disable_user(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage import unlocking

    with open_database() as database:
        account = unlocking.disable_with_slot(database, log_in(database), args.username)
    print(f"Disabled the account {account.username}: it can no longer log in.")
    return 0


def enable_user(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage import unlocking

    with open_database() as database:
        account = unlocking.enable_with_slot(database, log_in(database), args.username)
        needs_password = unlocking.needs_new_password(database, account.username)
    print(f"Enabled the account {account.username}.")
    if needs_password:
        print(
            f"Its password no longer opens the encrypted database: set a new one with "
            f"`clinic user passwd {account.username}` before it logs in."
        )
    return 0


def change_password(args: argparse.Namespace) -> int:
    from clinic_app.accounts import check_password
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.errors import InvalidInput
    from clinic_app.storage import unlocking

    password = read_new_password(args.password_stdin)
    problems = check_password(password)
    if problems:
        raise InvalidInput(problems)
    with open_database() as database:
        unlocking.set_password_with_slot(database, log_in(database), args.username, password)
    print(f"Changed the password of {args.username}.")
    return 0
