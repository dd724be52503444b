"""A therapist's note, printed whole whatever its length: the contract allows 4,000 characters.

A note is typed in a box that keeps new lines, so it prints with its line breaks (a run of empty
lines as one). A note too long for the room left on a page breaks there, and the part on the next
page starts with its label and "(continued)", so that a loose page still says whose note it is.
Nothing that holds a note may refuse to break: a table row or a box that cannot split would make a
long note fail the whole document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from clinic_app.documents.paragraphs import paragraph
from clinic_app.documents.parts import esc

CONTINUED = "{label} (continued)"  # the clinician's documents are in English
# A note this short sits in its table cell or list line; a longer one prints under the table, full
# width, where it can run over pages. Small enough that no table row can outgrow a page.
IN_A_CELL_CHARACTERS = 200
IN_A_CELL_LINE_BREAKS = 3
_BLANK_LINES = re.compile(r"\n[^\S\n]*(\n[^\S\n]*)+\n")  # two or more empty lines


def fits_in_a_cell(text: str) -> bool:
    return len(text) <= IN_A_CELL_CHARACTERS and text.count("\n") <= IN_A_CELL_LINE_BREAKS


def note_lines(text: str) -> list[str]:
    """The note's lines, "" for an empty line between them; a run of empty lines counts as one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return [line.strip() for line in _BLANK_LINES.sub("\n\n", text).split("\n")]


def note_markup(text: str) -> str:
    """The note as the markup of one paragraph (for a short note in a table cell)."""
    return "<br/>".join(esc(line) for line in note_lines(text))


class Note(Flowable):  # type: ignore[misc]  # ReportLab ships no type information
    """A note that breaks across pages, between its lines or inside a long one.

    `heading` is the label on a line of its own above the note, or None when the note's first line
    starts with the label itself; each part after a break starts with `continued` either way.
    (One paragraph per line, not one with line breaks: ReportLab starts the part of a paragraph
    after a break with an empty line when the break falls on a line break. Lines are shared
    paragraphs, documents.paragraphs, so that printing the same visit again parses nothing anew.)
    """

    def __init__(
        self, lines: Sequence[Flowable], continued: Paragraph, heading: Paragraph | None = None
    ) -> None:
        super().__init__()
        self.lines, self.continued, self.heading = tuple(lines), continued, heading
        self._heading_height = 0.0
        self._heights: list[float] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heading_height = self.heading.wrap(avail_width, avail_height)[1] if self.heading else 0.0
        self._heights = [line.wrap(avail_width, avail_height)[1] for line in self.lines]
        self.width, self.height = avail_width, self._heading_height + sum(self._heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """The lines that fit here and the rest, led by `continued`; [] if too few fit to start."""
        self.wrap(avail_width, avail_height)
        room = avail_height - self._heading_height
        fitting = 0
        while fitting < len(self.lines) and self._heights[fitting] <= room:
            room -= self._heights[fitting]
            fitting += 1
        if fitting == len(self.lines):
            return []
        head, tail = list(self.lines[:fitting]), list(self.lines[fitting:])
        inside = tail[0].split(avail_width, room)  # a long line breaks inside, where the page ends
        if len(inside) == 2:
            head.append(inside[0])
            tail[0] = inside[1]
        head, tail = _without_edge_spacers(head, tail)
        if not any(isinstance(line, Paragraph) for line in head):
            return []  # nothing of the note fits here: all of it goes on the next page
        return [Note(head, self.continued, self.heading), Note(tail, self.continued, self.continued)]

    def draw(self) -> None:
        top = self.height
        if self.heading is not None:
            top -= self._heading_height
            self.heading.drawOn(self.canv, 0, top)
        for line, height in zip(self.lines, self._heights, strict=True):
            top -= height
            line.drawOn(self.canv, 0, top)


def _without_edge_spacers(
    head: list[Flowable], tail: list[Flowable]
) -> tuple[list[Flowable], list[Flowable]]:
    """No empty line ends a page or starts the next."""
    while head and isinstance(head[-1], Spacer):
        head.pop()
    while tail and isinstance(tail[0], Spacer):
        tail.pop(0)
    return head, tail


def _note_flowables(text: str, style: ParagraphStyle, label: str = "") -> list[Flowable]:
    """One paragraph per line (the first after the bold label, if any); an empty line as space."""
    line_style = _line_style(style)
    flowables: list[Flowable] = []
    for index, line in enumerate(note_lines(text)):
        start = f"<b>{esc(label)}</b> " if label and index == 0 else ""
        if line or start:
            flowables.append(paragraph(start + esc(line), line_style))
        else:
            flowables.append(Spacer(0, line_style.leading))
    return flowables


@functools.cache
def _line_style(style: ParagraphStyle) -> ParagraphStyle:
    # Lines of one note sit as close as lines of one paragraph; the note keeps the style's spacing.
    return ParagraphStyle(f"{style.name}_note_line", parent=style, spaceBefore=0, spaceAfter=0)


def labelled_note(label: str, text: str, label_style: ParagraphStyle, style: ParagraphStyle) -> Note:
    """A note under its label, on a line of its own: "Note on complaint 1 (knee, left)", in English."""
    note = Note(
        _note_flowables(text, style),
        continued=paragraph(esc(CONTINUED.format(label=label)), label_style),
        heading=paragraph(esc(label), label_style),
    )
    note.spaceBefore = label_style.fontSize * 0.6
    note.spaceAfter = style.spaceAfter
    return note


def inline_note(label: str, continued: str, text: str, style: ParagraphStyle) -> Note:
    """A note that starts with its bold label ("Note from your therapist: ..."), as on a card.

    The labels are in the patient's language, so the caller gives the continued one too.
    """
    note = Note(_note_flowables(text, style, label), continued=paragraph(f"<b>{esc(continued)}</b>", style))
    note.spaceBefore, note.spaceAfter = style.spaceBefore, style.spaceAfter
    return note
