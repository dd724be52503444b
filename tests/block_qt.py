"""Make Qt and the desktop layer unimportable, to prove the core runs without them.

Used as a pytest plugin for the core's test run (``python3 dev.py test`` does this)::

    CLINIC_BLOCK_QT=1 python -m pytest -p tests.block_qt tests/clinic_app

Loading the plugin installs an import hook in front of every other one, so that
``import PySide6``, ``import shiboken6`` or ``import ui`` anywhere in the process raises
ModuleNotFoundError, exactly as on a machine where PySide6 is not installed. It also keeps
pytest-qt from loading (pytest-qt imports Qt when pytest starts), and declares pytest-qt's
settings so that ``--strict-config`` does not reject them.

Importing this module has no effect by itself; call :func:`install` or load it with ``-p``.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from collections.abc import Sequence
from types import ModuleType

import pytest

# Top-level names the core must never need: the desktop layer and every Qt binding.
BLOCKED = frozenset({"ui", "PySide6", "shiboken6", "PySide2", "PyQt5", "PyQt6", "pytestqt"})

# pytest-qt's ini settings that pyproject.toml sets; declared here while pytest-qt is kept out.
_PYTEST_QT_INI: dict[str, tuple[str, str | None]] = {
    "qt_api": ("pytest-qt (not loaded: Qt is blocked)", None),
    "qt_log_level_fail": ("pytest-qt (not loaded: Qt is blocked)", None),
    "qt_log_ignore": ("pytest-qt (not loaded: Qt is blocked)", "linelist"),
    "qt_no_exception_capture": ("pytest-qt (not loaded: Qt is blocked)", None),
    "qt_default_raising": ("pytest-qt (not loaded: Qt is blocked)", None),
    "qt_qapp_name": ("pytest-qt (not loaded: Qt is blocked)", None),
}


class QtBlocker(importlib.abc.MetaPathFinder):
    """A meta-path finder that refuses the blocked top-level packages."""

    clinic_block_qt = True  # how tests recognise the blocker without importing this module

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(
                f"No module named {fullname!r} (blocked by tests/block_qt.py: "
                "the core must work without Qt and without the desktop layer)",
                name=fullname,
            )
        return None


def is_installed() -> bool:
    return any(getattr(finder, "clinic_block_qt", False) for finder in sys.meta_path)


def install() -> None:
    """Block the packages for the rest of this process; fail if one was imported already."""
    already = sorted(name for name in sys.modules if name.partition(".")[0] in BLOCKED)
    if already:
        raise RuntimeError(f"cannot block Qt: already imported: {', '.join(already)}")
    if not is_installed():
        sys.meta_path.insert(0, QtBlocker())
    os.environ["CLINIC_BLOCK_QT"] = "1"


# --- pytest plugin hooks (active only when loaded with `-p tests.block_qt`) -------------------


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    # Runs as soon as `-p tests.block_qt` is read, before pytest loads its installed plugins.
    if pluginmanager.has_plugin("pytest-qt"):
        raise pytest.UsageError("load tests.block_qt with `-p tests.block_qt`, before pytest-qt loads")
    pluginmanager.set_blocked("pytest-qt")
    for name, (help_text, kind) in _PYTEST_QT_INI.items():
        if kind == "linelist":
            parser.addini(name, help_text, type="linelist")
        else:
            parser.addini(name, help_text)
    install()


def pytest_report_header() -> str:
    return "Qt and ui/ are blocked (tests/block_qt.py): core tests run as if PySide6 were not installed"
