"""`clinic visit export --format fhir`, `clinic patient export` and `clinic patient import`, run as a user would."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.clinic_app.fhir.reading import of_type, validate
from tests.examples import EXAMPLES

from .commands import assert_plain_failure, clinic, said

HEADER = "mrn,given_name,family_name,birth_date,sex,language,phone,email"


def unique_prefix() -> str:
    """The tests share one database: each test's MRNs are its own."""
    return f"T{uuid.uuid4().hex[:8].upper()}"


def import_visit(document: str, tmp_path: Path, mrn: str) -> str:
    data = json.loads(document)
    data["patient"]["mrn"] = mrn
    path = tmp_path / f"{uuid.uuid4().hex}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    done = clinic("visit", "import", path)
    assert done.returncode == 0, said(done)
    return done.stdout.decode().splitlines()[-1]


def audit_entries(action: str) -> list[dict[str, Any]]:
    done = clinic("audit", "--json")
    assert done.returncode == 0, said(done)
    return [entry for entry in json.loads(done.stdout) if entry["action"] == action]


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.visit.json")), ids=lambda p: p.name)
def test_each_example_exports_as_a_valid_fhir_bundle(example: Path, tmp_path: Path) -> None:
    mrn = unique_prefix()
    visit_id = import_visit(example.read_text(encoding="utf-8"), tmp_path, mrn)
    out = tmp_path / "bundle.json"
    done = clinic("visit", "export", visit_id, "--format", "fhir", "-o", out)
    assert done.returncode == 0, said(done)
    bundle = json.loads(out.read_text(encoding="utf-8"))
    validate(bundle)
    (patient,) = of_type(bundle, "Patient")
    assert patient["identifier"][0]["value"] == mrn
    (encounter,) = of_type(bundle, "Encounter")
    assert encounter["identifier"][0]["value"] == visit_id
    exported = [e for e in audit_entries("visit_export") if e["visit_id"] == visit_id]
    assert len(exported) == 1


def test_a_patient_exports_with_all_their_visits_by_mrn_in_any_case(tmp_path: Path) -> None:
    mrn = unique_prefix()
    knee = (EXAMPLES / "knee-left-tight-calf.visit.json").read_text(encoding="utf-8")
    first = import_visit(knee, tmp_path, mrn)
    later = json.loads(knee)
    later["visit"]["date"] = "2026-11-27"
    second = import_visit(json.dumps(later), tmp_path, mrn)
    done = clinic("patient", "export", mrn.lower(), "--format", "fhir")
    assert done.returncode == 0, said(done)
    bundle = json.loads(done.stdout)
    validate(bundle)
    assert len(of_type(bundle, "Patient")) == 1
    assert len(of_type(bundle, "Practitioner")) == 1  # the same clinician saw both visits
    assert [e["identifier"][0]["value"] for e in of_type(bundle, "Encounter")] == [first, second]
    (entry,) = [e for e in audit_entries("patient_export") if e["patient_mrn"] == mrn]
    assert entry["detail"] == "2 visits"


def test_exporting_needs_a_login_and_an_existing_record(tmp_path: Path) -> None:
    no_login = {k: v for k, v in os.environ.items() if not k.startswith("CLINIC_APP_USER")}
    done = clinic("patient", "export", "X-1", "--format", "fhir", env=no_login)
    assert "needs a login" in assert_plain_failure(done, 3)
    done = clinic("patient", "export", "NO-SUCH-MRN", "--format", "fhir")
    assert "no patient with the MRN NO-SUCH-MRN" in assert_plain_failure(done, 1)
    done = clinic("visit", "export", "f" * 32, "--format", "fhir", "-o", tmp_path / "x.json")
    assert_plain_failure(done, 1)
    assert not (tmp_path / "x.json").exists()


def thousand_rows(prefix: str) -> list[str]:
    sexes = ("female", "male", "other", "unknown")
    return [
        f"{prefix}-{n:04d},Given{n},Family {n},19{50 + n % 50}-0{1 + n % 9}-1{n % 10},{sexes[n % 4]},"
        f"{'es' if n % 3 else 'en'},+1 555 01{n:04d},p{n}@example.com"
        for n in range(1000)
    ]


