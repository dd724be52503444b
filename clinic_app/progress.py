"""Progress over an episode of care: outcome scores with their meaningful change, screening
measurements over visits, and goals met, worked out from the episode's visits (plain data in and
out, for `clinic outcomes progress`, the progress report and the desktop's charts).

- A measure's series holds one value per visit that scored it, oldest first. Its change is from
  the episode's first value to its latest; it is meaningful when it reaches the measure's MCID in
  the better direction, and a worsening when it reaches it the other way.
- NPRS is one series per complaint region (`nprs:knee`): the NPRS recorded for that region at the
  visit, else the highest pain given for a complaint in that region (the complaint's pain is an
  NPRS too, docs/spec/visit-document.md).
- Every screen value recorded in the episode is a series too: measurements with their change,
  observations (yes/no, a result) as they were.
- A measure goal is met at a visit whose score reaches its target in the better direction; an
  activity goal when the therapist recorded it met there. A visit that did not score the measure
  (or judge the activity) leaves the goal unjudged (None) there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from clinic_app.domain import Episode, Goal, Region, Visit
from clinic_app.measurements import SCREEN_FIELDS, ScreenField, Value
from clinic_app.outcomes import Measure, load_measures, score

NPRS = "nprs"


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One value of a series at one visit."""

    date: dt.date
    visit_id: str | None
    value: float


@dataclass(frozen=True, slots=True)
class MeasureSeries:
    """One outcome measure over the episode (for NPRS, one complaint region)."""

    key: str  # "lefs", "nprs:knee"
    measure: Measure
    region: Region | None
    points: tuple[SeriesPoint, ...]  # oldest first; at least one

    @property
    def name(self) -> str:
        region = f" ({self.region.value.replace('_', ' ')})" if self.region is not None else ""
        return f"{self.measure.name.en}{region}"

    @property
    def better(self) -> Literal["higher", "lower"]:
        return self.measure.better

    @property
    def mcid(self) -> float:
        return self.measure.mcid.points

    @property
    def change(self) -> float:
        """From the episode's first value to its latest (0 with one value)."""
        return change_between(self.points[0].value, self.points[-1].value)

    @property
    def meaningful(self) -> bool:
        """The change reaches the MCID in the better direction."""
        return self.improvement >= self.mcid

    @property
    def worsened(self) -> bool:
        """The change reaches the MCID in the worse direction."""
        return -self.improvement >= self.mcid

    @property
    def improvement(self) -> float:
        """The change, positive when it is in the better direction."""
        return self.change if self.better == "higher" else -self.change

    def to_json_data(self) -> dict[str, Any]:
        """The contract's shape for `clinic outcomes progress --json`."""
        return {
            "measure": self.key,
            "better": self.better,
            "mcid": self.mcid,
            "values": [
                {"date": p.date.isoformat(), "visit_id": p.visit_id, "score": p.value} for p in self.points
            ],
            "change": self.change,
            "meaningful": self.meaningful,
        }


@dataclass(frozen=True, slots=True)
class ScreenPoint:
    date: dt.date
    visit_id: str | None
    value: Value  # a measurement (float), or an observation (yes/no, a result such as "left_higher")


@dataclass(frozen=True, slots=True)
class ScreenSeries:
    """One screen value over the episode, oldest first: a measurement (toe-to-wall, left) or an
    observation (heel lifted, left), at the visits that recorded it."""

    field: ScreenField
    points: tuple[ScreenPoint, ...]

    @property
    def change(self) -> float | None:
        """Latest minus first, for a measurement recorded at two visits or more; else None."""
        values = self.numbers()
        if len(values) < 2:
            return None
        return change_between(values[0].value, values[-1].value)

    def numbers(self) -> tuple[SeriesPoint, ...]:
        """The measurement's values as numbers, for a chart; empty for an observation."""
        if not self.field.is_measurement:
            return ()
        return tuple(
            SeriesPoint(p.date, p.visit_id, float(p.value))
            for p in self.points
            if isinstance(p.value, float | int)
        )


@dataclass(frozen=True, slots=True)
class GoalCheck:
    date: dt.date
    visit_id: str | None
    met: bool | None  # None: not judged at this visit (the measure not scored, the activity not asked)


