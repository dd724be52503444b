"""Shared paragraph parsing and line breaking never change what is printed."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from clinic_app.documents import paragraphs, render_patient_document
from clinic_app.documents.model import DocumentRequest

from .helpers import EXAMPLE_NAMES, example, request


def all_documents() -> list[DocumentRequest]:
    requests = [request(example(name)) for name in EXAMPLE_NAMES]
    requests += [request(example(name), large_print=True) for name in EXAMPLE_NAMES]
    return requests


def render(requests: list[DocumentRequest]) -> list[bytes]:
    return [render_patient_document(r).pdf for r in requests]


def test_documents_are_the_same_bytes_with_cold_or_warm_caches_in_any_order() -> None:
    requests = all_documents()
    paragraphs._LINE_BREAKS.clear()
    paragraphs._parsed.cache_clear()
    cold = render(requests)
    warm_reversed = render(list(reversed(requests)))[::-1]
    assert warm_reversed == cold
    assert paragraphs._LINE_BREAKS, "the line-break cache was not used"


def test_a_second_document_breaks_no_paragraph_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    # Mixed bold and plain text ("<b>Why:</b> ...") is the case ReportLab rewrites while breaking.
    document = request(example(EXAMPLE_NAMES[0]))
    render_patient_document(document)
    fresh: list[str] = []
    original = Paragraph.breakLines

    def counting(self: Paragraph, width: object) -> object:
        fresh.append(self.text)
        return original(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    render_patient_document(document)

    assert fresh == []


def test_a_reused_mixed_style_paragraph_splits_as_a_fresh_one() -> None:
    style = getSampleStyleSheet()["BodyText"]
    markup = "<b>Why:</b> " + "loosens a tight calf so the knee can move forward. " * 12

    def split_lines() -> list[list[str]]:
        shared = paragraphs.paragraph(markup, style)
        shared.wrap(200, 1e6)
        return [
            [getattr(word, "text", "") for line in part.blPara.lines for word in line.words]
            for part in shared.split(200, 60)
            if part.wrap(200, 1e6)
        ]

    first, again = split_lines(), split_lines()
    plain = Paragraph(markup, style)
    plain.wrap(200, 1e6)
    expected = [
        [getattr(word, "text", "") for line in part.blPara.lines for word in line.words]
        for part in plain.split(200, 60)
        if part.wrap(200, 1e6)
    ]
    assert first == expected
    assert again == expected
