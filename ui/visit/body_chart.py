"""A clickable body chart: front and back views side by side; a click says where it hurts.

The drawings come from resources/illustrations/body_front.svg and body_back.svg. Until those
exist (or if one has no region in it), a plain built-in outline with the same element ids is used,
so the chart works either way. Region elements are named by the PATIENT's side (`knee_left`,
`shoulder_right`); midline regions and the groin have no side (`neck`, `low_back`, `groin`).

Hit-testing renders each region element on its own into a mask, so a click counts only on the
shape itself, whatever shape the artist drew; where a drawing has no filled shape under the point,
the smallest element bounds containing it decide.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from clinic_app.catalogue import load_catalogue, resource_dir
from clinic_app.domain import MIDLINE_REGIONS, Region
from ui.language import content_language
from ui.widgets.picture_card import CARD_MUTED_TEXT, CARD_TEXT, card_radius, paint_card

SIDES = ("left", "right")
# The drawings sit on a light card whatever the theme (ui/widgets/picture_card.py), and so do the
# highlights on them: fixed colours, not the palette's.
COMPLAINT_COLOUR = QColor("#d32f2f")
HOVER_COLOUR = QColor("#1565c0")
COMPLAINT_OPACITY = 0.6
HOVER_OPACITY = 0.45
ALPHA_LAYERS = 16  # the artist's regions are about 8 % opaque: 16 layers of that are solid
# An unsided region off the midline (the groin): a click in its middle third means both sides.
MIDDLE_THIRD = (1 / 3, 2 / 3)


@dataclass(frozen=True)
class RegionElement:
    """One clickable element of a drawing: its SVG id, its region and the patient's side (None: no side)."""

    element_id: str
    region: Region
    side: str | None


@dataclass(frozen=True)
class BodyView:
    """One drawing of the body: front or back."""

    name: str  # "front" or "back"
    title: str
    renderer: QSvgRenderer
    # In the front view the patient faces the viewer: the patient's left is on the viewer's right.
    patients_left_on_viewers_right: bool
    elements: tuple[RegionElement, ...]


@dataclass(frozen=True)
class Hit:
    view: int  # index into the chart's views
    element: RegionElement
    side: str  # the patient's side the click means


