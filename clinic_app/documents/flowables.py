"""The building blocks of the patient documents that ReportLab does not have ready-made.

- ExerciseCard: one exercise, never split across pages: a title bar with the side, the dose, then
  the picture with the purpose, the numbered steps and what not to do flowing beside and below it.
- ChipRow: the dose as separate, large, boxed phrases ("Hold 30 seconds", "Repeat 3 times").
- TickLog: the 14-day log, a grid with one column per dated day and, in each cell, one small box per
  session, so that "2 times a day" gets two (and "12 times a day" twelve).
- WriteIn: a label and a line to write on by hand ("Next visit: ________").
- Signature: a closing, room to sign, the signature line and who signs under it, never split.
- KeepWhole: flowables kept on one page, as KeepTogether, but taller than a page they break where
  they stand, not after leaving the rest of the page empty.
- Box: a bordered box of paragraphs that may break between paragraphs on a page boundary, or
  inside a therapist's note, which alone can be longer than a page.

They lay text out with ReportLab's own paragraphs and line breaking, and draw the rest directly on
the canvas, which is much cheaper than nested tables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from clinic_app.documents.fonts import BOLD, REGULAR
from clinic_app.documents.illustrations import Picture
from clinic_app.documents.layout import FIRST_PAGE_FRAME
from clinic_app.documents.notes import Note
from clinic_app.documents.styles import Stylesheet
from clinic_app.documents.textfit import fit_lines

CORNER = 5  # radius of rounded corners, points
BOX_GAP = 0.35  # space between tick boxes in one cell, as a share of a box
DAY_COLUMN = 1.85  # the narrowest day column of the 14-day log, in type sizes: a box or "30" and room
PICTURE_SCALES = (0.8, 0.65)  # tried in turn when a card is taller than a page


@dataclass(frozen=True, slots=True)
class Chip:
    text: str


@dataclass(frozen=True, slots=True)
class _PlacedChip:
    chip: Chip
    x: float
    top: float  # distance from the top of the row block
    width: float
    height: float
    lines: tuple[str, ...]


class ChipRow(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """Boxed phrases laid out left to right, wrapping onto more rows when the width runs out."""

    def __init__(self, chips: Sequence[Chip], styles: Stylesheet) -> None:
        super().__init__()
        self.chips = tuple(chips)
        self.styles = styles
        self.size = styles.chip_size
        self._placed: list[_PlacedChip] = []
        self.spaceBefore = self.size * 0.3
        self.spaceAfter = self.size * 0.5

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._placed, height = self._layout(avail_width)
        self.width, self.height = avail_width, height
        return avail_width, height

    def _layout(self, width: float) -> tuple[list[_PlacedChip], float]:
        pad_x, pad_y, gap, line = self.size * 0.55, self.size * 0.35, self.size * 0.45, self.size * 1.2
        placed: list[_PlacedChip] = []
        x = top = row_height = 0.0
        for chip in self.chips:
            lines = tuple(fit_lines(chip.text, BOLD, self.size, width - 2 * pad_x)) or ("",)
            chip_width = max(stringWidth(text, BOLD, self.size) for text in lines) + 2 * pad_x
            chip_height = len(lines) * line + 2 * pad_y
            if x and x + chip_width > width:  # next row
                x, top, row_height = 0.0, top + row_height + gap, 0.0
            placed.append(_PlacedChip(chip, x, top, chip_width, chip_height, lines))
            x += chip_width + gap
            row_height = max(row_height, chip_height)
        return placed, top + row_height

    def draw(self) -> None:
        canvas, palette = self.canv, self.styles.palette
        pad_x, pad_y, line = self.size * 0.55, self.size * 0.35, self.size * 1.2
        canvas.setLineWidth(self.styles.box_line)
        for placed in self._placed:
            bottom = self.height - placed.top - placed.height
            canvas.setStrokeColor(palette.accent)
            canvas.setFillColor(palette.tint)
            canvas.roundRect(placed.x, bottom, placed.width, placed.height, CORNER, stroke=1, fill=1)
            canvas.setFillColor(palette.ink)
            canvas.setFont(BOLD, self.size)
            baseline = bottom + placed.height - pad_y - self.size * 0.95
            for text in placed.lines:
                canvas.drawString(placed.x + pad_x, baseline, text)
                baseline -= line


@dataclass(frozen=True, slots=True)
class _Placed:
    flowable: Flowable
    beside_picture: bool
    top: float  # distance from the top of the card's body
    height: float
    width: float  # the width it was laid out at, and is drawn at


class ExerciseCard(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """One exercise in a framed card that is never split across pages.

    Under the title bar, the picture; beside it the text, which once past the picture's foot runs
    across the full width, so that long steps do not leave an empty column under the picture.
    The dose chips go under the picture when that makes the card shorter (the steps run on beside
    them: a standard-print card is a fifth of a page shorter so), else across the full width above
    it (large print, where chips a column wide would stack one a row).

    A card taller than an empty page (long text in large print) is first tried with a smaller
    picture; only a very long therapist's note can still be too tall, and then the card breaks
    after its picture rather than failing (the printout is never lost), and where it stands rather
    than after an empty page.
    """

    def __init__(
        self,
        title: Paragraph,
        side: str,
        chips: ChipRow,
        picture: Picture,
        text: Sequence[Flowable],
        styles: Stylesheet,
    ) -> None:
        super().__init__()
        self.title = title
        self.side = side  # shown as a badge at the right of the title bar; "" for none
        self.chips = chips
        self.picture = picture
        self.text = tuple(text)
        self.styles = styles
        self.pad = styles.gap * 0.75
        self.spaceAfter = styles.gap
        self._layout_width = -1.0
        self._title_height = self._chips_height = self._body_height = 0.0
        self._chips_under = False  # the chips under the picture, not above it
        self._placed: list[_Placed] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._layout_width:
            self._measure(avail_width)
        return self.width, self.height

    def _measure(self, width: float) -> None:
        pad = self.pad
        inner = width - 2 * pad
        badge = self._badge_width() + pad if self.side else 0.0
        self._title_height = max(self.title.wrap(inner - badge, 1e6)[1], self._badge_height())
        self.picture.wrap(inner, 1e6)
        chips_above = self.chips.wrap(inner, 1e6)[1] + pad * 0.7
        placed_above, text_above = self._flow_text(inner, self.picture.height)
        above = chips_above + max(self.picture.height, text_above)
        chips_under = self.chips.wrap(self.picture.width, 1e6)[1]
        column = self.picture.height + pad * 0.7 + chips_under
        placed_under, text_under = self._flow_text(inner, column)
        under = max(column, text_under)
        self._chips_under = under < above
        if self._chips_under:
            self._placed, self._chips_height, self._body_height = placed_under, chips_under, under
        else:
            self.chips.wrap(inner, 1e6)  # as it is drawn
            self._placed, self._chips_height = placed_above, chips_above - pad * 0.7
            self._body_height = above - chips_above
        self.width = width
        top = self._chips_height + pad * 0.7 if not self._chips_under else 0.0
        self.height = self._bar_height() + pad + top + self._body_height + pad
        self._layout_width = width

    def _flow_text(self, inner: float, column: float) -> tuple[list[_Placed], float]:
        """Place the text beside the picture's column (`column` high) while there is any of it
        beside, then full width."""
        narrow = inner - self.picture.width - self.pad
        placed: list[_Placed] = []
        y = 0.0
        for index, flowable in enumerate(self.text):
            if index:
                y += flowable.getSpaceBefore()
            beside = y < column + self.pad * 0.7  # full width only clear of the column's foot
            width = narrow if beside else inner
            height = flowable.wrap(width, 1e6)[1]
            placed.append(_Placed(flowable, beside, y, height, width))
            y += height + (flowable.getSpaceAfter() if index < len(self.text) - 1 else 0)
        return placed, y

    def _bar_height(self) -> float:
        return self._title_height + self.pad * 1.1

    def _badge_size(self) -> float:
        return self.styles.chip_size

    def _badge_width(self) -> float:
        return float(stringWidth(self.side, BOLD, self._badge_size())) + self._badge_size() * 1.1

    def _badge_height(self) -> float:
        return self._badge_size() * 1.7

    def _draw_badge(self, canvas: Any, bar: float) -> None:
        """The side, white on the title bar's colour inverted, at the bar's right end."""
        size, palette = self._badge_size(), self.styles.palette
        width, height = self._badge_width(), self._badge_height()
        x = self.width - self.pad - width
        y = self.height - bar + (bar - height) / 2
        canvas.setFillColor(white)
        canvas.roundRect(x, y, width, height, CORNER, stroke=0, fill=1)
        canvas.setFillColor(palette.accent)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(x + width / 2, y + (height - size * 0.72) / 2, self.side)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if not getattr(self, "_postponed", False) and not self._taller_than_a_page(avail_width):
            return []  # try the next page, whole
        # Taller than an empty page (long text in large print): first a smaller picture, which
        # also widens the text beside it; only then, as a last resort, break after the picture.
        for scale in PICTURE_SCALES:
            smaller = self._with_picture(self.picture.scaled(scale))
            if smaller.wrap(avail_width, avail_height)[1] <= avail_height:
                return [smaller]
        self.wrap(avail_width, avail_height)
        beside = [p.flowable for p in self._placed if p.beside_picture]
        rest = [p.flowable for p in self._placed if not p.beside_picture]
        smallest = self.picture.scaled(PICTURE_SCALES[-1])
        for head, tail in (
            (self._with_picture(self.picture, beside), rest),
            (self._with_picture(smallest, ()), self.text),
        ):
            if tail and head.wrap(avail_width, avail_height)[1] <= avail_height:
                # Broken across pages, as it had to be (documents.layout.recording reports it).
                head.split_part = head.taller_than_a_page = True
                return [head, *tail]
        return []

    def _taller_than_a_page(self, width: float) -> bool:
        """Too tall for an empty page even with the smallest picture (a very long note)?

        Then it breaks where it is: moving it first would leave the rest of this page empty.
        """
        page = _next_page_height(self)
        smallest = self._with_picture(self.picture.scaled(PICTURE_SCALES[-1]))
        return page is not None and smallest.wrap(width, page)[1] > page

    def _with_picture(self, picture: Picture, text: Sequence[Flowable] | None = None) -> ExerciseCard:
        return ExerciseCard(
            self.title, self.side, self.chips, picture, self.text if text is None else text, self.styles
        )

    def draw(self) -> None:
        canvas, pad, palette = self.canv, self.pad, self.styles.palette
        bar = self._bar_height()
        canvas.saveState()
        canvas.setFillColor(palette.accent)
        canvas.roundRect(0, self.height - bar, self.width, bar, CORNER, stroke=0, fill=1)
        canvas.rect(0, self.height - bar, self.width, CORNER, stroke=0, fill=1)  # square lower corners
        canvas.setStrokeColor(palette.accent)
        canvas.setLineWidth(self.styles.box_line)
        canvas.roundRect(0, 0, self.width, self.height, CORNER, stroke=1, fill=0)
        if self.side:
            self._draw_badge(canvas, bar)
        canvas.restoreState()
        title_height = self.title.height
        self.title.drawOn(canvas, pad, self.height - (bar + title_height) / 2)
        chips_top = self.height - bar - pad
        if self._chips_under:
            body_top = chips_top
            self.chips.wrap(self.picture.width, 1e6)
            under = body_top - self.picture.height - pad * 0.7
            self.chips.drawOn(canvas, pad, under - self._chips_height)
        else:
            self.chips.wrap(self.width - 2 * pad, 1e6)
            self.chips.drawOn(canvas, pad, chips_top - self._chips_height)
            body_top = chips_top - self._chips_height - pad * 0.7
        self.picture.drawOn(canvas, pad, body_top - self.picture.height)
        text_x = pad + self.picture.width + pad
        for placed in self._placed:
            # Wrapped again at the width it is drawn at: the same paragraphs are shared with the
            # copies of this card that split() tries (with a smaller picture, so a wider column),
            # and a paragraph draws the lines of its last wrap.
            placed.flowable.wrap(placed.width, 1e6)
            x = text_x if placed.beside_picture else pad
            placed.flowable.drawOn(canvas, x, body_top - placed.top - placed.height)


class KeepWhole(KeepTogether):  # type: ignore[misc]  # ReportLab ships no type information
    """Flowables kept together on one page: moved whole to the next page when they do not fit here.

    ReportLab's KeepTogether moves them on even when they are taller than any page, leaving the
    rest of this page empty only to break them anyway; these break where they stand instead, once
    their opening (the paragraphs up to the first thing that is not one: a heading, its sentence and
    the grid or box they introduce) fits where they stand.
    """

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        page = _next_page_height(self)
        if page is not None and page < self._H:
            if self._opening_height(avail_width) > avail_height:
                return [self.FrameBreak(), *self._content]
            return [self.NullActionFlowable(), *self._content]  # as KeepTogether does at a page top
        return list(super().split(avail_width, avail_height))

    def _opening_height(self, width: float) -> float:
        height = 0.0
        for index, flowable in enumerate(self._content):
            if index:
                height += flowable.getSpaceBefore()
            height += flowable.wrap(width, 1e6)[1]
            if not isinstance(flowable, Paragraph):
                break
            height += flowable.getSpaceAfter()
        return height


class _FirstPageIfRoom(KeepWhole):
    """The content, whole, here if this is the first page of its part and all of it fits in what
    is left of the page; else nothing here. Decided once, where it stands."""

    def __init__(self, content: Sequence[Flowable]) -> None:
        super().__init__(list(content))
        self.here: bool | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        if self.here is None:
            frame = getattr(self, "_frame", None)
            first_page = frame is not None and str(frame.id).startswith(FIRST_PAGE_FRAME)
            self.here = first_page and avail_height >= self._H
        return (width, height) if self.here else (width, 0)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [self.NullActionFlowable(), *self._content] if self.here else []

    def draw(self) -> None:
        pass  # the content draws itself, here or later


class _UnlessPlacedEarlier(KeepWhole):
    """The content, whole, unless its earlier twin placed it."""

    def __init__(self, content: Sequence[Flowable], earlier: _FirstPageIfRoom) -> None:
        super().__init__(list(content))
        self.earlier = earlier

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.earlier.here:
            return avail_width, 0
        return super().wrap(avail_width, avail_height)  # type: ignore[no-any-return]

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [] if self.earlier.here else list(super().split(avail_width, avail_height))

    def draw(self) -> None:
        pass


def first_page_if_room(content: Sequence[Flowable]) -> tuple[Flowable, Flowable]:
    """Two places in a story for one block kept whole: the first where it stands, if that is on
    the first page of its part and all of the block fits in what is left of it; else the second.

    One pass of the layout, no trial build: ReportLab lays a story out in order, so the first
    has decided before the second is reached.
    """
    earlier = _FirstPageIfRoom(content)
    return earlier, _UnlessPlacedEarlier(content, earlier)


class Stack(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """Flowables one under the other, as one: placed, and never split, together."""

    def __init__(self, content: Sequence[Flowable], *, space_before: float = 0.0) -> None:
        super().__init__()
        self.content = tuple(content)
        self._tops: list[float] = []
        self._heights: list[float] = []
        self.spaceBefore = space_before
        self.spaceAfter = self.content[-1].getSpaceAfter() if self.content else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._tops, self._heights = _stack(self.content, avail_width)
        self.width = avail_width
        self.height = self._tops[-1] + self._heights[-1] if self.content else 0.0
        return self.width, self.height

    def draw(self) -> None:
        for start, height, flowable in zip(self._tops, self._heights, self.content, strict=True):
            flowable.wrap(self.width, 1e6)  # the content may be shared, and last wrapped elsewhere
            flowable.drawOn(self.canv, 0, self.height - start - height)


def _next_page_height(flowable: Flowable) -> float | None:
    """The height of the next page's frame, as ReportLab's own KeepTogether finds it; None outside a build."""
    peek = flowable._doctemplateAttr("_peekNextFrame")
    return None if peek is None else float(peek()._height)


@dataclass(frozen=True, slots=True)
class LogRow:
    label: str  # e.g. "1. Calf stretch at the wall"
    hint: str  # how often, e.g. "2 times a day": why a day has two boxes
    sessions: int  # times a day: one box each


@dataclass(frozen=True, slots=True)
class LogDay:
    """A column of the log: a date as the document's locale writes its parts."""

    month: str  # e.g. "November", over the columns of that month
    month_short: str  # e.g. "Nov", where the full name does not fit
    weekday: str  # e.g. "Wed"
    weekday_short: str  # e.g. "We", where the columns are too narrow for "Wed"
    day: str  # e.g. "25"


