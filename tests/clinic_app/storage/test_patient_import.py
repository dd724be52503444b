"""Importing patients from a CSV file: all of it or nothing, MRNs matched whatever their letter case."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from clinic_app.accounts import Role, SessionUser
from clinic_app.domain import Patient
from clinic_app.errors import InvalidInput, NotAllowed
from clinic_app.patient_csv import HEADER, read_patient_csv
from clinic_app.storage import AuditService, PatientService
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.orm import AuditEntryRow
from clinic_app.storage.patient_import import PatientImportService, RowAction

from ..logins import add_account
from .builders import ZOE

ZOE_ROW = "A-1001,Zoë,Núñez,1961-04-02,female,es,+1 (623) 486-3333,zoe.nunez@example.com"


def csv(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines, ""]).encode("utf-8")


def do_import(database: Database, user: SessionUser, data: bytes, update: bool = False):
    return PatientImportService(database).import_patients(
        user, read_patient_csv(data), update_patients=update
    )


def import_entries(database: Database) -> list[AuditEntryRow]:
    with database.reading() as session:
        query = select(AuditEntryRow).where(AuditEntryRow.action == AuditAction.PATIENT_IMPORT)
        return list(session.scalars(query.order_by(AuditEntryRow.seq)))


def test_new_patients_are_added_findable_and_audited_one_entry_each(
    database: Database, admin: SessionUser
) -> None:
    before = len(import_entries(database))
    outcome = do_import(database, admin, csv(ZOE_ROW, "B-2,Bo,Ray,,,,,"))
    assert (outcome.added, outcome.updated, outcome.skipped) == (2, 0, 0)
    patients = PatientService(database)
    stored = patients.find_by_mrn("A-1001")
    assert stored is not None
    assert stored.patient == ZOE
    assert [match.mrn for match in patients.search("ray")] == ["B-2"]
    assert [match.mrn for match in patients.search("nunez")] == ["A-1001"]
    entries = import_entries(database)[before:]
    assert [(e.username, e.detail) for e in entries] == [(admin.username, "added")] * 2
    assert {e.patient_id for e in entries} == {stored.id, patients.search("ray")[0].id}
    assert AuditService(database).verify(admin).intact  # entries written in a batch still chain


def test_a_patient_stored_with_the_same_details_is_skipped_and_counted_whatever_the_mrn_case(
    database: Database, admin: SessionUser
) -> None:
    PatientService(database).add(ZOE)
    outcome = do_import(database, admin, csv(ZOE_ROW.replace("A-1001", "a-1001"), "A-1002,Ann,Lee,,,,,"))
    assert (outcome.added, outcome.updated, outcome.skipped) == (1, 0, 1)
    assert PatientService(database).count() == 2
    # A field the file leaves empty is not a difference: it keeps what is stored.
    outcome = do_import(database, admin, csv("A-1001,Zoë,Núñez,,,,,"))
    assert (outcome.added, outcome.skipped) == (0, 1)


def test_other_details_for_a_stored_mrn_are_problems_naming_each_field_never_its_value(
    database: Database, admin: SessionUser
) -> None:
    PatientService(database).add(ZOE)
    with pytest.raises(InvalidInput) as caught:
        do_import(database, admin, csv("C-1,Cy,Day,,,,,", "a-1001,Zoe,Núñez,1961-04-03,female,es,,"))
    lines = [str(problem) for problem in caught.value.problems]
    assert [line.split(":")[0] for line in lines] == ["row 3, given_name", "row 3, birth_date"]
    assert all("--update-patients" in line for line in lines)
    assert not any("Zoë" in line or "1961-04-02" in line for line in lines)
    assert PatientService(database).count() == 1  # nothing imported, not even the good row


def test_updating_replaces_the_given_fields_and_keeps_the_stored_mrn(
    database: Database, admin: SessionUser
) -> None:
    stored = PatientService(database).add(ZOE)
    before = len(import_entries(database))
    outcome = do_import(database, admin, csv("a-1001,Zoe,Nunez-Ruiz,1961-04-03,,,,"), update=True)
    assert (outcome.added, outcome.updated, outcome.skipped) == (0, 1, 0)
    patient = PatientService(database).get(stored.id).patient
    assert patient == ZOE.model_copy(
        update={"given_name": "Zoe", "family_name": "Nunez-Ruiz", "birth_date": dt.date(1961, 4, 3)}
    )
    assert [match.id for match in PatientService(database).search("ruiz")] == [stored.id]
    (entry,) = import_entries(database)[before:]
    assert entry.detail == "updated: given_name, family_name, birth_date"
    assert entry.patient_id == stored.id


def test_a_bad_row_anywhere_imports_nothing(database: Database, admin: SessionUser) -> None:
    rows = [f"P-{n},Given{n},Family{n},,,,," for n in range(50)]
    rows[37] = "P-37,Given37,,,,,,"
    with pytest.raises(InvalidInput) as caught:
        do_import(database, admin, csv(*rows))
    assert [str(p) for p in caught.value.problems] == ["row 39, family_name: required, but empty"]
    assert PatientService(database).count() == 0


def test_the_check_says_what_each_row_would_do_and_stores_nothing(
    database: Database, admin: SessionUser
) -> None:
    PatientService(database).add(ZOE)
    PatientService(database).add(Patient(mrn="B-1", given_name="Bo", family_name="Ray"))
    data = csv(ZOE_ROW, "b-1,Bob,Ray,,,,,", "C-1,Cy,Day,,,,,")
    service = PatientImportService(database)
    plan = service.check(admin, read_patient_csv(data), update_patients=False)
    assert [str(p) for p in plan.problems] == [
        "row 3, given_name: differs from the stored patient with this MRN; "
        "to replace the stored details with the file's, import with --update-patients"
    ]
    assert [(row.row, row.action) for row in plan.rows] == [(2, RowAction.SKIP), (4, RowAction.ADD)]
    assert [(line.row, line.mrn, line.name, line.problem) for line in plan.preview()] == [
        (2, "A-1001", "Zoë Núñez", False),
        (3, "b-1", "Bob Ray", True),
        (4, "C-1", "Cy Day", False),
    ]
    assert plan.preview()[0].outcome == "Already stored with these details: will be skipped"
    assert plan.preview()[1].outcome.startswith("given_name: differs from the stored patient")
    assert plan.preview()[2].outcome == "New patient: will be added"
    plan = service.check(admin, read_patient_csv(data), update_patients=True)
    assert plan.valid
    assert plan.preview()[1].outcome == "Stored with other details: will be updated (given name)"
    assert [(row.row, row.action, row.changed) for row in plan.rows] == [
        (2, RowAction.SKIP, ()),
        (3, RowAction.UPDATE, ("given_name",)),
        (4, RowAction.ADD, ()),
    ]
    assert PatientService(database).count() == 2


def test_an_assistant_may_not_import(database: Database, admin: SessionUser) -> None:
    assistant = add_account(database, admin, "jo", Role.ASSISTANT)
    with pytest.raises(NotAllowed):
        do_import(database, assistant, csv("C-1,Cy,Day,,,,,"))
    assert PatientService(database).count() == 0