class BodyChart(QWidget):
    """Front and back views; hovering highlights a region, clicking emits its region and side."""

    region_clicked = Signal(str, str)  # region, side (the patient's)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._views = load_views()
        self._region_names = {
            region: name[content_language()] for region, name in load_catalogue().regions.items()
        }
        self._marked: set[tuple[str, str]] = set()
        self._hover: Hit | None = None
        self._masks: dict[tuple[int, str], QImage] = {}
        self._read_only = False
        self.setMouseTracking(True)
        # The complaint list below does everything the chart does, from the keyboard.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Body chart"))
        self.setAccessibleDescription(
            self.tr("Click where it hurts to add a complaint. The complaint list does the same.")
        )

    # ---- state -------------------------------------------------------------------------------

    def set_marked(self, marks: Iterable[tuple[str, str]]) -> None:
        """The (region, side) of every complaint listed: drawn highlighted."""
        self._marked = set(marks)
        self.update()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._set_hover(None)

    def view_names(self) -> list[str]:
        return [view.name for view in self._views]

    def element_ids(self, view_name: str) -> list[str]:
        return [element.element_id for element in self._view_named(view_name)[1].elements]

    def figure_rect(self, view_name: str) -> QRectF:
        """Where a view is drawn, in widget coordinates."""
        return self._figure_rects()[self._view_named(view_name)[0]]

    def region_centre(self, view_name: str, element_id: str) -> QPoint:
        """A point on the element, as near its centre as the shape allows (for tests and tools)."""
        index, view = self._view_named(view_name)
        element = next(e for e in view.elements if e.element_id == element_id)
        rect = self._element_rect(index, element)
        mask = self._mask(index, element)
        centre = QPointF(mask.width() / 2, mask.height() / 2)
        inside = [
            QPointF(x + 0.5, y + 0.5)  # the middle of the pixel, not its corner
            for y in range(mask.height())
            for x in range(mask.width())
            if mask.pixelColor(x, y).alpha() > 0
        ]
        best = min(inside, key=lambda p: (p - centre).manhattanLength(), default=centre)
        return (rect.topLeft() + best).toPoint()

    # ---- geometry ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = self.fontMetrics().height()
        return QSize(line * 22, line * 24)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = self.fontMetrics().height()
        return QSize(line * 12, line * 14)

    def _caption_height(self) -> float:
        return self.fontMetrics().height() * 1.6

    def _card_padding(self) -> float:
        return self.fontMetrics().height() * 0.5

    def _figure_rects(self) -> list[QRectF]:
        """Where each view's drawing goes: side by side, each keeping its aspect ratio."""
        caption, padding = self._caption_height(), self._card_padding()
        area = QRectF(self.rect()).adjusted(0, caption + padding, 0, -caption - padding)
        gap = self.fontMetrics().height() * 2.0
        width = (area.width() - gap * (len(self._views) + 1)) / len(self._views)
        rects = []
        for index, view in enumerate(self._views):
            box = view.renderer.viewBoxF()
            scale = max(min(width / box.width(), area.height() / box.height()), 0.01)
            size = box.size() * scale
            left = area.left() + gap + index * (width + gap) + (width - size.width()) / 2
            rects.append(QRectF(QPointF(left, area.top() + (area.height() - size.height()) / 2), size))
        return rects

    def _element_rect(self, index: int, element: RegionElement) -> QRectF:
        renderer = self._views[index].renderer
        figure = self._figure_rects()[index]
        box = renderer.viewBoxF()
        scale = figure.width() / box.width()
        bounds = renderer.transformForElement(element.element_id).mapRect(
            renderer.boundsOnElement(element.element_id)
        )
        top_left = figure.topLeft() + (bounds.topLeft() - box.topLeft()) * scale
        return QRectF(top_left, bounds.size() * scale)

    def _mask(self, index: int, element: RegionElement) -> QImage:
        key = (index, element.element_id)
        if key not in self._masks:
            rect = self._element_rect(index, element)
            # Drawn at one pixel per logical pixel, the unit mouse positions come in.
            self._masks[key] = self._filled_element(index, element, rect, QColor(Qt.GlobalColor.black), 1.0)
        return self._masks[key]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._masks.clear()  # the masks are drawn at the on-screen size
        super().resizeEvent(event)

    # ---- hit-testing -------------------------------------------------------------------------

    def hit_at(self, point: QPointF) -> Hit | None:
        """The region under a point, and the side a click there means."""
        candidates = [
            (index, element, self._element_rect(index, element))
            for index, view in enumerate(self._views)
            for element in view.elements
            if self._element_rect(index, element).contains(point)
        ]
        on_shape = [(i, e, r) for i, e, r in candidates if self._mask_has(i, e, r, point)]
        # Smallest first: a small region drawn over a larger one must stay clickable.
        chosen = min(on_shape or candidates, key=lambda c: c[2].width() * c[2].height(), default=None)
        if chosen is None:
            return None
        index, element, rect = chosen
        return Hit(index, element, self._side_at(self._views[index], element, rect, point))

    def _mask_has(self, index: int, element: RegionElement, rect: QRectF, point: QPointF) -> bool:
        mask = self._mask(index, element)
        x, y = math.floor(point.x() - rect.left()), math.floor(point.y() - rect.top())
        return mask.valid(x, y) and mask.pixelColor(x, y).alpha() > 0

    @staticmethod
    def _side_at(view: BodyView, element: RegionElement, rect: QRectF, point: QPointF) -> str:
        if element.side is not None:
            return element.side
        if element.region in MIDLINE_REGIONS:
            return "central"
        fraction = (point.x() - rect.left()) / max(rect.width(), 1.0)
        if MIDDLE_THIRD[0] <= fraction <= MIDDLE_THIRD[1]:
            return "both"
        on_viewers_right = fraction > MIDDLE_THIRD[1]
        return "left" if on_viewers_right == view.patients_left_on_viewers_right else "right"

    # ---- mouse -------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._set_hover(self.hit_at(event.position()))

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        self._set_hover(None)
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        hit = self.hit_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and hit is not None and not self._read_only:
            self.region_clicked.emit(hit.element.region.value, hit.side)

    def _set_hover(self, hit: Hit | None) -> None:
        if hit == self._hover:
            return
        self._hover = hit
        clickable = hit is not None and not self._read_only
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.update()

    def hint(self) -> str:
        """What a click at the hovered point would do, in words."""
        if self._read_only:
            return ""
        if self._hover is None:
            return self.tr("Point to where it hurts and click to add it.")
        region, side = self._hover.element.region, self._hover.side
        listed = any(r == region.value and covers(s, side) for r, s in self._marked)
        name = self._region_names[region].capitalize()
        side = {"left": self.tr("left"), "right": self.tr("right"), "central": self.tr("central")}.get(
            side, side
        )
        if listed:
            return self.tr("{region} ({side}) — click to select it").format(region=name, side=side)
        return self.tr("{region} ({side}) — click to add it").format(region=name, side=side)

    # ---- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, (view, figure) in enumerate(zip(self._views, self._figure_rects(), strict=True)):
            paint_card(painter, self._card_rect(figure), card_radius(self))
            view.renderer.render(painter, figure)
            for element in view.elements:
                self._paint_highlights(painter, index, element)
            self._paint_labels(painter, view, figure)
        self._paint_hint(painter)

    def _card_rect(self, figure: QRectF) -> QRectF:
        """The light card a view sits on, with its title and the side letters: the same in every theme."""
        padding = self._card_padding()
        return figure.adjusted(-padding, -self._caption_height() - padding * 0.5, padding, padding)

    def card_rects(self) -> list[QRectF]:
        """Where the cards are drawn, in widget coordinates (for tests and tools)."""
        return [self._card_rect(figure) for figure in self._figure_rects()]

    def _paint_highlights(self, painter: QPainter, index: int, element: RegionElement) -> None:
        layers = []
        if self._is_marked(element):
            layers.append((COMPLAINT_COLOUR, COMPLAINT_OPACITY))
        if self._hover is not None and (self._hover.view, self._hover.element) == (index, element):
            layers.append((HOVER_COLOUR, HOVER_OPACITY))
        rect = self._element_rect(index, element)
        for colour, opacity in layers:
            painter.setOpacity(opacity)
            painter.drawImage(
                rect.topLeft(), self._filled_element(index, element, rect, colour, self.devicePixelRatioF())
            )
        painter.setOpacity(1.0)

    def _is_marked(self, element: RegionElement) -> bool:
        opposite = {"left": "right", "right": "left"}.get(element.side or "")
        return any(region == element.region.value and side != opposite for region, side in self._marked)

    def _filled_element(
        self, index: int, element: RegionElement, rect: QRectF, colour: QColor, ratio: float
    ) -> QImage:
        """The element alone, in one solid colour, sized to its place on screen: a mask or a highlight."""
        size = QSize(max(math.ceil(rect.width() * ratio), 1), max(math.ceil(rect.height() * ratio), 1))
        shape = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        shape.fill(Qt.GlobalColor.transparent)
        painter = QPainter(shape)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._views[index].renderer.render(painter, element.element_id, QRectF(QPointF(0, 0), size.toSizeF()))
        painter.end()
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        # Region shapes are drawn almost transparent; adding the shape up many times makes it solid.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Plus)
        for _ in range(ALPHA_LAYERS):
            painter.drawImage(0, 0, shape)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), colour)
        painter.end()
        image.setDevicePixelRatio(ratio)
        return image

    def _paint_labels(self, painter: QPainter, view: BodyView, figure: QRectF) -> None:
        caption = self._caption_height()
        title_row = QRectF(figure.left(), figure.top() - caption, figure.width(), caption)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(CARD_TEXT)  # on the card: dark on light whatever the theme
        painter.drawText(title_row, Qt.AlignmentFlag.AlignCenter, view.title)
        # The patient's sides at the top corners: in the front view "R" is on the viewer's left.
        # The patient's own left and right: I and D in Spanish (izquierda, derecha).
        left, right = self.tr("L", "the patient's left"), self.tr("R", "the patient's right")
        left_letter, right_letter = (right, left) if view.patients_left_on_viewers_right else (left, right)
        painter.setFont(self.font())
        painter.setPen(CARD_MUTED_TEXT)
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(title_row, middle | Qt.AlignmentFlag.AlignLeft, left_letter)
        painter.drawText(title_row, middle | Qt.AlignmentFlag.AlignRight, right_letter)

    def _paint_hint(self, painter: QPainter) -> None:
        # Below the cards, on the window's own background: the theme's text colour.
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.setFont(self.font())
        caption = self._caption_height()
        painter.drawText(
            QRectF(0, self.height() - caption, self.width(), caption),
            Qt.AlignmentFlag.AlignCenter,
            self.hint(),
        )

    def _view_named(self, name: str) -> tuple[int, BodyView]:
        return next((i, v) for i, v in enumerate(self._views) if v.name == name)


