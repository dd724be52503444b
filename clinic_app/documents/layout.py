"""The page furniture every document shares: clinic header, running header, footer, "Page X of Y".

Documents are built with ReportLab page templates: the first page carries the clinic's letterhead
(logo, name, address, phone), later pages a one-line running header so a loose page still says whose
it is, and every page a footer with the clinic's contact and the page number. "Page X of Y" needs
the page count before it is known, so a numbered canvas holds every finished page back and stamps
the numbers when the document is saved (the approach of pretix's invoice renderer).

A document may have several parts (the referral letter, then the home programme): each part
starts on a new page with its own letterhead, running header and footer, and is numbered on its
own ("Page 1 of 2" for the letter, "Page 1 of 5" for the handout), because the patient hands the
letter to the doctor and keeps the handout: each must read as whole without the other.

Output is deterministic, so the same input gives the same bytes and reference images stay
comparable: ReportLab's invariant mode leaves out the clock, the creation date is the visit's date
(not the day it was printed), and the file's /ID is a digest of the finished file's own bytes, so
that two patients' handouts never share one. The metadata title names the document and the visit
date, never the patient (file lists, print queues and search indexes show it), and viewers are
asked to show it instead of the file name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import logging
import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreakIfNotEmpty, PageTemplate

from clinic_app.documents.fonts import BOLD, REGULAR
from clinic_app.documents.styles import Stylesheet
from clinic_app.documents.textfit import fit_lines
from clinic_app.domain import ClinicProfile, PaperSize

log = logging.getLogger(__name__)

# ReportLab wraps every compressed stream in ASCII85 by default, a 7-bit transport encoding no PDF
# reader needs: it makes files 25 % larger and costs about a tenth of the build time. The setting is
# process-wide; binary streams are what every other PDF producer writes anyway.
rl_config.useA85 = 0

PAGE_SIZES = {PaperSize.LETTER: LETTER, PaperSize.A4: A4}
SEPARATOR = "  ·  "
TITLE_SEPARATOR = " · "
PDF_CREATOR = "Clinic App"
FIRST_PAGE_FRAME = "first-"  # the id of the frame of each part's first page starts so


@dataclass(frozen=True, slots=True)
class PageSetup:
    """What the page furniture of one document shows."""

    paper: PaperSize
    styles: Stylesheet
    clinic: ClinicProfile
    title: str  # the document's title, also its PDF subject (never the patient's name)
    running_header: str  # the one-line header of later pages
    page_label: str  # "Page {page} of {pages}", in the document's language
    footer_note: str = ""  # e.g. the clinic's handout footer
    language_tag: str = "en-US"  # PDF /Lang, so screen readers pick the right voice
    phone_label: str = "Phone"
    email_label: str = "Email"
    visit_date: dt.date | None = None  # the PDF's creation date
    visit_date_text: str = ""  # the visit date in the document's language, ending the metadata title


@dataclass(frozen=True, slots=True)
class Placed:
    """One flowable as it was laid out: where it went, for checking pagination (see `recording`)."""

    page: int  # 1-based, in the whole file
    kind: str  # the flowable's class, e.g. "ExerciseCard", "Box", "TickLog"
    style: str  # a paragraph's style name ("heading", "subheading", ...), else ""
    text: str  # a paragraph's text, else ""
    top: float  # distance from the top of the page to the flowable's top, points
    bottom: float  # distance from the top of the page to its bottom
    split: bool  # a part of a card or box that was broken across pages
    taller_than_a_page: bool  # ... because it was taller than a whole page


_recorded: ContextVar[list[Placed] | None] = ContextVar("recorded_layout", default=None)


@contextlib.contextmanager
def recording() -> Iterator[list[Placed]]:
    """Record where every flowable of the documents built inside goes: which page, how high.

    For tests of pagination (a heading never ends a page, a card or box is never split); costs
    nothing when not recording.
    """
    placed: list[Placed] = []
    token = _recorded.set(placed)
    try:
        yield placed
    finally:
        _recorded.reset(token)


class _Document(BaseDocTemplate):  # type: ignore[misc]  # ReportLab ships no type information
    """ReportLab's document template, reporting each flowable placed while `recording`."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        placed = _recorded.get()
        frame = getattr(self, "frame", None)
        if placed is None or frame is None:
            return
        page_height = self.pagesize[1]
        bottom = page_height - frame._y - flowable.getSpaceAfter()
        height = float(getattr(flowable, "height", 0.0) or 0.0)
        style = getattr(getattr(flowable, "style", None), "name", "")
        text = flowable.getPlainText() if hasattr(flowable, "getPlainText") else ""
        placed.append(
            Placed(
                page=self.page,
                kind=type(flowable).__name__,
                style=str(style),
                text=str(text),
                top=bottom - height,
                bottom=bottom,
                split=bool(getattr(flowable, "split_part", False)),
                taller_than_a_page=bool(getattr(flowable, "taller_than_a_page", False)),
            )
        )


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    data: bytes
    pages: int
    part_pages: tuple[int, ...] = ()  # the pages of each part, in order


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a document: its story and its page furniture."""

    story: Sequence[Flowable]
    setup: PageSetup


def build_pdf(story: Sequence[Flowable], setup: PageSetup) -> RenderedPdf:
    """Lay out the story on the document's pages and return the finished PDF."""
    return build_parts([Part(story, setup)])


