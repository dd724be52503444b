"""Line breaking for text drawn straight on the canvas (letterhead, footer, chips, log labels)."""

from __future__ import annotations

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth


def fit_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width`: at spaces, and inside a word only when the
    word alone is too wide (a long e-mail address or web address must not run off the page)."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width):
        lines += _cut(str(line), font, size, width)
    return lines


def _cut(line: str, font: str, size: float, width: float) -> list[str]:
    pieces: list[str] = []
    while stringWidth(line, font, size) > width and len(line) > 1:
        end = len(line) - 1
        while end > 1 and stringWidth(line[:end], font, size) > width:
            end -= 1
        pieces.append(line[:end])
        line = line[end:]
    return [*pieces, line]
