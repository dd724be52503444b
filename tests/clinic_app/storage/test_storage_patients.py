"""Patients: add, update, look up, and search by name or MRN prefix."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from clinic_app.accounts import SessionUser
from clinic_app.domain import Language, Patient, Sex
from clinic_app.errors import InvalidInput, NotFound
from clinic_app.storage import PatientService, VisitService
from clinic_app.storage.db import Database
from clinic_app.storage.patient_search import LATER_WORD_STATEMENT, SEARCH_STATEMENT

from .builders import ZOE, minimal_visit

NAMES = [
    ("A-1001", "Zoë", "Núñez"),
    ("A-1002", "Łucja", "Wiśniewska"),
    ("A-1003", "Văn An", "Nguyễn"),
    ("B-2001", "Siobhán", "Ó Súilleabháin"),
    ("B-2002", "José", "García"),
    ("B-2003", "Ana María", "López"),
    ("C-3001", "Aoife", "O'Connor"),
    ("C-3002", "Ольга", "Смирнова"),
    ("C-3003", "Nora", "Nunn"),
    ("c-3004", "Numa", "Adams"),
    ("D-4001", "Olumide", "Adébáyọ̀"),
    ("D-4002", "Marta", "Gómez-Ruiz"),
]


@pytest.fixture
def patients(database: Database) -> PatientService:
    service = PatientService(database)
    for mrn, given, family in NAMES:
        service.add(Patient(mrn=mrn, given_name=given, family_name=family))
    return service


def names(service: PatientService, text: str, limit: int = 20) -> list[str]:
    return [match.full_name for match in service.search(text, limit)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("núñ", ["Zoë Núñez", "Nora Nunn"]),  # accents ignored: nun
        ("núñe", ["Zoë Núñez"]),
        ("NUNEZ", ["Zoë Núñez"]),
        ("zoe", ["Zoë Núñez"]),
        ("łu", ["Łucja Wiśniewska"]),
        ("lucja w", ["Łucja Wiśniewska"]),
        ("wisniewska, l", ["Łucja Wiśniewska"]),
        ("nguyen van", ["Văn An Nguyễn"]),
        ("van an", ["Văn An Nguyễn"]),
        ("o su", ["Siobhán Ó Súilleabháin"]),
        ("oconnor", ["Aoife O'Connor"]),
        ("O\u2019Con", ["Aoife O'Connor"]),  # a typographic apostrophe
        ("СМИР", ["Ольга Смирнова"]),
        ("gomez ruiz", ["Marta Gómez-Ruiz"]),
        ("gómez-r", ["Marta Gómez-Ruiz"]),
        ("adebayo", ["Olumide Adébáyọ̀"]),
        ("ana maria", ["Ana María López"]),
        ("maria", ["Ana María López"]),  # a later word of a name finds the patient too
        ("maria lo", ["Ana María López"]),
        ("ruiz", ["Marta Gómez-Ruiz"]),  # the second family name, which patients often say first
        ("ruiz mar", ["Marta Gómez-Ruiz"]),
        ("aria", []),  # the start of a word, not any part of it
        ("xyz", []),
        ("", []),
        ("   ", []),
        ("%", []),  # no wildcards
        ("_", []),
    ],
)
def test_search_by_name_prefix_ignores_case_and_accents(
    patients: PatientService, typed: str, expected: list[str]
) -> None:
    assert names(patients, typed) == expected


def test_family_name_matches_come_first_then_given_names(patients: PatientService) -> None:
    assert names(patients, "nu") == ["Zoë Núñez", "Nora Nunn", "Numa Adams"]


def test_search_by_mrn_prefix_ignores_case(patients: PatientService) -> None:
    assert [m.mrn for m in patients.search("a-100")] == ["A-1001", "A-1002", "A-1003"]
    assert [m.mrn for m in patients.search("C-300")] == ["C-3001", "C-3002", "C-3003", "c-3004"]
    assert [m.mrn for m in patients.search("B-2002")] == ["B-2002"]


def test_search_returns_at_most_the_limit(patients: PatientService) -> None:
    assert len(patients.search("a", limit=2)) == 2
    assert patients.search("a", limit=0) == []
    assert names(patients, "a", limit=3) == ["Numa Adams", "Olumide Adébáyọ̀", "Ana María López"]


def test_a_patient_matching_twice_is_listed_once(database: Database) -> None:
    service = PatientService(database)
    service.add(Patient(mrn="ana-1", given_name="Ana", family_name="Anand"))
    assert [m.mrn for m in service.search("ana")] == ["ana-1"]


def test_matches_on_a_later_word_come_after_those_on_a_first_word(database: Database) -> None:
    service = PatientService(database)
    service.add(Patient(mrn="W-1", given_name="Ana", family_name="Ruiz Ortega"))
    service.add(Patient(mrn="W-2", given_name="Marta", family_name="Gómez Ruiz"))
    service.add(Patient(mrn="W-3", given_name="Rui", family_name="Costa"))

    assert names(service, "rui") == ["Ana Ruiz Ortega", "Rui Costa", "Marta Gómez Ruiz"]
    assert names(service, "rui", limit=2) == ["Ana Ruiz Ortega", "Rui Costa"]


def test_a_renamed_patient_is_found_by_the_new_words_only(database: Database) -> None:
    service = PatientService(database)
    added = service.add(Patient(mrn="W-1", given_name="Ana María", family_name="López"))

    service.update(added.id, Patient(mrn="W-1", given_name="Ana Lucía", family_name="López"))

    assert names(service, "maria") == []
    assert names(service, "lucia") == ["Ana Lucía López"]


def test_a_patient_added_with_a_visit_is_found_by_a_later_word(
    database: Database, admin: SessionUser
) -> None:
    visit = minimal_visit(Patient(mrn="W-9", given_name="Marta", family_name="Gómez-Ruiz"))
    VisitService(database).import_document(admin, visit)

    assert names(PatientService(database), "ruiz") == ["Marta Gómez-Ruiz"]


CLINIC_SIZED_TABLES = (
    "INSERT INTO patients (id, mrn, given_name, family_name, mrn_fold, mrn_key, family_given_key,"
    " given_family_key, created_at, updated_at)"
    " SELECT 100000 + g, 'P-' || g, 'Given' || g, 'Family' || g, 'p-' || g, 'p-' || g,"
    " 'family' || g || ' given' || g, 'given' || g || ' family' || g, now(), now()"
    " FROM generate_series(1, 5000) AS g",
    "INSERT INTO patient_name_keys (name_key, patient_id)"
    " SELECT 'word' || g || ' family' || g, 100000 + g FROM generate_series(1, 5000) AS g",
    "ANALYZE patients",
    "ANALYZE patient_name_keys",
)


def query_plan(database: Database, statement: Any) -> tuple[str, list[str]]:
    """The database's name and its plan for the statement searching "nu", with the SQL checked for LIKE."""
    statement = statement.params(prefix="nu", above_prefix="nv", limit=20)
    with database.engine.connect() as connection:
        sql = str(statement.compile(connection, compile_kwargs={"literal_binds": True}))
        assert "LIKE" not in sql
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        if connection.dialect.name == "postgresql":
            # The plan of a clinic's table, not of a near-empty one (whose plan is a coin toss between
            # scans that all read everything): 5,000 patients, analysed, all rolled back afterwards.
            for command in CLINIC_SIZED_TABLES:
                cursor.execute(command)
            cursor.execute(f"EXPLAIN {sql}")
            plan = [row[0] for row in cursor.fetchall()]
            connection.connection.driver_connection.rollback()  # type: ignore[union-attr]
            return "postgresql", plan
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return connection.dialect.name, [row[-1] for row in cursor.fetchall()]


