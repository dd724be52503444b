"""The first run: the clinic's profile and its first account, an admin, on one page.

Shown instead of the login when the database has no account yet (a new install, or a database
from before accounts). Every field is checked as the core checks it, each problem under its
field, and nothing typed is lost; the account is made (and logged in) by the main window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinic_app.accounts import new_account_problems
from clinic_app.clinic import FirstAdmin
from clinic_app.domain import ClinicProfile
from clinic_app.errors import Problem
from ui.core_words import core_message
from ui.settings.pages import EmergencyNumberBox, emergency_number_problem
from ui.widgets.field_error import FieldError

FIELD_CHARS = 34


class FirstRunPage(QWidget):
    submitted = Signal(object, object)  # FirstAdmin, ClinicProfile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPage")
        self.clinic_name = _line("firstRunClinicName", self.tr("Clinic name"))
        self.phone = _line("firstRunPhone", self.tr("Clinic phone"))
        self.emergency_number = EmergencyNumberBox()
        self.emergency_number.setObjectName("firstRunEmergencyNumber")
        self.username = _line("firstRunUsername", self.tr("User name"))
        self.display_name = _line("firstRunDisplayName", self.tr("Your name with credentials"))
        self.display_name.setPlaceholderText(self.tr("e.g. Sam Lee, PT, DPT"))
        self.licence = _line("firstRunLicence", self.tr("Licence number"))
        self.licence.setPlaceholderText(self.tr("optional"))
        self.password = _line("firstRunPassword", self.tr("Password"))
        self.repeat = _line("firstRunRepeat", self.tr("Password again"))
        for secret in (self.password, self.repeat):
            secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors: dict[str, FieldError] = {}
        self.create_button = QPushButton(self.tr("&Create the account and start"))
        self.create_button.setObjectName("firstRunCreateButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._submit)
        self.general_error = FieldError()
        self._layout()

    def _layout(self) -> None:
        clinic = QFormLayout()
        self._row(clinic, self.tr("Clinic &name:"), self.clinic_name, "clinic.name")
        self._row(clinic, self.tr("Clinic p&hone:"), self.phone, "clinic.phone")
        self._row(clinic, self.tr("&Emergency number:"), self.emergency_number, "clinic.emergency_number")
        account = QFormLayout()
        self._row(account, self.tr("Use&r name:"), self.username, "username")
        self._row(account, self.tr("Your n&ame:"), self.display_name, "name")
        self._row(account, self.tr("&Licence:"), self.licence, "licence")
        self._row(account, self.tr("&Password:"), self.password, "password")
        self._row(account, self.tr("Password a&gain:"), self.repeat, "repeat")
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(
            _text(
                self.tr(
                    "<h2>Welcome to Clinic App</h2><p>Two things before the first patient: who the clinic is"
                    " (every handout and referral letter says whom to call), and the first account.</p>"
                )
            )
        )
        column.addWidget(_text(self.tr("<h3>1. The clinic</h3>")))
        column.addLayout(clinic)
        column.addWidget(
            _text(
                self.tr(
                    "<h3>2. Your account</h3><p>The first account is the clinic's <b>admin</b>: it records and"
                    " signs visits like any therapist, adds the other accounts and reads the audit trail. Your"
                    " name and credentials print under your signature. The password needs at least 10"
                    " characters; keep it to yourself: everything done with it is recorded as done by you.</p>"
                )
            )
        )
        column.addLayout(account)
        column.addWidget(self.general_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        column.addLayout(buttons)
        column.addStretch(1)
        body.setMaximumWidth(self.fontMetrics().averageCharWidth() * 100)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(area)

    def _row(self, form: QFormLayout, caption: str, field: QWidget, path: str) -> None:
        label = QLabel(caption)
        label.setBuddy(field)
        field.setMinimumWidth(self.fontMetrics().averageCharWidth() * FIELD_CHARS)
        error = FieldError()
        self.errors[path] = error
        cell = QVBoxLayout()
        cell.setSpacing(0)
        cell.addWidget(field)
        cell.addWidget(error)
        form.addRow(label, cell)

    def focus_first(self) -> None:
        self.clinic_name.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem under its field (paths as the core names them); the others cleared."""
        messages: dict[str, list[str]] = {}
        for problem in problems:
            path = problem.path if problem.path in self.errors else ""
            messages.setdefault(path, []).append(core_message(problem.message) if path else str(problem))
        for path, error in self.errors.items():
            error.show_message("; ".join(messages.get(path, [])))
        self.general_error.show_message("; ".join(messages.get("", [])))
        self.set_busy(False)
        first = next((path for path in self.errors if path in messages), None)
        if first is not None:
            self._field(first).setFocus()

    def _field(self, path: str) -> QWidget:
        fields: dict[str, QWidget] = {
            "clinic.name": self.clinic_name,
            "clinic.phone": self.phone,
            "clinic.emergency_number": self.emergency_number,
            "username": self.username,
            "name": self.display_name,
            "licence": self.licence,
            "password": self.password,
            "repeat": self.repeat,
        }
        return fields[path]

    def problems(self) -> list[Problem]:
        """What is wrong with the page as filled in, as the core would say it, field by field."""
        problems: list[Problem] = []
        for path, value, what in (
            ("clinic.name", self.clinic_name.text(), self.tr("the clinic's name")),
            ("clinic.phone", self.phone.text(), self.tr("the clinic's phone number")),
            (
                "clinic.emergency_number",
                self.emergency_number.number(),
                self.tr("the emergency number (911, 112, ...)"),
            ),
        ):
            if not value.strip():
                problems.append(Problem(path, f"give {what}: every handout and letter prints it"))
        emergency = emergency_number_problem(self.emergency_number.number())
        if emergency and self.emergency_number.number():
            problems.append(Problem("clinic.emergency_number", emergency))
        problems += new_account_problems(
            self.username.text().strip(), self.display_name.text(), self._licence(), self.password.text()
        )
        password_ok = all(p.path != "password" for p in problems)
        if password_ok and self.repeat.text() != self.password.text():
            problems.append(Problem("repeat", "the two passwords differ: type the same one twice"))
        return problems

    def _licence(self) -> str | None:
        return self.licence.text().strip() or None

    def _submit(self) -> None:
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            return
        self.set_busy(True)
        admin = FirstAdmin(
            username=self.username.text().strip(),
            display_name=self.display_name.text().strip(),
            licence=self._licence(),
            password=self.password.text(),
        )
        profile = ClinicProfile(
            name=self.clinic_name.text().strip(),
            phone=self.phone.text().strip(),
            emergency_number=self.emergency_number.number(),
        )
        self.submitted.emit(admin, profile)


def _line(object_name: str, accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setAccessibleName(accessible_name)
    return edit


def _text(html: str) -> QLabel:
    label = QLabel(html)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label
