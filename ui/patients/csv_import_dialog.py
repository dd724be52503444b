"""Import patients from a CSV file: every row previewed (what happens to it, or what is wrong with it)
before anything is stored, and stored only when the person confirms.

The dialog never talks to the database. It reads the chosen file, asks `check` (the core's
PatientImportService.check, through the clinic) what importing would do, and shows the answer row
by row; Import asks `store` to import the same bytes it previewed. Both run on the caller's task
lane (the database lane in the app), so a slow database never freezes the window. While any row has
a problem the Import button stays disabled: nothing can be stored until the file is fixed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.language import QT_TRANSLATE_NOOP
from ui.tasks import SynchronousTasks, Tasks
from ui.widgets.alert_colors import AlertLabel, alert_color

if TYPE_CHECKING:
    from clinic_app.storage.patient_import import PatientImportOutcome, PatientImportPlan, PreviewLine

log = logging.getLogger(__name__)

Check = Callable[[bytes, bool], "PatientImportPlan"]
Store = Callable[[bytes, bool], "PatientImportOutcome"]
COLUMNS = (
    QT_TRANSLATE_NOOP("csv_import_dialog", "Row"),
    QT_TRANSLATE_NOOP("csv_import_dialog", "MRN"),
    QT_TRANSLATE_NOOP("csv_import_dialog", "Name"),
    QT_TRANSLATE_NOOP("csv_import_dialog", "What happens"),
)
NOT_CHECKED = QT_TRANSLATE_NOOP(
    "csv_import_dialog",
    "The file could not be checked: the database did not answer. Nothing was imported; try again.",
)
NOT_IMPORTED = QT_TRANSLATE_NOOP(
    "csv_import_dialog",
    "The patients could not be imported: the database did not answer. Nothing was imported; try again.",
)


def ask_for_file(parent: QWidget) -> str:
    """The CSV file the person picks, or "" when they cancel."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("csv_import_dialog", "Import patients from CSV"),
        "",
        QCoreApplication.translate("csv_import_dialog", "CSV files (*.csv);;All files (*)"),
    )
    return path


def read_file(path: str) -> bytes:
    """The file's bytes; a file that cannot be read is a ClinicError saying why, in plain words."""
    from clinic_app.errors import ClinicError

    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ClinicError(
            QCoreApplication.translate("csv_import_dialog", "cannot read {path}: no such file").format(
                path=path
            )
        ) from None
    except IsADirectoryError:
        raise ClinicError(
            QCoreApplication.translate(
                "csv_import_dialog", "cannot read {path}: it is a folder, not a file"
            ).format(path=path)
        ) from None
    except OSError as error:
        raise ClinicError(
            QCoreApplication.translate("csv_import_dialog", "cannot read {path}: {strerror}").format(
                path=path, strerror=error.strerror
            )
        ) from None