def build_parts(parts: Sequence[Part], *, title: str | None = None) -> RenderedPdf:
    """One PDF of several parts, each starting on a new page and numbered on its own.

    The paper, language and metadata are the first part's; `title` names the whole file. The
    metadata title is that title and the visit date: "Your home exercise plan · November 25, 2026".
    """
    if not parts:
        raise ValueError("a document needs at least one part")
    geometries = [_Geometry.of(part.setup, index) for index, part in enumerate(parts)]
    first = geometries[0]
    setup = first.setup
    buffer = io.BytesIO()
    document = _Document(
        buffer,
        pagesize=first.page_size,
        leftMargin=first.margin,
        rightMargin=first.margin,
        topMargin=first.margin,
        bottomMargin=first.margin,
        title=TITLE_SEPARATOR.join(part for part in (title or setup.title, setup.visit_date_text) if part),
        author=setup.clinic.name,
        subject=setup.title,
        creator=PDF_CREATOR,
        lang=setup.language_tag,
        displayDocTitle=True,  # viewers show the title, not the file name
        invariant=1,
        pageCompression=1,
        # Every page starts in some font; left to the default it would be Helvetica, a font the
        # PDF names but does not embed.
        initialFontName=REGULAR,
        initialFontSize=setup.styles.body_size,
    )
    document.addPageTemplates([template for geometry in geometries for template in geometry.page_templates()])
    story: list[Flowable] = []
    for geometry, part in zip(geometries, parts, strict=True):
        if geometry.part:
            # The next part opens on a new page with its own letterhead (never an empty page between).
            story.append(PageBreakIfNotEmpty(nextTemplate=geometry.first_template_id))
        story += part.story
    labels = [geometry.page_label() for geometry in geometries]
    canvasmaker = functools.partial(_NumberedCanvas, page_labels=labels, created=setup.visit_date)
    document.build(story, canvasmaker=canvasmaker)
    data = _with_content_id(buffer.getvalue())
    return RenderedPdf(data, document.page, tuple(document.canv.part_pages))


# The file identifier in the trailer, as ReportLab writes it: the same 16 bytes twice, in hex.
_TRAILER_ID = re.compile(rb"/ID\s*\[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\]")


