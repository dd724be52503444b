"""The pictures recorded at build time (resources/illustrations/prepared.json): up to date with the
SVG files, painted exactly as the SVG would be, and never used for a picture changed since."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from clinic_app.catalogue import resource_dir
from clinic_app.documents import illustrations, prepared_pictures
from clinic_app.documents.illustrations import illustration, picture_source, recording
from clinic_app.domain import Side
from clinic_app.exercises import load_library

REGENERATE = "python -m clinic_app.documents.prepared_pictures"


def test_the_shipped_recordings_match_the_svg_files() -> None:
    shipped = (resource_dir("illustrations") / prepared_pictures.PREPARED_FILE).read_text(encoding="utf-8")
    assert shipped == prepared_pictures.prepared_file_text(), f"pictures changed: run {REGENERATE}"


@pytest.mark.parametrize("exercise_id", list(load_library().exercises))
@pytest.mark.parametrize("side", [Side.RIGHT, Side.LEFT])
def test_a_shipped_picture_paints_what_the_parsed_svg_paints(exercise_id: str, side: Side) -> None:
    exercise = load_library().exercises[exercise_id]
    source = picture_source(exercise, side)
    drawing = illustration(exercise, side)
    assert (source.width, source.height) == (drawing.width, drawing.height)
    assert source.drawing is None, "painted from the shipped recording, no SVG parsed"
    assert _painted(source.paint) == _painted(recording(drawing).replay)  # type: ignore[union-attr]


def test_a_picture_changed_since_the_recording_is_parsed_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    exercise = load_library().exercises["calf_stretch_wall"]
    monkeypatch.setattr(illustrations, "_sources", {})
    monkeypatch.setattr(
        prepared_pictures, "_shipped_file", lambda: {"calf_stretch_wall.svg": {"sha256": "0" * 64}}
    )
    source = picture_source(exercise)
    assert source.drawing is illustration(exercise)
    assert source.recorded is recording(illustration(exercise))


def _painted(paint: object) -> bytes:
    canvas = Canvas(io.BytesIO())
    paint(canvas)  # type: ignore[operator]
    return "\n".join(canvas._code).encode()
