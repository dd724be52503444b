"""Exercise pictures: the SVG drawings in resources/illustrations/, as ReportLab drawings.

The same SVG files feed the desktop app (QtSvg) and the PDFs (svglib). Parsing an SVG costs a few
milliseconds, so each file is parsed once per process and the drawing is shared: a picture on a
card is a small flowable that scales the shared drawing while painting it, never a copy. The PDF
operators of each drawing are recorded once too, and written into each page as they are.
A missing or broken picture is a release problem, reported clearly, never printed as a blank.

Every picture is drawn for the patient's right side (the working limb or side of the neck in
orange); for the left side the same drawing is shown mirrored. The mirrored drawing is made once
from the shared one, holding its shapes rather than copies, and recorded once like it.

What a document paints is a PictureSource (`picture_source`): the operators recorded at build
time and shipped (documents.prepared_pictures), so a process that prints does not parse an SVG at
all, or, for a picture changed since, the operators recorded from the SVG in this process.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group
from reportlab.platypus import Flowable

from clinic_app.documents.fonts import register_fonts
from clinic_app.documents.prepared_pictures import shipped
from clinic_app.documents.recorded_drawing import RecordedDrawing, record
from clinic_app.domain import Side
from clinic_app.errors import ClinicError
from clinic_app.exercises import Exercise

ASPECT = 3 / 4  # every illustration is drawn on a 400 x 300 view box


class IllustrationError(ClinicError):
    """An exercise's picture is missing or cannot be read: the installation is incomplete."""


# Parsed pictures by illustration file name. Filled on first use; a race between two threads at
# worst parses one file twice, and drawings are never changed once parsed, so no lock is needed.
_parsed: dict[str, Drawing] = {}
# The same pictures mirrored for the left side, by illustration file name, made on first use.
_mirrored: dict[str, Drawing] = {}
# The recorded operators of each parsed drawing, by id(drawing); the drawing is held alongside, so
# its id stays its own. None for a drawing that cannot be recorded (the renderer paints it).
_recorded: dict[int, tuple[Drawing, RecordedDrawing | None]] = {}


def illustration(exercise: Exercise, side: Side | None = None) -> Drawing:
    """The exercise's picture, parsed from its SVG file on first use and shared afterwards.

    The pictures are drawn for the right side: Side.LEFT gives the drawing mirrored left to right
    (made once, then shared too); any other side, or none, gives it as drawn.
    """
    drawing = _parsed.get(exercise.illustration)
    if drawing is None:
        drawing = _load(exercise)
        _recorded[id(drawing)] = (drawing, record(drawing))
        _parsed[exercise.illustration] = drawing
    if side is not Side.LEFT:
        return drawing
    mirrored = _mirrored.get(exercise.illustration)
    if mirrored is None:
        mirrored = _mirror(drawing)
        _recorded[id(mirrored)] = (mirrored, record(mirrored))
        _mirrored[exercise.illustration] = mirrored
    return mirrored


@dataclass(frozen=True, slots=True)
class PictureSource:
    """What a picture on a card paints: recorded operators, else a drawing the renderer paints."""

    width: float
    height: float
    recorded: RecordedDrawing | None
    drawing: Drawing | None = None

    def paint(self, canvas: Any) -> None:
        """Paint at the canvas's origin, at the picture's own size."""
        if self.recorded is not None:
            self.recorded.replay(canvas)
        else:
            renderPDF.draw(self.drawing, canvas, 0, 0, showBoundary=False)


# Picture sources by (illustration file name, mirrored), made on first use.
_sources: dict[tuple[str, bool], PictureSource] = {}


def picture_source(exercise: Exercise, side: Side | None = None) -> PictureSource:
    """The exercise's picture for a document, mirrored for the left side: the shipped recording
    when it was made from the SVG file as it is, else the SVG parsed and recorded here."""
    mirrored = side is Side.LEFT
    key = (exercise.illustration, mirrored)
    source = _sources.get(key)
    if source is None:
        source = _sources[key] = _shipped_source(exercise, mirrored) or _parsed_source(exercise, side)
    return source


def _shipped_source(exercise: Exercise, mirrored: bool) -> PictureSource | None:
    resource = exercise.illustration_file()
    if not resource.is_file():
        return None  # _parsed_source says what is missing
    prepared = shipped(exercise.illustration, resource.read_bytes())
    if prepared is None:
        return None
    return PictureSource(prepared.width, prepared.height, prepared.left if mirrored else prepared.right)


