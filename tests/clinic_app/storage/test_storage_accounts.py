"""Accounts through the service, on SQLite and PostgreSQL: adding, logging in, lockout, roles."""

from __future__ import annotations

import contextlib
import datetime as dt
import statistics
import time

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from clinic_app.accounts import Passwords, Role, SessionUser
from clinic_app.domain import VisitStatus
from clinic_app.errors import InvalidInput, NotAllowed, NotFound, NotLoggedIn
from clinic_app.storage import VisitService
from clinic_app.storage.accounts import LOCK_AFTER_FAILURES, LOCK_DURATION, AccountService
from clinic_app.storage.audit import AuditService
from clinic_app.storage.db import Database
from clinic_app.storage.orm import UserRow

from ..logins import PASSWORD, add_account
from .builders import full_visit, minimal_visit


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def new_entries(
    database: Database, admin: SessionUser, after: int
) -> list[tuple[str | None, str, str | None]]:
    return [
        (entry.user, entry.action, entry.detail)
        for entry in AuditService(database).entries(admin)
        if entry.seq > after and entry.action != "audit_view"
    ]


def last_seq(database: Database, admin: SessionUser) -> int:
    return AuditService(database).entries(admin)[-1].seq


def test_the_first_account_is_an_admin_and_only_the_first(database: Database, admin: SessionUser) -> None:
    assert admin.role is Role.ADMIN
    with pytest.raises(NotAllowed, match="already has accounts"):
        AccountService(database).add_first_admin("second", "Second Admin, PT", PASSWORD)


def test_only_argon2id_hashes_are_stored(database: Database, admin: SessionUser) -> None:
    with database.reading() as session:
        stored = session.scalars(select(UserRow.password_hash)).one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_user_names_are_unique_whatever_their_letter_case(database: Database, admin: SessionUser) -> None:
    with pytest.raises(InvalidInput, match="ADMIN is taken"):
        AccountService(database).add(admin, "ADMIN", "Other Admin, PT", Role.THERAPIST, PASSWORD)
    assert AccountService(database).login("ADMIN", PASSWORD).username == "admin"


def test_a_new_account_needs_a_good_password_and_says_what_is_wrong(
    database: Database, admin: SessionUser
) -> None:
    with pytest.raises(InvalidInput) as raised:
        AccountService(database).add(admin, "jo park", " ", Role.ASSISTANT, "short")
    paths = [problem.path for problem in raised.value.problems]
    assert paths == ["username", "name", "password"]
    assert "short" not in str(raised.value)


def test_a_login_hands_out_the_account_and_is_audited(database: Database, admin: SessionUser) -> None:
    before = last_seq(database, admin)
    sam = AccountService(database).login("Admin", PASSWORD)
    assert sam == admin
    assert new_entries(database, admin, before) == [("admin", "login", None)]


@pytest.mark.parametrize("username", ["admin", "nobody"])
def test_a_wrong_password_or_user_gets_one_plain_answer(
    database: Database, admin: SessionUser, username: str
) -> None:
    before = last_seq(database, admin)
    with pytest.raises(NotLoggedIn) as raised:
        AccountService(database).login(username, "not the password")
    assert str(raised.value) == (
        f"login failed for {username}: wrong user name or password, or the account is disabled "
        "(5 failed logins in a row lock it for 5 minutes)"
    )
    detail = "wrong password" if username == "admin" else "no such account"
    assert new_entries(database, admin, before) == [(username, "login_failed", detail)]


def test_five_failures_in_a_row_lock_the_account_for_five_minutes(
    database: Database, admin: SessionUser
) -> None:
    clock = Clock()
    accounts = AccountService(database, clock=clock)
    for _ in range(LOCK_AFTER_FAILURES):
        with pytest.raises(NotLoggedIn, match="login failed"):
            accounts.login("admin", "not the password")
    with pytest.raises(
        NotLoggedIn, match=r"locked after 5 failed logins in a row; try again after 09:05:00 UTC"
    ):
        accounts.login("admin", PASSWORD)  # the right password, too late
    with pytest.raises(NotLoggedIn, match="login failed"):
        accounts.login("admin", "not the password")  # a wrong one does not learn about the lock
    clock.now += LOCK_DURATION - dt.timedelta(seconds=1)
    with pytest.raises(NotLoggedIn, match="locked"):
        accounts.login("admin", PASSWORD)
    clock.now += dt.timedelta(seconds=1)
    assert accounts.login("admin", PASSWORD).username == "admin"


def test_a_success_starts_the_count_again(database: Database, admin: SessionUser) -> None:
    accounts = AccountService(database)
    for _ in range(2):
        for _ in range(LOCK_AFTER_FAILURES - 1):
            with pytest.raises(NotLoggedIn):
                accounts.login("admin", "not the password")
        accounts.login("admin", PASSWORD)


def test_a_new_password_lifts_the_lock(database: Database, admin: SessionUser) -> None:
    accounts = AccountService(database)
    jo = add_account(database, admin, "jo", Role.THERAPIST)
    for _ in range(LOCK_AFTER_FAILURES):
        with pytest.raises(NotLoggedIn):
            accounts.login("jo", "not the password")
    [listed] = [account for account in accounts.list(admin) if account.username == "jo"]
    assert listed.locked_until is not None
    accounts.set_password(admin, "jo", "a brand new password")
    assert accounts.login("jo", "a brand new password") == jo


