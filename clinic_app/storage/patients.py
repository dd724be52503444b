"""Patients: add, update, look up and search them, and list their visits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic_app import domain
from clinic_app.accounts import Permission, SessionUser
from clinic_app.errors import InvalidInput, NotFound, Problem
from clinic_app.storage import audit, mapping, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.orm import PatientRow, VisitRow
from clinic_app.storage.patient_search import PatientSearch
from clinic_app.storage.records import PatientRecord, PatientSummary, StoredPatient, VisitSummary

DEFAULT_SEARCH_LIMIT = 20
MRN_CONSTRAINTS = ("uq_patients_mrn", "patients.mrn")  # PostgreSQL's names, SQLite's columns


class PatientService:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._search = PatientSearch(database.engine)

    def add(self, patient: domain.Patient) -> StoredPatient:
        with self._database.writing() as session:
            return _insert(session, patient)

    def update(self, patient_id: int, patient: domain.Patient) -> StoredPatient:
        """Replace everything stored about the patient (a field given as None is cleared)."""
        with self._database.writing() as session:
            return _replace(session, patient_id, patient)

    # ---- as a logged-in user: role checked, audited ---------------------------------------------

    def add_as(self, user: SessionUser, patient: domain.Patient) -> StoredPatient:
        """Register a new patient (patient_add)."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            stored = _insert(session, patient)
            audit.append(session, AuditAction.PATIENT_ADD, user.username, patient_id=stored.id)
            return stored

    def update_as(self, user: SessionUser, patient_id: int, patient: domain.Patient) -> StoredPatient:
        """Change a patient's details (patient_edit)."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            stored = _replace(session, patient_id, patient)
            audit.append(session, AuditAction.PATIENT_EDIT, user.username, patient_id=patient_id)
            return stored

    def open_record(self, user: SessionUser, patient_id: int, visits: int = 10) -> PatientRecord:
        """A patient's details and latest visits, to show them (patient_view)."""
        with self._database.writing() as session:  # the read is recorded: one transaction for both
            audit.authorise(session, user, Permission.VIEW)
            patient = mapping.stored_patient(_row(session, patient_id))
            recent = queries.visit_summaries(session, patient_id, visits)
            audit.append(session, AuditAction.PATIENT_VIEW, user.username, patient_id=patient_id)
            return PatientRecord(patient, recent)

    def get(self, patient_id: int) -> StoredPatient:
        with self._database.reading() as session:
            return mapping.stored_patient(_row(session, patient_id))

    def find_by_mrn(self, mrn: str) -> StoredPatient | None:
        with self._database.reading() as session:
            row = queries.patient_by_mrn(session, mrn)
            return None if row is None else mapping.stored_patient(row)

    def search(self, text: str, limit: int = DEFAULT_SEARCH_LIMIT) -> list[PatientSummary]:
        """Patients whose family name, given name or MRN starts with text, ignoring case and accents.

        "nú", "Núñez Z" and "zoe nu" all find Zoë Núñez. Family-name matches come first, then
        given-name matches, then MRN matches, each in alphabetical order; then, while there is
        room, patients a later word of whose name starts with text ("ruiz" for Marta Gómez-Ruiz).
        """
        return self._search(text, limit)

    def born_on(self, birth_date: dt.date, limit: int = DEFAULT_SEARCH_LIMIT) -> list[PatientSummary]:
        """Patients with this birth date, by name."""
        statement = (
            select(*SUMMARY_COLUMNS)
            .where(PatientRow.birth_date == birth_date)
            .order_by(PatientRow.family_given_key, PatientRow.id)
            .limit(limit)
        )
        with self._database.reading() as session:
            return [PatientSummary(*row) for row in session.execute(statement)]

    def recently_seen(self, limit: int = DEFAULT_SEARCH_LIMIT) -> list[PatientSummary]:
        """Patients with the latest visit activity first, then the latest added: the list to start from."""
        last_activity = (
            select(VisitRow.patient_id, func.max(VisitRow.updated_at).label("latest"))
            .group_by(VisitRow.patient_id)
            .subquery()
        )
        statement = (
            select(*SUMMARY_COLUMNS)
            .outerjoin(last_activity, last_activity.c.patient_id == PatientRow.id)
            .order_by(
                func.coalesce(last_activity.c.latest, PatientRow.created_at).desc(), PatientRow.id.desc()
            )
            .limit(limit)
        )
        with self._database.reading() as session:
            return [PatientSummary(*row) for row in session.execute(statement)]

    def count(self) -> int:
        with self._database.reading() as session:
            return session.execute(select(func.count()).select_from(PatientRow)).scalar_one()

    def recent_visits(self, patient_id: int, limit: int = 10) -> list[VisitSummary]:
        """The patient's latest visits, newest first."""
        with self._database.reading() as session:
            return queries.visit_summaries(session, patient_id, limit)


SUMMARY_COLUMNS = (
    PatientRow.id,
    PatientRow.mrn,
    PatientRow.given_name,
    PatientRow.family_name,
    PatientRow.birth_date,
)


def _insert(session: Session, patient: domain.Patient) -> StoredPatient:
    if queries.patient_by_mrn(session, patient.mrn) is not None:
        raise _mrn_taken(patient.mrn)
    now = queries.utc_now()
    row = PatientRow(**mapping.patient_columns(patient), created_at=now, updated_at=now)
    session.add(row)
    _flush_unless_mrn_taken(session, patient.mrn)
    queries.store_name_keys(session, row)
    return mapping.stored_patient(row)


def _replace(session: Session, patient_id: int, patient: domain.Patient) -> StoredPatient:
    row = _row(session, patient_id)
    holder = queries.patient_by_mrn(session, patient.mrn)  # whatever its letter case
    if holder is not None and holder.id != row.id:
        raise _mrn_taken(patient.mrn)
    for name, value in mapping.patient_columns(patient).items():
        setattr(row, name, value)
    row.updated_at = queries.utc_now()
    _flush_unless_mrn_taken(session, patient.mrn)
    queries.store_name_keys(session, row)
    return mapping.stored_patient(row)


def _row(session: Session, patient_id: int) -> PatientRow:
    row = session.get(PatientRow, patient_id)
    if row is None:
        raise NotFound(f"there is no patient with id {patient_id}")
    return row


def _mrn_taken(mrn: str) -> InvalidInput:
    return InvalidInput([Problem("mrn", f"{mrn} already belongs to another patient")])


def _flush_unless_mrn_taken(session: Session, mrn: str) -> None:
    # The check before gives the message; the unique constraint settles a race with another save.
    try:
        session.flush()
    except IntegrityError as error:
        if any(name in str(error.orig) for name in MRN_CONSTRAINTS):  # mrn and mrn_fold alike
            raise _mrn_taken(mrn) from error
        raise
