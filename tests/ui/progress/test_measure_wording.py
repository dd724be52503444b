"""LEFS on screen with the clinic's wording, as a clinic would set it up and use it with the demo
patient Teresa Ramos: without the wording the screen says it must come from the clinic and offers
paper entry; an admin imports the clinic's file (File > Outcome measure wording); then the answer
sheet shows the items, and the patient fills the LEFS in large type, each answer in words, and the
saved score shows its change since the episode's first and that it is meaningful."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.domain import Language, Region
from clinic_app.outcome_wording import read_wording
from clinic_app.outcomes import find_measure
from clinic_app.storage.measure_wordings import StoredWording
from tests.clinic_app.logins import PASSWORD
from tests.clinic_app.wordings import LEFS_SCALE, lefs_yaml
from tests.ui.modal import answering_modal
from tests.ui.progress.test_episodes import demo_window
from tests.ui.progress.test_outcome_measures import choose, follow_up_outcomes, outcomes_of_a_follow_up
from tests.ui.shell import OFFSCREEN_MENUS, menu_item, own_settings  # noqa: F401 - the fixture, by name
from tests.ui.translations import screens_in
from ui.admin.wording_dialog import MeasureWordingDialog
from ui.main_window import MainWindow
from ui.outcomes.outcomes_dialog import OutcomeCalls, OutcomesDialog
from ui.outcomes.patient_mode import PatientMode

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)
pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]


def import_wording(
    qtbot: QtBot, window: MainWindow, file: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """File > Outcome measure wording, LEFS selected, Import: the file chosen; the rows it then shows."""
    monkeypatch.setattr(MeasureWordingDialog, "_ask_for_file", lambda _self, _parent: str(file))
    seen: list[str] = []

    def answer(modal: QWidget) -> None:
        assert isinstance(modal, MeasureWordingDialog)
        qtbot.waitUntil(lambda: modal.row_texts()[0][1] != "")
        assert [name.split(":")[0] for name, _status in modal.row_texts()] == [
            "LEFS",
            "NDI",
            "ODI",
            "QUICKDASH",
        ]
        assert modal.row_texts()[0][1] == "Not supplied: answers are entered from paper"
        assert not modal.remove_button.isEnabled()
        qtbot.mouseClick(modal.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: modal.message.isVisible())
        seen.extend([modal.message.text(), modal.row_texts()[0][1]])
        modal.accept()

    with answering_modal(qtbot, answer):
        menu_item(qtbot, Qt.Key.Key_F, Qt.Key.Key_R)  # File > Outcome measure wording
    return seen


def test_without_the_clinics_wording_lefs_is_paper_only_and_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    _window, _editor, dialog = follow_up_outcomes(qtbot, tmp_path)
    choose(dialog, "LEFS")
    assert not dialog.patient_button.isEnabled()
    assert "must be supplied by the clinic" in dialog.licence.text()
    assert "enter the answers from the paper form" in dialog.licence.text()
    sheet = dialog.sheet
    assert sheet is not None
    assert "1. Item 1 (on your licensed form)" in [label.text() for label in sheet.findChildren(QLabel)]


def test_a_file_that_does_not_fit_is_refused_with_its_problems(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window(qtbot, tmp_path)
    short = tmp_path / "lefs.yaml"
    short.write_text(lefs_yaml(items=19), encoding="utf-8")
    message, status = import_wording(qtbot, window, short, monkeypatch)
    assert (
        message
        == "Nothing was imported; the file does not fit the measure:\nitems: LEFS has 20 items, got 19"
    )
    assert status == "Not supplied: answers are entered from paper"


def test_the_patient_fills_in_the_clinics_lefs_and_sees_a_meaningful_change(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window(qtbot, tmp_path)
    file = tmp_path / "lefs.yaml"
    file.write_text(lefs_yaml(), encoding="utf-8")
    message, status = import_wording(qtbot, window, file, monkeypatch)
    assert message == "LEFS: the clinic's wording imported."
    assert status.startswith("20 items in English and Spanish (Test copy), imported by ")
    _window, _editor, dialog = outcomes_of_a_follow_up(qtbot, window)
    choose(dialog, "LEFS")
    qtbot.waitUntil(lambda: dialog.patient_button.isEnabled())
    assert "Items as worded by the clinic (Test copy)." in dialog.licence.text()
    sheet = dialog.sheet
    assert sheet is not None
    assert "Cannot" in sheet.answers[0].toolTip()
    qtbot.mouseClick(dialog.patient_button, Qt.MouseButton.LeftButton)
    mode = dialog.findChild(PatientMode)
    assert isinstance(mode, PatientMode)
    qtbot.waitUntil(mode.isVisible)
    assert mode.question.text() == "Test activity 1"  # Teresa's language is English
    assert [b.text() for b in mode.answer_buttons] == ["0", "1", "2", "3", "4"]
    assert [w.text() for w in mode.answer_words] == LEFS_SCALE
    assert mode.answer_buttons[4].accessibleName() == "Answer 4: No trouble"
    for item in range(20):
        assert mode.question.text() == f"Test activity {item + 1}"
        if item % 2:
            qtbot.mouseClick(mode.answer_buttons[3], Qt.MouseButton.LeftButton)
        else:
            qtbot.mouseClick(mode.answer_words[3], Qt.MouseButton.LeftButton)  # "Little trouble"
    assert mode.pages.currentIndex() == 1
    qtbot.keyClicks(mode.password, PASSWORD)
    qtbot.mouseClick(mode.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not mode.isVisible())
    assert sheet.values() == (3,) * 20
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(row[0].startswith("LEFS") for row in dialog.row_texts()))
    _name, score, change = next(r for r in dialog.row_texts() if r[0].startswith("LEFS"))
    assert score == "60 / 80"
    assert change.startswith("+22 since ")
    assert "meaningful (reaches the MCID of 9)" in change


def test_a_spanish_speaking_patient_is_asked_in_the_clinics_spanish(qtbot: QtBot) -> None:
    lefs = find_measure("lefs")
    stored = StoredWording("lefs", read_wording(lefs, lefs_yaml().encode(), "lefs.yaml"), "admin", NOW)
    calls = OutcomeCalls(
        record=lambda _record, _done: None,
        remove=lambda _key, _done: None,
        judge=lambda _goal, _met, _done: None,
        progress=lambda _done: None,
        verify_password=lambda _password, done: done(True),
        lock=lambda: None,
        wordings=lambda done: done({"lefs": stored}),
        language=Language.ES,
    )
    dialog = OutcomesDialog("visit-1", [Region.KNEE], calls)
    qtbot.addWidget(dialog)
    choose(dialog, "LEFS")
    qtbot.mouseClick(dialog.patient_button, Qt.MouseButton.LeftButton)
    mode = dialog.findChild(PatientMode)
    assert isinstance(mode, PatientMode)
    assert mode.question.text() == "Actividad de prueba 1"
    assert mode.answer_words[4].text() == "Respuesta 4"
    assert mode.answer_words[4].wordWrap()
    mode.reject()


def test_in_spanish_each_measure_and_its_licence_read_in_spanish(qtbot: QtBot, tmp_path: Path) -> None:
    with screens_in("es"):
        window = demo_window(qtbot, tmp_path)
        seen: list[tuple[str, str]] = []

        def read(modal: QWidget) -> None:
            assert isinstance(modal, MeasureWordingDialog)
            for row in range(modal.table.rowCount()):
                item = modal.table.item(row, 0)
                assert item is not None
                seen.append((item.text(), item.toolTip()))
            modal.accept()

        with answering_modal(qtbot, read):
            window.actions_by_name["wording"].trigger()  # File > Redacción de las medidas de resultado
    lefs = find_measure("lefs")
    assert seen[0] == (f"LEFS: {lefs.name.es}", f"Licencia: {lefs.licence.es}")
    assert all(tip.startswith("Licencia: El texto de las preguntas no se incluye") for _name, tip in seen)
