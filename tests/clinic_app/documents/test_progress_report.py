"""The progress report: plain data in, a deterministic PDF out, with a chart per measure."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.documents.progress_report import ProgressReportRequest, render_progress_report
from clinic_app.domain import (
    ClinicProfile,
    Complaint,
    Dosing,
    Episode,
    Goal,
    OutcomeRecord,
    PaperSize,
    Prescription,
    Region,
    Side,
    Visit,
    VisitInfo,
)
from clinic_app.errors import InvalidInput
from clinic_app.progress import episode_progress

from .helpers import CLINIC, example, pages_text

START = dt.date(2026, 6, 1)


def episode_visits(count: int) -> tuple[Episode, list[Visit]]:
    """An episode of `count` weekly visits, LEFS climbing and knee pain falling."""
    base = example("knee-left-tight-calf")
    episode = Episode(
        id="e-20",
        reason="Left knee pain on stairs after a fall",
        referred_by="Dr. Maya Patel, MD",
        start_date=START,
        goals=(Goal(id="g1", measure="lefs", target=60, by=START + dt.timedelta(weeks=12)),),
    )
    visits = []
    for week in range(count):
        total = min(80, 30 + 2 * week)
        low, extra = divmod(total, 20)
        visits.append(
            base.model_copy(
                update={
                    "visit": VisitInfo(
                        date=START + dt.timedelta(weeks=week), clinician="Sam Lee, PT, DPT", id=f"v{week}"
                    ),
                    "complaints": (
                        Complaint(region=Region.KNEE, side=Side.LEFT, pain=max(0, 7 - week // 3)),
                    ),
                    "episode": episode,
                    "plan": (
                        Prescription(
                            exercise="calf_stretch_wall_bent_knee",
                            side=Side.LEFT,
                            dosing=Dosing(hold_s=30 if week < 10 else 45, reps=3, sets=1, per_day=2),
                        ),
                    ),
                    "outcomes": (
                        OutcomeRecord(measure="lefs", answers=(low + 1,) * extra + (low,) * (20 - extra)),
                    ),
                }
            )
        )
    return episode, visits


def report(count: int, **options: object) -> ProgressReportRequest:
    episode, visits = episode_visits(count)
    given = {"clinic": CLINIC, **options}
    return ProgressReportRequest(
        patient=visits[0].patient,
        progress=episode_progress(episode, visits),
        **given,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("paper", list(PaperSize))
def test_twenty_visits_print_with_every_section(paper: PaperSize) -> None:
    rendered = render_progress_report(report(20, paper=paper))
    pages = pages_text(rendered.data)
    assert len(pages) == rendered.pages >= 2
    whole = " ".join(pages)
    for expected in (
        "Left knee pain on stairs after a fall",
        "20, the latest on 2026-10-12",
        "Lower Extremity Functional Scale (0-80, higher is better) 30 (2026-06-01) 68 (2026-10-12) +38 9",
        "Numeric Pain Rating Scale (knee)",
        "met (first on 2026-09-14)",
        "Calf stretch at the wall, knee bent left hold 45 s, 3 reps x 1 set, 2x/day unchanged",
        f"Page {rendered.pages} of {rendered.pages}",
    ):
        assert expected in whole, expected


def test_the_same_data_gives_the_same_bytes() -> None:
    assert render_progress_report(report(5)).data == render_progress_report(report(5)).data
    assert render_progress_report(report(5)).data != render_progress_report(report(6)).data


def test_the_signer_and_the_date_close_the_report() -> None:
    pages = pages_text(render_progress_report(report(3, signed_by="Ada Admin, PT, DPT")).data)
    assert "Clinician: Ada Admin, PT, DPT Date: 2026-06-15 Signature" in pages[-1]


def test_a_report_without_clinic_or_with_an_unprintable_character_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        render_progress_report(report(3, clinic=ClinicProfile(name="Clinic")))
    assert [p.path for p in raised.value.problems] == ["clinic.phone", "clinic.emergency_number"]
    with pytest.raises(InvalidInput, match="signed_by: U\\+E000 cannot be printed"):
        render_progress_report(report(3, signed_by="Ada \ue000"))


def test_the_patients_own_activities_print_with_their_ratings() -> None:
    episode, visits = episode_visits(3)
    rated = [
        visit.model_copy(
            update={
                "outcomes": (
                    *(visit.outcomes or ()),
                    OutcomeRecord(
                        measure="psfs",
                        answers=(2 + 2 * week, 5, 1),
                        activities=("Climbing stairs", "Gardening", "Running"),
                    ),
                )
            }
        )
        for week, visit in enumerate(visits)
    ]
    request = ProgressReportRequest(
        patient=rated[0].patient, progress=episode_progress(episode, rated), clinic=CLINIC
    )
    whole = " ".join(pages_text(render_progress_report(request).data))
    assert "Patient-specific activities (PSFS)" in whole
    assert "Climbing stairs 2 → 4 → 6 +4" in whole
    assert "Gardening 5 → 5 → 5 no change" in whole
    assert "Running 1 → 1 → 1 no change" in whole


def test_a_report_without_named_activities_has_no_activity_section() -> None:
    assert "Patient-specific activities" not in " ".join(pages_text(render_progress_report(report(3)).data))


def test_an_activity_no_font_can_draw_is_refused_with_its_field() -> None:
    episode, visits = episode_visits(2)
    bad = OutcomeRecord(measure="psfs", answers=(2, 3, 4), activities=("Stairs", "Golf \ue000", "Walking"))
    rated = [visits[0], visits[1].model_copy(update={"outcomes": (bad,)})]
    request = ProgressReportRequest(
        patient=rated[0].patient, progress=episode_progress(episode, rated), clinic=CLINIC
    )
    with pytest.raises(InvalidInput, match=r"outcomes\.activities: U\+E000 cannot be printed"):
        render_progress_report(request)
