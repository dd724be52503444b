"""Small dialogs of an episode of care: open a new one, discharge one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.language import date_format
from ui.widgets.alert_colors import AlertLabel


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_format())
    return edit


def _day_of(edit: QDateEdit) -> dt.date:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())


class NewEpisodeDialog(QDialog):
    """Why the patient comes now (the reason for referral), who referred them, and from when."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New episode of care"))
        self.reason = QLineEdit()
        self.reason.setObjectName("episodeReason")
        self.reason.setPlaceholderText(self.tr("e.g. Left knee pain after a fall"))
        self.referred_by = QLineEdit()
        self.referred_by.setObjectName("episodeReferredBy")
        self.referred_by.setPlaceholderText(self.tr("optional"))
        self.start = _date_edit(today)
        self.start.setObjectName("episodeStart")
        self.error = AlertLabel("")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Reason for referral:"), self.reason)
        form.addRow(self.tr("Referred &by:"), self.referred_by)
        form.addRow(self.tr("&Start:"), self.start)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(self.tr("Reason for referral: enter why the patient comes (a few words)."))
            self.error.show()
            self.reason.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, str | None, dt.date]:
        return self.reason.text().strip(), self.referred_by.text().strip() or None, _day_of(self.start)


class DischargeDialog(QDialog):
    """The discharge date: no earlier than the episode's last visit (the core checks it too)."""

    def __init__(self, reason: str, earliest: dt.date, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Discharge"))
        self.date = _date_edit(max(today, earliest))
        self.date.setObjectName("dischargeDate")
        self.date.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        note = QLabel(
            self.tr("Discharge “{reason}”. It is shown as discharged from that date.").format(reason=reason)
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Discharge date:"), self.date)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def day(self) -> dt.date:
        return _day_of(self.date)
