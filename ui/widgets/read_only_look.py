"""How an input of a finished visit looks: its value as plain text, without a box to type in.

A finished visit's inputs stay focusable and readable (a screen reader reads each value, the text
can be selected and copied) but must not look as if they could still be changed. Flat, with no
frame, no drop-down arrow and the page's own background (transparent: right in light and dark
themes alike), each reads as the record it now is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

PROPERTY = "readOnlyLook"  # set on every input shown read-only: what tests and style sheets look for

_FLAT = "{kind} {{ border: none; background: transparent; }}"
_NO_BUTTON = (
    "{kind}::drop-down {{ width: 0px; border: none; }} {kind}::down-arrow {{ image: none; width: 0px; }}"
)


def read_only_style(widget: QWidget) -> str:
    """The style sheet that shows this input read-only."""
    kind = type(widget).__name__
    sheet = _FLAT.format(kind=kind)
    if isinstance(widget, QComboBox | QAbstractSpinBox):
        sheet += " " + _NO_BUTTON.format(kind=kind)
    return sheet


def show_read_only(widget: QWidget, read_only: bool, extra_style: str = "") -> None:
    """Flat while read-only; `extra_style` is the input's own style sheet, kept either way."""
    widget.setProperty(PROPERTY, read_only)
    own = [extra_style] if extra_style else []
    widget.setStyleSheet(" ".join([read_only_style(widget), *own] if read_only else own))


def looks_read_only(widget: QWidget) -> bool:
    return bool(widget.property(PROPERTY))
