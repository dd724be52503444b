"""Stored numbers shown back in Spanish as a Spanish speaker types them (8,5), wherever they come back:
a finished visit's measurements, outcome scores and their changes, the episode's progress and goals.

Reproduced before the fix: a toe-to-wall distance typed "8,5" came back "8.5" once the visit was
finished; the PSFS's 7.67 and a goal's target showed with a point; a goal target typed "8,5" was refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QMessageBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.domain import ScreenId
from ui.main_window import MainWindow
from ui.progress.goals_dialog import GoalsDialog
from ui.widgets.measurement_field import MeasurementField

from .modal import answering_modal
from .progress.test_episodes import choose_teresa, demo_window, open_first_episode
from .progress.test_outcome_measures import choose, outcomes_of_a_follow_up, type_answer
from .shell import OFFSCREEN_MENUS, own_settings, window_with_visit  # noqa: F401 - own_settings: the fixture
from .translations import screens_in

pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    with screens_in("es"):
        QLocale.setDefault(QLocale("es_ES"))  # whatever this computer's own locale is
        yield


def test_a_finished_visit_shows_its_measurement_as_typed(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_with_visit(qtbot, tmp_path)
    editor = window.editor
    assert editor is not None
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(editor.tabs.indexOf(editor.screening)).center()
    )
    field = editor.screening.card(ScreenId.ANKLE_MOBILITY).inputs["left.toe_to_wall_cm"]
    assert isinstance(field, MeasurementField)
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field.edit, "8,5")

    def yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        button = box.button(QMessageBox.StandardButton.Yes)
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    with answering_modal(qtbot, yes):
        qtbot.mouseClick(editor.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.read_only)
    # Shown again from what was stored (8.5): as it was typed.
    field = editor.screening.card(ScreenId.ANKLE_MOBILITY).inputs["left.toe_to_wall_cm"]
    assert isinstance(field, MeasurementField)
    assert field.edit.text() == "8,5"


def texts(table: QTableWidget) -> list[str]:
    return [
        item.text()
        for row in range(table.rowCount())
        for column in range(table.columnCount())
        if (item := table.item(row, column)) is not None
    ]


def episode_page(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = demo_window(qtbot, tmp_path)
    choose_teresa(qtbot, window)
    open_first_episode(qtbot, window)
    return window


def test_the_episode_s_progress_and_goals_read_in_the_locale(qtbot: QtBot, tmp_path: Path) -> None:
    window = episode_page(qtbot, tmp_path)
    view = window.episode_control.view
    psfs = next(text for text in texts(view.measures) if "7,67" in text)  # the demo's last PSFS
    assert "." not in psfs, psfs
    qtbot.mouseClick(view.goals_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(GoalsDialog)
    assert isinstance(dialog, GoalsDialog)
    qtbot.mouseClick(dialog.add_measure_button, Qt.MouseButton.LeftButton)
    row = dialog.rows[-1]
    assert isinstance(row.what, QComboBox)
    row.what.setCurrentIndex(row.what.findData("psfs"))
    qtbot.keyClicks(row.target, "8,5")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.goals.rowCount() == 3)
    assert view.cell(view.goals, 2, 1).text() == "8,5"
    qtbot.mouseClick(view.goals_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(GoalsDialog)))
    again = next(d for d in window.findChildren(GoalsDialog) if d.isVisible())
    assert [r.target.text() for r in again.rows] == ["60", "Two flights without holding the rail", "8,5"]
    again.reject()


def test_an_outcome_score_and_its_change_read_in_the_locale(qtbot: QtBot, tmp_path: Path) -> None:
    _window, _editor, dialog = outcomes_of_a_follow_up(qtbot, demo_window(qtbot, tmp_path))
    choose(dialog, "ODI")
    sheet = dialog.sheet
    assert sheet is not None
    for box, answer in zip(sheet.answers[:9], "222222211", strict=True):
        type_answer(qtbot, box, answer)  # one section left blank: 16 of 45
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(row[0].startswith("ODI") for row in dialog.row_texts()))
    row = next(r for r in dialog.row_texts() if r[0].startswith("ODI"))
    assert row[1] == "35,56 / 100"
