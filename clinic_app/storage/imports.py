"""Importing visit documents: each document stored once, its patient never changed silently.

- The document's digest (SHA-256 of the visit as parsed, the MRN case-folded) is kept with the
  visit it made (`visits.import_digest`, unique): importing it again finds that visit and gives its
  id, also after an import that was stopped between its commit and printing the id.
- Its patient details must match the stored patient of its MRN (queries.patient_for_visit), unless
  the user asks to update them, which the audit trail records by field name.
- A finished visit is stored final with the clinician it names; no account of this database is
  recorded as its signer (the visit service's signing marks it as an imported signature).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app import domain
from clinic_app.errors import ClinicError
from clinic_app.storage import queries
from clinic_app.storage.mrn import mrn_fold
from clinic_app.storage.orm import VisitRow
from clinic_app.visitdoc import visit_document_data


@dataclasses.dataclass(frozen=True, slots=True)
class PatientCheck:
    """What an import does to its patient: the fields it changed (with update_patient)."""

    changed: tuple[str, ...]


def document_digest(visit: domain.Visit) -> str:
    data = visit_document_data(visit)
    data["patient"]["mrn"] = mrn_fold(visit.patient.mrn)
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def visit_imported_as(session: Session, digest: str) -> str | None:
    """The id of the visit an earlier import of the same document made, if any."""
    return session.scalars(select(VisitRow.id).where(VisitRow.import_digest == digest)).first()


def check_new_visit_id(session: Session, visit: domain.Visit) -> None:
    """A document bringing an id in use (and not imported from this very document) is refused."""
    visit_id = visit.visit.id
    if visit_id is not None and session.get(VisitRow, visit_id) is not None:
        raise ClinicError(f"a visit with id {visit_id} already exists; nothing was saved")


def prepare_patient(session: Session, visit: domain.Visit, update_patient: bool) -> PatientCheck:
    """Find or add the document's patient, refusing differing details unless update_patient."""
    existing = queries.patient_by_mrn(session, visit.patient.mrn)
    changed = tuple(queries.differing_details(existing, visit.patient)) if existing is not None else ()
    queries.patient_for_visit(session, visit.patient, queries.utc_now(), update_patient=update_patient)
    return PatientCheck(changed)


def mark_imported(row: VisitRow, digest: str) -> None:
    row.import_digest = digest
