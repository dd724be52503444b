"""Accounts for tests that act as a logged-in user (passwords hash at the test-only cost: tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

from clinic_app.accounts import Role, SessionUser
from clinic_app.cli.login import PASSWORD_FILE_ENV, USER_ENV
from clinic_app.storage.accounts import Account, AccountService
from clinic_app.storage.db import Database

ADMIN = "admin"
ADMIN_NAME = "Ada Admin, PT, DPT"
PASSWORD = "a test password"


def session_user(account: Account) -> SessionUser:
    """The account as a login would hand it out (without spending a login on it)."""
    return SessionUser(
        id=account.id,
        username=account.username,
        display_name=account.display_name,
        licence=account.licence,
        role=account.role,
    )


def first_admin(database: Database, username: str = ADMIN) -> SessionUser:
    account = AccountService(database).add_first_admin(username, ADMIN_NAME, PASSWORD)
    return session_user(account)


def add_account(database: Database, admin: SessionUser, username: str, role: Role) -> SessionUser:
    account = AccountService(database).add(admin, username, f"{username.title()} Tester, PT", role, PASSWORD)
    return session_user(account)


def password_file(folder: Path, password: str = PASSWORD) -> Path:
    path = folder / f"password-{os.getpid()}.txt"
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def login_environment(folder: Path, username: str = ADMIN, password: str = PASSWORD) -> dict[str, str]:
    """CLINIC_APP_USER and CLINIC_APP_PASSWORD_FILE for a command run as this account."""
    return {USER_ENV: username, PASSWORD_FILE_ENV: str(password_file(folder, password))}
