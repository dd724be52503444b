"""The recovery key, shown once when the database is made encrypted (first run, or an admin's
conversion): large numbered groups, a Print button and a Save as PDF button for the one-page sheet,
and a plain warning. Going on needs the tick "I have printed it or written it down"."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.documents.recovery_sheet import WARNING, render_recovery_sheet
from clinic_app.storage.recovery_key import RecoveryKey

log = logging.getLogger(__name__)
GROUPS_PER_ROW = 4


class RecoveryKeyPage(QWidget):
    confirmed = Signal()

    def __init__(
        self, recovery: RecoveryKey, clinic_name: str, location: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyPage")
        self._recovery = recovery
        self._clinic_name = clinic_name
        self._location = location
        self.print_button = QPushButton(self.tr("&Print the recovery sheet…"))
        self.print_button.setObjectName("recoveryPrintButton")
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button = QPushButton(self.tr("Save as P&DF…"))
        self.save_button.setObjectName("recoverySaveButton")
        self.save_button.clicked.connect(self.save_sheet)
        self.kept = QCheckBox(
            self.tr("I have printed this recovery key or &written it down, and will keep it locked away")
        )
        self.kept.setObjectName("recoveryKeptCheck")
        self.continue_button = QPushButton(self.tr("&Continue"))
        self.continue_button.setObjectName("recoveryContinueButton")
        self.continue_button.setEnabled(False)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.confirmed)
        self.status = QLabel()
        self.status.setObjectName("recoveryStatus")
        self.group_labels: list[QLabel] = []
        self._layout()

    def _layout(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(
            _text(
                self.tr(
                    "<h2>Your recovery key</h2><p>This clinic's records are now encrypted on this computer. "
                    "Each account's password opens them. Print this key (or write it down) now: it is shown "
                    "only this once.</p>"
                )
            )
        )
        grid = QGridLayout()
        key_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        key_font.setPointSizeF(key_font.pointSizeF() * 2)
        key_font.setWeight(QFont.Weight.Bold)
        for index, group in enumerate(self._recovery.groups):
            number = QLabel(f"{index + 1}")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label = QLabel(group)
            label.setObjectName(f"recoveryGroup{index + 1}")
            label.setFont(key_font)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(
                self.tr("group {value}: {value2}").format(value=index + 1, value2=" ".join(group))
            )
            self.group_labels.append(label)
            row, col = divmod(index, GROUPS_PER_ROW)
            grid.addWidget(number, row, col * 2)
            grid.addWidget(label, row, col * 2 + 1)
        column.addLayout(grid)
        column.addWidget(_text(f"<p><b>{WARNING}</b></p>"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addWidget(self.kept)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(self.continue_button)
        column.addLayout(end)
        column.addStretch(1)

    def sheet(self) -> bytes:
        return render_recovery_sheet(self._recovery, self._clinic_name, self._location, dt.date.today())

    def focus_first(self) -> None:
        self.print_button.setFocus()

    def print_sheet(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the recovery sheet"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_on(printer)

    def print_on(self, printer: QPrinter) -> None:
        from ui.visit.printing import print_pdf

        try:
            print_pdf(self.sheet(), printer)
        except OSError as error:
            log.error("the recovery sheet was not printed: %s", type(error).__name__)
            self.status.setText(
                self.tr("Not printed: {error}. Save it as a PDF, or write the key down.").format(error=error)
            )
            return
        self.status.setText(self.tr("Sent the recovery sheet to the printer."))

    def save_sheet(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery sheet"), "clinic-recovery-key.pdf", self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        from clinic_app.errors import ClinicError
        from clinic_app.output_file import write_output_file

        try:
            write_output_file(path, self.sheet())
        except ClinicError as error:
            self.status.setText(self.tr("Not saved: {error}.").format(error=error))
            return
        self.status.setText(
            self.tr("Saved the recovery sheet to {path}. Print it, then keep it off this computer.").format(
                path=path
            )
        )


def _text(html: str) -> QLabel:
    label = QLabel(html)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label
