"""Progressing and regressing an exercise: dose ladders, easier and harder versions, the library's chains."""

from __future__ import annotations

import pytest

from clinic_app.domain import Dosing, Prescription, Side
from clinic_app.exercises import ExerciseLibrary, chain_problems, load_library
from clinic_app.progression import progress, regress


def entry(exercise: str, side: Side = Side.LEFT, **dose: int | None) -> Prescription:
    library_dose = load_library().exercises[exercise].dosing
    return Prescription(exercise=exercise, side=side, dosing=library_dose.model_copy(update=dose))


def test_a_stretch_holds_longer_step_by_step_then_stays() -> None:
    step = progress(entry("calf_stretch_wall_bent_knee"))
    assert (step.kind, step.change) == ("dose", "hold 30 s → 45 s")
    step = progress(step.prescription)
    assert (step.prescription.dosing.hold_s, step.change) == (60, "hold 45 s → 60 s")
    top = progress(step.prescription)
    assert top.kind == "none"
    assert top.prescription == step.prescription
    assert top.change == "Calf stretch at the wall, knee bent: already at its hardest step"


def test_strength_adds_repetitions_then_a_set_and_back() -> None:
    """Double progression: 2 x 15 becomes 3 x 8; regressing 3 x 8 gives 2 x 15 again."""
    step = progress(entry("side_lying_hip_abduction", reps=15, sets=2))
    assert step.prescription.dosing == Dosing(reps=8, sets=3, per_day=1)
    assert step.change == "reps 15 → 8, sets 2 → 3"
    back = regress(step.prescription)
    assert back.prescription.dosing == Dosing(reps=15, sets=2, per_day=1)


def test_a_dose_typed_between_steps_moves_to_the_next_step() -> None:
    typed = entry("doorway_chest_stretch", hold_s=40)
    assert progress(typed).prescription.dosing.hold_s == 45
    assert regress(typed).prescription.dosing.hold_s == 30


def test_at_the_top_the_harder_version_starts_at_its_library_dose() -> None:
    bridge = entry("glute_bridge", Side.CENTRAL, reps=15, sets=3)
    step = progress(bridge)
    assert step.kind == "exercise"
    assert step.prescription.exercise == "sit_to_stand"
    assert step.prescription.dosing == load_library().exercises["sit_to_stand"].dosing
    assert step.change == "Lying hip lift (bridge) → Sit to stand (10 reps x 2, 1x/day)"


def test_at_the_bottom_the_easier_version_keeps_the_side_and_note() -> None:
    strap = entry("hamstring_stretch_strap", Side.RIGHT, hold_s=20).model_copy(update={"note": "after work"})
    step = regress(strap)
    assert (step.kind, step.prescription.exercise) == ("exercise", "doorway_hamstring_stretch")
    assert (step.prescription.side, step.prescription.note) == (Side.RIGHT, "after work")
    assert regress(entry("glute_bridge", Side.CENTRAL, reps=8, sets=2)).kind == "none"


# Its library dose is the protocol's target (10 holds of 10 s, Jull 2002): it only steps down.
AT_TARGET_DOSE = {"lying_chin_nod"}


@pytest.mark.parametrize("exercise_id", list(load_library().exercises))
def test_every_exercise_steps_up_and_back_down_to_where_it_started(exercise_id: str) -> None:
    start = entry(
        exercise_id, Side.CENTRAL if not load_library().exercises[exercise_id].per_side else Side.LEFT
    )
    up = progress(start)
    assert up.changed == (exercise_id not in AT_TARGET_DOSE), up.change
    if up.kind == "dose":
        assert regress(up.prescription).prescription == start
    down = regress(start)
    assert down.changed or load_library().exercises[exercise_id].easier is None


def _library_with(**changes: dict[str, str | None]) -> ExerciseLibrary:
    exercises = dict(load_library().exercises)
    for exercise_id, update in changes.items():
        exercises[exercise_id] = exercises[exercise_id].model_copy(update=update)
    return ExerciseLibrary(exercises)


def test_the_shipped_chains_are_sound() -> None:
    assert chain_problems(load_library()) == []


def test_a_chain_must_point_back_and_stay_within_its_kind() -> None:
    library = _library_with(band_row={"harder": "sit_to_stand"})
    assert [str(p) for p in chain_problems(library)] == [
        "exercises/band_row.yaml: harder: sit_to_stand must name band_row as its easier version"
    ]
    library = _library_with(
        calf_stretch_wall={"harder": "knee_to_wall_ankle_rocking"},
        knee_to_wall_ankle_rocking={"easier": "calf_stretch_wall"},
    )
    assert "knee_to_wall_ankle_rocking is a mobility, not a stretch" in str(chain_problems(library)[0])


def test_a_chain_that_comes_back_round_is_refused() -> None:
    library = _library_with(
        sit_to_stand={"easier": "glute_bridge", "harder": "glute_bridge"},
        glute_bridge={"harder": "sit_to_stand", "easier": "sit_to_stand"},
    )
    messages = [str(p) for p in chain_problems(library)]
    assert (
        "exercises/glute_bridge.yaml: harder: following harder from glute_bridge comes back to it" in messages
    )


def test_a_chain_to_an_unknown_exercise_is_refused() -> None:
    library = _library_with(band_row={"easier": "wall_push_up"})
    assert [str(p) for p in chain_problems(library)] == [
        "exercises/band_row.yaml: easier: exercise wall_push_up is not in the library"
    ]
