"""The wheel as a user gets it: built from a copy of this checkout, installed into a new virtual
environment, and both of its commands run from outside the checkout.

Slow (about half a minute): the new environment installs Clinic App's dependencies from the package
index (pip's cache makes that quick after the first time; no wheelhouse of them is kept, so this is
not an offline install); the wheel itself comes from the folder it was built into (--find-links).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.examples import EXAMPLES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"
# What the copy leaves out: environments, caches and earlier builds.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
SHIPPED_DATA = ("resources", "ui", "clinic_app")


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{command[:4]} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built without build isolation by the setuptools and wheel of the locked environment."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", work / "dist", "."],
        source,
    )
    (built,) = (work / "dist").glob("clinic_app-*-py3-none-any.whl")
    return built


def shipped_data_files() -> set[str]:
    """Every data file of the packages in the checkout: what the app reads at run time."""
    found = set()
    for package in SHIPPED_DATA:
        for path in (ROOT / package).rglob("*"):
            # The screens' translations go in compiled (.qm, committed beside their .ts sources),
            # not as their Qt Linguist sources.
            if (
                path.is_file()
                and path.suffix not in {".py", ".pyc", ".ts"}
                and "__pycache__" not in path.parts
            ):
                found.add(path.relative_to(ROOT).as_posix())
    return found


def test_the_wheel_holds_every_resource_and_both_commands(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = (name for name in names if name.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode()

    assert shipped_data_files() <= names, sorted(shipped_data_files() - names)
    # The YAML, fonts, illustrations and translations by name too, so that an empty folder cannot pass.
    for expected in (
        "resources/clinical/rules.yaml",
        "resources/fonts/DejaVuSans.ttf",
        "resources/illustrations/body_front.svg",
        "resources/translations/documents.yaml",
        "resources/translations/clinic_app_es.qm",
        "clinic_app/storage/migrations/script.py.mako",
        "clinic_app/storage/migrations/versions/v0001_create_tables.py",
        "ui/how_to_use.md",
    ):
        assert expected in names
    assert "clinic = clinic_app.cli:main" in scripts
    assert "clinic-app = ui.app:main" in scripts
    assert not any(name.startswith(("tests/", "benchmarks/", "tools/")) for name in names)


def test_a_new_environment_gets_both_commands_that_print_a_handout(wheel, tmp_path):
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    run(
        [bin_dir / "python", "-m", "pip", "install", "--quiet", "--find-links", wheel.parent, "clinic-app"],
        tmp_path,
    )
    home = tmp_path / "home"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "CLINIC_APP_", "PYTHON", "VIRTUAL_ENV"))
    }
    env |= {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}

    installed = run(
        [bin_dir / "python", "-c", "import clinic_app; print(clinic_app.__file__)"], tmp_path, env
    )
    assert Path(installed.strip()).is_relative_to(venv)
    assert "handout" in run([bin_dir / "clinic", "--help"], tmp_path, env)
    (tmp_path / "clinic.json").write_text(
        '{"name": "Wheel Test Clinic", "phone": "555-0100", "emergency_number": "911"}', encoding="utf-8"
    )
    said = run(
        [bin_dir / "clinic", "handout", KNEE, "--clinic", "clinic.json", "-o", "handout.pdf"], tmp_path, env
    )
    assert said.strip() == "Wrote the home-exercise handout (3 pages) to handout.pdf"
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF-")
    checked = run([bin_dir / "clinic-app", "--self-check", KNEE, "printed.pdf"], tmp_path, env)
    assert checked.startswith(
        "self-check: passed: window on offscreen, an encrypted database made and migrated "
    )
