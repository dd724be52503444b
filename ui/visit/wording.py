"""What the therapist reads instead of ids: flags, urgencies, complaints and field paths in words.

The core speaks in ids (``cancer_history``) and document paths (``screenings.hip_mobility.left.
fms_score``); the screen never shows either. Everything here comes from the catalogue or from
the labels the form itself shows, so a field is named the same way wherever it is mentioned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable

from PySide6.QtCore import QCoreApplication

from clinic_app.catalogue import URGENCY_RANK, load_catalogue
from clinic_app.domain import MIDLINE_REGIONS, Region, ScreenId, Side
from clinic_app.errors import Problem
from clinic_app.red_flags import referral_urgency
from clinic_app.triage import Finding
from clinic_app.visit_form import VisitForm
from ui.core_words import core_message
from ui.language import QT_TRANSLATE_NOOP, content_language

SIDE_WORDS = {
    "left": QT_TRANSLATE_NOOP("wording", "left"),
    "right": QT_TRANSLATE_NOOP("wording", "right"),
    "both": QT_TRANSLATE_NOOP("wording", "both sides"),
    "central": "",
}
LEG_WORDS = {
    "left": QT_TRANSLATE_NOOP("wording", "left leg"),
    "right": QT_TRANSLATE_NOOP("wording", "right leg"),
}
COMPLAINT_FIELDS = {
    "region": QT_TRANSLATE_NOOP("wording", "where it hurts"),
    "side": QT_TRANSLATE_NOOP("wording", "side"),
    "pain": QT_TRANSLATE_NOOP("wording", "pain (0-10)"),
    "note": QT_TRANSLATE_NOOP("wording", "note"),
}
# What a choice from a list is called, by the field it fills: "choose where it hurts from the list".
CHOICE_WORDS = {
    "region": QT_TRANSLATE_NOOP("wording", "where it hurts"),
    "side": QT_TRANSLATE_NOOP("wording", "a side"),
    "result": QT_TRANSLATE_NOOP("wording", "a result"),
    "exercise": QT_TRANSLATE_NOOP("wording", "an exercise"),
}
PLAN_FIELDS = {
    "exercise": QT_TRANSLATE_NOOP("wording", "exercise"),
    "side": QT_TRANSLATE_NOOP("wording", "side"),
    "hold_s": QT_TRANSLATE_NOOP("wording", "hold (s)"),
    "reps": QT_TRANSLATE_NOOP("wording", "reps"),
    "sets": QT_TRANSLATE_NOOP("wording", "sets"),
    "per_day": QT_TRANSLATE_NOOP("wording", "times a day"),
    "note": QT_TRANSLATE_NOOP("wording", "note"),
}
NO_EMERGENCY_NUMBER_SHORT = QT_TRANSLATE_NOOP(
    "wording", "The clinic's emergency number is not set: set it in Settings (Ctrl+,)."
)


def _t(text: str) -> str:
    """One of the words above in the screens' language."""
    return QCoreApplication.translate("wording", text)


def _cards(text: str) -> str:
    """One of the screening cards' field labels in the screens' language."""
    return QCoreApplication.translate("screening_cards", text)


_INDEXED = re.compile(r"^(\w+)\[(\d+)\](?:\.(.*))?$")
_GOT = re.compile(r", got (.*)$")
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_PATH = re.compile(
    r"\b(?:screenings|complaints|plan|visit|patient|red_flags|red_flag_overrides)(?:\[\d+\])?(?:\.[\w\[\]]+)+"
)


# ---- red flags -----------------------------------------------------------------------------------


def flag_name(flag_id: str) -> str:
    """A red flag in a few plain medical words: "Past history of cancer", "Fever"."""
    flag = load_catalogue().red_flags.get(flag_id)
    if flag is None:
        return QCoreApplication.translate("wording", "an unknown red flag")
    text = flag.clinician[content_language()]
    for stop in (" (", ";"):
        text = text.split(stop, 1)[0]
    return text.rstrip(". ")


def flag_clinician(flag_id: str) -> str:
    """The red flag in the words of the doctor's part of the letter."""
    flag = load_catalogue().red_flags.get(flag_id)
    return (
        flag.clinician[content_language()]
        if flag is not None
        else QCoreApplication.translate("wording", "An unknown red flag.")
    )


