"""A warning the therapist should read but may overrule: amber, never a block."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

# Warnings are the one place with colours of their own: dark text on amber reads in light and dark
# themes alike, because both colours are fixed. Shared by every amber warning (ui/backups.py too).
AMBER_TEXT, AMBER_BACKGROUND, AMBER_BORDER = "#4a3400", "#ffe8a3", "#c98f00"


class AmberNote(QLabel):
    """Hidden until there is something to warn about."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amberNote")
        self.setWordWrap(True)
        self.setStyleSheet(
            f"QLabel#amberNote {{ color: {AMBER_TEXT}; background: {AMBER_BACKGROUND};"
            f" border: 1px solid {AMBER_BORDER}; border-radius: 4px; padding: 0.3em 0.5em; }}"
        )
        self.setAccessibleName(self.tr("Warning"))
        self.hide()

    def show_warning(self, message: str | None) -> None:
        self.setText(f"⚠ {message}" if message else "")
        self.setAccessibleDescription(message or "")
        self.setVisible(bool(message))
