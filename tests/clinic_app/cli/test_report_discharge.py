"""`clinic report discharge` as a user runs it: a real process on the tests' throwaway database,
logged in as its admin; the PDF is read back and its pages rendered."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from .commands import assert_plain_failure, clinic, clinic_file, said
from .test_outcome_commands import visit_document

OPEN_MRN = "OPEN-6161"
DISCHARGED_MRN = "DIS-5151"


@pytest.fixture(scope="module")
def discharged(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Three visits of an episode discharged at the last, with the patient's PSFS activities."""
    folder = tmp_path_factory.mktemp("discharge")
    for number, (date, lefs, pain, toe) in enumerate(
        [("2026-10-01", 38, 6, 6.0), ("2026-10-22", 44, 5, 8.5), ("2026-11-12", 52, 2, 9.5)]
    ):
        data = visit_document(date, lefs, pain, toe)
        data["patient"]["mrn"] = DISCHARGED_MRN
        data["episode"] = {**data["episode"], "id": "dis-5151-knee", "discharge_date": "2026-11-12"}
        data["outcomes"].append(
            {
                "measure": "psfs",
                "answers": [2 + 3 * number, 4, 5],
                "activities": ["Stairs", "Gardening", "Walking"],
            }
        )
        path = folder / f"visit-{number}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        done = clinic("visit", "import", path)
        assert done.returncode == 0, said(done)
    return DISCHARGED_MRN


def test_the_discharge_summary_prints_the_outcome_and_the_programme(discharged: str, tmp_path: Path) -> None:
    out = tmp_path / "discharge.pdf"
    done = clinic("report", "discharge", discharged, "-o", out, "--clinic", clinic_file(), "--paper", "a4")
    assert done.returncode == 0, said(done)
    assert done.stdout.decode().startswith("Wrote the discharge summary (")
    assert done.stdout.decode().endswith(f", 3 visits) to {out}\n")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in (
        "Discharge summary",
        "Discharged on 2026-11-12 after 3 visits over 6 weeks.",
        "meaningful improvement",
        "Stairs 2 → 5 → 8 +6",
        "Home programme to keep doing",
        "Signature",
    ):
        assert expected in text, expected
    assert reader.metadata is not None
    assert reader.metadata.title == "Discharge summary · November 12, 2026"
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4
    again = tmp_path / "again.pdf"
    assert (
        clinic(
            "report", "discharge", discharged, "-o", again, "--clinic", clinic_file(), "--paper", "a4"
        ).returncode
        == 0
    )
    assert again.read_bytes() == out.read_bytes()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "page")], check=True)
        assert len(list(tmp_path.glob("page-*.png"))) == len(reader.pages)


def test_an_open_episode_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    data = visit_document("2026-10-01", 38, 6, 6.0)
    data["patient"]["mrn"] = OPEN_MRN
    data["episode"]["id"] = "open-6161-knee"
    path = tmp_path / "open.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    done = clinic("visit", "import", path)
    assert done.returncode == 0, said(done)
    out = tmp_path / "x.pdf"
    message = assert_plain_failure(
        clinic("report", "discharge", OPEN_MRN, "-o", out, "--clinic", clinic_file()), status=2
    )
    assert message == "episode.discharge_date: the episode is still open: discharge it first\n"
    assert not out.exists()


def test_discharge_needs_a_login_and_is_in_the_audit_trail(discharged: str, tmp_path: Path) -> None:
    logged_out = {k: v for k, v in os.environ.items() if not k.startswith("CLINIC_APP_USER")}
    done = clinic("report", "discharge", discharged, "-o", tmp_path / "x.pdf", env=logged_out)
    assert done.returncode == 3, said(done)
    assert not (tmp_path / "x.pdf").exists()
    done = clinic("report", "discharge", discharged, "-o", tmp_path / "r.pdf", "--clinic", clinic_file())
    assert done.returncode == 0, said(done)
    done = clinic("audit", "--patient", discharged, "--json")
    assert done.returncode == 0, said(done)
    actions = [(entry["action"], entry["detail"]) for entry in json.loads(done.stdout)]
    assert actions[-1] == ("document_print", "discharge summary")