@dataclass(frozen=True, slots=True)
class GoalProgress:
    goal: Goal
    checks: tuple[GoalCheck, ...]  # one per visit, oldest first

    @property
    def met(self) -> bool | None:
        """Met at the latest visit that judged it; None when no visit did."""
        judged = [check.met for check in self.checks if check.met is not None]
        return judged[-1] if judged else None


@dataclass(frozen=True, slots=True)
class EpisodeProgress:
    """Everything the episode's visits show over time."""

    episode: Episode
    visits: tuple[Visit, ...]  # oldest first
    measures: tuple[MeasureSeries, ...]
    screens: tuple[ScreenSeries, ...]  # every screen value recorded in the episode, in screen order
    goals: tuple[GoalProgress, ...]

    @property
    def measurements(self) -> tuple[ScreenSeries, ...]:
        """The screens' measurements (numbers with a unit), for charts."""
        return tuple(series for series in self.screens if series.field.is_measurement)


def change_between(first: float, last: float) -> float:
    return float(round(last - first, 2))


def episode_progress(episode: Episode, visits: Sequence[Visit]) -> EpisodeProgress:
    """The progress of an episode from its visits (any order: they are put oldest first)."""
    ordered = tuple(sorted(visits, key=lambda v: v.visit.date))
    scores = [visit_scores(visit) for visit in ordered]
    measures = _measure_series(ordered, scores)
    return EpisodeProgress(
        episode=episode,
        visits=ordered,
        measures=measures,
        screens=_screen_series(ordered),
        goals=tuple(_goal_progress(goal, ordered, scores) for goal in episode.goals),
    )


def visit_scores(visit: Visit) -> dict[str, float]:
    """The visit's scores by series key ("lefs", "nprs:knee"); unscorable answer sheets left out."""
    measures = load_measures()
    found: dict[str, float] = {}
    if NPRS in measures:
        for complaint in visit.complaints:
            if complaint.pain is not None:
                key = f"{NPRS}:{complaint.region.value}"
                found[key] = max(found.get(key, 0.0), float(complaint.pain))
    for record in visit.outcomes or ():
        result = score(measures[record.measure], record.answers)
        if result.score is not None:
            found[record.key] = result.score
        else:
            found.pop(record.key, None)
    return found


def _measure_series(visits: Sequence[Visit], scores: Sequence[dict[str, float]]) -> tuple[MeasureSeries, ...]:
    measures = load_measures()
    keys = sorted(
        {key for found in scores for key in found}, key=lambda k: (list(measures).index(k.split(":")[0]), k)
    )
    series = []
    for key in keys:
        measure_id, _, region = key.partition(":")
        points = tuple(
            SeriesPoint(visit.visit.date, visit.visit.id, found[key])
            for visit, found in zip(visits, scores, strict=True)
            if key in found
        )
        series.append(MeasureSeries(key, measures[measure_id], Region(region) if region else None, points))
    return tuple(series)


def _screen_series(visits: Sequence[Visit]) -> tuple[ScreenSeries, ...]:
    series = []
    for field in SCREEN_FIELDS:
        points = tuple(
            ScreenPoint(visit.visit.date, visit.visit.id, value)
            for visit in visits
            if (value := field.value_in(visit)) is not None
        )
        if points:
            series.append(ScreenSeries(field, points))
    return tuple(series)


def _goal_progress(goal: Goal, visits: Sequence[Visit], scores: Sequence[dict[str, float]]) -> GoalProgress:
    checks = []
    for visit, found in zip(visits, scores, strict=True):
        checks.append(GoalCheck(visit.visit.date, visit.visit.id, _met(goal, visit, found)))
    return GoalProgress(goal, tuple(checks))


def _met(goal: Goal, visit: Visit, found: dict[str, float]) -> bool | None:
    if goal.measure is None:
        judged = [s.met for s in visit.goal_status or () if s.goal == goal.id]
        return judged[0] if judged else None
    value = found.get(goal.measure)
    if value is None:
        return None
    target = float(goal.target)
    better = load_measures()[goal.measure.split(":")[0]].better
    return value >= target if better == "higher" else value <= target
