"""An episode's goals: each a measure reaching a score, or an activity in the patient's words, and
the date to reach it by. The core checks them (clinic_app.domain.Goal) and stores them all at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain import Goal, Region
from clinic_app.errors import ClinicError, InvalidInput
from clinic_app.outcomes import load_measures
from ui.core_words import core_message
from ui.language import date_format, number_text, number_value
from ui.widgets.alert_colors import AlertLabel

MEASURE, ACTIVITY = "measure", "activity"


def goal_measures(regions: Sequence[Region]) -> list[tuple[str, str]]:
    """(goal measure id, what the therapist reads): NPRS per complaint region, the others once."""
    found = []
    for measure in load_measures().values():
        if measure.per_complaint:
            found += [
                (f"{measure.id}:{r.value}", f"{measure.id.upper()} {r.value.replace('_', ' ')}")
                for r in regions
            ]
        else:
            found.append(
                (
                    measure.id,
                    (
                        QCoreApplication.translate("goals_dialog", "{measure} (higher is better)")
                        if measure.better == "higher"
                        else QCoreApplication.translate("goals_dialog", "{measure} (lower is better)")
                    ).format(measure=measure.id.upper()),
                )
            )
    return found


class GoalRow:
    """One goal's inputs on a row of the grid."""

    def __init__(self, kind: str, measures: list[tuple[str, str]], goal: Goal | None, by: dt.date) -> None:
        self.kind = kind
        self.id = goal.id if goal is not None else None
        self.what: QComboBox | QLineEdit
        if kind == MEASURE:
            combo = QComboBox()
            for value, label in measures:
                combo.addItem(label, value)
            if goal is not None and goal.measure is not None:
                combo.setCurrentIndex(max(0, combo.findData(goal.measure)))
            combo.setAccessibleName(QCoreApplication.translate("GoalRow", "Goal measure"))
            self.what = combo
        else:
            line = QLineEdit(goal.activity or "" if goal is not None else "")
            line.setPlaceholderText(
                QCoreApplication.translate("GoalRow", "Activity, e.g. Climb the stairs at home")
            )
            line.setAccessibleName(QCoreApplication.translate("GoalRow", "Goal activity"))
            self.what = line
        target = (
            ""
            if goal is None
            else number_text(goal.target, 2)
            if isinstance(goal.target, float | int)
            else goal.target
        )
        self.target = QLineEdit(target)
        self.target.setAccessibleName(QCoreApplication.translate("GoalRow", "Goal target"))
        self.target.setPlaceholderText(
            QCoreApplication.translate("GoalRow", "score to reach")
            if kind == MEASURE
            else QCoreApplication.translate("GoalRow", "e.g. 2 flights without the rail")
        )
        day = goal.by if goal is not None else by
        self.by = QDateEdit(QDate(day.year, day.month, day.day))
        self.by.setCalendarPopup(True)
        self.by.setDisplayFormat(date_format())
        self.by.setAccessibleName(QCoreApplication.translate("GoalRow", "Goal date"))
        self.remove = QPushButton(QCoreApplication.translate("GoalRow", "Remove"))
        self.widgets: list[QWidget] = [self.what, self.target, self.by, self.remove]

    def goal(self) -> dict[str, object]:
        date = self.by.date()
        data: dict[str, object] = {"id": self.id, "by": dt.date(date.year(), date.month(), date.day())}
        if isinstance(self.what, QComboBox):
            data["measure"] = self.what.currentData()
            text = self.target.text().strip()
            try:
                data["target"] = number_value(text)
            except ValueError:
                data["target"] = text  # the core says a measure's target is a number
        else:
            data["activity"] = self.what.text().strip() or None
            data["target"] = self.target.text().strip()
        return data


class GoalsDialog(QDialog):
    def __init__(
        self,
        goals: Sequence[Goal],
        regions: Sequence[Region],
        by: dt.date,
        save: Callable[[list[Goal], Callable[[object], None], Callable[[BaseException], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Goals of this episode"))
        self._measures, self._by, self._save = goal_measures(regions), by, save
        self.rows: list[GoalRow] = []
        self.grid = QGridLayout()
        for column, title in enumerate((self.tr("Measure or activity"), self.tr("Target"), self.tr("By"))):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        self.add_measure_button = QPushButton(self.tr("Add a &measure goal"))
        self.add_activity_button = QPushButton(self.tr("Add an &activity goal"))
        self.add_measure_button.clicked.connect(lambda: self.add_row(MEASURE))
        self.add_activity_button.clicked.connect(lambda: self.add_row(ACTIVITY))
        self.error = AlertLabel("")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        adds = QHBoxLayout()
        adds.addWidget(self.add_measure_button)
        adds.addWidget(self.add_activity_button)
        adds.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addLayout(adds)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        for goal in goals:
            self.add_row(MEASURE if goal.measure is not None else ACTIVITY, goal)
        self.resize(720, 320)

    def add_row(self, kind: str, goal: Goal | None = None) -> GoalRow:
        row = GoalRow(kind, self._measures, goal, self._by)
        self.rows.append(row)
        line = len(self.rows)
        for column, widget in enumerate(row.widgets):
            self.grid.addWidget(widget, line, column)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        if goal is None:
            row.what.setFocus()
        return row

    def remove_row(self, row: GoalRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets:
            widget.hide()
            self.grid.removeWidget(widget)
            widget.deleteLater()

    def submit(self) -> None:
        """Check every goal as the core does, then store them all; problems named by goal number."""
        from pydantic import ValidationError

        from clinic_app.validation import problems_from

        goals, problems = [], []
        for number, row in enumerate(self.rows, start=1):
            try:
                goals.append(Goal.model_validate(row.goal(), strict=False))
            except ValidationError as error:
                problems += [
                    self.tr("Goal {number}: {message}").format(number=number, message=core_message(p.message))
                    for p in problems_from(error)
                ]
        if problems:
            self._show("\n".join(problems))
            return
        self.buttons.setEnabled(False)
        self._save(goals, lambda _stored: self.accept(), self._refused)

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, InvalidInput):
            self._show("\n".join(_goal_words(p.path, core_message(p.message)) for p in error.problems))
        elif isinstance(error, ClinicError):
            self._show(str(error))
        else:
            self._show(self.tr("The goals were not saved. Please try again."))

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def _goal_words(path: str, message: str) -> str:
    """ "goals[1].target" -> "Goal 2: ...": the therapist's numbering, not the document's path."""
    match = re.search(r"goals\[(\d+)\]", path)
    return (
        QCoreApplication.translate("goals_dialog", "Goal {value}: {message}").format(
            value=int(match[1]) + 1, message=message
        )
        if match
        else message
    )
