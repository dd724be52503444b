"""A TrueType font that prints any script the shipped fonts cover: per-character fallback, right-to-left
order and shaping, for paragraphs and for text drawn straight on the canvas alike.

ReportLab draws a string in one font, in the order it is given, one glyph per character: a Chinese
name in DejaVu Sans prints as boxes, an Arabic name prints backwards with its letters unjoined, and
Hindi prints without its conjuncts. ReportLab's own remedies do not reach far enough here: its
right-to-left support needs `rlbidi`, which is not on the package index; its experimental shaping
(with `uharfbuzz`) shapes each word in the font of the word's first character, and writes glyphs that
have no character of their own (Devanagari conjuncts) into the text layer as private-use characters.

So the document's fonts are ScriptFonts, and every string ReportLab measures or draws in them passes
through one place, ScriptFont.stringWidth and ScriptFont.splitString:

- A string of characters the font draws as they are (Latin, Greek, Cyrillic: every English or
  Spanish handout) takes ReportLab's own path, unchanged: the fallback fonts are not even loaded.
- Otherwise the string is laid out once (and remembered): the Unicode bidirectional algorithm
  (python-bidi; the paragraph direction is left-to-right, as the documents are English or Spanish)
  gives the visual order of its runs; each run is split by font coverage, a character going to the
  first font of the chain that has it (combining marks, joiners and spaces stay with the run they
  are in); right-to-left runs and scripts that need shaping (Arabic, Hebrew, Devanagari, ...) are
  shaped with HarfBuzz (uharfbuzz), in the font that draws them.
- A shaped glyph is written as a code of its own in the font's subset, whose width is the advance
  HarfBuzz gave it (so mark positioning along the line is kept; vertical mark offsets are not) and
  whose text in the PDF's ToUnicode map is the characters it stands for (the whole cluster on its
  first glyph), so that copying and searching the PDF give the text back.

The codes of shaped glyphs live in Supplementary Private Use Area-B (U+100000 up), which no shipped
font has and no printed text may hold (documents.checks refuses private-use characters).
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.ttfonts import TTFont, instanceStringWidthTTF

# Codes standing for shaped glyphs: a private-use plane that no font we ship maps.
GLYPH_CODES = 0x100000
_GLYPH_CODES_END = 0x10FFFD
_LAYOUT_CACHE_SIZE = 4096
# The app may build two documents at once (preview and print): strings are laid out, and shaped
# glyphs given their codes (in whichever font of a chain draws them), one at a time.
_LAYOUT_LOCK = threading.RLock()
# Bidirectional classes that make a string need the bidirectional algorithm.
_BIDI_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"})
# Scripts whose letters change shape or order with their neighbours (Hebrew to Samaritan, Arabic,
# the Indic scripts, Thai to Tibetan, Myanmar, Khmer, Vedic marks, Devanagari extended, the Arabic
# and Hebrew presentation forms).
_SHAPED_RANGES = (
    (0x0590, 0x08FF),
    (0x0900, 0x0DFF),
    (0x0E00, 0x0FFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x1CD0, 0x1CFF),
    (0xA8E0, 0xA8FF),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
)
# Characters that stay in the font of the run they are in, when that font has them.
_JOINERS = frozenset("\u200c\u200d\u034f")
_STICKY_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Zs"})
# Line-end characters whose level resets to the paragraph's (rule L1 of the algorithm).
_L1_CLASSES = frozenset({"WS", "BN", "S", "B", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def printable(ch: str) -> bool:
    """A character a font may print: assigned, and neither a private-use character nor a surrogate.

    A font's private-use glyphs are the font maker's own: the same code point means something
    else in another font, so such a character would not print as the person typed it.
    """
    return unicodedata.category(ch) not in {"Co", "Cn", "Cs"}


def needs_layout(ch: str) -> bool:
    """True for a character that the bidirectional algorithm or shaping must see."""
    code = ord(ch)
    if any(start <= code <= end for start, end in _SHAPED_RANGES):
        return True
    return unicodedata.bidirectional(ch) in _BIDI_CLASSES


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of a laid-out string, in visual order: characters (or glyph codes) of one font."""

    font: ScriptFont
    text: str
    width: float  # at size 1000