def refer_when(urgency: str) -> str:
    """ "Emergency (now)", "Today (the same day)", "Within a week"."""
    definition = load_catalogue().urgencies[urgency]
    label, when = definition.label[content_language()], definition.when[content_language()]
    return label if label.casefold() == when.casefold() else f"{label} ({when})"


def emergency_advice(urgency: str, emergency_number: str) -> str:
    """What the patient must do, with the clinic's emergency number in it."""
    advice = load_catalogue().urgencies[urgency].advice[content_language()]
    return advice.replace("{emergency_number}", emergency_number.strip() or "the emergency number")


def needs_emergency_number(urgency: str) -> bool:
    return "{emergency_number}" in load_catalogue().urgencies[urgency].advice[content_language()]


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
        c.clinician[content_language()].rstrip(".")
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
        return QCoreApplication.translate("wording", "this red flag is not in the checklist any more")
    if not answered_yes:
        return QCoreApplication.translate("wording", "the question is not answered Yes")
    if URGENCY_RANK[flag.urgency] > URGENCY_RANK[catalogue.override_allowed_up_to]:
        return QCoreApplication.translate(
            "wording", "a flag that needs referral {when} can never be overridden"
        ).format(when=catalogue.urgencies[flag.urgency].when[content_language()])
    blockers = override_blockers(present, regions, age)
    if blockers:
        urgency, _ = referral_urgency(present, regions, age, catalogue)
        assert urgency is not None
        when = catalogue.urgencies[urgency].when[content_language()]
        return QCoreApplication.translate(
            "wording", "the referral is needed {when}, because of {reasons}"
        ).format(when=when, reasons="; ".join(blockers))
    return None


# ---- complaints, screens and fields --------------------------------------------------------------


def complaint_label(region: str, side: str) -> str:
    """ "Knee pain (left)", "Headache"."""
    names = load_catalogue().regions
    name = (
        names[Region(region)][content_language()].capitalize()
        if region in names
        else QCoreApplication.translate("wording", "A complaint")
    )
    where = _t(SIDE_WORDS.get(side, side))
    return f"{name} ({where})" if where else name


def field_label(path: str, form: VisitForm | None = None) -> str:
    """A document path in the form's words: "Complaint 2 (knee pain, left): pain (0-10)",
    "Ankle mobility (knee to wall): Best toe-to-wall distance, left leg".

    With the form, a complaint and an exercise of the plan are named by what they are, not only by
    their number.
    """
    match = _INDEXED.match(path)
    if match:
        kind, index, rest = match[1], int(match[2]) + 1, match[3] or ""
        if kind == "complaints":
            what = _complaint_words(form, index - 1)
            return QCoreApplication.translate("wording", "Complaint {index}{what}").format(
                index=index, what=what
            ) + (f": {_t(COMPLAINT_FIELDS.get(rest, _words(rest)))}" if rest else "")
        if kind == "plan":
            name = rest.removeprefix("dosing.")
            what = _exercise_words(form, index - 1)
            return QCoreApplication.translate("wording", "Plan, exercise {index}{what}").format(
                index=index, what=what
            ) + (f": {_t(PLAN_FIELDS.get(name, _words(name)))}" if name else "")
        if kind == "red_flag_overrides":
            return QCoreApplication.translate("wording", "Override {index}").format(index=index)
        if kind == "red_flags":
            return QCoreApplication.translate("wording", "Red-flag checklist")
    if path.startswith("screenings."):
        return _screening_label(path.removeprefix("screenings."))
    fixed = {
        "red_flags": QCoreApplication.translate("wording", "Red-flag checklist"),
        "red_flag_overrides": QCoreApplication.translate("wording", "Overrides"),
        "screenings": QCoreApplication.translate("wording", "Screening"),
        "visit.date": QCoreApplication.translate("wording", "Visit date"),
        "visit.clinician": QCoreApplication.translate("wording", "Clinician"),
    }
    if path in fixed:
        return fixed[path]
    if path.startswith("patient."):
        return QCoreApplication.translate("wording", "Patient: {field}").format(
            field=_words(path.removeprefix("patient."))
        )
    if path.startswith("clinic."):
        return QCoreApplication.translate("wording", "Clinic {field}").format(
            field=_words(path.removeprefix("clinic."))
        )
    return _words(path).capitalize() or QCoreApplication.translate("wording", "The visit")


