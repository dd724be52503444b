"""A short free-text note that keeps exactly what was typed: quotes, new lines, non-breaking spaces."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.widgets.read_only_look import show_read_only

# QTextDocument separates paragraphs with U+2029; the form keeps ordinary new lines.
PARAGRAPH_SEPARATOR = "\u2029"
VISIBLE_LINES = 2.4


class NoteEdit(QPlainTextEdit):
    """A two-line note; Tab moves on instead of typing a tab; `edited` fires on typing only."""

    edited = Signal()

    def __init__(self, accessible_name: str = "Note", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self._loaded = ""
        self.setTabChangesFocus(True)
        self.setAccessibleName(accessible_name)
        self.textChanged.connect(self._on_text_changed)

    def note(self) -> str:
        # toPlainText() would turn non-breaking spaces into plain ones; the raw text keeps them.
        text = self.document().toRawText().replace(PARAGRAPH_SEPARATOR, "\n")
        # The editor turns Windows line ends into "\n"; until the text is edited, give back what was loaded.
        return self._loaded if text == _with_plain_line_ends(self._loaded) else text

    def set_note(self, text: str) -> None:
        self._quiet = True
        try:
            self.setPlainText(text)
            self._loaded = text
        finally:
            self._quiet = False

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)
        show_read_only(self, read_only)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().sizeHint().width(), self._height_for_lines())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().minimumSizeHint().width(), self._height_for_lines())

    def _height_for_lines(self) -> int:
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        return int(self.fontMetrics().lineSpacing() * VISIBLE_LINES) + frame

    def _on_text_changed(self) -> None:
        if not self._quiet:
            self.edited.emit()


def _with_plain_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
