"""Whether a visit fits the episode of care it carries, checked with the visit whole.

The episode's own fields are checked by its model (clinic_app.domain.Episode); what depends on the
visit too (its date inside the episode, goal judgements naming the episode's activity goals) is
checked here, each problem with its field path, like clinic_app.red_flags.override_problems.
"""

from __future__ import annotations

from clinic_app.domain import Visit
from clinic_app.errors import Problem


def episode_problems(visit: Visit) -> list[Problem]:
    """What in the visit does not fit its episode; empty when it all fits."""
    episode = visit.episode
    if episode is None:
        if visit.goal_status:
            return [Problem("goal_status", "needs the episode and its goals (episode.goals)")]
        return []
    problems = []
    day = visit.visit.date
    if day < episode.start_date:
        problems.append(
            Problem(
                "visit.date", f"{day.isoformat()} is before its episode's start_date {episode.start_date}"
            )
        )
    if episode.discharge_date is not None and day > episode.discharge_date:
        problems.append(
            Problem(
                "visit.date",
                f"{day.isoformat()} is after its episode's discharge_date {episode.discharge_date}",
            )
        )
    activity_goals = [goal.id for goal in episode.goals if goal.activity is not None and goal.id is not None]
    for index, status in enumerate(visit.goal_status or ()):
        if status.goal not in activity_goals:
            allowed = ", ".join(repr(g) for g in activity_goals) or "none"
            problems.append(
                Problem(
                    f"goal_status[{index}].goal",
                    f"{status.goal!r} is not an activity goal of the episode (a measure goal is judged "
                    f"from its score); activity goals: {allowed}",
                )
            )
    return problems
