"""Type sizes, colours and spacing of the printed documents, for normal and for large print.

Patients read the handout alone, often without their reading glasses: even normal print uses a
12 pt body. Large print follows the usual large-print guidance: a 16 pt body (never below 14 pt
anywhere on the page, footers included), bold headings well above it, generous line spacing, and
black on white with no tinted backgrounds or grey text, so nothing depends on colour contrast.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from clinic_app.documents.fonts import BOLD, REGULAR, register_fonts

LEADING = 1.3  # line height as a multiple of the type size: loose enough for tired eyes


@dataclass(frozen=True, slots=True)
class Palette:
    ink: Color  # all running text
    accent: Color  # headings, rules, card title bars (white text on it)
    tint: Color  # background of information boxes
    warn: Color  # border and heading of the "stop" box
    warn_tint: Color
    grid: Color  # tick-box log lines


NORMAL_PALETTE = Palette(
    ink=HexColor("#1A1A1A"),
    accent=HexColor("#0B4A6F"),  # 9:1 against white
    tint=HexColor("#EAF2F7"),
    warn=HexColor("#9B1C1C"),  # 8:1 against white
    warn_tint=HexColor("#FDF0F0"),
    grid=HexColor("#555555"),
)
LARGE_PRINT_PALETTE = Palette(ink=black, accent=black, tint=white, warn=black, warn_tint=white, grid=black)


@dataclass(frozen=True, slots=True)
class Stylesheet:
    """Every paragraph style and measure one document uses."""

    large_print: bool
    palette: Palette
    body_size: float
    margin: float  # page margin, points
    gap: float  # space between blocks
    box_line: float  # border width of boxes and cards
    chip_size: float  # type size of the dose "chips"
    picture_width: float  # exercise pictures, points (drawn 4:3)
    body: ParagraphStyle
    card_text: ParagraphStyle
    bold: ParagraphStyle
    title: ParagraphStyle
    warn_title: ParagraphStyle  # the referral letter's title: what to do, in the warning colour
    emphasis: ParagraphStyle  # a sentence that stands apart, with space above and below
    advice: ParagraphStyle  # the one instruction that matters most (referral: where to go, how soon)
    heading: ParagraphStyle
    subheading: ParagraphStyle
    card_title: ParagraphStyle
    numbered: ParagraphStyle
    bullet: ParagraphStyle
    warn_heading: ParagraphStyle
    header_name: ParagraphStyle
    header_detail: ParagraphStyle
    footer: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    doctor_item: ParagraphStyle  # one of several items in a cell: a small bullet, wrapped lines hang


@dataclass(frozen=True, slots=True)
class Sizes:
    body: float
    title: float
    heading: float
    subheading: float
    card_title: float
    header_name: float
    small: float  # header details and footer: the smallest type on the page
    margin: float
    picture_width: float


NORMAL_SIZES = Sizes(
    body=11,
    title=24,
    heading=16,
    subheading=12.5,
    card_title=14,
    header_name=17,
    small=9.5,
    margin=36,
    picture_width=216,
)
LARGE_SIZES = Sizes(
    body=16,
    title=28,
    heading=22,
    subheading=18,
    card_title=20,
    header_name=20,
    small=14,
    margin=36,
    picture_width=220,
)
# The clinician's chart copy: compact, so a whole visit fits on one or two pages.
CHART_SIZES = Sizes(
    body=8.5,
    title=15,
    heading=10.5,
    subheading=9,
    card_title=10,
    header_name=13,
    small=8,
    margin=36,
    picture_width=0,
)
PrintSize = Literal["normal", "large", "chart"]
SIZES: dict[str, Sizes] = {"normal": NORMAL_SIZES, "large": LARGE_SIZES, "chart": CHART_SIZES}


def patient_stylesheet(large_print: bool) -> Stylesheet:
    return stylesheet("large" if large_print else "normal")


@functools.cache
def stylesheet(size: PrintSize) -> Stylesheet:
    """The styles for a document; built once per print size and shared (styles are never mutated)."""
    register_fonts()
    large_print = size == "large"
    sizes = SIZES[size]
    palette = LARGE_PRINT_PALETTE if large_print else NORMAL_PALETTE
    body = _style("body", REGULAR, sizes.body, palette.ink, space_after=sizes.body * 0.45)
    return Stylesheet(
        large_print=large_print,
        palette=palette,
        body_size=sizes.body,
        margin=sizes.margin,
        gap=sizes.body * 0.9,
        box_line=2.5 if large_print else 1.2 if size == "normal" else 0.6,
        chip_size=sizes.body,
        picture_width=sizes.picture_width,
        body=body,
        card_text=ParagraphStyle("card_text", parent=body, spaceAfter=sizes.body * 0.35),
        bold=_style("bold", BOLD, sizes.body, palette.ink, space_after=sizes.body * 0.3),
        title=_style("title", BOLD, sizes.title, palette.accent, space_after=sizes.body * 0.5, leading=1.15),
        warn_title=_style(
            "warn_title", BOLD, sizes.title, palette.warn, space_after=sizes.body * 0.5, leading=1.15
        ),
        advice=_style("advice", BOLD, sizes.heading, palette.ink, leading=1.25),
        emphasis=_style(
            "emphasis",
            BOLD,
            sizes.subheading,
            palette.ink,
            space_before=sizes.body * 0.8,
            space_after=sizes.body * 0.4,
        ),
        heading=_keep_with_next(
            _style(
                "heading",
                BOLD,
                sizes.heading,
                palette.accent,
                space_before=sizes.body * 0.9,
                space_after=sizes.body * 0.45,
                leading=1.2,
            )
        ),
        subheading=_keep_with_next(
            _style("subheading", BOLD, sizes.subheading, palette.ink, space_before=sizes.body * 0.4)
        ),
        card_title=_style("card_title", BOLD, sizes.card_title, white, leading=1.2),
        numbered=_indented("numbered", body, indent=sizes.body * 1.8),
        bullet=_indented("bullet", body, indent=sizes.body * 1.3),
        warn_heading=_style("warn_heading", BOLD, sizes.heading, palette.warn, leading=1.2),
        header_name=_style("header_name", BOLD, sizes.header_name, palette.accent, leading=1.2),
        header_detail=_style("header_detail", REGULAR, sizes.small, palette.ink, leading=1.3),
        footer=_style("footer", REGULAR, sizes.small, palette.ink, leading=1.3),
        cell=_style("cell", REGULAR, sizes.body, palette.ink),
        cell_bold=_style("cell_bold", BOLD, sizes.body, palette.ink),
        doctor_item=_indented(
            "doctor_item", _style("cell_item", REGULAR, sizes.body, palette.ink), indent=sizes.body
        ),
    )


def _style(
    name: str,
    font: str,
    size: float,
    color: Color,
    *,
    leading: float = LEADING,
    space_before: float = 0,
    space_after: float = 0,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=round(size * leading, 1),
        textColor=color,
        alignment=TA_LEFT,
        spaceBefore=space_before,
        spaceAfter=space_after,
        bulletFontName=BOLD,
        bulletFontSize=size,
        allowWidows=0,
        allowOrphans=0,
    )


def _keep_with_next(style: ParagraphStyle) -> ParagraphStyle:
    """A heading never ends a page: it moves to the next page with what it introduces."""
    style.keepWithNext = 1
    return style


def _indented(name: str, parent: ParagraphStyle, *, indent: float) -> ParagraphStyle:
    """A list item: the bullet or number hangs in the margin, the text lines up after it."""
    return ParagraphStyle(
        name,
        parent=parent,
        leftIndent=indent,
        bulletIndent=0,
        spaceAfter=parent.fontSize * 0.2,
    )


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A table style whose cells use the document's font: ReportLab's default, Helvetica, would be
    named in the PDF without being embedded, even when every cell holds a paragraph."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])