def _parsed_source(exercise: Exercise, side: Side | None) -> PictureSource:
    drawing = illustration(exercise, side)
    return PictureSource(float(drawing.width), float(drawing.height), recording(drawing), drawing)


def recording(drawing: Drawing) -> RecordedDrawing | None:
    """The recorded operators of a drawing from illustration(), or None to paint it afresh."""
    entry = _recorded.get(id(drawing))
    return entry[1] if entry is not None and entry[0] is drawing else None


def _load(exercise: Exercise) -> Drawing:
    resource = exercise.illustration_file()
    where = f"resources/illustrations/{exercise.illustration}"
    if not resource.is_file():
        raise IllustrationError(
            f"the picture for exercise {exercise.id!r} is missing ({where}); reinstall Clinic App"
        )
    drawing = _parse_svg(resource.read_bytes())
    if drawing is None or not drawing.width or not drawing.height:
        raise IllustrationError(f"the picture for exercise {exercise.id!r} ({where}) cannot be read")
    # A drawing starts in Helvetica unless told otherwise, which the PDF would name without
    # embedding it; the pictures have no text, but the font is set all the same.
    drawing.initialFontName = register_fonts()
    _flatten(drawing)
    return drawing


IDENTITY = (1, 0, 0, 1, 0, 0)


def _mirror(drawing: Drawing) -> Drawing:
    """The drawing flipped left to right, as a new drawing holding the same (unchanged) shapes."""
    mirrored: Drawing = copy.copy(drawing)  # same size, font and other settings; contents replaced
    mirrored.contents = [Group(*drawing.contents, transform=(-1, 0, 0, 1, drawing.width, 0))]
    return mirrored


def _flatten(group: Group) -> None:
    """Lift the shapes of groups that change nothing (svglib makes one per SVG <g>) into their parent.

    Each group costs the renderer a saved and restored graphics state on every print; a drawing
    has a few dozen shapes, so this takes about a fifth off drawing a picture.
    """
    flat: list[Any] = []
    for node in group.contents:
        if isinstance(node, Group):
            _flatten(node)
            if tuple(node.transform) == IDENTITY and not _group_state(node):
                flat.extend(node.contents)
                continue
        flat.append(node)
    group.contents = flat


def _group_state(group: Group) -> dict[str, Any]:
    """Graphics state a group sets for its shapes (stroke, fill, font...), besides its transform."""
    return {
        key: value
        for key, value in group.getProperties(recur=0).items()
        if key not in ("transform", "contents") and value is not None
    }


def _parse_svg(data: bytes) -> Drawing | None:
    import io

    from svglib.svglib import svg2rlg

    # svglib reports SVG features it skips through logging; a skipped feature would show as a
    # wrong picture, which the reference-image tests catch, so its chatter is kept out of the log.
    svglib_log = logging.getLogger("svglib.svglib")
    level = svglib_log.level
    svglib_log.setLevel(logging.ERROR)
    try:
        drawing: Drawing | None = svg2rlg(io.BytesIO(data))
    finally:
        svglib_log.setLevel(level)
    return drawing


class Picture(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """A shared picture painted at a given width, inside a thin frame."""

    def __init__(
        self, source: PictureSource, width: float, *, frame_color: Any = None, frame_width: float = 0
    ) -> None:
        super().__init__()
        self.source = source
        self.width = width
        self.height = width * source.height / source.width
        self.frame_color = frame_color
        self.frame_width = frame_width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def scaled(self, factor: float) -> Picture:
        return Picture(
            self.source, self.width * factor, frame_color=self.frame_color, frame_width=self.frame_width
        )

    def draw(self) -> None:
        canvas = self.canv
        scale = self.width / self.source.width
        canvas.saveState()
        canvas.scale(scale, scale)
        self.source.paint(canvas)
        canvas.restoreState()
        if self.frame_color is not None and self.frame_width:
            canvas.saveState()
            canvas.setStrokeColor(self.frame_color)
            canvas.setLineWidth(self.frame_width)
            canvas.roundRect(0, 0, self.width, self.height, 4, stroke=1, fill=0)
            canvas.restoreState()
