"""Reads and writes inside a transaction the caller owns, shared by the services and the demo data."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic_app import domain
from clinic_app.errors import InvalidInput, Problem
from clinic_app.storage import mapping
from clinic_app.storage.mrn import mrn_fold
from clinic_app.storage.orm import Base, ClinicianRow, ComplaintRow, PatientNameKeyRow, PatientRow, VisitRow
from clinic_app.storage.records import VisitSummary
from clinic_app.storage.search_key import name_word_keys, search_key

RowT = TypeVar("RowT", bound=Base)
MRN_LOOKUP_CHUNK = 500  # MRN keys per query: well under every database's limit on bound parameters


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def patient_by_mrn(session: Session, mrn: str) -> PatientRow | None:
    """The patient with this MRN whatever its letter case; the one written exactly so first (two
    stored before MRNs were case-folded may differ only in case: migration 0009)."""
    exact = session.scalars(select(PatientRow).where(PatientRow.mrn == mrn)).one_or_none()
    if exact is not None:
        return exact
    return session.scalars(select(PatientRow).where(PatientRow.mrn_fold == mrn_fold(mrn))).one_or_none()


def patients_by_folded_mrn(session: Session, mrns: Sequence[str]) -> dict[str, PatientRow]:
    """The stored patients with these MRNs, by case-folded MRN (the search key narrows, casefold decides)."""
    wanted = {mrn.casefold() for mrn in mrns}
    keys = sorted({search_key(mrn) for mrn in mrns})
    found: dict[str, PatientRow] = {}
    for start in range(0, len(keys), MRN_LOOKUP_CHUNK):
        chunk = keys[start : start + MRN_LOOKUP_CHUNK]
        for row in session.scalars(select(PatientRow).where(PatientRow.mrn_key.in_(chunk))):
            folded = row.mrn.casefold()
            if folded in wanted:
                found[folded] = row
    return found


def add_unless_taken(session: Session, row: RowT, existing: Callable[[], RowT | None]) -> RowT:
    """Add a row; if a concurrent transaction added the same unique key first, return that row instead."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        found = existing()
        if found is None:
            raise
        return found
    return row


def patient_for_visit(
    session: Session, patient: domain.Patient, now: dt.datetime, *, update_patient: bool = False
) -> PatientRow:
    """The patient a visit belongs to: found by MRN, or added.

    A stored patient is never changed silently: details that differ from what is stored (a name,
    a birth date...) are invalid input naming each field, unless update_patient, which stores them.
    Details stored blank are filled in from the visit.
    """
    row = patient_by_mrn(session, patient.mrn)
    if row is None:
        new_row = PatientRow(**mapping.patient_columns(patient), created_at=now, updated_at=now)
        row = add_unless_taken(session, new_row, lambda: patient_by_mrn(session, patient.mrn))
        if row is new_row:
            store_name_keys(session, row)
            return row
    differing = differing_details(row, patient)
    if differing and not update_patient:
        # Never the stored value: the document may come from anyone with the MRN.
        raise InvalidInput(
            [
                Problem(
                    f"patient.{name}",
                    "differs from the patient stored with this MRN; check the document, or give "
                    "--update-patient to store it as the patient's new details",
                )
                for name in differing
            ]
        )
    filled = [
        name
        for name in mapping.PATIENT_DETAILS
        if getattr(patient, name) is not None and (getattr(row, name) is None or name in differing)
    ]
    if filled:
        for name in filled:
            setattr(row, name, getattr(patient, name))
        row.updated_at = now
        if differing:
            for name, key in mapping.search_keys(row.mrn, row.given_name, row.family_name).items():
                setattr(row, name, key)
            store_name_keys(session, row)
    return row


def differing_details(row: PatientRow, patient: domain.Patient) -> list[str]:
    """The details the visit gives that differ from the stored ones (a blank stored one does not)."""
    differing = []
    for name in mapping.PATIENT_DETAILS:
        given, stored = getattr(patient, name), getattr(row, name)
        if given is None or stored is None:
            continue
        same = _same_text(stored, given) if isinstance(given, str) else stored == given
        if not same:
            differing.append(name)
    return differing


def store_name_keys(session: Session, row: PatientRow) -> None:
    """The word keys of the patient's names, replacing those of the names before (see search_key.py)."""
    session.flush()  # the row's id, and its names as they are now
    session.execute(delete(PatientNameKeyRow).where(PatientNameKeyRow.patient_id == row.id))
    keys = sorted(name_word_keys(row.given_name, row.family_name))
    if keys:
        session.execute(insert(PatientNameKeyRow), [{"name_key": key, "patient_id": row.id} for key in keys])


def _same_text(stored: str, given: str) -> bool:
    # The same name typed on another system may arrive composed differently (é as one or two code points).
    return unicodedata.normalize("NFC", stored) == unicodedata.normalize("NFC", given)


def clinician_named(session: Session, name: str | None) -> ClinicianRow | None:
    if name is None:
        return None

    def existing() -> ClinicianRow | None:
        return session.scalars(select(ClinicianRow).where(ClinicianRow.name == name)).one_or_none()

    return existing() or add_unless_taken(session, ClinicianRow(name=name), existing)


def visit_summaries(session: Session, patient_id: int, limit: int | None = None) -> list[VisitSummary]:
    """A patient's visits, newest first."""
    query = (
        select(VisitRow, ClinicianRow.name)
        .outerjoin(ClinicianRow, VisitRow.clinician_id == ClinicianRow.id)
        .where(VisitRow.patient_id == patient_id)
        .order_by(VisitRow.date.desc(), VisitRow.created_at.desc(), VisitRow.id)
        .limit(limit)
    )
    visits = session.execute(query).all()
    complaints = _complaints_of(session, [row.id for row, _clinician in visits])
    return [
        VisitSummary(
            id=row.id,
            patient_id=row.patient_id,
            date=row.date,
            clinician=clinician,
            status=row.status,
            version=row.version_id,
            updated_at=row.updated_at,
            complaints=tuple(complaints.get(row.id, ())),
        )
        for row, clinician in visits
    ]


def _complaints_of(
    session: Session, visit_ids: list[str]
) -> dict[str, list[tuple[domain.Region, domain.Side]]]:
    if not visit_ids:
        return {}
    query = (
        select(ComplaintRow.visit_id, ComplaintRow.region, ComplaintRow.side)
        .where(ComplaintRow.visit_id.in_(visit_ids))
        .order_by(ComplaintRow.visit_id, ComplaintRow.position)
    )
    found: dict[str, list[tuple[domain.Region, domain.Side]]] = {}
    for visit_id, region, side in session.execute(query):
        found.setdefault(visit_id, []).append((region, side))
    return found
