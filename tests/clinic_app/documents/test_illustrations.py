"""Exercise pictures by side: drawn for the right side, mirrored for the left, parsed and recorded once.

Also the drawing conventions every shipped picture keeps (the SVG files feed both the app's QtSvg
and the PDF's svglib): a 400 x 300 view box on a white ground, plain shapes only, the start
position in light grey, the end in dark grey, a blue arrow, and the working side in orange on
exactly the pictures of exercises done one side at a time.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageChops, ImageOps
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas

from clinic_app.documents.illustrations import illustration, recording
from clinic_app.domain import Side
from clinic_app.exercises import Exercise, load_library

EXERCISES = list(load_library().exercises)
SVG = "{http://www.w3.org/2000/svg}"
SHAPES = {"line", "polyline", "circle", "rect", "path", "polygon", "ellipse"}
START, END, ARROW, WORKING = "#b8b8b8", "#2b2b2b", "#1f77b4", "#e07b00"


def _exercise(exercise_id: str) -> Exercise:
    return load_library().exercises[exercise_id]


def _page(paint: object) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=0)
    canvas.setFillAlpha(0.5)  # a document's own transparency state comes first
    canvas.rect(0, 0, 10, 10, fill=1)
    canvas.setFillAlpha(1)
    for x in (0, 200):
        canvas.saveState()
        canvas.translate(x, 300)
        paint(canvas)  # type: ignore[operator]
        canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_a_mirrored_picture_is_recorded_and_gives_the_same_page_bytes_as_the_renderer(
    exercise_id: str,
) -> None:
    drawing = illustration(_exercise(exercise_id), Side.LEFT)
    recorded = recording(drawing)

    assert recorded is not None, "a mirrored picture is still plain line art that can be recorded"
    assert _page(recorded.replay) == _page(lambda canvas: renderPDF.draw(drawing, canvas, 0, 0))


@pytest.mark.parametrize("side", [None, Side.RIGHT, Side.BOTH, Side.CENTRAL])
def test_every_side_but_the_left_gets_the_picture_as_drawn(side: Side | None) -> None:
    exercise = _exercise("calf_stretch_wall")

    assert illustration(exercise, side) is illustration(exercise)
    assert illustration(exercise, side=side) is illustration(exercise)


def test_the_left_picture_is_mirrored_once_and_shared() -> None:
    exercise = _exercise("calf_stretch_wall")
    right = illustration(exercise)

    left = illustration(exercise, Side.LEFT)

    assert left is not right
    assert illustration(exercise, side=Side.LEFT) is left
    assert recording(left) is recording(illustration(exercise, Side.LEFT))
    assert (left.width, left.height) == (right.width, right.height)
    # it holds the parsed shapes themselves, not copies
    shapes = {id(node) for node in right.contents}
    assert {id(node) for group in left.contents for node in group.contents} == shapes


def _pixels(drawing: Drawing) -> Image.Image:
    import pypdfium2 as pdfium

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(drawing.width, drawing.height), invariant=1)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    try:
        return document[0].render(scale=0.5, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def test_the_left_picture_is_the_right_one_flipped_left_to_right() -> None:
    exercise = _exercise("calf_stretch_wall")
    right = _pixels(illustration(exercise))
    left = _pixels(illustration(exercise, Side.LEFT))

    assert ImageChops.difference(right, left).getbbox() is not None, "the picture is not symmetric"
    difference = ImageChops.difference(ImageOps.mirror(right), left)
    assert sum(difference.histogram()[64:]) <= right.width * right.height // 200  # edge pixels at most


def _svg(exercise_id: str) -> tuple[str, ET.Element]:
    text = _exercise(exercise_id).illustration_file().read_text(encoding="utf-8")
    return text, ET.fromstring(text)


def _colours(root: ET.Element) -> set[str]:
    return {
        value.lower()
        for element in root.iter()
        for name in ("stroke", "fill")
        if (value := element.get(name)) is not None
    }


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_picture_keeps_the_drawing_conventions(exercise_id: str) -> None:
    text, root = _svg(exercise_id)

    assert re.match(r"<!-- [^\n]+ -->\n<svg ", text), "one comment line describing the picture comes first"
    assert root.get("viewBox") == "0 0 400 300"
    background = root[0]
    assert background.tag == f"{SVG}rect"
    assert background.get("fill") == "#ffffff"
    assert (background.get("width"), background.get("height")) == ("400", "300")
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag in SHAPES | {"svg", "g"}, f"<{tag}> is not a plain shape"
        assert not {"transform", "class", "style"} & set(element.attrib), (
            f"<{tag}> has more than plain attributes"
        )
    assert {START, END, ARROW} <= _colours(root), "start in light grey, end in dark grey, a blue arrow"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_working_side_is_orange_exactly_on_one_sided_exercises(exercise_id: str) -> None:
    _, root = _svg(exercise_id)

    assert (WORKING in _colours(root)) is _exercise(exercise_id).per_side
