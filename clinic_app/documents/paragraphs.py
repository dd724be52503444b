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


def paragraph(markup: str, style: ParagraphStyle, bulletText: str | None = None) -> Paragraph:  # noqa: N803
    """A Paragraph, as Paragraph(markup, style, bulletText) would give, from cached fragments."""
    parsed_style, frags, bullet = _parsed(markup, style, bulletText)
    return Paragraph(markup, parsed_style, bulletText=bullet, frags=frags)


@functools.lru_cache(maxsize=PARSED_CACHE_SIZE)
def _parsed(markup: str, style: ParagraphStyle, bullet: str | None) -> tuple[ParagraphStyle, Any, Any]:
    # Styles are built once per stylesheet and compared by identity, so they key the cache safely.
    parsed = Paragraph(markup, style, bulletText=bullet)
    return parsed.style, parsed.frags, parsed.bulletText
