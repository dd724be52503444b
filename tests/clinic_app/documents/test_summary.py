"""The clinician's visit summary: everything recorded and decided, with measurements and rules."""

from __future__ import annotations

import pytest

from clinic_app.catalogue import load_catalogue
from clinic_app.documents import render_visit_summary
from clinic_app.domain import AnkleSide, BilateralScreen, Dosing, Language, Prescription, Screenings, Side
from clinic_app.triage import triage

from .helpers import KNEE, NECK, OVERRIDE, RED_FLAG, example, pages_text, request, without_checklist


def summary_text(visit) -> tuple[str, int]:
    pages = pages_text(render_visit_summary(request(visit)))
    return " ".join(pages), len(pages)


def test_the_summary_records_measurements_with_units() -> None:
    text, pages = summary_text(example(NECK))

    assert pages <= 2
    assert "Daniel O'Brien" in text
    assert "EX-2" in text
    assert "1970-01-01" in text
    assert "2026-11-25" in text
    assert "difference 1.5 cm" in text
    assert "CVA 44 degrees" in text
    for screen in ("Hip mobility", "Ankle mobility", "Pelvic height"):
        assert screen in text
    assert text.count("not done") >= 3


def test_the_summary_records_both_legs_and_the_toe_to_wall_distance() -> None:
    ankle = BilateralScreen[AnkleSide](
        left=AnkleSide(toe_to_wall_cm=6.5),
        right=AnkleSide(knee_touches_wall=True, heel_lifted=False, toe_to_wall_cm=11),
    )
    visit = example(KNEE).model_copy(update={"screenings": Screenings(ankle_mobility=ankle)})
    text, _ = summary_text(visit)

    assert "Left: toe-to-wall 6.5 cm" in text
    assert "Right: toe-to-wall 11 cm" in text
    assert "ankle_mobility.distance_below_cutoff" in text


def test_every_red_flag_is_listed_with_its_status() -> None:
    flags = load_catalogue().red_flags
    present, _ = summary_text(example(RED_FLAG))
    not_asked, _ = summary_text(example(NECK).model_copy(update={"red_flags": None}))

    for flag_id in flags:
        assert f"[{flag_id}" in present
        assert f"[{flag_id}" not in not_asked
    assert present.count("PRESENT") == 1
    assert f"Absent ({len(flags) - 1}):" in present
    assert "[saddle_numbness; emergency]" in present
    assert flags["saddle_numbness"].clinician.en in present, "a flag present is in clinical words"
    assert "Red-flag checklist: NOT DONE" in not_asked
    assert f"Not asked: none of the {len(flags)} questions was answered" in not_asked
    assert "REFERRAL REQUIRED (EMERGENCY: now)" in present
    assert load_catalogue().urgencies["emergency"].clinician.en in present


@pytest.mark.parametrize(
    ("visit_name", "checklist", "status"),
    [
        (NECK, True, "Plan status: home programme proposed [proposed]"),
        (RED_FLAG, True, "Plan status: referral: a red flag stands, no home programme [referral]"),
        (OVERRIDE, True, "Plan status: home programme proposed [proposed]"),
        (NECK, False, "[needs_red_flag_checklist]"),
    ],
)
def test_the_plan_status_is_recorded(visit_name: str, checklist: bool, status: str) -> None:
    visit = example(visit_name) if checklist else without_checklist(example(visit_name))
    text, _ = summary_text(visit)

    assert status in text


def test_an_override_is_recorded_with_its_reason_and_the_plan_printed_after_the_letter() -> None:
    text, pages = summary_text(example(OVERRIDE))

    assert pages <= 2
    assert "REFERRAL REQUIRED (ROUTINE: within a week)" in text
    assert "Past history of cancer (risk factor for metastatic disease) [cancer_history]: in force. " in text
    assert "Reason: Breast cancer treated 2009, discharged from oncology; GP aware." in text
    assert (
        "Plan (as proposed by the rules), printed after the referral letter (every flag overridden)" in text
    )
    assert "Lying hip lift (bridge)" in text
    assert "complaint 1: hip (right)" in text, "strengthening is for a complaint, not a finding"


def test_an_override_the_other_entries_no_longer_allow_is_marked_not_in_force() -> None:
    visit = example(OVERRIDE).model_copy(update={"red_flags": ("cancer_history", "hot_swollen_joint")})
    text, _ = summary_text(visit)

    assert "[cancer_history]: NOT IN FORCE (" in text
    assert "REFERRAL REQUIRED (URGENT: the same day)" in text
    assert "Plan: no home programme (referral)" in text


def test_combinations_that_raised_the_urgency_are_in_clinical_words_with_their_rule() -> None:
    combination = next(c for c in load_catalogue().combinations if c.id == "fever.hot_joint")
    text, _ = summary_text(example(KNEE).model_copy(update={"red_flags": ("hot_swollen_joint", "fever")}))

    assert "REFERRAL REQUIRED (EMERGENCY: now)" in text
    assert "Urgency raised by:" in text
    assert f"{combination.clinician.en} [fever.hot_joint; emergency]" in text


def test_warnings_deferrals_and_additional_findings_are_recorded() -> None:
    from .helpers import fullest_visit

    fullest = fullest_visit()
    visit = fullest.model_copy(update={"complaints": fullest.complaints[2:3]})  # knee (both) only
    result = triage(visit)
    text, pages = summary_text(visit)
    warned, _ = summary_text(example(OVERRIDE))

    assert pages <= 2
    assert result.deferred_findings
    labels = {f.id: f.label for f in result.findings}
    assert (
        "Deferred findings (no room in the plan): " + "; ".join(labels[f] for f in result.deferred_findings)
        in text
    )
    assert "Forward head posture; additional: explains no complaint" in text
    for warning in triage(example(OVERRIDE)).warnings:
        assert warning.message in warned
    assert "Warnings, please re-check:" in warned

    strength, _ = summary_text(fullest)
    assert "Deferred strengthening (no room in the plan): complaint 1: neck; complaint 2: head" in strength


