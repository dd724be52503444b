"""What a request must hold before any document is built from it; shared by the app and the commands.

A document that cannot be printed right is not printed at all: the checks raise InvalidInput, with
one problem per field (the command line exits 2 with them; the app shows them), before a single
page is laid out. Every document needs the clinic's name, phone and emergency number (the patient
is told whom to call, and what to call in an emergency: there is no default number), and every
character it prints must be one the shipped fonts can draw (documents.fonts: DejaVu Sans and its
fallbacks for Devanagari and for Chinese, Japanese and Korean), never an empty box; a private-use
character never is. A patient document needs the red-flag checklist, and no override that the other
entries of the visit no longer allow.
"""

from __future__ import annotations

from collections.abc import Iterator

from clinic_app.documents.fonts import missing_glyphs
from clinic_app.documents.model import DocumentRequest
from clinic_app.domain import ClinicProfile
from clinic_app.errors import InvalidInput, Problem
from clinic_app.red_flags import override_problems

CHECKLIST_MISSING = (
    "the red-flag checklist was not done: ask every question on it before printing a home programme"
)
# The clinic fields every document needs, and what each is for.
REQUIRED_CLINIC_FIELDS = {
    "name": "the clinic's name, printed at the top of every document",
    "phone": "the number patients call with questions",
    "emergency_number": "the number patients call in an emergency where the clinic is, "
    "for example 911, 112 or 999 (there is no default)",
}

# Clinic fields as the `--clinic` file names them (docs/spec/formats.md), so a problem names the
# field the user can fix whether the profile came from the file or from the settings.
CLINIC_FIELD_NAMES = {"handout_footer": "footer", "handout_footer_es": "footer_es"}


def require_patient_document(request: DocumentRequest) -> None:
    """Raise InvalidInput unless the patient's handout or referral letter can be printed."""
    problems = []
    if not request.checklist_done:
        problems.append(Problem("red_flags", CHECKLIST_MISSING))
    problems += override_problems(request.visit)
    problems += clinic_problems(request.clinic)
    problems += unprintable(request)
    if problems:
        raise InvalidInput(problems)


def require_summary(request: DocumentRequest) -> None:
    """Raise InvalidInput unless the chart summary can be printed (it needs no checklist)."""
    problems = [*clinic_problems(request.clinic), *unprintable(request)]
    if problems:
        raise InvalidInput(problems)


def clinic_problems(clinic: ClinicProfile) -> list[Problem]:
    """A missing name, phone or emergency number, one problem each."""
    return [
        Problem(f"clinic.{field}", f"required, not set in the clinic profile: {why}")
        for field, why in REQUIRED_CLINIC_FIELDS.items()
        if not str(getattr(clinic, field)).strip()
    ]


def unprintable(request: DocumentRequest) -> list[Problem]:
    """Every printed field holding a character no shipped font can draw (it would print as a box)."""
    problems = []
    for path, text in _printed_texts(request):
        missing = missing_glyphs(text)
        if missing:
            points = ", ".join(f"U+{ord(ch):04X}" for ch in missing)
            problems.append(Problem(path, f"{points} cannot be printed"))
    return problems


def _printed_texts(request: DocumentRequest) -> Iterator[tuple[str, str]]:
    visit, clinic = request.visit, request.clinic
    patient = visit.patient
    yield "patient.given_name", patient.given_name
    yield "patient.family_name", patient.family_name
    yield "patient.mrn", patient.mrn
    if visit.visit.clinician:
        yield "visit.clinician", visit.visit.clinician
    for index, complaint in enumerate(visit.complaints):
        if complaint.note:
            yield f"complaints[{index}].note", complaint.note
    for index, override in enumerate(visit.red_flag_overrides or ()):
        yield f"red_flag_overrides[{index}].reason", override.reason
    for index, prescription in enumerate(visit.plan or ()):
        if prescription.note:
            yield f"plan[{index}].note", prescription.note
    for field in ("name", "address", "phone", "email", "emergency_number", "booking", "booking_es"):
        yield f"clinic.{field}", str(getattr(clinic, field))
    for field in ("handout_footer", "handout_footer_es"):
        yield f"clinic.{CLINIC_FIELD_NAMES[field]}", str(getattr(clinic, field))
