"""The referral letter: printed whenever a red flag is present.

It tells the patient, in their language, what to do now, at the top and in large type: whom to
see (the title) and by when, with the day written out ("Within a week, by Wednesday, December 2,
2026"); then who it is for, why, what to do if it gets worse before then (the clinic's emergency
number), and whether to start the exercises meanwhile: not at all, for their safety; or, when the
therapist overrode every flag present, that it is safe to start them and the plan is on the pages
after the letter.

A letter to the doctor follows, in the clinic's letter language: addressed to the doctor, the visit
date, the flags and the combinations that raised the urgency in plain clinical words, what is asked
and by when, the complaints and findings, any override with the therapist's reason, and the
therapist's signature with their name and credentials and the clinic's contact. No ids: the doctor
never sees our codes. The clinic's handout footer (often about the exercises) is not printed on it.
"""

from __future__ import annotations

from reportlab.lib.colors import white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from clinic_app.catalogue import load_catalogue
from clinic_app.documents.checks import require_patient_document
from clinic_app.documents.flowables import KeepWhole, Signature, boxed
from clinic_app.documents.fonts import BOLD
from clinic_app.documents.layout import Part, RenderedPdf, build_pdf
from clinic_app.documents.model import DocumentRequest, plan_items
from clinic_app.documents.notes import fits_in_a_cell, labelled_note
from clinic_app.documents.paragraphs import paragraph
from clinic_app.documents.parts import (
    Value,
    bullets,
    capitalised,
    complaint_phrase,
    esc,
    para,
    patient_facts,
    patient_page_setup,
)
from clinic_app.documents.styles import Stylesheet, patient_stylesheet, table_style
from clinic_app.documents.wording import DoctorWords, Words, referral_deadline, words
from clinic_app.domain import Complaint, Language
from clinic_app.errors import ClinicError
from clinic_app.signatures import local_time_text


class NoReferralError(ClinicError):
    """A referral letter was asked for a visit without red flags."""


def render_referral_letter(request: DocumentRequest) -> RenderedPdf:
    require_patient_document(request)
    part = referral_part(request)
    return build_pdf(part.story, part.setup)


def referral_part(request: DocumentRequest) -> Part:
    """The letter's story and page furniture, to print alone or ahead of the handout."""
    referral = request.result.referral
    if not referral.required or referral.urgency is None:
        raise NoReferralError("no red flag is present: there is nothing to refer")
    language_words = words(request.language)
    styles = patient_stylesheet(request.large_print)
    title = letter_title(request)
    if request.exercises_despite_referral:
        planned = plan_items(request.visit, request.result)
        text = language_words.referral
        meanwhile = text.exercises_meanwhile if planned else text.exercises_meanwhile_none
    else:
        meanwhile = language_words.referral.no_exercises
    story: list[Flowable] = [
        # What to do now first, in the largest type: the title, then how soon, by which day.
        paragraph(esc(title), styles.warn_title),
        KeepWhole([_how_soon(request, referral.urgency, language_words, styles)]),
        patient_facts(request, language_words, styles),
        *_why(request, language_words, styles),
        paragraph(f"<b>{esc(meanwhile)}</b>", styles.emphasis),
        *_what_to_bring(language_words, styles),
        _after(request, language_words, styles),
        # Whole on one page where it fits (the doctor reads it at once); a longer one breaks
        # between items, its heading repeated.
        KeepWhole([_for_the_doctor(request, language_words, styles)]),
    ]
    # No handout footer: the clinic writes it for the handout ("questions about your exercises?").
    return Part(story, patient_page_setup(request, title))


def letter_title(request: DocumentRequest) -> str:
    urgency = request.result.referral.urgency or "routine"
    return words(request.language).referral.title[urgency]


def deadline(request: DocumentRequest) -> str:
    """How soon, with the day, for the patient: "Within a week, by Wednesday, December 2, 2026"."""
    urgency = request.result.referral.urgency or "routine"
    language_words = words(request.language)
    day = referral_deadline(urgency, request.visit.visit.date)
    return language_words.referral.deadline[urgency].format(date=language_words.full_date(day))


