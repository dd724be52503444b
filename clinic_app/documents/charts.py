"""Line charts of values over the visits of an episode, drawn as vector graphics with ReportLab.

One chart per outcome measure: the whole scale of the instrument, its MCID from the first value as
a dashed line, each point filled once the change from the first reaches the MCID in the better
direction. Visits stand at their dates, so
uneven gaps look uneven. Everything is drawn from plain numbers: the same data gives the same
drawing, and nothing here knows about Qt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Path, PolyLine, String
from reportlab.lib.colors import Color, white
from reportlab.pdfbase.pdfmetrics import stringWidth

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


def line_chart(
    points: Sequence[ChartPoint],
    scale: Scale,
    styles: Stylesheet,
    *,
    width: float,
    height: float,
    unit: str = "",
    threshold: float | None = None,
) -> Drawing:
    """The values over time as a line with a marker per visit, on the scale given."""
    size = styles.body_size * 0.9
    colour = styles.palette.accent
    drawing = Drawing(width, height)
    drawing.initialFontName = (
        REGULAR  # else ReportLab starts the drawing in Helvetica, named but not embedded
    )
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

    _grid(drawing, scale, y_of, left, left + plot_width, size, unit, styles.palette.grid)
    _date_labels(drawing, points, x_of, bottom - size * 1.3, size, styles.palette.ink)
    if threshold is not None and scale.low <= threshold <= scale.high:
        y = y_of(threshold)
        drawing.add(
            Line(
                left,
                y,
                left + plot_width,
                y,
                strokeColor=styles.palette.warn,
                strokeWidth=0.8,
                strokeDashArray=[3, 2],
            )
        )
    coordinates = [(x_of(p.date), y_of(p.value)) for p in points]
    if len(coordinates) > 1:
        drawing.add(PolyLine([c for xy in coordinates for c in xy], strokeColor=colour, strokeWidth=1.4))
    radius = size * 0.32
    # Two paths of circles, hollow and filled, rather than a shape per visit: one drawing operation
    # each (a report of twenty visits would otherwise spend a third of its time on the markers).
    for filled in (False, True):
        centres = [xy for point, xy in zip(points, coordinates, strict=True) if point.marked is filled]
        if centres:
            drawing.add(_circles(centres, radius, fill=colour if filled else white, stroke=colour))
    if len(points) <= MAX_VALUE_LABELS:
        for point, (x, y) in zip(points, coordinates, strict=True):
            label = String(x, y + radius + size * 0.35, _number(point.value), fontName=BOLD, fontSize=size)
            label.fillColor, label.textAnchor = styles.palette.ink, "middle"
            drawing.add(label)
    return drawing


KAPPA = (
    0.5523  # a quarter circle as one cubic Bezier curve: its control points at this fraction of the radius
)


def _circles(centres: Sequence[tuple[float, float]], radius: float, *, fill: Color, stroke: Color) -> Path:
    path = Path(fillColor=fill, strokeColor=stroke, strokeWidth=1.1)
    k = radius * KAPPA
    for x, y in centres:
        path.moveTo(x + radius, y)
        path.curveTo(x + radius, y + k, x + k, y + radius, x, y + radius)
        path.curveTo(x - k, y + radius, x - radius, y + k, x - radius, y)
        path.curveTo(x - radius, y - k, x - k, y - radius, x, y - radius)
        path.curveTo(x + k, y - radius, x + radius, y - k, x + radius, y)
        path.closePath()
    return path


def _grid(
    drawing: Drawing,
    scale: Scale,
    y_of: Callable[[float], float],
    x0: float,
    x1: float,
    size: float,
    unit: str,
    colour: Color,
) -> None:
    steps = round((scale.high - scale.low) / scale.step)
    lines = Path(strokeColor=colour, strokeWidth=0.25, fillColor=None)
    for index in range(steps + 1):
        value = scale.low + index * scale.step
        y = y_of(value)
        if index == 0:  # the axis, stronger than the grid
            drawing.add(Line(x0, y, x1, y, strokeColor=colour, strokeWidth=0.6))
        else:
            lines.moveTo(x0, y)
            lines.lineTo(x1, y)
        label = String(
            x0 - size * 0.4, y - size * 0.35, _number(value) + unit, fontName=REGULAR, fontSize=size
        )
        label.fillColor, label.textAnchor = colour, "end"
        drawing.add(label)
    drawing.add(lines)


def _date_labels(
    drawing: Drawing,
    points: Sequence[ChartPoint],
    x_of: Callable[[dt.date], float],
    y: float,
    size: float,
    colour: Color,
) -> None:
    """A date under each visit, leaving out those that would overlap the one before."""
    last_right = -math.inf
    for point in points:
        text = f"{MONTHS[point.date.month - 1]} {point.date.day}"
        x = x_of(point.date)
        half = stringWidth(text, REGULAR, size) / 2
        if x - half < last_right + size * 0.5:
            continue
        label = String(x, y, text, fontName=REGULAR, fontSize=size)
        label.fillColor, label.textAnchor = colour, "middle"
        drawing.add(label)
        last_right = x + half


def _number(value: float) -> str:
    return f"{value:g}"
