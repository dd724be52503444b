"""Printing a progress report: an episode of 20 weekly visits (LEFS and knee pain at each, a plan,
screens, a goal), with its two vector charts, built warm in the process.

The floor is a bare ReportLab document built in the same run with the same number of pages (a few
paragraphs of plain text on each, benchmarks.bench_handout.bare_document), once in the built-in
Helvetica and once in the same embedded TrueType font. The progress itself (series, changes, goals)
is worked out inside the timed call, as `clinic report progress` does; the visits, read from the
database there, are made once before. Warm: fonts registered and
styles built once before timing, as in the desktop app after its first print.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from benchmarks.bench_handout import CLINIC, bare_document
from benchmarks.timing import measure_alternating, result
from clinic_app.documents.progress_report import ProgressReportRequest, render_progress_report
from clinic_app.domain import (
    AnkleSide,
    BilateralScreen,
    Complaint,
    Dosing,
    Episode,
    Goal,
    OutcomeRecord,
    Patient,
    Prescription,
    Region,
    Screenings,
    Side,
    Visit,
    VisitInfo,
)
from clinic_app.progress import episode_progress

VISITS = 20
RUNS = 15
GOAL = "<= 3x floor"
START = dt.date(2026, 6, 1)
PATIENT = Patient(mrn="B-20", given_name="Łucja", family_name="Wiśniewska")


def episode_visits(count: int = VISITS) -> tuple[Episode, list[Visit]]:
    """Weekly visits of one episode: LEFS up, knee pain down, toe-to-wall up, the stretch progressed."""
    episode = Episode(
        id="bench-episode",
        reason="Left knee pain on stairs",
        referred_by="Dr. Maya Patel, MD",
        start_date=START,
        goals=(
            Goal(id="g1", measure="lefs", target=60, by=START + dt.timedelta(weeks=12)),
            Goal(
                id="g2",
                activity="Stairs",
                target="Two flights without the rail",
                by=START + dt.timedelta(weeks=12),
            ),
        ),
    )
    visits = []
    for week in range(count):
        low, extra = divmod(min(80, 30 + 2 * week), 20)
        visits.append(
            Visit(
                patient=PATIENT,
                visit=VisitInfo(
                    date=START + dt.timedelta(weeks=week), clinician="Sam Lee, PT, DPT", id=f"v{week}"
                ),
                complaints=(Complaint(region=Region.KNEE, side=Side.LEFT, pain=max(0, 7 - week // 3)),),
                red_flags=(),
                screenings=Screenings(
                    ankle_mobility=BilateralScreen[AnkleSide](
                        left=AnkleSide(knee_touches_wall=week > 12, toe_to_wall_cm=5.0 + week * 0.4),
                        right=AnkleSide(knee_touches_wall=True, toe_to_wall_cm=12.0),
                    )
                ),
                plan=(
                    Prescription(
                        exercise="calf_stretch_wall_bent_knee",
                        side=Side.LEFT,
                        dosing=Dosing(hold_s=30 if week < 8 else 45, reps=3, sets=1, per_day=2),
                    ),
                    Prescription(
                        exercise="side_lying_hip_abduction",
                        side=Side.LEFT,
                        dosing=Dosing(reps=10 + week // 7, sets=2, per_day=1),
                    ),
                ),
                episode=episode,
                outcomes=(OutcomeRecord(measure="lefs", answers=(low + 1,) * extra + (low,) * (20 - extra)),),
            )
        )
    return episode, visits


def report(episode: Episode, visits: list[Visit]) -> bytes:
    request = ProgressReportRequest(
        patient=PATIENT, progress=episode_progress(episode, visits), clinic=CLINIC
    )
    return render_progress_report(request).data


def run() -> list[dict[str, Any]]:
    from reportlab.lib.pagesizes import LETTER

    from clinic_app.documents.fonts import register_fonts

    episode, visits = episode_visits()
    rendered = render_progress_report(
        ProgressReportRequest(patient=PATIENT, progress=episode_progress(episode, visits), clinic=CLINIC)
    )  # warms fonts, styles and the exercise library
    pages, font = rendered.pages, register_fonts()
    name = f"progress report, {VISITS} visits, 2 charts, {pages} pages, warm"
    extra = {"pages": pages, "pdf_bytes": len(rendered.data)}
    ours, bare = measure_alternating(
        lambda: report(episode, visits), lambda: bare_document(pages, LETTER), runs=RUNS
    )
    ours_again, bare_embedded = measure_alternating(
        lambda: report(episode, visits), lambda: bare_document(pages, LETTER, font), runs=RUNS
    )
    return [
        result(
            name, ours, f"bare ReportLab, {pages} pages of paragraphs (Helvetica)", bare, goal=GOAL, **extra
        ),
        result(
            name,
            ours_again,
            f"bare ReportLab, {pages} pages, same embedded TTF",
            bare_embedded,
            goal=GOAL,
            **extra,
        ),
    ]
