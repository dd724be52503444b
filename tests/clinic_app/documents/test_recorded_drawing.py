"""Recorded pictures must paint exactly what ReportLab's renderer paints."""

from __future__ import annotations

import io

import pytest
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import red
from reportlab.pdfgen.canvas import Canvas

from clinic_app.documents.illustrations import illustration, recording
from clinic_app.documents.recorded_drawing import record
from clinic_app.exercises import load_library


def _page(paint: object) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=0)
    canvas.setFillAlpha(0.5)  # a document's own transparency state comes first...
    canvas.rect(0, 0, 10, 10, fill=1)
    canvas.setFillAlpha(1)
    for x in (0, 200):  # ...and a picture painted twice must not lose its own
        canvas.saveState()
        canvas.translate(x, 300)
        paint(canvas)  # type: ignore[operator]
        canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("exercise_id", list(load_library().exercises))
def test_a_recorded_picture_gives_the_same_page_bytes_as_the_renderer(exercise_id: str) -> None:
    drawing = illustration(load_library().exercises[exercise_id])
    recorded = recording(drawing)

    assert recorded is not None, "every shipped picture is plain line art that can be recorded"
    assert _page(recorded.replay) == _page(lambda canvas: renderPDF.draw(drawing, canvas, 0, 0))


def test_a_drawing_with_text_is_left_to_the_renderer() -> None:
    drawing = Drawing(100, 50)
    drawing.add(Rect(0, 0, 100, 50, fillColor=red))
    drawing.add(String(10, 10, "Hi"))

    assert record(drawing) is None


def test_a_drawing_that_was_not_parsed_here_has_no_recording() -> None:
    assert recording(Drawing(10, 10)) is None
