"""The storage commands: `clinic visit import/export`, `clinic db upgrade/path`, `clinic demo`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from clinic_app.cli import main
from clinic_app.storage import PatientService, open_database
from clinic_app.storage.db import DATABASE_URL_ENV
from clinic_app.visitdoc import dump_visit_document, parse_visit_document
from tests.examples import EXAMPLES

from ..logins import first_admin, login_environment
from .builders import full_visit


@pytest.fixture
def use_database(fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The commands' database: a fresh one, as on a new install."""
    monkeypatch.setenv(DATABASE_URL_ENV, fresh_url)
    return fresh_url


@pytest.fixture
def logged_in(use_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The fresh database with an admin, logged in through the environment as a script would be."""
    with open_database(use_database) as database:
        first_admin(database)
    for name, value in login_environment(tmp_path).items():
        monkeypatch.setenv(name, value)
    return use_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_import_then_export_gives_back_every_field(
    logged_in: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "visit.json"
    document.write_text(dump_visit_document(full_visit()), encoding="utf-8")
    status, out, _ = run(capsys, "visit", "import", str(document))
    assert status == 0
    visit_id = out.splitlines()[-1]

    exported = tmp_path / "out.json"
    assert run(capsys, "visit", "export", visit_id, "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["visit"].pop("id") == visit_id
    assert data["visit"].pop("status") == "draft"
    assert data == json.loads(document.read_text(encoding="utf-8"))


EXAMPLE_DOCUMENTS = sorted(EXAMPLES.glob("*.visit.json"))


def test_the_shared_examples_are_there() -> None:
    assert len(EXAMPLE_DOCUMENTS) >= 3, f"no examples found in {EXAMPLES}"


@pytest.mark.parametrize("example", EXAMPLE_DOCUMENTS, ids=lambda path: path.name)
def test_the_example_documents_round_trip_through_standard_input_and_output(
    logged_in: str, example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(example.read_text(encoding="utf-8")))
    visit_id = run(capsys, "visit", "import", "-")[1].splitlines()[-1]
    status, out, _ = run(capsys, "visit", "export", visit_id)
    assert status == 0
    exported = json.loads(out)
    del exported["visit"]["id"], exported["visit"]["status"]
    assert exported == json.loads(example.read_text(encoding="utf-8"))


def test_an_invalid_document_writes_nothing(
    logged_in: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(dump_visit_document(full_visit()))
    data["complaints"][0]["pain"] = 11
    document = tmp_path / "bad.json"
    document.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run(capsys, "visit", "import", str(document))
    assert status == 2
    assert err == "complaints[0].pain: must be at most 10, got 11\n"
    with open_database(logged_in) as database:
        assert PatientService(database).search(full_visit().patient.mrn) == []


def test_a_document_that_fails_in_the_store_writes_nothing(
    logged_in: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visit = full_visit(visit_id="5a3e" * 8)
    document = tmp_path / "visit.json"
    document.write_text(dump_visit_document(visit), encoding="utf-8")
    assert run(capsys, "visit", "import", str(document))[0] == 0
    other = visit.model_copy(update={"patient": visit.patient.model_copy(update={"mrn": "OTHER-1"})})
    document.write_text(dump_visit_document(other), encoding="utf-8")
    status, _, err = run(capsys, "visit", "import", str(document))
    assert status == 1
    assert err == f"clinic: a visit with id {'5a3e' * 8} already exists; nothing was saved\n"
    with open_database(logged_in) as database:
        assert PatientService(database).find_by_mrn("OTHER-1") is None


def test_exporting_an_unknown_visit_says_so(logged_in: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "visit", "export", "nope") == (1, "", "clinic: there is no visit with id nope\n")


def test_db_upgrade_creates_then_reports_current(
    use_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "db", "upgrade")
    assert status == 0
    assert out.startswith("Created the database at ")
    status, out, _ = run(capsys, "db", "upgrade")
    assert status == 0
    assert out.endswith("is already at the current schema.\n")


def test_db_path_prints_where_the_data_lives(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert run(capsys, "db", "path") == (0, f"{tmp_path / 'clinic-app' / 'clinic.db'}\n", "")
    assert not (tmp_path / "clinic-app").exists()  # looking does not create anything


def test_demo_fills_once_then_refuses(logged_in: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "demo")
    assert status == 0
    assert out.startswith("Added 21 demo patients with ")
    status, _, err = run(capsys, "demo")
    assert status == 1
    assert "already holds patients" in err


def test_the_test_document_survives_the_document_layer() -> None:
    """So the round trips above test the store, not a loss in the JSON layer."""
    assert parse_visit_document(dump_visit_document(full_visit())) == full_visit()
