"""Paragraphs whose markup is parsed once per process, not once per document.

The same exercise steps, headings and warnings appear in document after document; parsing
their markup was an eighth of the time a handout takes. ReportLab lets a Paragraph be built
from parsed fragments, which it then only reads, as its own split() does.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

PARSED_CACHE_SIZE = 4096


class _SharedParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph built from shared fragments, whose line breaking is shared too.

    Breaking lines depends only on the fragments, the style and the widths, and the same exercise
    steps are broken at the same widths in every handout (and twice per card: once to measure
    the card, once to place it), so the result is kept with the fragments it belongs to.
    """

    frags: Any  # ReportLab's parsed fragments, or after breaking mixed-style text, its words

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - ReportLab's name
        frags = self.frags
        key = (id(frags), id(self.style), tuple(width) if isinstance(width, list) else width)
        entry = _LINE_BREAKS.get(key)
        if entry is not None and entry.frags is frags and entry.style is self.style:
            self.frags = entry.words
            return entry.lines
        lines = super().breakLines(width)
        if len(_LINE_BREAKS) >= PARSED_CACHE_SIZE * 4:
            _LINE_BREAKS.clear()
        # Breaking mixed-style text swaps self.frags for a list of words that drawing and
        # splitting then read; a reused result must bring that list along.
        _LINE_BREAKS[key] = _Broken(frags, self.style, lines, self.frags)
        return lines


@dataclass(frozen=True, slots=True)
class _Broken:
    frags: Any  # the fragments that were broken; holding them keeps their id unique
    style: ParagraphStyle
    lines: Any
    words: Any  # self.frags after breaking: the same fragments, or their word list


_LINE_BREAKS: dict[tuple[int, int, Any], _Broken] = {}


def paragraph(markup: str, style: ParagraphStyle, bulletText: str | None = None) -> Paragraph:  # noqa: N803
    """A Paragraph, as Paragraph(markup, style, bulletText) would give, from cached fragments."""
    parsed_style, frags, bullet = _parsed(markup, style, bulletText)
    return _SharedParagraph(markup, parsed_style, bulletText=bullet, frags=frags)


@functools.lru_cache(maxsize=PARSED_CACHE_SIZE)
def _parsed(markup: str, style: ParagraphStyle, bullet: str | None) -> tuple[ParagraphStyle, Any, Any]:
    # Styles are built once per stylesheet and compared by identity, so they key the cache safely.
    parsed = Paragraph(markup, style, bulletText=bullet)
    return parsed.style, parsed.frags, parsed.bulletText
