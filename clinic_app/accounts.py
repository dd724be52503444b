"""Who may do what: roles, the logged-in user, passwords.

No storage here: the accounts themselves live in clinic_app.storage.accounts, which
checks passwords with `Passwords` and hands out a `SessionUser` at login. Every core
service that reads or changes patient data takes that user and calls `require` first:
a check in the desktop alone is not a check.

    user = AccountService(database).login("sam", password)
    require(user, Permission.SIGN)  # or require(user, "sign"); raises NotAllowed
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

from clinic_app.errors import InvalidInput, NotAllowed, Problem

if TYPE_CHECKING:  # argon2 is imported when a password is first hashed: commands without a login skip it
    from argon2 import PasswordHasher

log = logging.getLogger(__name__)


class Role(StrEnum):
    ADMIN = "admin"  # manages accounts, settings and the audit trail; may also work as a therapist
    THERAPIST = "therapist"  # records, signs, prints
    ASSISTANT = "assistant"  # finds patients, prints finished documents; cannot sign or change findings


class Permission(StrEnum):
    VIEW = "view"  # open a patient's visits
    RECORD = "record"  # create or change visits and findings (import, demo data)
    SIGN = "sign"  # finish a visit under one's own name
    PRINT = "print"  # print a finished visit's documents (therapists: any visit)
    PRINT_DRAFT = "print_draft"  # print documents of a visit not yet finished
    EXPORT = "export"  # write a stored visit out of the database
    MANAGE_ACCOUNTS = "manage_accounts"  # add and disable accounts, set anyone's password
    SETTINGS = "settings"  # change the clinic profile and document settings
    AUDIT = "audit"  # read and verify the audit trail
    BACKUP = "backup"  # copy the whole database out (`clinic backup`), or restore one


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.THERAPIST: frozenset(
        {
            Permission.VIEW,
            Permission.RECORD,
            Permission.SIGN,
            Permission.PRINT,
            Permission.PRINT_DRAFT,
            Permission.EXPORT,
        }
    ),
    Role.ASSISTANT: frozenset({Permission.VIEW, Permission.PRINT}),
}


@dataclass(frozen=True, slots=True)
class SessionUser:
    """The account logged in for this session, as it was at login."""

    id: int
    username: str
    display_name: str  # with credentials, e.g. "Sam Lee, PT, DPT"
    licence: str | None
    role: Role

    def may(self, permission: Permission | str) -> bool:
        return Permission(permission) in ROLE_PERMISSIONS[self.role]


def require(user: SessionUser, permission: Permission | str) -> None:
    """Raise NotAllowed unless the user's role grants the permission."""
    wanted = Permission(permission)  # an unknown permission name is a bug: ValueError
    if not user.may(wanted):
        raise NotAllowed(f"{user.username} ({user.role}) may not {_DOING[wanted]}")


_DOING = {
    Permission.VIEW: "open patient records",
    Permission.RECORD: "create or change visits",
    Permission.SIGN: "sign visits",
    Permission.PRINT: "print documents",
    Permission.PRINT_DRAFT: "print documents of a visit that is not finished",
    Permission.EXPORT: "export visits",
    Permission.MANAGE_ACCOUNTS: "manage accounts (an admin's task)",
    Permission.AUDIT: "read the audit trail (an admin's task)",
    Permission.SETTINGS: "change the clinic's settings (an admin's task)",
    Permission.BACKUP: "copy out or restore the whole database (an admin's task)",
}

# ---- account fields -------------------------------------------------------------------------------

USERNAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
DISPLAY_NAME_MAX = 200
LICENCE_MAX = 100
PASSWORD_MIN = 10
PASSWORD_MAX = 1024  # hashing is the cost; a longer password buys nothing


def username_key(username: str) -> str:
    """What makes two user names the same: letter case does not count."""
    return username.casefold()


def check_username(username: str, path: str = "username") -> list[Problem]:
    if USERNAME_PATTERN.fullmatch(username):
        return []
    return [
        Problem(
            path,
            "1 to 64 characters: letters A-Z, digits, '.', '_' or '-', starting with a letter or digit",
        )
    ]


def check_display_name(name: str, path: str = "name") -> list[Problem]:
    if not name.strip():
        return [Problem(path, 'give the name with credentials, for example "Sam Lee, PT, DPT"')]
    if len(name) > DISPLAY_NAME_MAX or any(ch in name for ch in "\r\n\t"):
        return [Problem(path, f"one line of at most {DISPLAY_NAME_MAX} characters")]
    return []


def check_licence(licence: str | None, path: str = "licence") -> list[Problem]:
    if licence is None:
        return []
    if not licence.strip() or len(licence) > LICENCE_MAX or any(ch in licence for ch in "\r\n\t"):
        return [Problem(path, f"one line of 1 to {LICENCE_MAX} characters, or leave it out")]
    return []


