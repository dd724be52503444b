"""One visit being recorded: the sections, the live triage panel, autosave and finishing.

The editor owns the VisitForm. Every change in a section is stored into the form, the
form is validated and triaged at once (well under a frame), and an autosave is scheduled.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcutEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import ClinicProfile, Language, Patient, Visit, VisitStatus
from clinic_app.errors import ClinicError, ConflictError, InvalidInput, Problem
from clinic_app.storage.records import StoredVisit
from clinic_app.triage import TriageResult, triage
from clinic_app.visit_form import VisitForm
from ui.language import date_format
from ui.tasks import Tasks
from ui.visit.autosave import Autosave
from ui.visit.complaints_section import ComplaintsSection
from ui.visit.plan_section import PlanSection
from ui.visit.preview_section import PreviewSection
from ui.visit.red_flags_section import RedFlagsSection
from ui.visit.screening_section import ScreeningSection
from ui.visit.section import Section
from ui.visit.signature_box import AddendumDialog, SignatureBox
from ui.visit.triage_panel import TriagePanel
from ui.visit.wording import (
    field_label,
    flag_name,
    not_used,
    readable_message,
    readable_problem,
    refer_when,
)
from ui.widgets.field_error import FieldError
from ui.widgets.read_only_look import show_read_only

if TYPE_CHECKING:
    from clinic_app.domain import OutcomeRecord
    from clinic_app.progress import EpisodeProgress
    from clinic_app.storage.measure_wordings import StoredWording

log = logging.getLogger(__name__)

# The triage panel's narrowest: a line of its advice still reads as a line (about five words).
TRIAGE_MIN_CHARS = 36
MAX_LISTED = 12  # entries named in a message box; the rest are counted


@dataclass(frozen=True)
class Evaluation:
    """The form as it stands: the visit made of its valid entries and its triage, and the problems.

    The visit leaves out every invalid optional entry (left_out); it is None only when something a
    visit cannot do without is wrong (the date). referral_changes: left-out complaints that would
    make the referral more urgent; no document is made and the visit is not finished while any remain.
    """

    visit: Visit | None
    result: TriageResult | None
    problems: list[Problem]
    left_out: tuple[Problem, ...] = ()
    referral_changes: tuple[Problem, ...] = ()

    @property
    def complete_visit(self) -> Visit | None:
        """The visit as a document may hold it: without the overrides that are not in force.

        Those stay in the form (and the draft) until the therapist removes them; meanwhile the
        stored visit and the printed documents follow the triage, which already leaves them out.
        """
        visit, result = self.visit, self.result
        if visit is None or result is None or not visit.red_flag_overrides:
            return visit
        standing = tuple(o for o in visit.red_flag_overrides if o.id in result.referral.overridden)
        if len(standing) == len(visit.red_flag_overrides):
            return visit
        return visit.model_copy(update={"red_flag_overrides": standing or None})


class DateEdit(QDateEdit):
    """A date edit that Tab leaves (a plain one walks its year, month and day first; Left and Right still do)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt's names)
        return QWidget.focusNextPrevChild(self, next)


@dataclass(frozen=True)
class VisitAccess:
    """What the logged-in account may do with the visit, and the audited calls behind it.

    The core checks every one of these again: this only keeps the screen from offering what the
    role may not do. The defaults are a therapist's, with nothing recorded (the editor's own tests).
    """

    may_record: bool = True  # change the findings (not an assistant)
    may_sign: bool = True  # finish the visit, add addenda (not an assistant)
    signer: str = ""  # the logged-in account's display name, for the addendum dialog
    # (visit id, text, reason) -> the visit with its addenda; None: no addenda here
    add_addendum: Callable[[str, str, str], StoredVisit] | None = None
    # (visit id, document title) before a document is printed or saved: refuses (raises) or records it
    record_print: Callable[[str, str], object] | None = None
    # Outcome measures: (visit id, version, record) and (visit id, version, key) -> the visit;
    # the episode's progress for (patient id, episode id); the password check and the lock of the
    # "hand the tablet to the patient" mode. None: no outcome measures here.
    record_outcome: Callable[[str, int, OutcomeRecord], StoredVisit] | None = None
    remove_outcome: Callable[[str, int, str], StoredVisit] | None = None
    judge_goal: Callable[[str, int, str, bool | None], StoredVisit] | None = None
    episode_progress: Callable[[int, str | None], EpisodeProgress] | None = None
    check_password: Callable[[str], object] | None = None
    lock: Callable[[], None] | None = None
    # The clinic's wording of the measures we may not ship (LEFS, ...), by measure id.
    measure_wordings: Callable[[], Mapping[str, StoredWording]] | None = None


