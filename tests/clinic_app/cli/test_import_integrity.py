"""`clinic visit import` as the contract's data-safety section says: each document stored once, its
patient never changed silently, MRNs unique whatever their letter case, finished visits kept as
signed elsewhere."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clinic_app.accounts import Role
from clinic_app.errors import ClinicError
from clinic_app.storage import VisitService
from clinic_app.storage.accounts import AccountService
from clinic_app.storage.db import open_database
from clinic_app.storage.orm import PatientRow, VisitRow
from tests.clinic_app.cli.clinics import KNEE, Clinic, knee_document, new_clinic
from tests.clinic_app.cli.commands import assert_plain_failure
from tests.clinic_app.logins import ADMIN, PASSWORD, add_account, login_environment


def counts(clinic: Clinic) -> tuple[int, int]:
    with open_database(clinic.url) as database, database.reading() as session:
        patients = session.scalar(select(func.count()).select_from(PatientRow))
        visits = session.scalar(select(func.count()).select_from(VisitRow))
    return patients or 0, visits or 0


def test_the_same_document_twice_is_stored_once_with_the_same_id(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    first = clinic.import_visit(KNEE)
    assert clinic.import_visit(KNEE) == first
    # Equal after parsing: the same visit written with other spacing and key order.
    reordered = dict(reversed(list(knee_document().items())))
    assert clinic.import_visit(reordered) == first
    assert counts(clinic) == (1, 1)


def test_an_import_killed_after_its_commit_gives_the_same_id_when_run_again(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    # The real command, stopped by SIGKILL at its first line of output: after its commit.
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import builtins, os, signal, sys\n"
            "builtins.print = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n"
            "from clinic_app.cli import main\n"
            "main(['visit', 'import', sys.argv[1]])\n",
            str(KNEE),
        ],
        env=clinic.environment(),
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    assert killed.stdout == b""
    assert counts(clinic) == (1, 1)
    again = clinic.import_visit(KNEE)
    assert counts(clinic) == (1, 1)
    assert clinic.export_visit(again)["patient"]["mrn"] == "EX-1"


def test_differing_patient_details_are_refused_naming_each_field_but_not_its_value(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    visit_id = clinic.import_visit(knee_document(phone="623-555-0100"))
    changed = knee_document(birth_date="1971-05-09", sex="male", phone="623-555-0199")
    changed["visit"]["date"] = "2026-11-26"

    done = clinic.run("visit", "import", clinic.write_document(changed))
    message = assert_plain_failure(done, status=2)
    assert message.splitlines() == [
        f"patient.{field}: differs from the patient stored with this MRN; check the document, or give "
        "--update-patient to store it as the patient's new details"
        for field in ("birth_date", "sex", "phone")
    ]
    for stored in ("1961-04-02", "female", "623-555-0100"):
        assert stored not in message
    assert counts(clinic) == (1, 1)
    assert clinic.export_visit(visit_id)["patient"]["birth_date"] == "1961-04-02"  # unchanged


def test_update_patient_stores_the_new_details_and_the_audit_trail_names_the_fields(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    first = clinic.import_visit(KNEE)
    changed = knee_document(birth_date="1971-05-09", family_name="Núñez-Ruiz")
    changed["visit"]["date"] = "2026-11-26"
    second = clinic.import_visit(changed, "--update-patient")
    assert second != first
    assert counts(clinic) == (1, 2)
    assert clinic.export_visit(first)["patient"]["family_name"] == "Núñez-Ruiz"  # one patient, as now

    trail = clinic.run("audit", "--json")
    assert trail.returncode == 0, trail.stderr.decode()
    assert '"action": "patient_edit"' in trail.stdout.decode()
    assert '"detail": "from a visit document: family_name, birth_date"' in trail.stdout.decode()
    assert "1971-05-09" not in trail.stdout.decode()


def test_mrns_are_one_patient_whatever_their_letter_case(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    clinic.import_visit(knee_document(mrn="ex-1"))
    later = knee_document(mrn="Ex-1")
    later["visit"]["date"] = "2026-11-26"
    clinic.import_visit(later)
    assert counts(clinic) == (1, 2)
    # The same document with only the MRN's case changed is the same document.
    assert clinic.import_visit(knee_document(mrn="EX-1")) == clinic.import_visit(knee_document(mrn="ex-1"))
    assert counts(clinic) == (1, 2)


def test_someone_else_under_the_same_mrn_in_another_case_is_refused(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    clinic.import_visit(knee_document(mrn="ex-1"))
    done = clinic.run("visit", "import", clinic.write_document(knee_document(mrn="EX-1", given_name="Ana")))
    message = assert_plain_failure(done, status=2)
    assert message.startswith("patient.given_name: differs from the patient stored with this MRN")
    assert "Zoë" not in message
    assert counts(clinic) == (1, 1)


def test_an_assistant_learns_nothing_about_which_mrns_exist(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    clinic.import_visit(KNEE)
    with open_database(clinic.url) as database:
        admin = AccountService(database).login(ADMIN, PASSWORD)
        add_account(database, admin, "jo", Role.ASSISTANT)
    (tmp_path / "jo").mkdir()
    assistant = clinic.environment(**login_environment(tmp_path / "jo", "jo"))
    answers = set()
    for document in (knee_document(given_name="Ana"), knee_document(mrn="NOBODY-9", given_name="Ana")):
        done = clinic.run("visit", "import", clinic.write_document(document), env=assistant)
        answers.add(assert_plain_failure(done, status=3))
    [answer] = answers  # the same answer for an MRN in use and one that is not
    assert "EX-1" not in answer
    assert "MRN" not in answer


def test_a_finished_visit_is_stored_read_only_as_signed_elsewhere(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path)
    finished = knee_document()
    finished["visit"]["status"] = "final"
    visit_id = clinic.import_visit(finished)
    exported = clinic.export_visit(visit_id)
    assert exported["visit"]["status"] == "final"
    assert exported["visit"]["clinician"] == "Sam Lee, PT, DPT"  # the signature as written
    with open_database(clinic.url) as database, database.reading() as session:
        row = session.get(VisitRow, visit_id)
        assert row is not None
        assert row.import_digest is not None  # it came in a document
        assert row.clinician_id is not None  # a clinician by name, not an account of this database

    with open_database(clinic.url) as database:
        user = AccountService(database).login(ADMIN, PASSWORD)
        stored = VisitService(database).view(user, visit_id)
        with pytest.raises(ClinicError, match="final"):
            VisitService(database).sign(user, visit_id, stored.version)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_same_document_imported_at_once_from_four_computers_is_stored_once(
    backend: str, tmp_path: Path
) -> None:
    from tests.clinic_app.storage.conftest import empty_database_url

    with empty_database_url(backend, tmp_path, "import_at_once") as url:
        clinic = new_clinic(tmp_path, url)
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "clinic_app", "visit", "import", str(KNEE)],
                env=clinic.environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(4)
        ]
        ids = set()
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert run.returncode == 0, err.decode()
            ids.add(out.decode().splitlines()[-1])
        assert len(ids) == 1
        with open_database(url) as database, database.reading() as session:
            assert session.scalar(select(func.count()).select_from(VisitRow)) == 1
