"""A combo box that holds a stored value (text) behind each shown choice, and never loses a value.

The visit form keeps every value as text. A value that is not one of the choices (an old draft,
a hand-edited file) is kept as an extra item marked as not a listed choice, so that storing the
form gives it back unchanged and the validation message can point at it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget

from ui.widgets.read_only_look import show_read_only

Choice = tuple[str, str]  # (stored value, text shown)

# Keys that move focus or are shortcuts: still allowed while the combo is read-only.
_NAVIGATION_KEYS = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape})


class ValueCombo(QComboBox):
    """Choices by stored value; `edited` fires only when the user changes the value."""

    edited = Signal()

    def __init__(
        self, choices: Sequence[Choice], placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._quiet = False  # True while the program, not the user, changes the selection
        self._read_only = False
        self._last_value = ""
        # A combo that changes under the scroll wheel while the page scrolls loses values silently.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setPlaceholderText(placeholder)
        self.currentIndexChanged.connect(self._on_index_changed)
        self.set_choices(choices)

    # ---- values ------------------------------------------------------------------------------

    def value(self) -> str:
        data = self.currentData()
        return data if isinstance(data, str) else ""

    def set_value(self, value: str) -> None:
        """Select the value without emitting `edited`; an unknown value is kept as an extra item."""
        self._quietly(lambda: self._select(value))

    def set_choices(self, choices: Sequence[Choice]) -> None:
        """Replace the choices; the current value stays selected if it is still a choice, else none is."""
        current = self.value()

        def replace() -> None:
            self.clear()
            for value, text in choices:
                self.addItem(text, value)
            index = self.findData(current)
            self.setCurrentIndex(index if index >= 0 else self._blank_index())

        self._quietly(replace)

    def choice_values(self) -> list[str]:
        return [str(self.itemData(i)) for i in range(self.count())]

    def _select(self, value: str) -> None:
        index = self.findData(value)
        if index < 0 and value:
            self.addItem(self.tr("{value} (not a listed choice)").format(value=value), value)
            index = self.count() - 1
        self.setCurrentIndex(index if index >= 0 else self._blank_index())

    def _blank_index(self) -> int:
        # A "—" choice stands for nothing recorded; without one, no selection shows the placeholder.
        return max(self.findData(""), -1)

    def _quietly(self, change: Callable[[], None]) -> None:
        self._quiet = True
        try:
            change()
        finally:
            self._quiet = False
            self._last_value = self.value()

    def _on_index_changed(self, _index: int) -> None:
        if self._quiet or self.value() == self._last_value:
            return
        self._last_value = self.value()
        self.edited.emit()

    # ---- read-only: readable and focusable, but the value cannot change -------------------------

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        show_read_only(self, read_only)

    def is_read_only(self) -> bool:
        return self._read_only

    def showPopup(self) -> None:  # noqa: N802 (Qt override)
        if not self._read_only:
            super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self._read_only and event.key() not in _NAVIGATION_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        # Only a focused combo takes the wheel; otherwise the wheel scrolls the page.
        if self._read_only or not self.hasFocus():
            event.ignore()
            return
        super().wheelEvent(event)
