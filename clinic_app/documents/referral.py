"""The referral letter: printed instead of the handout when a red flag was found.

It tells the patient, in their language, whom to see and how soon (the title already says it),
why, and that no exercises were given for their safety. It contains no exercise at all. A short
part for the doctor, in English and labelled so, lists the red flags, complaints and findings.
"""

from __future__ import annotations

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from clinic_app.catalogue import load_catalogue
from clinic_app.documents.flowables import boxed
from clinic_app.documents.layout import RenderedPdf, build_pdf
from clinic_app.documents.model import DocumentRequest
from clinic_app.documents.notes import fits_in_a_cell, labelled_note
from clinic_app.documents.parts import (
    Value,
    bullets,
    esc,
    facts,
    para,
    patient_facts,
    patient_page_setup,
)
from clinic_app.documents.styles import Stylesheet, patient_stylesheet
from clinic_app.documents.wording import Words, words
from clinic_app.domain import Complaint, Language
from clinic_app.errors import ClinicError


class NoReferralError(ClinicError):
    """A referral letter was asked for a visit without red flags."""


def render_referral_letter(request: DocumentRequest) -> RenderedPdf:
    referral = request.result.referral
    if not referral.required or referral.urgency is None:
        raise NoReferralError("no red flag is present: there is nothing to refer")
    language_words = words(request.language)
    styles = patient_stylesheet(request.large_print)
    title = language_words.referral.title[referral.urgency]
    story: list[Flowable] = [
        Paragraph(esc(title), styles.warn_title),
        patient_facts(request, language_words, styles),
        _how_soon(request, referral.urgency, language_words, styles),
        *_why(request, language_words, styles),
        Paragraph(f"<b>{esc(language_words.referral.no_exercises)}</b>", styles.emphasis),
        *_what_to_bring(language_words, styles),
        _your_therapist(request, language_words, styles),
        _for_the_doctor(request, language_words, styles),
    ]
    footer = request.clinic.footer_in(request.language)
    return build_pdf(story, patient_page_setup(request, title, footer_note=footer))


def _how_soon(request: DocumentRequest, urgency: str, language_words: Words, styles: Stylesheet) -> Flowable:
    urgency_text = load_catalogue().urgencies[urgency]
    language = request.language
    rows: list[Flowable] = [
        Paragraph(
            f"{esc(language_words.referral.how_soon)} <b>{esc(urgency_text.label[language].upper())}</b>",
            styles.warn_heading,
        ),
        Paragraph(esc(urgency_text.advice[language]), styles.advice),
    ]
    return boxed(
        rows,
        styles,
        border=styles.palette.warn,
        fill=styles.palette.warn_tint,
        line_width=styles.box_line * 2.5,
    )


def _why(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> list[Flowable]:
    flags = load_catalogue().red_flags
    reasons = [flags[flag_id].letter[request.language] for flag_id in request.result.referral.reasons]
    return [
        Paragraph(esc(language_words.referral.why_heading), styles.heading),
        para(language_words.referral.why_intro, styles.body),
        *bullets(reasons, styles.bullet, bold=True),
    ]


def _what_to_bring(language_words: Words, styles: Stylesheet) -> list[Flowable]:
    return [
        Paragraph(esc(language_words.referral.bring_heading), styles.heading),
        *bullets(language_words.referral.bring, styles.bullet),
    ]


def _your_therapist(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> Flowable:
    clinic = request.clinic
    lines: list[Flowable] = [Paragraph(esc(language_words.referral.therapist_heading), styles.heading)]
    who = [part for part in (request.visit.visit.clinician, clinic.name) if part and part.strip()]
    if who:
        lines.append(Paragraph(f"<b>{esc(', '.join(who))}</b>", styles.body))
    contact = [f"{label}: {value}" for label, value in _contact_pairs(request, language_words) if value]
    if contact:
        lines.append(para("  ·  ".join(contact), styles.body))
    lines.append(para(language_words.referral.after, styles.body))
    return KeepTogether(lines)


def _contact_pairs(request: DocumentRequest, language_words: Words) -> list[tuple[str, str]]:
    clinic = request.clinic
    return [
        (language_words.common.phone, clinic.phone.strip()),
        (language_words.common.email, clinic.email.strip()),
    ]


# For the doctor: clinician English, whatever the letter's language ----------------------------------


def _for_the_doctor(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> Flowable:
    catalogue = load_catalogue()
    english = words(Language.EN)
    visit, result = request.visit, request.result
    patient = visit.patient
    born = f", born {english.date(patient.birth_date)}" if patient.birth_date else ""
    flags = [
        f"{catalogue.red_flags[r].letter.en} ({r}; {catalogue.red_flags[r].urgency})"
        for r in result.referral.reasons
    ]
    referred_by = ", ".join(
        p for p in (visit.visit.clinician, request.clinic.name, request.clinic.phone) if p
    )
    pairs: list[tuple[str, Value]] = [
        ("Patient", f"{patient.full_name}{born} (MRN {patient.mrn})"),
        ("Red flags", flags),
        ("Complaints", [_complaint_line(c) for c in visit.complaints] or ["none recorded"]),
        ("Findings", [f.label for f in result.findings] or ["none on the screens done"]),
    ]
    if referred_by:
        pairs.append(("Referred by", referred_by))
    heading = Paragraph(esc(language_words.referral.doctor_heading), styles.subheading)
    table = facts(pairs, styles, value_style=styles.cell)
    # A table row cannot break across pages: a long note goes under the table, where it can.
    notes = [
        labelled_note(f"{_complaint_name(c)}: note", c.note, styles.cell_bold, styles.cell)
        for c in visit.complaints
        if c.note and c.note.strip() and not fits_in_a_cell(c.note)
    ]
    return boxed(
        [heading, table, *notes], styles, border=styles.palette.grid, fill=white, line_width=styles.box_line
    )


def _complaint_line(complaint: Complaint) -> str:
    pain = f", pain {complaint.pain}/10 (NPRS)" if complaint.pain is not None else ""
    note = complaint.note.strip() if complaint.note else ""
    if note:
        note = f"; {note}" if fits_in_a_cell(note) else "; note below"
    return f"{_complaint_name(complaint)}{pain}{note}"


def _complaint_name(complaint: Complaint) -> str:
    """The complaint as the letter names it: "Knee pain (left)", "Low back pain" (central)."""
    side = "" if complaint.side.value == "central" else f" ({complaint.side.value})"
    region = load_catalogue().regions[complaint.region].en
    return f"{region[:1].upper()}{region[1:]}{side}"