def test_the_later_word_search_is_an_index_range_scan(database: Database) -> None:
    dialect, plan = query_plan(database, LATER_WORD_STATEMENT)
    if dialect == "postgresql":
        assert any("Index" in line and "pk_patient_name_keys" in line for line in plan), plan
        assert not any("Seq Scan" in line for line in plan), plan
    else:
        assert any(line.startswith("SEARCH patient_name_keys USING") for line in plan), plan
        assert not any(line.startswith("SCAN") for line in plan), plan


def test_search_is_an_index_range_scan(database: Database) -> None:
    dialect, plan = query_plan(database, SEARCH_STATEMENT)
    if dialect == "postgresql":
        assert sum("Index Scan using ix_patients_" in line for line in plan) == 3, plan
    else:
        assert sum("SEARCH patients USING INDEX ix_patients_" in line for line in plan) == 3, plan
        assert not any(line.startswith("SCAN patients") for line in plan), plan


def test_add_get_update_and_find(database: Database) -> None:
    service = PatientService(database)
    added = service.add(ZOE)
    assert service.get(added.id).patient == ZOE
    assert added.created_at.tzinfo is dt.UTC
    changed = ZOE.model_copy(update={"mrn": "A-9", "sex": Sex.OTHER, "language": None, "phone": None})
    updated = service.update(added.id, changed)
    assert (updated.patient, updated.created_at) == (changed, added.created_at)
    assert updated.updated_at >= added.updated_at
    assert service.find_by_mrn("A-9") == updated
    assert service.find_by_mrn(ZOE.mrn) is None
    assert service.search("a-9")[0].id == added.id  # the search keys follow the change


def test_an_mrn_in_use_is_refused(database: Database) -> None:
    service = PatientService(database)
    service.add(ZOE)
    other = service.add(Patient(mrn="B-1", given_name="Bo", family_name="Berg", language=Language.ES))
    with pytest.raises(InvalidInput, match="A-1001 already belongs to another patient"):
        service.add(Patient(mrn=ZOE.mrn, given_name="Other", family_name="Person"))
    with pytest.raises(InvalidInput, match="A-1001 already belongs to another patient"):
        service.update(other.id, other.patient.model_copy(update={"mrn": ZOE.mrn}))
    assert service.get(other.id).patient.mrn == "B-1"


def test_unknown_patients_are_not_found(database: Database) -> None:
    with pytest.raises(NotFound, match="no patient with id 12345"):
        PatientService(database).get(12345)
    with pytest.raises(NotFound):
        PatientService(database).update(12345, ZOE)


def test_recent_visits_newest_first(database: Database) -> None:
    visits = VisitService(database)
    for month in (1, 5, 3):
        visits.save(minimal_visit(ZOE, dt.date(2026, month, 1)))
    patient = PatientService(database).find_by_mrn(ZOE.mrn)
    assert patient is not None
    recent = PatientService(database).recent_visits(patient.id, limit=2)
    assert [v.date.month for v in recent] == [5, 3]
