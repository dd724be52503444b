"""`clinic-app --self-check VISIT.json OUT.pdf`, run as an installer (and CI, on the bundle) runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.examples import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"


def self_check(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The real app in a child process, with a home (and so a database) of its own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "CLINIC_APP_"))}
    env["HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "ui", "--self-check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_self_check_opens_a_fresh_data_folder_checks_encryption_and_prints_the_handout(tmp_path):
    output = tmp_path / "printed.pdf"

    done = self_check(str(KNEE), str(output), home=tmp_path / "home")

    assert done.returncode == 0, done.stderr
    database = tmp_path / "home" / ".local" / "share" / "clinic-app" / "clinic.db"
    assert done.stdout.strip() == (
        "self-check: passed: window on offscreen, an encrypted database made and migrated "
        f"(the clinic's own will be made at {database} with its first account), "
        f"a 3-page handout printed to {output}"
    )
    assert not database.exists()  # made, encrypted, with the first account (the first run)
    # As a printer gets it: each page a picture that pdfium rendered, fitted to the printer's page.
    pages = PdfReader(output).pages
    assert len(pages) == 3
    assert all(page.images for page in pages)
    assert output.stat().st_mode & 0o777 == 0o600


def test_self_check_names_a_visit_it_cannot_print(tmp_path):
    broken = tmp_path / "visit.json"
    broken.write_text("{not json", encoding="utf-8")

    done = self_check(str(broken), str(tmp_path / "out.pdf"), home=tmp_path / "home")

    assert done.returncode == 1
    # The last line (the offscreen platform may warn before it); the reason names the visit's problem.
    assert done.stderr.splitlines()[-1] == (
        f"self-check: FAILED: no handout for {broken}: document: not valid JSON (key must be a string at "
        "line 1 column 2)"
    )
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_self_check_without_its_two_files_says_how_to_run_it(tmp_path):
    done = self_check(str(KNEE), home=tmp_path / "home")

    assert done.returncode == 2
    assert done.stderr.strip() == "usage: clinic-app --self-check VISIT.json OUT.pdf"