def check_password(password: str, path: str = "password") -> list[Problem]:
    """The rules a new password must meet; the message never repeats the password."""
    if len(password) < PASSWORD_MIN:
        return [Problem(path, f"at least {PASSWORD_MIN} characters, got {len(password)}")]
    if len(password) > PASSWORD_MAX:
        return [Problem(path, f"at most {PASSWORD_MAX} characters")]
    if password != password.strip():
        return [Problem(path, "must not begin or end with a space")]
    return []


def new_account_problems(
    username: str, display_name: str, licence: str | None, password: str
) -> list[Problem]:
    """Everything wrong with a new account as typed, each under its field (username, name, licence,
    password): what the core refuses, and what the desktop's forms show before sending it."""
    return (
        check_username(username)
        + check_display_name(display_name)
        + check_licence(licence)
        + check_password(password)
    )


def require_valid(problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(problems)


# ---- password hashing -----------------------------------------------------------------------------

# argon2id, raised from OWASP's minimum (19 MiB, 2 iterations, 1 lane) until one verification takes at
# least 100 ms on the project's machines (2-core AMD EPYC, 2026-11-29, argon2-cffi 25.1.0, 15 runs each):
#   19 MiB, t=2: 25 ms;  19 MiB, t=9: 87 ms;  56 MiB, t=2: 99 ms (min 92);  64 MiB, t=2: 112 ms (min 106).
# Memory rather than iterations: it is what makes guessing on graphics cards dear.
MEMORY_COST_KIB = 65536  # 64 MiB
TIME_COST = 2
PARALLELISM = 1
HASH_LENGTH = 32
SALT_LENGTH = 16
# A hash of a random password with exactly these parameters: a login for an account that does not
# exist, or is disabled, is checked against it, so that it takes as long as one that does.
# tests/clinic_app/test_accounts.py checks that its parameters are the ones above.
DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=2,p=1$eshoUu5OIGXaaXNF6ZzXiA$9dl16GhDkgF3tE3wGi8CczVdTOlLNRq8ibYhaL02esE"
)

# Tests only: CLINIC_APP_TEST_FAST_HASH=1 hashes with a tiny cost (1 MiB, 1 iteration), so that a test
# suite making dozens of accounts stays quick. Never set it anywhere else: hashes made with it are
# weak (a normal login replaces such a hash with a full-cost one).
FAST_HASH_ENV = "CLINIC_APP_TEST_FAST_HASH"
FAST_MEMORY_COST_KIB = 1024
FAST_TIME_COST = 1


class Passwords:
    """Hashes and checks passwords; every check costs one argon2id verification, whatever the outcome."""

    def __init__(self, hasher: PasswordHasher, upgrade_hashes: bool = True) -> None:
        self._hasher = hasher
        self._upgrade_hashes = upgrade_hashes
        if (hasher.memory_cost, hasher.time_cost, hasher.parallelism) == (
            MEMORY_COST_KIB,
            TIME_COST,
            PARALLELISM,
        ):
            self._dummy = DUMMY_HASH
        else:  # a cheaper (test) hasher needs a dummy of its own cost, or the timing would differ
            self._dummy = hasher.hash(secrets.token_urlsafe(24))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """Whether the password matches; a missing hash (no such account) is checked against the dummy."""
        from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

        try:
            self._hasher.verify(stored_hash or self._dummy, password)
            return stored_hash is not None
        except VerifyMismatchError:
            return False
        except (VerificationError, InvalidHashError):
            log.warning("a stored password hash could not be read")
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        """True for a hash made with other parameters than today's (it is replaced at the next login)."""
        from argon2.exceptions import InvalidHashError

        if not self._upgrade_hashes:
            return False
        try:
            return self._hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True


def fast_hash_for_tests() -> bool:
    return os.environ.get(FAST_HASH_ENV, "") == "1"


@cache
def _production_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(
        time_cost=TIME_COST,
        memory_cost=MEMORY_COST_KIB,
        parallelism=PARALLELISM,
        hash_len=HASH_LENGTH,
        salt_len=SALT_LENGTH,
        type=Type.ID,
    )


@cache
def _fast_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    log.info("%s=1: passwords are hashed at a test-only, weak cost", FAST_HASH_ENV)
    return PasswordHasher(
        time_cost=FAST_TIME_COST,
        memory_cost=FAST_MEMORY_COST_KIB,
        parallelism=PARALLELISM,
        hash_len=HASH_LENGTH,
        salt_len=SALT_LENGTH,
        type=Type.ID,
    )


@cache
def _passwords(fast: bool) -> Passwords:
    # The test-only cost never replaces a stored hash: it would weaken it.
    return Passwords(_fast_hasher(), upgrade_hashes=False) if fast else Passwords(_production_hasher())


def default_passwords() -> Passwords:
    """The production cost, or the test-only one under CLINIC_APP_TEST_FAST_HASH=1."""
    return _passwords(fast_hash_for_tests())
