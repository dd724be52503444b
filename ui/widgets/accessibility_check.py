"""Find the controls a screen-reader user could not identify (used by the widget tests)."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
