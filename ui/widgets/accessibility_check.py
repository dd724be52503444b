"""Find the controls a screen-reader user could not identify (used by the widget tests).

An accessible name is not always what a screen reader says: on Linux and macOS Qt names a drop-down
by its current choice and announces its label (a QLabel whose buddy it is) instead, so a check of
accessibleName() alone passes where the user hears "—". announced_name() is what they hear.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

# Controls whose inner parts (a combo box's popup list, a spin box's line edit) Qt builds itself;
# those parts are announced by the control's own name.
_COMPOSITE_CONTROLS = (QComboBox, QAbstractSpinBox)


def controls_without_accessible_name(root: QWidget) -> list[QWidget]:
    """Every widget under root that takes keyboard focus by Tab but has no accessible name."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not widget.accessibleName()
        and not _inside_composite(widget, root)
    ]


def _inside_composite(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parent()
    while isinstance(parent, QWidget) and parent is not root:
        if isinstance(parent, _COMPOSITE_CONTROLS):
            return True
        parent = parent.parent()
    return False


def announced_name(widget: QWidget) -> str:
    """The name a screen reader announces for a control.

    Qt's own name for it, except where Qt names a control by its value (a drop-down on Linux and
    macOS): there the screen reader announces its label first, found through the label relation.
    """
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name)
    if name and name != interface.text(QAccessible.Text.Value):
        return name
    labels = [
        other.text(QAccessible.Text.Name)
        for other, relation in interface.relations(QAccessible.RelationFlag.Label)
        if relation & QAccessible.RelationFlag.Label
    ]
    return "; ".join(label for label in labels if label) or name
