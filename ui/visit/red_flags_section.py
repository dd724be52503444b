"""The red-flag checklist: any "Yes" means referral, not a home programme, unless overridden.

Maps to VisitForm.red_flags exactly: Yes -> "present", No -> "absent", Not asked -> the flag id is
not in the dict. The questions, their order and the urgencies come from the catalogue.

Overrides map to VisitForm.red_flag_overrides (flag id -> reason). A routine flag answered Yes may
be overridden, with a written reason, while the referral's urgency after the combinations is
routine. The editor tells the section what the combinations read besides the answers (the
complaint regions and the patient's age) with set_context(). An override that a later entry makes
invalid is kept and shown as not in force, with why; the visit cannot be finished until it is
removed. Answering No (or Not asked) to an overridden flag removes its override, and the row says so.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import URGENCY_RANK, RedFlag, load_catalogue
from clinic_app.domain import Region
from clinic_app.errors import Problem
from clinic_app.red_flags import referral_urgency
from clinic_app.visit_form import Answer, VisitForm
from ui.language import QT_TRANSLATE_NOOP, content_language
from ui.visit.section import Section
from ui.visit.wording import (
    emergency_advice,
    flag_name,
    needs_emergency_number,
    override_blockers,
    readable_message,
    refer_when,
    why_not_in_force,
)
from ui.widgets.alert_colors import AlertLabel, AlertLevel, alert_color
from ui.widgets.field_error import FieldError, messages_by_path

# Button ids in each row's group; the order is the order on screen.
YES, NO, NOT_ASKED = 0, 1, 2
ANSWER_OF_BUTTON: dict[int, Answer | None] = {YES: "present", NO: "absent", NOT_ASKED: None}
BUTTON_OF_ANSWER = {answer: button for button, answer in ANSWER_OF_BUTTON.items()}
URGENCY_LEVEL: dict[str, AlertLevel] = {"emergency": "danger", "urgent": "warning", "routine": "muted"}
REASON_MAX_CHARS = 1000  # as the visit document allows
NO_EMERGENCY_NUMBER = QT_TRANSLATE_NOOP(
    "red_flags_section",
    "The clinic's emergency number is not set: set it in Settings (Ctrl+,), Clinic profile, so that"
    " the letter tells the patient whom to call.",
)


class OverrideDialog(QDialog):
    """Asks why a home programme is safe despite a flag; OK only with a reason written."""

    def __init__(self, flag: RedFlag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag_id = flag.id
        name = flag_name(flag.id)
        self.setWindowTitle(self.tr("Override: {name}").format(name=name))
        intro = QLabel(
            self.tr(
                "Give a home programme despite <b>{name}</b>?<br>The patient still gets the referral letter; the home programme prints after it."
            ).format(name=_html(name))
        )
        intro.setWordWrap(True)
        question = QLabel(
            self.tr("The patient answered Yes to: “{question}”").format(
                question=_html(flag.question[content_language()])
            )
        )
        question.setWordWrap(True)
        question.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        label = QLabel(self.tr("&Why is it safe to start the exercises? (required)"))
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(self.tr("Reason for the override"))
        self.reason.setPlaceholderText(
            self.tr("e.g. treated in 2009 and discharged; the GP knows about this pain")
        )
        self.reason.setTabChangesFocus(True)
        lines = self.reason.fontMetrics().lineSpacing()
        self.reason.setMinimumHeight(lines * 5)
        label.setBuddy(self.reason)
        self.limit = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Override"))
        self.ok_button.setAccessibleName(self.tr("Override"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        for widget in (intro, question, label, self.reason, self.limit, self.buttons):
            layout.addWidget(widget)
        self.resize(lines * 34, self.sizeHint().height())
        self._check()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _check(self) -> None:
        length = len(self.reason_text())
        too_long = length > REASON_MAX_CHARS
        self.limit.show_message(
            self.tr("At most {REASON_MAX_CHARS} characters; this is {length}.").format(
                REASON_MAX_CHARS=REASON_MAX_CHARS, length=length
            )
            if too_long
            else None
        )
        self.ok_button.setEnabled(0 < length <= REASON_MAX_CHARS)

    def accept(self) -> None:
        if self.ok_button.isEnabled():
            super().accept()


class FlagRow(QWidget):
    """One question with its urgency and the three answers; under it, the override, if any."""

    answered = Signal()  # the user changed the answer
    override_requested = Signal()
    override_removed = Signal()

    def __init__(self, number: int, flag: RedFlag, urgency_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag_id = flag.id
        self.flag = flag
        question = flag.question[content_language()]
        self.question = QLabel(f"{number}. {question}")
        self.question.setWordWrap(True)
        self.urgency = AlertLabel(urgency_label, URGENCY_LEVEL[flag.urgency], self)
        self.urgency.setMinimumWidth(urgency_column_width(self.urgency))
        self.urgency.setToolTip(
            self.tr("If yes: refer {when}").format(
                when=load_catalogue().urgencies[flag.urgency].when[content_language()]
            )
        )
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.question, 1)
        top.addWidget(self.urgency)
        for button_id, text in (
            (YES, self.tr("Yes")),
            (NO, self.tr("No")),
            (NOT_ASKED, self.tr("Not asked")),
        ):
            button = QRadioButton(text, self)
            button.setAccessibleName(f"{question} {text}")
            self.group.addButton(button, button_id)
            self.buttons[button_id] = button
            top.addWidget(button)
        self._build_override_line(question)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.override_line)
        self.buttons[NOT_ASKED].setChecked(True)
        self.group.idToggled.connect(self._tab_to_the_checked_answer)
        self._tab_to_the_checked_answer()
        self.group.idClicked.connect(self._on_clicked)
        self._last = NOT_ASKED
        self._read_only = False

    def _build_override_line(self, question: str) -> None:
        # Under the question: the override and its reason, or the offer to override, or a status.
        self.override_line = QWidget(self)
        self.override_status = AlertLabel("", "muted", self.override_line)
        self.override_status.setWordWrap(True)
        self.override_status.setTextFormat(Qt.TextFormat.RichText)
        self.override_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.override_button = QPushButton(self.tr("Override…"), self.override_line)
        self.override_button.setAccessibleName(
            self.tr("Override, with a reason: {question}").format(question=question)
        )
        self.override_button.setToolTip(self.tr("Give a home programme despite this flag; you write why"))
        self.override_button.setAutoDefault(False)
        self.override_button.clicked.connect(self.override_requested)
        self.remove_button = QPushButton(self.tr("Remove override"), self.override_line)
        self.remove_button.setAccessibleName(
            self.tr("Remove the override: {question}").format(question=question)
        )
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.override_removed)
        for button in (self.override_button, self.remove_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        line = QHBoxLayout(self.override_line)
        # Indented to the question's text, past its number.
        line.setContentsMargins(self.question.fontMetrics().horizontalAdvance("00. "), 0, 0, 0)
        line.addWidget(self.override_status, 1)
        line.addWidget(self.override_button, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        self.override_line.hide()

    def answer(self) -> Answer | None:
        return ANSWER_OF_BUTTON[self.group.checkedId()]

    def set_answer(self, answer: Answer | None) -> None:
        self._last = BUTTON_OF_ANSWER[answer]
        self.buttons[self._last].setChecked(True)
        self.set_read_only(self._read_only)
        self._emphasise()

    def set_read_only(self, read_only: bool) -> None:
        # Only the chosen answer stays enabled: readable, focusable, and it cannot be changed.
        self._read_only = read_only
        for button in self.buttons.values():
            button.setEnabled(not read_only or button.isChecked())
        self.override_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def show_override(
        self, text: str, level: AlertLevel, offer: bool = False, removable: bool = False
    ) -> None:
        """The line under the question: a status or an override's reason, and its buttons."""
        self.override_status.setText(text)
        self.override_status.set_level(level)
        self.override_status.setVisible(bool(text))
        self.override_button.setVisible(offer)
        self.remove_button.setVisible(removable)
        self.override_line.setVisible(bool(text) or offer or removable)
        self.override_line.setAccessibleDescription(self.override_status.text())

    def _on_clicked(self, button_id: int) -> None:
        if button_id != self._last:
            self._last = button_id
            self._emphasise()
            self.answered.emit()

    def _tab_to_the_checked_answer(self) -> None:
        # Tab lands on the answer given (Space there changes nothing); the arrow keys move between answers.
        for button in self.buttons.values():
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if button.isChecked() else Qt.FocusPolicy.ClickFocus
            )

    def _emphasise(self) -> None:
        # A question answered Yes stands out when the therapist scans the list again.
        font = self.question.font()
        font.setBold(self.answer() == "present")
        self.question.setFont(font)


