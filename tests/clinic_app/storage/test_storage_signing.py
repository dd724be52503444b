"""Signing and addenda, and the desktop's Clinic acting as its logged-in account: on SQLite and PostgreSQL.

Addenda are append-only (triggers refuse UPDATE and DELETE), so these tests use a fresh database each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from clinic_app.accounts import Role, SessionUser
from clinic_app.clinic import Clinic, FirstAdmin
from clinic_app.domain import SIGNED_BEFORE_ACCOUNTS, ClinicProfile, SignatureKind, VisitStatus
from clinic_app.errors import ClinicError, InvalidInput, NotAllowed, NotLoggedIn
from clinic_app.storage import VisitService, open_database
from clinic_app.storage.audit import AuditAction, AuditService
from clinic_app.storage.db import Database

from ..logins import PASSWORD, add_account, first_admin
from .builders import ZOE, full_visit, minimal_visit


@pytest.fixture
def fresh(fresh_url: str) -> Iterator[Database]:
    database = open_database(fresh_url)
    yield database
    database.dispose()


def actions_since(database: Database, admin: SessionUser, seq: int) -> list[tuple[str | None, str]]:
    return [
        (e.user, e.action)
        for e in AuditService(database).entries(admin)
        if e.seq > seq and e.action != AuditAction.AUDIT_VIEW
    ]


def newest(database: Database, admin: SessionUser) -> int:
    return AuditService(database).entries(admin)[-1].seq


def test_signing_records_the_therapist_as_they_are_now_and_the_visit_never_changes_again(
    fresh: Database,
) -> None:
    admin = first_admin(fresh)
    kim = add_account(fresh, admin, "kim", Role.THERAPIST)
    visits = VisitService(fresh)
    stored = visits.start(kim, minimal_visit(ZOE))

    signed = visits.sign(kim, stored.id, stored.version, full_visit(ZOE, stored.id))

    assert signed.status is VisitStatus.FINAL
    signature = signed.signature
    assert signature is not None
    assert (signature.name, signature.kind) == ("Kim Tester, PT", SignatureKind.ACCOUNT)
    assert signature.at is not None
    assert abs(signature.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert signed.visit.screenings == full_visit(ZOE, stored.id).screenings  # the content signed is stored
    assert signed.visit.visit.clinician == "Kim Tester, PT"  # whoever typed the name: the signer's visit
    with pytest.raises(ClinicError, match="is final"):
        visits.sign(kim, stored.id, signed.version)
    with pytest.raises(ClinicError, match="is final"):
        visits.save(signed.visit, expected_version=signed.version)


def test_an_addendum_is_added_with_who_when_what_and_why_and_never_changed(
    fresh: Database, fresh_url: str
) -> None:
    admin = first_admin(fresh)
    kim = add_account(fresh, admin, "kim", Role.THERAPIST)
    visits = VisitService(fresh)
    stored = visits.start(kim, minimal_visit(ZOE))
    with pytest.raises(ClinicError, match="not signed yet"):
        visits.add_addendum(kim, stored.id, "text", "why")
    signed = visits.sign(kim, stored.id, stored.version)
    start = newest(fresh, admin)

    first = visits.add_addendum(admin, signed.id, "  Left calf re-measured: 9 cm.  ", "Typed 6 by mistake")
    second = visits.add_addendum(kim, signed.id, "Patient called: no new symptoms.", "Follow-up call")

    assert first.visit == signed.visit
    assert first.version == signed.version
    assert [(a.author, a.text, a.reason) for a in second.addenda] == [
        ("Ada Admin, PT, DPT", "Left calf re-measured: 9 cm.", "Typed 6 by mistake"),
        ("Kim Tester, PT", "Patient called: no new symptoms.", "Follow-up call"),
    ]
    assert visits.load(signed.id).addenda == second.addenda
    assert actions_since(fresh, admin, start) == [("admin", "visit_addendum"), ("kim", "visit_addendum")]
    with fresh.engine.begin() as connection, pytest.raises(DBAPIError, match="never"):
        connection.execute(text("UPDATE visit_addenda SET text = 'changed'"))
    with fresh.engine.begin() as connection, pytest.raises(DBAPIError, match="never"):
        connection.execute(text("DELETE FROM visit_addenda"))


@pytest.mark.parametrize(
    ("text_value", "reason", "paths"),
    [
        ("", "why", ["addendum.text"]),
        ("what", "   ", ["addendum.reason"]),
        ("x" * 4001, "why", ["addendum.text"]),
    ],
)
def test_an_empty_or_overlong_addendum_is_refused_by_its_field(
    fresh: Database, text_value: str, reason: str, paths: list[str]
) -> None:
    admin = first_admin(fresh)
    visits = VisitService(fresh)
    stored = visits.start(admin, minimal_visit(ZOE))
    signed = visits.sign(admin, stored.id, stored.version)
    with pytest.raises(InvalidInput) as refused:
        visits.add_addendum(admin, signed.id, text_value, reason)
    assert [p.path for p in refused.value.problems] == paths
    assert visits.load(signed.id).addenda == ()


def test_an_assistant_may_look_and_print_a_finished_visit_but_never_record_sign_or_add(
    fresh: Database,
) -> None:
    admin = first_admin(fresh)
    jo = add_account(fresh, admin, "jo", Role.ASSISTANT)
    visits = VisitService(fresh)
    draft = visits.start(admin, minimal_visit(ZOE))
    clinic = Clinic(fresh, jo)

    clinic.open_visit(draft.id)  # looking is allowed
    with pytest.raises(NotAllowed, match="may not create or change visits"):
        clinic.save_draft(draft.id, "{}", None, draft.version)
    with pytest.raises(NotAllowed, match="may not sign visits"):
        clinic.finish_visit(draft.id, minimal_visit(ZOE), draft.version)
    with pytest.raises(NotAllowed, match="finished visits only"):
        clinic.record_print(draft.id, "handout")
    with pytest.raises(NotAllowed, match="may not create or change visits"):
        clinic.add_patient(ZOE.model_copy(update={"mrn": "JO-1"}))
    with pytest.raises(NotAllowed, match="settings"):
        clinic.save_settings(ClinicProfile(name="x"), clinic.settings.load_document_settings(), 10)
    signed = visits.sign(admin, draft.id, visits.load(draft.id).version)
    with pytest.raises(NotAllowed, match="may not sign visits"):
        clinic.add_addendum(signed.id, "what", "why")
    assert clinic.record_print(signed.id, "visit summary").id == signed.id


def test_a_disabled_account_is_stopped_at_its_next_step_even_while_logged_in(fresh: Database) -> None:
    admin = first_admin(fresh)
    kim = add_account(fresh, admin, "kim", Role.THERAPIST)
    clinic = Clinic(fresh, kim)
    opened = clinic.start_visit(clinic.add_patient(ZOE).id, dt.date(2026, 11, 29))
    clinic.accounts.disable(admin, "kim")
    with pytest.raises(NotAllowed, match="disabled"):
        clinic.save_draft(opened.stored.id, "{}", None, opened.stored.version)


def test_the_desktop_session_leaves_a_trail_of_each_step(fresh_url: str) -> None:
    clinic = Clinic.open(fresh_url)  # a new SQLite file is made encrypted by the first admin
    with pytest.raises(NotLoggedIn):
        clinic.recent_patients()
    state = clinic.create_first_admin(
        FirstAdmin("sam", "Sam Lee, PT, DPT", "PT-4711", PASSWORD),
        ClinicProfile(name="Harbour PT", phone="555-0100", emergency_number="911"),
    )
    assert state.user.role is Role.ADMIN
    assert state.patient_count == 0
    assert clinic.settings.load_profile().emergency_number == "911"

    patient = clinic.add_patient(ZOE)
    clinic.open_patient(patient.id)
    opened = clinic.start_visit(patient.id, dt.date(2026, 11, 29))
    assert opened.stored.visit.visit.clinician == "Sam Lee, PT, DPT"  # the account, not a typed name
    version = clinic.save_draft(opened.stored.id, "{}", None, opened.stored.version)
    version = clinic.save_draft(opened.stored.id, "{}", None, version)  # within minutes: no second entry
    signed = clinic.finish_visit(opened.stored.id, full_visit(ZOE, opened.stored.id), version)
    assert signed.signature is not None
    assert signed.signature.licence == "PT-4711"
    clinic.record_print(signed.id, "visit summary")
    clinic.lock()
    clinic.unlock(PASSWORD)
    with pytest.raises(NotLoggedIn):
        clinic.unlock("not the password")
    clinic.log_out()
    with pytest.raises(NotLoggedIn):
        clinic.open_visit(signed.id)

    again = Clinic.open(fresh_url)
    admin = again.log_in("sam", PASSWORD).user
    assert actions_since(again.database, admin, 0) == [
        ("sam", "user_add"),
        ("sam", "login"),
        ("sam", "settings_change"),
        ("sam", "patient_add"),
        ("sam", "patient_view"),
        ("sam", "visit_create"),
        ("sam", "visit_sign"),
        ("sam", "document_print"),
        ("sam", "screen_lock"),
        ("sam", "login"),
        ("sam", "login_failed"),
        ("sam", "logout"),
        ("sam", "login"),
    ]
    clinic.close()
    again.close()


def test_editing_is_in_the_trail_once_per_stretch_of_work(fresh: Database) -> None:
    admin = first_admin(fresh)
    kim = add_account(fresh, admin, "kim", Role.THERAPIST)
    clinic = Clinic(fresh, admin)
    opened = clinic.start_visit(clinic.add_patient(ZOE).id, dt.date(2026, 11, 29))
    start = newest(fresh, admin)
    version = clinic.save_draft(opened.stored.id, "{}", None, opened.stored.version)  # after visit_create
    version = Clinic(fresh, kim).save_draft(opened.stored.id, "{}", None, version)  # another user: recorded
    Clinic(fresh, kim).save_draft(opened.stored.id, "{}", None, version)
    assert actions_since(fresh, admin, start) == [("kim", "visit_edit")]


def test_an_upgraded_database_credits_its_old_signed_visits_to_no_one_and_says_so(fresh: Database) -> None:
    # As migration 0007 leaves a visit finished before accounts existed.
    visits = VisitService(fresh)
    stored = visits.save(minimal_visit(ZOE))
    with fresh.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE visits SET status = 'final', signature_kind = 'before_accounts', signed_by = :name, "
                "signed_at = updated_at"
            ),
            {"name": SIGNED_BEFORE_ACCOUNTS},
        )
    admin = first_admin(fresh)
    signature = visits.load(stored.id).signature
    assert signature is not None
    assert signature.kind is SignatureKind.BEFORE_ACCOUNTS
    assert signature.name == "unknown (before accounts)"
    last = AuditService(fresh).entries(admin)[-1]
    assert (last.action, last.detail) == (
        "visits_attributed",
        "1 visits finished before accounts: signed by unknown (before accounts)",
    )


def test_an_imported_finished_visit_keeps_its_written_signature_and_no_account(fresh: Database) -> None:
    admin = first_admin(fresh)
    visit = full_visit(ZOE).model_copy(
        update={"visit": full_visit(ZOE).visit.model_copy(update={"status": VisitStatus.FINAL})}
    )
    stored = VisitService(fresh).import_document(admin, visit)
    signature = stored.signature
    assert signature is not None
    assert (signature.kind, signature.name, signature.at) == (
        SignatureKind.IMPORTED,
        visit.visit.clinician,
        None,
    )
