"""A message shown right under a field that holds a value the rules do not allow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ui.core_words import core_message
from ui.widgets.alert_colors import AlertLabel

if TYPE_CHECKING:  # the login page shows one at start-up: the core's errors (dataclasses) can wait
    from clinic_app.errors import Problem


class FieldError(AlertLabel):
    """Hidden while the field is fine; otherwise says, in red, what is wrong and what is allowed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "danger", parent)  # a red that reads on light and dark themes
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a message quotes what was typed, "<b>" and all
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)
        self.setAccessibleName(self.tr("Problem with this field"))
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))
        self.setAccessibleDescription(message or "")


def messages_by_path(problems: Iterable[Problem], prefix: str) -> dict[str, str]:
    """The problems under a document path prefix, keyed by their full path (several joined)."""
    found: dict[str, str] = {}
    for problem in problems:
        if problem.path == prefix or problem.path.startswith((prefix + ".", prefix + "[")):
            found[problem.path] = (
                f"{found[problem.path]}; {core_message(problem.message)}"
                if problem.path in found
                else core_message(problem.message)
            )
    return found
