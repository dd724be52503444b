"""Printed documents: the patient's home-exercise handout or referral letter, and the chart summary.

Plain data in, PDF bytes out: no database and no Qt. Build a request from a visit, then

    request = DocumentRequest.for_visit(visit, clinic=profile, settings=settings)
    document = render_patient_document(request)  # handout, referral letter, or the letter then the handout
    summary = render_visit_summary(request)

The desktop app and the `clinic handout` / `clinic summary` commands both call these, and both get
the same checks before a page is laid out (clinic_app.documents.checks): a request that cannot be
printed right (no red-flag checklist, no clinic name, phone or emergency number, a character the
font cannot draw) raises InvalidInput naming every field at fault, and nothing is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clinic_app.documents.checks import require_patient_document, require_summary
from clinic_app.documents.handout import ReferralRequiredError, handout_part, render_handout
from clinic_app.documents.illustrations import IllustrationError
from clinic_app.documents.layout import RenderedPdf, build_parts
from clinic_app.documents.model import DocumentRequest, PlanItem, plan_items
from clinic_app.documents.referral import NoReferralError, referral_part, render_referral_letter
from clinic_app.documents.summary import render_visit_summary as _render_summary

PatientDocumentKind = Literal["handout", "referral", "referral_and_handout"]


@dataclass(frozen=True, slots=True)
class PatientDocument:
    """What the patient takes home: a handout, a referral letter, or the letter and then the handout.

    `part_pages` gives the pages of each part in order (letter, handout); each part is numbered on
    its own, so the letter can be handed to the doctor as a whole.
    """

    kind: PatientDocumentKind
    pdf: bytes
    pages: int
    part_pages: tuple[int, ...] = ()


def render_patient_document(request: DocumentRequest) -> PatientDocument:
    """The patient's printout, as the triage's plan status decides.

    - a red flag standing: the referral letter alone, no exercises;
    - every flag present overridden by the therapist: the letter first, then the handout, in one PDF;
    - otherwise the handout.
    Raises InvalidInput, writing nothing, when the checklist was not done or the clinic profile lacks
    its name, phone or emergency number.
    """
    require_patient_document(request)
    if request.exercises_despite_referral:
        letter, handout = referral_part(request), handout_part(request)
        title = f"{letter.setup.title} · {handout.setup.title}"
        return _patient_document("referral_and_handout", build_parts([letter, handout], title=title))
    if request.referral_required:
        return _patient_document("referral", build_parts([referral_part(request)]))
    return _patient_document("handout", build_parts([handout_part(request)]))


def render_visit_summary(request: DocumentRequest) -> bytes:
    """The clinician's chart copy of the visit, as PDF bytes (always English)."""
    require_summary(request)
    return _render_summary(request).data


def _patient_document(kind: PatientDocumentKind, rendered: RenderedPdf) -> PatientDocument:
    return PatientDocument(kind=kind, pdf=rendered.data, pages=rendered.pages, part_pages=rendered.part_pages)


__all__ = [
    "DocumentRequest",
    "IllustrationError",
    "NoReferralError",
    "PatientDocument",
    "PatientDocumentKind",
    "PlanItem",
    "ReferralRequiredError",
    "plan_items",
    "render_handout",
    "render_patient_document",
    "render_referral_letter",
    "render_visit_summary",
]


def warm_up() -> None:
    """Do the once-per-process work now (fonts, pictures, wording), so the first print is quick."""
    from clinic_app.documents.fonts import register_fonts
    from clinic_app.documents.illustrations import picture_source
    from clinic_app.documents.wording import words
    from clinic_app.domain import Language, Side
    from clinic_app.exercises import load_library

    register_fonts()
    for exercise in load_library().exercises.values():
        picture_source(exercise)
        if exercise.per_side:
            picture_source(exercise, side=Side.LEFT)  # the mirrored picture
    for language in Language:
        words(language)
