"""What changed since the last visit: worked out from the two plans, printed on a follow-up's
handout in plain words, in English and Spanish."""

from __future__ import annotations

import pytest

from clinic_app.documents import DocumentRequest, render_patient_document
from clinic_app.documents.changes import PlanChange, plan_changes
from clinic_app.domain import Dosing, Language, Prescription, Side
from clinic_app.follow_up import PlanChoice, carry_plan, plan_from_choices

from .helpers import CLINIC, KNEE, example, pages_text

LEFT = Side.LEFT
LAST_TIME = (
    Prescription(
        exercise="calf_stretch_wall_bent_knee", side=LEFT, dosing=Dosing(hold_s=30, reps=3, sets=1, per_day=2)
    ),
    Prescription(exercise="side_lying_hip_abduction", side=LEFT, dosing=Dosing(reps=10, sets=2, per_day=1)),
    Prescription(exercise="glute_bridge", side=Side.CENTRAL, dosing=Dosing(reps=15, sets=3, per_day=1)),
    Prescription(
        exercise="doorway_chest_stretch", side=Side.BOTH, dosing=Dosing(hold_s=30, reps=3, sets=1, per_day=2)
    ),
)
NOW = (
    Prescription(
        exercise="calf_stretch_wall_bent_knee", side=LEFT, dosing=Dosing(hold_s=45, reps=3, sets=1, per_day=2)
    ),
    Prescription(exercise="side_lying_hip_abduction", side=LEFT, dosing=Dosing(reps=8, sets=2, per_day=1)),
    Prescription(exercise="sit_to_stand", side=Side.CENTRAL, dosing=Dosing(reps=8, sets=2, per_day=1)),
    Prescription(exercise="knee_to_wall_ankle_rocking", side=LEFT, dosing=Dosing(reps=10, sets=2, per_day=2)),
)


def test_each_kind_of_change_is_found() -> None:
    changes = plan_changes(LAST_TIME, NOW)
    assert [(c.kind, c.exercise, c.replaced, c.dose_changes()) for c in changes] == [
        ("harder", "calf_stretch_wall_bent_knee", None, [("hold_s", 30, 45)]),
        ("easier", "side_lying_hip_abduction", None, [("reps", 10, 8)]),
        ("swapped_harder", "sit_to_stand", "glute_bridge", []),
        ("new", "knee_to_wall_ankle_rocking", None, []),
        ("stopped", "doorway_chest_stretch", None, []),
    ]


def test_a_dose_up_and_down_at_once_is_a_change_and_the_same_plan_is_none() -> None:
    mixed = Prescription(
        exercise="side_lying_hip_abduction", side=LEFT, dosing=Dosing(reps=12, sets=1, per_day=1)
    )
    assert [c.kind for c in plan_changes(LAST_TIME[1:2], [mixed])] == ["dose"]
    assert plan_changes(LAST_TIME, LAST_TIME) == ()
    # The same exercise on the other side is not the same entry: one stopped, one new.
    other_side = LAST_TIME[0].model_copy(update={"side": Side.RIGHT})
    assert [c.kind for c in plan_changes(LAST_TIME[:1], [other_side])] == ["new", "stopped"]


def test_the_follow_up_plan_editor_choices_give_the_changes_it_made() -> None:
    carried = carry_plan(example(KNEE).model_copy(update={"plan": LAST_TIME}))
    choices = [PlanChoice.PROGRESS, PlanChoice.REGRESS, PlanChoice.PROGRESS, PlanChoice.STOP]
    changes = plan_changes(LAST_TIME, plan_from_choices(carried, choices))
    assert [c.kind for c in changes] == ["harder", "easier", "swapped_harder", "stopped"]


def handout_text(language: Language, changes: tuple[PlanChange, ...] | None) -> str:
    visit = example(KNEE).model_copy(update={"plan": NOW})
    request = DocumentRequest.for_visit(visit, clinic=CLINIC, language=language, changes=changes)
    return " ".join(pages_text(render_patient_document(request).pdf))


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            Language.EN,
            [
                "What changed since your last visit",
                "1. Calf stretch at the wall, knee bent: a little harder now. Hold 45 seconds (before: 30).",
                "2. Side-lying leg lift: a little easier now. Repeat 8 times (before: 10).",
                "3. Sit to stand takes the place of Lying hip lift (bridge). It is the next step up.",
                "New exercise: 4. Knee-to-wall ankle rocking.",
                "Stop doing Doorway chest stretch (one arm). You do not need it now.",
            ],
        ),
        (
            Language.ES,
            [
                "Qué cambió desde su última visita",
                "Mantenga 45 segundos (antes: 30).",
                "Repita 8 veces (antes: 10).",
                "reemplaza a Puente, subir la cadera boca arriba. Es el paso siguiente.",
                "Ejercicio nuevo: 4. Balanceo del tobillo hacia la pared.",
                "Ya no lo necesita.",
            ],
        ),
    ],
)
def test_a_follow_up_handout_says_what_changed(language: Language, lines: list[str]) -> None:
    text = " ".join(handout_text(language, plan_changes(LAST_TIME, NOW)).split())
    for line in lines:
        assert line in text, line


def test_an_unchanged_plan_says_so_and_a_first_visit_says_nothing() -> None:
    assert "Your exercises are the same as last time. Keep going!" in handout_text(Language.EN, ())
    assert "Sus ejercicios son los mismos que la última vez." in handout_text(Language.ES, ())
    assert "What changed" not in handout_text(Language.EN, None)
