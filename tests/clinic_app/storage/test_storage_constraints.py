"""The database itself refuses what the app would: rows written around the app are checked too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from clinic_app.domain import Screenings
from clinic_app.storage import VisitService
from clinic_app.storage.db import Database
from clinic_app.storage.orm import ComplaintRow, ScreeningResultRow

from .builders import full_visit

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def insert(database: Database, table: str, **values: Any) -> None:
    """A hand-written INSERT, past the ORM and its type checks."""
    columns = ", ".join(values)
    placeholders = ", ".join(f":{name}" for name in values)
    with database.engine.begin() as connection:
        connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"), values)


@pytest.fixture
def visit_id(database: Database) -> str:
    return VisitService(database).save(full_visit()).id


def complaint(visit_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    return {"visit_id": visit_id, "position": 9, "region": "knee", "side": "left", "pain": 5} | changes


def test_a_valid_raw_complaint_is_accepted(database: Database, visit_id: str) -> None:
    insert(
        database, "complaints", **complaint(visit_id, {"pain": 10})
    )  # so the refusals below are the checks'


@pytest.mark.parametrize(
    "changes",
    [
        {"pain": 11},
        {"pain": -1},
        {"region": "elbow"},
        {"side": "up"},
        {"side": "central"},  # central only on the midline; a knee is not
        {"position": -1},
        {"visit_id": "no-such-visit"},
    ],
    ids=[
        "pain 11",
        "pain -1",
        "unknown region",
        "unknown side",
        "central knee",
        "negative position",
        "no visit",
    ],
)
def test_invalid_complaints_are_refused(database: Database, visit_id: str, changes: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError):
        insert(database, "complaints", **complaint(visit_id, changes))


def screening(visit_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    return {"visit_id": visit_id, "test": "ankle_mobility", "side": "both", "toe_to_wall_cm": 5.0} | changes


@pytest.mark.parametrize(
    "changes",
    [
        {"side": "central"},  # a bilateral screen is recorded per leg
        {"test": "shoulder_height", "side": "left", "result": "level"},  # a screen done once is central
        {"test": "shoulder_height", "side": "central", "result": "forward"},
        {"test": "head_posture", "side": "central", "result": "level"},
        {"side": "left", "result": "level"},
        {"side": "left", "toe_to_wall_cm": 30.5},
        {"side": "left", "toe_to_wall_cm": -0.1},
        {"side": "left", "raised_angle_deg": 181.0},
        {"side": "left", "fms_score": 4},
        {"test": "pelvic_height", "side": "central", "result": "level", "difference_cm": 10.01},
        {"test": "head_posture", "side": "central", "craniovertebral_angle_deg": -1.0},
        {"test": "elbow", "side": "left"},
    ],
)
def test_invalid_screening_results_are_refused(
    database: Database, visit_id: str, changes: dict[str, Any]
) -> None:
    with pytest.raises(IntegrityError):
        insert(database, "screening_results", **screening(visit_id, changes))


def test_a_valid_raw_screening_result_is_accepted(database: Database) -> None:
    visit_id = VisitService(database).save(full_visit().model_copy(update={"screenings": Screenings()})).id
    insert(database, "screening_results", **screening(visit_id, {"side": "left", "toe_to_wall_cm": 30.0}))


@pytest.mark.parametrize(
    ("table", "values"),
    [
        ("red_flag_answers", {"flag_id": "fever_or_unwell", "answer": "maybe", "position": 0}),
        (
            "prescriptions",
            {"position": 9, "exercise_id": "x", "side": "left", "reps": 0, "sets": 1, "per_day": 1},
        ),
        (
            "prescriptions",
            {"position": 9, "exercise_id": "x", "side": "left", "reps": 1, "sets": 21, "per_day": 1},
        ),
        (
            "prescriptions",
            {"position": 9, "exercise_id": "x", "side": "left", "reps": 1, "sets": 1, "per_day": 13},
        ),
        (
            "prescriptions",
            {
                "position": 9,
                "exercise_id": "x",
                "side": "left",
                "hold_s": 0,
                "reps": 1,
                "sets": 1,
                "per_day": 1,
            },
        ),
    ],
    ids=["unknown answer", "0 reps", "21 sets", "13 a day", "0 s hold"],
)
def test_invalid_answers_and_doses_are_refused(
    database: Database, visit_id: str, table: str, values: dict[str, Any]
) -> None:
    with pytest.raises(IntegrityError):
        insert(database, table, visit_id=visit_id, **values)


def patient(mrn: str, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    keys = {
        "mrn_fold": mrn.lower(),
        "mrn_key": mrn.lower(),
        "family_given_key": "b a",
        "given_family_key": "a b",
    }
    return (
        {"mrn": mrn, "given_name": "A", "family_name": "B", "created_at": NOW, "updated_at": NOW}
        | keys
        | (changes or {})
    )


def test_the_mrn_is_unique(database: Database) -> None:
    insert(database, "patients", **patient("A-1"))
    with pytest.raises(IntegrityError):
        insert(database, "patients", **patient("A-1"))


def test_the_mrn_is_unique_whatever_its_letter_case(database: Database) -> None:
    insert(database, "patients", **patient("A-1"))
    with pytest.raises(IntegrityError):
        insert(database, "patients", **patient("a-1"))


@pytest.mark.parametrize(
    "changes", [{"mrn": ""}, {"sex": "f"}, {"language": "fr"}], ids=["no mrn", "sex", "lang"]
)
def test_invalid_patients_are_refused(database: Database, changes: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError):
        insert(database, "patients", **patient("A-2", changes))


def test_a_visit_needs_an_existing_patient(database: Database) -> None:
    values = {"id": "v", "patient_id": 999, "date": dt.date(2026, 1, 1), "status": "draft"}
    with pytest.raises(IntegrityError):
        insert(
            database, "visits", **values, plan_recorded=False, created_at=NOW, updated_at=NOW, version_id=1
        )


def test_settings_have_a_single_row(database: Database) -> None:
    insert(database, "app_settings", id=1, paper="a4", default_language="es", large_print=True)
    with pytest.raises(IntegrityError):
        insert(database, "app_settings", id=2, paper="a4", default_language="es", large_print=True)
    with pytest.raises(IntegrityError):
        insert(
            database,
            "clinic_profile",
            id=2,
            name="",
            address="",
            phone="",
            email="",
            booking="",
            handout_footer="",
        )


def test_deleting_a_visit_deletes_what_it_recorded(database: Database, visit_id: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM visits WHERE id = :id"), {"id": visit_id})
    with database.reading() as session:
        for table in (ComplaintRow, ScreeningResultRow):
            assert session.scalar(select(func.count()).select_from(table)) == 0
