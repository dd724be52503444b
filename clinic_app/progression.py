"""Progress and regress one exercise of a plan, as the library says it steps up and down.

Each library exercise lists how its dose steps up (`dose_steps`: one ladder of values per dose
field, the first listed stepped first) and may name an easier and a harder version. Progressing
an entry steps its dose up like an odometer: the first field goes up a step; at its top, the next
field goes up a step and the first starts again at its bottom (2 x 15 -> 3 x 8: double
progression). At the top of every ladder the entry becomes the harder version at its library dose;
with no harder version it stays as it is, and says so. Regressing is the same the other way (3 x 8
-> 2 x 15; at the bottom, the easier version). A dose the therapist typed between two steps moves
to the next step up or down.

    step = progress(entry)       # ProgressionStep: the new entry, what kind of step, and what changed
    step.change                  # "hold 30 s -> 45 s", "Lying hip lift (bridge) -> Sit to stand"

Plain data in and out: the desktop's plan editor and the follow-up visit call these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clinic_app.domain import Dosing, Prescription, Side
from clinic_app.exercises import DoseField, Exercise, load_library

StepKind = Literal["dose", "exercise", "none"]
ARROW = "→"
UNITS: dict[DoseField, tuple[str, str]] = {
    "hold_s": ("hold", " s"),
    "reps": ("reps", ""),
    "sets": ("sets", ""),
}


@dataclass(frozen=True, slots=True)
class ProgressionStep:
    """One step of an exercise up or down.

    `prescription` is the entry after the step (the same entry when `kind` is "none"); `kind` says
    whether the dose changed, the exercise was swapped for its harder or easier version, or nothing
    could change; `change` says it in words for the therapist ("reps 10 → 12").
    """

    prescription: Prescription
    kind: StepKind
    change: str

    @property
    def changed(self) -> bool:
        return self.kind != "none"


def progress(entry: Prescription) -> ProgressionStep:
    """The entry one step harder: its dose up a step, else its harder version, else unchanged."""
    exercise = load_library().exercises[entry.exercise]
    dosing = _stepped(exercise, entry.dosing, up=True)
    if dosing is not None:
        return _dose_step(entry, dosing)
    return _swap(entry, exercise, exercise.harder, "already at its hardest step")


def regress(entry: Prescription) -> ProgressionStep:
    """The entry one step easier: its dose down a step, else its easier version, else unchanged."""
    exercise = load_library().exercises[entry.exercise]
    dosing = _stepped(exercise, entry.dosing, up=False)
    if dosing is not None:
        return _dose_step(entry, dosing)
    return _swap(entry, exercise, exercise.easier, "already at its easiest step")


def _stepped(exercise: Exercise, dosing: Dosing, *, up: bool) -> Dosing | None:
    """The dose one step up (or down), odometer-wise over the ladders; None at the end of them all."""
    changes: dict[str, int] = {}
    for field, ladder in exercise.dose_steps.items():
        value = getattr(dosing, field)
        if value is None:  # cannot happen for a library entry: checked when the library loads
            continue
        following = [v for v in ladder if v > value] if up else [v for v in ladder if v < value]
        if following:
            changes[field] = following[0] if up else following[-1]
            return dosing.model_copy(update=changes)
        changes[field] = ladder[0] if up else ladder[-1]  # this field starts over; the next one steps
    return None


def _dose_step(entry: Prescription, dosing: Dosing) -> ProgressionStep:
    before, after = entry.dosing, dosing
    changed = [
        f"{label} {getattr(before, field)}{unit} {ARROW} {getattr(after, field)}{unit}"
        for field, (label, unit) in UNITS.items()
        if getattr(before, field) != getattr(after, field)
    ]
    return ProgressionStep(entry.model_copy(update={"dosing": dosing}), "dose", ", ".join(changed))


def _swap(entry: Prescription, exercise: Exercise, other_id: str | None, at_end: str) -> ProgressionStep:
    if other_id is None:
        return ProgressionStep(entry, "none", f"{exercise.name}: {at_end}")
    other = load_library().exercises[other_id]
    swapped = Prescription(
        exercise=other.id, side=_side_for(other, entry.side), dosing=other.dosing, note=entry.note
    )
    return ProgressionStep(
        swapped, "exercise", f"{exercise.name} {ARROW} {other.name} ({_dose_text(other.dosing)})"
    )


def _side_for(exercise: Exercise, side: Side) -> Side:
    """The side of the swapped exercise: one done per side keeps the side (central becomes both);
    one done on both sides at once, or on the midline, is central."""
    if not exercise.per_side:
        return Side.CENTRAL
    return Side.BOTH if side is Side.CENTRAL else side


def _dose_text(dosing: Dosing) -> str:
    hold = f"hold {dosing.hold_s} s, " if dosing.hold_s else ""
    return f"{hold}{dosing.reps} reps x {dosing.sets}, {dosing.per_day}x/day"
