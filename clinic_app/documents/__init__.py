"""Printed documents: the patient's home-exercise handout or referral letter, and the chart summary.

Plain data in, PDF bytes out: no database and no Qt. Build a request from a visit, then

    request = DocumentRequest.for_visit(visit, clinic=profile, settings=settings)
    document = render_patient_document(request)  # a referral letter whenever red flags are present
    summary = render_visit_summary(request)

The desktop app and the `clinic handout` / `clinic summary` commands both call these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clinic_app.documents.handout import ReferralRequiredError, render_handout
from clinic_app.documents.illustrations import IllustrationError
from clinic_app.documents.layout import RenderedPdf
from clinic_app.documents.model import DocumentRequest, PlanItem, plan_items
from clinic_app.documents.referral import NoReferralError, render_referral_letter
from clinic_app.documents.summary import render_visit_summary as _render_summary

PatientDocumentKind = Literal["handout", "referral"]


@dataclass(frozen=True, slots=True)
class PatientDocument:
    """What the patient takes home: a handout, or a referral letter when red flags were found."""

    kind: PatientDocumentKind
    pdf: bytes
    pages: int


def render_patient_document(request: DocumentRequest) -> PatientDocument:
    """The patient's printout: the referral letter whenever referral is required, else the handout."""
    if request.referral_required:
        return _patient_document("referral", render_referral_letter(request))
    return _patient_document("handout", render_handout(request))


def render_visit_summary(request: DocumentRequest) -> bytes:
    """The clinician's chart copy of the visit, as PDF bytes (always English)."""
    return _render_summary(request).data


def _patient_document(kind: PatientDocumentKind, rendered: RenderedPdf) -> PatientDocument:
    return PatientDocument(kind=kind, pdf=rendered.data, pages=rendered.pages)


__all__ = [
    "DocumentRequest",
    "IllustrationError",
    "NoReferralError",
    "PatientDocument",
    "PatientDocumentKind",
    "PlanItem",
    "ReferralRequiredError",
    "plan_items",
    "render_patient_document",
    "render_visit_summary",
]


def warm_up() -> None:
    """Do the once-per-process work now (fonts, pictures, wording), so the first print is quick."""
    from clinic_app.documents.fonts import register_fonts
    from clinic_app.documents.illustrations import illustration
    from clinic_app.documents.wording import words
    from clinic_app.domain import Language
    from clinic_app.exercises import load_library

    register_fonts()
    for exercise in load_library().exercises.values():
        illustration(exercise)
    for language in Language:
        words(language)
