"""Every desktop test starts with the screens in English, its plural forms included (ui/language.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui.language import install_language


@pytest.fixture(autouse=True, scope="session")
def _english_screens(qapp: QApplication) -> None:
    install_language("en")