def _with_content_id(data: bytes) -> bytes:
    """The PDF with an /ID derived from its content: the first 16 bytes of the SHA-256 of the file
    with its /ID left blank.

    In invariant mode ReportLab derives the /ID from the metadata alone, so every handout with the
    same title shared one. The trailer comes after the cross-reference table and the new id is as
    long as the old one, so no offset moves.
    """
    match = _TRAILER_ID.search(data, data.rindex(b"trailer"))
    if match is None:
        raise RuntimeError("the PDF has no file identifier in its trailer")
    first, second = match.span(1), match.span(2)

    def with_id(identifier: bytes) -> bytes:
        return data[: first[0]] + identifier + data[first[1] : second[0]] + identifier + data[second[1] :]

    digest = hashlib.sha256(with_id(b"0" * 32)).hexdigest()[:32].encode("ascii")
    return with_id(digest)


@dataclass(frozen=True, slots=True)
class _DayStamp:
    """A creation date at midnight UTC of a given day, shaped like ReportLab's TimeStamp."""

    day: dt.date

    @property
    def YMDhms(self) -> tuple[int, int, int, int, int, int]:  # noqa: N802 - ReportLab's name
        return (self.day.year, self.day.month, self.day.day, 0, 0, 0)

    dhh = 0  # offset from UTC, hours and minutes
    dmm = 0


