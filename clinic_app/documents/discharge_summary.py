"""The discharge summary: the end of an episode of care, for the referring doctor, the payer and the
chart, in clinician English, drawn like the progress report.

It opens with the outcome in a few sentences (how long, how many visits, which measures changed by
their MCID, which goals were met), then the episode's visits, the outcome measures with their MCID
marks and a chart each, the patient's own activities (PSFS), the screening results over the visits,
the goals, the home programme the patient goes on doing alone, and a signature block.

Only a discharged episode has one: an open episode is InvalidInput naming episode.discharge_date.
Plain data in (the progress report's request), PDF bytes out; deterministic like the report.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from clinic_app.documents.layout import RenderedPdf, build_pdf
from clinic_app.documents.paragraphs import paragraph
from clinic_app.documents.parts import esc, para
from clinic_app.documents.progress_report import (
    ProgressReportRequest,
    course_of_care,
    dose,
    episode_facts,
    report_setup,
    require_progress_report,
    ruled_table,
    section,
    signature,
)
from clinic_app.documents.styles import Stylesheet, stylesheet
from clinic_app.domain import Visit
from clinic_app.errors import InvalidInput, Problem
from clinic_app.exercises import load_library
from clinic_app.progress import EpisodeProgress

TITLE = "Discharge summary"


def render_discharge_summary(request: ProgressReportRequest) -> RenderedPdf:
    """The summary as PDF bytes; InvalidInput (nothing built) for an episode not yet discharged, or
    for what the progress report refuses (the clinic's name, phone or emergency number missing, a
    character no shipped font can draw)."""
    require_discharge_summary(request)
    styles = stylesheet("chart")
    progress = request.progress
    story: list[Flowable] = [
        paragraph(TITLE, styles.title),
        episode_facts(request, styles),
        *section("Outcome", outcome_sentences(progress, styles), styles),
        *course_of_care(request, styles, final=True),
        # What to keep doing and the signature on one page, as in the progress report.
        KeepTogether(
            [
                *section("Home programme to keep doing", home_programme(progress.visits, styles), styles),
                signature(request, styles),
            ]
        ),
    ]
    return build_pdf(story, report_setup(request, TITLE, styles))


def require_discharge_summary(request: ProgressReportRequest) -> None:
    if request.progress.episode.discharge_date is None:
        raise InvalidInput(
            [Problem("episode.discharge_date", "the episode is still open: discharge it first")]
        )
    require_progress_report(request)


def outcome_sentences(progress: EpisodeProgress, styles: Stylesheet) -> list[Flowable]:
    """The outcome in words: length of care, the measures' change against their MCID, the goals."""
    episode, visits = progress.episode, progress.visits
    assert episode.discharge_date is not None  # required before anything is built
    weeks = (episode.discharge_date - episode.start_date).days // 7
    span = f"{weeks} week{'s' if weeks != 1 else ''}" if weeks else "less than a week"
    sentences = [
        f"Discharged on {episode.discharge_date.isoformat()} after {len(visits)} "
        f"visit{'s' if len(visits) != 1 else ''} over {span}."
    ]
    compared = [m for m in progress.measures if len(m.points) > 1]
    if compared:
        changes = "; ".join(
            f"{m.name} {m.change:+g} ({_meaning(m.meaningful, m.worsened)})" for m in compared
        )
        met = sum(m.meaningful for m in compared)
        sentences.append(
            f"{met} of {len(compared)} outcome measure{'s' if len(compared) != 1 else ''} improved by "
            f"the MCID or more: {changes}."
        )
    else:
        sentences.append("No outcome measure was scored at two visits or more.")
    judged = [g for g in progress.goals if g.met is not None]
    if progress.goals:
        met_goals = sum(bool(g.met) for g in progress.goals)
        unjudged = len(progress.goals) - len(judged)
        sentences.append(
            f"Goals met at the last judgement: {met_goals} of {len(progress.goals)}"
            + (f" ({unjudged} not judged)." if unjudged else ".")
        )
    return [paragraph(esc(" ".join(sentences)), styles.body)]


def _meaning(meaningful: bool, worsened: bool) -> str:
    return (
        "meaningful improvement" if meaningful else "meaningful worsening" if worsened else "below the MCID"
    )


def home_programme(visits: Sequence[Visit], styles: Stylesheet) -> list[Flowable]:
    """The latest plan of the episode, to go on with alone: each exercise, side, dose and note."""
    latest = next((v for v in reversed(visits) if v.plan is not None), None)
    if latest is None or not latest.plan:
        return [para("No home programme was set: nothing to continue.", styles.body)]
    rows: list[list[str | Flowable]] = [["#", "Exercise", "Side", "Dose", "Note"]]
    for number, entry in enumerate(latest.plan, start=1):
        name = load_library().exercises[entry.exercise].name
        rows.append([str(number), name, entry.side.value, dose(entry), entry.note or ""])
    return [
        para(f"As set on {latest.visit.date.isoformat()}.", styles.cell),
        ruled_table(rows, [16, 170, 44, 150, None], styles),
    ]
