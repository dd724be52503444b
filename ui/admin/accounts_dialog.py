"""The clinic's accounts, for admins: who may open patient data and in which role.

List them (role, licence, disabled or locked), add a colleague's account, disable or enable one,
set a new password. The same rules and checks as `clinic user ...`, in the core; each change is in
the audit trail. Database work runs on the database lane; the dialog shows what comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
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
from ui.core_words import core_message
from ui.language import QT_TRANSLATE_NOOP, role_name
from ui.tasks import Tasks
from ui.widgets.field_error import FieldError

COLUMNS = (
    QT_TRANSLATE_NOOP("accounts_dialog", "User name"),
    QT_TRANSLATE_NOOP("accounts_dialog", "Name"),
    QT_TRANSLATE_NOOP("accounts_dialog", "Role"),
    QT_TRANSLATE_NOOP("accounts_dialog", "Licence"),
    QT_TRANSLATE_NOOP("accounts_dialog", "State"),
)
ROLE_TEXT = {
    Role.ADMIN: QT_TRANSLATE_NOOP(
        "accounts_dialog", "admin: accounts, settings, audit; also a therapist's work"
    ),
    Role.THERAPIST: QT_TRANSLATE_NOOP("accounts_dialog", "therapist: records, signs, prints"),
    Role.ASSISTANT: QT_TRANSLATE_NOOP("accounts_dialog", "assistant: finds patients, prints finished visits"),
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
        self.setWindowTitle(self.tr("Accounts"))
        self.setObjectName("accountsDialog")
        self._add, self._set_enabled, self._set_password = add, set_enabled, set_password
        self._tasks, self._me = tasks, me
        self.accounts: list[Account] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("accountsTable")
        self.table.setAccessibleName(self.tr("Accounts"))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("accounts_dialog", c) for c in COLUMNS]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = _button(self.tr("&Add account…"), "addAccountButton")
        self.enable_button = _button(self.tr("&Disable"), "enableAccountButton")
        self.password_button = _button(self.tr("Set &password…"), "setPasswordButton")
        self.add_button.clicked.connect(self.ask_for_account)
        self.enable_button.clicked.connect(self.toggle_enabled)
        self.password_button.clicked.connect(self.ask_for_password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QPushButton(self.tr("Close"))
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
                    role_name(account.role.value),
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
        message = (
            str(error) if isinstance(error, ClinicError) else self.tr("The accounts could not be changed.")
        )
        QMessageBox.warning(
            self,
            self.tr("Accounts"),
            message[:1].upper() + message[1:] + ("" if message.endswith(".") else "."),
        )

    def chosen(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows and rows[0].row() < len(self.accounts) else None

    def _update_buttons(self) -> None:
        account = self.chosen()
        self.enable_button.setEnabled(account is not None and account.username != self._me)
        self.password_button.setEnabled(account is not None)
        self.enable_button.setText(
            self.tr("&Enable") if account is not None and account.disabled else self.tr("&Disable")
        )

    # ---- changes ------------------------------------------------------------------------------

    def ask_for_account(self) -> None:
        form = NewAccountDialog(self)
        if form.exec():
            account = form.result_value()
            self._run(
                lambda: self._add(account),
                self.tr("Added {username} ({role}).").format(
                    username=account.username, role=role_name(account.role.value)
                ),
            )

    def toggle_enabled(self) -> None:
        account = self.chosen()
        if account is None:
            return
        enable = account.disabled
        if not enable:
            answer = QMessageBox.question(
                self,
                self.tr("Disable account"),
                self.tr(
                    "Disable {display_name} ({username})? They can no longer log in, and a session of theirs stops at its next step. Their records and signatures stay as they are."
                ).format(display_name=account.display_name, username=account.username),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        done = (
            self.tr(
                "Enabled {username}. On an encrypted database they log in again only after you set a new password for them (Set password…): disabling took their key to the data away."
            ).format(username=account.username)
            if enable
            else self.tr("Disabled {username}.").format(username=account.username)
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
                self.tr("New password set for {username}.").format(username=account.username),
            )


class NewAccountDialog(QDialog):
    """A colleague's account: user name, name with credentials, licence, role, a first password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add account"))
        self.setObjectName("newAccountDialog")
        self.username = _line("newAccountUsername", self.tr("User name"))
        self.display_name = _line("newAccountName", self.tr("Name with credentials"))
        self.display_name.setPlaceholderText(self.tr("e.g. Kim Ito, PT"))
        self.licence = _line("newAccountLicence", self.tr("Licence number"))
        self.licence.setPlaceholderText(self.tr("optional"))
        self.role = QComboBox()
        self.role.setObjectName("newAccountRole")
        self.role.setAccessibleName(self.tr("Role"))
        for role in (Role.THERAPIST, Role.ASSISTANT, Role.ADMIN):
            self.role.addItem(QCoreApplication.translate("accounts_dialog", ROLE_TEXT[role]), role.value)
        self.password = _line("newAccountPassword", self.tr("First password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = {path: FieldError() for path in ("username", "name", "licence", "password")}
        form = QFormLayout()
        for caption, field, path in (
            (self.tr("&User name:"), self.username, "username"),
            (self.tr("&Name:"), self.display_name, "name"),
            (self.tr("&Licence:"), self.licence, "licence"),
            (self.tr("&Role:"), self.role, None),
            (self.tr("&First password:"), self.password, "password"),
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
            self.tr(
                "Give the first password to your colleague in person; they set their own with"
                " `clinic user passwd` or ask you for a new one."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Add"))
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
        by_path = {p.path: core_message(p.message) for p in problems}
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
        self.setWindowTitle(self.tr("New password for {username}").format(username=username))
        self.setObjectName("passwordDialog")
        self.password = _line("newPassword", self.tr("New password"))
        self.repeat = _line("newPasswordAgain", self.tr("New password again"))
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = FieldError()
        form = QFormLayout()
        form.addRow(self.tr("&New password:"), self.password)
        form.addRow(self.tr("A&gain:"), self.repeat)
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
            self.error.show_message(core_message(problems[0].message))
        elif self.repeat.text() != self.password.text():
            self.error.show_message(self.tr("the two passwords differ: type the same one twice"))
        else:
            super().accept()


def _state(account: Account) -> str:
    if account.disabled:
        return "disabled"
    if account.locked_until is not None and account.locked_until > dt.datetime.now(dt.UTC):
        return QCoreApplication.translate(
            "accounts_dialog", "locked until {locked_until} (a new password lifts it)"
        ).format(locked_until=local_time_text(account.locked_until))
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
