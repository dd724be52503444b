"""Shared paragraph parsing and line breaking never change what is printed."""

from __future__ import annotations

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
