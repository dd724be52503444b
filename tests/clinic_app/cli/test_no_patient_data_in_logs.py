"""No patient data in any log at any level: every command, run with CLINIC_APP_DEBUG=1 (which the
error message tells people to use for bug reports), leaves the patient's name, MRN, birth date and
phone out of its log file and its standard error."""

from __future__ import annotations

import json
from pathlib import Path

from clinic_app.cli import build_parser
from tests.clinic_app.cli.clinics import knee_document, new_clinic
from tests.clinic_app.cli.commands import clinic_file
from tests.clinic_app.logins import PASSWORD

PATIENT = {
    "mrn": "QV-77311",
    "given_name": "Quintessa",
    "family_name": "Vandermolen",
    "birth_date": "1958-07-14",
    "phone": "623-555-0147",
}
SECRETS = (*PATIENT.values(), "Vandermolen".lower(), "1958, 7, 14", "quintessa")


def test_every_command_with_debug_on_keeps_patient_data_out_of_logs_and_errors(tmp_path: Path) -> None:
    clinic = new_clinic(tmp_path / "clinic")
    state = tmp_path / "state"
    env = clinic.environment(CLINIC_APP_DEBUG="1", XDG_STATE_HOME=str(state))
    document = clinic.write_document({**knee_document(**PATIENT)}, "patient.json")
    changed = knee_document(**{**PATIENT, "phone": "623-555-0999"})
    changed["visit"]["date"] = "2026-11-26"
    changed_document = clinic.write_document(changed, "changed.json")
    (tmp_path / "answers.json").write_text("[7]", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()

    runs: list[tuple[str, ...]] = [
        ("visit", "import", str(document)),
        ("visit", "import", str(document)),  # again: the same visit
        ("visit", "import", str(changed_document)),  # refused: a detail differs
        ("visit", "import", str(changed_document), "--update-patient"),
        ("triage", str(document), "--json"),
        ("handout", str(document), "-o", str(out / "handout.pdf"), "--clinic", str(clinic_file())),
        ("summary", str(document), "-o", str(out / "summary.pdf"), "--clinic", str(clinic_file())),
        ("audit", "--json"),
        ("audit", "--patient", PATIENT["mrn"]),
        ("audit", "verify"),
        ("user", "list"),
        ("exercises",),
        ("outcomes", "score", "nprs", str(tmp_path / "answers.json")),
        ("outcomes", "progress", PATIENT["mrn"], "--json"),
        (
            "report",
            "progress",
            PATIENT["mrn"],
            "-o",
            str(out / "progress.pdf"),
            "--clinic",
            str(clinic_file()),
        ),
        ("patient", "export", PATIENT["mrn"], "--format", "fhir", "-o", str(out / "patient.json")),
        ("db", "upgrade"),
        ("db", "path"),
        ("backup", "-o", str(out / "backup.db")),
        ("restore", str(out / "backup.db"), "--replace"),
        ("demo",),  # refused: the database holds patients
    ]
    statuses = {}
    stderr = ""
    visit_id = None
    for words in runs:
        done = clinic.run(*words, env=env)
        statuses[" ".join(words[:2])] = done.returncode
        stderr += done.stderr.decode("utf-8")
        if words[:2] == ("visit", "import") and done.returncode == 0:
            visit_id = done.stdout.decode().splitlines()[-1]
    assert visit_id is not None
    for words in (
        ("visit", "export", visit_id),
        ("user", "add", "sam", "--name", "Sam Lee, PT", "--role", "therapist", "--password-stdin"),
    ):
        done = clinic.run(*words, env=env, input=f"{PASSWORD}\n".encode())
        assert done.returncode == 0, done.stderr.decode()
        stderr += done.stderr.decode("utf-8")
        if words[1] == "export":
            assert json.loads(done.stdout)["patient"]["family_name"] == "Vandermolen"  # it was there to leak
    assert statuses["visit import"] == 0

    covered = {words[0] for words in runs} | {"visit", "user"}
    assert covered == set(_commands()), "a command was added: run it here too"

    logs = sorted(state.rglob("*.log*"))
    assert logs, "CLINIC_APP_DEBUG=1 writes a log file"
    logged = "".join(path.read_text(encoding="utf-8") for path in logs)
    assert "SELECT" in logged  # the debug log does hold the statements, without their values
    for secret in SECRETS:
        assert secret not in logged, f"{secret!r} in the log"
        assert secret not in stderr.replace(str(document), "").replace(str(changed_document), ""), secret


def _commands() -> list[str]:
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    return list(subparsers.choices)  # type: ignore[arg-type]
