"""The clinician's visit summary: everything recorded and decided, with measurements and rules."""

from __future__ import annotations

from clinic_app.catalogue import load_catalogue
from clinic_app.documents import render_visit_summary
from clinic_app.domain import AnkleSide, BilateralScreen, Dosing, Language, Prescription, Screenings, Side
from clinic_app.triage import triage

from .helpers import KNEE, NECK, RED_FLAG, example, pages_text, request


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
        assert flag_id in present
        assert flag_id in not_asked
    assert present.count("PRESENT") == 1
    assert present.count("absent") == len(flags) - 1
    assert not_asked.count("not asked") == len(flags)
    assert "REFERRAL REQUIRED (EMERGENCY)" in present


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
            exercise="lying_chin_nod",
            side=Side.CENTRAL,
            dosing=Dosing(hold_s=10, reps=8, sets=1, per_day=2),
            note="Go easy",
        ),
    )
    text, _ = summary_text(example(NECK).model_copy(update={"plan": plan}))

    assert "Plan (set by the clinician)" in text
    assert "Lying chin nod" in text
    assert "Go easy" in text
    assert "added by clinician" in text
    assert "hold 10 s, 8 reps x 1 set, 2x/day" in text


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
