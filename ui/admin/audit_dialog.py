"""The audit trail for admins: who did what and when, filtered, checked and exported.

The same entries and filters as `clinic audit` (and by action); the export is the same JSON as
`clinic audit --json`, with the actions' ids and details as stored. On screen each action and each
known detail reads in plain words (ui.admin.audit_words), the stored id in its tooltip.
Reading the trail is itself recorded (audit_view), by the core. Database work runs on the database
lane; the dialog only shows what comes back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
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

from clinic_app.errors import ClinicError, InvalidInput
from clinic_app.output_file import write_output_file
from clinic_app.signatures import local_time_text
from clinic_app.storage.audit import AuditAction, AuditEntry, ChainCheck
from ui.admin.audit_words import action_label, detail_words
from ui.core_words import core_message
from ui.language import QT_TRANSLATE_NOOP, date_format
from ui.tasks import Tasks
from ui.widgets.field_error import FieldError

COLUMNS = (
    QT_TRANSLATE_NOOP("audit_dialog", "When"),
    QT_TRANSLATE_NOOP("audit_dialog", "User"),
    QT_TRANSLATE_NOOP("audit_dialog", "Action"),
    QT_TRANSLATE_NOOP("audit_dialog", "Patient MRN"),
    QT_TRANSLATE_NOOP("audit_dialog", "Visit"),
    QT_TRANSLATE_NOOP("audit_dialog", "Computer"),
    QT_TRANSLATE_NOOP("audit_dialog", "Detail"),
)

# (mrn or None, user name or None, since or None, action or None) -> entries; and the chain check
Query = Callable[[str | None, str | None, dt.datetime | None, AuditAction | None], list[AuditEntry]]
Verify = Callable[[], ChainCheck]


class AuditDialog(QDialog):
    def __init__(self, query: Query, verify: Verify, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit trail"))
        self.setObjectName("auditDialog")
        self._query, self._verify, self._tasks = query, verify, tasks
        self.entries: list[AuditEntry] = []
        self.mrn = QLineEdit()
        self.mrn.setObjectName("auditMrn")
        self.mrn.setAccessibleName(self.tr("Patient MRN"))
        self.mrn.setPlaceholderText(self.tr("any patient"))
        self.user = QLineEdit()
        self.user.setObjectName("auditUser")
        self.user.setAccessibleName(self.tr("User name"))
        self.user.setPlaceholderText(self.tr("anyone"))
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.setAccessibleName(self.tr("Action"))
        self.action.addItem(self.tr("any action"), None)
        for label, action in sorted(
            ((action_label(a), a) for a in AuditAction), key=lambda pair: pair[0].casefold()
        ):
            self.action.addItem(label, action)
        self.action.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.action.currentIndexChanged.connect(self.refresh)
        self.use_since = QCheckBox(self.tr("&From:"))
        self.use_since.setObjectName("auditUseSince")
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.since.setObjectName("auditSince")
        self.since.setAccessibleName(self.tr("From date"))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat(date_format())
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setObjectName("auditShowButton")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.refresh)
        for field in (self.mrn, self.user):
            field.returnPressed.connect(self.refresh)
        self.error = FieldError()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(self.tr("Audit entries"))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("audit_dialog", c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel()
        self.verify_button = QPushButton(self.tr("&Check the chain"))
        self.verify_button.setObjectName("auditVerifyButton")
        self.verify_button.setToolTip(self.tr("Check that no entry was changed, removed or put out of order"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setObjectName("auditExportButton")
        self.export_button.setToolTip(
            self.tr("Save the entries shown as JSON, as `clinic audit --json` writes them")
        )
        self.export_button.clicked.connect(self.export)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self._layout(close)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 70, line * 36)
        self.refresh()

    def _layout(self, close: QPushButton) -> None:
        # Who and when on the first line, what on the second: the actions' labels are long, and one
        # line for all would squeeze the MRN and user fields to a few letters.
        filters = QGridLayout()
        for column, (caption, field) in enumerate(
            ((self.tr("Patient &MRN:"), self.mrn), (self.tr("&User:"), self.user))
        ):
            label = QLabel(caption)
            label.setBuddy(field)
            filters.addWidget(label, 0, 2 * column)
            filters.addWidget(field, 0, 2 * column + 1)
        since = QHBoxLayout()
        since.addWidget(self.use_since)
        since.addWidget(self.since)
        since.addStretch(1)
        filters.addLayout(since, 0, 4)
        action_label = QLabel(self.tr("&Action:"))
        action_label.setBuddy(self.action)
        filters.addWidget(action_label, 1, 0)
        filters.addWidget(self.action, 1, 1, 1, 3, Qt.AlignmentFlag.AlignLeft)
        filters.addWidget(self.show_button, 1, 5)
        filters.setColumnStretch(4, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (self.verify_button, self.export_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _since(self) -> dt.datetime | None:
        if not self.use_since.isChecked():
            return None
        day = self.since.date()
        local = dt.datetime(day.year(), day.month(), day.day()).astimezone()  # midnight here
        return local.astimezone(dt.UTC)

    def refresh(self) -> None:
        mrn, user, since = self.mrn.text().strip() or None, self.user.text().strip() or None, self._since()
        action = self.action.currentData()
        self.show_button.setEnabled(False)
        self._tasks.run(lambda: self._query(mrn, user, since, action), self._show, self._failed)

    def _show(self, entries: Any) -> None:
        self.show_button.setEnabled(True)
        self.error.show_message(None)
        self.entries = list(entries)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            values = (
                local_time_text(entry.at),
                entry.user or "—",
                action_label(entry.action),
                entry.patient_mrn or "",
                entry.visit_id or "",
                entry.computer,
                detail_words(entry.action, entry.detail),
            )
            # What the export and `clinic audit` give, for whoever compares the two; a long detail whole.
            stored = {
                0: self.tr("entry {seq}, {value} UTC").format(seq=entry.seq, value=entry.at.isoformat()),
                2: self.tr("Stored as: {value}").format(value=entry.action),
                6: f"{values[6]}\n" + self.tr("Stored as: {value}").format(value=entry.detail)
                if entry.detail
                else "",
            }
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(stored.get(column, ""))
                self.table.setItem(row, column, item)
        count = len(self.entries)
        self.count.setText(self.tr("%n entry(ies), oldest first.", "", count))
        self.export_button.setEnabled(bool(self.entries))

    def _failed(self, error: BaseException) -> None:
        self.show_button.setEnabled(True)
        if isinstance(error, InvalidInput):
            self.error.show_message("; ".join(core_message(p.message) for p in error.problems))
        elif isinstance(error, ClinicError):
            self.error.show_message(str(error))
        else:
            self.error.show_message(self.tr("The audit trail could not be read; please try again."))

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self._tasks.run(self._verify, self._show_check, self._failed)

    def _show_check(self, check: Any) -> None:
        self.verify_button.setEnabled(True)
        if check.intact:
            QMessageBox.information(
                self,
                self.tr("Audit trail"),
                self.tr("Checked {checked} entries: no entry was changed, removed or reordered.").format(
                    checked=check.checked
                ),
            )
        else:
            QMessageBox.critical(
                self,
                self.tr("Audit trail"),
                self.tr(
                    "The audit trail is broken: {problem}.\n\n{checked} entries before it are intact. Keep a copy of the database and tell whoever looks after the clinic's data."
                ).format(problem=check.problem, checked=check.checked),
            )

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export audit entries"), "audit.json", self.tr("JSON (*.json)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """The entries shown, as `clinic audit --json` writes them; readable by this user alone."""
        data = json.dumps([entry.to_json() for entry in self.entries], ensure_ascii=False, indent=2) + "\n"
        try:
            write_output_file(path, data.encode("utf-8"))
        except ClinicError as error:
            QMessageBox.warning(
                self,
                self.tr("Not exported"),
                self.tr("The entries were not saved: {error}.").format(error=error),
            )
            return
        self.count.setText(
            self.tr("Exported {entries} entries to {path}.").format(entries=len(self.entries), path=path)
        )
