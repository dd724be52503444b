"""What a visit document may not be, beyond its shape: every reader refuses it with exit 2 and the
field path (the real command, in a child process), and `visit import` stores nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.clinic_app.cli.clinics import KNEE, knee_document, new_clinic
from tests.clinic_app.cli.commands import assert_plain_failure, clinic
from tests.examples import EXAMPLES, V1_EXAMPLES

TODAY = dt.date.today()

Change = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value

    return change


def _drop_schema(data: dict[str, Any]) -> None:
    del data["schema"]


def _complaints(count: int) -> Change:
    return _set("complaints", [{"region": "knee", "side": "left", "pain": 3}] * count)


def _plan(count: int) -> Change:
    entry = {
        "exercise": "calf_stretch_wall_bent_knee",
        "side": "left",
        "dosing": {"reps": 3, "sets": 1, "per_day": 2},
    }
    return _set("plan", [entry] * count)


CASES: dict[str, tuple[Change, str, str]] = {
    "missing schema": (_drop_schema, "schema", "required, but missing"),
    "birth after the visit": (_set("patient.birth_date", "2026-11-26"), "patient.birth_date", "visit date"),
    "birth in 2099": (_set("patient.birth_date", "2099-01-01"), "patient.birth_date", "not after today"),
    "birth before 1900": (_set("patient.birth_date", "1899-12-31"), "patient.birth_date", "1900-01-01"),
    "visit in year 1": (_set("visit.date", "0001-01-01"), "visit.date", "between 1900-01-01"),
    "visit in 9999": (_set("visit.date", "9999-12-31"), "visit.date", "a year from today"),
    "bad email": (_set("patient.email", "not an email"), "patient.email", "expected an e-mail address"),
    "id not ours": (_set("visit.id", "../../etc/passwd\n"), "visit.id", "32 digits 0-9 and letters a-f"),
    "upper-case id": (_set("visit.id", "8EB4670230A94959BE7A5A5D557E2D8B"), "visit.id", "32 digits"),
    "NUL in a name": (_set("patient.given_name", "Zo\u0000ë"), "patient.given_name", "U+0000"),
    "escape in the MRN": (_set("patient.mrn", "EX-\u001b1"), "patient.mrn", "U+001B"),
    "line break in a name": (_set("patient.family_name", "Núñez\nRuiz"), "patient.family_name", "U+000A"),
    "DEL in a note": (
        _set("complaints", [{"region": "knee", "side": "left", "note": "a\u007fb"}]),
        "complaints[0].note",
        "U+007F",
    ),
    "21 complaints": (_complaints(21), "complaints", "at most 20 complaints"),
    "21 plan entries": (_plan(21), "plan", "at most 20 exercises"),
    "a 101-character name": (
        _set("patient.family_name", "N" * 101),
        "patient.family_name",
        "at most 100 characters",
    ),
    "a 4,001-character note": (
        _set("complaints", [{"region": "knee", "side": "left", "note": "x" * 4001}]),
        "complaints[0].note",
        "at most 4000 characters",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_document_breaking_a_rule_is_refused_naming_the_field(case: str, tmp_path: Path) -> None:
    change, path, words = CASES[case]
    data = knee_document()
    change(data)
    document = tmp_path / "visit.json"
    document.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    message = assert_plain_failure(clinic("triage", document), status=2)
    lines = [line for line in message.splitlines() if line.startswith(f"{path}: ")]
    assert any(words in line for line in lines), message


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('"patient": {"mrn": "X-2", "given_name": "Ana", "family_name": "Ruiz"}}', "patient"),
        (
            '"patient": {"mrn": "EX-1", "mrn": "X-2", "given_name": "Zoë", "family_name": "Núñez"}}',
            "patient.mrn",
        ),
    ],
    ids=["a second patient", "a second MRN"],
)
def test_a_key_given_twice_is_refused(text: str, path: str, tmp_path: Path) -> None:
    original = KNEE.read_text(encoding="utf-8").rstrip().removesuffix("}")
    document = tmp_path / "visit.json"
    document.write_text(f"{original}, {text}", encoding="utf-8")
    message = assert_plain_failure(clinic("triage", document), status=2)
    assert f"{path}: given more than once; give each field once" in message.splitlines()


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    data = knee_document(email="nope", birth_date="2099-01-01")
    del data["schema"]
    document = tmp_path / "visit.json"
    document.write_text(json.dumps(data), encoding="utf-8")
    message = assert_plain_failure(clinic("triage", document), status=2)
    assert [line.split(":")[0] for line in message.splitlines()] == [
        "schema",
        "patient.birth_date",
        "patient.email",
    ]


def test_a_huge_document_is_refused_before_it_is_read(tmp_path: Path) -> None:
    data = knee_document()
    data["complaints"] = [{"region": "knee", "side": "left", "note": "x" * 3000}] * 25_000
    document = tmp_path / "visit.json"
    document.write_text(json.dumps(data), encoding="utf-8")
    message = assert_plain_failure(clinic("handout", document, "-o", tmp_path / "out.pdf"), status=2)
    assert message.startswith("document: too large")
    assert not (tmp_path / "out.pdf").exists()


def test_an_invalid_document_is_not_imported(tmp_path: Path) -> None:
    store = new_clinic(tmp_path)
    data = knee_document(given_name="Zo\u0000ë")
    done = store.run("visit", "import", store.write_document(data))
    assert assert_plain_failure(done, status=2).startswith("patient.given_name: contains a control character")
    assert store.import_visit(KNEE)  # and the database is as it was: the good one imports


@pytest.mark.parametrize(
    "document",
    sorted([*EXAMPLES.glob("*.visit.json"), *V1_EXAMPLES.glob("*.visit.json")]),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_the_shared_examples_still_import(document: Path, tmp_path: Path) -> None:
    store = new_clinic(tmp_path)
    visit_id = store.import_visit(document)
    exported = store.export_visit(visit_id)
    assert exported["schema"] == "clinic-app/visit/2"
