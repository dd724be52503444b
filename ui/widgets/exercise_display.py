"""How a library exercise looks on screen: its picture, and its kind, side and dose in words."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from clinic_app.domain import Dosing, Side
from clinic_app.exercises import Exercise
from ui.language import QT_TRANSLATE_NOOP
from ui.widgets.picture_card import paint_card

KIND_LABELS = {
    "stretch": QT_TRANSLATE_NOOP("exercise_display", "Stretch"),
    "mobility": QT_TRANSLATE_NOOP("exercise_display", "Mobility"),
    "posture": QT_TRANSLATE_NOOP("exercise_display", "Posture"),
    "strength": QT_TRANSLATE_NOOP("exercise_display", "Strength"),
}
SIDE_LABELS = {
    Side.LEFT: QT_TRANSLATE_NOOP("exercise_display", "Left"),
    Side.RIGHT: QT_TRANSLATE_NOOP("exercise_display", "Right"),
    Side.BOTH: QT_TRANSLATE_NOOP("exercise_display", "Both sides"),
    Side.CENTRAL: QT_TRANSLATE_NOOP("exercise_display", "Central"),
}
# The illustrations are drawn 4 wide by 3 tall.
PICTURE_ASPECT = 4 / 3


def kind_label(kind: str) -> str:
    return (
        QCoreApplication.translate("exercise_display", KIND_LABELS[kind])
        if kind in KIND_LABELS
        else kind.capitalize()
    )


def side_label(side: str) -> str:
    try:
        return QCoreApplication.translate("exercise_display", SIDE_LABELS[Side(side)])
    except ValueError:
        return side  # an unknown value is shown as it is, so nothing typed is hidden


def dosing_text(dosing: Dosing) -> str:
    """The dose in the words a therapist says: "Hold 30 s · 3 reps · 1 set · 2 times a day"."""
    parts = (
        [QCoreApplication.translate("exercise_display", "Hold {hold_s} s").format(hold_s=dosing.hold_s)]
        if dosing.hold_s
        else [QCoreApplication.translate("exercise_display", "No hold (moving)")]
    )
    # One and other: pyside6-lupdate reads %n plurals only from tr(), and Spanish counts as English does.
    parts.append(
        QCoreApplication.translate("exercise_display", "1 rep")
        if dosing.reps == 1
        else QCoreApplication.translate("exercise_display", "{reps} reps").format(reps=dosing.reps)
    )
    parts.append(
        QCoreApplication.translate("exercise_display", "1 set")
        if dosing.sets == 1
        else QCoreApplication.translate("exercise_display", "{sets} sets").format(sets=dosing.sets)
    )
    parts.append(
        QCoreApplication.translate("exercise_display", "once a day")
        if dosing.per_day == 1
        else QCoreApplication.translate("exercise_display", "{per_day} times a day").format(
            per_day=dosing.per_day
        )
    )
    return " · ".join(parts)


def exercise_renderer(exercise: Exercise) -> QSvgRenderer:
    """A renderer for the exercise's illustration that keeps its proportions in any box."""
    renderer = QSvgRenderer(QByteArray(exercise.illustration_file().read_bytes()))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    return renderer


def exercise_pixmap(exercise: Exercise, height: int, device_pixel_ratio: float) -> QPixmap:
    """The illustration, `height` logical pixels tall, drawn sharp for the screen's pixel ratio."""
    size = QSize(round(height * PICTURE_ASPECT), height)
    pixmap = QPixmap(size * device_pixel_ratio)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # The drawings are black on white, whatever the theme: on a card of their own (ui/widgets/picture_card.py).
    radius = height * 0.08
    paint_card(painter, QRectF(0, 0, size.width(), size.height()), radius)
    inset = radius * 0.6
    exercise_renderer(exercise).render(
        painter, QRectF(inset, inset, size.width() - 2 * inset, size.height() - 2 * inset)
    )
    painter.end()
    return pixmap


def exercise_icon(exercise: Exercise, height: int, device_pixel_ratio: float) -> QIcon:
    pixmap = exercise_pixmap(exercise, height, device_pixel_ratio)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # a drawing stays true to colour when its row is selected
    return icon
