"""Opening an encrypted database at a login, the failed-logins file, the plain settings copy and the
recovery sheet, in the core (the commands and the desktop are tested through their own front ends)."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.engine import URL, make_url

from clinic_app.accounts import Role
from clinic_app.documents.recovery_sheet import render_recovery_sheet
from clinic_app.domain import ClinicProfile, DocumentSettings, Language
from clinic_app.errors import NotLoggedIn
from clinic_app.storage.accounts import AccountService
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import NeedsKey, open_database
from clinic_app.storage.encrypted import is_plaintext_database
from clinic_app.storage.failed_logins import FailedLogins, failed_logins_path
from clinic_app.storage.key_slots import KeySlots, slots_path
from clinic_app.storage.orm import AuditEntryRow
from clinic_app.storage.plain_settings import read_plain_settings, write_plain_settings
from clinic_app.storage.recovery_key import RecoveryKey
from clinic_app.storage.unlocking import (
    add_account_with_slot,
    create_with_first_admin,
    disable_with_slot,
    has_accounts,
    set_password_with_slot,
    unlock_database,
)
from tests.clinic_app.logins import ADMIN, PASSWORD, first_admin

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def url(tmp_path: Path) -> URL:
    return make_url(f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}")


def test_the_first_admin_makes_the_database_encrypted_and_its_slot_last(url: URL, tmp_path: Path) -> None:
    made = create_with_first_admin(url, ADMIN, "Ada Admin, PT", PASSWORD)
    made.database.dispose()
    path = tmp_path / "clinic.db"
    assert not is_plaintext_database(path)
    assert has_accounts(url) is True
    assert KeySlots.load(slots_path(path)).unlock(ADMIN, PASSWORD) == made.recovery.database_key
    with pytest.raises(NeedsKey, match="encrypted"):
        open_database(url)


def test_a_plaintext_database_without_accounts_is_converted_by_its_first_admin(
    url: URL, tmp_path: Path
) -> None:
    with open_database(url) as plain:
        assert AccountService(plain).has_accounts() is False
    assert is_plaintext_database(tmp_path / "clinic.db")
    made = create_with_first_admin(url, ADMIN, "Ada Admin, PT", PASSWORD)
    made.database.dispose()
    assert not is_plaintext_database(tmp_path / "clinic.db")
    assert [p.name for p in tmp_path.iterdir() if is_plaintext_database(p)] == []  # its backup removed


def test_a_plaintext_database_with_accounts_is_not_taken_over_by_a_new_first_admin(url: URL) -> None:
    with open_database(url) as plain:
        first_admin(plain)
    with pytest.raises(Exception, match="clinic db encrypt"):
        create_with_first_admin(url, "mallory", "Mallory, PT", "another password")


def test_a_wrong_password_is_noted_then_moved_into_the_audit_trail_in_order(url: URL, tmp_path: Path) -> None:
    create_with_first_admin(url, ADMIN, "Ada Admin, PT", PASSWORD).database.dispose()
    for name in (ADMIN, "nobody"):
        with pytest.raises(NotLoggedIn):
            unlock_database(url, name, "a wrong password")
    with unlock_database(url, ADMIN, PASSWORD) as database, database.reading() as session:
        rows = session.scalars(
            select(AuditEntryRow)
            .where(AuditEntryRow.action == AuditAction.LOGIN_FAILED)
            .order_by(AuditEntryRow.seq)
        ).all()
        assert [(row.username, row.detail) for row in rows] == [
            (ADMIN, "wrong password"),
            ("nobody", "no such account"),
        ]
    assert FailedLogins(failed_logins_path(tmp_path / "clinic.db")).pending() == []


def test_five_failures_in_a_row_lock_for_five_minutes_and_a_success_starts_again(tmp_path: Path) -> None:
    failures = FailedLogins(tmp_path / "clinic.db.failed-logins")
    for _attempt in range(4):
        assert not failures.record("Sam", "wrong password", NOW)
    failures.reset("sam")  # a login that succeeded
    for _attempt in range(4):
        assert not failures.record("sam", "wrong password", NOW)
    assert failures.locked_until("SAM", NOW) is None
    assert failures.record("sam", "wrong password", NOW)
    assert failures.locked_until("sam", NOW + dt.timedelta(minutes=4)) == NOW + dt.timedelta(minutes=5)
    assert failures.locked_until("sam", NOW + dt.timedelta(minutes=5)) is None
    assert failures.pending()[-1].detail == "wrong password; locked for 5 minutes"
    assert (tmp_path / "clinic.db.failed-logins").stat().st_mode & 0o777 == 0o600


def test_slots_follow_adding_disabling_and_password_changes(url: URL, tmp_path: Path) -> None:
    create_with_first_admin(url, ADMIN, "Ada Admin, PT", PASSWORD).database.dispose()
    path = slots_path(tmp_path / "clinic.db")
    with unlock_database(url, ADMIN, PASSWORD) as database:
        admin = AccountService(database).login(ADMIN, PASSWORD)
        add_account_with_slot(database, admin, "jo", "Jo Park, PT", Role.THERAPIST, "jo's password 1")
        assert sorted(KeySlots.load(path).usernames) == [ADMIN, "jo"]
        set_password_with_slot(database, admin, "jo", "jo's password 2")
        KeySlots.load(path).unlock("jo", "jo's password 2")
        with pytest.raises(NotLoggedIn):
            KeySlots.load(path).unlock("jo", "jo's password 1")
        disable_with_slot(database, admin, "jo")
        assert KeySlots.load(path).usernames == [ADMIN]
        set_password_with_slot(database, admin, "jo", "jo's password 3")  # disabled: still no slot
        assert KeySlots.load(path).usernames == [ADMIN]


def test_the_plain_settings_copy_keeps_profile_logo_language_and_lock_time(tmp_path: Path) -> None:
    database = tmp_path / "clinic.db"
    logo = b"\x89PNG\r\n\x1a\n" + secrets.token_bytes(40)  # not UTF-8: kept as base64
    profile = ClinicProfile(
        name="Harbour PT",
        phone="555-0100",
        emergency_number="911",
        letter_language=Language.ES,
        logo_png=logo,
    )
    write_plain_settings(database, profile, DocumentSettings(), 25)
    assert read_plain_settings(database) == (profile, DocumentSettings(), 25)
    (tmp_path / "clinic.db.settings.json").write_text("{ damaged")
    assert read_plain_settings(database)[0] == ClinicProfile()


def test_the_recovery_sheet_is_one_page_with_every_group_and_the_warning() -> None:
    recovery = RecoveryKey.from_database_key(secrets.token_bytes(32))
    pdf = render_recovery_sheet(recovery, "Harbour PT", "/data/clinic.db", dt.date(2026, 11, 29))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert all(group in text for group in recovery.groups)
    assert "the records are lost for good" in text
