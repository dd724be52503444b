"""Logging in, and unlocking a locked window: the page the main window shows instead of patient data.

Two modes. At start (and after "Switch user") it asks for a user name and a password. When the
window is locked it names who is logged in and asks for that account's password only; "Switch
user" ends that session instead. The password box is emptied after every attempt.
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
    QVBoxLayout,
    QWidget,
)

from ui.widgets.field_error import FieldError

FIELD_CHARS = 28


class LoginPage(QWidget):
    submitted = Signal(str, str)  # user name, password
    switch_user_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginPage")
        self.locked = False
        self.heading = QLabel()
        self.heading.setObjectName("loginHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("loginUsername")
        self.username.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        width = self.fontMetrics().averageCharWidth() * FIELD_CHARS
        for field in (self.username, self.password):
            field.setMinimumWidth(width)
            field.returnPressed.connect(self._submit)
        self.error = FieldError()
        self.error.setObjectName("loginError")
        self.error.setAccessibleName(self.tr("Login problem"))
        self.submit_button = QPushButton(self.tr("&Log in"))
        self.submit_button.setObjectName("loginButton")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self._submit)
        self.switch_button = QPushButton(self.tr("S&witch user"))
        self.switch_button.setObjectName("switchUserButton")
        self.switch_button.setToolTip(
            self.tr("End this session, saved as it is, and let someone else log in")
        )
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.ready = False  # the database is open: a login can be checked
        self._layout()
        self.show_waiting()

    def _layout(self) -> None:
        form = QFormLayout()
        self.username_label = QLabel(self.tr("User &name:"))
        self.username_label.setBuddy(self.username)
        password_label = QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password)
        form.addRow(self.username_label, self.username)
        form.addRow(password_label, self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(box)
        inner.addWidget(self.heading)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 0)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def show_waiting(self) -> None:
        """While the database opens: nothing can be checked yet, so nothing can be typed."""
        self.heading.setText(self.tr("<h2>Clinic App</h2><p>Opening the database…</p>"))
        self.ready = False
        for widget in (self.username, self.password, self.submit_button):
            widget.setEnabled(False)
        self.switch_button.hide()

    def show_login(self, message: str | None = None) -> None:
        """Anyone may log in: user name and password."""
        self.ready = True
        for widget in (self.username, self.password, self.submit_button):
            widget.setEnabled(True)
        self.locked = False
        self.heading.setText(
            self.tr("<h2>Log in to Clinic App</h2><p>Patient records open only to a logged-in account.</p>")
        )
        self.username.setReadOnly(False)
        self.username.setVisible(True)
        self.username_label.setVisible(True)
        self.submit_button.setText(self.tr("&Log in"))
        self.switch_button.hide()
        self._reset(message)
        (self.password if self.username.text() else self.username).setFocus()

    def show_locked(self, display_name: str, username: str) -> None:
        """The window is locked: its user's password brings it back as it was."""
        self.locked = True
        self.heading.setText(
            self.tr(
                "<h2>Locked</h2><p>{display_name} is logged in. Type the password to go on where you left off; your work is saved.</p>"
            ).format(display_name=_html(display_name))
        )
        self.username.setText(username)
        self.username.setReadOnly(True)
        self.username.setVisible(False)
        self.username_label.setVisible(False)
        self.submit_button.setText(self.tr("Un&lock"))
        self.switch_button.show()
        self._reset(None)
        self.password.setFocus()

    def show_refused(self, message: str) -> None:
        """A failed attempt: what went wrong, with the password box empty for another try."""
        self._reset(message)
        self.password.setFocus()

    def set_busy(self, busy: bool) -> None:
        """While the password is checked (a tenth of a second or so), nothing is sent twice."""
        self.submit_button.setEnabled(not busy)
        self.password.setReadOnly(busy)

    def _reset(self, message: str | None) -> None:
        self.password.clear()
        self.set_busy(False)
        self.error.show_message(message)

    def _submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username:
            self.error.show_message(self.tr("Type your user name."))
            self.username.setFocus()
            return
        if not password:
            self.error.show_message(self.tr("Type your password."))
            self.password.setFocus()
            return
        self.set_busy(True)
        self.submitted.emit(username, password)


def _html(text: str) -> str:
    from html import escape

    return escape(text)
