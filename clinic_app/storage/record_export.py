"""Reading records out to write them elsewhere (FHIR): a visit, or a patient with all their visits.

Each read needs an account that may export and is recorded in the audit trail in its own
transaction: `visit_export` for a visit, `patient_export` for a patient's whole record.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.accounts import Permission, SessionUser
from clinic_app.errors import NotFound
from clinic_app.storage import audit, mapping, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.orm import PatientRow, VisitRow
from clinic_app.storage.records import StoredPatient, StoredVisit
from clinic_app.storage.visits import VISIT_LOAD_OPTIONS, load_row


@dataclass(frozen=True, slots=True)
class PatientRecord:
    patient: StoredPatient
    visits: tuple[StoredVisit, ...]  # oldest first


class RecordExportService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def visit(self, user: SessionUser, visit_id: str) -> PatientRecord:
        """One stored visit with its patient (recorded as visit_export)."""
        with self._database.writing() as session:  # the read is recorded: one transaction for both
            audit.authorise(session, user, Permission.EXPORT)
            row = load_row(session, visit_id)
            record = PatientRecord(mapping.stored_patient(row.patient), (mapping.stored_visit(row),))
            audit.append(
                session, AuditAction.VISIT_EXPORT, user.username, patient_id=row.patient_id, visit_id=row.id
            )
            return record

    def patient(self, user: SessionUser, mrn: str) -> PatientRecord:
        """The patient with this MRN (in any letter case) and all their visits (recorded as patient_export)."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.EXPORT)
            row = _patient_by_mrn(session, mrn)
            visits = session.scalars(
                select(VisitRow)
                .options(*VISIT_LOAD_OPTIONS)
                .where(VisitRow.patient_id == row.id)
                .order_by(VisitRow.date, VisitRow.created_at, VisitRow.id)
            ).unique()
            record = PatientRecord(
                mapping.stored_patient(row), tuple(mapping.stored_visit(visit) for visit in visits)
            )
            audit.append(
                session,
                AuditAction.PATIENT_EXPORT,
                user.username,
                patient_id=row.id,
                detail=f"{len(record.visits)} visit{'' if len(record.visits) == 1 else 's'}",
            )
            return record


def _patient_by_mrn(session: Session, mrn: str) -> PatientRow:
    found = queries.patients_by_folded_mrn(session, [mrn.strip()]).get(mrn.strip().casefold())
    if found is None:
        raise NotFound(f"there is no patient with the MRN {mrn.strip()}")
    return found