class ScriptFont(TTFont):  # type: ignore[misc]  # ReportLab ships no type information
    """A TrueType font with a chain of fallback fonts, drawing text in visual order, shaped.

    `fallbacks` load the next fonts of the chain when first needed (a plain English document never
    loads them, nor embeds them: ReportLab embeds a font only when a string drawn needs it).
    """

    def __init__(
        self,
        name: str,
        data: bytes,
        *,
        subfont_index: int = 0,
        fallbacks: Sequence[Callable[[], ScriptFont]] = (),
    ) -> None:
        super().__init__(name, io.BytesIO(data), subfontIndex=subfont_index)
        self.shapable = False  # shaping is ours (see the module's docstring), never ReportLab's
        self._data = data
        self._subfont_index = subfont_index
        self._fallbacks = tuple(fallbacks)
        # Which characters the font covers, and which of those ReportLab may draw as they are
        # (printable, needing neither bidi order nor shaping), are learnt a character at a time as
        # text asks: working them out for the whole font (thousands of characters, three fonts) was
        # a tenth of a cold process printing one handout.
        self._plain: set[str] = set()  # characters known to be plain
        self._covered: dict[str, bool] = {}
        self._layouts: dict[str, tuple[Piece, ...]] = {}
        self._glyph_codes: dict[tuple[int, float, str], str] = {}
        self._glyph_text: dict[int, str] = {}
        self._hb_font: Any = None
        self._units_per_em = 1000

    # ReportLab's interface ---------------------------------------------------------------------

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        # Called for every word of every paragraph: the common case costs one test more than
        # ReportLab's own method, which is this same call.
        if text.isascii() or self._all_plain(text):
            return float(instanceStringWidthTTF(self, text, size, encoding))
        if isinstance(text, bytes):
            text = text.decode(encoding)
        return sum(piece.width for piece in self.layout(text)) * size / 1000

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> list[tuple[Any, bytes]]:  # noqa: N802
        """The text as (subset, codes) chunks to draw in turn; a fallback's subset is (font, number)."""
        if text.isascii() or self._all_plain(text):
            chunks: list[tuple[Any, bytes]] = TTFont.splitString(self, text, doc, encoding)
            return chunks
        if isinstance(text, bytes):
            text = text.decode(encoding)
        chunks = []
        for piece in self.layout(text):
            split = TTFont.splitString(piece.font, piece.text, doc)
            if piece.font is self:
                chunks += split
            else:
                chunks += [((piece.font, subset), codes) for subset, codes in split]
        return chunks

    def getSubsetInternalName(self, subset: Any, doc: Any) -> str:  # noqa: N802
        if subset.__class__ is tuple:
            font, number = subset
            return str(font.getSubsetInternalName(number, doc))
        name: str = TTFont.getSubsetInternalName(self, subset, doc)
        return name

    def addObjects(self, doc: Any) -> None:  # noqa: N802
        """Embed the subsets; a subset with shaped glyphs gets the ToUnicode map they need."""
        # ReportLab forgets the document's state as it embeds: note the subsets and their names first.
        subsets = self.state[doc].subsets
        names = [self.getSubsetInternalName(number, doc)[1:] for number in range(len(subsets))]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name, subset in zip(names, subsets, strict=True):
            if all(code < 0x10000 for code in subset):
                continue  # ReportLab's own map is right
            pdf_font = fonts[name]
            stream = doc.idToObject[pdf_font.ToUnicode.name]
            stream.content = self._to_unicode_cmap(pdf_font.BaseFont, subset)

    # layout -------------------------------------------------------------------------------------

    def covers(self, ch: str) -> bool:
        """The font has a glyph for this printable character."""
        covered = self._covered.get(ch)
        if covered is None:
            code = ord(ch)
            covered = self._covered[ch] = (
                code < GLYPH_CODES and code in self.face.charToGlyph and printable(ch)
            )
        return covered

    def _all_plain(self, text: str | bytes) -> bool:
        """Every character is one ReportLab may draw as it is (see __init__)."""
        if self._plain.issuperset(text):  # the common case, one set operation
            return True
        if isinstance(text, bytes):
            text = text.decode("utf8")
        for ch in set(text) - self._plain:
            if not self.covers(ch) or needs_layout(ch):
                return False
            self._plain.add(ch)
        return True

    def layout(self, text: str) -> tuple[Piece, ...]:
        """The text in visual order, in pieces of one font each (remembered: documents repeat)."""
        pieces = self._layouts.get(text)
        if pieces is None:
            with _LAYOUT_LOCK:
                if len(self._layouts) >= _LAYOUT_CACHE_SIZE:
                    self._layouts.clear()
                pieces = self._layouts[text] = tuple(self._lay_out(text))
        return pieces

    def _lay_out(self, text: str) -> Iterator[Piece]:
        for start, end, level in visual_runs(bidi_levels(text), len(text)):
            runs = list(self._font_runs(text, start, end))
            rtl = level % 2 == 1
            if rtl:
                runs.reverse()
            for font, run_start, run_end in runs:
                yield font._piece(text[run_start:run_end], rtl=rtl)

    def _font_runs(self, text: str, start: int, end: int) -> Iterator[tuple[ScriptFont, int, int]]:
        """(font, start, end) for each stretch of text one font draws, in logical order."""
        current: ScriptFont | None = None
        run_start = start
        for index in range(start, end):
            ch = text[index]
            if current is not None and _sticky(ch) and current.covers(ch):
                continue
            font = self._font_for(ch)
            if font is not current:
                if current is not None:
                    yield current, run_start, index
                current, run_start = font, index
        if current is not None:
            yield current, run_start, end

    def _font_for(self, ch: str) -> ScriptFont:
        if self.covers(ch):
            return self
        for load in self._fallbacks:
            font = load()
            if font.covers(ch):
                return font
        return self  # no font has it: the checks keep such text from being printed

    def _piece(self, text: str, *, rtl: bool) -> Piece:
        if not rtl and self._all_plain(text):
            return Piece(self, text, float(TTFont.stringWidth(self, text, 1000)))
        return self._shaped(text, rtl=rtl)

    def _shaped(self, text: str, *, rtl: bool) -> Piece:
        """The text shaped by HarfBuzz, as codes standing for the glyphs in visual order."""
        import uharfbuzz as hb  # only a document with text to shape loads HarfBuzz

        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        buffer.direction = "rtl" if rtl else "ltr"
        buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
        hb.shape(self._harfbuzz_font(), buffer, {})
        infos, positions = buffer.glyph_infos, buffer.glyph_positions
        starts = sorted({info.cluster for info in infos})
        cluster_end = dict(zip(starts, [*starts[1:], len(text)], strict=True))
        scale = 1000 / self._units_per_em
        offsets = [position.x_offset for position in positions] + [0]
        codes: list[str] = []
        total = 0.0
        written: set[int] = set()
        for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
            # A glyph is drawn where the previous one's width ends: the width carries the next
            # glyph's horizontal offset, so that marks sit where HarfBuzz put them.
            width = round((position.x_advance + offsets[index + 1] - offsets[index]) * scale, 3)
            cluster = info.cluster
            chars = "" if cluster in written else text[cluster : cluster_end[cluster]]
            written.add(cluster)
            codes.append(self._glyph_code(info.codepoint, width, chars))
            total += width
        return Piece(self, "".join(codes), total)

    def _glyph_code(self, glyph: int, width: float, chars: str) -> str:
        key = (glyph, width, chars)
        code = self._glyph_codes.get(key)
        if code is None:
            number = GLYPH_CODES + len(self._glyph_codes)
            if number > _GLYPH_CODES_END:
                raise RuntimeError(f"font {self.fontName}: too many distinct shaped glyphs")
            code = self._glyph_codes[key] = chr(number)
            self.face.charToGlyph[number] = glyph
            self.face.charWidths[number] = width
            self._glyph_text[number] = chars
        return code

    def _harfbuzz_font(self) -> Any:
        if self._hb_font is None:
            import uharfbuzz as hb

            face = hb.Face(hb.Blob(self._data), self._subfont_index)
            self._units_per_em = face.upem
            self._hb_font = hb.Font(face)
        return self._hb_font

    def _to_unicode_cmap(self, name: str, subset: Sequence[int]) -> str:
        """ReportLab's ToUnicode map, with shaped glyphs mapped to their characters, and characters
        beyond the Basic Multilingual Plane written as UTF-16 (ReportLab writes four hex digits)."""
        entries = [
            f"<{index:02X}> <{self._glyph_text.get(code, chr(code)).encode('utf-16-be').hex().upper()}>"
            for index, code in enumerate(subset)
        ]
        return "\n".join(
            [
                "/CIDInit /ProcSet findresource begin",
                "12 dict begin",
                "begincmap",
                "/CIDSystemInfo",
                f"<< /Registry ({name})",
                f"/Ordering ({name})",
                "/Supplement 0",
                ">> def",
                f"/CMapName /{name} def",
                "/CMapType 2 def",
                "1 begincodespacerange",
                f"<00> <{len(subset) - 1:02X}>",
                "endcodespacerange",
                f"{len(entries)} beginbfchar",
                *entries,
                "endbfchar",
                "endcmap",
                "CMapName currentdict /CMap defineresource pop",
                "end",
                "end",
            ]
        )


