"""The name a screen reader announces for a control, set from the label the therapist sees.

Qt names a drop-down (a non-editable QComboBox) on Linux and macOS by its current choice ("—",
"Neck pain") and leaves what it is for to its label: a QLabel whose buddy it is, which screen
readers announce first ("Where it hurts, combo box, Neck pain"). Where the visible label does not
belong to one drop-down alone (a column heading over every complaint, one row label for a left and
a right leg), a label of its own with no size, beside the drop-down, says it instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

OBJECT_NAME = "screenReaderLabel"


def name_control(control: QWidget, name: str) -> None:
    """Name a control for screen readers; a drop-down also gets the label that says it on Linux and macOS."""
    control.setAccessibleName(name)
    if isinstance(control, QComboBox):
        label = control.findChild(_Follower)
        if label is None:
            label = _Follower(control)
        label.name(name)


class _Follower(QObject):
    """Keeps a drop-down's label beside it (a sibling, as Qt looks for it) when it is moved to a new parent."""

    def __init__(self, control: QComboBox) -> None:
        super().__init__(control)
        self._control = control
        self._label = QLabel()
        self._label.setObjectName(OBJECT_NAME)
        self._label.setBuddy(control)
        self._place()
        control.installEventFilter(self)
        control.destroyed.connect(self._label.deleteLater)

    def name(self, text: str) -> None:
        self._label.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ParentChange:
            self._place()
        return False

    def _place(self) -> None:
        parent = self._control.parentWidget()
        self._label.setParent(parent)
        self._label.setGeometry(0, 0, 0, 0)  # nothing to see or click; still a label screen readers read
        if parent is not None:
            self._label.show()
