"""Episodes of care on the desktop, as a therapist uses them with the demo patient Teresa Ramos
(D-1021, three visits over six weeks): see her episode, its progress and charts, follow up, discharge,
open a new episode and print the progress report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from clinic_app.domain import DocumentSettings, ScreenId
from clinic_app.storage.audit import AuditService
from clinic_app.storage.demo import load_demo
from tests.ui.shell import (  # noqa: F401 - own_settings, the fixture by name
    CLINIC,
    logged_in_clinic,
    open_window,
    own_settings,
)
from ui.main_window import MainWindow
from ui.progress.line_chart import LineChart
from ui.visit.editor import VisitEditor
from ui.widgets.measurement_field import MeasurementField

pytestmark = pytest.mark.usefixtures("own_settings")
DEMO_MRN = "D-1021"


def demo_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    clinic = logged_in_clinic(url)
    clinic.save_settings(CLINIC, DocumentSettings(), 10)
    load_demo(clinic.database, clinic.user)
    clinic.database.dispose()
    return open_window(qtbot, url)


def choose_teresa(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.patients
    qtbot.keyClicks(panel.search, DEMO_MRN)
    qtbot.waitUntil(lambda: panel.results.count() == 1)
    panel.results.setCurrentRow(0)
    qtbot.waitUntil(lambda: panel.episodes.count() >= 1)


def open_first_episode(qtbot: QtBot, window: MainWindow) -> None:
    episodes = window.patients.episodes
    rect = episodes.visualItemRect(episodes.item(0))
    qtbot.mouseClick(episodes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(episodes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = window.episode_control.view
    qtbot.waitUntil(lambda: window.stack.currentWidget() is view and view.progress is not None)


def start_teresa_s_follow_up(qtbot: QtBot, window: MainWindow) -> VisitEditor:
    """The demo's Teresa chosen, her episode opened, and New follow-up clicked: its editor. (The
    test the every-control registry names for New follow-up clicks it in its own body.)"""
    choose_teresa(qtbot, window)
    open_first_episode(qtbot, window)
    qtbot.mouseClick(window.episode_control.view.follow_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.editor is not None)
    editor = window.editor
    assert editor is not None
    return editor


def test_the_episode_shows_its_visits_progress_and_charts(qtbot: QtBot, tmp_path: Path) -> None:
    window = demo_window(qtbot, tmp_path)
    choose_teresa(qtbot, window)
    line = window.patients.episodes.item(0).text()
    assert "· open" in line
    assert "3 visits" in line
    open_first_episode(qtbot, window)
    view = window.episode_control.view
    measures = {view.cell(view.measures, r, 0).text(): r for r in range(view.measures.rowCount())}
    lefs = measures["Lower Extremity Functional Scale"]
    assert len(view.cell(view.measures, lefs, 1).text().split(" → ")) == 3
    assert "meaningful (MCID 9)" in view.cell(view.measures, lefs, 2).text()
    assert "Binkley" in view.cell(view.measures, lefs, 2).toolTip()
    titles = view.chart_titles()
    assert any(t.startswith("Lower Extremity Functional Scale") for t in titles)
    chart = next(w for w in view.findChildren(LineChart) if w.data.title.startswith("Lower Extremity"))
    assert len(chart.data.values) == 3
    assert chart.grab().width() > 0  # paints without a warning


def test_follow_up_starts_from_the_last_visit(qtbot: QtBot, tmp_path: Path) -> None:
    window = demo_window(qtbot, tmp_path)
    choose_teresa(qtbot, window)
    open_first_episode(qtbot, window)
    view = window.episode_control.view
    qtbot.mouseClick(view.follow_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.editor is not None)
    editor = window.editor
    assert editor is not None
    assert editor.form.date == dt.date.today().isoformat()
    assert editor.plan.entries(), "the last plan is carried forward"
    # The last visit's toe-to-wall (9.5 cm) beside the new entry, with the change.
    card = editor.screening.card(ScreenId.ANKLE_MOBILITY)
    field = card.inputs["left.toe_to_wall_cm"]
    assert isinstance(field, MeasurementField)
    qtbot.keyClicks(field.edit, "11")
    qtbot.waitUntil(lambda: "9.5 cm → 11 cm, +1.5 cm" in card.last_time.text())
    assert card.last_time.text().startswith("Last time (")
    # Reopened later (another visit in between, or the app restarted): last time is still beside it.
    window.save_now()
    follow_up = editor.stored
    window.new_visit(follow_up.patient_id)  # another visit in between
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.stored.id != follow_up.id)
    window.open_visit(follow_up.id)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.stored.id == follow_up.id)
    editor = window.editor
    assert editor is not None
    card = editor.screening.card(ScreenId.ANKLE_MOBILITY)
    assert "9.5 cm → 11 cm, +1.5 cm" in card.last_time.text()
    # The carried plan: the calf stretch is at its hardest step; a step down and back up again.
    plan = editor.plan
    before = plan.entries()[0]
    editor.tabs.setCurrentWidget(plan)
    plan.select_row(0)
    qtbot.mouseClick(plan.progress_button, Qt.MouseButton.LeftButton)
    assert plan.step_note.text().endswith("already at its hardest step.")
    assert plan.entries()[0] == before
    qtbot.mouseClick(plan.regress_button, Qt.MouseButton.LeftButton)
    assert plan.step_note.text().startswith("Regressed: "), plan.step_note.text()
    assert plan.entries()[0] != before
    qtbot.mouseClick(plan.progress_button, Qt.MouseButton.LeftButton)
    assert plan.step_note.text().startswith("Progressed: "), plan.step_note.text()
    assert plan.entries()[0] == before
    qtbot.waitUntil(lambda: "5 visits" in window.patients.episodes.item(0).text())  # and the one in between
    # The handout of the follow-up tells the patient what changed since last time (the red flags are
    # asked again at every visit: no handout before).
    qtbot.mouseClick(plan.regress_button, Qt.MouseButton.LeftButton)
    editor.tabs.setCurrentWidget(editor.red_flags)
    qtbot.mouseClick(editor.red_flags.none_button, Qt.MouseButton.LeftButton)
    editor.tabs.setCurrentWidget(editor.preview)
    qtbot.waitUntil(lambda: editor.preview.page_count > 0, timeout=10000)
    document = pdfium.PdfDocument(editor.preview.pdf_bytes)
    try:
        text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()
    assert "What changed since your last visit" in text
    assert "a little easier now" in text


def test_discharge_and_a_new_episode(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.progress.episode_control as episode_control
    from ui.progress.episode_dialogs import DischargeDialog, NewEpisodeDialog

    window = demo_window(qtbot, tmp_path)
    choose_teresa(qtbot, window)
    open_first_episode(qtbot, window)
    view = window.episode_control.view

    def discharge_today(dialog: DischargeDialog) -> int:
        return 1

    monkeypatch.setattr(DischargeDialog, "exec", discharge_today)
    qtbot.mouseClick(view.discharge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "discharged" in window.patients.episodes.item(0).text())
    qtbot.waitUntil(lambda: "discharged" in view.facts.text())
    assert not view.discharge_button.isEnabled()
    assert not view.follow_up_button.isEnabled()
    # At the end of the episode its report is the discharge summary, saved and recorded as such.
    assert view.save_button.text() == "Save discharge summary as P&DF…"
    summary = tmp_path / "discharge.pdf"
    monkeypatch.setattr(
        episode_control.QFileDialog, "getSaveFileName", lambda *_args: (str(summary), "PDF documents (*.pdf)")
    )
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(summary.exists)
    first_page = pdfium.PdfDocument(summary.read_bytes())[0].get_textpage().get_text_range()
    assert "Discharge summary" in first_page
    assert window.clinic is not None
    trail = AuditService(window.clinic.database).entries(window.clinic.user)
    assert any(e.action == "document_print" and e.detail == "discharge summary" for e in trail)

    def new_episode(dialog: NewEpisodeDialog) -> int:
        qtbot.keyClicks(dialog.reason, "Right shoulder pain")
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(NewEpisodeDialog, "exec", new_episode)
    qtbot.mouseClick(window.patients.new_episode_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.patients.episodes.count() == 2)
    assert window.patients.episodes.item(0).text().startswith("Right shoulder pain · open")
    qtbot.waitUntil(lambda: view.heading.text() == "Right shoulder pain")
    assert view.follow_up_button.text() == "Start the first visit"
    qtbot.mouseClick(view.follow_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.editor is not None)
    qtbot.waitUntil(lambda: "1 visit" in window.patients.episodes.item(0).text())
    assert window.patients.episodes.item(0).text().startswith("Right shoulder pain · open")


def test_the_progress_report_is_printed_and_saved(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    import ui.progress.episode_control as episode_control

    window = demo_window(qtbot, tmp_path)
    choose_teresa(qtbot, window)
    open_first_episode(qtbot, window)
    view = window.episode_control.view
    saved, printed = tmp_path / "progress.pdf", tmp_path / "printed.pdf"
    monkeypatch.setattr(
        episode_control.QFileDialog, "getSaveFileName", lambda *_args: (str(saved), "PDF documents (*.pdf)")
    )
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(saved.exists)
    assert len(pdfium.PdfDocument(saved.read_bytes())) >= 1

    def print_to_file(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QPrintDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(printed.exists)
    assert printed.read_bytes().startswith(b"%PDF")
    assert window.clinic is not None
    trail = AuditService(window.clinic.database).entries(window.clinic.user)
    prints = [e for e in trail if e.action == "document_print" and e.detail == "progress report"]
    assert len(prints) == 2, "each print and save is recorded"


def test_goals_are_set_and_shown_met_or_not_at_each_visit(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.progress.goals_dialog import GoalsDialog

    window = demo_window(qtbot, tmp_path)
    choose_teresa(qtbot, window)
    open_first_episode(qtbot, window)
    view = window.episode_control.view
    assert view.goals.rowCount() == 2  # the demo's: LEFS 60 (met at the last visit) and an activity
    assert view.cell(view.goals, 0, 4).text() == "met"
    qtbot.mouseClick(view.goals_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(GoalsDialog)
    assert isinstance(dialog, GoalsDialog)
    qtbot.mouseClick(dialog.add_measure_button, Qt.MouseButton.LeftButton)
    row = dialog.rows[-1]
    assert isinstance(row.what, QComboBox)
    row.what.setCurrentIndex(row.what.findData("psfs"))
    qtbot.keyClicks(row.target, "eight")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert "Goal 3" in dialog.error.text()
    row.target.clear()
    qtbot.keyClicks(row.target, "8")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.goals.rowCount() == 3)
    assert view.cell(view.goals, 2, 0).text() == "PSFS score"
    assert view.cell(view.goals, 2, 4).text() == "not met"  # 7.67 at the last visit
    assert view.cell(view.goals, 2, 3).text().count("not met") == 3


def test_an_assistant_reads_progress_and_prints_it_but_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    from clinic_app.accounts import Role
    from clinic_app.clinic import NewAccount
    from tests.clinic_app.logins import PASSWORD
    from tests.ui.shell import log_in, start_window

    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    clinic = logged_in_clinic(url)
    clinic.save_settings(CLINIC, DocumentSettings(), 10)
    load_demo(clinic.database, clinic.user)
    clinic.add_account(NewAccount("jo", "Jo Park, PTA", Role.ASSISTANT, None, PASSWORD))
    clinic.database.dispose()
    window = start_window(qtbot, url, login=False)
    log_in(qtbot, window, "jo")
    choose_teresa(qtbot, window)
    assert not window.patients.new_episode_button.isVisible()
    open_first_episode(qtbot, window)
    view = window.episode_control.view
    for button in (view.follow_up_button, view.discharge_button, view.goals_button):
        assert not button.isVisible()
    assert view.print_button.isVisible()
    assert view.save_button.isVisible()
