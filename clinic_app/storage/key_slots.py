"""The database key, wrapped by each account's password, in a small plain file beside the database.

The SQLite database is encrypted with a random 32-byte key made with the first account. The key is
needed before the database can be opened, so it cannot live inside it: each enabled account has a
slot here holding the key encrypted under its password. Nothing in the file is patient data.

    key, recovery = KeySlots.create(slots_path(db), "sam", password)   # first run; print the recovery
    key = KeySlots.load(slots_path(db)).unlock("sam", password)        # every login
    KeySlots.load(path).set_password(key, "jo", new_password)          # account added or password changed
    KeySlots.load(path).remove(key, "jo")                               # account disabled
    slots.add_from_password_hashes(key, {"jo": stored_hash})            # converting an existing database

Each slot: argon2id(password, its own salt) gives a 32-byte wrapping key; AES-256-GCM (the
`cryptography` package) encrypts the database key with it under a random nonce, the slot's user
name and parameters bound in as associated data, so a slot moved to another name or given weaker
parameters no longer opens. The argon2id parameters are the account passwords' (clinic_app.accounts:
OWASP's minimum raised until one derivation takes 100 ms here) and are stored in each slot, so that
raising them later leaves older slots readable.

The whole file carries an HMAC-SHA256 keyed from the database key: any change made without the
key (a slot added, removed, renamed, or a disabled account's slot put back) is found at the next
unlock. A `key_check` (also derived from the key) tells a wrong recovery key from a changed file.

A disabled account's slot is removed, so its password no longer opens the key. Copies of the file
taken before (in old backups) still hold that slot: only changing the database key, and so the
recovery sheet, revokes it entirely (not done here; docs/findings/encryption-at-rest.md).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import secrets
from dataclasses import dataclass, replace
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clinic_app.accounts import (
    FAST_MEMORY_COST_KIB,
    FAST_TIME_COST,
    MEMORY_COST_KIB,
    PARALLELISM,
    SALT_LENGTH,
    TIME_COST,
    fast_hash_for_tests,
    username_key,
)
from clinic_app.errors import ClinicError, NotLoggedIn
from clinic_app.storage.recovery_key import RecoveryKey

if TYPE_CHECKING:  # the cipher is imported at the first unlock: commands without a login skip it
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12  # AES-GCM's standard nonce; random per wrap, never reused with one wrapping key
TAG_BYTES = 16
FORMAT_NAME = "clinic-app database key slots"
FORMAT_VERSION = 1
SLOTS_SUFFIX = ".keys"
PRIVATE_FILE_MODE = 0o600
# Bounds on parameters read from the file: a changed file must not make us derive with 64 GiB.
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_TIME_COST = 64
MAX_LANES = 16
_MAC_INFO = b"clinic-app key slots mac v1"
_CHECK_INFO = b"clinic-app key check v1"
_SLOT_CONTEXT = b"clinic-app key slot v1\x00"


def slots_path(database: Path) -> Path:
    """Where the key slots of a database file live: beside it, `clinic.db` -> `clinic.db.keys`."""
    return database.with_name(database.name + SLOTS_SUFFIX)


class KeySlotsError(ClinicError):
    """The key slots file is missing, unreadable or was changed outside Clinic App."""


class WrongRecoveryKey(NotLoggedIn):
    """A well-typed recovery key that is not this database's."""


def login_refused(username: str) -> NotLoggedIn:
    # The words of AccountService.login, so a refusal here reads the same as one there.
    return NotLoggedIn(
        f"login failed for {username}: wrong user name or password, or the account is disabled"
    )


@dataclass(frozen=True, slots=True)
class Argon2Parameters:
    memory_kib: int
    iterations: int
    lanes: int

    @classmethod
    def current(cls) -> Argon2Parameters:
        """The account passwords' cost; the test-only cost under CLINIC_APP_TEST_FAST_HASH=1."""
        if fast_hash_for_tests():
            return cls(FAST_MEMORY_COST_KIB, FAST_TIME_COST, PARALLELISM)
        return cls(MEMORY_COST_KIB, TIME_COST, PARALLELISM)

    def derive(self, password: str, salt: bytes) -> bytes:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            password.encode("utf-8"),
            salt,
            time_cost=self.iterations,
            memory_cost=self.memory_kib,
            parallelism=self.lanes,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )


