"""The clinic's accounts, for admins: who may open patient data and in which role.

List them (role, licence, disabled or locked), add a colleague's account, disable or enable one,
set a new password. The same rules and checks as `clinic user ...`, in the core; each change is in
the audit trail. Database work runs on the database lane; the dialog shows what comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_app.accounts import Role, check_password, new_account_problems
from clinic_app.clinic import NewAccount
from clinic_app.errors import ClinicError, Problem
from clinic_app.signatures import local_time_text
from clinic_app.storage.accounts import Account
from ui.tasks import Tasks
from ui.widgets.field_error import FieldError

COLUMNS = ("User name", "Name", "Role", "Licence", "State")
ROLE_TEXT = {
    Role.ADMIN: "admin: accounts, settings, audit; also a therapist's work",
    Role.THERAPIST: "therapist: records, signs, prints",
    Role.ASSISTANT: "assistant: finds patients, prints finished visits",
}
Accounts = Sequence[Account]


class AccountsDialog(QDialog):
    def __init__(
        self,
        load: Callable[[], Accounts],
        add: Callable[[NewAccount], Accounts],
        set_enabled: Callable[[str, bool], Accounts],
        set_password: Callable[[str, str], Accounts],
        tasks: Tasks,
        me: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Accounts")
        self.setObjectName("accountsDialog")
        self._add, self._set_enabled, self._set_password = add, set_enabled, set_password
        self._tasks, self._me = tasks, me
        self.accounts: list[Account] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("accountsTable")
        self.table.setAccessibleName("Accounts")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = _button("&Add account…", "addAccountButton")
        self.enable_button = _button("&Disable", "enableAccountButton")
        self.password_button = _button("Set &password…", "setPasswordButton")
        self.add_button.clicked.connect(self.ask_for_account)
        self.enable_button.clicked.connect(self.toggle_enabled)
        self.password_button.clicked.connect(self.ask_for_password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.enable_button, self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 60, line * 24)
        self._run(load)

    # ---- the list -----------------------------------------------------------------------------

    def _run(self, work: Callable[[], Accounts], done: str | None = None) -> None:
        self._tasks.run(work, lambda accounts: self._show(accounts, done), self._failed)

    def _show(self, accounts: Any, done: str | None) -> None:
        chosen = self.chosen()
        self.accounts = list(accounts)
        self.table.setRowCount(len(self.accounts))
        for row, account in enumerate(self.accounts):
            for column, value in enumerate(
                (
                    account.username,
                    account.display_name,
                    account.role.value,
                    account.licence or "",
                    _state(account),
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(value))
            if chosen is not None and account.username == chosen.username:
                self.table.selectRow(row)
        self.message.setText(done or "")
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        message = str(error) if isinstance(error, ClinicError) else "The accounts could not be changed."
        QMessageBox.warning(
            self, "Accounts", message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
        )

    def chosen(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows and rows[0].row() < len(self.accounts) else None

    def _update_buttons(self) -> None:
        account = self.chosen()
        self.enable_button.setEnabled(account is not None and account.username != self._me)
        self.password_button.setEnabled(account is not None)
        self.enable_button.setText("&Enable" if account is not None and account.disabled else "&Disable")

    # ---- changes ------------------------------------------------------------------------------

    def ask_for_account(self) -> None:
        form = NewAccountDialog(self)
        if form.exec():
            account = form.result_value()
            self._run(lambda: self._add(account), f"Added {account.username} ({account.role.value}).")

    def toggle_enabled(self) -> None:
        account = self.chosen()
        if account is None:
            return
        enable = account.disabled
        if not enable:
            answer = QMessageBox.question(
                self,
                "Disable account",
                f"Disable {account.display_name} ({account.username})? They can no longer log in, and a"
                " session of theirs stops at its next step. Their records and signatures stay as they are.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        done = (
            f"Enabled {account.username}. On an encrypted database they log in again only after you set"
            " a new password for them (Set password…): disabling took their key to the data away."
            if enable
            else f"Disabled {account.username}."
        )
        self._run(lambda: self._set_enabled(account.username, enable), done)

    def ask_for_password(self) -> None:
        account = self.chosen()
        if account is None:
            return
        form = PasswordDialog(account.username, self)
        if form.exec():
            password = form.password.text()
            self._run(
                lambda: self._set_password(account.username, password),
                f"New password set for {account.username}.",
            )


class NewAccountDialog(QDialog):
    """A colleague's account: user name, name with credentials, licence, role, a first password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add account")
        self.setObjectName("newAccountDialog")
        self.username = _line("newAccountUsername", "User name")
        self.display_name = _line("newAccountName", "Name with credentials")
        self.display_name.setPlaceholderText("e.g. Kim Ito, PT")
        self.licence = _line("newAccountLicence", "Licence number")
        self.licence.setPlaceholderText("optional")
        self.role = QComboBox()
        self.role.setObjectName("newAccountRole")
        self.role.setAccessibleName("Role")
        for role in (Role.THERAPIST, Role.ASSISTANT, Role.ADMIN):
            self.role.addItem(ROLE_TEXT[role], role.value)
        self.password = _line("newAccountPassword", "First password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = {path: FieldError() for path in ("username", "name", "licence", "password")}
        form = QFormLayout()
        for caption, field, path in (
            ("&User name:", self.username, "username"),
            ("&Name:", self.display_name, "name"),
            ("&Licence:", self.licence, "licence"),
            ("&Role:", self.role, None),
            ("&First password:", self.password, "password"),
        ):
            label = QLabel(caption)
            label.setBuddy(field)
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(field)
            if path is not None:
                cell.addWidget(self.errors[path])
            form.addRow(label, cell)
        note = QLabel(
            "Give the first password to your colleague in person; they set their own with"
            " `clinic user passwd` or ask you for a new one."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Add")
        ok.setObjectName("newAccountOkButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def problems(self) -> list[Problem]:
        return new_account_problems(
            self.username.text().strip(),
            self.display_name.text(),
            self.licence.text().strip() or None,
            self.password.text(),
        )

    def accept(self) -> None:
        problems = self.problems()
        by_path = {p.path: p.message for p in problems}
        for path, error in self.errors.items():
            error.show_message(by_path.get(path))
        if not problems:
            super().accept()

    def result_value(self) -> NewAccount:
        return NewAccount(
            username=self.username.text().strip(),
            display_name=self.display_name.text().strip(),
            role=Role(self.role.currentData()),
            licence=self.licence.text().strip() or None,
            password=self.password.text(),
        )


class PasswordDialog(QDialog):
    """A new password for one account, typed twice."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New password for {username}")
        self.setObjectName("passwordDialog")
        self.password = _line("newPassword", "New password")
        self.repeat = _line("newPasswordAgain", "New password again")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = FieldError()
        form = QFormLayout()
        form.addRow("&New password:", self.password)
        form.addRow("A&gain:", self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("passwordOkButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        problems = check_password(self.password.text(), "password")
        if problems:
            self.error.show_message(problems[0].message)
        elif self.repeat.text() != self.password.text():
            self.error.show_message("the two passwords differ: type the same one twice")
        else:
            super().accept()


def _state(account: Account) -> str:
    if account.disabled:
        return "disabled"
    if account.locked_until is not None and account.locked_until > dt.datetime.now(dt.UTC):
        return f"locked until {local_time_text(account.locked_until)} (a new password lifts it)"
    return "active"


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    return button


def _line(object_name: str, accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setAccessibleName(accessible_name)
    return edit
