"""A small line chart of one value over an episode's visits, painted with QPainter.

QtCharts would need PySide6-Addons (removed for size) and a charting library costs start-up time
for what is a handful of points: the value at each visit, the first value's MCID band (a change
inside it is not yet meaningful), dates under the points and the values above them. Colours come
from the palette, so the chart reads in the light and the dark theme alike.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.language import date_text, day_month, number_text

MARGIN = 8
DOT = 4.0


@dataclass(frozen=True, slots=True)
class ChartData:
    """What one chart shows: a title, the points, and the scale to draw them on."""

    title: str
    dates: tuple[dt.date, ...]
    values: tuple[float, ...]
    unit: str = ""
    low: float | None = None  # the scale's ends (a measure's 0 and its maximum); else the values'
    high: float | None = None
    band: float | None = None  # the MCID: a band of that height around the first value


class LineChart(QWidget):
    def __init__(self, data: ChartData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.setAccessibleName(self.tr("Chart: {title}").format(title=data.title))
        self.setAccessibleDescription(_described(data))
        self.setToolTip(_described(data))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, 170)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        line = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetrics(self.font())
        row = metrics.height()
        painter.setPen(text)
        painter.drawText(QPointF(MARGIN, MARGIN + metrics.ascent()), self.data.title)
        plot = QRectF(
            MARGIN + metrics.horizontalAdvance("0000") + 4,
            MARGIN + 2 * row,
            self.width() - 2 * MARGIN - metrics.horizontalAdvance("0000") - 4 - row,
            self.height() - 2 * MARGIN - 3.5 * row,
        )
        if plot.width() < 20 or plot.height() < 20 or not self.data.values:
            return
        low, high = _scale(self.data)
        self._paint_axes(painter, plot, low, high, muted, metrics)
        points = [
            _place(plot, low, high, len(self.data.values), i, v) for i, v in enumerate(self.data.values)
        ]
        if self.data.band is not None:
            first = self.data.values[0]
            top = _y(plot, low, high, min(high, first + self.data.band))
            bottom = _y(plot, low, high, max(low, first - self.data.band))
            band = QColor(line)
            band.setAlpha(40)
            painter.fillRect(QRectF(plot.left(), top, plot.width(), bottom - top), band)
        painter.setPen(QPen(line, 2))
        for start, end in itertools.pairwise(points):
            painter.drawLine(start, end)
        painter.setBrush(line)
        for point in points:
            painter.drawEllipse(point, DOT, DOT)
        painter.setPen(text)
        for point, value, day in zip(points, self.data.values, self.data.dates, strict=True):
            label = number_text(value, 2)
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(point.x() - width / 2, point.y() - DOT - 3), label)
            date = day_month(day)
            width = metrics.horizontalAdvance(date)
            painter.setPen(muted)
            painter.drawText(QPointF(point.x() - width / 2, plot.bottom() + row), date)
            painter.setPen(text)

    @staticmethod
    def _paint_axes(
        painter: QPainter, plot: QRectF, low: float, high: float, muted: QColor, metrics: QFontMetrics
    ) -> None:
        painter.setPen(QPen(muted, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        for value in (low, high):
            label = number_text(value, 2)
            y = _y(plot, low, high, value)
            painter.drawText(
                QRectF(MARGIN, y - metrics.height() / 2, plot.left() - MARGIN - 4, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )


def _scale(data: ChartData) -> tuple[float, float]:
    low = data.low if data.low is not None else min(data.values)
    high = data.high if data.high is not None else max(data.values)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    return low, high


def _y(plot: QRectF, low: float, high: float, value: float) -> float:
    return plot.bottom() - (value - low) / (high - low) * plot.height()


def _place(plot: QRectF, low: float, high: float, count: int, index: int, value: float) -> QPointF:
    step = plot.width() / count
    return QPointF(plot.left() + step * (index + 0.5), _y(plot, low, high, value))


def _described(data: ChartData) -> str:
    """The chart in words, for a screen reader and the tooltip."""
    unit = f" {data.unit}" if data.unit else ""
    values = ", ".join(
        f"{date_text(d)}: {number_text(v, 2)}{unit}" for d, v in zip(data.dates, data.values, strict=True)
    )
    return f"{data.title}. {values}"


def chart_values(data: Sequence[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in data)
