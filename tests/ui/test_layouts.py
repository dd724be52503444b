"""Layouts that hold from 1024 x 700 to 1920 x 1080, and a window that opens on the screen at any scale.

Reproduced before the fix: at 1280 x 800 the screening cards had a sideways scrollbar; at 1024 x 700
the triage panel shrank to about 60 pixels ("EMERGENCY" broke letter by letter) and the window could
not be made that narrow; at a scale factor of 1.5 the window opened taller than the screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QAbstractButton, QComboBox, QScrollArea, QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from ui.language import UiLanguage
from ui.visit.editor import TRIAGE_MIN_CHARS

from .shell import own_settings, window_with_visit  # noqa: F401 - own_settings: the fixture
from .translations import screens_in

pytestmark = pytest.mark.usefixtures("own_settings")
ROOT = Path(__file__).resolve().parents[2]
# What a line of the triage panel needs to read as a line: a few words, and "EMERGENCY" whole.
TRIAGE_MIN_PX = 200


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_visit_fits_the_window_with_a_readable_triage_panel(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = window_with_visit(qtbot, tmp_path)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    editor = window.editor
    assert editor is not None
    side = editor.triage_panel.parentWidget()
    assert side is not None
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        section = editor.tabs.currentWidget()
        qtbot.waitUntil(section.isVisible)
        if section is editor.screening:
            area = editor.screening.scroll_area
            sideways = area.horizontalScrollBar()
            qtbot.waitUntil(lambda: not sideways.isVisible(), timeout=1000)  # noqa: B023 - used at once
            content = area.widget()
            assert content is not None
            assert content.width() <= area.viewport().width()
        qtbot.wait(20)  # let the layouts settle
        # Nothing cut off at the right: every visible button lies inside its section.
        inside = section.rect()
        for button in section.findChildren(QAbstractButton):
            if button.isVisible() and not _in_scroll_area(button):
                where = QRect(button.mapTo(section, button.rect().topLeft()), button.size())
                assert inside.contains(where), (button.text(), where, inside, size)
        assert editor.triage_panel.width() >= TRIAGE_MIN_PX, size
        assert side.width() >= side.fontMetrics().averageCharWidth() * TRIAGE_MIN_CHARS
        assert editor.width() + window.patients.width() <= window.width()


def test_the_triage_panel_cannot_be_dragged_shut(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    window.resize(1024, 700)
    editor = window.editor
    assert editor is not None
    splitter = editor.splitter
    handle = splitter.handle(1)
    start = handle.rect().center()  # drag the handle far to the right
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(2000, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(2000, 0))
    assert editor.triage_panel.width() >= TRIAGE_MIN_PX
    assert all(not splitter.isCollapsible(i) for i in range(splitter.count()))


def test_the_screening_cards_stack_when_narrow_and_sit_side_by_side_when_wide(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    editor.tabs.setCurrentWidget(editor.screening)
    card = editor.screening.cards[2]  # the hips: the widest card
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: editor.screening._reflow.narrow)
    first_input = next(iter(card.inputs.values()))
    svg = card.findChild(QSvgWidget)
    assert svg is not None
    assert svg.geometry().bottom() < first_input.mapTo(card, first_input.rect().topLeft()).y()  # above
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: not editor.screening._reflow.narrow)
    assert svg.geometry().right() < first_input.mapTo(card, first_input.rect().topLeft()).x()  # beside


def _in_scroll_area(widget: QAbstractButton) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


OPEN = """
import json, sys
from ui.app import start
app, window = start(sys.argv)
window.show()
app.processEvents()
frame, available = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({"frame": frame.getRect(), "available": available.getRect(), "ratio": window.devicePixelRatio()}))
"""


@pytest.mark.parametrize("scale", ["1", "1.25", "1.5", "2"])
def test_the_window_opens_within_the_screen_at_any_scale(tmp_path: Path, scale: str) -> None:
    """A 1920 x 1080 screen (offscreen, set by a config file) at QT_SCALE_FACTOR 1 to 2, as `clinic-app` starts."""
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1080}]}),
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_SCALE_FACTOR=scale)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"
    env["CLINIC_APP_DATABASE_URL"] = f"sqlite:///{tmp_path / 'clinic.db'}"
    env["XDG_CONFIG_HOME"] = env["XDG_STATE_HOME"] = env["XDG_DATA_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", OPEN], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    frame, available = QRect(*shown["frame"]), QRect(*shown["available"])
    assert shown["ratio"] == float(scale)
    assert available.width() == round(1920 / float(scale))
    assert available.contains(frame), f"window {frame} is not inside the screen {available}"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_print_choices_show_every_choice_whole(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], language: UiLanguage
) -> None:
    """Reproduced before: "Patient handout (…" and "Patient's languag" at any width, in both languages."""
    with screens_in(language):
        window = window_with_visit(qtbot, tmp_path)
        window.resize(*size)
        qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
        editor = window.editor
        assert editor is not None
        bar = editor.tabs.tabBar()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(4).center())
        section = editor.preview
        qtbot.waitUntil(section.isVisible)
        qtbot.wait(20)  # let the layouts settle
        for combo in (section.which, section.language):
            shown = _text_room(combo)
            for index in range(combo.count()):
                text = combo.itemText(index)
                assert combo.fontMetrics().horizontalAdvance(text) <= shown, (text, shown, size)
            where = QRect(combo.mapTo(section, QPoint(0, 0)), combo.size())
            assert section.rect().contains(where), (combo.accessibleName(), where, size)
        assert window.minimumSizeHint().width() <= 1024


def _text_room(combo: QComboBox) -> int:
    """The width a combo box has for the text of its current choice (inside its frame and arrow)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()