class TickLog(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """A grid to tick: one row per exercise, one column per dated day, one box per session in each cell.

    The columns are headed by the month (over all its days), the weekday and the day of the month,
    so the patient ticks today's column, not "day 9".

    What comes after the grid (the next visit to write in) may be given as its `footer`, drawn under
    the last rows: on a page boundary it goes over with at least two rows, never alone on a page.
    """

    def __init__(
        self,
        rows: Sequence[LogRow],
        days: Sequence[LogDay],
        heading: str,
        styles: Stylesheet,
        footer: Flowable | None = None,
    ) -> None:
        super().__init__()
        self.footer = footer
        self.rows = tuple(rows)
        self.days = tuple(days)
        self.heading = heading  # above the exercise names, e.g. "Exercise" or "Week 1"
        self.styles = styles
        self.size = float(styles.cell.fontSize)
        self.small = float(styles.footer.fontSize)  # month and weekday: never below the footer's size
        self.spaceAfter = styles.gap * 0.6
        self._row_heights: list[float] = []
        self._grid_height = self._footer_height = 0.0
        self._label_lines: list[list[tuple[tuple[str, str], ...]]] = []  # per line: (font, text) pieces

    # geometry --------------------------------------------------------------------------------------

    def _name_width(self, width: float) -> float:
        """Fourteen days: every column as narrow as a box and its date allow, the rest for the names
        (fewer lines a row); a week a row: wide columns, for boxes side by side."""
        if len(self.days) <= 7:
            return width * 0.36
        return max(width * 0.34, width - len(self.days) * self.size * DAY_COLUMN)

    def _label(self, row: LogRow, width: float) -> list[tuple[tuple[str, str], ...]]:
        """The exercise's name, and how often in bold: after the name where its last line has room."""
        lines: list[tuple[tuple[str, str], ...]] = [
            ((REGULAR, line),) for line in fit_lines(row.label, REGULAR, self.size, width)
        ]
        last = lines[-1][0][1] if lines else ""
        gap = "  "
        if (
            lines
            and stringWidth(last + gap, REGULAR, self.size) + stringWidth(row.hint, BOLD, self.size) <= width
        ):
            lines[-1] = ((REGULAR, last + gap), (BOLD, row.hint))
        else:
            lines += [((BOLD, line),) for line in fit_lines(row.hint, BOLD, self.size, width)]
        return lines

    def _day_width(self, width: float) -> float:
        return (width - self._name_width(width)) / len(self.days)

    def _box(self, width: float, columns: int) -> float:
        """Side of a tick box: as big as the type, smaller only if the day column is narrow."""
        room = self._day_width(width) - self.size * 0.7  # a clear gap to the column's lines
        return min(self.size * 1.05, room / (columns + BOX_GAP * (columns - 1)))

    def _box_columns(self, count: int, width: float) -> int:
        """Boxes side by side where the day column has room for them at full size, else stacked.

        More than three a day go two abreast, so that a row of twelve stays six boxes high.
        """
        if count == 1:
            return 1
        full_size_pair = self.size * 1.05 * (2 + BOX_GAP) + self.size * 1.2
        return 2 if count > 3 or self._day_width(width) >= full_size_pair else 1

    def _month_height(self) -> float:
        return self.small * 1.35

    def _header_height(self) -> float:
        return self._month_height() + self.small * 1.3 + self.size * 1.45

    def _pad(self) -> float:
        return self.size * 0.42

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        pad = self._pad()
        name_width = self._name_width(avail_width) - 2 * pad
        self._label_lines = [self._label(row, name_width) for row in self.rows]
        self._row_heights = []
        for row, lines in zip(self.rows, self._label_lines, strict=True):
            count = row.sessions
            columns = self._box_columns(count, avail_width)
            box = self._box(avail_width, columns)
            grid_rows = math.ceil(count / columns)
            boxes_height = grid_rows * box + (grid_rows - 1) * box * BOX_GAP
            self._row_heights.append(max(len(lines) * self.size * 1.25, boxes_height) + 2 * pad)
        self._grid_height = self._header_height() + sum(self._row_heights)
        self._footer_height = 0.0
        if self.footer is not None:
            self._footer_height = self.spaceAfter + self.footer.wrap(avail_width, 1e6)[1]
        self.width, self.height = avail_width, self._grid_height + self._footer_height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        room = avail_height - self._header_height()
        fitting = 0
        while fitting < len(self.rows) and room >= self._row_heights[fitting]:
            room -= self._row_heights[fitting]
            fitting += 1
        if fitting == len(self.rows) and self.footer is not None and room < self._footer_height:
            fitting -= 2  # the footer would go over alone: two rows go with it
        if len(self.rows) - fitting == 1:
            fitting -= 1  # a single row never goes over the page alone
        if fitting < 2 or fitting >= len(self.rows):
            return []
        return [
            TickLog(self.rows[:fitting], self.days, self.heading, self.styles),
            TickLog(self.rows[fitting:], self.days, self.heading, self.styles, self.footer),
        ]

    # drawing ---------------------------------------------------------------------------------------

    def draw(self) -> None:
        canvas, palette = self.canv, self.styles.palette
        name_width, day_width = self._name_width(self.width), self._day_width(self.width)
        pad = self._pad()
        if self.footer is not None:
            self.footer.wrap(self.width, 1e6)
            self.footer.drawOn(canvas, 0, 0)
        canvas.saveState()
        canvas.translate(0, self._footer_height)  # the grid above its footer
        canvas.setStrokeColor(palette.grid)
        canvas.setFillColor(palette.ink)
        self._draw_header(canvas, name_width, day_width)
        y = self._grid_height - self._header_height()
        for row, lines, height in zip(self.rows, self._label_lines, self._row_heights, strict=True):
            y -= height
            baseline = y + height - pad - self.size * 0.95
            for pieces in lines:
                x = pad
                for font, text in pieces:
                    canvas.setFont(font, self.size)
                    canvas.drawString(x, baseline, text)
                    x += stringWidth(text, font, self.size)
                baseline -= self.size * 1.25
            self._draw_boxes(canvas, row, y, height, name_width, day_width)
        self._draw_grid(canvas, name_width, day_width)
        canvas.restoreState()

    def _draw_header(self, canvas: Any, name_width: float, day_width: float) -> None:
        top = self._grid_height
        month_base = top - self._month_height() + self.small * 0.35
        weekday_base = month_base - self.small * 1.3
        day_base = weekday_base - self.size * 1.3
        canvas.setFont(BOLD, self.size)
        canvas.drawString(self._pad(), day_base, self.heading)
        for start, end in self._month_spans():
            span = (end - start) * day_width
            left = name_width + start * day_width
            month = self.days[start]
            for text in (month.month, month.month_short):
                if stringWidth(text, BOLD, self.small) <= span - self.small * 0.4:
                    canvas.setFont(BOLD, self.small)
                    canvas.drawCentredString(left + span / 2, month_base, text)
                    break
        # The day of the month as large as the type where the column has room ("30" with space
        # to spare), else at the smallest size the document allows.
        widest = max(stringWidth(day.day, BOLD, self.size) for day in self.days)
        day_size = self.size if widest <= day_width * 0.75 else self.small
        # One form of weekday for every column, the longer where all fit: "Wed", else "We".
        long_fits = all(stringWidth(day.weekday, REGULAR, self.small) <= day_width * 0.8 for day in self.days)
        for index, day in enumerate(self.days):
            centre = name_width + (index + 0.5) * day_width
            canvas.setFont(REGULAR, self.small)
            canvas.drawCentredString(centre, weekday_base, day.weekday if long_fits else day.weekday_short)
            canvas.setFont(BOLD, day_size)
            canvas.drawCentredString(centre, day_base, day.day)

    def _month_spans(self) -> list[tuple[int, int]]:
        """The columns of each month: (first, last + 1)."""
        spans: list[tuple[int, int]] = []
        for index, day in enumerate(self.days):
            if spans and self.days[spans[-1][0]].month == day.month:
                spans[-1] = (spans[-1][0], index + 1)
            else:
                spans.append((index, index + 1))
        return spans

    def _draw_boxes(
        self, canvas: Any, row: LogRow, y: float, height: float, name_width: float, day_width: float
    ) -> None:
        count = row.sessions
        columns = self._box_columns(count, self.width)
        box = self._box(self.width, columns)
        grid_rows = math.ceil(count / columns)
        block_width = columns * box + (columns - 1) * box * BOX_GAP
        block_height = grid_rows * box + (grid_rows - 1) * box * BOX_GAP
        canvas.setLineWidth(max(0.8, self.styles.box_line * 0.7))
        for index in range(len(self.days)):
            left = name_width + index * day_width + (day_width - block_width) / 2
            top = y + (height + block_height) / 2
            for n in range(count):
                bx = left + (n % columns) * box * (1 + BOX_GAP)
                by = top - (n // columns + 1) * box - (n // columns) * box * BOX_GAP
                canvas.rect(bx, by, box, box, stroke=1, fill=0)

    def _draw_grid(self, canvas: Any, name_width: float, day_width: float) -> None:
        canvas.setLineWidth(self.styles.box_line)
        canvas.rect(0, 0, self.width, self._grid_height, stroke=1, fill=0)
        canvas.setLineWidth(max(0.5, self.styles.box_line * 0.5))
        y = self._grid_height - self._header_height()
        canvas.line(0, y, self.width, y)
        month_bottom = self._grid_height - self._month_height()
        canvas.line(name_width, month_bottom, self.width, month_bottom)
        for height in self._row_heights[:-1]:
            y -= height
            canvas.line(0, y, self.width, y)
        month_starts = {start for start, _ in self._month_spans()}
        for index in range(len(self.days)):
            x = name_width + index * day_width
            # Between two days of one month the line stops under the month's name.
            canvas.line(x, 0, x, self._grid_height if index in month_starts else month_bottom)


class WriteIn(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """A bold label and a line after it to write on by hand: "Next visit: ______________"."""

    def __init__(self, label: str, styles: Stylesheet) -> None:
        super().__init__()
        self.label = label
        self.styles = styles
        self.size = float(styles.body.fontSize)
        self.spaceBefore = styles.gap * 0.5
        self.spaceAfter = styles.gap * 0.5

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.size * 2.2  # room above the line for handwriting
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        baseline = self.size * 0.35
        label_width = stringWidth(self.label, BOLD, self.size)
        start = label_width + self.size * 0.5
        end = min(self.width, start + self.size * 24)
        canvas.saveState()
        canvas.setFillColor(self.styles.palette.ink)
        canvas.setFont(BOLD, self.size)
        canvas.drawString(0, baseline, self.label)
        canvas.setStrokeColor(self.styles.palette.ink)
        canvas.setLineWidth(max(0.8, self.styles.box_line * 0.6))
        canvas.line(start, baseline - self.size * 0.15, end, baseline - self.size * 0.15)
        canvas.restoreState()


class Signature(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """A closing ("Yours sincerely,"), room to sign, the line, and under it who signs: one block.

    It never breaks across pages: a signature away from its name is no signature.
    """

    def __init__(
        self, closing: Flowable | None, below: Sequence[Flowable], styles: Stylesheet, *, room: float
    ) -> None:
        super().__init__()
        self.closing = closing
        self.below = tuple(below)
        self.styles = styles
        self.room = room  # the height left blank above the line, to sign in
        self.line_width = max(0.8, styles.box_line * 0.6)
        self.spaceBefore = styles.gap * 0.6
        self._closing_height = 0.0
        self._tops: list[float] = []
        self._heights: list[float] = []
        self._width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = min(avail_width, self.styles.body_size * 22)
        self._closing_height = self.closing.wrap(avail_width, 1e6)[1] if self.closing is not None else 0.0
        self._tops, self._heights = _stack(self.below, avail_width)
        below = self._tops[-1] + self._heights[-1] if self.below else 0.0
        self.width = avail_width
        self.height = self._closing_height + self.room + self.line_width + self.styles.gap * 0.3 + below
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # whole, on the next page if need be

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        if self.closing is not None:
            self.closing.wrap(self.width, 1e6)
            self.closing.drawOn(canvas, 0, top - self._closing_height)
        line_y = top - self._closing_height - self.room
        canvas.saveState()
        canvas.setStrokeColor(self.styles.palette.ink)
        canvas.setLineWidth(self.line_width)
        canvas.line(0, line_y, self._width, line_y)
        canvas.restoreState()
        below_top = line_y - self.line_width - self.styles.gap * 0.3
        for start, height, flowable in zip(self._tops, self._heights, self.below, strict=True):
            flowable.wrap(self.width, 1e6)
            flowable.drawOn(canvas, 0, below_top - start - height)


class Box(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """Flowables one under the other in a filled box with a border.

    On a page boundary the box breaks between its flowables, each part boxed; with
    `repeat_heading`, the first flowable (the box's heading) starts the continued part too.
    A therapist's note that does not fit breaks inside, since it alone may be longer than a page.
    """

    def __init__(
        self,
        content: Sequence[Flowable],
        styles: Stylesheet,
        *,
        border: Any,
        fill: Any,
        line_width: float,
        repeat_heading: bool = False,
    ) -> None:
        super().__init__()
        self.content = tuple(content)
        self.styles = styles
        self.border, self.fill, self.line_width = border, fill, line_width
        self.repeat_heading = repeat_heading
        self.pad = styles.gap * 0.8
        self.spaceAfter = styles.gap
        self._tops: list[float] = []  # where each flowable starts, from the top of the content
        self._heights: list[float] = []
        self._layout_width = -1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._layout_width:
            self._tops, self._heights = _stack(self.content, avail_width - 2 * self.pad)
            content_height = self._tops[-1] + self._heights[-1] if self.content else 0.0
            self.width, self.height = avail_width, content_height + 2 * self.pad
            self._layout_width = avail_width
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        room = avail_height - 2 * self.pad
        fitting = sum(
            1 for top, height in zip(self._tops, self._heights, strict=True) if top + height <= room
        )
        if fitting == len(self.content):
            return []
        if isinstance(self.content[fitting], Note):
            # A note can be longer than a page: it breaks inside, where the page runs out.
            inside = self._split_note(fitting, avail_width - 2 * self.pad, room - self._tops[fitting])
            if inside:
                return inside
        if len(self.content) - fitting < 2 and not isinstance(self.content[-1], Signature):
            # Never leave a single line to go over the page; a signature block may go alone.
            fitting = len(self.content) - 2
        # Nor a heading alone, or a single line, above the break (a note of several lines will do).
        least = 3 if self.repeat_heading else 2
        if fitting < least and not (fitting == least - 1 and isinstance(self.content[fitting - 1], Note)):
            return []
        rest = self.content[fitting:]
        if self.repeat_heading:
            rest = (self.content[0], *rest)
        return [self._part(self.content[:fitting]), self._part(rest)]

    def _split_note(self, index: int, width: float, room: float) -> list[Flowable]:
        parts = self.content[index].split(width, room)
        if not parts:
            return []
        rest = (*parts[1:], *self.content[index + 1 :])
        if self.repeat_heading and index:
            rest = (self.content[0], *rest)
        return [self._part((*self.content[:index], parts[0])), self._part(rest)]

    def _part(self, content: Sequence[Flowable]) -> Box:
        part = Box(
            content,
            self.styles,
            border=self.border,
            fill=self.fill,
            line_width=self.line_width,
            repeat_heading=self.repeat_heading,
        )
        # Broken across pages, and whether it had to be (documents.layout.recording reports both).
        page = _next_page_height(self)
        part.split_part = True
        part.taller_than_a_page = page is not None and self.height > page
        return part

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.fill)
        canvas.setStrokeColor(self.border)
        canvas.setLineWidth(self.line_width)
        inset = self.line_width / 2  # the border stays inside the width the frame gave
        canvas.roundRect(
            inset, inset, self.width - 2 * inset, self.height - 2 * inset, CORNER, stroke=1, fill=1
        )
        canvas.restoreState()
        top = self.height - self.pad
        for start, height, flowable in zip(self._tops, self._heights, self.content, strict=True):
            # Each flowable was last wrapped at the box's inner width, in wrap().
            flowable.drawOn(canvas, self.pad, top - start - height)


def _stack(flowables: Sequence[Flowable], width: float) -> tuple[list[float], list[float]]:
    """Wrap flowables one under the other at `width`: where each starts, and its height."""
    tops: list[float] = []
    heights: list[float] = []
    y = 0.0
    for index, flowable in enumerate(flowables):
        if index:
            y += flowable.getSpaceBefore()
        tops.append(y)
        heights.append(flowable.wrap(width, 1e6)[1])
        y += heights[-1] + flowable.getSpaceAfter()
    return tops, heights


def boxed(
    content: Sequence[Flowable],
    styles: Stylesheet,
    *,
    border: Any,
    fill: Any,
    line_width: float | None = None,
    repeat_heading: bool = False,
) -> Box:
    """Paragraphs in a bordered, filled box (the default border is heavier than a card's)."""
    return Box(
        content,
        styles,
        border=border,
        fill=fill,
        line_width=line_width or styles.box_line * 1.6,
        repeat_heading=repeat_heading,
    )
