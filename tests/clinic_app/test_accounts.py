"""Roles, account fields and password hashing (no database)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, extract_parameters

from clinic_app import accounts
from clinic_app.accounts import (
    Passwords,
    Permission,
    Role,
    SessionUser,
    check_password,
    check_username,
    require,
)
from clinic_app.errors import NotAllowed


def user(role: Role) -> SessionUser:
    return SessionUser(id=1, username="sam", display_name="Sam Lee, PT, DPT", licence=None, role=role)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMIN, set(Permission)),
        (
            Role.THERAPIST,
            {"view", "record", "sign", "print", "print_draft", "export"},
        ),
        (Role.ASSISTANT, {"view", "print"}),
    ],
)
def test_each_role_may_do_what_the_contract_says_and_no_more(role: Role, allowed: set[str]) -> None:
    for permission in Permission:
        if permission in allowed:
            require(user(role), permission)
        else:
            with pytest.raises(NotAllowed, match=f"sam \\({role}\\) may not"):
                require(user(role), permission)


def test_a_permission_can_be_named_by_its_string() -> None:
    require(user(Role.THERAPIST), "sign")
    with pytest.raises(NotAllowed, match="may not sign visits"):
        require(user(Role.ASSISTANT), "sign")
    with pytest.raises(ValueError, match="fly"):
        require(user(Role.ADMIN), "fly")  # a typo in the code is a bug, not a refusal


@pytest.mark.parametrize("password", ["", "short", "123456789"])
def test_a_password_has_at_least_ten_characters(password: str) -> None:
    [problem] = check_password(password)
    assert problem.message == f"at least 10 characters, got {len(password)}"
    assert password not in problem.message or not password


def test_a_ten_character_password_will_do() -> None:
    assert check_password("0123456789") == []


@pytest.mark.parametrize("name", ["sam", "Sam.Lee", "s_lee-2", "a" * 64])
def test_user_names_that_are_fine(name: str) -> None:
    assert check_username(name) == []


@pytest.mark.parametrize("name", ["", "-sam", "sam lee", "zoë", "a" * 65, "sam\n"])
def test_user_names_that_are_not(name: str) -> None:
    assert len(check_username(name)) == 1


def test_the_production_cost_is_at_least_owasps_minimum_and_argon2id() -> None:
    assert accounts.MEMORY_COST_KIB >= 19 * 1024
    assert accounts.TIME_COST >= 2
    assert accounts.PARALLELISM == 1
    hasher = accounts._production_hasher()
    encoded = Passwords(hasher).hash("correct horse battery")
    assert encoded.startswith("$argon2id$v=19$m=65536,t=2,p=1$")


def test_the_dummy_hash_costs_what_a_real_one_does() -> None:
    """A login for a missing account verifies against it: with other parameters it would take another time."""
    parameters = extract_parameters(accounts.DUMMY_HASH)
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (
        accounts.MEMORY_COST_KIB,
        accounts.TIME_COST,
        accounts.PARALLELISM,
    )
    assert parameters.type.name == "ID"


def test_a_cheaper_hasher_gets_a_dummy_of_its_own_cost() -> None:
    passwords = Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    assert passwords._dummy.startswith("$argon2id$v=19$m=1024,t=1,p=1$")
    assert not passwords.verify(None, "anything at all")


def test_verify_says_yes_only_to_the_right_password() -> None:
    passwords = Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    stored = passwords.hash("correct horse battery")
    assert passwords.verify(stored, "correct horse battery")
    assert not passwords.verify(stored, "correct horse battery!")
    assert not passwords.verify("not a hash", "correct horse battery")


def test_the_test_only_cost_needs_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(accounts.FAST_HASH_ENV, "1")
    assert accounts.default_passwords().hash("correct horse battery").startswith("$argon2id$v=19$m=1024,t=1,")
    monkeypatch.delenv(accounts.FAST_HASH_ENV)
    assert (
        accounts.default_passwords().hash("correct horse battery").startswith("$argon2id$v=19$m=65536,t=2,")
    )


def test_a_hash_weaker_than_today_is_replaced_at_the_next_login_but_not_in_test_mode() -> None:
    weak = Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)).hash(
        "correct horse battery"
    )
    assert Passwords(accounts._production_hasher()).needs_rehash(weak)
    assert not Passwords(accounts._fast_hasher(), upgrade_hashes=False).needs_rehash(weak)