class VisitEditor(QWidget):
    """Records one visit. Talks to storage only through the callables it is given."""

    finished = Signal(object)  # StoredVisit once signed
    addendum_added = Signal(object)  # StoredVisit with its new addendum
    saved = Signal()
    reload_requested = Signal(str)  # visit id: another computer changed it; show theirs

    def __init__(
        self,
        patient: Patient,
        stored: StoredVisit,
        form: VisitForm,
        tasks: Tasks,
        save_draft: Callable[[str, str, Visit | None, int], int],
        finish: Callable[[str, Visit, int], StoredVisit],
        render_tasks: Tasks,
        parent: QWidget | None = None,
        access: VisitAccess | None = None,
        previous: Visit | None = None,
    ) -> None:
        super().__init__(parent)
        self.patient, self.stored, self.form = patient, stored, form
        self.previous = previous  # a follow-up: the episode's visit it started from
        self.version = stored.version
        self._tasks, self._save_draft, self._finish = tasks, save_draft, finish
        self.access = access or VisitAccess()
        self.read_only = stored.status is VisitStatus.FINAL or not self.access.may_record
        self.evaluation = Evaluation(None, None, [])
        self._build(render_tasks)
        self.preview.previous = previous
        self.autosave = Autosave(tasks, self._draft_writer, self)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.failed.connect(self._on_save_failed)
        self._load()

    # ---- layout ------------------------------------------------------------------------------

    def _build(self, render_tasks: Tasks) -> None:
        self.complaints = ComplaintsSection()
        self.red_flags = RedFlagsSection()
        self.screening = ScreeningSection()
        self.plan = PlanSection()
        self.preview = PreviewSection(render_tasks)
        self.sections: list[Section] = [self.complaints, self.red_flags, self.screening, self.plan]
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Visit sections"))
        for number, (section, title) in enumerate(
            [
                (self.complaints, self.tr("&1 Complaints")),
                (self.red_flags, self.tr("&2 Red flags")),
                (self.screening, self.tr("&3 Screening")),
                (self.plan, self.tr("&4 Plan")),
                (self.preview, self.tr("&5 Print")),
            ]
        ):
            self.tabs.addTab(section, title)
            self.tabs.setTabToolTip(number, f"Alt+{number + 1}")
        self.triage_panel = TriagePanel()
        # A finished visit shows the triage it was signed with; this line says so, and whether
        # today's rules would say otherwise.
        self.signed_note = QLabel()
        self.signed_note.setObjectName("signedTriageNote")
        self.signed_note.setWordWrap(True)
        self.signed_note.setAccessibleName(self.tr("Signed triage"))
        self.signed_note.hide()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.signed_note)
        side_layout.addWidget(self.triage_panel, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("visitSplitter")
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # Never squeezed to a sliver ("EMERGENCY" broke letter by letter at 1024 pixels), nor dragged shut.
        side.setMinimumWidth(self.fontMetrics().averageCharWidth() * TRIAGE_MIN_CHARS)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)
        splitter.setSizes([740, 300])  # the screening cards whole, the triage panel readable
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.date_error = FieldError()
        layout.addWidget(self.date_error)
        self.signature_box = SignatureBox()
        self.signature_box.add_requested.connect(self.ask_for_addendum)
        layout.addWidget(self.signature_box)
        layout.addWidget(splitter, 1)
        for section in self.sections:
            section.changed.connect(self._on_section_changed)
            section.tab_order_changed.connect(self._chain_tab_order)
        self.plan.red_flags_requested.connect(self.show_red_flags)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.tabs.tabBar().installEventFilter(self)
        self._tab_chain: list[QWidget] = []
        self._chain_tab_order()
        # A complaint row left (or an attempt to finish) shows the problems it was spared so far.
        self.complaints.problems_revealed.connect(self._show_evaluation)

    def _header(self) -> QHBoxLayout:
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.date_edit = DateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_format())
        self.date_edit.setAccessibleName(self.tr("Visit date"))
        self.clinician_edit = QLineEdit()
        self.clinician_edit.setAccessibleName(self.tr("Clinician"))
        # The logged-in account that started the visit: not typed, so a visit never names someone else.
        self.clinician_edit.setReadOnly(True)
        self.clinician_edit.setToolTip(
            self.tr("The account that records this visit; it is signed by whoever finishes it")
        )
        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Save status"))
        self.finish_button = QPushButton(self.tr("F&inish visit"))  # Alt+F opens the File menu
        self.finish_button.setObjectName("finishVisitButton")
        self.finish_button.setAccessibleName(self.tr("Finish visit"))
        self.finish_button.setToolTip(
            self.tr("Sign the visit; a finished visit cannot be changed (Ctrl+Enter)")
        )
        self.finish_button.clicked.connect(self.finish_visit)
        date_label = QLabel(self.tr("&Date:"))
        date_label.setBuddy(self.date_edit)
        clinician_label = QLabel(self.tr("C&linician:"))
        clinician_label.setBuddy(self.clinician_edit)
        row = QHBoxLayout()
        for widget in (self.title, date_label, self.date_edit, clinician_label, self.clinician_edit):
            row.addWidget(widget)
        self.outcomes_button = QPushButton(self.tr("Outcome measures…"))
        self.outcomes_button.setObjectName("outcomeMeasuresButton")
        self.outcomes_button.setToolTip(
            self.tr("NPRS, PSFS, LEFS: enter the paper answers or hand the tablet over")
        )
        self.outcomes_button.clicked.connect(self.open_outcomes)
        row.addStretch(1)
        row.addWidget(self.status_label)
        row.addWidget(self.outcomes_button)
        row.addWidget(self.finish_button)
        self.date_edit.dateChanged.connect(self._on_header_changed)
        self.clinician_edit.textEdited.connect(self._on_header_changed)
        return row

    # ---- loading and evaluating ---------------------------------------------------------------

    def _load(self) -> None:
        patient = self.patient
        self.title.setText(
            self.tr("<b>{full_name}</b> &nbsp;MRN {mrn}").format(
                full_name=_html(patient.full_name), mrn=_html(patient.mrn)
            )
        )
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(self.form.date))
        self.date_edit.blockSignals(False)
        self.clinician_edit.setText(self.form.clinician)
        for section in self.sections:
            section.load(self.form)
            section.set_read_only(self.read_only)
        self.date_edit.setReadOnly(self.read_only)
        show_read_only(self.date_edit, self.read_only)
        show_read_only(self.clinician_edit, True)
        self.date_edit.setCalendarPopup(not self.read_only)
        self.finish_button.setEnabled(not self.read_only)
        self.finish_button.setVisible(self.access.may_sign)
        self.outcomes_button.setVisible(self.access.record_outcome is not None and not self.read_only)
        finished = self.stored.status is VisitStatus.FINAL
        self.signature_box.show_signed(
            self.stored.signature if finished else None,
            self.stored.addenda,
            may_add=self.access.may_sign and self.access.add_addendum is not None,
        )
        self.preview.set_signature(self.stored.signature if finished else None, self.stored.addenda)
        self.preview.output_guard = self._guard_output if self.access.record_print is not None else None
        self.finish_button.setToolTip(
            self.tr("This visit is finished and signed: it can no longer be changed")
            if self.read_only
            else self.tr("Sign the visit; a finished visit cannot be changed (Ctrl+Enter)")
        )
        self.status_label.setText(
            self.tr("Finished (read-only)")
            if finished
            else self.tr("View only (your role)")
            if self.read_only
            else self.tr("Saved")
        )
        self.preview.set_visit_source(self._current_visit)
        self.evaluate()

    def evaluate(self) -> Evaluation:
        """Validate and triage the form as it stands; update every view that depends on it.

        An invalid optional entry (a measurement, a pain score, a note...) is left out of the
        triaged visit and named in the triage panel, so that it never hides a red flag. Overrides
        that the other entries no longer allow stay in the visit here (triage lists only the
        standing ones), so the live triage shows the referral; finishing checks them.
        """
        self.red_flags.set_context(self.form.complaint_regions(), self.form.age_on_visit_date(self.patient))
        try:
            lenient = self.form.to_visit_lenient(self.patient, self.stored.id)
        except InvalidInput as invalid:
            self.evaluation = Evaluation(None, None, invalid.problems)
        else:
            visit = lenient.visit
            result = self._signed_or_live(triage(visit))
            self.evaluation = Evaluation(
                visit, result, list(lenient.left_out), lenient.left_out, lenient.referral_changes
            )
            self.plan.set_proposal(result, visit.complaints)
            if self.previous is not None:
                self.screening.show_last_time(self.previous, visit)
        self._show_evaluation()
        self.preview.set_stale()
        return self.evaluation

    def _show_evaluation(self) -> None:
        """Each problem next to its field and in the triage panel, in words; a new row is spared until left."""
        evaluation, form = self.evaluation, self.form
        spared = tuple(self.complaints.unfinished_paths())
        problems = [p for p in evaluation.problems if not _under(p.path, spared)]
        if evaluation.visit is None or evaluation.result is None:
            self.triage_panel.show_problems(problems, form)
        else:
            self.triage_panel.show_result(
                evaluation.visit,
                evaluation.result,
                left_out=not_used(problems, form),
                alert=self._referral_alert(),
            )
        for section in self.sections:
            section.show_problems(problems)
        self.date_error.show_message(_messages_for(problems, ("visit.date", "visit.clinician")))
        left_out = not_used([p for p in problems if p in evaluation.left_out], form)
        self.preview.set_notice(
            self._referral_alert()
            or (
                self.tr("Left out of the documents:\n{entries}").format(entries="\n".join(left_out))
                if left_out
                else None
            )
        )

    def _referral_alert(self) -> str | None:
        """What stops documents and finishing: a complaint left out that would make the referral more urgent."""
        changes = self.evaluation.referral_changes
        urgency = self.red_flags.highest_urgency()
        if not changes or urgency is None:
            return None
        complaints = sorted({field_label(p.path.partition("]")[0] + "]", self.form) for p in changes})
        text = (
            self.tr(
                "{complaints} is not complete: with it the referral is needed {when}. Complete it in Complaints"
                " (Alt+1): until then no document is printed and the visit cannot be finished."
            )
            if len(complaints) == 1
            else self.tr(
                "{complaints} are not complete: with them the referral is needed {when}. Complete them in"
                " Complaints (Alt+1): until then no document is printed and the visit cannot be finished."
            )
        )
        return text.format(complaints="; ".join(complaints), when=refer_when(urgency).lower())

    def _signed_or_live(self, live: TriageResult) -> TriageResult:
        """A finished visit's stored result, never recomputed; a draft's result under today's rules."""
        signed = self.stored.signed_result if self.read_only else None
        if signed is None:
            self.signed_note.hide()
            return live
        note = self.tr(
            "Signed with rules {rules_version}: the triage below is the one the visit was signed with."
        ).format(rules_version=signed.rules_version)
        if not signed.same_as(live):
            note += self.tr(
                " Today's rules ({rules_version}) would give a different result; the signed record stays as it was."
            ).format(rules_version=live.rules_version)
        self.signed_note.setText(note)
        self.signed_note.show()
        return signed

    def set_clinic_profile(self, profile: ClinicProfile) -> None:
        """The clinic's emergency number goes into the advice the checklist and the triage panel show."""
        self.red_flags.set_emergency_number(profile.emergency_number)
        self.triage_panel.set_emergency_number(profile.emergency_number)
        self._show_evaluation()

    def tab_chain(self) -> list[QWidget]:
        """The editor's tab order: the header, the section tabs, the section shown, the triage panel."""
        return [
            self.date_edit,
            self.clinician_edit,
            self.finish_button,
            self.tabs.tabBar(),
            *(widget for section in self.sections for widget in section.tab_chain()),
            *self.preview.tab_chain(),
            self.triage_panel.view(),
        ]

    def _chain_tab_order(self) -> None:
        """Qt's own focus chain in the same order, for the way in from the rest of the window."""
        chain = self.tab_chain()
        if chain == self._tab_chain:
            return
        self._tab_chain = chain
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt's names)
        """Tab and Shift+Tab inside the editor follow tab_chain(), whatever Qt's focus chain says.

        Qt's chain is edited by every setTabOrder() of rows added and removed, and of compound
        widgets; a slip there once kept Tab inside the screening cards for good. Past the last
        control, Tab goes on to the rest of the window (or back to the first control).
        """
        chain = self.tab_chain()
        current = _control_in(QApplication.focusWidget(), chain)
        if current is None:
            return super().focusNextPrevChild(next)
        stops = [w for w in chain if w is current or _takes_tab(w)]
        index = stops.index(current) + (1 if next else -1)
        target = (
            stops[index]
            if 0 <= index < len(stops)
            else self._outside(chain, next) or stops[0 if next else -1]
        )
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    def _outside(self, chain: list[QWidget], next: bool) -> QWidget | None:
        """The control of the window after (or before) the editor in Qt's focus chain; None if there is none."""
        start = chain[-1] if next else chain[0]
        widget = start
        for _ in range(10_000):  # once round the window's chain at most
            following = widget.nextInFocusChain() if next else widget.previousInFocusChain()
            if following is None or following is start:
                return None
            widget = following
            if not self.isAncestorOf(widget) and _takes_tab(widget) and widget.focusProxy() is None:
                return widget
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Alt+1 to Alt+5 open their section with the keyboard in it, even when it is already open."""
        if watched is self.tabs.tabBar() and isinstance(event, QShortcutEvent):
            bar = self.tabs.tabBar()
            for index in range(bar.count()):
                if QKeySequence.mnemonic(bar.tabText(index)) == event.key() and bar.isTabEnabled(index):
                    self.tabs.setCurrentIndex(index)
                    self._focus_entry(index)
                    return True
        return super().eventFilter(watched, event)

    def _on_tab_changed(self, index: int) -> None:
        """Alt+1 to Alt+5 or a click on a tab: the keyboard goes where typing makes sense in it.

        Not while the tab bar itself has the keyboard: its arrow keys move between the tabs.
        """
        if not self.tabs.tabBar().hasFocus():
            self._focus_entry(index)

    def _focus_entry(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, Section) or page is self.preview:
            page.focus_entry()

    def show_red_flags(self) -> None:
        """The Red flags section, with the keyboard on the first question not asked yet."""
        self.tabs.setCurrentWidget(self.red_flags)
        self.red_flags.focus_first_unanswered()

    def _current_visit(self) -> tuple[Visit, TriageResult] | None:
        visit, result = self.evaluation.complete_visit, self.evaluation.result
        if visit is None or result is None or self.evaluation.referral_changes:
            return None
        return visit, result

    # ---- editing and saving ------------------------------------------------------------------

    def _on_section_changed(self) -> None:
        section = self.sender()
        if isinstance(section, Section):
            section.store(self.form)
        self._changed()

    def _on_header_changed(self) -> None:
        self.form.date = self.date_edit.date().toString("yyyy-MM-dd")
        self.form.clinician = self.clinician_edit.text()
        self._changed()

    def _changed(self) -> None:
        if self.read_only:
            return
        self.evaluate()
        self.status_label.setText(self.tr("Saving…"))
        self.autosave.schedule()

    def _draft_writer(self) -> Callable[[], object]:
        # Snapshot on the main thread; the returned work runs on the database lane.
        visit_id, text, visit, version = (
            self.stored.id,
            self.form.to_json(),
            self.evaluation.complete_visit,
            self.version,
        )
        return lambda: self._save_draft(visit_id, text, visit, version)

    def _on_saved(self, version: object) -> None:
        if isinstance(version, int):
            self.version = version
        self.status_label.setText(self.tr("Saved") if not self.autosave.pending else self.tr("Saving…"))
        self.saved.emit()

    def _on_save_failed(self, error: BaseException) -> None:
        if isinstance(error, ConflictError):
            self.status_label.setText(self.tr("Not saved: changed on another computer"))
            if self.ask_reload(str(error)):
                self.reload_requested.emit(self.stored.id)
            return
        log.error("autosave failed: %s", type(error).__name__)
        self.status_label.setText(self.tr("Not saved — will retry"))
        self.autosave.schedule()

    def ask_reload(self, message: str) -> bool:
        """Whether to show the visit as the other computer saved it (tests replace this)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Visit changed on another computer"))
        box.setText(self.tr("{message}.\n\nYour changes since then are not saved.").format(message=message))
        box.setInformativeText(
            self.tr("Reload to see the visit as it is now, then enter your changes again.")
        )
        reload_button = box.addButton(self.tr("&Reload the visit"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Keep looking at my entries"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is reload_button

    def save_now(self) -> None:
        self.autosave.save_now()

    # ---- finishing ---------------------------------------------------------------------------

    def finish_visit(self) -> None:
        """Sign the visit. Invalid optional entries are left out, after a confirmation that lists them.

        Refused, with what to do, while the date is wrong, while a complete complaint would make the
        referral more urgent, or while an override is not in force.
        """
        if self.read_only:
            return
        self.complaints.reveal_unfinished()  # a complaint row not filled in counts now
        evaluation = self.evaluate()
        if evaluation.visit is None:
            QMessageBox.warning(
                self,
                self.tr("Cannot finish yet"),
                self.tr("Fix the entries marked in red first:\n\n{problems}").format(
                    problems=_problem_list(evaluation.problems, self.form)
                ),
            )
            return
        alert = self._referral_alert()
        if alert is not None:
            QMessageBox.warning(self, self.tr("Cannot finish yet"), alert)
            self.tabs.setCurrentWidget(self.complaints)
            return
        try:
            # Unlike the live triage, a finished visit may carry no override that cannot stand.
            checked = self.form.to_visit_lenient(self.patient, self.stored.id, check_overrides=True)
        except InvalidInput as invalid:
            overrides = [p for p in invalid.problems if p.path.startswith("red_flag_overrides")]
            self._refuse_overrides(overrides or invalid.problems)
            return
        if not self.confirm_finish(not_used(checked.left_out, self.form)):
            return
        # Finishing stores the whole visit, so a pending draft save is not needed; one under way is
        # waited for, because finishing must carry the version it produces.
        self.autosave.cancel_pending()
        visit = checked.visit
        if self.autosave.in_flight:
            self.autosave.saved.connect(
                lambda _v: self._finish_now(visit), Qt.ConnectionType.SingleShotConnection
            )
        else:
            self._finish_now(visit)

    def confirm_finish(self, left_out: list[str]) -> bool:
        """Ask before signing; with entries to leave out, name each of them first."""
        if not left_out:
            answer = QMessageBox.question(
                self,
                self.tr("Finish visit"),
                self.tr("Sign and finish this visit? A finished visit can no longer be changed."),
            )
            return answer == QMessageBox.StandardButton.Yes
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Finish visit"))
        count = len(left_out)
        box.setText(self.tr("%n entry(ies) not valid and will be left out of the finished visit:", "", count))
        shown = left_out[:MAX_LISTED]
        more = [self.tr("…and {more} more.").format(more=count - MAX_LISTED)] if count > MAX_LISTED else []
        box.setInformativeText(
            self.tr("{entries}\n\nFinish without them? A finished visit can no longer be changed.").format(
                entries="\n".join(f"• {line}" for line in [*shown, *more])
            )
        )
        finish = box.addButton(
            self.tr("&Finish without it") if count == 1 else self.tr("&Finish without them"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        back = box.addButton(
            self.tr("Go &back and fix it") if count == 1 else self.tr("Go &back and fix them"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is finish

    def _refuse_overrides(self, problems: list[Problem]) -> None:
        """Say which override stops the visit from being finished, and why, then show it."""
        overridden = list(self.form.red_flag_overrides)
        lines, flags = [], []
        for problem in problems:
            index = _override_index(problem.path)
            if index is not None and index < len(overridden):
                flag = overridden[index]
                flags.append(flag)
                why = self.red_flags.override_problem(flag) or readable_message(problem.message, problem.path)
                lines.append(f"• “{flag_name(flag)}”: {why}.")
            else:
                lines.append(f"• {readable_problem(problem, self.form)}")
        count = len(flags)
        QMessageBox.warning(
            self,
            self.tr("Cannot finish yet"),
            (
                self.tr(
                    "This override is no longer in force:\n\n{lines}\n\nThe patient is referred, so no home"
                    " programme can be given. Remove the override in Red flags (Alt+2), then finish the visit."
                )
                if count == 1
                else self.tr(
                    "These overrides are no longer in force:\n\n{lines}\n\nThe patient is referred, so no home"
                    " programme can be given. Remove the overrides in Red flags (Alt+2), then finish the visit."
                )
            ).format(lines="\n".join(lines)),
        )
        self.tabs.setCurrentWidget(self.red_flags)
        row = self.red_flags.row(flags[0]) if flags else None
        if row is not None:
            self.red_flags.checklist_scroll.ensureWidgetVisible(row)
            row.remove_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish_now(self, visit: Visit) -> None:
        visit_id, version = self.stored.id, self.version
        self._tasks.run(
            lambda: self._finish(visit_id, visit, version), self._on_finished, self._on_save_failed
        )

    # ---- outcome measures ----------------------------------------------------------------------

    def open_outcomes(self) -> QWidget | None:
        """The visit's outcome measures (window-modal, not blocking): enter answers, see the change."""
        from ui.outcomes.outcomes_dialog import OutcomeCalls, OutcomesDialog

        access = self.access
        if access.record_outcome is None or self.read_only:
            return None
        visit = self.evaluation.visit
        regions = [c.region for c in visit.complaints] if visit is not None else []
        calls = OutcomeCalls(
            record=lambda record, done: self._change_stored(
                lambda version: access.record_outcome(self.stored.id, version, record),  # type: ignore[misc]
                done,
            ),
            remove=lambda key, done: self._change_stored(
                lambda version: access.remove_outcome(self.stored.id, version, key),  # type: ignore[misc]
                done,
            ),
            judge=lambda goal, met, done: self._change_stored(
                lambda version: access.judge_goal(self.stored.id, version, goal, met),  # type: ignore[misc]
                done,
            ),
            progress=self._load_progress,
            verify_password=self._verify_password,
            lock=access.lock or (lambda: None),
            wordings=self._load_wordings,
            language=visit.patient.preferred_language if visit is not None else Language.EN,
        )
        dialog = OutcomesDialog(self.stored.id, regions, calls, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _change_stored(self, work: Callable[[int], StoredVisit], done: Callable[[object], None]) -> None:
        """A change of the stored visit besides the form (an outcome measure), in step with autosave:
        after the save under way, with no save meanwhile (it would carry the version this replaces)."""
        autosave = self.autosave
        if autosave.in_flight:
            autosave.saved.connect(
                lambda _v: self._change_stored(work, done), Qt.ConnectionType.SingleShotConnection
            )
            return
        autosave.in_flight = True
        version = self.version

        def changed(stored: StoredVisit) -> None:
            autosave.in_flight = False
            self.stored, self.version = stored, stored.version
            done(stored)
            if autosave.pending:
                autosave.save_now()

        def failed(error: BaseException) -> None:
            autosave.in_flight = False
            done(error)

        self._tasks.run(lambda: work(version), changed, failed)

    def _load_progress(self, done: Callable[[EpisodeProgress], None]) -> None:
        load = self.access.episode_progress
        if load is None:
            return
        episode = self.stored.visit.episode
        patient_id, episode_id = self.stored.patient_id, episode.id if episode is not None else None
        self._tasks.run(lambda: load(patient_id, episode_id), done, lambda _error: None)

    def _load_wordings(self, done: Callable[[Mapping[str, StoredWording]], None]) -> None:
        load = self.access.measure_wordings
        if load is not None:
            self._tasks.run(load, done, lambda _error: None)

    def _verify_password(self, password: str, done: Callable[[bool], None]) -> None:
        check = self.access.check_password
        if check is None:
            done(False)
            return
        self._tasks.run(lambda: check(password), lambda _user: done(True), lambda _error: done(False))

    # ---- addenda and printing -----------------------------------------------------------------

    def ask_for_addendum(self, text: str = "", reason: str = "") -> None:
        """Add a correction to the signed visit; what was typed survives a failed save."""
        add = self.access.add_addendum
        if add is None or self.stored.status is not VisitStatus.FINAL:
            return
        dialog = AddendumDialog(self.access.signer, self)
        dialog.text.setPlainText(text)
        dialog.reason.setText(reason)
        if not dialog.exec():
            return
        text, reason = dialog.values()
        visit_id = self.stored.id
        self._tasks.run(
            lambda: add(visit_id, text, reason),
            self._on_addendum_added,
            lambda error: self._addendum_failed(error, text, reason),
        )

    def _on_addendum_added(self, stored: object) -> None:
        if isinstance(stored, StoredVisit):
            self.stored = stored
            self._load()
            self.addendum_added.emit(stored)

    def _addendum_failed(self, error: BaseException, text: str, reason: str) -> None:
        message = (
            str(error) if isinstance(error, ClinicError) else self.tr("The addendum could not be saved.")
        )
        if not isinstance(error, ClinicError):
            log.error("addendum failed: %s", type(error).__name__)
        QMessageBox.warning(
            self,
            self.tr("Addendum not added"),
            self.tr("{message}\n\nWhat you typed is kept: try again.").format(message=message),
        )
        self.ask_for_addendum(text, reason)

    def _guard_output(self, title: str, proceed: Callable[[], None]) -> None:
        """Before a document leaves the app: allowed for this account? Recorded (document_print)."""
        record = self.access.record_print
        assert record is not None
        visit_id = self.stored.id
        self._tasks.run(
            lambda: record(visit_id, title), lambda _stored: proceed(), self.preview.output_refused
        )

    def _on_finished(self, stored: object) -> None:
        if isinstance(stored, StoredVisit):
            self.stored = stored
            self.version = stored.version
            self.read_only = True
            # Shown as signed: what was left out is no longer there.
            self.form = VisitForm.from_visit(stored.visit, list(load_catalogue().red_flags))
            self._load()
            self.finished.emit(stored)


def _qdate(text: str) -> QDate:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = dt.date.today()
    return QDate(day.year, day.month, day.day)


def _html(text: str) -> str:
    from html import escape

    return escape(text)


def _messages_for(problems: list[Problem], paths: tuple[str, ...]) -> str | None:
    messages = [readable_problem(p) for p in problems if p.path.startswith(paths)]
    return "; ".join(messages) or None


def _problem_list(problems: list[Problem], form: VisitForm) -> str:
    return "\n".join(f"• {readable_problem(p, form)}" for p in problems[:MAX_LISTED])


def _takes_tab(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
    )


def _control_in(widget: QWidget | None, chain: list[QWidget]) -> QWidget | None:
    """The control of the chain that a focused widget is, or is part of (a date edit's line edit)."""
    while widget is not None:
        if widget in chain:
            return widget
        widget = widget.parentWidget()
    return None


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == prefix or path.startswith((prefix + ".", prefix + "[")) for prefix in prefixes)


def _override_index(path: str) -> int | None:
    """The override a problem path is about: red_flag_overrides[2].id -> 2."""
    prefix = "red_flag_overrides["
    if not path.startswith(prefix):
        return None
    number = path[len(prefix) :].partition("]")[0]
    return int(number) if number.isdigit() else None