def test_a_thousand_rows_with_one_bad_row_import_nothing_and_name_the_row(tmp_path: Path) -> None:
    prefix = unique_prefix()
    rows = thousand_rows(prefix)
    rows[731] = rows[731].replace(",19", ",31/12/19", 1)  # row 733 of the file, the header being row 1
    path = tmp_path / "patients.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    done = clinic("patient", "import", path)
    message = assert_plain_failure(done, 2)
    assert message.splitlines() == [
        f'row 733, birth_date: expected a date as YYYY-MM-DD, got "{rows[731].split(",")[3]}"'
    ]
    gone = clinic("patient", "export", f"{prefix}-0000", "--format", "fhir")
    assert "no patient with the MRN" in assert_plain_failure(gone, 1)


def test_a_thousand_good_rows_import_all_then_are_skipped_the_second_time(tmp_path: Path) -> None:
    prefix = unique_prefix()
    path = tmp_path / "patients.csv"
    # As a spreadsheet saves it: a byte-order mark and CRLF line ends.
    path.write_bytes(("\ufeff" + "\r\n".join([HEADER, *thousand_rows(prefix)]) + "\r\n").encode())
    done = clinic("patient", "import", path)
    assert done.returncode == 0, said(done)
    assert done.stdout.decode().strip() == (
        "Read 1000 patients: 1000 added, 0 updated, 0 skipped (already stored with the same details)."
    )
    imported = [e for e in audit_entries("patient_import") if (e["patient_mrn"] or "").startswith(prefix)]
    assert len(imported) == 1000
    assert {e["detail"] for e in imported} == {"added"}
    again = clinic("patient", "import", path)
    assert again.returncode == 0, said(again)
    assert "0 added, 0 updated, 1000 skipped" in again.stdout.decode()
    bundle = json.loads(clinic("patient", "export", f"{prefix}-0042", "--format", "fhir").stdout)
    (patient,) = of_type(bundle, "Patient")
    assert patient["name"] == [{"use": "official", "family": "Family 42", "given": ["Given42"]}]
    assert patient["telecom"] == [
        {"system": "phone", "value": "+1 555 010042"},
        {"system": "email", "value": "p42@example.com"},
    ]


def test_changed_details_need_update_patients(tmp_path: Path) -> None:
    prefix = unique_prefix()
    path = tmp_path / "patients.csv"
    path.write_text(f"{HEADER}\n{prefix}-1,Ann,Lee,1970-01-02,,,,\n", encoding="utf-8")
    assert clinic("patient", "import", path).returncode == 0
    path.write_text(f"{HEADER}\n{prefix.lower()}-1,Ann,Lee,1970-01-03,,,,\n", encoding="utf-8")
    message = assert_plain_failure(clinic("patient", "import", path), 2)
    assert message.splitlines() == [
        "row 2, birth_date: differs from the stored patient with this MRN; "
        "to replace the stored details with the file's, import with --update-patients"
    ]
    done = clinic("patient", "import", path, "--update-patients")
    assert done.returncode == 0, said(done)
    assert "0 added, 1 updated, 0 skipped" in done.stdout.decode()
    bundle = json.loads(clinic("patient", "export", f"{prefix}-1", "--format", "fhir").stdout)
    (patient,) = of_type(bundle, "Patient")
    assert patient["birthDate"] == "1970-01-03"
    assert patient["identifier"][0]["value"] == f"{prefix}-1"  # the stored MRN keeps its case


@pytest.mark.parametrize(
    ("content", "first_line"),
    [
        (b"", "row 1: the file is empty"),
        ("mrn,nom,prénom\nA,B,C\n".encode(), "row 1, header: missing the columns given_name, family_name"),
        ("mrn,given_name,family_name\nA-1,José,Ruiz\n".encode("cp1252"), "row 2: not UTF-8 text"),
    ],
)
def test_a_file_that_cannot_be_imported_says_why(tmp_path: Path, content: bytes, first_line: str) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes(content)
    message = assert_plain_failure(clinic("patient", "import", path), 2)
    assert message.startswith(first_line)


def test_importing_needs_a_login_and_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_text(f"{HEADER}\nZ-1,Ann,Lee,,,,,\n", encoding="utf-8")
    no_login = {k: v for k, v in os.environ.items() if not k.startswith("CLINIC_APP_USER")}
    assert "needs a login" in assert_plain_failure(clinic("patient", "import", path, env=no_login), 3)
    message = assert_plain_failure(clinic("patient", "import", tmp_path / "missing.csv"), 1)
    assert "no such file" in message