def _sticky(ch: str) -> bool:
    return ch in _JOINERS or unicodedata.category(ch) in _STICKY_CATEGORIES


# the bidirectional algorithm -----------------------------------------------------------------------


def bidi_levels(text: str) -> list[int] | None:
    """The embedding level of each character, paragraph direction left-to-right (rules P to L1);
    None when the text has nothing right-to-left, which is every level 0."""
    if not any(unicodedata.bidirectional(ch) in _BIDI_CLASSES for ch in text):
        return None
    from bidi import algorithm  # python-bidi's rule-by-rule implementation exposes the levels

    storage = algorithm.get_empty_storage()
    storage["base_level"], storage["base_dir"] = 0, "L"
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    # Characters rule X9 removed (embedding controls, zero-width joiners) take their neighbour's level.
    resolved: list[int] = []
    for level in levels:
        resolved.append(level if level is not None else (resolved[-1] if resolved else 0))
    # L1: whitespace before a segment separator and at the end of the line is at paragraph level.
    trailing = True
    for index in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[index])
        if kind in {"S", "B"}:
            resolved[index] = 0
            trailing = True
        elif trailing and kind in _L1_CLASSES:
            resolved[index] = 0
        else:
            trailing = False
    return resolved


def visual_runs(levels: Sequence[int] | None, length: int) -> list[tuple[int, int, int]]:
    """(start, end, level) of each run of one level, in visual order (rule L2)."""
    if levels is None:
        return [(0, length, 0)] if length else []
    runs: list[tuple[int, int, int]] = []
    for index, level in enumerate(levels):
        if runs and runs[-1][2] == level:
            runs[-1] = (runs[-1][0], index + 1, level)
        else:
            runs.append((index, index + 1, level))
    highest = max(levels, default=0)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(runs):
            if runs[index][2] < level:
                index += 1
                continue
            end = index
            while end < len(runs) and runs[end][2] >= level:
                end += 1
            runs[index:end] = runs[index:end][::-1]
            index = end
    return runs
