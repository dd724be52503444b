"""Printing a handout: a six-exercise handout with pictures, built warm in the process.

The floor is a bare ReportLab document built in the same run: same page size, the same number of
pages, a few paragraphs of the built-in Helvetica on each, no pictures, no embedded font, no page
templates. The ratio is what our layout, pictures and embedded Unicode font cost on top of ReportLab
itself. Warm means fonts registered, SVGs parsed and styles built once before timing, as in the
desktop app after its first print; each SVG is parsed once per process, never per document.
"""

from __future__ import annotations

import io
from typing import Any

from benchmarks.timing import measure, result
from clinic_app.documents import DocumentRequest, render_patient_document
from clinic_app.domain import ClinicProfile, Prescription, Side, Visit
from clinic_app.exercises import load_library
from clinic_app.triage import triage
from clinic_app.visitdoc import parse_visit_document

RUNS = 30
GOAL = "<= 3x floor"
EXERCISES = (
    "calf_stretch_wall",
    "knee_to_wall_ankle_rocking",
    "hamstring_stretch_strap",
    "figure_four_glute_stretch",
    "doorway_chest_stretch",
    "seated_chin_tuck",
)
CLINIC = ClinicProfile(
    name="Preferred Physical Therapy",
    address="1234 W Camelback Rd, Suite 100\nPhoenix, AZ 85015",
    phone="623-486-3333",
    emergency_number="911",
    booking="Book online or call the front desk.",
    handout_footer="Open Monday to Friday, 7 am to 6 pm.",
)
VISIT = """{
  "schema": "clinic-app/visit/2",
  "patient": {"mrn": "B-1", "given_name": "Łucja", "family_name": "Wiśniewska", "language": "en"},
  "visit": {"date": "2026-11-25", "clinician": "Sam Lee, PT, DPT"},
  "complaints": [{"region": "knee", "side": "left", "pain": 6}, {"region": "neck", "side": "central", "pain": 4}],
  "red_flags": [],
  "screenings": {"ankle_mobility": {"left": {"knee_touches_wall": false, "heel_lifted": true}},
                 "head_posture": {"result": "forward"}}
}"""


def six_exercise_request() -> DocumentRequest:
    library = load_library().exercises
    plan = tuple(
        Prescription(
            exercise=exercise_id,
            side=Side.LEFT if library[exercise_id].per_side else Side.CENTRAL,
            dosing=library[exercise_id].dosing,
        )
        for exercise_id in EXERCISES
    )
    visit: Visit = parse_visit_document(VISIT).model_copy(update={"plan": plan})
    return DocumentRequest.for_visit(visit, result=triage(visit), clinic=CLINIC)


def bare_document(pages: int, page_size: tuple[float, float], font: str | None = None) -> bytes:
    """The least a ReportLab document of this many pages costs: a few plain paragraphs per page,
    in the built-in Helvetica or, given `font`, in that registered font (embedded)."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    if font is not None:
        for name in ("Heading1", "BodyText"):
            styles[name].fontName = font
    story: list[Any] = []
    for page in range(pages):
        story.append(Paragraph(f"Page {page + 1}", styles["Heading1"]))
        story += [
            Paragraph(
                "Stand facing a wall and put both hands on it at chest height. " * 4, styles["BodyText"]
            )
        ] * 4
        if page < pages - 1:
            story.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=page_size, invariant=1, initialFontName=font or "Helvetica").build(
        story
    )
    return buffer.getvalue()


def run() -> list[dict[str, Any]]:
    from reportlab.lib.pagesizes import LETTER

    from clinic_app.documents.fonts import register_fonts

    request = six_exercise_request()
    document = render_patient_document(request)  # warms fonts, pictures, styles and wording
    if document.kind != "handout":
        raise RuntimeError("the benchmark visit must give a handout")
    pages, font = document.pages, register_fonts()
    ours = measure(lambda: render_patient_document(request), runs=RUNS, warmup=3)
    bare = measure(lambda: bare_document(pages, LETTER), runs=RUNS, warmup=3)
    # The handout must embed a Unicode TrueType font (names such as Nguyễn), which costs about as
    # much again as a bare document; this floor pays that too, to show what the rest costs.
    bare_embedded = measure(lambda: bare_document(pages, LETTER, font), runs=RUNS, warmup=3)
    name = f"handout, 6 exercises with pictures, {pages} pages, warm"
    extra = {"pages": pages, "pdf_bytes": len(document.pdf)}
    return [
        result(
            name, ours, f"bare ReportLab, {pages} pages of paragraphs (Helvetica)", bare, goal=GOAL, **extra
        ),
        result(
            name, ours, f"bare ReportLab, {pages} pages, same embedded TTF", bare_embedded, goal=GOAL, **extra
        ),
    ]
