"""Dark mode: chosen in Settings (or View > Theme), kept on this computer, applied to the whole app.

The drawings stay dark-on-white, on a light rounded card of their own; around them, the window
takes the theme's colours.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.settings.settings_dialog import SettingsDialog
from ui.theme import SETTINGS_KEY, saved_theme
from ui.visit.body_chart import BodyChart
from ui.widgets.picture_card import CARD_COLOUR

from .modal import answering_modal
from .shell import ALT, CTRL, OFFSCREEN_MENUS, Key, own_settings, press, window_with_visit  # noqa: F401 - own_settings: the fixture

pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]
ROOT = Path(__file__).resolve().parents[2]


def choose_theme_in_settings(qtbot: QtBot, window: MainWindow, label: str) -> None:
    """Ctrl+, opens Settings; a click on Appearance, Alt+T and the theme's first letters, OK clicked."""

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        pages = dialog.findChild(QListWidget, "settingsPageList")
        assert pages is not None
        item = pages.findItems("Appearance", Qt.MatchFlag.MatchExactly)[0]
        qtbot.mouseClick(pages.viewport(), Qt.MouseButton.LeftButton, pos=pages.visualItemRect(item).center())
        combo = dialog.findChild(QComboBox, "themeCombo")
        assert combo is not None
        assert combo.isVisible()
        qtbot.keyClick(dialog, Key.Key_T, ALT)  # "&Theme:"
        assert QApplication.focusWidget() is combo
        qtbot.keyClicks(combo, label[:2])  # the first letters pick the choice, as in any list
        assert combo.currentText() == label
        ok = dialog.findChild(QWidget, "settingsOkButton")
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    with answering_modal(qtbot, choose):
        press(qtbot, Key.Key_Comma, CTRL)


def pixel(image: QImage, point: QPoint) -> QColor:
    return image.pixelColor(point)


def chart_colours(qtbot: QtBot, chart: BodyChart) -> tuple[QColor, QColor]:
    """What the user sees: the chart's background beside the cards, and a card's own colour."""
    image = chart.grab().toImage()
    card = chart.card_rects()[0]
    beside = QPoint(2, round(card.center().y()))  # left of the first card
    on_card = QPoint(
        round(card.left() + 4), round(card.center().y())
    )  # the card's margin, left of the drawing
    return pixel(image, beside), pixel(image, on_card)


def test_dark_chosen_in_settings_darkens_the_app_but_not_the_body_charts_card(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    editor.tabs.setCurrentWidget(editor.complaints)
    chart = editor.complaints.findChild(BodyChart)
    assert chart is not None
    assert chart.isVisible()
    light_background, light_card = chart_colours(qtbot, chart)
    assert light_background.lightness() > 200
    assert light_card == CARD_COLOUR

    choose_theme_in_settings(qtbot, window, "Dark")

    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 80
    assert palette.color(QPalette.ColorRole.WindowText).lightness() > 200
    qtbot.waitUntil(lambda: chart.palette().color(QPalette.ColorRole.Window).lightness() < 80)
    dark_background, dark_card = chart_colours(qtbot, chart)
    assert dark_background.lightness() < 80  # the chart follows the theme around its cards...
    assert dark_card == CARD_COLOUR  # ...and the drawing keeps its light card
    assert saved_theme() == "dark"
    assert QSettings().value(SETTINGS_KEY) == "dark"
    assert window.theme_actions["dark"].isChecked()

    choose_theme_in_settings(qtbot, window, "Light")
    qtbot.waitUntil(lambda: chart.palette().color(QPalette.ColorRole.Window).lightness() > 200)
    assert chart_colours(qtbot, chart) == (light_background, light_card)
    assert saved_theme() == "light"


def test_cancel_in_settings_keeps_the_theme(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)

    def cancel(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox, "themeCombo")
        assert combo is not None
        combo.setCurrentIndex(combo.findText("Dark"))
        cancel_button = dialog.findChild(QWidget, "settingsCancelButton")
        assert cancel_button is not None
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)

    with answering_modal(qtbot, cancel):
        press(qtbot, Key.Key_Comma, CTRL)
    assert saved_theme() == "system"
    assert window.palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_the_system_theme_brings_back_the_platforms_style_and_colours(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    system = (QApplication.style().name(), QApplication.palette().color(QPalette.ColorRole.Window))

    choose_theme_in_settings(qtbot, window, "Dark")
    assert QApplication.palette().color(QPalette.ColorRole.Window) != system[1]
    choose_theme_in_settings(qtbot, window, "Same as the system")

    assert (QApplication.style().name(), QApplication.palette().color(QPalette.ColorRole.Window)) == system
    assert saved_theme() == "system"


START_DARK = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from ui.app import start
app, window = start(sys.argv)
print("window", app.palette().color(QPalette.ColorRole.Window).lightness(), flush=True)
"""


def test_the_app_starts_in_the_theme_chosen_last_time(tmp_path: Path) -> None:
    settings = tmp_path / "Clinic App" / "Clinic App.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[appearance]\ntheme=dark\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    env["CLINIC_APP_DATABASE_URL"] = f"sqlite:///{tmp_path / 'clinic.db'}"
    done = subprocess.run(
        [sys.executable, "-c", START_DARK], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lightness = int(done.stdout.split("window ", 1)[1].split()[0])
    assert lightness < 80


def test_exercise_pictures_are_drawn_on_a_rounded_light_card(qtbot: QtBot) -> None:
    """Plan rows and the exercise library show the drawing on a card: rounded, so no square white box."""
    from clinic_app.exercises import load_library
    from ui.widgets.exercise_display import exercise_pixmap

    exercise = next(iter(load_library().exercises.values()))
    image = exercise_pixmap(exercise, 60, 1.0).toImage()
    assert image.pixelColor(0, 0).alpha() == 0  # the corner is cut off: the window shows through
    middle_of_left_edge = image.pixelColor(2, image.height() // 2)
    assert middle_of_left_edge.lightness() > 240
