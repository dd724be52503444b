"""Add a patient, or correct one: the few details the handouts and the records need.

The dialog never talks to the database. On OK it builds a domain Patient, shows every problem
next to its field (keeping everything typed), and hands a valid patient to the `save` callback
the caller gave it, on the caller's task lane (the database lane in the app), so a slow
database never freezes the window. While the save runs, the dialog waits: its buttons and
fields are disabled and it cannot be closed, so the outcome is never hidden. The callback
reports a problem by raising InvalidInput (an MRN already in use comes back with the path
"mrn") or ClinicError; on success its return value is kept in `result_value` for the caller.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain import Language, Patient, Sex
from clinic_app.errors import ClinicError, InvalidInput, Problem
from clinic_app.validation import problems_from
from ui.language import QT_TRANSLATE_NOOP
from ui.tasks import SynchronousTasks, Tasks
from ui.widgets.field_error import FieldError

log = logging.getLogger(__name__)

# Combo items carry the enum's value; "" stands for not recorded (None).
SEX_CHOICES = (
    (QT_TRANSLATE_NOOP("patient_dialog", "Not recorded"), ""),
    (QT_TRANSLATE_NOOP("patient_dialog", "Female"), "female"),
    (QT_TRANSLATE_NOOP("patient_dialog", "Male"), "male"),
    (QT_TRANSLATE_NOOP("patient_dialog", "Other"), "other"),
    (QT_TRANSLATE_NOOP("patient_dialog", "Unknown"), "unknown"),
)
# Not recorded: handouts use the clinic's default language (Settings > Printing).
LANGUAGE_CHOICES = (
    (QT_TRANSLATE_NOOP("patient_dialog", "Not recorded (clinic default)"), ""),
    (QT_TRANSLATE_NOOP("patient_dialog", "English"), "en"),
    (QT_TRANSLATE_NOOP("patient_dialog", "Spanish"), "es"),
)
TEXT_FIELDS = ("mrn", "given_name", "family_name", "phone", "email")
FIELD_NAMES = {
    "mrn": QT_TRANSLATE_NOOP("patient_dialog", "MRN"),
    "given_name": QT_TRANSLATE_NOOP("patient_dialog", "Given name"),
    "family_name": QT_TRANSLATE_NOOP("patient_dialog", "Family name"),
    "birth_date": QT_TRANSLATE_NOOP("patient_dialog", "Birth date"),
    "sex": QT_TRANSLATE_NOOP("patient_dialog", "Sex"),
    "language": QT_TRANSLATE_NOOP("patient_dialog", "Preferred language"),
    "phone": QT_TRANSLATE_NOOP("patient_dialog", "Phone"),
    "email": QT_TRANSLATE_NOOP("patient_dialog", "Email"),
}
NOT_SAVED = QT_TRANSLATE_NOOP(
    "patient_dialog",
    "The patient could not be saved: the database did not answer. What you typed is kept; try again.",
)
_COMPACT_DATE = re.compile(r"^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$")


def parse_birth_date(text: str, today: dt.date) -> tuple[dt.date | None, str | None]:
    """The date typed (YYYY-MM-DD; 19610402 and 1961/04/02 are read too), or why it cannot be one."""
    if not text.strip():
        return None, None
    match = _COMPACT_DATE.match(text.strip())
    try:
        date = dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        date = None
    if date is None:
        return None, QCoreApplication.translate(
            "patient_dialog", 'expected a date as YYYY-MM-DD, got "{value}"'
        ).format(value=text.strip())
    if date > today:
        return None, QCoreApplication.translate("patient_dialog", "must not be in the future")
    if date.year < today.year - 130:
        return None, QCoreApplication.translate("patient_dialog", "must be after {value}").format(
            value=today.year - 130
        )
    return date, None


def age_on(birth_date: dt.date, today: dt.date) -> int:
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


class PatientDialog(QDialog):
    """Edit the patient's details; OK saves them through the `save` callback."""

    def __init__(
        self,
        save: Callable[[Patient], object],
        patient: Patient | None = None,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        tasks: Tasks | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._tasks: Tasks = tasks or SynchronousTasks()
        self._saving = False
        self._today = today
        self.result_value: object = None  # what `save` returned
        self.saved_patient: Patient | None = None
        self.setWindowTitle(self.tr("Edit patient") if patient else self.tr("Add patient"))
        self._errors: dict[str, FieldError] = {}
        self._build(adding=patient is None)
        if patient is not None:
            self.load(patient)
        self._show_age()

    # ---- building ------------------------------------------------------------------------------

    def _build(self, adding: bool) -> None:
        self.mrn = self._line_edit(self.tr("MRN (medical record number)"), self.tr("Required"))
        self.given_name = self._line_edit(self.tr("Given name"), self.tr("Required"))
        self.family_name = self._line_edit(self.tr("Family name"), self.tr("Required"))
        self.birth_date = self._line_edit(self.tr("Birth date"), self.tr("YYYY-MM-DD, blank if unknown"))
        self.birth_date.textChanged.connect(self._show_age)
        self.age = QLabel(self)
        self.age.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.tr("Not a date yet")))
        self.sex = self._combo(self.tr("Sex"), SEX_CHOICES)
        self.language = self._combo(self.tr("Preferred language for handouts"), LANGUAGE_CHOICES)
        self.phone = self._line_edit(self.tr("Phone"), self.tr("Optional"))
        self.email = self._line_edit(self.tr("Email"), self.tr("Optional, e.g. name@example.com"))
        self._general_error = FieldError(self)
        form = QFormLayout()
        self._add_row(form, self.tr("&MRN:"), self.mrn, "mrn")
        self._add_row(form, self.tr("&Given name:"), self.given_name, "given_name")
        self._add_row(form, self.tr("&Family name:"), self.family_name, "family_name")
        self._add_row(form, self.tr("&Birth date:"), self.birth_date, "birth_date", beside=self.age)
        self._add_row(form, self.tr("&Sex:"), self.sex, "sex")
        self._add_row(form, self.tr("Preferred &language:"), self.language, "language")
        self._add_row(form, self.tr("&Phone:"), self.phone, "phone")
        self._add_row(form, self.tr("&Email:"), self.email, "email")
        buttons = self._buttons(adding)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._general_error)
        layout.addWidget(buttons)
        # Wide enough that most messages fit on one line beside their field.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 95)

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, name: str, choices: tuple[tuple[str, str], ...]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for label, value in choices:
            combo.addItem(QCoreApplication.translate("patient_dialog", label), value)
        return combo

    def _add_row(
        self, form: QFormLayout, caption: str, field: QWidget, path: str, beside: QWidget | None = None
    ) -> None:
        label = QLabel(caption, self)
        label.setBuddy(field)  # Alt + the underlined letter jumps to the field
        error = FieldError(self)
        self._errors[path] = error
        line = QHBoxLayout()
        line.addWidget(field, 1)
        if beside is not None:
            line.addWidget(beside)
        column = QVBoxLayout()
        column.setSpacing(0)
        column.addLayout(line)
        column.addWidget(error)
        form.addRow(label, column)

    def _buttons(self, adding: bool) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Add patient") if adding else self.tr("Save changes"))
        ok.setAccessibleName(ok.text())
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._button_box, self._ok_text = buttons, ok.text()
        return buttons

    # ---- values --------------------------------------------------------------------------------

    def load(self, patient: Patient) -> None:
        for name in TEXT_FIELDS:
            self._text_field(name).setText(getattr(patient, name) or "")
        self.birth_date.setText(patient.birth_date.isoformat() if patient.birth_date else "")
        self.sex.setCurrentIndex(self.sex.findData(patient.sex.value if patient.sex else ""))
        self.language.setCurrentIndex(
            self.language.findData(patient.language.value if patient.language else "")
        )

    def _text_field(self, name: str) -> QLineEdit:
        field = getattr(self, name)
        assert isinstance(field, QLineEdit)
        return field

    def patient(self) -> Patient:
        """The patient as typed, or InvalidInput with a problem for each field that is wrong."""
        problems: list[Problem] = []
        birth_date, date_problem = parse_birth_date(self.birth_date.text(), self._today())
        if date_problem:
            problems.append(Problem("birth_date", date_problem))
        email = self.email.text().strip()
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
            problems.append(Problem("email", "expected an email address like name@example.com"))
        values: dict[str, Any] = {
            name: self._text_field(name).text() for name in ("mrn", "given_name", "family_name")
        }
        values |= {name: self._text_field(name).text().strip() or None for name in ("phone", "email")}
        sex, language = self.sex.currentData(), self.language.currentData()
        values |= {"birth_date": birth_date, "sex": Sex(sex) if sex else None}
        values["language"] = Language(language) if language else None
        try:
            patient = Patient(**values)
        except ValidationError as error:
            problems += problems_from(error)
        if problems:
            raise InvalidInput(problems)
        return patient

    # ---- OK ------------------------------------------------------------------------------------

    def accept(self) -> None:
        if self._saving:
            return
        try:
            patient = self.patient()
        except InvalidInput as invalid:
            self.show_problems(invalid.problems)
            return
        self._set_saving(True)
        self._tasks.run(
            lambda: self._save(patient), lambda value: self._saved(patient, value), self._save_failed
        )

    def reject(self) -> None:
        if not self._saving:  # a save under way decides; closing now would hide its outcome
            super().reject()

    def _saved(self, patient: Patient, value: object) -> None:
        self._set_saving(False)
        self.result_value, self.saved_patient = value, patient
        super().accept()

    def _save_failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, InvalidInput):
            problems = error.problems
        elif isinstance(error, ClinicError):
            problems = [Problem("", str(error))]
        else:
            log.error("saving a patient failed: %s", type(error).__name__)  # no patient data
            problems = [Problem("", QCoreApplication.translate("patient_dialog", NOT_SAVED))]
        self.show_problems(problems)

    @property
    def saving(self) -> bool:
        return self._saving

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for widget in self._inputs():
            widget.setEnabled(not saving)
        for button in self._button_box.buttons():
            button.setEnabled(not saving)
        ok = self._button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Saving…") if saving else self._ok_text)

    def _inputs(self) -> list[QWidget]:
        return [*(self._text_field(name) for name in TEXT_FIELDS), self.birth_date, self.sex, self.language]

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem next to its field ("mrn" or "patient.mrn"); the rest under the form."""
        from ui.visit.wording import readable_message

        by_field: dict[str, list[str]] = {}
        for problem in problems:
            path = problem.path.removeprefix("patient.")
            message = readable_message(problem.message, path)
            if path in self._errors:
                by_field.setdefault(path, []).append(message)
            else:  # under the form: named in words, never by its path
                name = (
                    QCoreApplication.translate("patient_dialog", FIELD_NAMES[path])
                    if path in FIELD_NAMES
                    else (path.replace("_", " ").replace(".", ", ").capitalize())
                )
                by_field.setdefault("", []).append(f"{name}: {message}" if path else message)
        for path, error in self._errors.items():
            error.show_message("; ".join(by_field.get(path, [])))
        self._general_error.show_message("\n".join(by_field.get("", [])))
        first = next((path for path in self._errors if path in by_field), None)
        focused: QWidget | None = self.focusWidget()  # None when nothing has focus
        if first is not None:
            getattr(self, first).setFocus()
        elif focused is None or not focused.isEnabled():  # it was disabled while saving
            self.mrn.setFocus()
        self._fit_height()

    def _fit_height(self) -> None:
        # A window does not grow by itself for wrapped text; make room for the messages shown.
        layout = self.layout()
        assert layout is not None
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.sizeHint().height()
        )
        if needed > self.height():
            self.resize(self.width(), needed)

    def field_error(self, path: str) -> FieldError:
        """The problem line under a field, by its path in the patient ("mrn"); "" for the one under the form."""
        return self._errors[path] if path else self._general_error

    def _show_age(self) -> None:
        birth_date, problem = parse_birth_date(self.birth_date.text(), self._today())
        if birth_date is not None:
            self.age.setText(self.tr("Age {birth_date}").format(birth_date=age_on(birth_date, self._today())))
        else:
            self.age.setText(self.tr("Not a date yet") if problem and self.birth_date.text().strip() else "")