def _complaint_words(form: VisitForm | None, index: int) -> str:
    if form is None or not 0 <= index < len(form.complaints):
        return ""
    entry = form.complaints[index]
    if entry.region not in {r.value for r in Region}:
        return ""
    return f" ({complaint_label(entry.region, entry.side if entry.side in SIDE_WORDS else '').lower()})"


def _exercise_words(form: VisitForm | None, index: int) -> str:
    from clinic_app.exercises import load_library

    if form is None or form.plan is None or not 0 <= index < len(form.plan):
        return ""
    exercise = load_library().exercises.get(form.plan[index].exercise)
    return f" ({exercise.text[content_language()].name})" if exercise else ""


def screen_name(screen: str) -> str:
    """ "Ankle mobility (knee to wall)"; an unknown screen in words."""
    known = {s.value for s in ScreenId}
    return (
        load_catalogue().screens[ScreenId(screen)].name[content_language()]
        if screen in known
        else _words(screen).capitalize()
    )


def screening_field_name(screen: str, key: str) -> str:
    """How a screening card's field is named everywhere (its accessible name too):
    "Ankle mobility (knee to wall): Best toe-to-wall distance, left leg"."""
    from ui.visit.screening_cards import FIELD_LABELS  # the cards' own words for their fields

    name = screen_name(screen)
    side, _, inner = key.partition(".")
    if side in LEG_WORDS:
        if not inner:
            return f"{name}, {_t(LEG_WORDS[side])}"
        return f"{name}: {_plain(_cards(FIELD_LABELS.get(inner, _words(inner))))}, {_t(LEG_WORDS[side])}"
    return f"{name}: {_plain(_cards(FIELD_LABELS.get(key, _words(key))))}" if key else name


def _screening_label(rest: str) -> str:
    screen, _, field = rest.partition(".")
    return screening_field_name(screen, field)


def _plain(label: str) -> str:
    return label.removesuffix(" (optional)")


def _words(key: str) -> str:
    return key.replace("_", " ").replace(".", ", ")


def readable_message(message: str, path: str = "") -> str:
    """A core message in the words of the form: no ids, no document paths, and what is allowed.

    The path says which field the message is about, which decides how a choice is asked for
    ("choose where it hurts") and how a missing value is named.
    """
    field = _last_field(path)
    got = _got(message)
    if message.startswith("expected one of "):
        what = _t(CHOICE_WORDS[field]) if field in CHOICE_WORDS else _t(QT_TRANSLATE_NOOP("wording", "one"))
        if not got:
            return QCoreApplication.translate("wording", "Required: choose {what}.").format(what=what)
        return QCoreApplication.translate(
            "wording", "“{got}” is not one of the choices: choose {what} from the list."
        ).format(got=got, what=what)
    if message.startswith("side 'central' is only allowed"):
        midline = ", ".join(_words(r.value) for r in Region if r in MIDLINE_REGIONS)
        return QCoreApplication.translate(
            "wording", "“Central” is only for the midline ({midline}): choose left, right or both sides."
        ).format(midline=midline)
    fixed = _FIXED_MESSAGES.get(message) or next(
        (words for start, words in _MESSAGE_STARTS.items() if message.startswith(start)), None
    )
    if fixed is not None:
        return _t(fixed)
    if message == "required, but missing":
        return (
            QCoreApplication.translate("wording", "Required: choose {value}.").format(
                value=_t(CHOICE_WORDS[field])
            )
            if field in CHOICE_WORDS
            else QCoreApplication.translate("wording", "Required.")
        )
    if message == "unknown field; remove it or check its spelling":
        return QCoreApplication.translate("wording", "Not something the app records here, so it is not used.")
    if message.startswith("unknown exercise "):
        return QCoreApplication.translate(
            "wording",
            "This exercise is not in the exercise library: remove it, and add one from the library.",
        )
    if message.startswith("unknown red flag "):
        flag = message.removeprefix("unknown red flag ").partition(";")[0].strip("'\"")
        return QCoreApplication.translate(
            "wording", "“{flag}” is not a question of today's checklist."
        ).format(flag=_words(flag))
    for flag in load_catalogue().red_flags:
        message = message.replace(f'"{flag}"', f"“{flag_name(flag)}”").replace(
            f"'{flag}'", f"“{flag_name(flag)}”"
        )
    message = message.replace("expected true or false", "expected yes or no")
    return _no_ids(core_message(message))


