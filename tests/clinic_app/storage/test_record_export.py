"""Reading records out for FHIR: every stored demo visit exports and validates; each read is audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clinic_app.accounts import Role, SessionUser
from clinic_app.errors import NotAllowed, NotFound
from clinic_app.fhir.bundle import patient_bundle, visit_bundle
from clinic_app.storage import PatientService
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.demo import load_demo
from clinic_app.storage.orm import AuditEntryRow, VisitRow
from clinic_app.storage.record_export import RecordExportService
from tests.clinic_app.fhir.reading import of_type, validate

from ..logins import add_account


def entries(database: Database, action: AuditAction) -> list[AuditEntryRow]:
    with database.reading() as session:
        query = select(AuditEntryRow).where(AuditEntryRow.action == action).order_by(AuditEntryRow.seq)
        return list(session.scalars(query))


def test_every_stored_demo_patient_exports_a_valid_bundle_with_all_their_visits(
    database: Database, admin: SessionUser
) -> None:
    load_demo(database, admin)
    service = RecordExportService(database)
    patients = PatientService(database).recently_seen(limit=1000)
    assert len(patients) >= 10
    before = len(entries(database, AuditAction.PATIENT_EXPORT))
    for summary in patients:
        record = service.patient(admin, summary.mrn.lower())  # any letter case
        assert record.patient.id == summary.id
        visits = PatientService(database).recent_visits(summary.id, limit=100)
        assert [v.id for v in record.visits] == [v.id for v in reversed(visits)]  # oldest first
        bundle = patient_bundle(record.patient, record.visits)
        validate(bundle)
        assert len(of_type(bundle, "Encounter")) == len(visits)
        finished = [v for v in record.visits if v.status == "final"]
        assert all(v.signed_triage is not None for v in finished)
    exported = entries(database, AuditAction.PATIENT_EXPORT)[before:]
    assert [(e.patient_id, e.username) for e in exported] == [(p.id, admin.username) for p in patients]


def test_a_visit_export_is_audited_with_its_patient_and_visit(database: Database, admin: SessionUser) -> None:
    load_demo(database, admin)
    with database.reading() as session:
        visit_id, patient_id = session.execute(select(VisitRow.id, VisitRow.patient_id).limit(1)).one()
    before = len(entries(database, AuditAction.VISIT_EXPORT))
    record = RecordExportService(database).visit(admin, visit_id)
    validate(visit_bundle(record.patient, record.visits[0]))
    (entry,) = entries(database, AuditAction.VISIT_EXPORT)[before:]
    assert (entry.patient_id, entry.visit_id) == (patient_id, visit_id)


def test_an_unknown_mrn_or_visit_is_not_found(database: Database, admin: SessionUser) -> None:
    service = RecordExportService(database)
    with pytest.raises(NotFound, match="no patient with the MRN X-404"):
        service.patient(admin, "X-404")
    with pytest.raises(NotFound):
        service.visit(admin, "0" * 32)


def test_an_assistant_may_not_export(database: Database, admin: SessionUser) -> None:
    load_demo(database, admin)
    assistant = add_account(database, admin, "jo", Role.ASSISTANT)
    (summary, *_) = PatientService(database).recently_seen()
    before = len(entries(database, AuditAction.PATIENT_EXPORT))
    with pytest.raises(NotAllowed):
        RecordExportService(database).patient(assistant, summary.mrn)
    assert len(entries(database, AuditAction.PATIENT_EXPORT)) == before
