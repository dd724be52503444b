"""A signed visit's signature and addenda, above its sections; and the dialog to add an addendum.

A signed visit never changes. A correction or a later fact is an addendum: what, and why, under
the name of whoever adds it and the time; it is shown here and printed with the visit summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain import SignatureKind
from clinic_app.errors import Problem
from clinic_app.signatures import Addendum, Signature, addendum_problems, local_time_text
from ui.core_words import core_message
from ui.widgets.field_error import FieldError


def signature_text(signature: Signature) -> str:
    """One line, as on screen: who signed, with licence, and when."""
    licence = (
        QCoreApplication.translate("signature_box", " (licence {licence})").format(licence=signature.licence)
        if signature.licence
        else ""
    )
    if signature.kind is SignatureKind.ACCOUNT and signature.at is not None:
        return QCoreApplication.translate("signature_box", "Signed by {name}{licence} on {at}.").format(
            name=signature.name, licence=licence, at=local_time_text(signature.at)
        )
    if signature.kind is SignatureKind.IMPORTED:
        return QCoreApplication.translate(
            "signature_box", "Imported as signed by {name}{licence}: the signature as the document gave it."
        ).format(name=signature.name, licence=licence)
    return QCoreApplication.translate(
        "signature_box", "Finished before accounts existed: signed by {name}."
    ).format(name=signature.name)


def addendum_text(number: int, addendum: Addendum) -> str:
    licence = (
        QCoreApplication.translate("signature_box", " (licence {author_licence})").format(
            author_licence=addendum.author_licence
        )
        if addendum.author_licence
        else ""
    )
    return QCoreApplication.translate("signature_box", "Addendum {number}, {at}, {author}{licence}").format(
        number=number, at=local_time_text(addendum.at), author=addendum.author, licence=licence
    )


class SignatureBox(QFrame):
    """Who signed and when; the addenda, oldest first; "Add addendum…" for those who may sign."""

    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.signed = QLabel()
        self.signed.setObjectName("signedByLabel")
        self.signed.setWordWrap(True)
        self.signed.setAccessibleName(self.tr("Signature"))
        self.addenda = QLabel()
        self.addenda.setObjectName("addendaLabel")
        self.addenda.setWordWrap(True)
        self.addenda.setTextFormat(Qt.TextFormat.RichText)
        self.addenda.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addenda.setAccessibleName(self.tr("Addenda"))
        self.add_button = QPushButton(self.tr("Add adden&dum…"))
        self.add_button.setObjectName("addAddendumButton")
        self.add_button.setToolTip(
            self.tr("Add a correction or a later fact; the signed visit itself stays as it is")
        )
        self.add_button.clicked.connect(self.add_requested)
        top = QHBoxLayout()
        top.addWidget(self.signed, 1)
        top.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.addenda)
        self.hide()

    def show_signed(self, signature: Signature | None, addenda: Sequence[Addendum], may_add: bool) -> None:
        if signature is None:
            self.hide()
            return
        self.signed.setText(signature_text(signature))
        self.addenda.setText(
            "".join(
                f"<p><b>{escape(addendum_text(n, a))}</b><br/>{_lines(a.text)}<br/><i>Why:</i> {_lines(a.reason)}</p>"
                for n, a in enumerate(addenda, start=1)
            )
        )
        self.addenda.setVisible(bool(addenda))
        self.add_button.setVisible(may_add)
        self.show()


class AddendumDialog(QDialog):
    """What to add and why; both required. The result goes to the database when OK is pressed."""

    def __init__(self, signer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add addendum"))
        self.setObjectName("addendumDialog")
        self.text = QPlainTextEdit()
        self.text.setObjectName("addendumText")
        self.text.setAccessibleName(self.tr("Addendum"))
        self.text.setTabChangesFocus(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("addendumReason")
        self.reason.setAccessibleName(self.tr("Reason for the addendum"))
        self.reason.setPlaceholderText(self.tr("e.g. measurement typed wrongly; patient called with news"))
        self.text_error, self.reason_error = FieldError(), FieldError()
        form = QFormLayout()
        text_label, reason_label = QLabel(self.tr("&What to add:")), QLabel(self.tr("&Why:"))
        text_label.setBuddy(self.text)
        reason_label.setBuddy(self.reason)
        form.addRow(text_label, _with_error(self.text, self.text_error))
        form.addRow(reason_label, _with_error(self.reason, self.reason_error))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Add addendum"))
        ok.setObjectName("addendumOkButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(
            self.tr(
                "The addendum is signed by {signer} with today's date and time, shown with the visit and printed with its summary. The signed visit itself does not change."
            ).format(signer=escape(signer))
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().lineSpacing() * 20)

    def values(self) -> tuple[str, str]:
        return self.text.toPlainText(), self.reason.text()

    def problems(self) -> list[Problem]:
        return addendum_problems(*self.values())

    def show_problems(self, problems: Sequence[Problem]) -> None:
        by_path = {p.path: core_message(p.message) for p in problems}
        self.text_error.show_message(by_path.get("addendum.text"))
        self.reason_error.show_message(by_path.get("addendum.reason"))

    def accept(self) -> None:
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            (self.text if any(p.path == "addendum.text" for p in problems) else self.reason).setFocus()
            return
        super().accept()


def _with_error(field: QWidget, error: FieldError) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(0)
    column.addWidget(field)
    column.addWidget(error)
    return column


def _lines(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.splitlines())
