"""A measurement typed as text with its unit after it.

It accepts whatever is typed, even text that is not a number: the visit form keeps it as typed and
validation says what is wrong under the field, so nothing the therapist typed is ever thrown away.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.language import QT_TRANSLATE_NOOP, typed_number
from ui.widgets.read_only_look import show_read_only

# Wide enough for "180.5" and a little more, measured in the font's characters (scales with DPI and font).
FIELD_WIDTH_CHARS = 7


class MeasurementField(QWidget):
    """A line edit plus a unit label; `edited` fires on the user's typing only."""

    edited = Signal()

    def __init__(self, unit: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(f"{accessible_name}, {unit_words(unit)}")
        self.edit.setPlaceholderText("—")
        width = self.edit.fontMetrics().horizontalAdvance("0" * FIELD_WIDTH_CHARS)
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width * 2)
        self.unit = QLabel(unit)
        self.unit.setBuddy(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.unit)
        layout.addStretch(1)
        # No focus proxy: Tab and the window's tab order deal with the line edit itself. (With the
        # edit as this widget's focus proxy, chaining the edits put the last card's last field
        # before the first card's, and Tab never left the screening cards.)
        # textEdited, not textChanged: loading a value must not look like an edit.
        self.edit.textEdited.connect(self.edited)

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, text: str) -> None:
        """A stored number as it would be typed here (8,5 in Spanish); anything else as it was typed."""
        self.edit.setText(typed_number(text))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        show_read_only(self.edit, read_only)


def unit_words(unit: str) -> str:
    """The unit as a screen reader should say it."""
    words = {
        "°": QT_TRANSLATE_NOOP("measurement_field", "degrees"),
        "cm": QT_TRANSLATE_NOOP("measurement_field", "centimetres"),
    }
    return QCoreApplication.translate("measurement_field", words[unit]) if unit in words else unit
