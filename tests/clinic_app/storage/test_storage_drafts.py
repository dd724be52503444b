"""Drafts keep the form exactly as typed; saves carry the version; finishing makes a visit final."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.accounts import SessionUser
from clinic_app.domain import VisitStatus
from clinic_app.errors import ClinicError, ConflictError
from clinic_app.storage.db import Database
from clinic_app.storage.drafts import DraftService
from clinic_app.storage.patients import PatientService
from clinic_app.storage.visits import VisitService
from clinic_app.visit_form import ComplaintEntry, VisitForm

from .builders import ZOE, full_visit, minimal_visit


def started(database: Database) -> tuple[str, int]:
    PatientService(database).add(ZOE)
    stored = VisitService(database).save(minimal_visit(ZOE))
    return stored.id, stored.version


def test_a_draft_keeps_even_wrong_entries_exactly(database: Database, admin: SessionUser) -> None:
    visit_id, version = started(database)
    form = VisitForm(date="2026-11-25", complaints=[ComplaintEntry("knee", "left", "ten", 'say "ouch"\n')])
    drafts = DraftService(database)

    new_version = drafts.save(admin, visit_id, form.to_json(), None, version)

    assert new_version > version
    assert VisitForm.from_json(drafts.load(visit_id) or "") == form
    assert drafts.latest_open_draft() == visit_id


def test_a_valid_form_also_updates_the_stored_visit(database: Database, admin: SessionUser) -> None:
    visit_id, version = started(database)
    visit = full_visit(ZOE, visit_id)
    DraftService(database).save(admin, visit_id, "{}", visit, version)
    stored = VisitService(database).load(visit_id)
    assert stored.visit.complaints == visit.complaints
    assert stored.visit.screenings == visit.screenings


def test_a_stale_draft_save_is_a_conflict_and_changes_nothing(database: Database, admin: SessionUser) -> None:
    visit_id, version = started(database)
    drafts = DraftService(database)
    drafts.save(admin, visit_id, '{"first": 1}', None, version)
    with pytest.raises(ConflictError, match=visit_id):
        drafts.save(admin, visit_id, '{"second": 2}', None, version)
    assert drafts.load(visit_id) == '{"first": 1}'


def test_signing_stores_final_drops_the_draft_and_locks_the_visit(
    database: Database, admin: SessionUser
) -> None:
    visit_id, version = started(database)
    drafts = DraftService(database)
    version = drafts.save(admin, visit_id, "{}", None, version)

    stored = VisitService(database).sign(admin, visit_id, version, full_visit(ZOE, visit_id))

    assert stored.status is VisitStatus.FINAL
    assert drafts.load(visit_id) is None
    assert drafts.latest_open_draft() is None
    with pytest.raises(ClinicError, match="final"):
        drafts.save(admin, visit_id, "{}", None, stored.version)


def test_patients_by_birth_date_recent_and_count(database: Database) -> None:
    patients = PatientService(database)
    assert patients.count() == 0
    zoe = patients.add(ZOE)
    other = patients.add(
        ZOE.model_copy(update={"mrn": "B-2", "given_name": "Ana", "birth_date": dt.date(1990, 1, 2)})
    )
    VisitService(database).save(minimal_visit(ZOE))
    assert patients.count() == 2
    assert [p.id for p in patients.born_on(dt.date(1990, 1, 2))] == [other.id]
    assert [p.id for p in patients.recently_seen()] == [zoe.id, other.id]


def test_a_visit_line_says_what_the_visit_was_about(database: Database) -> None:
    PatientService(database).add(ZOE)
    visit = full_visit(ZOE)
    VisitService(database).save(visit)
    (summary,) = PatientService(database).recent_visits(PatientService(database).find_by_mrn(ZOE.mrn).id)  # type: ignore[union-attr]
    assert summary.complaints == tuple((c.region, c.side) for c in visit.complaints)
