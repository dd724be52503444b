"""Red flags: how urgent a visit's referral is, and which of the therapist's overrides stand.

Any flag present means referral. Its urgency is the highest of the flags present, raised by the
combinations in red_flags.yaml (fever with a hot joint, trauma with a neck complaint, ...). The
therapist may override a flag with a reason only while the referral, after the combinations, is
routine; an override that a later entry makes invalid is reported, never silently honoured.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from clinic_app.catalogue import URGENCY_RANK, Catalogue, Combination, load_catalogue
from clinic_app.domain import Region
from clinic_app.errors import Problem

if TYPE_CHECKING:
    from clinic_app.domain import Visit


def referral_urgency(
    present: Collection[str], regions: Collection[Region], age: int | None, catalogue: Catalogue
) -> tuple[str | None, tuple[str, ...]]:
    """The referral's urgency (None without flags) and the combinations that apply, in file order."""
    if not present:
        return None, ()
    urgency = max((catalogue.red_flags[flag].urgency for flag in present), key=URGENCY_RANK.__getitem__)
    applied = tuple(c.id for c in catalogue.combinations if _applies(c, present, regions, age))
    for combination in catalogue.combinations:
        if combination.id in applied and URGENCY_RANK[combination.urgency] > URGENCY_RANK[urgency]:
            urgency = combination.urgency
    return urgency, applied


def _applies(
    combination: Combination, present: Collection[str], regions: Collection[Region], age: int | None
) -> bool:
    if not all(flag in present for flag in combination.all_flags):
        return False
    if combination.any_flags and not any(flag in present for flag in combination.any_flags):
        return False
    wanted = combination.complaint_regions
    if wanted == "any" and not regions:
        return False
    if isinstance(wanted, list) and not any(region in wanted for region in regions):
        return False
    return combination.min_age is None or (age is not None and age >= combination.min_age)


def visit_urgency(visit: Visit, catalogue: Catalogue | None = None) -> tuple[str | None, tuple[str, ...]]:
    catalogue = catalogue or load_catalogue()
    regions = {complaint.region for complaint in visit.complaints}
    return referral_urgency(visit.red_flags or (), regions, visit.age_on_visit_date(), catalogue)


def override_problems(visit: Visit, catalogue: Catalogue | None = None) -> list[Problem]:
    """Every override that cannot stand, with its field path and what is allowed."""
    return [
        Problem(f"red_flag_overrides[{index}].id", f'"{flag}": {why}')
        for index, flag, why in _judged_overrides(visit, catalogue or load_catalogue())
        if why is not None
    ]


def overrides_in_force(visit: Visit, catalogue: Catalogue | None = None) -> tuple[str, ...]:
    """The overridden flag ids that stand, in checklist order."""
    catalogue = catalogue or load_catalogue()
    standing = {flag for _, flag, why in _judged_overrides(visit, catalogue) if why is None}
    return tuple(flag for flag in catalogue.red_flags if flag in standing)


def _judged_overrides(visit: Visit, catalogue: Catalogue) -> list[tuple[int, str, str | None]]:
    """Each override as (its index, its flag, why it cannot stand or None when it stands)."""
    overrides = visit.red_flag_overrides or ()
    if not overrides:
        return []
    present = set(visit.red_flags or ())
    urgency, _ = visit_urgency(visit, catalogue)
    allowed = catalogue.override_allowed_up_to
    judged: list[tuple[int, str, str | None]] = []
    seen: set[str] = set()
    for index, override in enumerate(overrides):
        flag_urgency = catalogue.red_flags[override.id].urgency
        why: str | None = None
        if override.id in seen:
            why = "this flag is overridden twice; give each flag once"
        elif override.id not in present:
            why = "only a flag ticked as present in red_flags can be overridden"
        elif URGENCY_RANK[flag_urgency] > URGENCY_RANK[allowed]:
            why = f"an {flag_urgency} flag can never be overridden; only {allowed} flags can"
        elif urgency is not None and URGENCY_RANK[urgency] > URGENCY_RANK[allowed]:
            why = (
                f"the referral is {urgency} with the other entries of this visit; "
                f"an override is allowed only while it is {allowed}"
            )
        seen.add(override.id)
        judged.append((index, override.id, why))
    return judged
