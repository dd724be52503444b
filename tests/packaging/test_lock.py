"""requirements/lock.txt: made from this pyproject.toml, every package pinned and hashed, for every platform."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "lock.txt"
PIN = re.compile(r"^(?P<name>[a-z0-9][a-z0-9._-]*)==(?P<version>\S+)(?: ; (?P<marker>.+?))? \\$")


@pytest.fixture
def dev(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """dev.py as a module (its dataclasses need it in sys.modules while it loads)."""
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def pins() -> dict[str, tuple[str, str | None, int]]:
    """Package -> (version, marker, number of hashes), as the lock lists them."""
    found: dict[str, tuple[str, str | None, int]] = {}
    name = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        pinned = PIN.match(line)
        if pinned:
            name = pinned["name"]
            found[name] = (pinned["version"], pinned["marker"], 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, marker, hashes = found[name]
            found[name] = (version, marker, hashes + 1)
        elif line[:1].isalnum():
            pytest.fail(f"a lock line that is not an exact pin: {line!r}")
    return found


def test_the_lock_was_made_from_this_pyproject(dev):
    assert dev.lock_out_of_date() is None


def test_every_package_is_pinned_with_hashes_for_every_platform():
    locked = pins()
    assert all(hashes for _version, _marker, hashes in locked.values()), locked
    # The app's own dependencies and what builds it, for everyone.
    for name in ("pyside6-essentials", "reportlab", "pypdfium2", "setuptools", "wheel", "pyinstaller"):
        assert locked[name][1] is None, name
    assert locked["pyside6-essentials"][0] != "6.12.0"
    # What only Windows or macOS need is in it too, with its marker (a lock resolved for Linux alone has none).
    assert locked["pywin32-ctypes"][1] == "sys_platform == 'win32'"
    assert locked["macholib"][1] == "sys_platform == 'darwin'"


def test_a_dependency_added_to_pyproject_makes_the_lock_out_of_date(dev, tmp_path, monkeypatch):
    (tmp_path / "requirements").mkdir()
    shutil.copy(LOCK, tmp_path / "requirements" / "lock.txt")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    changed = pyproject.replace('    "PyYAML>=6.0,<7",\n', '    "PyYAML>=6.0,<7",\n    "segno>=1.6,<2",\n', 1)
    assert changed != pyproject
    (tmp_path / "pyproject.toml").write_text(changed, encoding="utf-8")
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setattr(dev, "LOCK", tmp_path / "requirements" / "lock.txt")

    assert dev.lock_out_of_date() == (
        "requirements/lock.txt does not match the dependencies in pyproject.toml; "
        "run `python3 dev.py lock` and commit the new lock"
    )