def test_findings_links_plan_and_rules_are_all_there() -> None:
    visit = example(NECK)
    result = triage(visit)
    text, _ = summary_text(visit)

    for finding in result.findings:
        assert finding.label in text
        for rule in finding.rules:
            assert rule in text
    for link in result.links:
        assert link.rule in text
    for exercise in result.exercises:
        assert exercise.name in text
        for rule in exercise.rules:
            assert rule in text
    assert "hold 30 s, 3 reps x 1 set, 1x/day" in text
    assert f"Triage rules version {result.rules_version}" in text


def test_a_clinicians_plan_is_marked_as_such_with_its_notes() -> None:
    plan = (
        Prescription(
            exercise="levator_scapulae_stretch",  # not proposed for this visit: the clinician's own choice
            side=Side.RIGHT,
            dosing=Dosing(hold_s=20, reps=8, sets=1, per_day=2),
            note="Go easy",
        ),
    )
    text, _ = summary_text(example(NECK).model_copy(update={"plan": plan}))

    assert "Plan (set by the clinician)" in text
    assert "Neck stretch toward the armpit" in text
    assert "Go easy" in text
    assert "added by clinician" in text
    assert "hold 20 s, 8 reps x 1 set, 2x/day" in text


def test_the_summary_is_english_whatever_the_patients_language() -> None:
    visit = example(KNEE)
    visit = visit.model_copy(update={"patient": visit.patient.model_copy(update={"language": Language.ES})})
    text, _ = summary_text(visit)

    assert "Visit summary" in text
    assert "Page 1 of" in text
    assert "Página" not in text


def test_the_fullest_visit_fits_on_two_pages() -> None:
    from .helpers import fullest_visit

    text, pages = summary_text(fullest_visit())

    assert pages == 2
    assert "Siobhán Ó Súilleabháin" in text
    assert "Left: toe-to-wall 6.5 cm" in text
    assert "FMS ASLR 1/3" in text


# Status, signature, the flags present, labels beside the first line of their values ------------------


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (None, "Status not recorded (printed from a visit file)"),
        ("draft", "Status draft: not finished, may still change"),
        ("final", "Status finished: signed, read-only"),
    ],
)
def test_the_status_says_what_it_means(status: str | None, shown: str) -> None:
    from clinic_app.domain import VisitStatus

    visit = example(KNEE)
    info = visit.visit.model_copy(update={"status": VisitStatus(status) if status else None})
    text, _ = summary_text(visit.model_copy(update={"visit": info}))

    assert shown in text
    assert "Status —" not in text


@pytest.mark.parametrize("name", [KNEE, NECK, OVERRIDE, RED_FLAG])
def test_the_summary_ends_with_a_signature_block(name: str) -> None:
    pages = pages_text(render_visit_summary(request(example(name))))

    assert pages[-1].endswith(f"Page {len(pages)} of {len(pages)}")
    last = pages[-1]
    block = last[last.index("Clinician: Sam Lee, PT, DPT") :]
    assert block.startswith("Clinician: Sam Lee, PT, DPT Date: 2026-11-25 Signature")


def pdf_colour(colour, operator: str) -> bytes:
    """A colour as ReportLab writes it in a page's content ("` .992157 .941176 .941176 rg`")."""
    numbers = (f"{value:.6f}".rstrip("0").rstrip(".").lstrip("0") or "0" for value in colour.rgb())
    return f"{' '.join(numbers)} {operator}".encode()


def test_the_red_flags_present_stand_out_in_the_warning_colour() -> None:
    import io

    from pypdf import PdfReader

    from clinic_app.documents.styles import stylesheet

    palette = stylesheet("chart").palette
    flagged = render_visit_summary(request(example(RED_FLAG)))
    clear = render_visit_summary(request(example(NECK)))

    def content(pdf: bytes) -> bytes:
        stream = PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
        assert stream is not None
        return bytes(stream.get_data())

    text, _ = summary_text(example(RED_FLAG))
    assert "PRESENT: Saddle anaesthesia (suspected cauda equina syndrome)." in text
    # A block tinted and framed in the warning colour, only when a flag is present.
    assert pdf_colour(palette.warn_tint, "rg") in content(flagged)
    assert pdf_colour(palette.warn, "RG") in content(flagged)
    assert pdf_colour(palette.warn_tint, "rg") not in content(clear)


def test_a_label_sits_beside_the_first_line_of_a_long_value() -> None:
    import io

    from pypdf import PdfReader

    clinician = "Sam Lee, PT, DPT, OCS, FAAOMPT, Certified Mechanical Diagnosis and Therapy, Dry Needling"
    visit = example(KNEE)
    visit = visit.model_copy(update={"visit": visit.visit.model_copy(update={"clinician": clinician})})
    pdf = render_visit_summary(request(visit))
    heights: dict[str, float] = {}

    def visit_text(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        for start in ("Clinician", "Sam Lee,", "Therapy, Dry Needling"):
            if text.startswith(start) and start not in heights:
                heights[start] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # on the page

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit_text)

    assert heights["Sam Lee,"] > heights["Therapy, Dry Needling"] + 10, "the value wraps"
    assert abs(heights["Clinician"] - heights["Sam Lee,"]) < 1, "the label is level with its first line"
