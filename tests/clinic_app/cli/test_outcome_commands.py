"""`clinic outcomes progress` and `clinic report progress` as a user runs them: real processes, on the
tests' throwaway database, logged in as its admin; the PDF is read back and rendered."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tests.examples import EXAMPLES

from .commands import assert_plain_failure, clinic, clinic_file, said

MRN = "OUT-4242"


def visit_document(date: str, lefs_total: int, knee_pain: int, toe_cm: float) -> dict[str, Any]:
    data = json.loads((EXAMPLES / "knee-left-tight-calf.visit.json").read_text(encoding="utf-8"))
    data["patient"] = {**data["patient"], "mrn": MRN}
    data["visit"] = {"date": date, "clinician": "Sam Lee, PT, DPT"}
    data["complaints"][0]["pain"] = knee_pain
    data["screenings"]["ankle_mobility"]["left"]["toe_to_wall_cm"] = toe_cm
    base, extra = divmod(lefs_total, 20)
    data["episode"] = {
        "id": "out-4242-knee",
        "reason": "Left knee pain on stairs",
        "referred_by": "Dr. Maya Patel, MD",
        "start_date": "2026-10-01",
        "goals": [{"id": "g1", "measure": "lefs", "target": 60, "by": "2026-12-31"}],
    }
    data["outcomes"] = [{"measure": "lefs", "answers": [base + 1] * extra + [base] * (20 - extra)}]
    return data


@pytest.fixture(scope="module")
def visit_ids(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Three visits of one episode, imported through `clinic visit import`."""
    folder = tmp_path_factory.mktemp("outcomes")
    ids = []
    for number, (date, lefs, pain, toe) in enumerate(
        [("2026-10-01", 38, 6, 6.0), ("2026-10-22", 44, 5, 8.5), ("2026-11-12", 49, 3, 9.5)]
    ):
        path = folder / f"visit-{number}.json"
        path.write_text(json.dumps(visit_document(date, lefs, pain, toe)), encoding="utf-8")
        done = clinic("visit", "import", path)
        assert done.returncode == 0, said(done)
        ids.append(done.stdout.decode().splitlines()[-1])
    return ids


def test_progress_answers_as_the_contract_says(visit_ids: list[str]) -> None:
    done = clinic("outcomes", "progress", MRN, "--json")
    assert done.returncode == 0, said(done)
    assert json.loads(done.stdout) == {
        "mrn": MRN,
        "measures": [
            {
                "measure": "lefs",
                "better": "higher",
                "mcid": 9,
                "values": [
                    {"date": "2026-10-01", "visit_id": visit_ids[0], "score": 38},
                    {"date": "2026-10-22", "visit_id": visit_ids[1], "score": 44},
                    {"date": "2026-11-12", "visit_id": visit_ids[2], "score": 49},
                ],
                "change": 11,
                "meaningful": True,
            },
            {
                "measure": "nprs:knee",
                "better": "lower",
                "mcid": 2,
                "values": [
                    {"date": "2026-10-01", "visit_id": visit_ids[0], "score": 6},
                    {"date": "2026-10-22", "visit_id": visit_ids[1], "score": 5},
                    {"date": "2026-11-12", "visit_id": visit_ids[2], "score": 3},
                ],
                "change": -3,
                "meaningful": True,
            },
        ],
    }


def test_progress_in_words(visit_ids: list[str]) -> None:
    done = clinic("outcomes", "progress", MRN)
    assert done.returncode == 0, said(done)
    assert done.stdout.decode().splitlines()[0] == (
        "Lower Extremity Functional Scale: 38 → 44 → 49 (+11 over 3 values; MCID 9, higher is better: meaningful)"
    )


def test_progress_needs_a_login_and_a_known_patient(visit_ids: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CLINIC_APP_USER", "CLINIC_APP_PASSWORD_FILE")}
    message = assert_plain_failure(clinic("outcomes", "progress", MRN, "--json", env=env), status=3)
    assert "needs a login" in message
    message = assert_plain_failure(clinic("outcomes", "progress", "NO-SUCH-MRN", "--json"))
    assert message == "clinic: there is no patient with MRN NO-SUCH-MRN\n"
    message = assert_plain_failure(clinic("outcomes", "progress", MRN, "--episode", "nope"))
    assert message == "clinic: there is no episode with id nope\n"


def test_the_progress_report_prints_the_episode_with_its_chart(visit_ids: list[str], tmp_path: Path) -> None:
    out = tmp_path / "progress.pdf"
    done = clinic("report", "progress", MRN, "-o", out, "--clinic", clinic_file())
    assert done.returncode == 0, said(done)
    assert done.stdout.decode() == f"Wrote the progress report (2 pages, 3 visits) to {out}\n"
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    for expected in (
        "Progress report",
        "Left knee pain on stairs",
        "Dr. Maya Patel, MD",
        "Lower Extremity Functional Scale",
        "meaningful improvement",
        "Binkley JM et al. 1999",
        "6 cm → 8.5 cm → 9.5 cm",
        "Page 1 of 2",
        "Signature",
    ):
        assert expected in text, expected
    assert reader.metadata is not None
    assert reader.metadata.title == "Progress report · November 12, 2026"
    assert MRN not in str(reader.metadata)
    again = tmp_path / "again.pdf"
    assert clinic("report", "progress", MRN, "-o", again, "--clinic", clinic_file()).returncode == 0
    assert again.read_bytes() == out.read_bytes()  # deterministic


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_chart_is_drawn_as_vectors(visit_ids: list[str], tmp_path: Path) -> None:
    out = tmp_path / "progress.pdf"
    assert clinic("report", "progress", MRN, "-o", out, "--clinic", clinic_file()).returncode == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    for page in reader.pages:  # no pictures at all: the charts are vector graphics
        assert "/XObject" not in cast(DictionaryObject, page["/Resources"].get_object())
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page")], check=True)
    assert sorted(p.name for p in tmp_path.glob("page-*.png")) == ["page-1.png", "page-2.png"]


def test_the_report_refuses_what_it_cannot_print(visit_ids: list[str], tmp_path: Path) -> None:
    incomplete = tmp_path / "clinic.json"
    incomplete.write_text(
        json.dumps({"name": "Preferred Physical Therapy", "phone": "623-486-3333"}), encoding="utf-8"
    )
    message = assert_plain_failure(
        clinic("report", "progress", MRN, "-o", tmp_path / "x.pdf", "--clinic", incomplete), status=2
    )
    assert message.startswith("clinic.emergency_number: required")
    assert not (tmp_path / "x.pdf").exists()
    message = assert_plain_failure(
        clinic("report", "progress", MRN, "-o", tmp_path, "--clinic", clinic_file())
    )
    assert "it is a folder" in message


def test_reading_and_printing_are_in_the_audit_trail(visit_ids: list[str], tmp_path: Path) -> None:
    assert clinic("outcomes", "progress", MRN, "--json").returncode == 0
    assert (
        clinic("report", "progress", MRN, "-o", tmp_path / "r.pdf", "--clinic", clinic_file()).returncode == 0
    )
    done = clinic("audit", "--patient", MRN, "--json")
    assert done.returncode == 0, said(done)
    actions = [(entry["action"], entry["detail"]) for entry in json.loads(done.stdout)]
    assert actions[-2:] == [("progress_view", None), ("document_print", "progress report")]
