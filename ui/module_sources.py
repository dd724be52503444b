"""Keep PySide6 from holding the source of every module imported after it (some 30 MiB).

For each module imported once PySide6 is loaded, its `__feature__` support asks whether the
module's source names "PySide6" (shibokensupport.feature._mod_uses_pyside, through
inspect.getsource). inspect reads the file through linecache, which keeps every line of every
module (SQLAlchemy, Alembic, pydantic, ReportLab...) for the life of the process: 12 million
characters, about 30 MiB of a visit's peak memory, and the time to split them into lines.
The same question asked through the module's loader gives the same answer and keeps nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (it loads shibokensupport, whose check is replaced below)


def stop_keeping_module_sources() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):  # absent in another PySide6
        setattr(feature, "_mod_uses_pyside", mentions_pyside)  # noqa: B010  (a module mypy does not know)


def mentions_pyside(module: ModuleType) -> bool:
    """PySide6's own test (the source names "PySide6"; no readable source: no), without linecache."""
    get_source = getattr(getattr(module, "__loader__", None), "get_source", None)
    if get_source is None:
        return False
    try:
        source = get_source(module.__name__)
    except (ImportError, OSError, SyntaxError, UnicodeError):
        return False
    return source is not None and "PySide6" in source
