"""Red and amber for warnings, in a shade that stays readable on light and on dark themes.

Everything else takes its colours from the palette. Warnings cannot: they must be red or amber
whatever the theme, so a darker shade is used on light backgrounds and a lighter one on dark.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

AlertLevel = Literal["danger", "warning", "muted"]

# Each pair is (on a light background, on a dark background); every shade has a contrast of at
# least 4.5:1 (WCAG AA for text) against white or against #202020 respectively.
_SHADES: dict[str, tuple[str, str]] = {
    "danger": ("#b71c1c", "#ff8a80"),
    "warning": ("#8a4b00", "#ffcc80"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def alert_color(palette: QPalette, level: AlertLevel) -> QColor:
    if level == "muted":
        return palette.color(QPalette.ColorRole.PlaceholderText)
    light, dark = _SHADES[level]
    return QColor(dark if is_dark(palette) else light)


class AlertLabel(QLabel):
    """A label in red, amber or muted text; follows a switch between light and dark themes.

    Coloured when first shown, not when made: a visit has hundreds of these (an error line under
    every field), most never shown, and colouring each at once made opening a visit slow.
    """

    def __init__(self, text: str = "", level: AlertLevel = "danger", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._level: AlertLevel = level
        self._applied = ""

    def set_level(self, level: AlertLevel) -> None:
        self._level = level
        if self.isVisible():
            self._recolour()  # else when shown

    def level(self) -> AlertLevel:
        return self._level

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self._recolour()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if self._applied and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            self._recolour()  # a theme switch; one never shown is coloured when it is

    def _recolour(self) -> None:
        # Judge the theme by the parent's background: our own palette is the one being changed.
        parent = self.parentWidget()
        source = parent.palette() if parent is not None else self.palette()
        colour = alert_color(source, self._level)
        if colour.name() != self._applied:  # setting the palette sends PaletteChange: stop the loop here
            self._applied = colour.name()
            # The text role of the label's own palette: a style sheet on each label was slower still.
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)
