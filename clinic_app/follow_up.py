"""A follow-up visit starts from the episode's last visit.

    draft = follow_up_visit(last, date=today, clinician="Sam Lee, PT")  # the new visit to fill in
    changes = compare_screens(last, draft_as_filled_in)                  # last time beside now
    carried = carry_plan(last)                                           # keep, progress, regress, stop
    plan = plan_from_choices(carried, [PlanChoice.PROGRESS, PlanChoice.KEEP, PlanChoice.STOP])

The draft keeps the patient, the episode and what the complaints were (their pain left to ask
again), asks the red-flag checklist again, leaves every screen to redo, and carries the last plan
forward unchanged until the therapist chooses otherwise. Everything here is plain data, for the
desktop to show and for tests to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from clinic_app.domain import Complaint, Prescription, Visit, VisitInfo
from clinic_app.measurements import SCREEN_FIELDS, ScreenField, Value
from clinic_app.progression import ProgressionStep, progress, regress


def follow_up_visit(previous: Visit, date: dt.date, clinician: str | None = None) -> Visit:
    """The new visit to fill in, started from the last one (see the module's description)."""
    return Visit(
        patient=previous.patient,
        visit=VisitInfo(date=date, clinician=clinician or previous.visit.clinician),
        complaints=tuple(Complaint(region=c.region, side=c.side) for c in previous.complaints),
        plan=previous.plan,
        episode=previous.episode,
    )


@dataclass(frozen=True, slots=True)
class ScreenChange:
    """One screen value last time and now: "Toe-to-wall distance (left): 6 cm → 8.5 cm, +2.5 cm".

    `change` is now minus before for measurements recorded both times (None otherwise); `improved`
    says whether it moved in the better direction (None: no change, or not a measurement).
    """

    field: ScreenField
    before: Value | None
    now: Value | None

    @property
    def change(self) -> float | None:
        if not self.field.is_measurement or not _number(self.before) or not _number(self.now):
            return None
        return round(float(self.now) - float(self.before), 2)  # type: ignore[arg-type]

    @property
    def improved(self) -> bool | None:
        change = self.change
        if not change:
            return None
        return (change > 0) == (self.field.better == "higher")

    @property
    def text(self) -> str:
        shown = f"{self.field.title}: {self.field.shown(self.before)} → {self.field.shown(self.now)}"
        change = self.change
        if change is None:
            return shown
        unit = self.field.unit if self.field.unit in ("°", "/3") else f" {self.field.unit}"
        return f"{shown}, {change:+g}{unit}"


def _number(value: Value | None) -> bool:
    return isinstance(value, float | int) and not isinstance(value, bool)


def compare_screens(previous: Visit, current: Visit) -> tuple[ScreenChange, ...]:
    """Every screen value recorded at either visit, last time beside now, in screen order."""
    changes = []
    for field in SCREEN_FIELDS:
        before, now = field.value_in(previous), field.value_in(current)
        if before is not None or now is not None:
            changes.append(ScreenChange(field, before, now))
    return tuple(changes)


class PlanChoice(StrEnum):
    KEEP = "keep"
    PROGRESS = "progress"
    REGRESS = "regress"
    STOP = "stop"


@dataclass(frozen=True, slots=True)
class CarriedExercise:
    """An exercise of the last plan, with what progressing or regressing it would give."""

    previous: Prescription
    progressed: ProgressionStep
    regressed: ProgressionStep

    def chosen(self, choice: PlanChoice) -> Prescription | None:
        """The entry for the new plan under the therapist's choice; None when stopped."""
        if choice is PlanChoice.STOP:
            return None
        if choice is PlanChoice.PROGRESS:
            return self.progressed.prescription
        if choice is PlanChoice.REGRESS:
            return self.regressed.prescription
        return self.previous


def carry_plan(previous: Visit) -> tuple[CarriedExercise, ...]:
    """The last visit's plan, each exercise with its progressed and regressed versions."""
    return tuple(CarriedExercise(entry, progress(entry), regress(entry)) for entry in previous.plan or ())


def plan_from_choices(
    carried: Sequence[CarriedExercise], choices: Sequence[PlanChoice]
) -> tuple[Prescription, ...]:
    """The new plan: one choice per carried exercise, in order; stopped ones left out."""
    if len(carried) != len(choices):
        raise ValueError(f"one choice per carried exercise: {len(carried)} exercises, {len(choices)} choices")
    entries = (item.chosen(choice) for item, choice in zip(carried, choices, strict=True))
    return tuple(entry for entry in entries if entry is not None)
