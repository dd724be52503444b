"""PySide6 no longer keeps the source of every module imported after it (ui/module_sources.py)."""

from __future__ import annotations

import subprocess
import sys

# A fresh process: in the test run, most modules were imported long before.
IMPORT_AFTER_UI = """
import linecache
import PySide6.QtCore
import ui
from shibokensupport import feature
import sqlalchemy.orm, ui.app
before = set(linecache.cache)
import ui.visit.editor
kept = [name for name in set(linecache.cache) - before if name.endswith(".py")]
print(len(kept), feature.pyside_feature_dict["sqlalchemy.orm"], feature.pyside_feature_dict["ui.language"])
"""


def test_modules_imported_after_the_ui_leave_no_source_behind() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORT_AFTER_UI], capture_output=True, text=True, check=True)
    # None kept; PySide6's answer is unchanged: ui.language uses PySide6 (0), SQLAlchemy does not (-1).
    assert done.stdout.split() == ["0", "-1", "0"]
