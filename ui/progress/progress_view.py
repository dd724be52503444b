"""An episode of care over its visits: outcome scores with their change since the episode's first
and whether it is meaningful (the MCID and its source), goals met at each visit, and charts of the
outcome and screening values. Asks for work through signals; never queries itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import load_catalogue
from ui.language import (
    QT_TRANSLATE_NOOP,
    content_language,
    date_text,
    in_english,
    number_text,
    signed_number_text,
)
from ui.progress.line_chart import ChartData, LineChart
from ui.visit.wording import screening_field_name

if TYPE_CHECKING:
    from clinic_app.measurements import ScreenField
    from clinic_app.progress import EpisodeProgress, GoalProgress, MeasureSeries, ScreenSeries

CHART_COLUMNS = 2
MET = {
    True: QT_TRANSLATE_NOOP("progress_view", "met"),
    False: QT_TRANSLATE_NOOP("progress_view", "not met"),
    None: "—",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("progress_view", text)


def change_words(series: MeasureSeries) -> str:
    """ "+12 (meaningful: MCID 9)", "-3 (worse by the MCID 2)", "+4 (below the MCID 9)"."""
    if len(series.points) < 2:
        return QCoreApplication.translate("progress_view", "first value")
    change, mcid = signed_number_text(series.change), number_text(series.mcid, 2)
    if series.meaningful:
        return QCoreApplication.translate("progress_view", "{change} — meaningful (MCID {mcid})").format(
            change=change, mcid=mcid
        )
    if series.worsened:
        return QCoreApplication.translate(
            "progress_view", "{change} — worse by the MCID ({mcid}) or more"
        ).format(change=change, mcid=mcid)
    return QCoreApplication.translate("progress_view", "{change} — below the MCID ({mcid})").format(
        change=change, mcid=mcid
    )


class ProgressView(QWidget):
    follow_up_requested = Signal(str)  # the episode id
    discharge_requested = Signal(str)
    goals_requested = Signal(str)
    print_requested = Signal(str)
    save_pdf_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.episode_id: str | None = None
        self.progress: EpisodeProgress | None = None
        self.heading = QLabel()
        self.heading.setObjectName("progressHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.facts = QLabel()
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        self.follow_up_button = QPushButton(self.tr("New follow-up"))
        self.follow_up_button.setObjectName("followUpButton")
        self.follow_up_button.setToolTip(self.tr("A new visit started from this episode's last visit"))
        self.discharge_button = QPushButton(self.tr("D&ischarge…"))
        self.discharge_button.setObjectName("dischargeButton")
        self.goals_button = QPushButton(self.tr("&Goals…"))
        self.goals_button.setObjectName("episodeGoalsButton")
        self.print_button = QPushButton(self.tr("P&rint progress report…"))
        self.print_button.setObjectName("printProgressButton")
        self.save_button = QPushButton(self.tr("Save progress report as P&DF…"))
        self.save_button.setObjectName("saveProgressButton")
        self.measures = _table(
            self.tr("Outcome measures"),
            [self.tr("Measure"), self.tr("Values (oldest first)"), self.tr("Change since first")],
        )
        self.goals = _table(
            self.tr("Goals"),
            [self.tr("Goal"), self.tr("Target"), self.tr("By"), self.tr("At each visit"), self.tr("Now")],
        )
        self.measures_empty = QLabel(self.tr("No outcome measure recorded in this episode yet."))
        self.goals_empty = QLabel(self.tr("No goals set for this episode."))
        self.charts = QGridLayout()
        self.charts_label = QLabel(self.tr("Charts"))
        self._layout()
        self.follow_up_button.clicked.connect(lambda: self._emit(self.follow_up_requested))
        self.discharge_button.clicked.connect(lambda: self._emit(self.discharge_requested))
        self.goals_button.clicked.connect(lambda: self._emit(self.goals_requested))
        self.print_button.clicked.connect(lambda: self._emit(self.print_requested))
        self.save_button.clicked.connect(lambda: self._emit(self.save_pdf_requested))

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.follow_up_button,
            self.goals_button,
            self.discharge_button,
            self.print_button,
            self.save_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = self.body = QWidget()  # the whole page, scrolled
        column = QVBoxLayout(body)
        column.addWidget(self.heading)
        column.addWidget(self.facts)
        column.addLayout(buttons)
        column.addWidget(_bold(self.tr("Outcome measures")))
        column.addWidget(self.measures_empty)
        column.addWidget(self.measures)
        column.addWidget(_bold(self.tr("Goals")))
        column.addWidget(self.goals_empty)
        column.addWidget(self.goals)
        column.addWidget(self.charts_label)
        column.addLayout(self.charts)
        column.addStretch(1)
        self.charts_label.setFont(_bold("").font())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _emit(self, signal: SignalInstance) -> None:
        if self.episode_id is not None:
            signal.emit(self.episode_id)

    def set_may(self, record: bool, print_: bool) -> None:
        """An assistant reads progress; starting, discharging and printing follow the account's role."""
        self.follow_up_button.setVisible(record)
        self.discharge_button.setVisible(record)
        self.goals_button.setVisible(record)
        self.print_button.setVisible(print_)
        self.save_button.setVisible(print_)

    def show_progress(self, episode_id: str, progress: EpisodeProgress) -> None:
        self.episode_id, self.progress = episode_id, progress
        episode = progress.episode
        self.heading.setText(episode.reason or self.tr("Episode of care"))
        ended = (
            self.tr("discharged {date}").format(date=date_text(episode.discharge_date))
            if episode.discharge_date
            else self.tr("open")
        )
        referred = (
            self.tr(" · referred by {referred_by}").format(referred_by=episode.referred_by)
            if episode.referred_by
            else ""
        )
        visits = len(progress.visits)
        self.facts.setText(
            self.tr("Started {date} · {ended}{referred} · %n visit(s)", "", visits).format(
                date=date_text(episode.start_date), ended=ended, referred=referred
            )
        )
        self.discharge_button.setEnabled(episode.discharge_date is None)
        # At the end of an episode its report is the discharge summary.
        document = self.tr("discharge summary") if episode.discharge_date else self.tr("progress report")
        self.print_button.setText(self.tr("P&rint {document}…").format(document=document))
        self.save_button.setText(self.tr("Save {document} as P&DF…").format(document=document))
        # A new episode starts with its first visit (a new visit joins the newest open episode).
        self.follow_up_button.setText(
            self.tr("New follow-up") if visits else self.tr("Start the first visit")
        )
        self.follow_up_button.setEnabled(episode.discharge_date is None)
        self._fill_measures(progress.measures)
        self._fill_goals(progress)
        self._fill_charts(progress)

    def _fill_measures(self, measures: tuple[MeasureSeries, ...]) -> None:
        self.measures.setRowCount(len(measures))
        for row, series in enumerate(measures):
            values = " → ".join(number_text(p.value, 2) for p in series.points)
            change = QTableWidgetItem(change_words(series))
            change.setToolTip(self.tr("MCID source: {source}").format(source=series.measure.mcid.source))
            if series.meaningful or series.worsened:
                font = change.font()
                font.setBold(True)
                change.setFont(font)
            _set_row(
                self.measures, row, [QTableWidgetItem(series_name(series)), QTableWidgetItem(values), change]
            )
        _fit(self.measures)
        self.measures_empty.setVisible(not measures)
        self.measures.setVisible(bool(measures))

    def _fill_goals(self, progress: EpisodeProgress) -> None:
        goals = progress.goals
        self.goals.setRowCount(len(goals))
        for row, goal in enumerate(goals):
            cells = [
                goal_name(goal),
                number_text(goal.goal.target, 2)
                if isinstance(goal.goal.target, float | int)
                else goal.goal.target,
                date_text(goal.goal.by),
                ", ".join(f"{date_text(c.date, '%b %d')}: {_t(MET[c.met])}" for c in goal.checks),
                _t(MET[goal.met]),
            ]
            _set_row(self.goals, row, [QTableWidgetItem(text) for text in cells])
        _fit(self.goals)
        self.goals_empty.setVisible(not goals)
        self.goals.setVisible(bool(goals))

    def _fill_charts(self, progress: EpisodeProgress) -> None:
        self.clear_charts()
        charts = [measure_chart(s) for s in progress.measures]
        charts += [screen_chart(s) for s in progress.measurements if s.numbers()]
        for index, data in enumerate(charts):
            self.charts.addWidget(LineChart(data), index // CHART_COLUMNS, index % CHART_COLUMNS)
        self.charts_label.setText(
            self.tr("Charts (shaded: within the MCID of the first value, a change not yet meaningful)")
            if charts
            else self.tr("Charts: nothing measured yet")
        )

    def clear_charts(self) -> None:
        """Off the page at once (a chart only deleted later would still be painted meanwhile)."""
        while self.charts.count():
            item = self.charts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def cell(self, table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
        item = table.item(row, column)
        assert item is not None  # every cell is filled
        return item

    def chart_titles(self) -> list[str]:
        found = []
        for index in range(self.charts.count()):
            item = self.charts.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, LineChart):
                found.append(widget.data.title)
        return found


def series_name(series: MeasureSeries) -> str:
    """ "Numeric Pain Rating Scale (knee)", in the screens' language."""
    if in_english():
        return series.name
    name = series.measure.name[content_language()]
    if series.region is None:
        return name
    return f"{name} ({load_catalogue().regions[series.region][content_language()]})"


def screen_title(field: ScreenField) -> str:
    """ "Ankle mobility (knee to wall), left: toe-to-wall distance", in the screens' language."""
    if in_english():
        return field.title
    leg = f"{field.side.value}." if field.side is not None else ""
    return screening_field_name(field.screen.value, f"{leg}{field.field}")


def goal_name(goal: GoalProgress) -> str:
    if goal.goal.measure is not None:
        return QCoreApplication.translate("progress_view", "{measure} score").format(
            measure=goal.goal.measure.upper()
        )
    return goal.goal.activity or ""


def measure_chart(series: MeasureSeries) -> ChartData:
    return ChartData(
        title=(
            QCoreApplication.translate("progress_view", "{name} (higher is better)")
            if series.better == "higher"
            else QCoreApplication.translate("progress_view", "{name} (lower is better)")
        ).format(name=series_name(series)),
        dates=tuple(p.date for p in series.points),
        values=tuple(p.value for p in series.points),
        low=0.0,
        high=float(series.measure.max_score),
        band=series.mcid,
    )


def screen_chart(series: ScreenSeries) -> ChartData:
    points = series.numbers()
    return ChartData(
        title=f"{screen_title(series.field)} ({series.field.unit})",
        dates=tuple(p.date for p in points),
        values=tuple(p.value for p in points),
        unit=series.field.unit,
    )


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _set_row(table: QTableWidget, row: int, items: list[QTableWidgetItem]) -> None:
    for column, item in enumerate(items):
        table.setItem(row, column, item)


def _fit(table: QTableWidget) -> None:
    """As tall as its rows: the page scrolls, not each table."""
    table.resizeRowsToContents()
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(height)


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
