"""Helpers of the document tests: example visits, a clinic profile, and reading PDFs back."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any, cast

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from clinic_app.documents import DocumentRequest, render_patient_document
from clinic_app.domain import ClinicProfile, Language, PaperSize, Patient, Visit
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES

KNEE = "knee-left-tight-calf"
NECK = "neck-headache-shoulder"
RED_FLAG = "low-back-red-flag"
OVERRIDE = "hip-ankle-override-older-adult"  # a routine flag overridden: the letter, then the handout
EXAMPLE_NAMES = sorted(p.name.removesuffix(".visit.json") for p in EXAMPLES.glob("*.visit.json"))
UNICODE_NAMES = [
    ("Zoë", "Núñez"),
    ("Łucja", "Wiśniewska"),
    ("Nguyễn", "Văn An"),
    ("Siobhán", "Ó Súilleabháin"),
]

# Example data only (the clinic of the article the product grew from); real profiles come from settings.
# Every document needs the clinic's name, phone and emergency number (there is no default number).
CLINIC = ClinicProfile(
    name="Preferred Physical Therapy",
    address="1234 W Camelback Rd, Suite 100\nPhoenix, AZ 85015",
    phone="623-486-3333",
    email="front.desk@preferredpt.example",
    booking="Book your next visit online at preferredpt.example/book, or call the front desk.",
    handout_footer="Open Monday to Friday, 7 am to 6 pm.",
    emergency_number="911",
)
# A clinic where the emergency number is not 911, as the `--clinic` file of the contract gives it.
CLINIC_FILE = {
    "name": "Fisioterapia del Sol",
    "phone": "+34 910 000 000",
    "emergency_number": "112",
    "address": "Calle Mayor 1, Madrid",
    "email": "hola@fisiosol.example",
    "footer": "Open Monday to Friday, 8:00 to 20:00.",
    "footer_es": "Abierto de lunes a viernes, de 8:00 a 20:00.",
}


def example(name: str) -> Visit:
    return parse_visit_document((EXAMPLES / f"{name}.visit.json").read_text(encoding="utf-8"))


def with_patient_name(visit: Visit, given: str, family: str) -> Visit:
    patient = Patient.model_validate(
        {**visit.patient.model_dump(), "given_name": given, "family_name": family}
    )
    return visit.model_copy(update={"patient": patient})


def request(
    visit: Visit,
    *,
    language: Language | None = None,
    large_print: bool = False,
    paper: PaperSize | None = None,
    clinic: ClinicProfile = CLINIC,
) -> DocumentRequest:
    return DocumentRequest.for_visit(
        visit, clinic=clinic, language=language, large_print=large_print, paper=paper
    )


def patient_pdf(visit: Visit, **options: Any) -> bytes:
    return render_patient_document(request(visit, **options)).pdf


def without_checklist(visit: Visit) -> Visit:
    """The visit as if no red-flag question had been asked."""
    return visit.model_copy(update={"red_flags": None, "red_flag_overrides": None})


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page, with every run of white space made one space (lines may wrap anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [normalised(page.extract_text() or "") for page in reader.pages]


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_of(pages: list[str], text: str) -> int:
    """The index of the first page that contains `text` (white space normalised)."""
    wanted = normalised(text)
    for index, page in enumerate(pages):
        if wanted in page:
            return index
    raise AssertionError(f"{wanted!r} is on no page")


def font_sizes(pdf: bytes) -> Counter[float]:
    """How many text-showing operations use each font size, over every page."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes: Counter[float] = Counter()
    current = [0.0]  # the size set by the last Tf operator

    def visit(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator == b"Tf":
            current[0] = round(float(operands[1]), 2)
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            sizes[current[0]] += 1

    for page in reader.pages:
        page.extract_text(visitor_operand_before=visit)
    return sizes


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the PDF uses, by base name, and whether its program is embedded (TrueType)."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        font_dictionary = cast(DictionaryObject, resources.get("/Font", DictionaryObject()))
        for reference in font_dictionary.values():
            font = cast(DictionaryObject, reference.get_object())
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in cast(
                DictionaryObject, descriptor.get_object()
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def fullest_visit() -> Visit:
    """A visit with everything abnormal and five complaints: the longest documents there can be."""
    import datetime as dt

    from clinic_app.domain import (
        AnkleSide,
        BilateralScreen,
        Complaint,
        HeadPostureScreen,
        HeadResult,
        HipSide,
        LevelResult,
        LevelScreen,
        Region,
        Screenings,
        Sex,
        Side,
        VisitInfo,
        VisitStatus,
    )

    note = "worse on stairs and after sitting for a long time at work"
    hips = HipSide(
        knee_bent_when_raised=True, foot_turned_out_when_resting=True, raised_angle_deg=60, fms_score=1
    )
    ankles = AnkleSide(knee_touches_wall=False, heel_lifted=True, toe_to_wall_cm=6.5)
    regions = [
        (Region.NECK, Side.CENTRAL),
        (Region.HEAD, Side.CENTRAL),
        (Region.KNEE, Side.BOTH),
        (Region.LOW_BACK, Side.CENTRAL),
        (Region.HIP, Side.LEFT),
    ]
    return Visit(
        patient=Patient(
            mrn="A-1001",
            given_name="Siobhán",
            family_name="Ó Súilleabháin",
            birth_date=dt.date(1951, 3, 9),
            sex=Sex.FEMALE,
            language=Language.EN,
        ),
        visit=VisitInfo(
            date=dt.date(2026, 11, 25), clinician="Sam Lee, PT, DPT", status=VisitStatus.FINAL, id="v-123"
        ),
        complaints=tuple(Complaint(region=region, side=side, pain=5, note=note) for region, side in regions),
        red_flags=(),
        screenings=Screenings(
            shoulder_height=LevelScreen(result=LevelResult.LEFT_HIGHER, difference_cm=1.5),
            head_posture=HeadPostureScreen(result=HeadResult.FORWARD, craniovertebral_angle_deg=44),
            hip_mobility=BilateralScreen[HipSide](left=hips, right=hips),
            ankle_mobility=BilateralScreen[AnkleSide](left=ankles, right=ankles),
            pelvic_height=LevelScreen(result=LevelResult.RIGHT_HIGHER, difference_cm=1.0),
        ),
    )
