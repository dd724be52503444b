"""The core (clinic_app) imports and runs without PySide6 and without the desktop layer (ui).

`python3 dev.py test` runs the core's tests with tests/block_qt.py loaded and CLINIC_BLOCK_QT=1,
so any import of Qt or ui/ from the core fails there, as on a machine without PySide6.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import clinic_app

ROOT = Path(__file__).resolve().parents[2]
BLOCKED = ("PySide6", "shiboken6", "ui")
# Importing these runs something (a command, an Alembic migration environment) instead of defining it.
NOT_IMPORTABLE_ALONE = ("__main__", "migrations.env")


def _fail(name: str) -> None:
    raise ImportError(f"could not import the package {name}")


def core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(clinic_app.__path__, "clinic_app.", onerror=_fail)
        if not info.name.endswith(NOT_IMPORTABLE_ALONE)
    ]
    return ["clinic_app", *sorted(names)]


def _blocker_installed() -> bool:
    return any(getattr(finder, "clinic_block_qt", False) for finder in sys.meta_path)


def test_block_is_active_when_asked() -> None:
    if os.environ.get("CLINIC_BLOCK_QT") != "1":
        pytest.skip("Qt is not blocked in this run: `python3 dev.py test` blocks it (CLINIC_BLOCK_QT=1)")
    assert _blocker_installed(), "CLINIC_BLOCK_QT=1 but the blocker is missing: add `-p tests.block_qt`"
    for name in BLOCKED:
        assert name not in sys.modules
        with pytest.raises(ModuleNotFoundError, match="blocked"):
            importlib.import_module(name)


@pytest.mark.parametrize("module", core_modules())
def test_core_module_imports(module: str) -> None:
    importlib.import_module(module)
    if _blocker_installed():
        assert not [name for name in sys.modules if name.partition(".")[0] in BLOCKED]


def test_core_imports_in_a_fresh_process_without_qt() -> None:
    """Independent of how this run was started: a new interpreter, Qt blocked, every core module."""
    code = (
        "import importlib, sys\n"
        "import tests.block_qt as block\n"
        "block.install()\n"
        "from tests.clinic_app.test_no_qt import core_modules\n"
        "for name in core_modules():\n"
        "    importlib.import_module(name)\n"
        "print(len(core_modules()))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 2
