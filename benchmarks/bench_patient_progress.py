"""Opening a patient with 10 episodes of care and 200 visits, and drawing their charts: the main
thread's part (the episode list, the progress page of an episode of 20 visits with every outcome
and screening chart, painted once) must stay under 100 ms.

What runs on the database lane (reading the record, working out the progress) is not the main
thread's; the episode's progress is worked out once before timing. Floor, measured in the same
run: painting a bare page of the same size (what any page shown there costs).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from benchmarks.timing import measure, result

EPISODES = 10
VISITS_PER_EPISODE = 20
RUNS = 30
GOAL = "< 100 ms (main thread)"
PAGE = (1060, 820)


def _data() -> tuple[list[Any], Any]:
    """10 stored episodes of 20 visits, and the progress of one, from the demo patient's visits."""
    from clinic_app.domain import VisitStatus
    from clinic_app.progress import episode_progress
    from clinic_app.storage.demo import demo_visits
    from clinic_app.storage.records import EpisodeVisit, StoredEpisode

    today = dt.date(2026, 11, 25)
    teresa = [v for v in demo_visits(today) if v.patient.mrn == "D-1021" and v.episode is not None]
    start = today - dt.timedelta(weeks=VISITS_PER_EPISODE)
    visits = []
    for number in range(VISITS_PER_EPISODE):
        template = teresa[number % len(teresa)]
        info = template.visit.model_copy(
            update={"date": start + dt.timedelta(weeks=number), "id": f"v{number}"}
        )
        visits.append(template.model_copy(update={"visit": info}))
    assert teresa[0].episode is not None
    episode = teresa[0].episode.model_copy(update={"start_date": start, "id": "e0"})
    progress = episode_progress(episode, visits)
    stored = [
        StoredEpisode(
            id=f"e{n}",
            patient_id=1,
            episode=episode.model_copy(update={"id": f"e{n}"}),
            visits=tuple(EpisodeVisit(v.visit.id or "", v.visit.date, VisitStatus.FINAL) for v in visits),
            recorded=True,
        )
        for n in range(EPISODES)
    ]
    return stored, progress


def run() -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.patients.patient_panel import PatientPanel
    from ui.progress.progress_view import ProgressView

    app = QApplication.instance() or QApplication([])
    episodes, progress = _data()
    panel, view, bare = PatientPanel(), ProgressView(), QWidget()
    for widget in (view, bare):
        widget.resize(*PAGE)
        widget.show()
    panel.show()

    def open_patient() -> None:
        panel.show_episodes(episodes)
        view.show_progress("e0", progress)
        view.grab()  # lays out and paints what is in view
        view.body.grab()  # and the whole page as scrolled through: the tables and every chart
        app.processEvents()  # the charts replaced are deleted

    ours = measure(open_patient, runs=RUNS, warmup=3)
    floor = measure(lambda: bare.grab(), runs=RUNS, warmup=3)
    charts = len(view.chart_titles())
    for widget in (panel, view, bare):
        widget.close()
    return [
        result(
            f"open a patient: {EPISODES} episodes, {EPISODES * VISITS_PER_EPISODE} visits, {charts} charts",
            ours,
            "paint a bare page of the same size",
            floor,
            GOAL,
            charts=charts,
        )
    ]
