"""The optional keys of visit/2 for episodes of care: `episode`, `outcomes`, `goal_status`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from clinic_app.errors import InvalidInput
from clinic_app.visitdoc import dump_visit_document, parse_visit_document
from tests.examples import EXAMPLES, V1_EXAMPLES

EPISODE = {
    "id": "ep-knee-1",
    "reason": "Left knee pain on stairs",
    "referred_by": "Dr. Maya Patel, MD",
    "start_date": "2026-11-01",
    "goals": [
        {"id": "g1", "measure": "lefs", "target": 60, "by": "2027-01-15"},
        {"id": "g2", "measure": "nprs:knee", "target": 2, "by": "2027-01-15"},
        {
            "id": "g3",
            "activity": "Going down stairs",
            "target": "Two flights without the rail",
            "by": "2027-01-15",
        },
    ],
}
OUTCOMES = [
    {"measure": "lefs", "answers": [2] * 18 + [1, None]},
    {"measure": "nprs", "region": "knee", "answers": [6]},
    {"measure": "psfs", "answers": [3, 4, 5], "activities": ["Stairs", "Kneeling", "Walking the dog"]},
]


def document(**keys: Any) -> dict[str, Any]:
    data = json.loads((EXAMPLES / "knee-left-tight-calf.visit.json").read_text(encoding="utf-8"))
    return {**data, **keys}


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidInput) as raised:
        parse_visit_document(json.dumps(data))
    return [str(problem) for problem in raised.value.problems]


def test_the_new_keys_round_trip_through_the_document() -> None:
    data = document(episode=EPISODE, outcomes=OUTCOMES, goal_status=[{"goal": "g3", "met": False}])
    visit = parse_visit_document(json.dumps(data))
    assert visit.episode is not None
    assert visit.episode.goals[2].activity == "Going down stairs"
    assert [record.key for record in visit.outcomes or ()] == ["lefs", "nprs:knee", "psfs"]
    assert json.loads(dump_visit_document(visit)) == data


def test_documents_without_them_are_unchanged() -> None:
    for path in EXAMPLES.glob("*.visit.json"):
        text = path.read_text(encoding="utf-8")
        assert json.loads(dump_visit_document(parse_visit_document(text))) == json.loads(text)


def test_bad_answers_are_named_by_their_place() -> None:
    data = document(
        outcomes=[
            {"measure": "LEFS", "answers": [2] * 20},
            {"measure": "lefs", "answers": [2] * 19},
            {"measure": "nprs", "answers": [4]},
            {"measure": "psfs", "answers": [3, 11, 5]},
            {"measure": "psfs", "answers": [3, 4, 5], "activities": ["Stairs"]},
        ]
    )
    assert problems(data) == [
        "outcomes[0].measure: unknown measure 'LEFS'; allowed: lefs, ndi, nprs, odi, psfs, quickdash",
        "outcomes[1]: answers: lefs has 20 items, got 19 answers",
        "outcomes[2]: nprs is scored per complaint region: give region",
        "outcomes[3]: answers[1]: expected a whole number from 0 to 10, or null for unanswered, got 11",
        "outcomes[4]: activities: give one activity per answer",
    ]


def test_a_measure_twice_in_one_visit_is_refused() -> None:
    data = document(outcomes=[{"measure": "nprs", "region": "knee", "answers": [4]}] * 2)
    assert problems(data) == ["outcomes: each measure (per region for NPRS) at most once per visit"]


def test_goals_must_be_a_measure_or_an_activity_with_the_right_target() -> None:
    episode = {
        **EPISODE,
        "goals": [
            {"measure": "nprs", "target": 2, "by": "2027-01-15"},
            {"measure": "lefs", "target": "better", "by": "2027-01-15"},
            {"measure": "lefs", "activity": "Stairs", "target": 60, "by": "2027-01-15"},
        ],
    }
    found = problems(document(episode=episode))
    assert found[0].startswith(
        "episode.goals[0].measure: nprs is scored per complaint region: give nprs:REGION"
    )
    assert found[1:] == [
        "episode.goals[1]: a measure goal's target is a number (the score to reach)",
        "episode.goals[2]: give either measure (with a numeric target) or activity (with a target in words)",
    ]


def test_the_visit_must_fit_its_episode() -> None:
    episode = {**EPISODE, "start_date": "2026-12-01"}
    data = document(episode=episode, goal_status=[{"goal": "g1", "met": True}, {"goal": "g9", "met": True}])
    assert problems(data) == [
        "visit.date: 2026-11-25 is before its episode's start_date 2026-12-01",
        "goal_status[0].goal: 'g1' is not an activity goal of the episode (a measure goal is judged from its "
        "score); activity goals: 'g3'",
        "goal_status[1].goal: 'g9' is not an activity goal of the episode (a measure goal is judged from its "
        "score); activity goals: 'g3'",
    ]
    assert problems(document(goal_status=[{"goal": "g3", "met": True}])) == [
        "goal_status: needs the episode and its goals (episode.goals)"
    ]
    assert problems(document(episode={**EPISODE, "discharge_date": "2026-10-01"})) == [
        "episode: discharge_date must not be before start_date"
    ]


def test_visit_1_documents_cannot_carry_them() -> None:
    data = json.loads(sorted(V1_EXAMPLES.glob("*.visit.json"))[0].read_text(encoding="utf-8"))
    data["outcomes"] = OUTCOMES
    assert problems(data) == ["outcomes: not part of clinic-app/visit/1; use clinic-app/visit/2"]


def test_empty_lists_read_as_left_out() -> None:
    visit = parse_visit_document(json.dumps(document(outcomes=[])))
    assert visit.outcomes is None
    assert "outcomes" not in json.loads(dump_visit_document(visit))