def doctor_deadline(request: DocumentRequest) -> str:
    """How soon, with the day, for the doctor: "within a week, by December 2, 2026"."""
    urgency = request.result.referral.urgency or "routine"
    letter_words = words(request.clinic.letter_language)
    day = referral_deadline(urgency, request.visit.visit.date)
    return letter_words.doctor.deadline[urgency].format(date=letter_words.date(day))


def _how_soon(request: DocumentRequest, urgency: str, language_words: Words, styles: Stylesheet) -> Flowable:
    urgency_text = load_catalogue().urgencies[urgency]
    language = request.language
    number = request.clinic.emergency_number.strip()
    rows: list[Flowable] = [
        paragraph(
            f"{esc(language_words.referral.how_soon)} <b>{esc(deadline(request))}</b>",
            styles.warn_heading,
        ),
        paragraph(esc(urgency_text.advice[language].format(emergency_number=number)), styles.advice),
    ]
    if urgency != "emergency":  # the emergency advice already gives the number
        rows.append(para(language_words.referral.if_worse.format(emergency_number=number), styles.bold))
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
        paragraph(esc(language_words.referral.why_heading), styles.heading),
        para(language_words.referral.why_intro, styles.body),
        *bullets(reasons, styles.bullet, bold=True),
    ]


def _what_to_bring(language_words: Words, styles: Stylesheet) -> list[Flowable]:
    return [
        paragraph(esc(language_words.referral.bring_heading), styles.heading),
        *bullets(language_words.referral.bring, styles.bullet),
    ]


def _after(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> Flowable:
    """What comes after the doctor: call the clinic (the therapist is named at the top)."""
    return paragraph(
        f"<b>{esc(language_words.referral.after.format(phone=request.clinic.phone.strip()))}</b>",
        styles.emphasis,
    )


# For the doctor: plain clinical words in the clinic's letter language -------------------------------


def _for_the_doctor(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> Flowable:
    language = request.clinic.letter_language
    heading_text = language_words.referral.doctor_heading
    if language is not request.language:
        name = language_words.referral.language_names[language]
        heading_text = language_words.referral.doctor_heading_in.format(language=name)
    heading = paragraph(esc(heading_text), styles.subheading)
    letter_words = words(language)
    doctor = letter_words.doctor
    opening = [
        para(doctor.salutation, styles.body),
        para(doctor.opening.format(date=letter_words.date(request.visit.visit.date)), styles.body),
    ]
    # A table row cannot break across pages: a long note goes under the rows, where it can.
    notes = [
        labelled_note(doctor.note_label.format(number=number), c.note, styles.cell_bold, styles.cell)
        for number, c in enumerate(request.visit.complaints, start=1)
        if c.note and c.note.strip() and not fits_in_a_cell(c.note)
    ]
    return boxed(
        [
            heading,
            *opening,
            *_doctor_rows(doctor_facts(request), styles),
            *notes,
            _signature(request, letter_words, styles),
        ],
        styles,
        border=styles.palette.grid,
        fill=white,
        line_width=styles.box_line,
        repeat_heading=True,
    )


def _doctor_rows(pairs: list[tuple[str, Value]], styles: Stylesheet) -> list[Table]:
    """Label and value rows, one table per item so that a long part breaks between items.

    A value of several items lists them as bullets (the label on the first only), each wrapping
    under itself; the label column has the same width in every row, so the rows line up.
    """
    # As wide as the widest label (so no label wraps and leaves a gap before its second item), at
    # most a third of the page.
    widest = max(stringWidth(label, BOLD, styles.cell_bold.fontSize) for label, _ in pairs)
    label_width = min(widest + styles.gap * 0.8, styles.body_size * 12)
    rows: list[Table] = []
    for label, value in pairs:
        items = [value] if isinstance(value, str) else list(value)
        for index, item in enumerate(items or [""]):
            cell = bullets([item], styles.doctor_item)[0] if len(items) > 1 else para(item, styles.cell)
            table = Table(
                [[para(label if index == 0 else "", styles.cell_bold), cell]],
                colWidths=[label_width, None],
                hAlign="LEFT",
            )
            table.setStyle(
                table_style(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), styles.gap * 0.5),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 if index == len(items) - 1 else 0),
                    ]
                )
            )
            rows.append(table)
    return rows


