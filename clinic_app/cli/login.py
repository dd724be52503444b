"""Logging in from the command line: CLINIC_APP_USER names the account, CLINIC_APP_PASSWORD_FILE a file
whose first line is its password. Commands that read or change stored patient data call `log_in`."""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING

from clinic_app.accounts import SessionUser
from clinic_app.errors import InvalidInput, NotLoggedIn, Problem

if TYPE_CHECKING:
    from clinic_app.storage.db import Database

USER_ENV = "CLINIC_APP_USER"
PASSWORD_FILE_ENV = "CLINIC_APP_PASSWORD_FILE"
_WARNED: set[str] = set()
NEEDS_LOGIN = (
    f"this command needs a login: set {USER_ENV} to your user name and {PASSWORD_FILE_ENV} to a file "
    "holding your password on its first line"
)


def open_database(migrate: bool = True) -> Database:
    """The database of a command that logs in. An encrypted one opens only with the key, which the
    login's password unlocks first (clinic_app.storage.unlocking); `log_in` then records the login."""
    from clinic_app.storage import db, unlocking

    url = db.database_url()
    if unlocking.encrypted_file(url) is None:
        return db.open_database(url, migrate=migrate)
    username, password = credentials()
    return unlocking.unlock_database(url, username, password, migrate=migrate)


def credentials() -> tuple[str, str]:
    """The user name and password the environment names; NotLoggedIn (exit 3) when it names none."""
    username = os.environ.get(USER_ENV, "").strip()
    password_file = os.environ.get(PASSWORD_FILE_ENV, "").strip()
    if not username or not password_file:
        raise NotLoggedIn(NEEDS_LOGIN)
    return username, read_password_file(password_file)


def log_in(database: Database) -> SessionUser:
    """The account named by the environment, logged in (and audited); NotLoggedIn (exit 3) otherwise."""
    from clinic_app.storage.accounts import FIRST_ACCOUNT_HINT, AccountService

    accounts = AccountService(database)
    if not accounts.has_accounts():
        raise NotLoggedIn(
            f"this command needs a login, and the database has no account yet; {FIRST_ACCOUNT_HINT}"
        )
    username, password = credentials()
    return accounts.login(username, password)


def read_password_file(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            data = stream.read(64 * 1024)
    except FileNotFoundError:
        raise NotLoggedIn(f"cannot read {PASSWORD_FILE_ENV} ({path}): no such file") from None
    except IsADirectoryError:
        raise NotLoggedIn(f"cannot read {PASSWORD_FILE_ENV} ({path}): it is a folder") from None
    except OSError as error:
        raise NotLoggedIn(f"cannot read {PASSWORD_FILE_ENV} ({path}): {error.strerror}") from None
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO) and path not in _WARNED:
        _WARNED.add(path)  # read to unlock the key and again to log in: one warning
        print(
            f"clinic: warning: {path} can be read by other users; make it yours alone (chmod 600 {path})",
            file=sys.stderr,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotLoggedIn(f"{PASSWORD_FILE_ENV} ({path}) is not UTF-8 text") from None
    return first_line(text)


def first_line(text: str) -> str:
    """The first line, without its line ending (a password may hold spaces, even at its ends)."""
    return text.split("\n", 1)[0].removesuffix("\r")


def read_new_password(from_stdin: bool) -> str:
    """A new password: the first line of standard input, or asked for twice on a terminal."""
    if from_stdin:
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.readline() if stream is not None else sys.stdin.readline()
        try:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
        except UnicodeDecodeError:
            raise InvalidInput([Problem("password", "standard input is not UTF-8 text")]) from None
        return first_line(text)
    if not sys.stdin.isatty():
        raise InvalidInput([Problem("password", "give it on standard input with --password-stdin")])
    from getpass import getpass

    password = getpass("New password: ")
    if getpass("The same again: ") != password:
        raise InvalidInput([Problem("password", "the two entries differ; nothing was changed")])
    return password
