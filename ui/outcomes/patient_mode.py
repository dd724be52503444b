"""Hand the tablet to the patient: one question at a time in large type, big answer buttons, and
nothing else of the record on screen (no name, no other answers). When the last question is
answered the patient gives the tablet back; the therapist's password brings the answers to the
answer sheet, and Clear throws them away and locks the window (nothing of the record is shown).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.alert_colors import AlertLabel

LARGE_POINTS = 26
BUTTON_HEIGHT = 88
BUTTONS_PER_ROW = 11  # a 0-10 scale on one line, as on paper


class AnswerWords(QLabel):
    """An answer's words beside its button, wrapped; a touch on them is a touch on the button."""

    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class PatientMode(QDialog):
    """Questions in turn; `answers` holds one answer (or None) per question once handed back."""

    handed_back = Signal()
    cleared = Signal()

    def __init__(
        self,
        questions: Sequence[str],
        low: int,
        high: int,
        anchors: tuple[str, str],
        verify: Callable[[str, Callable[[bool], None]], None],
        parent: QWidget | None = None,
        labels: Sequence[Sequence[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Questionnaire"))  # no patient name: someone else may see the screen
        self.setObjectName("patientMode")
        self.setModal(True)
        self.questions = list(questions)
        self.answers: list[int | None] = [None] * len(questions)
        self.index = 0
        self._verify = verify
        # The words of each answer per question (the clinic's wording): one answer a line, in words.
        self.labels = [list(words) for words in labels] if labels is not None else None
        font = self.font()
        font.setPointSize(LARGE_POINTS)
        self.setFont(font)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._question_page(low, high, anchors))
        self.pages.addWidget(self._hand_back_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._show_question()

    def _question_page(self, low: int, high: int, anchors: tuple[str, str]) -> QWidget:
        page = QWidget()
        self.counter = QLabel()
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setObjectName("patientQuestion")
        grid = QGridLayout()
        self.answer_buttons: list[QPushButton] = []
        self.answer_words: list[AnswerWords] = []  # with the clinic's wording: each answer's words
        self.answer_values = list(range(low, high + 1))
        for value in self.answer_values:
            button = QPushButton(str(value))
            button.setAccessibleName(self.tr("Answer {value}").format(value=value))
            button.clicked.connect(lambda _checked=False, v=value: self.answer(v))
            self.answer_buttons.append(button)
            index = value - low
            if self.labels is None:  # numbers only: a 0-10 scale on one line, as on paper
                button.setMinimumHeight(BUTTON_HEIGHT)
                grid.addWidget(button, index // BUTTONS_PER_ROW, index % BUTTONS_PER_ROW)
                continue
            # One answer a line: its number, and its words wrapped beside it (an ODI statement is
            # a sentence); touching the words answers too.
            button.setMinimumSize(BUTTON_HEIGHT, BUTTON_HEIGHT // 2)
            words = AnswerWords()
            words.clicked.connect(button.click)
            self.answer_words.append(words)
            grid.addWidget(button, index, 0)
            grid.addWidget(words, index, 1)
        if self.labels is not None:
            grid.setColumnStretch(1, 1)
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.back_button.setMinimumHeight(BUTTON_HEIGHT // 2)
        self.back_button.clicked.connect(self.back)
        self.skip_button = QPushButton(self.tr("Skip this question"))
        self.skip_button.setMinimumHeight(BUTTON_HEIGHT // 2)
        self.skip_button.clicked.connect(lambda: self.answer(None))
        moves = QHBoxLayout()
        moves.addWidget(self.back_button)
        moves.addStretch(1)
        moves.addWidget(self.skip_button)
        column = QVBoxLayout(page)
        column.addWidget(self.counter)
        column.addWidget(self.question, 1)
        if self.labels is None:  # with words on each answer the ends need no explaining
            ends = QHBoxLayout()
            ends.addWidget(QLabel(f"{low} = {anchors[0]}"))
            ends.addStretch(1)
            ends.addWidget(QLabel(f"{high} = {anchors[1]}"))
            column.addLayout(ends)
        column.addLayout(grid)
        column.addLayout(moves)
        return page

    def _hand_back_page(self) -> QWidget:
        page = QWidget()
        thanks = QLabel(self.tr("Thank you. Please give the tablet back to your therapist."))
        thanks.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Therapist's password"))
        self.password.setAccessibleName(self.tr("Therapist's password"))
        self.password.returnPressed.connect(self._check_password)
        self.return_button = QPushButton(self.tr("Back to the therapist"))
        self.return_button.setObjectName("handBackButton")
        self.return_button.clicked.connect(self._check_password)
        self.clear_button = QPushButton(self.tr("Clear answers"))
        self.clear_button.setObjectName("clearAnswersButton")
        self.clear_button.setToolTip(self.tr("Throw these answers away and lock the screen"))
        self.clear_button.clicked.connect(self.clear)
        self.refused = AlertLabel("")
        self.refused.hide()
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.return_button)
        column = QVBoxLayout(page)
        column.addWidget(thanks)
        column.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.refused)
        column.addWidget(self.clear_button)
        return page

    # ---- answering ------------------------------------------------------------------------------

    def answer(self, value: int | None) -> None:
        self.answers[self.index] = value
        if self.index + 1 < len(self.questions):
            self.index += 1
            self._show_question()
        else:
            self.pages.setCurrentIndex(1)
            self.password.setFocus()

    def back(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show_question()

    def _show_question(self) -> None:
        self.pages.setCurrentIndex(0)
        self.counter.setText(
            self.tr("Question {value} of {questions}").format(
                value=self.index + 1, questions=len(self.questions)
            )
        )
        self.question.setText(self.questions[self.index])
        self.back_button.setEnabled(self.index > 0)
        chosen = self.answers[self.index]
        words = self.labels[self.index] if self.labels is not None else None
        for index, (value, button) in enumerate(zip(self.answer_values, self.answer_buttons, strict=True)):
            if words is not None:
                self.answer_words[index].setText(words[index])
                button.setAccessibleName(
                    self.tr("Answer {value}: {words}").format(value=value, words=words[index])
                )
            button.setDefault(chosen is not None and value == chosen)

    # ---- handing back ---------------------------------------------------------------------------

    def _check_password(self) -> None:
        password = self.password.text()
        self.password.clear()
        if not password:
            return
        self.return_button.setEnabled(False)
        self._verify(password, self._verified)

    def _verified(self, ok: bool) -> None:
        self.return_button.setEnabled(True)
        if not ok:
            self.refused.setText(self.tr("That password is not right."))
            self.refused.show()
            return
        self.handed_back.emit()
        self.accept()

    def clear(self) -> None:
        self.answers = [None] * len(self.questions)
        self.cleared.emit()
        self.reject()
