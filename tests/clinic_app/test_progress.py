"""Progress over an episode: outcome series with their meaningful change, screen series, goals met."""

from __future__ import annotations

import datetime as dt

from clinic_app.domain import (
    AnkleSide,
    BilateralScreen,
    Complaint,
    Episode,
    Goal,
    GoalStatus,
    OutcomeRecord,
    Patient,
    Region,
    Screenings,
    Side,
    Visit,
    VisitInfo,
)
from clinic_app.progress import episode_progress, visit_scores

PATIENT = Patient(mrn="P-1", given_name="Ana", family_name="Ruiz")
START = dt.date(2026, 10, 1)
EPISODE = Episode(
    id="e1",
    reason="Left knee pain",
    start_date=START,
    goals=(
        Goal(id="g1", measure="lefs", target=60, by=dt.date(2026, 12, 1)),
        Goal(id="g2", measure="nprs:knee", target=2, by=dt.date(2026, 12, 1)),
        Goal(id="g3", activity="Stairs", target="Two flights without the rail", by=dt.date(2026, 12, 1)),
    ),
)


def lefs(total: int) -> OutcomeRecord:
    base, extra = divmod(total, 20)
    return OutcomeRecord(measure="lefs", answers=(base + 1,) * extra + (base,) * (20 - extra))


def visit(
    day: int,
    *,
    knee_pain: int | None,
    outcomes: tuple[OutcomeRecord, ...] = (),
    toe: float | None = None,
    **more: object,
) -> Visit:
    ankle = BilateralScreen[AnkleSide](left=AnkleSide(toe_to_wall_cm=toe)) if toe is not None else None
    return Visit(
        patient=PATIENT,
        visit=VisitInfo(date=START + dt.timedelta(days=day), id=f"v{day}"),
        complaints=(Complaint(region=Region.KNEE, side=Side.LEFT, pain=knee_pain),),
        screenings=Screenings(ankle_mobility=ankle),
        episode=EPISODE,
        outcomes=outcomes or None,
        **more,  # type: ignore[arg-type]
    )


def test_a_measure_reaching_its_mcid_in_the_better_direction_is_meaningful() -> None:
    visits = [
        visit(21, knee_pain=4, outcomes=(lefs(44),)),  # given out of order: put oldest first
        visit(0, knee_pain=6, outcomes=(lefs(38),)),
        visit(42, knee_pain=5, outcomes=(lefs(47),)),
    ]
    progress = episode_progress(EPISODE, visits)
    by_key = {series.key: series for series in progress.measures}
    assert list(by_key) == ["lefs", "nprs:knee"]
    lefs_series = by_key["lefs"]
    assert [p.value for p in lefs_series.points] == [38, 44, 47]
    assert (lefs_series.change, lefs_series.meaningful, lefs_series.worsened) == (9, True, False)
    knee = by_key["nprs:knee"]  # from the complaints' pain: 6 -> 5 is less than the MCID of 2
    assert (knee.change, knee.meaningful, knee.better) == (-1, False, "lower")
    assert knee.to_json_data() == {
        "measure": "nprs:knee",
        "better": "lower",
        "mcid": 2.0,
        "values": [
            {"date": "2026-10-01", "visit_id": "v0", "score": 6.0},
            {"date": "2026-10-22", "visit_id": "v21", "score": 4.0},
            {"date": "2026-11-12", "visit_id": "v42", "score": 5.0},
        ],
        "change": -1.0,
        "meaningful": False,
    }


def test_one_point_short_of_the_mcid_is_not_meaningful_and_worsening_is_told() -> None:
    progress = episode_progress(
        EPISODE, [visit(0, knee_pain=3, outcomes=(lefs(50),)), visit(7, knee_pain=6, outcomes=(lefs(58),))]
    )
    lefs_series, knee = progress.measures
    assert (lefs_series.change, lefs_series.meaningful) == (8, False)
    assert (knee.change, knee.meaningful, knee.worsened) == (3, False, True)


def test_a_recorded_nprs_wins_over_the_complaints_pain_and_an_unscored_lefs_is_left_out() -> None:
    recorded = OutcomeRecord(measure="nprs", region=Region.KNEE, answers=(2,))
    incomplete = OutcomeRecord(measure="lefs", answers=(None,) + (3,) * 19)
    assert visit_scores(visit(0, knee_pain=7, outcomes=(recorded, incomplete))) == {"nprs:knee": 2.0}


def test_goals_are_met_or_not_at_each_visit() -> None:
    visits = [
        visit(0, knee_pain=6, outcomes=(lefs(40),), goal_status=(GoalStatus(goal="g3", met=False),)),
        visit(14, knee_pain=3),
        visit(28, knee_pain=2, outcomes=(lefs(61),), goal_status=(GoalStatus(goal="g3", met=True),)),
    ]
    goals = {item.goal.id: item for item in episode_progress(EPISODE, visits).goals}
    assert [c.met for c in goals["g1"].checks] == [False, None, True]  # not scored at the second visit
    assert [c.met for c in goals["g2"].checks] == [False, False, True]  # lower is better: at most 2
    assert [c.met for c in goals["g3"].checks] == [False, None, True]
    assert all(item.met for item in goals.values())


def test_screen_values_over_the_visits() -> None:
    progress = episode_progress(
        EPISODE, [visit(0, knee_pain=6, toe=6.0), visit(14, knee_pain=5), visit(28, knee_pain=4, toe=8.5)]
    )
    [toe] = progress.measurements
    assert toe.field.key == "ankle_mobility.left.toe_to_wall_cm"
    assert [(p.date.day, p.value) for p in toe.points] == [(1, 6.0), (29, 8.5)]
    assert toe.change == 2.5
