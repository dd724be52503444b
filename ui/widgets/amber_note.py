"""A warning the therapist should read but may overrule: amber, never a block."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class AmberNote(QLabel):
    """Hidden until there is something to warn about."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amberNote")
        self.setWordWrap(True)
        # Warnings are the one place with colours of their own: dark text on amber reads in light
        # and dark themes alike, because both colours are fixed.
        self.setStyleSheet(
            "QLabel#amberNote { color: #4a3400; background: #ffe8a3; border: 1px solid #c98f00;"
            " border-radius: 4px; padding: 0.3em 0.5em; }"
        )
        self.setAccessibleName(self.tr("Warning"))
        self.hide()

    def show_warning(self, message: str | None) -> None:
        self.setText(f"⚠ {message}" if message else "")
        self.setAccessibleDescription(message or "")
        self.setVisible(bool(message))
