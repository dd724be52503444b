"""Importing patients from a CSV file: what each row would do, then all of it or nothing.

`check` says, for a file already read (clinic_app.patient_csv), which rows add a patient, which
match a stored patient exactly (skipped and counted) and which would change one (a problem naming
each differing field, never its stored value, unless updating is asked for). `import_patients`
decides the same again inside its own write transaction and stores every row or, if any row has a
problem, nothing. MRNs match whatever their letter case: `a-1001` is the patient stored as `A-1001`.

Both need an account that may record; the import is audited, one `patient_import` entry per
patient added or updated (the detail says which, and which fields changed: never their values).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic_app import domain
from clinic_app.accounts import Permission, SessionUser
from clinic_app.errors import ClinicError, InvalidInput, Problem
from clinic_app.patient_csv import CsvPatient, PatientCsv
from clinic_app.storage import audit, mapping, queries
from clinic_app.storage.audit import AuditAction, NewEntry
from clinic_app.storage.db import Database
from clinic_app.storage.orm import PatientNameKeyRow, PatientRow
from clinic_app.storage.search_key import name_word_keys

PATIENT_FIELDS = ("given_name", "family_name", *mapping.OPTIONAL_PATIENT_FIELDS)


class RowAction(StrEnum):
    ADD = "add"  # a new patient
    SKIP = "skip"  # the MRN is stored with these very details
    UPDATE = "update"  # the MRN is stored with other details, and updating was asked for


@dataclass(frozen=True, slots=True)
class PlannedRow:
    row: int  # the file's row number, the header being row 1
    patient: domain.Patient
    action: RowAction
    changed: tuple[str, ...] = ()  # for UPDATE: the fields that differ from the stored patient


@dataclass(frozen=True, slots=True)
class PatientImportPlan:
    """What importing the file would do, row by row, and every problem that stops it."""

    rows: tuple[PlannedRow, ...]
    problems: tuple[Problem, ...]
    rows_read: int
    labels: Mapping[int, tuple[str, str]] = field(default_factory=dict)  # row -> (MRN, name) as typed

    @property
    def valid(self) -> bool:
        return not self.problems

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action is action)

    def preview(self) -> list[PreviewLine]:
        """One line per row, in file order: what importing does with it, or what is wrong with it."""
        problems: dict[int, list[str]] = {}
        for problem in self.problems:
            where, _, column = problem.path.partition(", ")
            text = f"{column}: {problem.message}" if column else problem.message
            problems.setdefault(_row_number(where), []).append(text)
        planned = {row.row: row for row in self.rows}
        lines = []
        for number in sorted(planned.keys() | problems.keys()):
            mrn, name = self.labels.get(number, ("", "header" if number == 1 else ""))
            if number in problems:
                lines.append(PreviewLine(number, mrn, name, "; ".join(problems[number]), problem=True))
            else:
                lines.append(PreviewLine(number, mrn, name, _what_happens(planned[number])))
        return lines


@dataclass(frozen=True, slots=True)
class PreviewLine:
    row: int
    mrn: str
    name: str
    outcome: str
    problem: bool = False


def _what_happens(row: PlannedRow) -> str:
    if row.action is RowAction.ADD:
        return "New patient: will be added"
    if row.action is RowAction.SKIP:
        return "Already stored with these details: will be skipped"
    return (
        "Stored with other details: will be updated ("
        + ", ".join(n.replace("_", " ") for n in row.changed)
        + ")"
    )


@dataclass(frozen=True, slots=True)
class PatientImportOutcome:
    added: int
    updated: int
    skipped: int


class PatientImportService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def check(self, user: SessionUser, csv: PatientCsv, *, update_patients: bool) -> PatientImportPlan:
        """What importing would do; nothing is stored (and nothing is recorded: nothing was read out)."""
        with self._database.reading() as session:
            audit.authorise(session, user, Permission.RECORD)
            return _plan(session, csv, update_patients)

    def import_patients(
        self, user: SessionUser, csv: PatientCsv, *, update_patients: bool
    ) -> PatientImportOutcome:
        """Store every row, or nothing: any problem (in the file, or against the store) is InvalidInput."""
        try:
            with self._database.writing() as session:
                audit.authorise(session, user, Permission.RECORD)
                plan = _plan(session, csv, update_patients)
                if not plan.valid:
                    raise InvalidInput(list(plan.problems))
                _store(session, plan, user.username)
                return PatientImportOutcome(
                    added=plan.count(RowAction.ADD),
                    updated=plan.count(RowAction.UPDATE),
                    skipped=plan.count(RowAction.SKIP),
                )
        except IntegrityError as error:  # another computer added one of these MRNs meanwhile
            raise ClinicError(
                "another computer added a patient with one of these MRNs meanwhile; nothing was imported, "
                "try again"
            ) from error


def _plan(session: Session, csv: PatientCsv, update_patients: bool) -> PatientImportPlan:
    stored = queries.patients_by_folded_mrn(session, [item.patient.mrn for item in csv.patients])
    rows: list[PlannedRow] = []
    problems = list(csv.problems)
    for item in csv.patients:
        row = stored.get(item.patient.mrn.casefold())
        if row is None:
            rows.append(PlannedRow(item.row, item.patient, RowAction.ADD))
            continue
        changed = differing_fields(row, item.patient)
        if not changed:
            rows.append(PlannedRow(item.row, item.patient, RowAction.SKIP))
        elif update_patients:
            rows.append(PlannedRow(item.row, item.patient, RowAction.UPDATE, changed))
        else:
            problems.extend(_differs(item, changed))
    problems.sort(key=_row_order)
    return PatientImportPlan(tuple(rows), tuple(problems), csv.rows, csv.labels)


def differing_fields(row: PatientRow, patient: domain.Patient) -> tuple[str, ...]:
    """The fields the file gives that differ from the stored patient; a field left empty is not given."""
    changed = []
    for name in PATIENT_FIELDS:
        given = getattr(patient, name)
        if given is None:
            continue
        stored = getattr(row, name)
        if isinstance(given, str) and isinstance(stored, str):
            # The same name typed on another system may arrive composed differently.
            same = unicodedata.normalize("NFC", given) == unicodedata.normalize("NFC", stored)
        else:
            same = given == stored
        if not same:
            changed.append(name)
    return tuple(changed)


def _differs(item: CsvPatient, changed: Iterable[str]) -> list[Problem]:
    # Never the stored value: whoever typed the file may not be allowed to see that patient.
    return [
        Problem(
            f"row {item.row}, {name}",
            "differs from the stored patient with this MRN; "
            "to replace the stored details with the file's, import with --update-patients",
        )
        for name in changed
    ]


def _row_order(problem: Problem) -> int:
    # The problems read top to bottom, as the file does (a row's keep their order).
    return _row_number(problem.path.split(",", 1)[0])


def _row_number(where: str) -> int:
    """ "row 12" -> 12."""
    words = where.split()
    return int(words[1]) if len(words) == 2 and words[1].isdigit() else 0


def _store(session: Session, plan: PatientImportPlan, username: str) -> None:
    now = queries.utc_now()
    adding = [planned.patient for planned in plan.rows if planned.action is RowAction.ADD]
    # One multi-row INSERT ... RETURNING, the ids in the rows' order: a thousand ORM objects cost more.
    ids = list(
        session.scalars(
            insert(PatientRow).returning(PatientRow.id, sort_by_parameter_order=True),
            [{**mapping.patient_columns(p), "created_at": now, "updated_at": now} for p in adding],
        )
        if adding
        else []
    )
    keys = [
        {"name_key": key, "patient_id": patient_id}
        for patient_id, patient in zip(ids, adding, strict=True)
        for key in sorted(name_word_keys(patient.given_name, patient.family_name))
    ]
    if keys:
        session.execute(insert(PatientNameKeyRow), keys)
    entries = [
        NewEntry(AuditAction.PATIENT_IMPORT, patient_id=patient_id, detail="added") for patient_id in ids
    ]
    updating = [planned for planned in plan.rows if planned.action is RowAction.UPDATE]
    stored = queries.patients_by_folded_mrn(session, [planned.patient.mrn for planned in updating])
    for planned in updating:
        row = stored[planned.patient.mrn.casefold()]
        _update(session, row, planned, now)
        detail = f"updated: {', '.join(planned.changed)}"
        entries.append(NewEntry(AuditAction.PATIENT_IMPORT, patient_id=row.id, detail=detail))
    audit.append_many(session, username, entries)


def _update(session: Session, row: PatientRow, planned: PlannedRow, now: dt.datetime) -> None:
    """The file's values for the fields it gives; the stored MRN keeps its letter case."""
    patient = planned.patient
    for name in planned.changed:
        setattr(row, name, getattr(patient, name))
    row.updated_at = now
    for name, value in mapping.search_keys(row.mrn, row.given_name, row.family_name).items():
        setattr(row, name, value)
    queries.store_name_keys(session, row)