def urgency_column_width(label: QLabel) -> int:
    """Wide enough for the longest urgency, so that the answers line up in columns."""
    labels = [urgency.label[content_language()] for urgency in load_catalogue().urgencies.values()]
    return (
        max(label.fontMetrics().horizontalAdvance(text) for text in labels)
        + label.fontMetrics().averageCharWidth()
    )


class ReferralBanner(QFrame):
    """Shown while any answer is Yes: refer, how urgently, and what the patient must do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralBanner")
        self.title = AlertLabel(self.tr("Refer — do not give a home programme"), "danger", self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.urgency = AlertLabel("", "danger", self)
        self.urgency.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.number_missing = AlertLabel(
            QCoreApplication.translate("red_flags_section", NO_EMERGENCY_NUMBER), "danger", self
        )
        self.number_missing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.urgency)
        layout.addWidget(self.advice)
        layout.addWidget(self.number_missing)
        self.setAccessibleName(self.tr("Referral needed"))
        self.hide()

    def show_referral(
        self,
        urgency: str | None,
        present: int,
        raised_by: Collection[str] = (),
        emergency_number: str = "",
        overridden: bool = False,
    ) -> None:
        """The referral's urgency after the combinations; `overridden`: every flag has an override in force."""
        if urgency is None:
            self.hide()
            return
        level: AlertLevel = "danger" if urgency == "emergency" else "warning"
        raised = (
            self.tr("<br>Urgency raised by: {combinations}").format(combinations=_html("; ".join(raised_by)))
            if raised_by
            else ""
        )
        self.title.setText(
            self.tr("Refer — home programme given by override (the letter prints first)")
            if overridden
            else self.tr("Refer — do not give a home programme")
        )
        self.urgency.setText(
            self.tr("<b>{when}</b> — %n red flag(s) answered Yes{raised}", "", present).format(
                when=_html(refer_when(urgency)), raised=raised
            )
        )
        self.urgency.set_level(level)
        self.title.set_level(level)
        self.advice.setText(emergency_advice(urgency, emergency_number))
        missing = needs_emergency_number(urgency) and not emergency_number.strip()
        self.number_missing.setVisible(missing)
        self.setAccessibleDescription(f"{refer_when(urgency)}. {self.advice.text()}")
        border = alert_color(self.palette(), level).name()
        self.setStyleSheet(f"QFrame#referralBanner {{ border: 2px solid {border}; border-radius: 6px; }}")
        self.show()


