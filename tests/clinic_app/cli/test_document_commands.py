"""`clinic handout` and `clinic summary` as a user runs them: a real process, PDFs read back.

Each command runs as `python -m clinic_app` in its own process, with CLINIC_APP_DATABASE_URL on a
throwaway SQLite file (never a real database), and the PDF it writes is read back with pypdf.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import Language
from clinic_app.exercises import load_library
from tests.examples import EXAMPLES

OVERRIDE = EXAMPLES / "hip-ankle-override-older-adult.visit.json"
KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"
RED_FLAG = EXAMPLES / "low-back-red-flag.visit.json"
CLINIC = {
    "name": "Fisioterapia del Sol",
    "phone": "+34 910 000 000",
    "emergency_number": "112",
    "address": "Calle Mayor 1, Madrid",
    "email": "hola@fisiosol.example",
    "booking": "Book at the front desk.",
    "footer": "Open Monday to Friday.",
    "booking_es": "Pida cita en recepción.",
    "footer_es": "Abierto de lunes a viernes.",
}


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def clinic(*args: str, cwd: Path) -> Run:
    """Run `clinic ARGS...` in a fresh process on a throwaway database in `cwd`."""
    env = {**os.environ, "CLINIC_APP_DATABASE_URL": f"sqlite:///{(cwd / 'clinic.db').as_posix()}"}
    env.pop("CLINIC_APP_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "clinic_app", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def visit_data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def pages(pdf: Path) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def doctor_part(text: str) -> str:
    """The letter's text from the doctor's heading on."""
    match = re.search(r"(For the doctor|Para el médico)", text)
    assert match, "the letter has no part for the doctor"
    return text[match.start() :]


# The red-flag checklist gates every patient document ------------------------------------------------


def test_without_the_checklist_handout_exits_2_naming_red_flags_and_writes_nothing(workdir: Path) -> None:
    data = visit_data(KNEE)
    del data["red_flags"]
    visit = write_json(workdir / "visit.json", data)
    clinic_file = write_json(workdir / "clinic.json", CLINIC)

    run = clinic("handout", str(visit), "-o", "out.pdf", "--clinic", str(clinic_file), cwd=workdir)

    assert run.code == 2, run.err
    assert run.err.splitlines()[0].startswith("red_flags: ")
    assert "Traceback" not in run.err
    assert not (workdir / "out.pdf").exists()


def test_without_the_checklist_the_summary_still_prints_and_says_so(workdir: Path) -> None:
    data = visit_data(KNEE)
    del data["red_flags"]
    visit = write_json(workdir / "visit.json", data)
    clinic_file = write_json(workdir / "clinic.json", CLINIC)

    run = clinic("summary", str(visit), "-o", "summary.pdf", "--clinic", str(clinic_file), cwd=workdir)

    assert run.code == 0, run.err
    text = " ".join(pages(workdir / "summary.pdf"))
    assert "Red-flag checklist: NOT DONE" in text
    assert "Plan: no home programme (red-flag checklist not done)" in text


# The clinic profile is part of the input --------------------------------------------------------------


@pytest.mark.parametrize("command", ["handout", "summary"])
def test_a_missing_emergency_number_exits_2_naming_it_and_writes_nothing(command: str, workdir: Path) -> None:
    clinic_file = write_json(
        workdir / "clinic.json", {k: v for k, v in CLINIC.items() if k != "emergency_number"}
    )

    run = clinic(command, str(KNEE), "-o", "out.pdf", "--clinic", str(clinic_file), cwd=workdir)

    assert run.code == 2, run.err
    assert [line.split(":")[0] for line in run.err.splitlines()] == ["clinic.emergency_number"]
    assert not (workdir / "out.pdf").exists()


def test_an_empty_stored_profile_names_every_missing_field(workdir: Path) -> None:
    run = clinic("handout", str(KNEE), "-o", "out.pdf", cwd=workdir)  # a fresh database: no profile yet

    assert run.code == 2, run.err
    assert [line.split(":")[0] for line in run.err.splitlines()] == [
        "clinic.name",
        "clinic.phone",
        "clinic.emergency_number",
    ]
    assert not (workdir / "out.pdf").exists()


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"fax": "555-0100"}, "clinic.fax"),
        ({"logo": "logo.png"}, "clinic.logo"),
        ({"phone": 5550100}, "clinic.phone"),
        ({"letter_language": "fr"}, "clinic.letter_language"),
        ({"name": "   "}, "clinic.name"),
    ],
)
def test_an_invalid_clinic_file_exits_2_naming_the_field(
    change: dict[str, Any], path: str, workdir: Path
) -> None:
    clinic_file = write_json(workdir / "clinic.json", {**CLINIC, **change})

    for command in ("handout", "summary"):
        run = clinic(command, str(KNEE), "-o", "out.pdf", "--clinic", str(clinic_file), cwd=workdir)

        assert run.code == 2, run.err
        assert any(line.startswith(f"{path}: ") for line in run.err.splitlines()), run.err
        assert not (workdir / "out.pdf").exists()


def test_a_clinic_file_that_is_not_json_exits_2(workdir: Path) -> None:
    (workdir / "clinic.json").write_text("name: Sol", encoding="utf-8")

    run = clinic("handout", str(KNEE), "-o", "out.pdf", "--clinic", "clinic.json", cwd=workdir)

    assert run.code == 2
    assert run.err.startswith("clinic: not valid JSON")


def test_the_clinic_file_replaces_the_stored_profile(workdir: Path) -> None:
    clinic_file = write_json(workdir / "clinic.json", CLINIC)

    run = clinic("handout", str(KNEE), "-o", "out.pdf", "--clinic", str(clinic_file), cwd=workdir)

    assert run.code == 0, run.err
    text = " ".join(pages(workdir / "out.pdf"))
    for given in ("Fisioterapia del Sol", "+34 910 000 000", "Call 112 or go to the emergency room"):
        assert given in text, given
    assert "911" not in text
    assert "Open Monday to Friday." in text, "footer is the handout footer"
    assert not (workdir / "clinic.db").exists(), "with --clinic the database is not opened"


# Overrides: the letter first, then the handout, in one file ---------------------------------------------


@pytest.fixture
def override_run(workdir: Path) -> tuple[Run, list[str]]:
    clinic_file = write_json(workdir / "clinic.json", CLINIC)
    run = clinic("handout", str(OVERRIDE), "-o", "out.pdf", "--clinic", str(clinic_file), cwd=workdir)
    assert run.code == 0, run.err
    return run, pages(workdir / "out.pdf")


def test_an_override_prints_the_letter_first_then_the_exercises(override_run: tuple[Run, list[str]]) -> None:
    run, text = override_run
    letter_pages = [i for i, page in enumerate(text) if "Vea a su médico en menos de una semana" in page]
    plan_start = next(i for i, page in enumerate(text) if "Su plan de ejercicios en casa" in page)

    assert "wrote a referral letter" in run.out
    assert "followed by the home-exercise handout" in run.out
    assert letter_pages[0] == 0, "the first page is the letter"
    assert "Cáncer en el pasado." in text[0], "the patient's part is in the patient's language (es)"
    assert plan_start > 0
    exercises = " ".join(text[plan_start:])
    for name in ("Estiramiento del frente de la cadera", "Estiramiento de pantorrilla", "Puente"):
        assert name in exercises, name
    assert "Mantenga 60 segundos" in exercises, "65 or over: the 60 s hold prints as given"
    assert "Es para su dolor de cadera del lado derecho." in exercises, "strengthening names its complaint"
    letter = " ".join(text[:plan_start])
    assert "Sus ejercicios" not in letter


def test_each_part_is_numbered_on_its_own(override_run: tuple[Run, list[str]]) -> None:
    _, text = override_run
    plan_start = next(i for i, page in enumerate(text) if "Su plan de ejercicios en casa" in page)
    letter, handout = text[:plan_start], text[plan_start:]

    for part in (letter, handout):
        for number, page in enumerate(part, start=1):
            assert f"Página {number} de {len(part)}" in page


def test_the_letter_gives_the_clinics_emergency_number_never_911(override_run: tuple[Run, list[str]]) -> None:
    _, text = override_run
    plan_start = next(i for i, page in enumerate(text) if "Su plan de ejercicios en casa" in page)
    letter = " ".join(text[:plan_start])

    assert "112" in letter
    assert "911" not in " ".join(text)


def test_the_doctors_part_has_no_ids_and_gives_the_override_with_its_reason(
    override_run: tuple[Run, list[str]],
) -> None:
    _, text = override_run
    plan_start = next(i for i, page in enumerate(text) if "Su plan de ejercicios en casa" in page)
    doctor = doctor_part(" ".join(text[:plan_start]))
    catalogue = load_catalogue()

    for flag_id in catalogue.red_flags:
        assert flag_id not in doctor, flag_id
    for word in ("(emergency)", "(urgent)", "(routine)", "_"):
        assert word not in doctor, word
    assert "For the doctor (in English)" in doctor or "Para el médico (en inglés)" in doctor
    assert catalogue.red_flags["cancer_history"].clinician.en in doctor
    assert "Breast cancer treated 2009, discharged from oncology; GP aware." in doctor
    assert "safe to start" in doctor
    assert "Please assess within a week." in doctor


def test_the_doctors_part_follows_the_clinics_letter_language(workdir: Path) -> None:
    clinic_file = write_json(workdir / "clinic.json", {**CLINIC, "letter_language": "es"})

    run = clinic("handout", str(OVERRIDE), "-o", "out.pdf", "--clinic", str(clinic_file), cwd=workdir)

    assert run.code == 0, run.err
    doctor = doctor_part(" ".join(pages(workdir / "out.pdf")))
    assert load_catalogue().red_flags["cancer_history"].clinician.es in doctor
    assert "(en inglés)" not in doctor


# A red flag standing: the letter alone -----------------------------------------------------------------


def test_a_red_flag_gives_the_letter_alone_with_the_emergency_number(workdir: Path) -> None:
    clinic_file = write_json(workdir / "clinic.json", CLINIC)

    run = clinic("handout", str(RED_FLAG), "-o", "out.pdf", "--clinic", str(clinic_file), cwd=workdir)

    assert run.code == 0, run.err
    assert "Red flags present: wrote a referral letter (no exercises" in run.out
    text = " ".join(pages(workdir / "out.pdf"))
    assert "Get medical help now" in text
    assert "call 112" in text
    assert "911" not in text
    doctor = doctor_part(text)
    assert "saddle_numbness" not in doctor
    assert load_catalogue().red_flags["saddle_numbness"].clinician.en in doctor
    for exercise in load_library().exercises.values():
        assert exercise.text[Language.EN].name not in text


# The visit summary ----------------------------------------------------------------------------------------


def test_the_summary_of_an_override_records_status_urgency_override_and_warnings(workdir: Path) -> None:
    clinic_file = write_json(workdir / "clinic.json", CLINIC)

    run = clinic("summary", str(OVERRIDE), "-o", "summary.pdf", "--clinic", str(clinic_file), cwd=workdir)

    assert run.code == 0, run.err
    text = " ".join(pages(workdir / "summary.pdf"))
    assert "Plan status: home programme proposed" in text
    assert "REFERRAL REQUIRED (ROUTINE: within a week)" in text
    assert "in force. Reason: Breast cancer treated 2009" in text
    assert "the toe-to-wall distance of 7 cm is abnormal" in text
    assert "Lying hip lift (bridge)" in text


def test_printing_a_handout_loads_no_other_command(workdir: Path) -> None:
    """A cold `clinic handout` imports and registers its own command, not all thirteen."""
    code = (
        "import sys; from clinic_app.cli import build_parser; "
        "parser = build_parser(['handout', 'visit.json', '-o', 'out.pdf']); "
        "commands = next(a for a in parser._actions if a.dest == 'command').choices; "
        "loaded = {m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('clinic_app.cli.')}; "
        "print(sorted(commands), sorted(loaded & {'patients', 'users', 'backup', 'report', 'visits'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "['handout'] []"
    assert "summary" in clinic("--help", cwd=workdir).out, "help still lists every command"
