"""The outcome measures of one visit: what is recorded, each score with its change since the
episode's first and whether that reaches the MCID (its source in the tooltip, marked when it
worsens by as much), and an answer sheet to fill in from paper or to hand to the patient.

Talks to the core only through the callables the visit editor gives it, which keep the visit's
version in step with the autosave.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import Language, OutcomeRecord, Region
from clinic_app.errors import ClinicError
from clinic_app.outcomes import Measure, load_measures, score
from clinic_app.progress import EpisodeProgress
from clinic_app.validation import problems_from
from ui.core_words import core_message
from ui.language import (
    QT_TRANSLATE_NOOP,
    content_language,
    date_text,
    in_english,
    number_text,
    signed_number_text,
)
from ui.outcomes.answer_sheet import AnswerSheet, item_text
from ui.outcomes.patient_mode import PatientMode
from ui.widgets.alert_colors import AlertLabel

if TYPE_CHECKING:
    from clinic_app.outcome_wording import Wording
    from clinic_app.storage.measure_wordings import StoredWording

JUDGED: dict[str, bool | None] = {
    QT_TRANSLATE_NOOP("outcomes_dialog", "not asked"): None,
    QT_TRANSLATE_NOOP("outcomes_dialog", "met"): True,
    QT_TRANSLATE_NOOP("outcomes_dialog", "not met"): False,
}
# How the ends of each scale read to a patient (the instruments' own anchors, in plain words).
ANCHORS = {
    "nprs": (
        QT_TRANSLATE_NOOP("outcomes_dialog", "no pain"),
        QT_TRANSLATE_NOOP("outcomes_dialog", "worst pain imaginable"),
    ),
    "psfs": (
        QT_TRANSLATE_NOOP("outcomes_dialog", "cannot do it"),
        QT_TRANSLATE_NOOP("outcomes_dialog", "as well as before"),
    ),
}


@dataclass(frozen=True, slots=True)
class OutcomeCalls:
    """What the dialog may ask of the visit editor; each runs off the UI thread and calls back."""

    record: Callable[[OutcomeRecord, Callable[[object], None]], None]
    remove: Callable[[str, Callable[[object], None]], None]
    judge: Callable[[str, bool | None, Callable[[object], None]], None]
    progress: Callable[[Callable[[EpisodeProgress], None]], None]
    verify_password: Callable[[str, Callable[[bool], None]], None]
    lock: Callable[[], None]
    # The clinic's wording of the measures we may not ship (LEFS, ...); None: paper entry only.
    wordings: Callable[[Callable[[Mapping[str, StoredWording]], None]], None] | None = None
    language: Language = Language.EN  # the patient's, for the questions handed to them


@dataclass(frozen=True, slots=True)
class Choice:
    measure: Measure
    region: Region | None

    @property
    def key(self) -> str:
        return self.measure.id if self.region is None else f"{self.measure.id}:{self.region.value}"

    @property
    def label(self) -> str:
        region = self.region
        if region is None:
            return f"{self.measure.id.upper()}: {self.measure.name[content_language()]}"
        place = (
            region.value.replace("_", " / " if region is Region.ANKLE_FOOT else " ")
            if in_english()
            else load_catalogue().regions[region][content_language()]
        )
        return f"{self.measure.id.upper()} — {place}: {self.measure.name[content_language()]}"


def choices_for(regions: Sequence[Region]) -> list[Choice]:
    """NPRS once per complaint region of the visit, then every other measure once."""
    found = []
    for measure in load_measures().values():
        if measure.per_complaint:
            found += [Choice(measure, region) for region in dict.fromkeys(regions)]
        else:
            found.append(Choice(measure, None))
    return found


def change_text(progress: EpisodeProgress, key: str, visit_id: str) -> tuple[str, str, bool] | None:
    """(score, change since the episode's first with its MCID verdict, marked) at this visit."""
    series = next((s for s in progress.measures if s.key == key), None)
    if series is None:
        return None
    here = [i for i, p in enumerate(series.points) if p.visit_id == visit_id]
    if not here:
        return None
    point, first = series.points[here[0]], series.points[0]
    if here[0] == 0:
        return (
            number_text(point.value, 2),
            QCoreApplication.translate("outcomes_dialog", "the episode's first value"),
            False,
        )
    change = round(point.value - first.value, 2)
    better = change if series.better == "higher" else -change
    mcid = series.mcid
    if better >= mcid:
        verdict = QCoreApplication.translate(
            "outcomes_dialog", "{change} since {date}: meaningful (reaches the MCID of {mcid})"
        ).format(change=signed_number_text(change), date=date_text(first.date), mcid=number_text(mcid, 2))
    elif -better >= mcid:
        verdict = QCoreApplication.translate(
            "outcomes_dialog", "{change} since {date}: WORSE by the MCID ({mcid}) or more"
        ).format(change=signed_number_text(change), date=date_text(first.date), mcid=number_text(mcid, 2))
    else:
        verdict = QCoreApplication.translate(
            "outcomes_dialog", "{change} since {date}: below the MCID of {mcid}"
        ).format(change=signed_number_text(change), date=date_text(first.date), mcid=number_text(mcid, 2))
    return number_text(point.value, 2), verdict, abs(better) >= mcid


class OutcomesDialog(QDialog):
    def __init__(
        self, visit_id: str, regions: Sequence[Region], calls: OutcomeCalls, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Outcome measures of this visit"))
        self.setObjectName("outcomesDialog")
        self.visit_id, self.calls = visit_id, calls
        self.progress: EpisodeProgress | None = None
        self.wordings: Mapping[str, StoredWording] = {}
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Outcome measures at this visit"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Measure"), self.tr("Score"), self.tr("Change since the episode's first")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(self.table.horizontalHeader().sizeHint().height() + 6 * 30)
        self.measure = QComboBox()
        self.measure.setAccessibleName(self.tr("Measure to fill in"))
        for choice in choices_for(regions):
            self.measure.addItem(choice.label, choice)
        self.sheet_area = QScrollArea()
        self.sheet_area.setWidgetResizable(True)
        self.sheet: AnswerSheet | None = None
        self.licence = QLabel()
        self.licence.setObjectName("outcomeLicence")
        self.licence.setWordWrap(True)
        self.licence.setForegroundRole(self.licence.foregroundRole())
        self.message = AlertLabel("")
        self.message.hide()
        # The episode's activity goals, judged at this visit (a measure goal is judged by its score).
        self.goals_label = QLabel(self.tr("Activity goals at this visit:"))
        self.goals_box = QWidget()
        self.goals_form = QFormLayout(self.goals_box)
        self.goal_answers: dict[str, QComboBox] = {}
        self.save_button = QPushButton(self.tr("&Save answers"))
        self.save_button.setObjectName("saveOutcomeButton")
        self.remove_button = QPushButton(self.tr("&Remove from this visit"))
        self.patient_button = QPushButton(self.tr("&Hand the tablet to the patient…"))
        self.patient_button.setObjectName("handToPatientButton")
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.remove_button, self.patient_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Recorded at this visit:")))
        layout.addWidget(self.table)
        layout.addWidget(self.goals_label)
        layout.addWidget(self.goals_box)
        layout.addWidget(QLabel(self.tr("Fill in:")))
        layout.addWidget(self.measure)
        layout.addWidget(self.licence)
        layout.addWidget(self.sheet_area, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.measure.currentIndexChanged.connect(lambda _index: self._new_sheet())
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.patient_button.clicked.connect(self.hand_to_patient)
        self.resize(760, 640)
        self._new_sheet()
        self.refresh()
        if calls.wordings is not None:
            calls.wordings(self._got_wordings)

    def choice(self) -> Choice:
        choice = self.measure.currentData()
        assert isinstance(choice, Choice)
        return choice

    def wording(self, measure: Measure) -> Wording | None:
        """The clinic's wording of a measure whose text we do not ship, if it supplied one."""
        stored = self.wordings.get(measure.id) if measure.items.text is None else None
        return stored.wording if stored is not None else None

    def _got_wordings(self, wordings: Mapping[str, StoredWording]) -> None:
        self.wordings = wordings
        if self.choice().measure.items.text is None:  # its sheet can show the items now
            self._new_sheet()

    def _new_sheet(self) -> None:
        choice = self.choice()
        measure = choice.measure
        wording = self.wording(measure)
        self.sheet = AnswerSheet(measure, choice.region, wording=wording)
        self.sheet_area.setWidget(self.sheet)
        self.licence.setText(self._licence_text(measure, wording))
        # Only questions the patient can read may be handed over (shipped, or the clinic's wording).
        readable = measure.items.text is not None or wording is not None
        self.patient_button.setEnabled(readable)
        self.patient_button.setToolTip(
            "" if readable else self.tr("The item wording must be supplied by the clinic: use the paper form")
        )
        self._say("")

    def _licence_text(self, measure: Measure, wording: Wording | None) -> str:
        licence = self.tr("Licence: {licence}").format(licence=measure.licence[content_language()])
        if measure.items.text is not None:
            return licence
        name = measure.id.upper()
        if wording is None:
            return (
                self.tr(
                    "The wording of the %1 items is not included in Clinic App (see its licence below), so it "
                    "must be supplied by the clinic: an admin imports it from the clinic's licensed copy "
                    "(File > Outcome measure wording). Until then, enter the answers from the paper form."
                ).replace("%1", name)
                + "\n"
                + licence
            )
        source = f" ({wording.source})" if wording.source else ""
        return self.tr("Items as worded by the clinic%1.").replace("%1", source) + "\n" + licence

    def refresh(self) -> None:
        self.calls.progress(self._show_progress)

    def _show_progress(self, progress: EpisodeProgress) -> None:
        self.progress = progress
        self._show_goals(progress)
        rows = []
        for choice in (self.measure.itemData(i) for i in range(self.measure.count())):
            found = change_text(progress, choice.key, self.visit_id)
            if found is not None:
                rows.append((choice, *found))
        self.table.setRowCount(len(rows))
        for row, (choice, shown, verdict, marked) in enumerate(rows):
            change = QTableWidgetItem(verdict)
            change.setToolTip(self.tr("MCID source: {source}").format(source=choice.measure.mcid.source))
            if marked:
                font = change.font()
                font.setBold(True)
                change.setFont(font)
            name = QTableWidgetItem(choice.label)
            score_item = QTableWidgetItem(f"{shown} / {number_text(choice.measure.max_score, 2)}")
            for column, item in enumerate((name, score_item, change)):
                self.table.setItem(row, column, item)

    def _show_goals(self, progress: EpisodeProgress) -> None:
        """One choice per activity goal: not asked, met, not met, as recorded at this visit."""
        activity = [g for g in progress.goals if g.goal.activity is not None and g.goal.id is not None]
        if set(self.goal_answers) != {g.goal.id for g in activity}:
            while self.goals_form.rowCount():
                self.goals_form.removeRow(0)
            self.goal_answers = {}
            for goal in activity:
                combo = QComboBox()
                for text in JUDGED:
                    combo.addItem(QCoreApplication.translate("outcomes_dialog", text))
                combo.setAccessibleName(self.tr("Goal {activity}").format(activity=goal.goal.activity))
                goal_id = str(goal.goal.id)
                combo.activated.connect(lambda index, g=goal_id: self.judge(g, list(JUDGED.values())[index]))
                self.goal_answers[goal_id] = combo
                self.goals_form.addRow(f"{goal.goal.activity} ({goal.goal.target}):", combo)
        for goal in activity:
            here = next((c.met for c in goal.checks if c.visit_id == self.visit_id), None)
            combo = self.goal_answers[str(goal.goal.id)]
            combo.setCurrentIndex(list(JUDGED.values()).index(here))
        self.goals_label.setVisible(bool(activity))
        self.goals_box.setVisible(bool(activity))

    def judge(self, goal_id: str, met: bool | None) -> None:
        words = next(text for text, value in JUDGED.items() if value is met)
        self.calls.judge(
            goal_id,
            met,
            lambda outcome: self._saved(outcome, self.tr("Goal recorded as {words}.").format(words=words)),
        )

    def row_texts(self) -> list[tuple[str, str, str]]:
        found = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in range(3)]
            found.append(tuple(c.text() if c is not None else "" for c in cells))
        return found  # type: ignore[return-value]

    # ---- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        sheet, choice = self.sheet, self.choice()
        if sheet is None:
            return
        try:
            record = OutcomeRecord(
                measure=choice.measure.id,
                region=choice.region,
                answers=sheet.values(),
                activities=sheet.activity_names(),
            )
        except ValidationError as error:  # the measure's own rules: too few answers, ...
            self._say("; ".join(core_message(problem.message) for problem in problems_from(error)))
            return
        result = score(choice.measure, record.answers)
        blanks = sum(answer is None for answer in record.answers)
        done = (
            self.tr("Saved {measure}, not scored: every item must be answered ({blanks} left blank).")
            if result.score is None
            else self.tr("Saved {measure}.")
        ).format(measure=choice.measure.id.upper(), blanks=blanks)
        self.save_button.setEnabled(False)
        self.calls.record(record, lambda outcome: self._saved(outcome, done))

    def _saved(self, outcome: object, done: str) -> None:
        self.save_button.setEnabled(True)
        if isinstance(outcome, BaseException):
            self._say(
                str(outcome) if isinstance(outcome, ClinicError) else self.tr("Not saved: please try again.")
            )
            return
        self._say(done, level="muted")
        self.refresh()

    def remove(self) -> None:
        choice = self.choice()
        self.calls.remove(
            choice.key,
            lambda outcome: self._saved(
                outcome, self.tr("Removed {value}.").format(value=choice.measure.id.upper())
            ),
        )

    def _say(self, text: str, level: str = "danger") -> None:
        self.message.set_level("muted" if level == "muted" else "danger")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ---- the patient's turn ---------------------------------------------------------------------

    def hand_to_patient(self) -> PatientMode | None:
        sheet, choice = self.sheet, self.choice()
        measure = choice.measure
        wording = self.wording(measure)
        if sheet is None or (measure.items.text is None and wording is None):
            return None
        labels = None
        if wording is not None:
            language = self.calls.language
            questions = [wording.question(i, language) for i in range(len(sheet.answers))]
            labels = [wording.answer_labels(i, language) for i in range(len(sheet.answers))]
        elif measure.id == "psfs":
            names = [box.text().strip() for box in sheet.activities if box.text().strip()]
            if len(names) < (measure.items.count_min or 1):
                self._say(
                    self.tr("First write the patient's activities ({count_min} or more).").format(
                        count_min=measure.items.count_min
                    )
                )
                return None
            questions = [
                self.tr("{measure}\n\nActivity: {name}").format(measure=item_text(measure, 0), name=name)
                for name in names
            ]
        else:
            questions = [item_text(measure, i) for i in range(len(sheet.answers))]
        mode = PatientMode(
            questions,
            measure.items.min,
            measure.items.max,
            scale_anchors(measure),
            self.calls.verify_password,
            self,
            labels=labels,
        )
        mode.handed_back.connect(lambda: self._take_answers(mode.answers))
        mode.cleared.connect(self._cleared)
        mode.setWindowState(Qt.WindowState.WindowFullScreen)
        mode.open()
        return mode

    def _take_answers(self, answers: list[int | None]) -> None:
        if self.sheet is None:
            return
        for index, value in enumerate(answers):
            self.sheet.set_answer(index, value)
        self._say(
            self.tr("The patient's answers are in the sheet: check them, then Save answers."), level="muted"
        )

    def _cleared(self) -> None:
        self.reject()
        self.calls.lock()


def scale_anchors(measure: Measure) -> tuple[str, str]:
    """The words at the two ends of the scale, in the screens' language; the numbers where none are set."""
    if measure.id not in ANCHORS:
        return str(measure.items.min), str(measure.items.max)
    low, high = ANCHORS[measure.id]
    return QCoreApplication.translate("outcomes_dialog", low), QCoreApplication.translate(
        "outcomes_dialog", high
    )