_FIXED_MESSAGES = {
    "give a result or a craniovertebral_angle_deg": QT_TRANSLATE_NOOP(
        "wording", "Choose a result or type the craniovertebral angle."
    ),
    "give the left side, the right side or both": QT_TRANSLATE_NOOP("wording", "Record at least one leg."),
    "give knee_touches_wall, heel_lifted or toe_to_wall_cm": QT_TRANSLATE_NOOP(
        "wording", "Record at least one answer for this leg."
    ),
}
_MESSAGE_STARTS = {
    "give at least one of ": QT_TRANSLATE_NOOP("wording", "Record at least one answer for this leg.")
}


def _last_field(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path).rpartition(".")[2]


def _got(message: str) -> str:
    """The value a message quotes after ", got ", as text ("" for an empty one or none)."""
    match = _GOT.search(message)
    if not match:
        return ""
    try:
        value = json.loads(match[1])
    except ValueError:
        return match[1].strip("\"'")
    return "" if value is None else str(value)


def _no_ids(message: str) -> str:
    """The last safety net: a document path or an id left in a message becomes words."""
    from ui.visit.screening_cards import FIELD_LABELS

    message = _PATH.sub(lambda m: field_label(m[0]), message)
    regions = {r.value: name[content_language()] for r, name in load_catalogue().regions.items()}

    def words(match: re.Match[str]) -> str:
        key = match[0]
        if key in FIELD_LABELS:
            return f"“{_plain(_cards(FIELD_LABELS[key]))}”"
        if key in regions:
            return regions[key]
        return key.replace("_", " ")

    return _SNAKE.sub(words, message)


def readable_problem(problem: Problem, form: VisitForm | None = None) -> str:
    """ "Complaint 2 (knee pain, left): pain (0-10): expected a whole number from 0 to 10, got "11"."""
    message = readable_message(problem.message, problem.path)
    return f"{field_label(problem.path, form)}: {message}" if problem.path else message


def not_used(problems: Iterable[Problem], form: VisitForm | None = None) -> list[str]:
    """The entries left out of the visit, in the therapist's words: what each is, and why.

    "Ankle mobility (knee to wall): Best toe-to-wall distance, left leg was not used: expected a
    number of centimetres from 0 to 30, got "abc"." An entry left out for several reasons (a
    complaint with neither place nor side) is one line.
    """
    lines: dict[str, list[str]] = {}
    for problem in problems:
        what, why = _not_used_parts(problem, form)
        lines.setdefault(what, []).append(why)
    return [
        QCoreApplication.translate("wording", "{what} was not used: {value}.").format(
            what=what, value="; ".join(whys)
        )
        for what, whys in lines.items()
    ]


def _not_used_parts(problem: Problem, form: VisitForm | None) -> tuple[str, str]:
    message = readable_message(problem.message, problem.path).rstrip(".")
    what, field = field_label(problem.path, form), ""
    match = _INDEXED.match(problem.path)
    if match and match[1] in ("complaints", "plan") and _last_field(problem.path) not in ("pain", "note"):
        # Without it the whole complaint or exercise is left out: say so, and which of its fields.
        entry = f"{match[1]}[{match[2]}]"
        what = field_label(entry, form)
        rest = (match[3] or "").removeprefix("dosing.")
        if match[1] == "plan" and rest:
            field = f"{_t(PLAN_FIELDS.get(rest, _words(rest)))}: "
    return what, f"{field}{message[:1].lower()}{message[1:]}"


def readable_problems(problems: Iterable[Problem], form: VisitForm | None = None) -> list[str]:
    return [readable_problem(p, form) for p in problems]


# ---- clinical words in the screens' language -----------------------------------------------------


def finding_label(finding: Finding) -> str:
    """A triage finding in the screens' language: "Tight calf (left)", "Pantorrilla rígida (izquierda)"."""
    entry = load_catalogue().findings.get(finding.key)
    label = entry.definition.label[content_language()] if entry is not None else finding.label
    if finding.side is Side.CENTRAL:
        return label
    side = SIDE_WORDS.get(finding.side.value, finding.side.value)
    return QCoreApplication.translate("wording", "{finding} ({side})").format(
        finding=label, side=QCoreApplication.translate("wording", side)
    )


def exercise_name(exercise_id: str, fallback: str) -> str:
    """A library exercise's name in the screens' language (the fallback for one not in the library)."""
    from clinic_app.exercises import load_library

    exercise = load_library().exercises.get(exercise_id)
    return exercise.text[content_language()].name if exercise is not None else fallback