class RedFlagsSection(Section):
    """The checklist in catalogue order, a referral banner on top, and "None of the remaining"."""

    referral_changed = Signal(bool)  # any answer is Yes: also emitted when load() changes it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        catalogue = load_catalogue()
        self.banner = ReferralBanner()
        self.error = FieldError()
        self.progress = QLabel()
        self.progress.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.none_button = QPushButton(self.tr("No to all the &rest"))
        self.none_button.setAccessibleName(
            self.tr("No to all the rest: answer No to every question not asked yet")
        )
        self.none_button.setToolTip(self.tr("Answer No to every question that is still Not asked"))
        self.none_button.clicked.connect(self._on_none_of_the_remaining)
        self.rows = [
            FlagRow(number, flag, catalogue.urgencies[flag.urgency].label[content_language()])
            for number, flag in enumerate(catalogue.red_flags.values(), start=1)
        ]
        for row in self.rows:
            row.answered.connect(lambda row=row: self._on_answered(row))
            row.override_requested.connect(lambda row=row: self.ask_override(row))
            row.override_removed.connect(lambda row=row: self._remove_override(row))
        self._referral = False
        self._overrides: dict[str, str] = {}  # flag id -> reason, in the order given
        self._removed: dict[str, str] = {}  # flag id -> the reason of an override taken back by a No
        self._regions: frozenset[Region] = frozenset()
        self._age: int | None = None
        self._emergency_number = ""
        self._read_only = False
        self.override_dialog: OverrideDialog | None = None
        self._build()
        self._refresh()

    def _build(self) -> None:
        intro = QLabel(
            self.tr(
                "Ask each question. Any <b>Yes</b> means referral instead of a home programme"
                " (a flag needing referral within a week may be overridden, with a reason)."
            )
        )
        intro.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.progress)
        actions.addStretch(1)
        actions.addWidget(self.none_button)
        checklist = QWidget()
        rows_layout = QVBoxLayout(checklist)
        rows_layout.setSpacing(0)
        for index, row in enumerate(self.rows):
            # Banded rows: the eye follows a long question across to its answers.
            row.setAutoFillBackground(index % 2 == 1)
            row.setBackgroundRole(QPalette.ColorRole.AlternateBase)
            rows_layout.addWidget(row)
        rows_layout.addStretch(1)
        # Room below the questions, grown as needed so that the list can always be scrolled to keep
        # the question just answered where it was (see _keep_in_place).
        self._room = QWidget(checklist)
        self._room.setFixedHeight(0)
        rows_layout.addWidget(self._room)
        self._checklist_layout = rows_layout
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the inputs, not to the scroll area
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Always there: a scroll bar appearing would move every answer sideways under the pointer.
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(checklist)
        self.checklist_scroll = scroll
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(intro)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addWidget(scroll, 1)

    # ---- Section -----------------------------------------------------------------------------

    def load(self, form: VisitForm) -> None:
        for row in self.rows:
            row.set_answer(form.red_flags.get(row.flag_id))
        self._overrides = dict(form.red_flag_overrides)
        self._removed = {}
        self._refresh()

    def store(self, form: VisitForm) -> None:
        answers = ((row.flag_id, row.answer()) for row in self.rows)
        form.red_flags = {flag: answer for flag, answer in answers if answer is not None}
        form.red_flag_overrides = dict(self._overrides)

    def show_problems(self, problems: list[Problem]) -> None:
        # Overrides that cannot stand are shown on their rows (see _refresh), not here.
        messages = messages_by_path(problems, "red_flags").items()
        self.error.show_message("; ".join(readable_message(m, path) for path, m in messages) or None)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.none_button.setEnabled(not read_only)
        for row in self.rows:
            row.set_read_only(read_only)
        self._refresh()

    # ---- what the combinations read besides the answers, and the clinic's number ------------------

    def set_context(self, regions: Collection[Region], age: int | None) -> None:
        """The complaint regions and the patient's age on the visit date (the combinations read them)."""
        regions = frozenset(regions)
        if (regions, age) != (self._regions, self._age):
            self._regions, self._age = regions, age
            self._refresh()

    def set_emergency_number(self, number: str) -> None:
        self._emergency_number = number
        self._refresh()

    # ---- state -------------------------------------------------------------------------------

    @property
    def referral_required(self) -> bool:
        return self._referral

    def present(self) -> list[str]:
        return [row.flag_id for row in self.rows if row.answer() == "present"]

    def highest_urgency(self) -> str | None:
        """The referral's urgency after the combinations (None without a Yes)."""
        return self.referral()[0]

    def referral(self) -> tuple[str | None, tuple[str, ...]]:
        """The referral's urgency and the combinations that apply."""
        return referral_urgency(self.present(), self._regions, self._age, load_catalogue())

    def overrides(self) -> dict[str, str]:
        return dict(self._overrides)

    def override_problem(self, flag_id: str) -> str | None:
        """Why this flag's override is not in force, in plain words; None when it is (or there is none)."""
        if flag_id not in self._overrides:
            return None
        row = self.row(flag_id)
        answered_yes = row is not None and row.answer() == "present"
        return why_not_in_force(flag_id, answered_yes, self.present(), self._regions, self._age)

    def row(self, flag_id: str) -> FlagRow | None:
        return next((row for row in self.rows if row.flag_id == flag_id), None)

    def tab_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.none_button]
        for row in self.rows:
            chain += [*row.buttons.values(), row.override_button, row.remove_button]
        return chain

    def focus_entry(self) -> None:
        self.focus_first_unanswered()

    def focus_first_unanswered(self) -> None:
        """Put the keyboard on the first question not asked yet (or the first question)."""
        row = next((r for r in self.rows if r.answer() is None), self.rows[0])
        self.checklist_scroll.ensureWidgetVisible(row)
        row.buttons[BUTTON_OF_ANSWER[row.answer()]].setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh(self) -> None:
        catalogue = load_catalogue()
        present = self.present()
        asked = sum(row.answer() is not None for row in self.rows)
        self.progress.setText(self.tr("{asked} of {rows} asked").format(asked=asked, rows=len(self.rows)))
        urgency, combinations = self.referral()
        # The combinations that made the referral more urgent than its flags alone.
        flags_alone = max((URGENCY_RANK[catalogue.red_flags[f].urgency] for f in present), default=0)
        raised = [
            c.clinician[content_language()].rstrip(".")
            for c in catalogue.combinations
            if c.id in combinations and URGENCY_RANK[c.urgency] > flags_alone
        ]
        standing = [
            flag for flag in present if flag in self._overrides and self.override_problem(flag) is None
        ]
        self.banner.show_referral(
            urgency,
            len(present),
            raised,
            self._emergency_number,
            overridden=bool(present) and len(standing) == len(present),
        )
        blockers = override_blockers(present, self._regions, self._age)
        for row in self.rows:
            self._show_override_line(row, blockers)
        if bool(present) != self._referral:
            self._referral = bool(present)
            self.referral_changed.emit(self._referral)

    def _show_override_line(self, row: FlagRow, blockers: list[str]) -> None:
        catalogue = load_catalogue()
        flag = row.flag_id
        editable = not self._read_only
        if flag in self._overrides:
            reason = _html(self._overrides[flag])
            problem = self.override_problem(flag)
            if problem is None:
                row.show_override(
                    self.tr("<b>Overridden</b> — home programme given. Reason: {reason}").format(
                        reason=reason
                    ),
                    "warning",
                    removable=editable,
                )
            else:
                row.show_override(
                    self.tr(
                        "<b>Override not in force</b>: {problem}. Remove it to finish the visit.<br>Reason given: {reason}"
                    ).format(problem=_html(problem), reason=reason),
                    "danger",
                    removable=editable,
                )
            return
        if flag in self._removed:
            answer = self.tr("No") if row.answer() == "absent" else self.tr("Not asked")
            row.show_override(
                self.tr(
                    "Override removed, because the answer is now {answer}. The reason was: {value}"
                ).format(answer=answer, value=_html(self._removed[flag])),
                "muted",
            )
            return
        overridable = URGENCY_RANK[row.flag.urgency] <= URGENCY_RANK[catalogue.override_allowed_up_to]
        if row.answer() == "present" and overridable:
            if blockers:
                row.show_override(
                    self.tr(
                        "Cannot be overridden while the referral is needed sooner, because of {value}."
                    ).format(value=_html("; ".join(blockers))),
                    "muted",
                )
            elif editable:
                row.show_override(
                    self.tr(
                        "If it is safe to start the exercises, you may override this flag, with a written reason."
                    ),
                    "muted",
                    offer=True,
                )
            return
        row.show_override("", "muted")

    # ---- user actions ------------------------------------------------------------------------

    def _on_answered(self, row: FlagRow) -> None:
        self._removed.pop(row.flag_id, None)
        if row.answer() != "present" and row.flag_id in self._overrides:
            # No override of a flag that is not there; the row says it was removed.
            self._removed[row.flag_id] = self._overrides.pop(row.flag_id)
        before = row.mapTo(self, QPoint(0, 0)).y()
        self._refresh()
        self._keep_in_place(row, before)
        self.changed.emit()

    def _keep_in_place(self, row: FlagRow, before: int) -> None:
        """Scroll so that the row just answered stays under the pointer.

        The banner appearing (or growing, or going) above the list, and override lines above the row,
        would otherwise move the row, and the next click would land on another question.
        """
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        self._checklist_layout.activate()
        moved = row.mapTo(self, QPoint(0, 0)).y() - before
        if not moved:
            return
        bar = self.checklist_scroll.verticalScrollBar()
        wanted = bar.value() + moved
        if wanted > bar.maximum():  # room to scroll that far, below the last question
            viewport = self.checklist_scroll.viewport().height()
            short = viewport + wanted - self._checklist_layout.minimumSize().height()
            self._room.setFixedHeight(self._room.height() + max(short, 0))
            # The scroll area learns the list's new size from posted events: deliver them now.
            self._checklist_layout.activate()
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bar.setValue(wanted)

    def _on_none_of_the_remaining(self) -> None:
        unanswered = [row for row in self.rows if row.answer() is None]
        for row in unanswered:
            row.set_answer("absent")
        if unanswered:
            self._refresh()
            self.changed.emit()

    def ask_override(self, row: FlagRow) -> OverrideDialog:
        """Ask for the reason (window-modal, not blocking); the override is stored on OK."""
        dialog = OverrideDialog(row.flag, self)
        self.override_dialog = dialog
        dialog.accepted.connect(lambda: self._add_override(row, dialog.reason_text()))
        dialog.finished.connect(lambda _result: self._dialog_closed(row, dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, row: FlagRow, dialog: OverrideDialog) -> None:
        if self.override_dialog is dialog:
            self.override_dialog = None
        dialog.deleteLater()
        target = row.remove_button if row.remove_button.isVisible() else row.override_button
        if target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_override(self, row: FlagRow, reason: str) -> None:
        if not reason or row.answer() != "present":
            return
        self._overrides[row.flag_id] = reason
        self._removed.pop(row.flag_id, None)
        self._refresh()
        self.changed.emit()

    def _remove_override(self, row: FlagRow) -> None:
        if self._overrides.pop(row.flag_id, None) is None:
            return
        self._refresh()
        if row.override_button.isVisible():
            row.override_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            row.buttons[BUTTON_OF_ANSWER[row.answer()]].setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()


def _html(text: str) -> str:
    from html import escape

    return escape(text)
