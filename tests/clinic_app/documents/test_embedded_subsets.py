"""Font subsets made once per character set: the PDF is byte for byte the one ReportLab writes
making each subset itself, and a second document with the same characters makes none."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from clinic_app.documents.embedded_subsets import SubsetCache
from clinic_app.documents.fonts import BOLD, register_fonts
from clinic_app.documents.scriptfont import ScriptFont


@pytest.fixture
def font() -> ScriptFont:
    """The shipped regular font (its subsets cached by ScriptFont, as every document's are)."""
    shipped: ScriptFont = pdfmetrics.getFont(register_fonts())
    return shipped


def pdf(font_name: str, text: str, compression: int = 1) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=compression)
    canvas.setFont(font_name, 12)
    canvas.drawString(72, 720, text)
    canvas.save()
    return buffer.getvalue()


def without_cache(face: Any) -> Iterator[None]:
    saved = {name: face.__dict__.pop(name) for name in ("makeSubset", "addSubsetObjects")}
    try:
        yield
    finally:
        face.__dict__.update(saved)


def test_the_pdf_is_the_one_reportlab_writes(font: ScriptFont) -> None:
    text = "Łucja Wiśniewska: calf stretch, 3 x 30 s, ½ way"
    assert "addSubsetObjects" in font.face.__dict__
    for compression in (1, 0):
        cached = pdf(font.fontName, text, compression)
        again = pdf(font.fontName, text, compression)  # from the cache
        for _ in without_cache(font.face):
            assert "addSubsetObjects" not in font.face.__dict__  # ReportLab's own, this once
            plain = pdf(font.fontName, text, compression)
        assert cached == again == plain


def test_the_same_characters_make_the_subset_once(font: ScriptFont) -> None:
    plain = TTFont("SubsetTestPlain", io.BytesIO(font.file_data))  # ReportLab's own, no cache yet
    plain.face.name = b"SubsetTestPlain"  # else ReportLab registers the face's first font again
    pdfmetrics.registerFont(plain)
    assert pdfmetrics.getFont("SubsetTestPlain") is plain
    made: list[tuple[int, ...]] = []
    original = plain.face.makeSubset

    def counted(subset: list[int]) -> bytes:
        made.append(tuple(subset))
        return bytes(original(subset))

    plain.face.makeSubset = counted
    SubsetCache(plain.face).install()
    first = pdf(plain.fontName, "Stairs: two flights")
    assert pdf(plain.fontName, "Stairs: two flights") == first
    assert len(made) == 1
    pdf(plain.fontName, "Walking 2 blocks ñ")  # other characters: another subset
    assert len(made) == 2


def test_the_shipped_fonts_use_the_cache() -> None:
    register_fonts()
    for name in (register_fonts(), BOLD):
        face = pdfmetrics.getFont(name).face
        assert "addSubsetObjects" in face.__dict__