class PreviewModel(QAbstractTableModel):
    """The preview lines as a table; a row with a problem is drawn in the alert colour."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._lines: list[PreviewLine] = []
        self._widget = parent

    def show_lines(self, lines: list[PreviewLine]) -> None:
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def line(self, row: int) -> PreviewLine:
        return self._lines[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        line = self._lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(line.row), line.mrn, line.name, line.outcome)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and line.problem:
            return alert_color(self._widget.palette(), "danger")
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("csv_import_dialog", COLUMNS[section])
        return None


class CsvImportDialog(QDialog):
    """Choose a CSV file, see what importing it would do, import it (all of it) or nothing."""

    def __init__(
        self,
        check: Check,
        store: Store,
        parent: QWidget | None = None,
        tasks: Tasks | None = None,
        choose_file: Callable[[QWidget], str] = ask_for_file,
    ) -> None:
        super().__init__(parent)
        self._check, self._store, self._choose_file = check, store, choose_file
        self._tasks: Tasks = tasks or SynchronousTasks()
        self._data: bytes | None = None
        self._plan: PatientImportPlan | None = None
        self._busy = False
        self.outcome: PatientImportOutcome | None = None
        self.setWindowTitle(self.tr("Import patients from CSV"))
        self._build()
        self._show_state()

    def _build(self) -> None:
        intro = QLabel(
            self.tr(
                "A CSV file (UTF-8) with the header row mrn,given_name,family_name,birth_date,sex,language,"
                "phone,email; the first three are required. Every row is checked first: nothing is imported "
                "while any row has a problem."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.file_label = QLabel(self.tr("No file chosen yet."), self)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.setAccessibleName(self.tr("Choose the CSV file"))
        self.choose_button.clicked.connect(self.choose)
        self.update_box = QCheckBox(self.tr("&Update stored patients whose details in the file differ"), self)
        self.update_box.setAccessibleName(self.tr("Update stored patients whose details differ"))
        self.update_box.toggled.connect(lambda _checked: self._recheck())
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("Summary of the check"))
        self.alert = AlertLabel("", "danger", self)  # why nothing can be imported, in red
        self.alert.setWordWrap(True)
        self.alert.setTextFormat(Qt.TextFormat.PlainText)
        self.alert.setAccessibleName(self.tr("Problem"))
        self.alert.hide()
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Rows of the file"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setAccessibleName(self.tr("Import the patients"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        choosing = QHBoxLayout()
        choosing.addWidget(self.file_label, 1)
        choosing.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choosing)
        layout.addWidget(self.update_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.alert)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 30)

    # ---- choosing and checking -----------------------------------------------------------------

    def choose(self) -> None:
        path = self._choose_file(self)
        if not path:
            return
        self.file_label.setText(path)
        self._plan, self._data = None, None
        self._run(
            lambda: self._read_and_check(path),
            self._checked,
            QCoreApplication.translate("csv_import_dialog", NOT_CHECKED),
        )

    def _read_and_check(self, path: str) -> tuple[bytes, PatientImportPlan]:
        data = read_file(path)
        return data, self._check(data, self.update_box.isChecked())

    def _recheck(self) -> None:
        data = self._data
        if data is not None and not self._busy:
            self._run(
                lambda: (data, self._check(data, self.update_box.isChecked())),
                self._checked,
                QCoreApplication.translate("csv_import_dialog", NOT_CHECKED),
            )

    def _checked(self, value: tuple[bytes, PatientImportPlan]) -> None:
        self._data, self._plan = value
        self.model.show_lines(self._plan.preview())
        self._show_state()

    # ---- importing -----------------------------------------------------------------------------

    def accept(self) -> None:
        data, plan = self._data, self._plan
        if self._busy or data is None or plan is None or not plan.valid:
            return
        update = self.update_box.isChecked()
        self._run(
            lambda: self._store(data, update),
            self._imported,
            QCoreApplication.translate("csv_import_dialog", NOT_IMPORTED),
        )

    def _imported(self, outcome: PatientImportOutcome) -> None:
        self.outcome = outcome
        super().accept()

    def reject(self) -> None:
        if not self._busy:  # a check or an import under way decides; closing now would hide it
            super().reject()

    # ---- showing -------------------------------------------------------------------------------

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], not_answered: str) -> None:
        self._set_busy(True)

        def finished(value: Any) -> None:
            self._set_busy(False)
            done(value)

        self._tasks.run(work, finished, lambda error: self._failed(error, not_answered))

    def _failed(self, error: BaseException, not_answered: str) -> None:
        from clinic_app.errors import ClinicError, InvalidInput

        self._set_busy(False)
        if isinstance(error, InvalidInput):  # found at import time: the store changed since the check
            self._plan = None
            message = self.tr("Nothing was imported:\n{problems}").format(
                problems="\n".join(str(p) for p in error.problems)
            )
        elif isinstance(error, ClinicError):
            message = str(error)
        else:
            log.error("patient CSV import failed: %s", type(error).__name__)  # no patient data
            message = not_answered
        self._show_state(message)

    def _show_state(self, alert: str = "") -> None:
        self.summary.setText(self.summary_text())
        plan = self._plan
        if not alert and plan is not None and not plan.valid:
            alert = self.tr(
                "Nothing will be imported while any row has a problem. Fix the file and choose it again."
            )
        self.alert.setText(alert)
        self.alert.setVisible(bool(alert))
        self._show_buttons()

    def summary_text(self) -> str:
        plan = self._plan
        if plan is None:
            return self.tr("Choose a file to see what would be imported.")
        from clinic_app.storage.patient_import import RowAction

        if not plan.valid:
            rows = len({line.row for line in plan.preview() if line.problem})
            return self.tr("{rows} with problems ({problems}), listed below.").format(
                rows=self.tr("%n row(s)", "", rows), problems=self.tr("%n problem(s)", "", len(plan.problems))
            )
        added, updated, skipped = (plan.count(a) for a in (RowAction.ADD, RowAction.UPDATE, RowAction.SKIP))
        if added + updated == 0:
            return self.tr("{rows_read}, all already stored with these details: nothing to import.").format(
                rows_read=self.tr("%n row(s)", "", plan.rows_read)
            )
        return self.tr(
            "{rows_read}, no problems: {added} to add, {updated} to update, {skipped} already stored (skipped). Nothing is stored until you choose Import."
        ).format(
            rows_read=self.tr("%n row(s)", "", plan.rows_read), added=added, updated=updated, skipped=skipped
        )

    def _show_buttons(self) -> None:
        storing = _storing(self._plan)
        self.import_button.setEnabled(storing > 0 and not self._busy)
        self.import_button.setText(
            self.tr("Import {storing}").format(storing=self.tr("%n patient(s)", "", storing))
            if storing
            else self.tr("Import")
        )
        self.import_button.setAccessibleName(self.import_button.text())

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.choose_button, self.update_box, self.cancel_button):
            widget.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)
            self.summary.setText(self.tr("Working…"))
            self.alert.hide()


def _storing(plan: PatientImportPlan | None) -> int:
    """How many patients importing would add or update: none while any row has a problem."""
    from clinic_app.storage.patient_import import RowAction

    if plan is None or not plan.valid:
        return 0
    return plan.count(RowAction.ADD) + plan.count(RowAction.UPDATE)