@dataclass(frozen=True, slots=True)
class PasswordSlot:
    """The database key wrapped by one account's password."""

    username: str
    argon2: Argon2Parameters
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    # Made from the account's stored password hash (an existing database being converted): its
    # wrapping key is that hash, which old plaintext copies hold, so it is rewrapped at the next login.
    from_stored_hash: bool = False

    @classmethod
    def wrap(cls, key: bytes, username: str, password: str) -> PasswordSlot:
        argon2 = Argon2Parameters.current()
        salt = secrets.token_bytes(SALT_LENGTH)
        return cls._sealed(key, username, argon2, salt, argon2.derive(password, salt), from_stored_hash=False)

    @classmethod
    def from_password_hash(cls, key: bytes, username: str, encoded_hash: str) -> PasswordSlot:
        """A slot the account's password opens, made without the password.

        An argon2id hash `$argon2id$v=19$m=..,t=..,p=..$salt$output` holds argon2id(password, salt)
        as its output: exactly the wrapping key `wrap` derives when given that salt and those
        parameters. So a database being encrypted gives every account a slot at once.
        """
        from argon2 import Type, extract_parameters
        from argon2.exceptions import InvalidHashError

        try:
            parameters = extract_parameters(encoded_hash)
            salt_text, output_text = encoded_hash.split("$")[4:6]
            salt, output = _unb64_unpadded(salt_text), _unb64_unpadded(output_text)
        except (InvalidHashError, ValueError, binascii.Error):
            raise KeySlotsError(f"the stored password hash of {username} cannot be read") from None
        if parameters.type is not Type.ID or parameters.version != 19 or len(output) != KEY_BYTES:
            raise KeySlotsError(f"the stored password hash of {username} is not a 32-byte argon2id hash")
        argon2 = Argon2Parameters(parameters.memory_cost, parameters.time_cost, parameters.parallelism)
        return cls._sealed(key, username, argon2, salt, output, from_stored_hash=True)

    @classmethod
    def _sealed(
        cls,
        key: bytes,
        username: str,
        argon2: Argon2Parameters,
        salt: bytes,
        wrapping_key: bytes,
        from_stored_hash: bool,
    ) -> PasswordSlot:
        unsigned = cls(username, argon2, salt, secrets.token_bytes(NONCE_BYTES), b"", from_stored_hash)
        sealed = _aead(wrapping_key).encrypt(unsigned.nonce, key, unsigned.bound())
        return replace(unsigned, wrapped_key=sealed)

    def unwrap(self, password: str) -> bytes | None:
        """The database key, or None when the password (or the slot) is not the one it was made with."""
        from cryptography.exceptions import InvalidTag

        wrapping_key = self.argon2.derive(password, self.salt)
        try:
            return _aead(wrapping_key).decrypt(self.nonce, self.wrapped_key, self.bound())
        except InvalidTag:
            return None

    def bound(self) -> bytes:
        """What the wrapped key is tied to (GCM associated data): the name and everything but the key."""
        return _SLOT_CONTEXT + _canonical(
            {
                "username": username_key(self.username),
                "argon2id": _argon2_json(self.argon2),
                "salt": _b64(self.salt),
            }
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "kdf": "argon2id",
            **_argon2_json(self.argon2),
            "salt": _b64(self.salt),
            "cipher": "AES-256-GCM",
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
            "from_stored_hash": self.from_stored_hash,
        }


