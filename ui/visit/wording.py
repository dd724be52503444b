"""What the therapist reads instead of ids: flags, urgencies, complaints and field paths in words.

The core speaks in ids (``cancer_history``) and document paths (``screenings.hip_mobility.left.
fms_score``); the screen never shows either. Everything here comes from the catalogue or from
the labels the form itself shows, so a field is named the same way wherever it is mentioned.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from clinic_app.catalogue import URGENCY_RANK, load_catalogue
from clinic_app.domain import Region, ScreenId
from clinic_app.errors import Problem
from clinic_app.red_flags import referral_urgency

SIDE_WORDS = {"left": "left", "right": "right", "both": "both sides", "central": ""}
LEG_WORDS = {"left": "left leg", "right": "right leg"}
COMPLAINT_FIELDS = {"region": "where it hurts", "side": "side", "pain": "pain (0-10)", "note": "note"}
PLAN_FIELDS = {
    "exercise": "exercise",
    "side": "side",
    "hold_s": "hold (s)",
    "reps": "reps",
    "sets": "sets",
    "per_day": "times a day",
    "note": "note",
}
NO_EMERGENCY_NUMBER_SHORT = "The clinic's emergency number is not set: set it in Settings (Ctrl+,)."
_INDEXED = re.compile(r"^(\w+)\[(\d+)\](?:\.(.*))?$")


# ---- red flags -----------------------------------------------------------------------------------


def flag_name(flag_id: str) -> str:
    """A red flag in a few plain medical words: "Past history of cancer", "Fever"."""
    flag = load_catalogue().red_flags.get(flag_id)
    if flag is None:
        return "an unknown red flag"
    text = flag.clinician.en
    for stop in (" (", ";"):
        text = text.split(stop, 1)[0]
    return text.rstrip(". ")


def flag_clinician(flag_id: str) -> str:
    """The red flag in the words of the doctor's part of the letter."""
    flag = load_catalogue().red_flags.get(flag_id)
    return flag.clinician.en if flag is not None else "An unknown red flag."


def refer_when(urgency: str) -> str:
    """ "Emergency (now)", "Today (the same day)", "Within a week"."""
    definition = load_catalogue().urgencies[urgency]
    label, when = definition.label.en, definition.when.en
    return label if label.casefold() == when.casefold() else f"{label} ({when})"


def emergency_advice(urgency: str, emergency_number: str) -> str:
    """What the patient must do, with the clinic's emergency number in it."""
    advice = load_catalogue().urgencies[urgency].advice.en
    return advice.replace("{emergency_number}", emergency_number.strip() or "the emergency number")


def needs_emergency_number(urgency: str) -> bool:
    return "{emergency_number}" in load_catalogue().urgencies[urgency].advice.en


def override_blockers(present: Collection[str], regions: Collection[Region], age: int | None) -> list[str]:
    """Why no flag can be overridden now, in plain words; empty while the referral is routine."""
    catalogue = load_catalogue()
    allowed = URGENCY_RANK[catalogue.override_allowed_up_to]
    urgency, combinations = referral_urgency(present, regions, age, catalogue)
    if urgency is None or URGENCY_RANK[urgency] <= allowed:
        return []
    reasons = [
        f"“{flag_name(flag)}”"
        for flag in catalogue.red_flags
        if flag in present and URGENCY_RANK[catalogue.red_flags[flag].urgency] > allowed
    ]
    reasons += [
        c.clinician.en.rstrip(".")
        for c in catalogue.combinations
        if c.id in combinations and URGENCY_RANK[c.urgency] > allowed
    ]
    return reasons


def why_not_in_force(
    flag_id: str, answered_yes: bool, present: Collection[str], regions: Collection[Region], age: int | None
) -> str | None:
    """Why an override of this flag cannot stand, in plain words; None when it stands."""
    catalogue = load_catalogue()
    flag = catalogue.red_flags.get(flag_id)
    if flag is None:
        return "this red flag is not in the checklist any more"
    if not answered_yes:
        return "the question is not answered Yes"
    if URGENCY_RANK[flag.urgency] > URGENCY_RANK[catalogue.override_allowed_up_to]:
        return (
            f"a flag that needs referral {catalogue.urgencies[flag.urgency].when.en} can never be overridden"
        )
    blockers = override_blockers(present, regions, age)
    if blockers:
        urgency, _ = referral_urgency(present, regions, age, catalogue)
        assert urgency is not None
        when = catalogue.urgencies[urgency].when.en
        return f"the referral is needed {when}, because of " + "; ".join(blockers)
    return None


# ---- complaints, screens and fields --------------------------------------------------------------


def complaint_label(region: str, side: str) -> str:
    """ "Knee pain (left)", "Headache"."""
    names = load_catalogue().regions
    name = names[Region(region)].en.capitalize() if region in names else "A complaint"
    where = SIDE_WORDS.get(side, side)
    return f"{name} ({where})" if where else name


def field_label(path: str) -> str:
    """A document path in the form's words: "Complaint 2: pain (0-10)", "Hip mobility, left leg: ..."."""
    match = _INDEXED.match(path)
    if match:
        kind, index, rest = match[1], int(match[2]) + 1, match[3] or ""
        if kind == "complaints":
            return f"Complaint {index}" + (f": {COMPLAINT_FIELDS.get(rest, _words(rest))}" if rest else "")
        if kind == "plan":
            name = rest.removeprefix("dosing.")
            return f"Plan, exercise {index}" + (f": {PLAN_FIELDS.get(name, _words(name))}" if name else "")
        if kind == "red_flag_overrides":
            return f"Override {index}"
        if kind == "red_flags":
            return "Red-flag checklist"
    if path.startswith("screenings."):
        return _screening_label(path.removeprefix("screenings."))
    fixed = {
        "red_flags": "Red-flag checklist",
        "red_flag_overrides": "Overrides",
        "screenings": "Screening",
        "visit.date": "Visit date",
        "visit.clinician": "Clinician",
    }
    if path in fixed:
        return fixed[path]
    if path.startswith("patient."):
        return "Patient: " + _words(path.removeprefix("patient."))
    if path.startswith("clinic."):
        return "Clinic " + _words(path.removeprefix("clinic."))
    return _words(path) or "The visit"


def _screening_label(rest: str) -> str:
    from ui.visit.screening_cards import FIELD_LABELS  # the cards' own words for their fields

    screen, _, field = rest.partition(".")
    screens = load_catalogue().screens
    known = {s.value for s in ScreenId}
    name = screens[ScreenId(screen)].name.en if screen in known else _words(screen)
    side, _, inner = field.partition(".")
    if side in LEG_WORDS:
        label = FIELD_LABELS.get(inner, _words(inner))
        return f"{name}, {LEG_WORDS[side]}" + (f": {_plain(label)}" if inner else "")
    return f"{name}: {_plain(FIELD_LABELS.get(field, _words(field)))}" if field else name


def _plain(label: str) -> str:
    return label.removesuffix(" (optional)")


def _words(key: str) -> str:
    return key.replace("_", " ").replace(".", ", ")


def readable_message(message: str) -> str:
    """A core message with the ids it may quote replaced by their names."""
    for flag in load_catalogue().red_flags:
        message = message.replace(f'"{flag}"', f"“{flag_name(flag)}”").replace(
            f"'{flag}'", f"“{flag_name(flag)}”"
        )
    return message


def readable_problem(problem: Problem) -> str:
    return f"{field_label(problem.path)}: {readable_message(problem.message)}"


def readable_problems(problems: Iterable[Problem]) -> list[str]:
    return [readable_problem(p) for p in problems]
