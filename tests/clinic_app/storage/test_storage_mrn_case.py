"""MRNs are one patient whatever their letter case (migration 0009), and patients stored before that
whose MRNs differ only in case are kept apart, never merged."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from alembic import command
from sqlalchemy import create_engine, insert

from clinic_app.domain import Patient
from clinic_app.errors import InvalidInput
from clinic_app.storage import PatientService, VisitService, open_database
from clinic_app.storage import schema as storage_schema
from clinic_app.storage.orm import PatientRow
from clinic_app.storage.search_key import search_key

from ..logins import first_admin
from .builders import minimal_visit

NOW = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)


def old_patient(mrn: str, given_name: str) -> dict[str, object]:
    """A patients row as revision 0006 had it (no mrn_fold)."""
    return {
        "mrn": mrn,
        "given_name": given_name,
        "family_name": "Núñez",
        "mrn_key": search_key(mrn),
        "family_given_key": search_key(f"Núñez {given_name}"),
        "given_family_key": search_key(f"{given_name} Núñez"),
        "created_at": NOW,
        "updated_at": NOW,
    }


def test_patients_whose_mrns_differ_only_in_case_are_kept_apart_by_the_upgrade(
    fresh_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(fresh_url)
    try:
        with engine.begin() as connection:
            command.upgrade(storage_schema.alembic_config(connection), "0006")
            for mrn, name in (("ex-1", "Zoë"), ("EX-1", "Ana"), ("B-2", "Eva")):
                connection.execute(insert(PatientRow).values(old_patient(mrn, name)))  # no mrn_fold yet
    finally:
        engine.dispose()

    with caplog.at_level(logging.WARNING), open_database(fresh_url, server_backup_confirmed=True) as database:
        assert (
            "1 patients have an MRN that differs from an earlier patient's only in letter case" in caplog.text
        )
        assert "ex-1" not in caplog.text.lower()  # the count, never the MRNs
        patients = PatientService(database)
        assert patients.count() == 3  # nobody merged
        zoe, ana = patients.find_by_mrn("ex-1"), patients.find_by_mrn("EX-1")
        assert zoe is not None
        assert ana is not None
        assert (zoe.patient.given_name, ana.patient.given_name) == (
            "Zoë",
            "Ana",
        )  # each by its MRN as written
        other_case = patients.find_by_mrn("Ex-1")
        assert other_case is not None
        assert other_case.id == zoe.id  # any other case: the first stored
        assert patients.find_by_mrn("b-2") is not None

        with pytest.raises(InvalidInput, match="already belongs to another patient"):
            patients.add(Patient(mrn="eX-1", given_name="New", family_name="Person"))
        visits = VisitService(database)
        admin = first_admin(database)
        stored = visits.import_document(
            admin, minimal_visit(Patient(mrn="EX-1", given_name="Ana", family_name="Núñez"))
        )
        assert stored.patient_id == ana.id


def test_a_new_patient_cannot_take_an_mrn_in_another_case(database_url: str) -> None:
    with open_database(database_url) as database:
        patients = PatientService(database)
        first = patients.add(Patient(mrn="cs-9", given_name="Zoë", family_name="Núñez"))
        with pytest.raises(InvalidInput, match="CS-9 already belongs to another patient"):
            patients.add(Patient(mrn="CS-9", given_name="Ana", family_name="Ruiz"))
        # The same patient may have the case of their MRN corrected.
        updated = patients.update(first.id, Patient(mrn="CS-9", given_name="Zoë", family_name="Núñez"))
        assert updated.patient.mrn == "CS-9"
