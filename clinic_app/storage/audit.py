"""The audit trail: who did what, to which patient and visit, when and from which computer.

Append-only and hash-chained. Entry N holds prev_hash, the hash of entry N - 1 (64 zeros for
entry 1), and hash = SHA-256 of its canonical form (`canonical_form`), which includes prev_hash:
changing, removing or reordering an entry breaks the chain from there on, and `verify` names the
first entry that does not fit. The chain head row names the newest entry, so removing entries from
the end is noticed too.

An entry is written inside the transaction of what it records (`append(session, ...)`): both are
committed, or neither. Writers serialise on the chain head: on PostgreSQL by locking its row
(SELECT ... FOR UPDATE), on SQLite by the write lock that Database.writing() takes at BEGIN. A fork
is impossible all the same: seq is the primary key and prev_hash is unique.

The database refuses UPDATE and DELETE of entries (triggers, migration 0006); see README for the
PostgreSQL roles that keep the everyday account from dropping them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from clinic_app.accounts import Permission, SessionUser, require
from clinic_app.errors import NotAllowed
from clinic_app.storage.db import UNRECORDED, Database
from clinic_app.storage.orm import (
    AUDIT_DETAIL_LENGTH,
    COMPUTER_LENGTH,
    SINGLE_ROW_ID,
    USERNAME_LENGTH,
    AuditChainHeadRow,
    AuditEntryRow,
    PatientRow,
    UserRow,
)

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64  # the "previous hash" of entry 1
VERIFY_BATCH = 1000


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    USER_ADD = "user_add"
    USER_DISABLE = "user_disable"
    USER_ENABLE = "user_enable"
    USER_PASSWD = "user_passwd"
    LOGOUT = "logout"  # switched user or quit
    SCREEN_LOCK = "screen_lock"  # locked by hand or after the idle time
    VISITS_ATTRIBUTED = "visits_attributed"  # visits finished before accounts: "unknown (before accounts)"
    PATIENT_ADD = "patient_add"
    PATIENT_EDIT = "patient_edit"
    PATIENT_VIEW = "patient_view"  # a patient's record opened (their visit list shown)
    VISIT_CREATE = "visit_create"
    VISIT_EDIT = "visit_edit"  # at most one per visit and user per EDIT_ENTRY_INTERVAL of editing
    VISIT_ADDENDUM = "visit_addendum"
    SETTINGS_CHANGE = "settings_change"
    VISIT_IMPORT = "visit_import"
    VISIT_EXPORT = "visit_export"
    VISIT_VIEW = "visit_view"
    VISIT_SIGN = "visit_sign"
    DOCUMENT_PRINT = "document_print"
    DEMO_LOAD = "demo_load"
    PATIENT_IMPORT = "patient_import"  # one per patient a CSV import added or updated
    PATIENT_EXPORT = "patient_export"  # a patient's whole record written out (FHIR)
    EPISODE_ADD = "episode_add"
    EPISODE_DISCHARGE = "episode_discharge"
    GOAL_SET = "goal_set"
    GOAL_JUDGE = "goal_judge"
    OUTCOME_RECORD = "outcome_record"
    MEASURE_WORDING_IMPORT = "measure_wording_import"  # the clinic's item text of a measure (detail: its id)
    MEASURE_WORDING_REMOVE = "measure_wording_remove"
    PROGRESS_VIEW = "progress_view"
    AUDIT_VIEW = "audit_view"
    DATABASE_BACKUP = "database_backup"
    DATABASE_BACKUP_FAILED = "database_backup_failed"  # the desktop's daily backup or Back up now
    DATABASE_RESTORE = "database_restore"
    DATABASE_REKEY = "database_rekey"  # a new database key: every slot rewrapped, a new recovery key


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: dt.datetime  # UTC
    user: str | None  # the account's user name (for a failed login: the name typed)
    action: str
    patient_id: int | None
    patient_mrn: str | None  # the patient's MRN now, looked up by patient_id
    visit_id: str | None
    computer: str
    detail: str | None
    hash: str

    def to_json(self) -> dict[str, object]:
        """As `clinic audit --json` and the desktop's export write it (docs/spec/formats.md)."""
        return {
            "seq": self.seq,
            "at": at_text(self.at),
            "user": self.user,
            "action": self.action,
            "patient_mrn": self.patient_mrn,
            "patient_id": self.patient_id,
            "visit_id": self.visit_id,
            "computer": self.computer,
            "detail": self.detail,
            "hash": self.hash,
        }


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The outcome of `verify`: how many entries were checked, and the first that does not fit."""

    checked: int
    bad_seq: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.bad_seq is None and self.problem is None


@cache
def computer_name() -> str:
    return socket.gethostname()[:COMPUTER_LENGTH] or "unknown"


def at_text(at: dt.datetime) -> str:
    """A time as the hash sees it: UTC, microseconds, `2026-11-29T06:40:00.123456Z`."""
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_form(
    *,
    seq: int,
    at: dt.datetime,
    user: str | None,
    action: str,
    patient_id: int | None,
    visit_id: str | None,
    computer: str,
    detail: str | None,
    prev_hash: str,
) -> bytes:
    """The bytes an entry's hash is taken over: JSON, keys sorted, no spaces, UTF-8 (formats.md)."""
    entry = {
        "seq": seq,
        "at": at_text(at),
        "user": user,
        "action": action,
        "patient_id": patient_id,
        "visit_id": visit_id,
        "computer": computer,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()


def row_hash(row: AuditEntryRow) -> str:
    """The hash a stored entry should carry, worked out from what it holds."""
    return entry_hash(
        canonical_form(
            seq=row.seq,
            at=row.at,
            user=row.username,
            action=row.action,
            patient_id=row.patient_id,
            visit_id=row.visit_id,
            computer=row.computer,
            detail=row.detail,
            prev_hash=row.prev_hash,
        )
    )


def lock_chain(session: Session) -> AuditChainHeadRow:
    """Take the chain head for this transaction: other writers of the trail wait until it ends.

    Call it first in a transaction that reads something an entry depends on (a failed-login count,
    whether any account exists), so that the read and the entry are one step for everyone else.
    """
    head = session.scalars(
        select(AuditChainHeadRow).where(AuditChainHeadRow.id == SINGLE_ROW_ID).with_for_update()
    ).one_or_none()
    if head is None:
        raise RuntimeError("the audit chain head is missing; run `clinic audit verify`")
    return head


def append(
    session: Session,
    action: AuditAction,
    user: str | None,
    *,
    patient_id: int | None = None,
    visit_id: str | None = None,
    detail: str | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Add an entry inside the caller's (writing) transaction; returns its seq.

    A read of a read-only database (Database.recording) cannot keep its entry: it is left out,
    with a warning, and 0 returned.
    """
    if session.info.get(UNRECORDED):
        log.warning("the database is read-only: this %s was not recorded in the audit trail", action)
        return 0
    head = lock_chain(session)
    seq = head.last_seq + 1
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    who = None if user is None else user[:USERNAME_LENGTH]
    what = None if detail is None else detail[:AUDIT_DETAIL_LENGTH]
    computer = computer_name()
    digest = entry_hash(
        canonical_form(
            seq=seq,
            at=when,
            user=who,
            action=str(action),
            patient_id=patient_id,
            visit_id=visit_id,
            computer=computer,
            detail=what,
            prev_hash=head.last_hash,
        )
    )
    row = {
        "seq": seq,
        "at": when,
        "username": who,
        "action": str(action),
        "patient_id": patient_id,
        "visit_id": visit_id,
        "computer": computer,
        "detail": what,
        "prev_hash": head.last_hash,
    }
    session.execute(insert(AuditEntryRow).values(**row, hash=digest))
    session.execute(
        update(AuditChainHeadRow)
        .where(AuditChainHeadRow.id == SINGLE_ROW_ID)
        .values(last_seq=seq, last_hash=digest)
        .execution_options(synchronize_session=False)
    )
    session.expire(head)
    return seq


@dataclass(frozen=True, slots=True)
class NewEntry:
    """One entry of a batch for `append_many`."""

    action: AuditAction
    patient_id: int | None = None
    visit_id: str | None = None
    detail: str | None = None


def append_many(session: Session, user: str | None, entries: Sequence[NewEntry]) -> None:
    """Add entries, in order, as `append` would one by one, in three statements instead of 3 per entry.

    An import of a thousand patients makes a thousand entries. The chain head still moves on one
    entry at a time (its trigger allows nothing else), in one executemany after the entries.
    """
    if not entries:
        return
    head = lock_chain(session)
    seq, prev_hash = head.last_seq, head.last_hash
    when = dt.datetime.now(dt.UTC)
    who = None if user is None else user[:USERNAME_LENGTH]
    computer = computer_name()
    rows, moves = [], []
    for entry in entries:
        seq += 1
        what = None if entry.detail is None else entry.detail[:AUDIT_DETAIL_LENGTH]
        row = {
            "seq": seq,
            "at": when,
            "username": who,
            "action": str(entry.action),
            "patient_id": entry.patient_id,
            "visit_id": entry.visit_id,
            "computer": computer,
            "detail": what,
            "prev_hash": prev_hash,
        }
        digest = entry_hash(canonical_form(**_hashed_fields(row)))
        rows.append({**row, "hash": digest})
        moves.append({"head_id": SINGLE_ROW_ID, "new_seq": seq, "new_hash": digest})
        prev_hash = digest
    session.execute(insert(AuditEntryRow), rows)
    move = (
        update(AuditChainHeadRow)
        .where(AuditChainHeadRow.id == bindparam("head_id"))
        .values(last_seq=bindparam("new_seq"), last_hash=bindparam("new_hash"))
    )
    session.connection().execute(move, moves)  # Core's executemany: one step of the head per entry
    session.expire(head)


def _hashed_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {("user" if name == "username" else name): value for name, value in row.items()}


def authorise(session: Session, user: SessionUser, permission: Permission | str) -> None:
    """require(), then check inside the transaction that the account is still there and enabled.

    A desktop session outlives the moment of its login; disabling an account stops it at once.
    """
    require(user, permission)
    check_account(session, user)


def check_account(session: Session, user: SessionUser) -> None:
    """The logged-in account is still there, enabled and in the role it logged in with."""
    row = session.get(UserRow, user.id)
    if row is None or row.disabled:
        raise NotAllowed(f"the account {user.username} is disabled; log in with another one")
    if row.role != user.role:
        raise NotAllowed(f"the role of {user.username} changed; log in again")


# ---- reading and checking ---------------------------------------------------------------------------


class AuditService:
    """The trail for admins: read it with filters, and check its chain."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def entries(
        self,
        user: SessionUser,
        *,
        patient_id: int | None = None,
        username: str | None = None,
        since: dt.datetime | None = None,
        action: AuditAction | None = None,
    ) -> list[AuditEntry]:
        """Entries oldest first, filtered; reading them is itself recorded (audit_view)."""
        with self._database.recording() as session:
            authorise(session, user, Permission.AUDIT)
            found = list(_select_entries(session, patient_id, username, since, action))
            detail = _filter_detail(patient_id, username, since, action)
            append(session, AuditAction.AUDIT_VIEW, user.username, patient_id=patient_id, detail=detail)
            return found

    def verify(self, user: SessionUser) -> ChainCheck:
        with self._database.reading() as session:
            authorise(session, user, Permission.AUDIT)
            return verify_chain(session)


def _filter_detail(
    patient_id: int | None, username: str | None, since: dt.datetime | None, action: AuditAction | None
) -> str | None:
    parts = []
    if username is not None:
        parts.append(f"user={username}")
    if since is not None:
        parts.append(f"since={at_text(since)}")
    if action is not None:
        parts.append(f"action={action}")
    if patient_id is not None:
        parts.append("patient")
    return ", ".join(parts) or None


def _select_entries(
    session: Session,
    patient_id: int | None,
    username: str | None,
    since: dt.datetime | None,
    action: AuditAction | None,
) -> Iterable[AuditEntry]:
    query = (
        select(AuditEntryRow, PatientRow.mrn)
        .outerjoin(PatientRow, PatientRow.id == AuditEntryRow.patient_id)
        .order_by(AuditEntryRow.seq)
    )
    if patient_id is not None:
        query = query.where(AuditEntryRow.patient_id == patient_id)
    if username is not None:
        query = query.where(func.lower(AuditEntryRow.username) == username.lower())
    if since is not None:
        query = query.where(AuditEntryRow.at >= since)
    if action is not None:
        query = query.where(AuditEntryRow.action == str(action))
    for row, mrn in session.execute(query):
        yield AuditEntry(
            seq=row.seq,
            at=row.at,
            user=row.username,
            action=row.action,
            patient_id=row.patient_id,
            patient_mrn=mrn,
            visit_id=row.visit_id,
            computer=row.computer,
            detail=row.detail,
            hash=row.hash,
        )


def verify_chain(session: Session) -> ChainCheck:
    """Walk the chain from entry 1; the first entry that is missing, changed or out of place is named."""
    head = session.get(AuditChainHeadRow, SINGLE_ROW_ID)
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    rows = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq)).yield_per(VERIFY_BATCH)
    for row in rows:
        if row.seq != expected_seq:
            if row.seq < expected_seq:  # cannot happen with seq the primary key; a damaged file may
                return ChainCheck(checked, row.seq, f"entry {row.seq} appears twice")
            return ChainCheck(checked, expected_seq, f"entry {expected_seq} is missing")
        if row.prev_hash != prev_hash:
            return ChainCheck(
                checked,
                row.seq,
                f"entry {row.seq} does not follow entry {row.seq - 1}: "
                "an entry was changed, removed or moved there",
            )
        if row_hash(row) != row.hash:
            return ChainCheck(checked, row.seq, f"entry {row.seq} was changed: its hash does not match it")
        checked += 1
        expected_seq, prev_hash = row.seq + 1, row.hash
    last_seq = expected_seq - 1
    if head is None:
        return ChainCheck(checked, None, "the chain head is missing: entries may have been removed")
    if head.last_seq > last_seq:
        return ChainCheck(
            checked,
            last_seq + 1,
            f"entry {last_seq + 1} is missing: the chain head names entry {head.last_seq}",
        )
    if head.last_seq < last_seq or head.last_hash != prev_hash:
        return ChainCheck(checked, last_seq, f"entry {last_seq} is not the newest entry the chain head names")
    return ChainCheck(checked)
