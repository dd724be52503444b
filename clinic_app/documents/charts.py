"""Line charts of values over the visits of an episode, drawn as vector graphics with ReportLab.

One chart per outcome measure: the whole scale of the instrument, its MCID from the first value as
a dashed line, each point filled once the change from the first reaches the MCID in the better
direction. Visits stand at their dates, so
uneven gaps look uneven. Everything is drawn from plain numbers: the same data gives the same
drawing, and nothing here knows about Qt.

A chart is a flowable that writes its paths and labels straight onto the page (one path for the
grid, one per kind of marker, one text block for every label): built as a ReportLab Drawing and
painted by its renderer, which works out every shape's graphics state each time, the two charts of
a progress report took a fifth of its time.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib.colors import Color, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from clinic_app.documents.fonts import BOLD, REGULAR
from clinic_app.documents.styles import Stylesheet

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_VALUE_LABELS = 12  # more points than this: the values are in the table, not over the points


@dataclass(frozen=True, slots=True)
class ChartPoint:
    date: dt.date
    value: float
    marked: bool = False  # drawn filled: the change from the first value reaches the MCID


@dataclass(frozen=True, slots=True)
class Scale:
    low: float
    high: float
    step: float


@dataclass(frozen=True, slots=True)
class _Label:
    x: float
    y: float
    text: str
    font: str
    colour: Color
    anchor: Literal["start", "middle", "end"]


@dataclass(frozen=True, slots=True)
class _Stroke:
    """Straight lines drawn in one colour and width, optionally dashed."""

    segments: tuple[tuple[float, ...], ...]  # each a run of x, y pairs joined by lines
    colour: Color
    width: float
    dash: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class _Markers:
    centres: tuple[tuple[float, float], ...]
    radius: float
    fill: Color
    stroke: Color


class LineChart(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """A chart laid out once when made, drawn with a few canvas calls."""

    def __init__(
        self,
        width: float,
        height: float,
        strokes: Sequence[_Stroke],
        markers: Sequence[_Markers],
        labels: Sequence[_Label],
        size: float,
    ) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.strokes, self.markers, self.labels, self.size = (
            tuple(strokes),
            tuple(markers),
            tuple(labels),
            size,
        )

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineCap(0)
        canvas.setLineJoin(0)
        for stroke in self.strokes:
            _draw_stroke(canvas, stroke)
        for marker in self.markers:
            _draw_markers(canvas, marker)
        _draw_labels(canvas, self.labels, self.size)
        canvas.restoreState()


def _draw_stroke(canvas: Any, stroke: _Stroke) -> None:
    canvas.setStrokeColor(stroke.colour)
    canvas.setLineWidth(stroke.width)
    canvas.setDash(list(stroke.dash) if stroke.dash else [])
    path = canvas.beginPath()
    for segment in stroke.segments:
        path.moveTo(segment[0], segment[1])
        for index in range(2, len(segment), 2):
            path.lineTo(segment[index], segment[index + 1])
    canvas.drawPath(path, stroke=1, fill=0)


def _draw_markers(canvas: Any, markers: _Markers) -> None:
    """Every marker of one kind as one path: one drawing operation, however many visits."""
    canvas.setDash([])
    canvas.setStrokeColor(markers.stroke)
    canvas.setFillColor(markers.fill)
    canvas.setLineWidth(1.1)
    radius = markers.radius
    k = radius * KAPPA
    path = canvas.beginPath()
    for x, y in markers.centres:
        path.moveTo(x + radius, y)
        path.curveTo(x + radius, y + k, x + k, y + radius, x, y + radius)
        path.curveTo(x - k, y + radius, x - radius, y + k, x - radius, y)
        path.curveTo(x - radius, y - k, x - k, y - radius, x, y - radius)
        path.curveTo(x + k, y - radius, x + radius, y - k, x + radius, y)
        path.close()
    canvas.drawPath(path, stroke=1, fill=1)


def _draw_labels(canvas: Any, labels: Sequence[_Label], size: float) -> None:
    """Every label in one text block."""
    text = canvas.beginText()
    font = colour = None
    for label in labels:
        if label.font != font:
            font = label.font
            text.setFont(font, size)
        if label.colour != colour:
            colour = label.colour
            text.setFillColor(colour)
        x = label.x
        if label.anchor != "start":
            width = stringWidth(label.text, label.font, size)
            x -= width / 2 if label.anchor == "middle" else width
        text.setTextOrigin(x, label.y)
        text.textOut(label.text)
    canvas.drawText(text)


def line_chart(
    points: Sequence[ChartPoint],
    scale: Scale,
    styles: Stylesheet,
    *,
    width: float,
    height: float,
    unit: str = "",
    threshold: float | None = None,
) -> LineChart:
    """The values over time as a line with a marker per visit, on the scale given."""
    size = styles.body_size * 0.9
    colour = styles.palette.accent
    left = stringWidth(_number(scale.high) + unit, REGULAR, size) + size
    right, bottom, top = size * 0.8, size * 2.2, size * 1.6
    plot_width, plot_height = width - left - right, height - bottom - top

    def y_of(value: float) -> float:
        return bottom + (value - scale.low) / (scale.high - scale.low) * plot_height

    first_day = points[0].date
    days = max((points[-1].date - first_day).days, 1)
    inset = size * 2  # the first and last point (and their dates) clear of the axis labels and the edge

    def x_of(day: dt.date) -> float:
        if len(points) == 1:
            return float(left + plot_width / 2)
        return float(left + inset + (day - first_day).days / days * (plot_width - 2 * inset))

    strokes, labels = _grid(scale, y_of, left, left + plot_width, size, unit, styles.palette.grid)
    labels += _date_labels(points, x_of, bottom - size * 1.3, size, styles.palette.ink)
    if threshold is not None and scale.low <= threshold <= scale.high:
        y = y_of(threshold)
        strokes.append(_Stroke(((left, y, left + plot_width, y),), styles.palette.warn, 0.8, (3, 2)))
    coordinates = [(x_of(p.date), y_of(p.value)) for p in points]
    if len(coordinates) > 1:
        strokes.append(_Stroke((tuple(c for xy in coordinates for c in xy),), colour, 1.4))
    radius = size * 0.32
    markers = []
    for filled in (False, True):
        centres = tuple(xy for point, xy in zip(points, coordinates, strict=True) if point.marked is filled)
        if centres:
            markers.append(_Markers(centres, radius, fill=colour if filled else white, stroke=colour))
    if len(points) <= MAX_VALUE_LABELS:
        labels += [
            _Label(x, y + radius + size * 0.35, _number(point.value), BOLD, styles.palette.ink, "middle")
            for point, (x, y) in zip(points, coordinates, strict=True)
        ]
    return LineChart(width, height, strokes, markers, labels, size)


KAPPA = (
    0.5523  # a quarter circle as one cubic Bezier curve: its control points at this fraction of the radius
)


def _grid(
    scale: Scale,
    y_of: Callable[[float], float],
    x0: float,
    x1: float,
    size: float,
    unit: str,
    colour: Color,
) -> tuple[list[_Stroke], list[_Label]]:
    """The axis (stronger than the grid), the grid lines, and the value of each."""
    steps = round((scale.high - scale.low) / scale.step)
    values = [scale.low + index * scale.step for index in range(steps + 1)]
    axis = y_of(values[0])
    grid = tuple((x0, y_of(value), x1, y_of(value)) for value in values[1:])
    strokes = [_Stroke(grid, colour, 0.25), _Stroke(((x0, axis, x1, axis),), colour, 0.6)]
    labels = [
        _Label(x0 - size * 0.4, y_of(value) - size * 0.35, _number(value) + unit, REGULAR, colour, "end")
        for value in values
    ]
    return strokes, labels


def _date_labels(
    points: Sequence[ChartPoint],
    x_of: Callable[[dt.date], float],
    y: float,
    size: float,
    colour: Color,
) -> list[_Label]:
    """A date under each visit, leaving out those that would overlap the one before."""
    labels = []
    last_right = -math.inf
    for point in points:
        text = f"{MONTHS[point.date.month - 1]} {point.date.day}"
        x = x_of(point.date)
        half = stringWidth(text, REGULAR, size) / 2
        if x - half < last_right + size * 0.5:
            continue
        labels.append(_Label(x, y, text, REGULAR, colour, "middle"))
        last_right = x + half
    return labels


def _number(value: float) -> str:
    return f"{value:g}"