# ---- the drawings ------------------------------------------------------------------------------


def covers(listed_side: str, clicked_side: str) -> bool:
    """Whether a complaint already listed on one side takes in a click on another."""
    return listed_side == clicked_side or (listed_side == "both" and clicked_side in SIDES)


def load_views() -> tuple[BodyView, BodyView]:
    return (
        _view("front", QCoreApplication.translate("body_chart", "Front"), True),
        _view("back", QCoreApplication.translate("body_chart", "Back"), False),
    )


def _view(name: str, title: str, patients_left_on_viewers_right: bool) -> BodyView:
    renderer = _renderer_for(f"body_{name}.svg") or QSvgRenderer(QByteArray(outline_svg(back=name == "back")))
    return BodyView(name, title, renderer, patients_left_on_viewers_right, region_elements(renderer))


def _renderer_for(file_name: str) -> QSvgRenderer | None:
    resource = resource_dir("illustrations") / file_name
    if not resource.is_file():
        return None
    renderer = QSvgRenderer(QByteArray(resource.read_bytes()))
    # A drawing without a single region element cannot be clicked: the built-in one is better.
    return renderer if renderer.isValid() and region_elements(renderer) else None


def region_elements(renderer: QSvgRenderer) -> tuple[RegionElement, ...]:
    """The region elements a drawing has, looked up by the ids they are expected to have."""
    candidates = [RegionElement(region.value, region, None) for region in Region]
    candidates += [
        RegionElement(f"{region.value}_{side}", region, side) for region in Region for side in SIDES
    ]
    return tuple(c for c in candidates if renderer.elementExists(c.element_id))