class KeySlots:
    """The key slots file of one database, as read; every change is written at once, atomically."""

    def __init__(self, path: Path, key_check: bytes, slots: list[PasswordSlot], mac: bytes = b"") -> None:
        self.path = path
        self._key_check = key_check
        self._slots = slots
        self._stored_mac = mac  # as read; checked against the key at every unlock and change

    # ---- reading and unlocking ------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, username: str, password: str) -> tuple[bytes, RecoveryKey]:
        """A new database key with the first account's slot; fails if the file exists."""
        key = secrets.token_bytes(KEY_BYTES)
        cls.create_for_key(path, key, username, password)
        return key, RecoveryKey.from_database_key(key)

    @classmethod
    def create_for_key(cls, path: Path, key: bytes, username: str, password: str) -> KeySlots:
        """A slots file for an existing key (e.g. after unlocking with the recovery key, the file lost)."""
        slots = cls(path, _key_check(key), [PasswordSlot.wrap(key, username, password)])
        slots._write(key, exclusive=True)
        return slots

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeySlotsError(
                f"the database's key file {path} is missing: restore it from the backup it was saved "
                "with, or unlock with the recovery key"
            ) from None
        except OSError as error:
            raise KeySlotsError(f"cannot read the database's key file {path}: {error.strerror}") from None
        try:
            document = json.loads(raw)
            _check_header(document)
            slots = [_slot_from_json(item) for item in document["slots"]]
            key_check = _unb64(document["key_check"], 16)
            mac = _unb64(document["mac"], 32)
        except (ValueError, KeyError, TypeError, binascii.Error):
            raise _damaged(path) from None
        return cls(path, key_check, slots, mac)

    @property
    def usernames(self) -> list[str]:
        return [slot.username for slot in self._slots]

    def unlock(self, username: str, password: str) -> bytes:
        """The database key; NotLoggedIn for a wrong name or password (same time either way)."""
        slot = self._slot(username)
        if slot is None:  # derive anyway, so an unknown name takes as long as a wrong password
            PasswordSlot.wrap(secrets.token_bytes(KEY_BYTES), username, password)
            raise login_refused(username)
        key = slot.unwrap(password)
        if key is None:
            raise login_refused(username)
        self._verify(key)
        return key

    def unlock_with_recovery(self, recovery: RecoveryKey) -> bytes:
        """The recovery key's database key, once it is known to be this database's."""
        key = recovery.database_key
        if not hmac.compare_digest(_key_check(key), self._key_check):
            raise WrongRecoveryKey("this recovery key is not the one of this database")
        self._verify(key)
        return key

    # ---- changing (each needs the unlocked key) --------------------------------------------------

    def set_password(self, key: bytes, username: str, password: str) -> None:
        """Give the account a slot, or replace its slot after a password change."""
        self._reload(key)
        kept = [slot for slot in self._slots if username_key(slot.username) != username_key(username)]
        self._slots = [*kept, PasswordSlot.wrap(key, username, password)]
        self._write(key)

    def add_from_password_hashes(self, key: bytes, stored_hashes: dict[str, str]) -> None:
        """Slots for accounts of a database being encrypted, from their stored hashes (user name -> hash).

        Each is rewrapped with a fresh salt at its account's next login (needs_rewrap).
        """
        self._reload(key)
        new = [PasswordSlot.from_password_hash(key, name, encoded) for name, encoded in stored_hashes.items()]
        wanted = {username_key(slot.username) for slot in new}
        self._slots = [slot for slot in self._slots if username_key(slot.username) not in wanted] + new
        self._write(key)

    def needs_rewrap(self, username: str) -> bool:
        """Whether the login should call set_password: a slot from a stored hash, or of another cost."""
        slot = self._slot(username)
        if slot is None:
            return False
        if fast_hash_for_tests():  # as for password hashes: the test-only cost never replaces a slot
            return slot.from_stored_hash
        return slot.from_stored_hash or slot.argon2 != Argon2Parameters.current()

    def remove(self, key: bytes, username: str) -> bool:
        """Take the account's slot away (account disabled); False when it had none."""
        self._reload(key)
        kept = [slot for slot in self._slots if username_key(slot.username) != username_key(username)]
        removed = len(kept) != len(self._slots)
        if removed:
            self._slots = kept
            self._write(key)
        return removed

    # ---- the file -------------------------------------------------------------------------------

    def _reload(self, key: bytes) -> None:
        # A change starts from the file as it is now (another window or command may have changed it
        # since this object read it), so that it never puts back what another change took away.
        current = KeySlots.load(self.path)
        self._key_check, self._slots, self._stored_mac = (
            current._key_check,
            current._slots,
            current._stored_mac,
        )
        self._verify(key)

    def _slot(self, username: str) -> PasswordSlot | None:
        wanted = username_key(username)
        return next((slot for slot in self._slots if username_key(slot.username) == wanted), None)

    def _verify(self, key: bytes) -> None:
        if not hmac.compare_digest(_key_check(key), self._key_check):
            raise KeySlotsError(
                f"the database's key file {self.path} was changed outside Clinic App: a slot does not "
                "hold this database's key; unlock with the recovery key"
            )
        if not hmac.compare_digest(self._mac(key), self._stored_mac):
            raise KeySlotsError(
                f"the database's key file {self.path} was changed outside Clinic App (its seal does not "
                "match); restore it from a backup or unlock with the recovery key"
            )

    def _body(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "key_check": _b64(self._key_check),
            "slots": [slot.to_json() for slot in self._slots],
        }

    def _mac(self, key: bytes) -> bytes:
        return hmac.new(_derive(key, _MAC_INFO, 32), _canonical(self._body()), sha256).digest()

    def _write(self, key: bytes, exclusive: bool = False) -> None:
        self._stored_mac = self._mac(key)
        document = {**self._body(), "mac": _b64(self._stored_mac)}
        _write_atomically(self.path, json.dumps(document, indent=2).encode("utf-8") + b"\n", exclusive)