def test_everyone_may_change_their_own_password_and_only_an_admin_anyone_s(
    database: Database, admin: SessionUser
) -> None:
    accounts = AccountService(database)
    jo = add_account(database, admin, "jo", Role.ASSISTANT)
    add_account(database, admin, "kim", Role.THERAPIST)
    accounts.set_password(jo, "JO", "jo's own new password")
    accounts.login("jo", "jo's own new password")
    with pytest.raises(NotAllowed, match=r"jo \(assistant\) may not manage accounts"):
        accounts.set_password(jo, "kim", "taking over kim")
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        accounts.set_password(admin, "kim", "short")
    with pytest.raises(NotFound, match="no account named ghost"):
        accounts.set_password(admin, "ghost", "a good long password")


def test_a_disabled_account_cannot_log_in_nor_act_any_more(database: Database, admin: SessionUser) -> None:
    accounts = AccountService(database)
    kim = add_account(database, admin, "kim", Role.THERAPIST)
    stored = VisitService(database).import_document(kim, minimal_visit())
    accounts.disable(admin, "kim")
    with pytest.raises(NotLoggedIn, match="login failed"):
        accounts.login("kim", PASSWORD)
    with pytest.raises(NotAllowed, match="kim is disabled"):  # a session that was open before
        VisitService(database).view(kim, stored.id)
    accounts.enable(admin, "kim")
    assert accounts.login("kim", PASSWORD) == kim


def test_the_last_admin_stays(database: Database, admin: SessionUser) -> None:
    accounts = AccountService(database)
    with pytest.raises(NotAllowed, match="last enabled admin"):
        accounts.disable(admin, "admin")
    other = add_account(database, admin, "boss", Role.ADMIN)
    accounts.disable(other, "admin")
    assert {a.username: a.disabled for a in accounts.list(other)} == {"admin": True, "boss": False}


def test_only_admins_manage_accounts(database: Database, admin: SessionUser) -> None:
    kim = add_account(database, admin, "kim", Role.THERAPIST)
    accounts = AccountService(database)
    for attempt in (
        lambda: accounts.add(kim, "lee", "Lee Park, PT", Role.THERAPIST, PASSWORD),
        lambda: accounts.list(kim),
        lambda: accounts.disable(kim, "admin"),
    ):
        with pytest.raises(NotAllowed, match="manage accounts"):
            attempt()


def test_roles_are_enforced_by_the_visit_service(database: Database, admin: SessionUser) -> None:
    visits = VisitService(database)
    kim = add_account(database, admin, "kim", Role.THERAPIST)
    jo = add_account(database, admin, "jo", Role.ASSISTANT)
    with pytest.raises(NotAllowed, match="may not create or change visits"):
        visits.import_document(jo, full_visit())
    draft = visits.import_document(kim, full_visit())
    with pytest.raises(NotAllowed, match="may not export visits"):
        visits.export_document(jo, draft.id)
    with pytest.raises(NotAllowed, match="may not sign visits"):
        visits.sign(jo, draft.id, draft.version)
    with pytest.raises(NotAllowed, match="finished visits only"):
        visits.print_document(jo, draft.id, "handout")
    assert visits.view(jo, draft.id).id == draft.id
    signed = visits.sign(kim, draft.id, draft.version)
    assert signed.status is VisitStatus.FINAL
    assert visits.print_document(jo, draft.id, "handout").id == draft.id


def login_time(accounts: AccountService, username: str, password: str) -> float:
    """How long a login takes to answer, successful or not."""
    start = time.perf_counter()
    with contextlib.suppress(NotLoggedIn):
        accounts.login(username, password)
    return time.perf_counter() - start


def test_a_wrong_password_is_answered_after_the_same_delay_as_a_right_one(
    database: Database, admin: SessionUser
) -> None:
    # OWASP's minimum cost (about 25 ms here, a quarter of the real one): the hash, not the noise, is
    # what a login costs, and the test stays short. Rounds take each outcome in turn, so that a busy
    # moment of the machine slows them all alike; a right password each round keeps jo from a lock.
    # The tolerance, half the time of a right password, still catches what matters: an answer given
    # without a hash takes a tenth of the time, one with two hashes twice as long. (A busy 2-core
    # machine moves medians by up to a third.)
    hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    accounts = AccountService(database, passwords=Passwords(hasher))
    add_account(database, admin, "jo", Role.THERAPIST)
    add_account(database, admin, "gone", Role.THERAPIST)
    AccountService(database).disable(admin, "gone")
    with database.writing() as session:  # their passwords hashed at this test's cost
        for row in session.scalars(select(UserRow).where(UserRow.username.in_(["jo", "gone"]))):
            row.password_hash = Passwords(hasher).hash(PASSWORD)
    attempts = {
        "right": ("jo", PASSWORD),
        "wrong": ("jo", "not the password"),
        "unknown": ("nobody", PASSWORD),
        "disabled": ("gone", PASSWORD),
    }
    login_time(accounts, "nobody", "warming up")
    times: dict[str, list[float]] = {outcome: [] for outcome in attempts}
    for _ in range(11):
        for outcome, (username, password) in attempts.items():
            times[outcome].append(login_time(accounts, username, password))

    medians = {outcome: statistics.median(values) for outcome, values in times.items()}
    right = medians["right"]
    for outcome, median in medians.items():
        assert abs(median - right) <= max(0.25 * right, 0.010), (
            f"{outcome}: {median:.4f} s, right: {right:.4f} s"
        )
    assert accounts.login("jo", PASSWORD).username == "jo"  # the rounds never locked it