@dataclass(frozen=True, slots=True)
class _PageLabel:
    """Where and how "Page X of Y" is stamped once the page count is known."""

    template: str
    font_size: float
    color: Any
    right: float
    baseline: float

    def stamp(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(BOLD, self.font_size)
        canvas.setFillColor(self.color)
        canvas.drawRightString(self.right, self.baseline, self.template.format(page=page, pages=pages))
        canvas.restoreState()


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type information
    """A canvas that keeps every page until the end, then stamps "Page X of Y" on each.

    Each page template marks the part its page belongs to (`part`); pages are numbered within it.
    """

    def __init__(
        self, *args: Any, page_labels: Sequence[_PageLabel], created: dt.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if created is not None:
            # The date the PDF says it was made: the visit's, so reprinting gives the same bytes.
            self._doc._timeStamp = _DayStamp(created)
        self._page_labels = tuple(page_labels)
        self._held_pages: list[dict[str, Any]] = []
        self.part = 0
        self.part_pages = [0] * len(self._page_labels)

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self.part_pages[self.part] += 1
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        counts = tuple(self.part_pages)
        numbers = [0] * len(counts)
        for state in self._held_pages:
            self.__dict__.update(state)
            numbers[self.part] += 1
            self._page_labels[self.part].stamp(self, numbers[self.part], counts[self.part])
            super().showPage()
        super().save()


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Measured page furniture of one document: heights of headers and footer, and their text."""

    setup: PageSetup
    page_size: tuple[float, float]
    margin: float
    letterhead: tuple[tuple[str, str, float], ...]  # (font, text, size) lines beside the logo
    logo: ImageReader | None
    logo_size: tuple[float, float]
    first_header_height: float
    later_header_height: float
    footer_lines: tuple[str, ...]
    footer_height: float
    label_width: float
    part: int  # the index of the document part this furniture belongs to

    @classmethod
    def of(cls, setup: PageSetup, part: int = 0) -> _Geometry:
        styles = setup.styles
        page_size = PAGE_SIZES[setup.paper]
        width = page_size[0] - 2 * styles.margin
        logo = _logo_image(setup.clinic.logo_png)
        logo_size = _logo_size(logo, styles) if logo is not None else (0.0, 0.0)
        text_width = width - (logo_size[0] + styles.gap if logo is not None else 0)
        letterhead = tuple(_letterhead_lines(setup, text_width))
        text_height = sum(_leading(size) for _, _, size in letterhead)
        first_header = max(text_height, logo_size[1])
        label_width = _label_width(setup)
        footer_lines = tuple(_footer_lines(setup, width - label_width - styles.gap))
        small = styles.footer.fontSize
        return cls(
            setup=setup,
            page_size=page_size,
            margin=styles.margin,
            letterhead=letterhead,
            logo=logo,
            logo_size=logo_size,
            first_header_height=first_header + styles.gap if first_header else 0.0,
            later_header_height=_leading(small) + styles.gap,
            footer_lines=footer_lines,
            footer_height=max(1, len(footer_lines)) * _leading(small) + styles.gap * 0.6,
            label_width=label_width,
            part=part,
        )

    @property
    def content_width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    @property
    def first_template_id(self) -> str:
        return f"{FIRST_PAGE_FRAME}{self.part}"

    def page_templates(self) -> list[PageTemplate]:
        later_id = f"later-{self.part}"
        first = PageTemplate(
            id=self.first_template_id,
            frames=[self._frame(self.first_template_id, self.first_header_height)],
            onPage=self._draw_first_page,
            autoNextPageTemplate=later_id,
        )
        later = PageTemplate(
            id=later_id,
            frames=[self._frame(later_id, self.later_header_height)],
            onPage=self._draw_later_page,
        )
        return [first, later]

    def _frame(self, frame_id: str, header_height: float) -> Frame:
        bottom = self.margin + self.footer_height + self.setup.styles.gap
        top = self.page_size[1] - self.margin - header_height
        return Frame(
            self.margin,
            bottom,
            self.content_width,
            top - bottom,
            id=frame_id,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def page_label(self) -> _PageLabel:
        styles = self.setup.styles
        return _PageLabel(
            template=self.setup.page_label,
            font_size=styles.footer.fontSize,
            color=styles.palette.ink,
            right=self.page_size[0] - self.margin,
            baseline=self._footer_first_baseline(),
        )

    # drawing -------------------------------------------------------------------------------------

    def _draw_first_page(self, canvas: Canvas, _document: BaseDocTemplate) -> None:
        canvas.part = self.part  # which part's numbering this page counts in
        canvas.saveState()
        self._draw_letterhead(canvas)
        self._draw_footer(canvas)
        canvas.restoreState()

    def _draw_later_page(self, canvas: Canvas, _document: BaseDocTemplate) -> None:
        canvas.part = self.part  # which part's numbering this page counts in
        canvas.saveState()
        self._draw_running_header(canvas)
        self._draw_footer(canvas)
        canvas.restoreState()

    def _draw_letterhead(self, canvas: Canvas) -> None:
        if not self.first_header_height:
            return
        styles = self.setup.styles
        top = self.page_size[1] - self.margin
        x = self.margin
        if self.logo is not None:
            logo_width, logo_height = self.logo_size
            canvas.drawImage(self.logo, x, top - logo_height, logo_width, logo_height, mask="auto")
            x += logo_width + styles.gap
        y = top
        for font, text, size in self.letterhead:
            y -= _leading(size)
            canvas.setFont(font, size)
            canvas.setFillColor(styles.palette.accent if font == BOLD else styles.palette.ink)
            canvas.drawString(x, y + size * 0.25, text)
        rule_y = top - self.first_header_height + styles.gap * 0.45
        self._rule(canvas, rule_y, styles.box_line * 1.6)

    def _draw_running_header(self, canvas: Canvas) -> None:
        styles = self.setup.styles
        size = styles.footer.fontSize
        baseline = self.page_size[1] - self.margin - size
        canvas.setFont(REGULAR, size)
        canvas.setFillColor(styles.palette.ink)
        text = _fit(self.setup.running_header, REGULAR, size, self.content_width)
        canvas.drawString(self.margin, baseline, text)
        self._rule(canvas, baseline - size * 0.55, styles.box_line)

    def _draw_footer(self, canvas: Canvas) -> None:
        styles = self.setup.styles
        size = styles.footer.fontSize
        self._rule(canvas, self.margin + self.footer_height, styles.box_line)
        canvas.setFillColor(styles.palette.ink)
        baseline = self._footer_first_baseline()
        for index, line in enumerate(self.footer_lines):
            canvas.setFont(BOLD if index == 0 and self.setup.clinic.name else REGULAR, size)
            canvas.drawString(self.margin, baseline, line)
            baseline -= _leading(size)

    def _footer_first_baseline(self) -> float:
        size = float(self.setup.styles.footer.fontSize)
        return self.margin + self.footer_height - self.setup.styles.gap * 0.6 - size

    def _rule(self, canvas: Canvas, y: float, width: float) -> None:
        canvas.setStrokeColor(self.setup.styles.palette.accent)
        canvas.setLineWidth(width)
        canvas.line(self.margin, y, self.page_size[0] - self.margin, y)


def _letterhead_lines(setup: PageSetup, width: float) -> list[tuple[str, str, float]]:
    """The clinic's name, address and contact, wrapped to the width beside the logo."""
    clinic = setup.clinic
    name_size = setup.styles.header_name.fontSize
    small = setup.styles.header_detail.fontSize
    lines = [(BOLD, text, name_size) for text in fit_lines(clinic.name, BOLD, name_size, width)]
    for address_line in clinic.address.splitlines():
        lines += [(REGULAR, text, small) for text in fit_lines(address_line.strip(), REGULAR, small, width)]
    contact = [
        f"{label}: {value.strip()}"
        for label, value in ((setup.phone_label, clinic.phone), (setup.email_label, clinic.email))
        if value.strip()
    ]
    lines += [(REGULAR, text, small) for text in _packed(contact, REGULAR, small, width)]
    return lines


def _footer_lines(setup: PageSetup, width: float) -> list[str]:
    size = setup.styles.footer.fontSize
    clinic = setup.clinic
    parts = [part.strip() for part in (clinic.name, clinic.phone, clinic.email) if part.strip()]
    lines = _packed(parts, BOLD, size, width)
    for note_line in setup.footer_note.splitlines():
        lines += fit_lines(note_line.strip(), REGULAR, size, width)
    return [str(line) for line in lines]


def _packed(parts: Sequence[str], font: str, size: float, width: float) -> list[str]:
    """Parts joined by separators, a line break only ever between parts (a phone number stays whole)."""
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]}{SEPARATOR}{part}" if lines else part
        if lines and stringWidth(joined, font, size) <= width:
            lines[-1] = joined
        else:
            lines += fit_lines(part, font, size, width)
    return lines


