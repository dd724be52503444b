"""The typeface every printed document uses, and the fonts it falls back on, shipped in resources/fonts/.

Patient names and notes can be any Unicode: Zoë, Łucja, 王秀英, 山田花子, 김민준, فاطمة الزهراء, דוד כהן,
प्रिया शर्मा, Анна Иванова, Ελένη Παπαδοπούλου. The PDF base-14 fonts cannot print most of them, and a
system font may be missing on the next machine, so every font is shipped, with its licence beside it:

- DejaVu Sans (regular, bold, oblique; resources/fonts/LICENSE-DejaVu.txt) sets all text. It covers
  Latin, Greek, Cyrillic, Vietnamese, Arabic and Hebrew.
- Noto Sans Devanagari (regular, bold; LICENSE-Noto.txt, SIL OFL 1.1) for Hindi, Marathi, Nepali.
- WenQuanYi Micro Hei (LICENSE-WenQuanYi.txt, Apache 2.0) for Chinese, Japanese and Korean. It has
  TrueType outlines, which ReportLab embeds (Noto CJK has CFF outlines, which it refuses), and one
  weight only: bold Chinese prints in the regular weight.

A character DejaVu lacks is set in the first fallback that has it; right-to-left text is put in
visual order and Arabic and Devanagari are shaped (documents.scriptfont). A fallback font is read
only when a document first needs it, so a plain English handout costs nothing more, and ReportLab
embeds a subset of only the fonts a document draws with, so the PDF prints the same anywhere.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from clinic_app.catalogue import resource_dir
from clinic_app.documents.scriptfont import ScriptFont

FONTS_DIR = "fonts"
REGULAR = "ClinicSans"
BOLD = "ClinicSans-Bold"
ITALIC = "ClinicSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

DEVANAGARI = "ClinicFallback-Devanagari"
DEVANAGARI_BOLD = "ClinicFallback-Devanagari-Bold"
CJK = "ClinicFallback-CJK"
# Fallback fonts: the file and, for a font collection, which of its fonts.
FALLBACK_FILES = {
    DEVANAGARI: ("NotoSansDevanagari-Regular.ttf", 0),
    DEVANAGARI_BOLD: ("NotoSansDevanagari-Bold.ttf", 0),
    CJK: ("wqy-microhei.ttc", 0),  # 0 is WenQuanYi Micro Hei, 1 its monospaced twin
}
# Where each document font looks for a character it lacks, in order: small fonts first, so that a
# Hindi name does not load the 5 MB CJK font. DejaVu's oblique has no Arabic: the regular stands in.
FALLBACKS = {
    REGULAR: (DEVANAGARI, CJK),
    BOLD: (DEVANAGARI_BOLD, CJK),
    ITALIC: (REGULAR, DEVANAGARI, CJK),
}


@functools.cache
def register_fonts() -> str:
    """Register the document typeface with ReportLab, once per process; returns the family name.

    Parsing a TrueType file takes about 10 ms, so it is done once and every document reuses it.
    The family mapping lets <b> and <i> in paragraphs pick the bold and oblique files.
    """
    folder = resource_dir(FONTS_DIR)
    for name, file_name in _FILES.items():
        # Read through importlib.resources so the fonts load from a zip or a frozen app too.
        fallbacks = [functools.partial(_font, fallback) for fallback in FALLBACKS[name]]
        font = ScriptFont(name, (folder / file_name).read_bytes(), fallbacks=fallbacks)
        pdfmetrics.registerFont(font)
    # No bold-oblique file is shipped: bold stands in for it, which reads better than a fake slant.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


def _font(name: str) -> ScriptFont:
    """A document font, or a fallback font, registered the first time it is needed."""
    if name in _FILES:
        register_fonts()
        font: ScriptFont = pdfmetrics.getFont(name)
        return font
    return _fallback(name)


@functools.cache
def _fallback(name: str) -> ScriptFont:
    file_name, index = FALLBACK_FILES[name]
    font = ScriptFont(name, (resource_dir(FONTS_DIR) / file_name).read_bytes(), subfont_index=index)
    pdfmetrics.registerFont(font)
    return font


def loaded_fallbacks() -> list[str]:
    """The fallback fonts this process has loaded so far (for tests and diagnostics)."""
    return [name for name in FALLBACK_FILES if name in pdfmetrics.getRegisteredFontNames()]


def missing_glyphs(text: str) -> str:
    """The characters of `text` the shipped fonts cannot draw (they would print as empty boxes).

    A character must be drawable in the regular and in the bold: a name prints in both. Private-use
    characters never are, whatever a font maps them to: they mean something else in every font.
    """
    regular, bold = _font(REGULAR), _font(BOLD)
    missing = {ch for ch in set(text) if not ch.isspace() and not (regular.covers(ch) and bold.covers(ch))}
    if missing:  # only now are the fallback fonts read
        missing = {ch for ch in missing if not all(_chain_covers(name, ch) for name in (REGULAR, BOLD))}
    return "".join(sorted(missing))


def _chain_covers(name: str, ch: str) -> bool:
    return any(font.covers(ch) for font in _chain(name))


def _chain(name: str) -> Iterable[ScriptFont]:
    yield _font(name)
    for fallback in FALLBACKS[name]:
        yield _font(fallback)
