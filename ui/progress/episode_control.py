"""The main window's episodes of care: the patient panel's episode list, the progress page on the
right, and what its buttons do (open, discharge, follow up, print or save the progress report).

Kept apart from ui.main_window, which lends it its database lane (`run`), its page stack and its
way of showing a visit; everything patient-related goes through the Clinic facade as the logged-in
account, so every read and print is audited by the core.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QStackedWidget, QWidget

from ui.language import date_text
from ui.progress.episode_dialogs import DischargeDialog, NewEpisodeDialog
from ui.progress.progress_view import ProgressView

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtPrintSupport import QPrinter

    from clinic_app.accounts import SessionUser
    from clinic_app.clinic import OpenedProgress, OpenedVisit
    from clinic_app.domain import Goal
    from clinic_app.storage.records import StoredEpisode
    from ui.patients.patient_panel import PatientPanel
    from ui.progress.goals_dialog import GoalsDialog
    from ui.tasks import Tasks

log = logging.getLogger(__name__)


class EpisodeControl(QObject):
    def __init__(
        self,
        window: QWidget,
        panel: PatientPanel,
        stack: QStackedWidget,
        run: Callable[..., None],
        show_visit: Callable[[OpenedVisit], None],
        render_tasks: Tasks,
        show_message: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window, self._panel, self._stack = window, panel, stack
        self._run, self._show_visit, self._render_tasks = run, show_visit, render_tasks
        self._message = show_message
        self._episodes: dict[str, StoredEpisode] = {}
        self._printer: QPrinter | None = None
        self._patient_of_view: int | None = None  # whose episode the progress page shows
        self.view = ProgressView()
        stack.addWidget(self.view)
        panel.episode_opened.connect(self.open_episode)
        panel.new_episode_requested.connect(self.new_episode)
        panel.patient_selected.connect(self._on_patient_selected)
        self.view.follow_up_requested.connect(self.follow_up)
        self.view.discharge_requested.connect(self.discharge)
        self.view.goals_requested.connect(self.edit_goals)
        self.view.print_requested.connect(self.print_report)
        self.view.save_pdf_requested.connect(self.save_report)

    def set_user(self, user: SessionUser | None) -> None:
        self.view.set_may(user is not None and user.may("record"), user is not None and user.may("print"))

    # ---- the episode list ------------------------------------------------------------------------

    def refresh(self, patient_id: int) -> None:
        """The patient's episodes, brought up to date (a visit added, an episode opened or ended)."""

        def show(episodes: list[StoredEpisode]) -> None:
            if self._panel.selected_patient_id() != patient_id:
                return  # another patient was chosen meanwhile
            self._episodes = {e.id: e for e in episodes}
            self._panel.show_episodes(episodes)

        self._run(lambda clinic: clinic.list_episodes(patient_id), show)

    def _on_patient_selected(self, patient_id: int) -> None:
        if self.view.progress is not None and self._patient_of_view != patient_id:
            self.close()
        self.refresh(patient_id)

    def close(self) -> None:
        """Nothing of the episode left on screen (another patient chosen, logged out)."""
        if self._stack.currentWidget() is self.view:
            self._stack.setCurrentIndex(0)
        self.view.episode_id, self.view.progress, self._patient_of_view = None, None, None
        self.view.measures.setRowCount(0)
        self.view.goals.setRowCount(0)
        self.view.heading.clear()
        self.view.facts.clear()
        self.view.charts_label.clear()
        self.view.clear_charts()

    # ---- the progress page -----------------------------------------------------------------------

    def open_episode(self, episode_id: str) -> None:
        patient_id = self._panel.selected_patient_id()
        if patient_id is None:
            return
        self._run(lambda clinic: clinic.episode_progress(patient_id, episode_id), self._show_progress)

    def _show_progress(self, opened: OpenedProgress) -> None:
        if self._panel.selected_patient_id() != opened.patient_id:
            return
        self._patient_of_view = opened.patient_id
        self.view.show_progress(opened.episode_id, opened.progress)
        self._stack.setCurrentWidget(self.view)

    def new_episode(self, patient_id: int) -> None:
        dialog = NewEpisodeDialog(dt.date.today(), self._window)
        if not dialog.exec():
            return
        reason, referred_by, start = dialog.values()

        def opened(stored: StoredEpisode) -> None:
            self.refresh(patient_id)
            self._message(self.tr("Opened the episode “{reason}”.").format(reason=reason))
            self.open_episode(stored.id)

        self._run(lambda clinic: clinic.open_episode(patient_id, start, reason, referred_by), opened)

    def discharge(self, episode_id: str) -> None:
        progress, patient_id = self.view.progress, self._patient_of_view
        if progress is None or patient_id is None:
            return
        episode = progress.episode
        last = max([episode.start_date, *(v.visit.date for v in progress.visits)])
        dialog = DischargeDialog(
            episode.reason or self.tr("this episode"), last, dt.date.today(), self._window
        )
        if not dialog.exec():
            return
        day = dialog.day()

        def done(_stored: object) -> None:
            self.refresh(patient_id)
            self.open_episode(episode_id)
            self._message(self.tr("Discharged on {date}.").format(date=date_text(day)))

        self._run(lambda clinic: clinic.discharge_episode(episode_id, day), done)

    def edit_goals(self, episode_id: str) -> GoalsDialog | None:
        """The episode's goals (window-modal, not blocking); saved all at once (goal_set)."""
        from ui.progress.goals_dialog import GoalsDialog

        progress = self.view.progress
        if progress is None:
            return None
        regions = list(dict.fromkeys(c.region for v in progress.visits for c in v.complaints))
        by = dt.date.today() + dt.timedelta(weeks=6)

        def save(
            goals: list[Goal], done: Callable[[object], None], refused: Callable[[BaseException], None]
        ) -> None:
            def saved(stored: object) -> None:
                done(stored)
                self.open_episode(episode_id)

            self._run(lambda clinic: clinic.set_goals(episode_id, goals), saved, refused)

        dialog = GoalsDialog(progress.episode.goals, regions, by, save, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def follow_up(self, episode_id: str) -> None:
        """A new visit from the episode's last one: its screens beside the new entries, its plan carried."""
        patient_id = self._patient_of_view
        today = dt.date.today()
        if patient_id is not None and self.view.progress is not None and not self.view.progress.visits:
            self._panel.new_visit_requested.emit(patient_id)  # the episode's first visit
            return

        def shown(opened: OpenedVisit) -> None:
            self._show_visit(opened)
            if patient_id is not None:
                self.refresh(patient_id)

        self._run(lambda clinic: clinic.start_follow_up(episode_id, today), shown)

    # ---- the progress report -----------------------------------------------------------------------

    def print_report(self, episode_id: str) -> None:
        """Ask which printer first; only then make the report (the core records the print)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        patient_id = self._patient_of_view
        if patient_id is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._window)
        dialog.setWindowTitle(self.tr("Print {document}").format(document=self._document()[0]))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_on(printer, patient_id, episode_id)

    def _document(self) -> tuple[str, bool]:
        """The report the page prints: the discharge summary once the episode is discharged."""
        progress = self.view.progress
        ended = progress is not None and progress.episode.discharge_date is not None
        return (self.tr("discharge summary") if ended else self.tr("progress report")), ended

    def print_on(self, printer: QPrinter, patient_id: int, episode_id: str) -> None:
        from ui.visit.printing import print_pdf

        self._printer = printer  # kept alive until the documents lane has painted on it
        name, discharge = self._document()

        def send(pdf: bytes) -> None:
            self._message(self.tr("Printing the {name}…").format(name=name))
            self._render_tasks.run(
                lambda: print_pdf(pdf, printer),
                lambda _: self._message(self.tr("Sent the {name} to the printer.").format(name=name)),
                self._failed,
            )

        self._run(lambda clinic: clinic.progress_report(patient_id, episode_id, discharge), send)

    def save_report(self, episode_id: str) -> None:
        patient_id = self._patient_of_view
        if patient_id is None:
            return
        name, _discharge = self._document()
        path, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Save {name} as PDF").format(name=name),
            f"{name.replace(' ', '-')}.pdf",
            self.tr("PDF documents (*.pdf)"),
        )
        if path:
            self.save_report_to(path, patient_id, episode_id)

    def save_report_to(self, path: str, patient_id: int, episode_id: str) -> None:
        """A new file readable by this user alone, as the command line writes it."""
        from clinic_app.output_file import write_output_file

        name, discharge = self._document()

        def write(pdf: bytes) -> None:
            self._render_tasks.run(
                lambda: write_output_file(path, pdf),
                lambda _: self._message(self.tr("Saved the {name} as {path}.").format(name=name, path=path)),
                self._failed,
            )

        self._run(lambda clinic: clinic.progress_report(patient_id, episode_id, discharge), write)

    def _failed(self, error: BaseException) -> None:
        from clinic_app.errors import ClinicError

        if isinstance(error, ClinicError):
            self._message(self.tr("The report was not printed or saved: {error}.").format(error=error))
            return
        log.error("progress report output failed: %s", type(error).__name__)
        self._message(self.tr("The report was not printed or saved. Please try again."))
