"""Reading back how a PDF draws its text: which characters print as the .notdef box."""

from __future__ import annotations

import io
import struct
from typing import Any, cast

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject


def notdef_glyphs(pdf: bytes) -> list[str]:
    """'page N, FONT, code C' for every character drawn with the font's .notdef glyph (an empty box).

    Reads each embedded TrueType subset's own character map (ReportLab writes format 6), and every
    string the pages show in it: a code whose glyph is 0 prints as a box whatever the viewer.
    """
    reader = PdfReader(io.BytesIO(pdf))
    found: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        fonts = cast(DictionaryObject, resources.get("/Font", DictionaryObject()))
        glyphs = {
            str(name): _code_to_glyph(cast(DictionaryObject, ref.get_object())) for name, ref in fonts.items()
        }
        names = {
            str(name): str(cast(DictionaryObject, ref.get_object())["/BaseFont"])
            for name, ref in fonts.items()
        }
        current = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = str(operands[0])
            elif operator in (b"Tj", b"'", b'"'):
                found += _boxes(number, names.get(current, current), glyphs.get(current), [operands[-1]])
            elif operator == b"TJ":
                found += _boxes(number, names.get(current, current), glyphs.get(current), operands[0])
    return found


def _boxes(page: int, font: str, glyphs: dict[int, int] | None, strings: list[Any]) -> list[str]:
    assert glyphs is not None, f"page {page}: text in {font}, a font that is not an embedded TrueType subset"
    boxes = []
    for item in strings:
        if isinstance(item, (int, float)) or type(item).__name__ in {"FloatObject", "NumberObject"}:
            continue
        data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
        boxes += [f"page {page}, {font}, code {code}" for code in data if glyphs.get(code, 0) == 0]
    return boxes


def _code_to_glyph(font: DictionaryObject) -> dict[int, int] | None:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None or "/FontFile2" not in cast(DictionaryObject, descriptor.get_object()):
        return None
    data = cast(Any, cast(DictionaryObject, descriptor.get_object())["/FontFile2"]).get_object().get_data()
    (tables,) = struct.unpack_from(">H", data, 4)
    for index in range(tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sLLL", data, 12 + 16 * index)
        if tag == b"cmap":
            break
    else:
        raise AssertionError("an embedded font without a character map")
    _version, subtables = struct.unpack_from(">HH", data, offset)
    _platform, _encoding, sub_offset = struct.unpack_from(">HHL", data, offset + 4)
    start = offset + sub_offset
    assert subtables == 1, "expected ReportLab's one character map"
    assert struct.unpack_from(">H", data, start)[0] == 6, "expected ReportLab's format 6"
    first, count = struct.unpack_from(">HH", data, start + 6)
    glyph_ids = struct.unpack_from(f">{count}H", data, start + 10)
    return {first + index: glyph for index, glyph in enumerate(glyph_ids)}
