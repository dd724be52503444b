"""The red-flag checklist: any "Yes" means referral, not a home programme.

Maps to VisitForm.red_flags exactly: Yes -> "present", No -> "absent", Not asked -> the flag id is
not in the dict. The questions, their order and the urgencies come from the catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import URGENCY_RANK, RedFlag, load_catalogue
from clinic_app.errors import Problem
from clinic_app.visit_form import Answer, VisitForm
from ui.visit.section import Section
from ui.widgets.alert_colors import AlertLabel, AlertLevel, alert_color
from ui.widgets.field_error import FieldError, messages_by_path

# Button ids in each row's group; the order is the order on screen.
YES, NO, NOT_ASKED = 0, 1, 2
ANSWER_OF_BUTTON: dict[int, Answer | None] = {YES: "present", NO: "absent", NOT_ASKED: None}
BUTTON_OF_ANSWER = {answer: button for button, answer in ANSWER_OF_BUTTON.items()}
URGENCY_LEVEL: dict[str, AlertLevel] = {"emergency": "danger", "urgent": "warning", "routine": "muted"}


class FlagRow(QWidget):
    """One question with its urgency and the three answers."""

    answered = Signal()  # the user changed the answer

    def __init__(self, number: int, flag: RedFlag, urgency_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag_id = flag.id
        question = flag.question.en
        self.question = QLabel(f"{number}. {question}")
        self.question.setWordWrap(True)
        self.urgency = AlertLabel(urgency_label, URGENCY_LEVEL[flag.urgency], self)
        self.urgency.setMinimumWidth(urgency_column_width(self.urgency))
        self.urgency.setToolTip(f"If yes: {urgency_label.lower()} referral")
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.urgency)
        for button_id, text in ((YES, "Yes"), (NO, "No"), (NOT_ASKED, "Not asked")):
            button = QRadioButton(text, self)
            button.setAccessibleName(f"{question} {text}")
            self.group.addButton(button, button_id)
            self.buttons[button_id] = button
            layout.addWidget(button)
        self.buttons[NOT_ASKED].setChecked(True)
        self.group.idToggled.connect(self._tab_to_the_checked_answer)
        self._tab_to_the_checked_answer()
        self.group.idClicked.connect(self._on_clicked)
        self._last = NOT_ASKED
        self._read_only = False

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
    labels = [urgency.label.en for urgency in load_catalogue().urgencies.values()]
    return (
        max(label.fontMetrics().horizontalAdvance(text) for text in labels)
        + label.fontMetrics().averageCharWidth()
    )


class ReferralBanner(QFrame):
    """Shown while any answer is Yes: refer, how urgently, and what the patient must do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralBanner")
        self.title = AlertLabel("Refer — do not give a home programme", "danger", self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.urgency = AlertLabel("", "danger", self)
        self.urgency.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.urgency)
        layout.addWidget(self.advice)
        self.setAccessibleName("Referral needed")
        self.hide()

    def show_referral(self, urgency: str | None, present: int) -> None:
        if urgency is None:
            self.hide()
            return
        catalogue = load_catalogue()
        level: AlertLevel = "danger" if urgency == "emergency" else "warning"
        label = catalogue.urgencies[urgency].label.en
        flags = "1 red flag" if present == 1 else f"{present} red flags"
        self.urgency.setText(f"<b>{label}</b> — {flags} answered Yes")
        self.urgency.set_level(level)
        self.title.set_level(level)
        self.advice.setText(catalogue.urgencies[urgency].advice.en)
        self.setAccessibleDescription(f"{label}. {self.advice.text()}")
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
        self.none_button = QPushButton("No to all the &rest")
        self.none_button.setAccessibleName("No to all the rest: answer No to every question not asked yet")
        self.none_button.setToolTip("Answer No to every question that is still Not asked")
        self.none_button.clicked.connect(self._on_none_of_the_remaining)
        self.rows = [
            FlagRow(number, flag, catalogue.urgencies[flag.urgency].label.en)
            for number, flag in enumerate(catalogue.red_flags.values(), start=1)
        ]
        for row in self.rows:
            row.answered.connect(self._on_answered)
        self._referral = False
        self._build()
        self._refresh()

    def _build(self) -> None:
        intro = QLabel("Ask each question. Any <b>Yes</b> means referral instead of a home programme.")
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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the inputs, not to the scroll area
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(checklist)
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
        self._refresh()

    def store(self, form: VisitForm) -> None:
        answers = ((row.flag_id, row.answer()) for row in self.rows)
        form.red_flags = {flag: answer for flag, answer in answers if answer is not None}

    def show_problems(self, problems: list[Problem]) -> None:
        self.error.show_message("; ".join(messages_by_path(problems, "red_flags").values()) or None)

    def set_read_only(self, read_only: bool) -> None:
        self.none_button.setEnabled(not read_only)
        for row in self.rows:
            row.set_read_only(read_only)

    # ---- state -------------------------------------------------------------------------------

    @property
    def referral_required(self) -> bool:
        return self._referral

    def highest_urgency(self) -> str | None:
        catalogue = load_catalogue()
        present = [catalogue.red_flags[row.flag_id].urgency for row in self.rows if row.answer() == "present"]
        return max(present, key=URGENCY_RANK.__getitem__, default=None)

    def _refresh(self) -> None:
        present = sum(row.answer() == "present" for row in self.rows)
        asked = sum(row.answer() is not None for row in self.rows)
        self.progress.setText(f"{asked} of {len(self.rows)} asked")
        self.banner.show_referral(self.highest_urgency(), present)
        if (present > 0) != self._referral:
            self._referral = present > 0
            self.referral_changed.emit(self._referral)

    # ---- user actions ------------------------------------------------------------------------

    def _on_answered(self) -> None:
        self._refresh()
        self.changed.emit()

    def _on_none_of_the_remaining(self) -> None:
        unanswered = [row for row in self.rows if row.answer() is None]
        for row in unanswered:
            row.set_answer("absent")
        if unanswered:
            self._refresh()
            self.changed.emit()
