"""The one typeface every printed document uses, shipped in resources/fonts/ and embedded in each PDF.

Patient names can be any Unicode (Zoë, Łucja, Nguyễn, Ó Súilleabháin): the PDF base-14 fonts cannot
print most of them, and a system font may be missing on the next machine. DejaVu Sans covers Latin,
Greek, Cyrillic and Vietnamese, and its licence (resources/fonts/LICENSE-DejaVu.txt) lets us ship it.
ReportLab embeds a subset of each TrueType font it uses, so the PDF prints the same anywhere.
"""

from __future__ import annotations

import functools
import io

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clinic_app.catalogue import resource_dir

FONTS_DIR = "fonts"
REGULAR = "ClinicSans"
BOLD = "ClinicSans-Bold"
ITALIC = "ClinicSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


@functools.cache
def register_fonts() -> str:
    """Register the document typeface with ReportLab, once per process; returns the family name.

    Parsing a TrueType file takes about 10 ms, so it is done once and every document reuses it.
    The family mapping lets <b> and <i> in paragraphs pick the bold and oblique files.
    """
    folder = resource_dir(FONTS_DIR)
    for name, file_name in _FILES.items():
        # Read through importlib.resources so the fonts load from a zip or a frozen app too.
        data = io.BytesIO((folder / file_name).read_bytes())
        pdfmetrics.registerFont(TTFont(name, data))
    # No bold-oblique file is shipped: bold stands in for it, which reads better than a fake slant.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


def missing_glyphs(text: str) -> str:
    """The characters of `text` the shipped fonts cannot draw (they would print as empty boxes).

    A character must be in the regular and the bold font: a name prints in both.
    """
    drawable = _drawable()
    return "".join(sorted({ch for ch in text if not ch.isspace() and ord(ch) not in drawable}))


@functools.cache
def _drawable() -> frozenset[int]:
    register_fonts()
    regular, bold = (set(pdfmetrics.getFont(name).face.charWidths) for name in (REGULAR, BOLD))
    return frozenset(regular & bold)
