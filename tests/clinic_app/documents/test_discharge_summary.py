"""The discharge summary: an episode's end, drawn like the progress report, refused while open."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from clinic_app.documents.discharge_summary import render_discharge_summary
from clinic_app.documents.progress_report import ProgressReportRequest, psfs_activities
from clinic_app.domain import Goal, OutcomeRecord, PaperSize, Visit
from clinic_app.errors import InvalidInput
from clinic_app.progress import episode_progress

from .helpers import CLINIC, pages_text
from .test_progress_report import episode_visits

ACTIVITIES = ("Climbing stairs", "Kneeling in the garden", "Walking 30 minutes")


def discharged(count: int, *, discharge: bool = True) -> ProgressReportRequest:
    """`count` weekly visits with a PSFS of three activities, discharged at the last one."""
    episode, visits = episode_visits(count)
    stairs = Goal(
        id="g2", activity="Climb the stairs at home", target="without the rail", by=dt.date(2026, 8, 1)
    )
    episode = episode.model_copy(
        update={
            "discharge_date": visits[-1].visit.date if discharge else None,
            "goals": (*episode.goals, stairs),
        }
    )
    with_psfs: list[Visit] = []
    for week, visit in enumerate(visits):
        psfs = OutcomeRecord(
            measure="psfs", answers=(min(10, 2 + week), 3, min(10, 1 + week)), activities=ACTIVITIES
        )
        outcomes = (*(visit.outcomes or ()), psfs)
        with_psfs.append(visit.model_copy(update={"episode": episode, "outcomes": outcomes}))
    return ProgressReportRequest(
        patient=with_psfs[0].patient,
        progress=episode_progress(episode, with_psfs),
        clinic=CLINIC,
        signed_by="Sam Lee, PT, DPT (licence PT-1234)",
    )


@pytest.mark.parametrize("paper", list(PaperSize))
def test_the_summary_gives_the_outcome_and_the_programme_to_keep_doing(paper: PaperSize) -> None:
    request = discharged(8)
    rendered = render_discharge_summary(dataclasses.replace(request, paper=paper))
    pages = pages_text(rendered.data)
    assert len(pages) == rendered.pages
    whole = " ".join(pages)
    for expected in (
        "Discharge summary",
        "from 2026-06-01, discharged 2026-07-20",
        "Discharged on 2026-07-20 after 8 visits over 7 weeks.",
        "3 of 3 outcome measures improved by the MCID or more",
        "Lower Extremity Functional Scale +14 (meaningful improvement)",
        "Patient-Specific Functional Scale +4.67 (meaningful improvement)",
        "Goals met at the last judgement: 0 of 2 (1 not judged).",
        "Climbing stairs 2 → 3 → 4 → 5 → 6 → 7 → 8 → 9 +7",
        "Kneeling in the garden 3 → 3 → 3 → 3 → 3 → 3 → 3 → 3 no change",
        "Climb the stairs at home without the rail",
        "not judged",
        "Home programme to keep doing",
        "Calf stretch at the wall, knee bent left hold 30 s, 3 reps x 1 set, 2x/day",
        "Clinician: Sam Lee, PT, DPT (licence PT-1234) Date: 2026-07-20 Signature",
        f"Page {rendered.pages} of {rendered.pages}",
    ):
        assert expected in whole, expected
    assert "not met yet" not in whole
    assert "not judged yet" not in whole
    assert "Home programme to keep doing" in pages[-1]
    assert "Signature" in pages[-1]


def test_an_open_episode_has_no_discharge_summary() -> None:
    with pytest.raises(InvalidInput) as raised:
        render_discharge_summary(discharged(3, discharge=False))
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("episode.discharge_date", "the episode is still open: discharge it first")
    ]


def test_the_same_episode_gives_the_same_bytes() -> None:
    assert render_discharge_summary(discharged(4)).data == render_discharge_summary(discharged(4)).data


def test_psfs_activities_follow_their_name_across_visits() -> None:
    request = discharged(3)
    renamed = request.progress.visits[-1]
    last = renamed.model_copy(
        update={
            "outcomes": (
                OutcomeRecord(
                    measure="psfs",
                    answers=(6, None, 4, 5),
                    activities=("climbing  STAIRS", "Kneeling", "Golf", "Walking 30 minutes"),
                ),
            )
        }
    )
    activities = psfs_activities([*request.progress.visits[:-1], last])
    assert [(a.name, [value for _, value in a.ratings], a.change) for a in activities] == [
        ("Climbing stairs", [2, 3, 6], 4),
        ("Kneeling in the garden", [3, 3], 0),
        ("Walking 30 minutes", [1, 2, 5], 4),
        ("Golf", [4], None),
    ]
