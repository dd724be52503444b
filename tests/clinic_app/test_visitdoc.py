"""Visit documents: every problem reported at once by field path; lossless round trip."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import assume, given

from clinic_app.domain import Visit
from clinic_app.errors import InvalidInput
from clinic_app.red_flags import override_problems
from clinic_app.visitdoc import dump_visit_document, parse_visit_document

from .strategies import visits


def document(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema": "clinic-app/visit/2",
        "patient": {"mrn": "A-1", "given_name": "Łucja", "family_name": "Wiśniewska", "language": "es"},
        "visit": {"date": "2026-11-25", "clinician": "Sam Lee, PT, DPT"},
        "complaints": [{"region": "knee", "side": "left", "pain": 6, "note": 'said "ouch"\non stairs'}],
        "red_flags": [],
        "screenings": {
            "ankle_mobility": {
                "left": {"knee_touches_wall": False, "heel_lifted": True, "toe_to_wall_cm": 6.5}
            },
            "head_posture": {"craniovertebral_angle_deg": 52},
        },
    }
    base.update(changes)
    return base


def problems(data: Any) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        parse_visit_document(json.dumps(data))
    return [str(p) for p in caught.value.problems]


def test_a_full_document_round_trips_unchanged() -> None:
    data = document()
    assert json.loads(dump_visit_document(parse_visit_document(json.dumps(data)))) == data


def test_the_contracts_example_message_for_a_wrong_boolean() -> None:
    data = document()
    data["screenings"]["ankle_mobility"]["left"]["heel_lifted"] = "yes"
    assert problems(data) == ['screenings.ankle_mobility.left.heel_lifted: expected true or false, got "yes"']


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    data = document(complaints=[{"region": "elbow", "side": "left", "pain": 11}], red_flags=["nope"], extra=1)
    data["patient"]["sex"] = "f"
    found = problems(data)
    assert [p.split(":")[0] for p in found] == [
        "patient.sex",
        "complaints[0].region",
        "complaints[0].pain",
        "red_flags[0]",
        "extra",
    ]
    assert "must be at most 10, got 11" in found[2]
    assert "unknown field" in found[4]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"schema": "clinic-app/visit/9"}, "schema", 'expected "clinic-app/visit/2"'),
        ({"visit": {"date": "25/11/2026"}}, "visit.date", "expected a date as YYYY-MM-DD"),
        (
            {"complaints": [{"region": "knee", "side": "central"}]},
            "complaints[0]",
            "side 'central' is only allowed",
        ),
        (
            {"complaints": [{"region": "knee", "side": "left", "pain": 5.5}]},
            "complaints[0].pain",
            "whole number",
        ),
        ({"red_flags": ["cancer_history", "cancer_history"]}, "red_flags", "only once"),
        ({"screenings": {"hip_mobility": {}}}, "screenings.hip_mobility", "give the left side"),
        (
            {"screenings": {"head_posture": {"craniovertebral_angle_deg": 181}}},
            "screenings.head_posture",
            "at most 180",
        ),
        (
            {"screenings": {"pelvic_height": {"result": "level", "difference_cm": 11}}},
            "screenings.pelvic_height",
            "at most 10",
        ),
        (
            {"screenings": {"ankle_mobility": {"left": {"toe_to_wall_cm": -1}}}},
            "screenings.ankle_mobility.left",
            "at least 0",
        ),
        ({"screenings": {"neck_tilt": {}}}, "screenings.neck_tilt", "unknown field"),
    ],
)
def test_each_rule_of_the_contract_is_enforced(change: dict[str, Any], path: str, message: str) -> None:
    found = problems(document(**change))
    assert any(p.startswith(path) and message in p for p in found), found


def test_a_missing_patient_name_and_a_non_object_are_reported() -> None:
    assert problems({"schema": "clinic-app/visit/2"}) == [
        "patient: required, but missing",
        "visit: required, but missing",
    ]
    assert problems([]) == ["document: expected an object, got []"]
    with pytest.raises(InvalidInput, match="not valid JSON"):
        parse_visit_document("{")


def test_missing_optional_parts_stay_missing_on_export() -> None:
    data = document()
    del data["red_flags"]
    exported = json.loads(dump_visit_document(parse_visit_document(json.dumps(data))))
    assert "red_flags" not in exported
    assert "sex" not in exported["patient"]


@given(visits())
def test_any_valid_visit_round_trips_through_its_document(visit: Visit) -> None:
    assume(not override_problems(visit))  # an override the rules refuse makes the document invalid
    assert parse_visit_document(dump_visit_document(visit)) == visit


# ---- visit/2: overrides, and round-1 documents --------------------------------------------


def test_a_routine_flag_overridden_with_a_reason_round_trips() -> None:
    data = document(
        red_flags=["cancer_history"],
        red_flag_overrides=[{"id": "cancer_history", "reason": "treated 2009; GP aware"}],
    )
    assert json.loads(dump_visit_document(parse_visit_document(json.dumps(data)))) == data


@pytest.mark.parametrize(
    ("flags", "overrides", "expected"),
    [
        # An emergency flag can never be overridden.
        (["saddle_numbness"], [{"id": "saddle_numbness", "reason": "x"}], "red_flag_overrides[0].id"),
        # Only a flag that is present.
        (["cancer_history"], [{"id": "fever", "reason": "x"}], "red_flag_overrides[0].id"),
        # Fever with a complaint makes the referral urgent: nothing can be overridden beside it.
        (["fever", "cancer_history"], [{"id": "cancer_history", "reason": "x"}], "red_flag_overrides[0].id"),
        # The same flag twice.
        (
            ["cancer_history"],
            [{"id": "cancer_history", "reason": "a"}, {"id": "cancer_history", "reason": "b"}],
            "red_flag_overrides[1].id",
        ),
        (["cancer_history"], [{"id": "cancer_history", "reason": "  "}], "red_flag_overrides[0].reason"),
        (["cancer_history"], [{"id": "cancer_history"}], "red_flag_overrides[0].reason"),
    ],
)
def test_an_override_the_rules_do_not_allow_is_invalid_input(
    flags: list[str], overrides: list[Any], expected: str
) -> None:
    found = problems(document(red_flags=flags, red_flag_overrides=overrides))
    assert [p.split(":")[0] for p in found] == [expected]


def test_a_round_one_document_is_read_and_written_back_as_visit_2() -> None:
    data = document(schema="clinic-app/visit/1", red_flags=["fever_or_unwell"])
    visit = parse_visit_document(json.dumps(data))
    assert visit.red_flags == ("fever",)  # split in rules 2026.12: read as the safer of the two
    assert json.loads(dump_visit_document(visit))["schema"] == "clinic-app/visit/2"


def test_a_round_one_document_cannot_carry_what_round_two_added() -> None:
    data = document(schema="clinic-app/visit/1", red_flag_overrides=[])
    data["screenings"]["hip_mobility"] = {"left": {"resting_leg_lifted": True}}
    assert [p.split(":")[0] for p in problems(data)] == [
        "red_flag_overrides",
        "screenings.hip_mobility.left.resting_leg_lifted",
    ]