def _label_width(setup: PageSetup) -> float:
    widest = setup.page_label.format(page=88, pages=88)  # two digits: room for any real handout
    return float(stringWidth(widest, BOLD, setup.styles.footer.fontSize))


def _leading(size: float) -> float:
    return round(size * 1.3, 1)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text cut with an ellipsis so that it fits on one line."""
    if stringWidth(text, font, size) <= width:
        return text
    first = fit_lines(text, font, size, width - stringWidth("…", font, size))[0]
    return first.rstrip(" ·") + "…"


def _logo_size(logo: ImageReader, styles: Stylesheet) -> tuple[float, float]:
    """The logo scaled to the height of the letterhead's first lines, never more than 3:1 wide."""
    pixel_width, pixel_height = logo.getSize()
    height = styles.header_name.fontSize * 3
    width = height * pixel_width / pixel_height
    if width > height * 3:
        width, height = height * 3, height * 3 * pixel_height / pixel_width
    return float(width), float(height)


@functools.lru_cache(maxsize=4)
def _logo_image(png: bytes | None) -> ImageReader | None:
    """The clinic's logo, decoded once; a logo that cannot be read is left out, not fatal.

    A broken logo must not stop the patient's handout from printing at the end of a visit.
    """
    if not png:
        return None
    try:
        image = ImageReader(io.BytesIO(png))
        image.getSize()
    except Exception:  # Pillow raises many kinds for a broken image; any of them means "skip it"
        log.warning("The clinic logo in the settings is not a readable image; printing without it.")
        return None
    return image
