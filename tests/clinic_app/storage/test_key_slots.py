"""The key slots file: the database key wrapped by each account's password, sealed against changes."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from clinic_app.accounts import FAST_HASH_ENV, MEMORY_COST_KIB, TIME_COST
from clinic_app.errors import NotLoggedIn
from clinic_app.storage import key_slots
from clinic_app.storage.key_slots import (
    Argon2Parameters,
    KeySlots,
    KeySlotsError,
    WrongRecoveryKey,
    slots_path,
)
from clinic_app.storage.recovery_key import RecoveryKey

PASSWORD = "correct horse battery"
OTHER_PASSWORD = "another long password"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return slots_path(tmp_path / "clinic.db")


@pytest.fixture
def key(path: Path) -> bytes:
    key, _recovery = KeySlots.create(path, "Sam", PASSWORD)
    return key


def document(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def rewrite(path: Path, changed: dict[str, Any]) -> None:
    path.write_text(json.dumps(changed), encoding="utf-8")


def test_the_file_sits_beside_the_database_private_and_versioned(path: Path, key: bytes) -> None:
    assert path.name == "clinic.db.keys"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = document(path)
    assert stored["format"] == "clinic-app database key slots"
    assert stored["version"] == 1
    assert [slot["username"] for slot in stored["slots"]] == ["Sam"]
    assert stored["slots"][0]["kdf"] == "argon2id"
    raw = path.read_bytes()
    assert key not in raw
    assert key.hex().encode() not in raw
    assert PASSWORD.encode() not in raw
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_the_first_account_unlocks_the_key_and_the_recovery_key_is_that_key(path: Path) -> None:
    key, recovery = KeySlots.create(path, "Sam", PASSWORD)
    assert len(key) == 32
    assert recovery.database_key == key
    slots = KeySlots.load(path)
    assert slots.unlock("sam", PASSWORD) == key  # user names in any letter case, as logins are
    assert slots.unlock_with_recovery(RecoveryKey.parse(str(recovery))) == key


def test_a_second_database_gets_another_key(tmp_path: Path) -> None:
    first, _ = KeySlots.create(slots_path(tmp_path / "a.db"), "sam", PASSWORD)
    second, _ = KeySlots.create(slots_path(tmp_path / "b.db"), "sam", PASSWORD)
    assert first != second


def test_a_wrong_password_and_an_unknown_name_are_refused_alike_after_one_derivation(
    path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    derivations: list[str] = []
    real_derive = Argon2Parameters.derive

    def counted_derive(self: Argon2Parameters, password: str, salt: bytes) -> bytes:
        derivations.append(password)
        return real_derive(self, password, salt)

    monkeypatch.setattr(Argon2Parameters, "derive", counted_derive)
    slots = KeySlots.load(path)
    for username, password in (("sam", "not the password"), ("nobody", PASSWORD)):
        with pytest.raises(NotLoggedIn) as refused:
            slots.unlock(username, password)
        assert str(refused.value) == (
            f"login failed for {username}: wrong user name or password, or the account is disabled"
        )
    assert len(derivations) == 2


def test_a_wrong_recovery_key_is_refused(path: Path, key: bytes) -> None:
    other = RecoveryKey(bytes(32))
    with pytest.raises(WrongRecoveryKey, match="not the one of this database"):
        KeySlots.load(path).unlock_with_recovery(other)


def test_an_added_account_unlocks_and_the_others_still_do(path: Path, key: bytes) -> None:
    KeySlots.load(path).set_password(key, "jo", OTHER_PASSWORD)
    slots = KeySlots.load(path)
    assert slots.usernames == ["Sam", "jo"]
    assert slots.unlock("jo", OTHER_PASSWORD) == key
    assert slots.unlock("Sam", PASSWORD) == key
    with pytest.raises(NotLoggedIn):
        slots.unlock("jo", PASSWORD)  # each slot answers to its own account's password only


def test_a_password_change_rewraps_the_slot_and_the_old_password_stops_working(
    path: Path, key: bytes
) -> None:
    before = document(path)["slots"][0]
    KeySlots.load(path).set_password(key, "SAM", OTHER_PASSWORD)
    slots = KeySlots.load(path)
    assert len(slots.usernames) == 1
    assert slots.unlock("sam", OTHER_PASSWORD) == key
    with pytest.raises(NotLoggedIn):
        slots.unlock("sam", PASSWORD)
    after = document(path)["slots"][0]
    assert after["salt"] != before["salt"]
    assert after["nonce"] != before["nonce"]


def test_a_disabled_account_loses_its_slot(path: Path, key: bytes) -> None:
    slots = KeySlots.load(path)
    slots.set_password(key, "jo", OTHER_PASSWORD)
    assert slots.remove(key, "JO") is True
    assert slots.remove(key, "jo") is False
    reloaded = KeySlots.load(path)
    with pytest.raises(NotLoggedIn):
        reloaded.unlock("jo", OTHER_PASSWORD)
    assert reloaded.unlock("sam", PASSWORD) == key


def test_changes_need_the_right_key(path: Path, key: bytes) -> None:
    before = path.read_bytes()
    with pytest.raises(KeySlotsError):
        KeySlots.load(path).set_password(bytes(32), "mallory", OTHER_PASSWORD)
    with pytest.raises(KeySlotsError):
        KeySlots.load(path).remove(bytes(32), "sam")
    assert path.read_bytes() == before


def test_create_never_replaces_an_existing_file(path: Path, key: bytes) -> None:
    before = path.read_bytes()
    with pytest.raises(KeySlotsError, match="already exists"):
        KeySlots.create(path, "other", OTHER_PASSWORD)
    assert path.read_bytes() == before


def test_after_losing_the_file_the_recovery_key_makes_a_new_one(path: Path, key: bytes) -> None:
    path.unlink()
    with pytest.raises(KeySlotsError, match="missing"):
        KeySlots.load(path)
    KeySlots.create_for_key(path, key, "sam", OTHER_PASSWORD)
    assert KeySlots.load(path).unlock("sam", OTHER_PASSWORD) == key


# ---- a file changed outside the app ---------------------------------------------------------------


def test_a_removed_slot_is_detected_at_the_next_unlock(path: Path, key: bytes) -> None:
    KeySlots.load(path).set_password(key, "jo", OTHER_PASSWORD)
    changed = document(path)
    changed["slots"] = [slot for slot in changed["slots"] if slot["username"] != "jo"]
    rewrite(path, changed)
    with pytest.raises(KeySlotsError, match="changed outside Clinic App"):
        KeySlots.load(path).unlock("sam", PASSWORD)


def test_a_disabled_accounts_slot_put_back_does_not_unlock(path: Path, key: bytes) -> None:
    KeySlots.load(path).set_password(key, "jo", OTHER_PASSWORD)
    jo_slot = next(slot for slot in document(path)["slots"] if slot["username"] == "jo")
    KeySlots.load(path).remove(key, "jo")
    changed = document(path)
    changed["slots"].append(jo_slot)
    rewrite(path, changed)
    with pytest.raises(KeySlotsError, match="changed outside Clinic App"):
        KeySlots.load(path).unlock("jo", OTHER_PASSWORD)


def test_a_slot_renamed_to_another_account_does_not_open(path: Path, key: bytes) -> None:
    changed = document(path)
    changed["slots"][0]["username"] = "mallory"
    rewrite(path, changed)
    with pytest.raises(NotLoggedIn):
        KeySlots.load(path).unlock("mallory", PASSWORD)


@pytest.mark.parametrize(
    ("field", "value"),
    [("memory_kib", 8), ("iterations", 1), ("salt", "AAAAAAAAAAAAAAAAAAAAAA==")],
    ids=["weaker-memory", "fewer-iterations", "other-salt"],
)
def test_a_slot_with_changed_parameters_does_not_open(path: Path, key: bytes, field: str, value: Any) -> None:
    changed = document(path)
    if changed["slots"][0][field] == value:
        value = 2 if field == "iterations" else value
    changed["slots"][0][field] = value
    rewrite(path, changed)
    with pytest.raises(NotLoggedIn):
        KeySlots.load(path).unlock("sam", PASSWORD)


def test_a_flipped_bit_in_the_wrapped_key_does_not_open(path: Path, key: bytes) -> None:
    changed = document(path)
    wrapped = bytearray(key_slots._unb64(changed["slots"][0]["wrapped_key"]))
    wrapped[3] ^= 1
    changed["slots"][0]["wrapped_key"] = key_slots._b64(bytes(wrapped))
    rewrite(path, changed)
    with pytest.raises(NotLoggedIn):
        KeySlots.load(path).unlock("sam", PASSWORD)


def test_a_changed_key_check_is_found_even_with_the_recovery_key(path: Path, key: bytes) -> None:
    changed = document(path)
    changed["key_check"] = key_slots._b64(bytes(16))
    rewrite(path, changed)
    with pytest.raises(KeySlotsError, match="changed outside Clinic App"):
        KeySlots.load(path).unlock("sam", PASSWORD)
    with pytest.raises(
        WrongRecoveryKey
    ):  # the database file itself then judges the key (encrypted.opens_with)
        KeySlots.load(path).unlock_with_recovery(RecoveryKey(key))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "",
        lambda text: "[]",
        lambda text: text.replace('"version": 1', '"version": 9'),
        lambda text: text.replace('"memory_kib": 1024', '"memory_kib": 1099511627776'),
        lambda text: text.replace('"kdf": "argon2id"', '"kdf": "pbkdf2"'),
        lambda text: text.replace('"mac": "', '"mac": "!'),
    ],
    ids=[
        "truncated",
        "empty",
        "not-an-object",
        "newer-version",
        "absurd-memory",
        "unknown-kdf",
        "bad-base64",
    ],
)
def test_a_damaged_file_is_named_and_nothing_is_derived_from_it(path: Path, key: bytes, damage: Any) -> None:
    text = path.read_text(encoding="utf-8")
    damaged = damage(text)
    assert damaged != text
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(KeySlotsError, match="damaged or was edited"):
        KeySlots.load(path)


def test_slots_are_made_at_the_account_passwords_cost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FAST_HASH_ENV, "0")
    path = slots_path(tmp_path / "clinic.db")
    key, _ = KeySlots.create(path, "sam", PASSWORD)
    slot = document(path)["slots"][0]
    assert (slot["memory_kib"], slot["iterations"], slot["lanes"]) == (MEMORY_COST_KIB, TIME_COST, 1)
    assert KeySlots.load(path).unlock("sam", PASSWORD) == key


# ---- an existing database: slots from the stored password hashes ----------------------------------


def test_accounts_of_a_database_being_encrypted_unlock_with_their_own_passwords(
    path: Path, key: bytes
) -> None:
    from clinic_app.accounts import default_passwords

    stored = {
        "jo": default_passwords().hash(OTHER_PASSWORD),
        "Kim": default_passwords().hash("kim's password!"),
    }
    slots = KeySlots.load(path)
    slots.add_from_password_hashes(key, stored)

    reloaded = KeySlots.load(path)
    assert reloaded.unlock("jo", OTHER_PASSWORD) == key
    assert reloaded.unlock("kim", "kim's password!") == key
    with pytest.raises(NotLoggedIn):
        reloaded.unlock("jo", "kim's password!")
    assert reloaded.needs_rewrap("jo")
    assert not reloaded.needs_rewrap("sam")
    reloaded.set_password(key, "jo", OTHER_PASSWORD)  # what the login does next
    assert not KeySlots.load(path).needs_rewrap("jo")
    assert KeySlots.load(path).unlock("jo", OTHER_PASSWORD) == key


def test_a_slot_at_another_cost_asks_to_be_rewrapped(
    path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FAST_HASH_ENV, "0")  # today's cost is the production one; the slot was made cheaper
    assert KeySlots.load(path).needs_rewrap("sam")
    assert not KeySlots.load(path).needs_rewrap("nobody")


@pytest.mark.parametrize(
    "stored_hash",
    [
        "not a hash",
        "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$" + "A" * 43,
        "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$AAAA",
    ],
    ids=["garbage", "argon2i", "short-output"],
)
def test_a_stored_hash_that_is_not_a_32_byte_argon2id_hash_is_refused(
    path: Path, key: bytes, stored_hash: str
) -> None:
    before = path.read_bytes()
    with pytest.raises(KeySlotsError, match="stored password hash of jo"):
        KeySlots.load(path).add_from_password_hashes(key, {"jo": stored_hash})
    assert path.read_bytes() == before


def test_a_change_starts_from_the_file_as_it_is_now(path: Path, key: bytes) -> None:
    kept_open = KeySlots.load(path)  # e.g. the desktop's, read at login
    KeySlots.load(path).set_password(key, "jo", OTHER_PASSWORD)  # another command adds an account
    kept_open.set_password(key, "sam", OTHER_PASSWORD)  # then a password change from the desktop
    assert KeySlots.load(path).unlock("jo", OTHER_PASSWORD) == key  # jo's slot was not lost
