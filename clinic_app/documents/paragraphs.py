"""Paragraphs whose markup is parsed once per process, not once per document.

The same exercise steps, headings and warnings appear in document after document; parsing
their markup was an eighth of the time a handout takes. ReportLab lets a Paragraph be built
from parsed fragments, which it then only reads, as its own split() does.
"""

from __future__ import annotations

import functools
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

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - ReportLab's name
        key = (id(self.frags), id(self.style), tuple(width) if isinstance(width, list) else width)
        entry = _LINE_BREAKS.get(key)
        if entry is not None and entry[0] is self.frags and entry[1] is self.style:
            return entry[2]
        lines = super().breakLines(width)
        if len(_LINE_BREAKS) >= PARSED_CACHE_SIZE * 4:
            _LINE_BREAKS.clear()
        _LINE_BREAKS[key] = (self.frags, self.style, lines)  # holding both keeps their ids unique
        return lines


_LINE_BREAKS: dict[tuple[int, int, Any], tuple[Any, ParagraphStyle, Any]] = {}


def paragraph(markup: str, style: ParagraphStyle, bulletText: str | None = None) -> Paragraph:  # noqa: N803
    """A Paragraph, as Paragraph(markup, style, bulletText) would give, from cached fragments."""
    parsed_style, frags, bullet = _parsed(markup, style, bulletText)
    return _SharedParagraph(markup, parsed_style, bulletText=bullet, frags=frags)


@functools.lru_cache(maxsize=PARSED_CACHE_SIZE)
def _parsed(markup: str, style: ParagraphStyle, bullet: str | None) -> tuple[ParagraphStyle, Any, Any]:
    # Styles are built once per stylesheet and compared by identity, so they key the cache safely.
    parsed = Paragraph(markup, style, bulletText=bullet)
    return parsed.style, parsed.frags, parsed.bulletText
