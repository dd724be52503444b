"""Light, dark or the system's colours: a preference of this computer's user, kept in QSettings.

Not a clinic setting (those are in the database and shared by every treatment room): one therapist
works in a dim room, another by a window, and a theme follows the person at the screen, as the
window layout does. Qt 6.8+ is first asked through QStyleHints.setColorScheme, which the native
styles of Windows, macOS and GNOME/KDE honour; where the platform ignores it (plain X11, offscreen)
the Fusion style with a palette of our own gives the same result.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ui.language import QT_TRANSLATE_NOOP
from ui.widgets.alert_colors import is_dark

Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
THEME_LABELS: dict[Theme, str] = {
    "system": QT_TRANSLATE_NOOP("theme", "Same as the system"),
    "light": QT_TRANSLATE_NOOP("theme", "Light"),
    "dark": QT_TRANSLATE_NOOP("theme", "Dark"),
}
SETTINGS_KEY = "appearance/theme"

_SCHEMES = {
    "system": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}
_original_style: list[str] = []  # the style the app started with, to go back to for "system"


def saved_theme() -> Theme:
    value = QSettings().value(SETTINGS_KEY, "system")
    return next((theme for theme in THEMES if theme == value), "system")


def save_theme(theme: Theme) -> None:
    QSettings().setValue(SETTINGS_KEY, theme)


def current_theme_is_dark() -> bool:
    return is_dark(QGuiApplication.palette())


def apply_theme(theme: Theme) -> None:
    """Colour the whole app: every open window follows at once (they get a palette-change event)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8 and later
        hints.setColorScheme(_SCHEMES[theme])
    if not _original_style:
        if theme == "system":  # at start-up: the style and palette are still the platform's own
            return  # (and asking for the style's name costs the first paint some 10 ms)
        _original_style.append(app.style().name())
    if app.style().name() != _original_style[0]:
        app.setStyle(_original_style[0])
    app.setPalette(QPalette())  # an empty palette: the platform's own colours again
    if theme != "system" and is_dark(app.palette()) != (theme == "dark"):
        # The platform did not switch: Fusion draws every control from the palette, so it follows ours.
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if theme == "dark" else light_palette())
    # Widgets under a style sheet took their colours when it was applied: apply it again once the
    # new palette has reached them (it arrives as posted events). At start-up there are none yet.
    if QApplication.topLevelWidgets():
        QTimer.singleShot(0, _restyle_style_sheets)


def _restyle_style_sheets() -> None:
    for top in QApplication.topLevelWidgets():
        for widget in [top, *top.findChildren(QWidget)]:
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet(sheet)


def light_palette() -> QPalette:
    app = QApplication.instance()
    return app.style().standardPalette() if isinstance(app, QApplication) else QPalette()


def dark_palette() -> QPalette:
    """Dark grey surfaces with light text; every text colour has a contrast of at least 4.5:1 on its surface."""
    roles = QPalette.ColorRole
    window, base, alternate = QColor("#2b2b2b"), QColor("#1f1f1f"), QColor("#292929")
    text, muted, disabled = QColor("#e8e8e8"), QColor("#a8a8a8"), QColor("#7a7a7a")
    palette = QPalette()
    colours = {
        roles.Window: window,
        roles.WindowText: text,
        roles.Base: base,
        roles.AlternateBase: alternate,
        roles.ToolTipBase: QColor("#3a3a3a"),
        roles.ToolTipText: text,
        roles.PlaceholderText: muted,
        roles.Text: text,
        roles.Button: QColor("#353535"),
        roles.ButtonText: text,
        roles.BrightText: QColor("#ff8a80"),
        roles.Light: QColor("#4a4a4a"),
        roles.Midlight: QColor("#3e3e3e"),
        roles.Mid: QColor("#5c5c5c"),
        roles.Dark: QColor("#181818"),
        roles.Shadow: QColor("#000000"),
        roles.Highlight: QColor("#3d7bd9"),
        roles.HighlightedText: QColor("#ffffff"),
        roles.Link: QColor("#8ab4f8"),
        roles.LinkVisited: QColor("#c58af9"),
        roles.Accent: QColor("#3d7bd9"),
    }
    for role, colour in colours.items():
        palette.setColor(role, colour)
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Base, window)
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Button, QColor("#303030"))
    return palette
