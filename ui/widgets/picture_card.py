"""Pictures (body chart, screening and exercise drawings) on a light rounded card, in every theme.

The drawings are dark strokes on white, like the printed handout. Recolouring them for a dark theme
would turn the white faces and limbs that hide the lines behind them dark too, and the therapist
would see a different picture on screen than on paper. So a drawing always sits on a card of its
own: white with a thin border and rounded corners, a deliberate "piece of paper" in a light theme
and a dark one alike, instead of a square white box cut out of a dark window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QWidget

CARD_COLOUR = QColor("#ffffff")
CARD_BORDER = QColor("#b8b8b8")
# The captions drawn on a card: dark on white whatever the theme (contrast above 4.5:1).
CARD_TEXT = QColor("#202020")
CARD_MUTED_TEXT = QColor("#5f5f5f")


def card_radius(widget: QWidget) -> float:
    return widget.fontMetrics().height() * 0.5


def paint_card(painter: QPainter, rect: QRectF, radius: float) -> None:
    """The card itself: white, a thin grey edge, rounded corners."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(CARD_BORDER)
    painter.setBrush(CARD_COLOUR)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    painter.restore()


class _CardPainter(QObject):
    """Paints a QSvgWidget's drawing on a card in place of its plain paint."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QSvgWidget):
            return False
        painter = QPainter(watched)
        radius = card_radius(watched)
        paint_card(painter, QRectF(watched.rect()), radius)
        inset = radius * 0.6
        renderer = watched.renderer()
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter, QRectF(watched.rect()).adjusted(inset, inset, -inset, -inset))
        painter.end()
        return True


def show_on_card(picture: QSvgWidget) -> None:
    """Draw this SVG widget's picture on a light rounded card from now on."""
    if picture.property("onCard"):
        return
    picture.setProperty("onCard", True)
    picture.installEventFilter(_CardPainter(picture))
    picture.update()