# A simple standing figure in a 200 x 440 box. It is symmetric, so front and back share the outline
# and differ in which side is which and in the regions shown (groin in front; upper and low back behind).
_BODY = "#e4e1dc"
_EDGE = "#7d828a"
_REGION = 'fill="#8a94a6" fill-opacity="0.22" stroke="#8a94a6" stroke-opacity="0.6" stroke-width="1"'
_LIMBS = (  # (points, stroke width): arms, then legs
    ("58,90 46,160 38,226", 17),
    ("142,90 154,160 162,226", 17),
    ("84,226 81,318 80,398", 29),
    ("116,226 119,318 120,398", 29),
)
_TORSO = "M64,78 L136,78 Q150,82 148,100 L133,180 L135,224 L100,242 L65,224 L67,180 L52,100 Q50,82 64,78 Z"


def outline_svg(back: bool) -> bytes:
    """The built-in drawing, with the region ids the chart looks for."""
    # The viewer's left half holds the patient's right in the front view and the patient's left behind.
    near, far = ("left", "right") if back else ("right", "left")
    regions = [
        _ellipse("head", 100, 34, 20, 25),
        _rect("neck", 90, 58, 20, 19),
        _ellipse(f"shoulder_{near}", 66, 90, 15, 12),
        _ellipse(f"shoulder_{far}", 134, 90, 15, 12),
        _ellipse(f"hip_{near}", 79, 214, 15, 13),
        _ellipse(f"hip_{far}", 121, 214, 15, 13),
        _ellipse(f"knee_{near}", 81, 318, 13, 16),
        _ellipse(f"knee_{far}", 119, 318, 13, 16),
        _ellipse(f"ankle_foot_{near}", 79, 408, 14, 18),
        _ellipse(f"ankle_foot_{far}", 121, 408, 14, 18),
    ]
    if back:
        regions += [_rect("upper_back", 78, 88, 44, 62), _rect("low_back", 80, 160, 40, 38)]
    else:
        regions.append(_ellipse("groin", 100, 234, 11, 9))
    outline = "".join(_limb(points, width + 3, _EDGE) for points, width in _LIMBS)
    outline += _shape(f'<path d="{_TORSO}"')
    outline += "".join(_limb(points, width, _BODY) for points, width in _LIMBS)
    outline += _shape('<rect x="91" y="52" width="18" height="30"')
    outline += _shape('<ellipse cx="100" cy="34" rx="20" ry="25"')
    outline += _shape('<ellipse cx="79" cy="418" rx="15" ry="8"') + _shape(
        '<ellipse cx="121" cy="418" rx="15" ry="8"'
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="440" viewBox="0 0 200 440">'
        f'<g id="outline" stroke-linecap="round" stroke-linejoin="round">{outline}</g>'
        f"<g>{''.join(regions)}</g></svg>"
    ).encode()


def _shape(opening: str) -> str:
    return f'{opening} fill="{_BODY}" stroke="{_EDGE}" stroke-width="1.5"/>'


def _limb(points: str, width: int, colour: str) -> str:
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"/>'


def _ellipse(element_id: str, cx: int, cy: int, rx: int, ry: int) -> str:
    return f'<ellipse id="{element_id}" cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" {_REGION}/>'


def _rect(element_id: str, x: int, y: int, width: int, height: int) -> str:
    return f'<rect id="{element_id}" x="{x}" y="{y}" width="{width}" height="{height}" rx="6" {_REGION}/>'