def doctor_facts(request: DocumentRequest) -> list[tuple[str, Value]]:
    """The doctor's part as label and value rows, in the clinic's letter language."""
    catalogue = load_catalogue()
    language = request.clinic.letter_language
    letter_words = words(language)
    doctor = letter_words.doctor
    visit, result = request.visit, request.result
    referral = result.referral
    urgency = catalogue.urgencies[referral.urgency or "routine"]
    reasons = {override.id: override.reason for override in visit.red_flag_overrides or ()}
    flags = []
    for flag_id in referral.reasons:
        clinician = catalogue.red_flags[flag_id].clinician[language]
        if flag_id in referral.overridden:
            flags.append(doctor.overridden.format(flag=clinician, reason=reasons.get(flag_id, "")))
        else:
            flags.append(clinician)
    if request.exercises_despite_referral:
        requested = doctor.assess_when.format(when=urgency.when[language])
    else:
        requested = urgency.clinician[language]
    pairs: list[tuple[str, Value]] = [
        (doctor.patient, _patient_line(request, letter_words)),
        (doctor.red_flags, flags),
    ]
    combinations = {combination.id: combination for combination in catalogue.combinations}
    raised_by = [combinations[rule].clinician[language] for rule in referral.combinations]
    if raised_by:
        pairs.append((doctor.raised_by, raised_by))
    pairs += [
        (doctor.requested, requested),
        (doctor.deadline_label, doctor_deadline(request)),
        (
            doctor.complaints,
            [_complaint_line(c, language, doctor) for c in visit.complaints] or [doctor.no_complaints],
        ),
        (doctor.findings, _findings(request, language, doctor) or [doctor.no_findings]),
    ]
    if request.exercises_despite_referral:
        items = plan_items(visit, result)
        names = [doctor.sided(item.exercise.text[language].name, item.side) for item in items]
        if names:
            pairs.append((doctor.exercises, f"{doctor.exercises_started} {'; '.join(names)}."))
    return pairs


def _signature(request: DocumentRequest, letter_words: Words, styles: Stylesheet) -> Signature:
    """The therapist's closing and signature: name and credentials, the clinic and its contact."""
    doctor, common = letter_words.doctor, letter_words.common
    clinic = request.clinic
    signature = request.signature
    clinician = signature.name if signature is not None else (request.visit.visit.clinician or "").strip()
    below = [para(clinician, styles.cell_bold) if clinician else para(doctor.therapist, styles.cell)]
    if signature is not None and signature.licence:
        below.append(para(doctor.licence.format(licence=signature.licence), styles.cell))
    if signature is not None and signature.by_account and signature.at is not None:
        below.append(para(doctor.signed.format(time=local_time_text(signature.at)), styles.cell))
    if clinic.name.strip():
        below.append(para(clinic.name.strip(), styles.cell))
    contact = [
        f"{label}: {value.strip()}"
        for label, value in ((common.phone, clinic.phone), (common.email, clinic.email))
        if value.strip()
    ]
    if contact:
        below.append(para("  ·  ".join(contact), styles.cell))
    # The letter's date is the visit's, in its first sentence; the clinic's address heads page 1.
    return Signature(para(doctor.closing, styles.cell), below, styles, room=styles.body_size * 2.4)


def _patient_line(request: DocumentRequest, letter_words: Words) -> str:
    patient = request.visit.patient
    doctor = letter_words.doctor
    if patient.birth_date is None:
        return doctor.patient_line.format(name=patient.full_name, mrn=patient.mrn)
    born = letter_words.date(patient.birth_date)
    return doctor.patient_born.format(name=patient.full_name, born=born, mrn=patient.mrn)


def _findings(request: DocumentRequest, language: Language, doctor: DoctorWords) -> list[str]:
    definitions = load_catalogue().findings
    return [
        doctor.sided(definitions[finding.key].definition.label[language], finding.side)
        for finding in request.result.findings
    ]


def _complaint_line(complaint: Complaint, language: Language, doctor: DoctorWords) -> str:
    parts = [capitalised(complaint_phrase(complaint, language))]
    if complaint.pain is not None:
        parts.append(doctor.pain.format(pain=complaint.pain))
    line = ", ".join(parts)
    note = complaint.note.strip() if complaint.note else ""
    if note and not fits_in_a_cell(note):
        note = doctor.note_below
    return f"{line}; {note}" if note else line
