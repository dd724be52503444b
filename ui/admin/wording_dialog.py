"""The clinic's wording of outcome measures we may not ship (admins): which are worded, import the
wording of the clinic's licensed copy from a YAML or CSV file, or remove it (paper entry only).

The same check and store as `clinic outcomes text import` (clinic_app.outcome_wording); each problem
with the file is listed by its place. Database work runs on the database lane.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_app.outcomes import Measure, load_measures
from clinic_app.storage.measure_wordings import StoredWording
from ui.language import content_language
from ui.tasks import Tasks
from ui.widgets.alert_colors import AlertLabel

log = logging.getLogger(__name__)

Wordings = dict[str, StoredWording]


def unshipped_measures() -> list[Measure]:
    """The measures whose item wording the clinic supplies (their licence keeps it out of the app)."""
    return [measure for measure in load_measures().values() if measure.items.text is None]


class MeasureWordingDialog(QDialog):
    def __init__(
        self,
        load: Callable[[], Wordings],
        import_file: Callable[[str, bytes, str], Wordings],
        remove: Callable[[str], Wordings],
        tasks: Tasks,
        parent: QWidget | None = None,
        choose_file: Callable[[QWidget], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Outcome measure wording"))
        self.setObjectName("measureWordingDialog")
        self._import, self._remove, self._tasks = import_file, remove, tasks
        self._choose_file = choose_file or self._ask_for_file
        self.measures = unshipped_measures()
        intro = QLabel(
            self.tr(
                "These measures come with their scoring but not their item wording: their licences do not "
                "let Clinic App include it. If your clinic holds a licensed copy, import its wording "
                "(YAML or CSV, in English and optionally Spanish) and the items show on screen and in "
                "the patient's large-type mode. Without it, therapists enter the answers from paper."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.measures), 2)
        self.table.setObjectName("measureWordingTable")
        self.table.setAccessibleName(self.tr("Outcome measures and their wording"))
        self.table.setHorizontalHeaderLabels([self.tr("Measure"), self.tr("Wording")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        language = content_language()
        for row, measure in enumerate(self.measures):
            name = QTableWidgetItem(f"{measure.id.upper()}: {measure.name[language]}")
            name.setToolTip(self.tr("Licence: %1").replace("%1", measure.licence[language]))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(""))
        self.table.selectRow(0)
        self.message = AlertLabel("")
        self.message.setObjectName("measureWordingMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.import_button = QPushButton(self.tr("&Import wording…"))
        self.import_button.setObjectName("importWordingButton")
        self.import_button.clicked.connect(self.import_wording)
        self.remove_button = QPushButton(self.tr("&Remove wording"))
        self.remove_button.setObjectName("removeWordingButton")
        self.remove_button.clicked.connect(self.remove_wording)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.wordings: Wordings = {}
        self.resize(760, 380)
        self._run(load, self.tr("The wordings could not be read: the database did not answer."))

    def selected(self) -> Measure:
        row = max(self.table.currentRow(), 0)
        return self.measures[row]

    def _ask_for_file(self, parent: QWidget) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            parent,
            self.tr("Import the wording of %1").replace("%1", self.selected().id.upper()),
            "",
            self.tr("Wording files (*.yaml *.yml *.csv);;All files (*)"),
        )
        return path

    def import_wording(self) -> None:
        measure = self.selected()
        path = self._choose_file(self)
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            self._say(self.tr("Cannot read %1: %2").replace("%1", path).replace("%2", error.strerror or ""))
            return
        name = Path(path).name
        self._run(
            lambda: self._import(measure.id, data, name),
            self.tr("The wording was not imported: the database did not answer. Try again."),
            done=self.tr("%1: the clinic's wording imported.").replace("%1", measure.id.upper()),
        )

    def remove_wording(self) -> None:
        measure = self.selected()
        self._run(
            lambda: self._remove(measure.id),
            self.tr("The wording was not removed: the database did not answer. Try again."),
            done=self.tr("%1: wording removed; answers are entered from paper.").replace(
                "%1", measure.id.upper()
            ),
        )

    # ---- showing -------------------------------------------------------------------------------

    def _run(self, work: Callable[[], Wordings], not_answered: str, done: str = "") -> None:
        self.import_button.setEnabled(False)
        self.remove_button.setEnabled(False)

        def shown(wordings: Wordings) -> None:
            self._show(wordings)
            self._say(done, level="muted")

        self._tasks.run(work, shown, lambda error: self._failed(error, not_answered))

    def _failed(self, error: BaseException, not_answered: str) -> None:
        from clinic_app.errors import ClinicError, InvalidInput

        if isinstance(error, InvalidInput):
            lines = "\n".join(str(problem) for problem in error.problems)
            self._say(self.tr("Nothing was imported; the file does not fit the measure:") + "\n" + lines)
        elif isinstance(error, ClinicError):
            self._say(str(error))
        else:
            log.error("measure wording failed: %s", type(error).__name__)
            self._say(not_answered)
        self._update_buttons()

    def _show(self, wordings: Wordings) -> None:
        self.wordings = wordings
        for row, measure in enumerate(self.measures):
            item = self.table.item(row, 1)
            assert item is not None
            item.setText(self._status(wordings.get(measure.id)))
        self._update_buttons()

    def _status(self, stored: StoredWording | None) -> str:
        if stored is None:
            return self.tr("Not supplied: answers are entered from paper")
        source = f" ({stored.wording.source})" if stored.wording.source else ""
        spanish = len(stored.wording.languages) > 1
        items = (
            self.tr("%1 items in English and Spanish") if spanish else self.tr("%1 items in English")
        ).replace("%1", str(len(stored.wording.items)))
        return (
            self.tr("%1%2, imported by %3 on %4")
            .replace("%1", items)
            .replace("%2", source)
            .replace("%3", stored.imported_by)
            .replace("%4", stored.imported_at.date().isoformat())
        )

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(True)
        self.remove_button.setEnabled(self.selected().id in self.wordings)

    def _say(self, text: str, level: str = "danger") -> None:
        self.message.set_level("muted" if level == "muted" else "danger")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def row_texts(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        for row in range(self.table.rowCount()):
            cells: list[Any] = [self.table.item(row, column) for column in range(2)]
            rows.append((cells[0].text(), cells[1].text()))
        return rows
