"""Accounts: add, list, disable, change passwords, and log in, each audited in its own transaction.

    accounts = AccountService(database)
    accounts.add_first_admin("sam", "Sam Lee, PT, DPT", password)   # only while there is no account
    user = accounts.login("sam", password)                          # a SessionUser, or NotLoggedIn
    accounts.add(user, "jo", "Jo Park, PTA", Role.ASSISTANT, other_password)

A login always costs one argon2id verification, whatever the outcome (an unknown or disabled
account is checked against a dummy hash), and 5 failures in a row lock the account for 5 minutes.
Hashing happens outside the transaction, so no one waits on the write lock meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic_app.accounts import (
    Passwords,
    Permission,
    Role,
    SessionUser,
    check_password,
    default_passwords,
    new_account_problems,
    require_valid,
    username_key,
)
from clinic_app.domain import SIGNED_BEFORE_ACCOUNTS, SignatureKind
from clinic_app.errors import InvalidInput, NotAllowed, NotFound, NotLoggedIn, Problem
from clinic_app.storage import audit, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.orm import UserRow, VisitRow

LOCK_AFTER_FAILURES = 5
LOCK_DURATION = dt.timedelta(minutes=5)
USERNAME_CONSTRAINT = "uq_users_username_key"

FIRST_ACCOUNT_HINT = (
    'create the first one, an admin, with: clinic user add USERNAME --name "NAME, CREDENTIALS" '
    "--role admin --password-stdin"
)


@dataclass(frozen=True, slots=True)
class Account:
    """An account as `clinic user list` shows it (never its password hash)."""

    id: int
    username: str
    display_name: str
    licence: str | None
    role: Role
    disabled: bool
    locked_until: dt.datetime | None
    created_at: dt.datetime


class AccountService:
    def __init__(
        self,
        database: Database,
        passwords: Passwords | None = None,
        clock: Callable[[], dt.datetime] = queries.utc_now,
    ) -> None:
        self._database = database
        self._passwords = passwords or default_passwords()
        self._clock = clock

    # ---- reading ------------------------------------------------------------------------------

    def has_accounts(self) -> bool:
        with self._database.reading() as session:
            return session.scalar(select(UserRow.id).limit(1)) is not None

    def list(self, user: SessionUser) -> list[Account]:
        with self._database.reading() as session:
            audit.authorise(session, user, Permission.MANAGE_ACCOUNTS)
            rows = session.scalars(select(UserRow).order_by(UserRow.username_key))
            return [_account(row) for row in rows]

    # ---- changing -----------------------------------------------------------------------------

    def add_first_admin(
        self, username: str, display_name: str, password: str, licence: str | None = None
    ) -> Account:
        """The first account of a new database, which must be an admin; refused once any exists."""
        _check_new_account(username, display_name, licence, password)
        password_hash = self._passwords.hash(password)
        with self._database.writing() as session:
            audit.lock_chain(session)  # two first admins at once: the second sees the first
            if session.scalar(select(UserRow.id).limit(1)) is not None:
                raise NotAllowed("the database already has accounts: an admin must log in to add one")
            row = self._insert(session, username, display_name, licence, Role.ADMIN, password_hash)
            audit.append(session, AuditAction.USER_ADD, username, detail=f"account {username} (admin)")
            _record_unattributed_visits(session, username)
            return _account(row)

    def add(
        self,
        user: SessionUser,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        licence: str | None = None,
    ) -> Account:
        _check_new_account(username, display_name, licence, password)
        with self._database.reading() as session:  # fail before the costly hash
            audit.authorise(session, user, Permission.MANAGE_ACCOUNTS)
        password_hash = self._passwords.hash(password)
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.MANAGE_ACCOUNTS)
            audit.lock_chain(session)
            row = self._insert(session, username, display_name, licence, role, password_hash)
            audit.append(session, AuditAction.USER_ADD, user.username, detail=f"account {username} ({role})")
            return _account(row)

    def disable(self, user: SessionUser, username: str) -> Account:
        """The account can no longer log in; its entries in the trail stay. The last admin stays."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.MANAGE_ACCOUNTS)
            audit.lock_chain(session)
            row = _row_named(session, username)
            if row.role is Role.ADMIN and not row.disabled and _enabled_admins(session) <= 1:
                raise NotAllowed(f"{row.username} is the last enabled admin; add another admin first")
            row.disabled = True
            row.updated_at = self._clock()
            audit.append(session, AuditAction.USER_DISABLE, user.username, detail=f"account {row.username}")
            return _account(row)

    def enable(self, user: SessionUser, username: str) -> Account:
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.MANAGE_ACCOUNTS)
            audit.lock_chain(session)
            row = _row_named(session, username)
            row.disabled = False
            row.failed_logins = 0
            row.locked_until = None
            row.updated_at = self._clock()
            audit.append(session, AuditAction.USER_ENABLE, user.username, detail=f"account {row.username}")
            return _account(row)

    def set_password(self, user: SessionUser, username: str, new_password: str) -> None:
        """An admin may set anyone's password, anyone else only their own. It also lifts a lock."""
        require_valid(check_password(new_password))
        with self._database.reading() as session:
            self._authorise_password_change(session, user, username)
        password_hash = self._passwords.hash(new_password)
        with self._database.writing() as session:
            row = self._authorise_password_change(session, user, username)
            audit.lock_chain(session)
            row.password_hash = password_hash
            row.failed_logins = 0
            row.locked_until = None
            row.updated_at = self._clock()
            audit.append(session, AuditAction.USER_PASSWD, user.username, detail=f"account {row.username}")

    def _authorise_password_change(self, session: Session, user: SessionUser, username: str) -> UserRow:
        if username_key(username) == username_key(user.username):
            audit.check_account(session, user)  # one's own password: any role
        else:
            audit.authorise(session, user, Permission.MANAGE_ACCOUNTS)
        return _row_named(session, username)

    def _insert(
        self,
        session: Session,
        username: str,
        display_name: str,
        licence: str | None,
        role: Role,
        password_hash: str,
    ) -> UserRow:
        if session.scalar(select(UserRow.id).where(UserRow.username_key == username_key(username))):
            raise _name_taken(username)
        now = self._clock()
        row = UserRow(
            username=username,
            username_key=username_key(username),
            display_name=display_name.strip(),
            licence=None if licence is None else licence.strip(),
            role=role,
            disabled=False,
            password_hash=password_hash,
            failed_logins=0,
            locked_until=None,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError as error:
            if USERNAME_CONSTRAINT in str(error.orig) or "users.username_key" in str(error.orig):
                raise _name_taken(username) from error
            raise
        return row

    # ---- logging in ---------------------------------------------------------------------------

    def login(self, username: str, password: str) -> SessionUser:
        """The account, if the password is right and the account enabled and not locked; else NotLoggedIn.

        Every outcome costs one password verification and one audited write, so that the time
        taken says nothing about which outcome it was.
        """
        key = username_key(username)
        with self._database.reading() as session:
            row = session.scalars(select(UserRow).where(UserRow.username_key == key)).one_or_none()
            checked_hash = None if row is None or row.disabled else row.password_hash
        right = self._passwords.verify(checked_hash, password)
        new_hash = (
            self._passwords.hash(password)
            if right and checked_hash is not None and self._passwords.needs_rehash(checked_hash)
            else None
        )
        with self._database.recording() as session:  # read-only: checked, not counted
            audit.lock_chain(session)  # a concurrent failure counts too
            outcome = self._record_login(session, username, key, checked_hash, right, new_hash)
        if isinstance(outcome, SessionUser):
            return outcome
        raise NotLoggedIn(outcome)

    def record_session_end(self, user: SessionUser, action: AuditAction) -> None:
        """A desktop session ends (logout: switched user or quit) or is hidden (screen_lock)."""
        if action not in (AuditAction.LOGOUT, AuditAction.SCREEN_LOCK):
            raise ValueError(f"not a session action: {action}")
        with self._database.writing() as session:
            audit.append(session, action, user.username)

    def _record_login(
        self,
        session: Session,
        typed: str,
        key: str,
        checked_hash: str | None,
        right: bool,
        new_hash: str | None,
    ) -> SessionUser | str:
        now = self._clock()
        refused = (
            f"login failed for {typed}: wrong user name or password, or the account is disabled "
            f"({LOCK_AFTER_FAILURES} failed logins in a row lock it for {_minutes(LOCK_DURATION)})"
        )
        row = session.scalars(select(UserRow).where(UserRow.username_key == key)).one_or_none()
        if row is None:
            audit.append(session, AuditAction.LOGIN_FAILED, typed, detail="no such account", at=now)
            return refused
        if row.disabled or checked_hash is None:
            audit.append(session, AuditAction.LOGIN_FAILED, row.username, detail="account disabled", at=now)
            return refused
        if row.locked_until is not None and row.locked_until > now:
            audit.append(session, AuditAction.LOGIN_FAILED, row.username, detail="account locked", at=now)
            if right:  # only someone who knows the password learns that the account is locked
                until = row.locked_until.strftime("%H:%M:%S UTC")
                return (
                    f"the account {row.username} is locked after {LOCK_AFTER_FAILURES} failed logins "
                    f"in a row; try again after {until}, or ask an admin to set a new password"
                )
            return refused
        if not right or row.password_hash != checked_hash:  # wrong, or changed since it was checked
            row.failed_logins += 1
            detail = "wrong password"
            if row.failed_logins >= LOCK_AFTER_FAILURES:
                row.failed_logins = 0
                row.locked_until = now + LOCK_DURATION
                detail += f"; locked for {_minutes(LOCK_DURATION)}"
            audit.append(session, AuditAction.LOGIN_FAILED, row.username, detail=detail, at=now)
            return refused
        row.failed_logins = 0
        row.locked_until = None
        if new_hash is not None:
            row.password_hash = new_hash
        audit.append(session, AuditAction.LOGIN, row.username, at=now)
        return SessionUser(
            id=row.id,
            username=row.username,
            display_name=row.display_name,
            licence=row.licence,
            role=row.role,
        )


def _record_unattributed_visits(session: Session, username: str) -> None:
    """On a database upgraded from before accounts: say in the trail that its finished visits are
    signed by "unknown (before accounts)" (migration 0007), as the first admin found them."""
    count = session.scalar(
        select(func.count())
        .select_from(VisitRow)
        .where(VisitRow.signature_kind == SignatureKind.BEFORE_ACCOUNTS)
    )
    if count:
        audit.append(
            session,
            AuditAction.VISITS_ATTRIBUTED,
            username,
            detail=f"{count} visits finished before accounts: signed by {SIGNED_BEFORE_ACCOUNTS}",
        )


def _check_new_account(username: str, display_name: str, licence: str | None, password: str) -> None:
    require_valid(new_account_problems(username, display_name, licence, password))


def _row_named(session: Session, username: str) -> UserRow:
    row = session.scalars(select(UserRow).where(UserRow.username_key == username_key(username))).one_or_none()
    if row is None:
        raise NotFound(f"there is no account named {username}")
    return row


def _enabled_admins(session: Session) -> int:
    query = (
        select(func.count())
        .select_from(UserRow)
        .where(UserRow.role == Role.ADMIN, UserRow.disabled.is_(False))
    )
    return session.execute(query).scalar_one()


def _name_taken(username: str) -> InvalidInput:
    return InvalidInput([Problem("username", f"{username} is taken (user names ignore letter case)")])


def _minutes(duration: dt.timedelta) -> str:
    return f"{int(duration.total_seconds() // 60)} minutes"


def _account(row: UserRow) -> Account:
    return Account(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        licence=row.licence,
        role=row.role,
        disabled=row.disabled,
        locked_until=row.locked_until,
        created_at=row.created_at,
    )
