"""What changed in the home programme since the last visit, as plain data for the handout.

The caller (the desktop's follow-up visit, or anything that has the episode's visit before this
one) fills DocumentRequest.changes with `plan_changes(previous.plan, visit.plan)`; the handout words
each change for the patient in their language (handout.changes in resources/translations/
documents.yaml). None there means not a follow-up (nothing printed); an empty tuple means a
follow-up whose plan stayed the same, and the handout says so.

An exercise is matched to last time's by exercise and side. One that replaced the harder or easier
version named in the library (clinic_app.progression swaps them at the end of a dose ladder) is a
swap, not one new exercise and one stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from clinic_app.domain import Dosing, Prescription, Side
from clinic_app.exercises import load_library

ChangeKind = Literal["harder", "easier", "dose", "new", "stopped", "swapped_harder", "swapped_easier"]
# The dose fields a patient reads, in the order the handout's chips give them.
DOSE_FIELDS = ("hold_s", "reps", "sets", "per_day")


@dataclass(frozen=True, slots=True)
class PlanChange:
    """One exercise whose prescription changed since the last visit.

    `exercise` is the exercise as it is now (for "stopped", the one stopped); `replaced` the one it
    took the place of (swaps only). `before` and `after` are the doses, when there was one each time.
    """

    kind: ChangeKind
    exercise: str
    side: Side
    before: Dosing | None = None
    after: Dosing | None = None
    replaced: str | None = None

    def dose_changes(self) -> list[tuple[str, int, int]]:
        """Each dose field that moved: (field, was, now); none for a new, stopped or swapped one."""
        if self.before is None or self.after is None or self.replaced is not None:
            return []
        moved = []
        for name in DOSE_FIELDS:
            was, now = getattr(self.before, name), getattr(self.after, name)
            if was is not None and now is not None and was != now:
                moved.append((name, was, now))
        return moved


def plan_changes(previous: Sequence[Prescription], current: Sequence[Prescription]) -> tuple[PlanChange, ...]:
    """The changes from the last plan to this one, in this plan's order, the stopped ones last."""
    before = {(p.exercise, p.side): p for p in previous}
    changes: list[PlanChange] = []
    for entry in current:
        was = before.pop((entry.exercise, entry.side), None)
        if was is not None:
            kind = _dose_kind(was.dosing, entry.dosing)
            if kind is not None:
                changes.append(PlanChange(kind, entry.exercise, entry.side, was.dosing, entry.dosing))
            continue
        swap = _swapped_from(entry, before)
        if swap is None:
            changes.append(PlanChange("new", entry.exercise, entry.side, after=entry.dosing))
            continue
        kind, replaced = swap
        del before[(replaced.exercise, replaced.side)]
        changes.append(
            PlanChange(kind, entry.exercise, entry.side, replaced.dosing, entry.dosing, replaced.exercise)
        )
    changes += [PlanChange("stopped", p.exercise, p.side, before=p.dosing) for p in before.values()]
    return tuple(changes)


def _swapped_from(
    entry: Prescription, before: dict[tuple[str, Side], Prescription]
) -> tuple[ChangeKind, Prescription] | None:
    """The entry of last time's plan, on the same side, whose harder or easier version this is."""
    library = load_library().exercises
    for was in before.values():
        if was.side is not entry.side:
            continue
        if library[was.exercise].harder == entry.exercise:
            return "swapped_harder", was
        if library[was.exercise].easier == entry.exercise:
            return "swapped_easier", was
    return None


def _dose_kind(was: Dosing, now: Dosing) -> ChangeKind | None:
    """Harder when every field that moved went up, easier when every one went down; None unchanged."""
    ups = [
        getattr(now, name) > getattr(was, name)
        for name in DOSE_FIELDS
        if None not in (getattr(was, name), getattr(now, name)) and getattr(was, name) != getattr(now, name)
    ]
    if not ups:
        return None if was == now else "dose"
    return "harder" if all(ups) else "easier" if not any(ups) else "dose"