def _write_atomically(path: Path, data: bytes, exclusive: bool) -> None:
    """Private temporary file beside the target, flushed to disk, renamed over it."""
    if exclusive and path.exists():
        raise KeySlotsError(f"the database's key file {path} already exists; nothing was changed")
    temporary = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, PRIVATE_FILE_MODE)  # a strict umask may have taken the owner's write bit
        if exclusive:
            os.link(temporary, path)  # fails if another process made the file meanwhile
            temporary.unlink()
        else:
            os.replace(temporary, path)
    except FileExistsError:
        temporary.unlink(missing_ok=True)
        raise KeySlotsError(f"the database's key file {path} already exists; nothing was changed") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # The rename is durable once the folder is flushed (POSIX); Windows has no folder handle for this.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _check_header(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ValueError("not a key slots file")
    if document.get("version") != FORMAT_VERSION:
        raise ValueError("unknown version")
    if not isinstance(document.get("slots"), list):
        raise ValueError("no slots")


def _slot_from_json(item: Any) -> PasswordSlot:
    if not isinstance(item, dict) or item.get("kdf") != "argon2id" or item.get("cipher") != "AES-256-GCM":
        raise ValueError("unknown slot")
    argon2 = Argon2Parameters(item["memory_kib"], item["iterations"], item["lanes"])
    bounds = (
        (argon2.memory_kib, 8, MAX_MEMORY_KIB),
        (argon2.iterations, 1, MAX_TIME_COST),
        (argon2.lanes, 1, MAX_LANES),
    )
    if any(type(value) is not int or not low <= value <= high for value, low, high in bounds):
        raise ValueError("argon2id parameters out of range")
    username = item["username"]
    if not isinstance(username, str) or not username:
        raise ValueError("no user name")
    salt = _unb64(item["salt"])
    if not 8 <= len(salt) <= 64:
        raise ValueError("salt length")
    return PasswordSlot(
        username,
        argon2,
        salt,
        _unb64(item["nonce"], NONCE_BYTES),
        _unb64(item["wrapped_key"], KEY_BYTES + TAG_BYTES),
        _boolean(item["from_stored_hash"]),
    )


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("not true or false")
    return value


def _damaged(path: Path) -> KeySlotsError:
    return KeySlotsError(
        f"the database's key file {path} is damaged or was edited (it is not a key file this version "
        "reads); restore it from a backup, or unlock with the recovery key"
    )


def _aead(wrapping_key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(wrapping_key)


def _derive(key: bytes, info: bytes, length: int) -> bytes:
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=SHA256(), length=length, salt=None, info=info).derive(key)


def _key_check(key: bytes) -> bytes:
    return _derive(key, _CHECK_INFO, 16)


def _argon2_json(argon2: Argon2Parameters) -> dict[str, int]:
    return {"memory_kib": argon2.memory_kib, "iterations": argon2.iterations, "lanes": argon2.lanes}


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64_unpadded(text: str) -> bytes:
    # The PHC string format (argon2's encoded hashes) leaves out base64's padding.
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _unb64(text: Any, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(text, validate=True)
    if length is not None and len(data) != length:
        raise ValueError("wrong length")
    return data
