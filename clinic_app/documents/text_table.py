"""A ruled table whose plain-text cells are written in one text block.

ReportLab's Table writes each text cell with its own canvas call, which opens and closes a text
object and sets the font and colour again: a progress report of twenty visits has a few hundred
such cells, and they were its largest single cost. This table writes them all, in the same places,
in one text object per run of such cells (the text keeps its reading order: a cell holding a
flowable ends the run before it is drawn); cells holding flowables (wrapped paragraphs, charts) and any cell
it does not handle the same way (aligned other than left and top, right-to-left, linked) are drawn
by ReportLab as before.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table


class TextTable(Table):  # type: ignore[misc]  # ReportLab ships no type information
    def draw(self) -> None:
        self._text: Any = None
        self._text_state: tuple[Any, ...] | None = None
        super().draw()
        self._flush()

    def _flush(self) -> None:
        """Write the text gathered so far."""
        if self._text is not None:
            self.canv.drawText(self._text)
            self._text = self._text_state = None

    def _drawCell(  # noqa: N802 - ReportLab's name
        self, cellval: Any, cellstyle: Any, pos: tuple[float, float], size: tuple[float, float]
    ) -> None:
        if not isinstance(cellval, str) or not _plain(cellstyle):
            self._flush()  # what came before it is written before it
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if self._text is None:
            self._text = self.canv.beginText()
        text, leading = self._text, cellstyle.leading
        state = (cellstyle.fontname, cellstyle.fontsize, leading, cellstyle.color)
        if state != self._text_state:
            text.setFont(cellstyle.fontname, cellstyle.fontsize, leading)
            text.setFillColor(cellstyle.color)
            self._text_state = state
        x = pos[0] + cellstyle.leftPadding
        y = pos[1] + size[1] - cellstyle.topPadding - cellstyle.fontsize
        for line in cellval.split("\n"):
            text.setTextOrigin(x, y)
            text.textOut(line)
            y -= leading


def _plain(cellstyle: Any) -> bool:
    """A cell ReportLab would write with a plain drawString at its left and top."""
    return (
        cellstyle.alignment == "LEFT"
        and cellstyle.valign == "TOP"
        and not cellstyle.direction
        and not cellstyle.shaping
        and not cellstyle.href
        and not cellstyle.destination
    )
