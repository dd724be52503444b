"""A visit while it is being recorded: what the therapist typed, even when it is incomplete or wrong.

The desktop form edits a VisitForm; it is saved as a draft exactly as typed, so nothing is
lost. `to_visit` turns it into a validated domain Visit, or reports every problem with the
field path of the visit document, which the form uses to put each message next to its field.

`to_visit_lenient` is what the desktop triages, prints and finishes: the visit with every invalid
optional entry left out (a measurement, a pain score, a note, a screen, a complaint, an exercise of
the plan), and the list of what was left out and why. One wrong optional value never hides a red
flag: the red-flag answers are never left out, and only a problem with what a visit cannot do
without (its date, the patient, the checklist itself) still makes it fail. A complaint left out
whose region would make the referral more urgent is reported as such, so that no document says the
referral is less urgent than what was typed.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from clinic_app.domain import VISIT_SCHEMA, Patient, Prescription, Region, Visit
from clinic_app.errors import InvalidInput, Problem
from clinic_app.validation import problems_from
from clinic_app.visitdoc import parse_visit_document, visit_document_data

FORM_VERSION = 1
Answer = Literal["present", "absent"]

# How each screening field is typed in, by the kind of value the document wants.
BOOLEAN_FIELDS = frozenset(
    {
        "knee_bent_when_raised",
        "foot_turned_out_when_resting",
        "resting_leg_lifted",
        "knee_touches_wall",
        "heel_lifted",
    }
)
# What each number may be, in the words the message uses, and its range (as the visit document allows).
NUMBER_FIELDS = {
    "difference_cm": "a number of centimetres from 0 to 10",
    "craniovertebral_angle_deg": "an angle in degrees from 0 to 180",
    "raised_angle_deg": "an angle in degrees from 0 to 180",
    "toe_to_wall_cm": "a number of centimetres from 0 to 30",
}
NUMBER_RANGES = {
    "difference_cm": (0, 10),
    "craniovertebral_angle_deg": (0, 180),
    "raised_angle_deg": (0, 180),
    "toe_to_wall_cm": (0, 30),
}
WHOLE_NUMBER_FIELDS = {"fms_score": "a whole number from 0 to 3"}
WHOLE_NUMBER_RANGES = {"fms_score": (0, 3)}
PAIN = "a whole number from 0 to 10"
PAIN_RANGE = (0, 10)
DOSE_FIELDS = {
    "hold_s": "a whole number of seconds from 1 to 600, or blank for a moving exercise",
    "reps": "a whole number of repetitions from 1 to 100",
    "sets": "a whole number of sets from 1 to 20",
    "per_day": "a whole number of times a day from 1 to 12",
}
DOSE_RANGES = {"hold_s": (1, 600), "reps": (1, 100), "sets": (1, 20), "per_day": (1, 12)}


@dataclass
class ComplaintEntry:
    region: str = ""
    side: str = ""
    pain: str = ""  # as typed; blank means not rated
    note: str = ""


@dataclass
class PlanEntry:
    exercise: str
    side: str
    hold_s: str = ""
    reps: str = ""
    sets: str = ""
    per_day: str = ""
    note: str = ""


@dataclass
class VisitForm:
    date: str = ""  # YYYY-MM-DD
    clinician: str = ""
    complaints: list[ComplaintEntry] = field(default_factory=list)
    # flag id -> answer; a flag that is not here was not asked.
    red_flags: dict[str, Answer] = field(default_factory=dict)
    # flag id -> the therapist's reason for giving a home programme despite it, in the order given.
    red_flag_overrides: dict[str, str] = field(default_factory=dict)
    # screen -> "field" or "left.field" / "right.field" -> value as typed ("" = not recorded).
    screenings: dict[str, dict[str, str]] = field(default_factory=dict)
    # None: the plan follows what triage proposes; a list once the therapist edits it.
    plan: list[PlanEntry] | None = None

    # ---- drafts --------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps({"form": FORM_VERSION, **asdict(self)}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> VisitForm:
        data = json.loads(text)
        data.pop("form", None)
        plan = data.pop("plan", None)
        form = cls(
            complaints=[ComplaintEntry(**c) for c in data.pop("complaints", [])],
            plan=None if plan is None else [PlanEntry(**p) for p in plan],
            **data,
        )
        form._read_retired_flags()
        return form

    def _read_retired_flags(self) -> None:
        """A draft typed before a rules change: a retired flag's answer is read as its successor's.

        As the visit document does (fever_or_unwell is read as fever), so that an old Yes is never
        lost as an unknown flag; an answer already given to the successor stays.
        """
        from clinic_app.catalogue import load_catalogue

        retired = load_catalogue().retired_flags
        if not any(flag in retired for flag in (*self.red_flags, *self.red_flag_overrides)):
            return
        answers: dict[str, Answer] = {}
        for flag, answer in self.red_flags.items():
            new = retired.get(flag, flag)
            if answers.get(new) != "present":
                answers[new] = answer
        self.red_flags = answers
        self.red_flag_overrides = {
            retired.get(flag, flag): reason for flag, reason in self.red_flag_overrides.items()
        }

    # ---- from and to the domain --------------------------------------------------------------

    @classmethod
    def from_visit(cls, visit: Visit, flag_ids: list[str]) -> VisitForm:
        """The form showing a stored visit; flag_ids is the whole checklist, in order."""
        document = visit_document_data(visit)
        answers: dict[str, Answer] = {}
        if visit.red_flags is not None:
            # Present flags first, in the order given, so the visit comes back exactly.
            answers = dict.fromkeys(visit.red_flags, "present")
            answers.update({flag: "absent" for flag in flag_ids if flag not in answers})
        return cls(
            date=document["visit"]["date"],
            clinician=document["visit"].get("clinician", ""),
            complaints=[
                ComplaintEntry(**{k: _typed_text(v) for k, v in c.items()}) for c in document["complaints"]
            ],
            red_flags=answers,
            red_flag_overrides={o.id: o.reason for o in visit.red_flag_overrides or ()},
            screenings={name: _flattened(values) for name, values in document["screenings"].items()},
            plan=None if visit.plan is None else [_plan_entry(p) for p in document["plan"]],
        )

    def to_visit(
        self, patient: Patient, visit_id: str | None = None, *, check_overrides: bool = True
    ) -> Visit:
        """The validated visit, or InvalidInput with every problem by its document path.

        With check_overrides False, overrides that the other entries no longer allow are kept in
        the visit (triage reports them as not in force) instead of making it invalid: the live
        triage must show the referral whatever state the overrides are in.
        """
        problems: list[Problem] = []
        document: dict[str, Any] = {
            "schema": VISIT_SCHEMA,
            "patient": patient.model_dump(mode="json", exclude_none=True),
            "visit": _without_blanks(
                {"date": self.date, "clinician": self.clinician.strip(), "id": visit_id}
            ),
            "complaints": [self._complaint(i, c, problems) for i, c in enumerate(self.complaints)],
            "screenings": self._screenings(problems),
        }
        red_flags = self.red_flags_for_triage()
        if red_flags is not None:
            document["red_flags"] = list(red_flags)
        if self.red_flag_overrides:
            document["red_flag_overrides"] = [
                {"id": flag, "reason": reason} for flag, reason in self.red_flag_overrides.items()
            ]
        if self.plan is not None:
            document["plan"] = [self._prescription(i, p, problems) for i, p in enumerate(self.plan)]
        try:
            visit = parse_visit_document(
                json.dumps(document), check_overrides=check_overrides, stored_patient=True
            )
        except InvalidInput as invalid:
            # A value that could not be read was left out; say so once, in our words.
            unreadable = {p.path for p in problems}
            problems += [p for p in invalid.problems if p.path not in unreadable]
        if problems:
            raise InvalidInput(sorted(problems, key=lambda p: p.path))
        return visit

    def to_visit_lenient(
        self, patient: Patient, visit_id: str | None = None, *, check_overrides: bool = False
    ) -> LenientVisit:
        """The visit with every invalid optional entry left out, and what was left out and why.

        The form itself is not changed: what was typed stays for the therapist to correct. Problems
        keep this form's paths (complaints[2] is the third complaint typed, whatever was left out
        before it). A problem with something that cannot be left out (the date, the patient, the
        red-flag answers; the overrides too when check_overrides is True, as on finishing) raises
        InvalidInput with every problem found, left-out ones included.
        """
        trial = copy.deepcopy(self)
        places = _Places(self)
        left_out: list[Problem] = []
        for _ in range(_MAX_ROUNDS):
            try:
                visit = trial.to_visit(patient, visit_id, check_overrides=check_overrides)
            except InvalidInput as invalid:
                found = invalid.problems
            else:
                left = tuple(sorted(left_out, key=_path_order))
                changes = self._referral_changes(patient, visit, left, places.removed_complaints)
                return LenientVisit(visit, left, changes)
            required = []
            removals: list[_Removal] = []
            for problem in found:
                original = Problem(places.original(problem.path), problem.message)
                removal = _removal_for(trial, problem.path, check_overrides)
                if removal is None:
                    required.append(original)
                else:
                    left_out.append(original)
                    removals.append(removal)
            if required:
                raise InvalidInput(sorted([*required, *left_out], key=_path_order))
            places.apply(trial, removals)
        raise InvalidInput(
            sorted(left_out, key=_path_order)
        )  # pragma: no cover - each round removes something

    def _referral_changes(
        self, patient: Patient, visit: Visit, left_out: tuple[Problem, ...], removed: set[int]
    ) -> tuple[Problem, ...]:
        """Why the complaints left out whole matter: without them the referral is less urgent than typed."""
        from clinic_app.catalogue import load_catalogue
        from clinic_app.red_flags import referral_urgency, visit_urgency

        present = visit.red_flags or ()
        if not present or not removed:
            return ()
        age = self.age_on_visit_date(patient)
        if referral_urgency(present, self.complaint_regions(), age, load_catalogue()) == visit_urgency(visit):
            return ()
        known = {region.value for region in Region}
        regional = {index for index in removed if self.complaints[index].region in known}
        return tuple(
            p
            for p in left_out
            if _complaint_of(p.path) in regional and not p.path.endswith((".pain", ".note"))
        )

    def complaint_regions(self) -> frozenset[Region]:
        """The regions of the complaints typed so far; a complaint whose region is not chosen is left out.

        With the present flags and the age, this is what the red-flag combinations read: the
        checklist uses it to tell, while the rest of the form may still be incomplete, how urgent
        the referral is and so whether an override is allowed.
        """
        known = {region.value for region in Region}
        return frozenset(Region(c.region) for c in self.complaints if c.region in known)

    def age_on_visit_date(self, patient: Patient) -> int | None:
        """The patient's age in whole years on the visit date typed; None without a birth date or a date."""
        born = patient.birth_date
        try:
            day = dt.date.fromisoformat(self.date)
        except ValueError:
            return None
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def red_flags_for_triage(self) -> tuple[str, ...] | None:
        """Present flags once any is present or every flag was asked; None while the checklist is unfinished."""
        present = tuple(flag for flag, answer in self.red_flags.items() if answer == "present")
        if present or self._checklist_complete():
            return present
        return None

    def _checklist_complete(self) -> bool:
        from clinic_app.catalogue import load_catalogue

        return set(load_catalogue().red_flags) <= set(self.red_flags)

    @staticmethod
    def _complaint(index: int, entry: ComplaintEntry, problems: list[Problem]) -> dict[str, Any]:
        path = f"complaints[{index}]"
        data: dict[str, Any] = {"region": entry.region, "side": entry.side}
        pain = _whole_number(entry.pain, f"{path}.pain", PAIN, problems, PAIN_RANGE)
        if pain is not None:
            data["pain"] = pain
        if entry.note.strip():
            data["note"] = entry.note
        return data

    def _screenings(self, problems: list[Problem]) -> dict[str, Any]:
        screenings: dict[str, Any] = {}
        for screen, values in self.screenings.items():
            recorded: dict[str, Any] = {}
            for key, text in values.items():
                if text.strip():
                    value = _screen_value(key, text, f"screenings.{screen}.{key}", problems)
                    if value is not None:
                        _put(recorded, key, value)
            if recorded:
                screenings[screen] = recorded
        return screenings

    @staticmethod
    def _prescription(index: int, entry: PlanEntry, problems: list[Problem]) -> dict[str, Any]:
        path = f"plan[{index}]"
        dosing: dict[str, Any] = {}
        for name, allowed in DOSE_FIELDS.items():
            number = _whole_number(
                getattr(entry, name), f"{path}.dosing.{name}", allowed, problems, DOSE_RANGES[name]
            )
            if number is not None:
                dosing[name] = number
            elif name != "hold_s" and not getattr(entry, name).strip():
                problems.append(Problem(f"{path}.dosing.{name}", f"required: {allowed}"))
        data: dict[str, Any] = {"exercise": entry.exercise, "side": entry.side, "dosing": dosing}
        if entry.note.strip():
            data["note"] = entry.note
        return data


def _screen_value(key: str, text: str, path: str, problems: list[Problem]) -> Any:
    name = key.rpartition(".")[2]
    if name in BOOLEAN_FIELDS:
        if text in ("true", "false"):
            return text == "true"
        problems.append(Problem(path, f'expected yes or no, got "{text}"'))
        return None
    if name in NUMBER_FIELDS:
        return _number(text, path, NUMBER_FIELDS[name], problems, NUMBER_RANGES[name])
    if name in WHOLE_NUMBER_FIELDS:
        return _whole_number(text, path, WHOLE_NUMBER_FIELDS[name], problems, WHOLE_NUMBER_RANGES[name])
    return text


def _number(
    text: str, path: str, allowed: str, problems: list[Problem], bounds: tuple[int, int]
) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        value = float("nan")
    # NaN and infinity fail the range check too.
    if not bounds[0] <= value <= bounds[1]:
        problems.append(Problem(path, f'expected {allowed}, got "{text}"'))
        return None
    return value


def _whole_number(
    text: str, path: str, allowed: str, problems: list[Problem], bounds: tuple[int, int]
) -> int | None:
    if not text.strip():
        return None
    try:
        value = int(text.strip())
    except ValueError:
        value = None
    if value is None or not bounds[0] <= value <= bounds[1]:
        problems.append(Problem(path, f'expected {allowed}, got "{text}"'))
        return None
    return value


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    side, _, name = key.rpartition(".")
    (target.setdefault(side, {}) if side else target)[name] = value


def _flattened(values: dict[str, Any]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{name}": _typed_text(inner) for name, inner in value.items()})
        else:
            flat[key] = _typed_text(value)
    return flat


def _typed_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def prescription_of(entry: PlanEntry) -> Prescription:
    """The plan row as a prescription; InvalidInput when its dose is not (yet) a valid one."""
    problems: list[Problem] = []
    data = VisitForm._prescription(0, entry, problems)
    if problems:
        raise InvalidInput(problems)
    try:
        return Prescription.model_validate(data, strict=False)
    except ValidationError as error:
        raise InvalidInput(problems_from(error)) from None


def plan_entry_of(prescription: Prescription) -> PlanEntry:
    """A prescription as the plan editor's row (a progressed or regressed one)."""
    return _plan_entry(prescription.model_dump(mode="json", exclude_none=True))


def _plan_entry(data: dict[str, Any]) -> PlanEntry:
    dosing = data["dosing"]
    return PlanEntry(
        exercise=data["exercise"],
        side=data["side"],
        note=data.get("note", ""),
        **{name: _typed_text(dosing.get(name)) for name in DOSE_FIELDS},
    )


def _without_blanks(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", None)}


# ---- leaving invalid optional entries out ---------------------------------------------------------


@dataclass(frozen=True)
class LenientVisit:
    """A visit made of what is valid in a form, and what had to be left out of it.

    left_out: each problem whose entry was left out, by its path in the form.
    referral_changes: the left-out complaints whose region would make the referral more urgent than
    this visit says (a flag combination reads the complaint regions): no document may be made and
    the visit may not be finished while there are any.
    """

    visit: Visit
    left_out: tuple[Problem, ...] = ()
    referral_changes: tuple[Problem, ...] = ()


_MAX_ROUNDS = 5  # leaving an entry out may show a problem with what holds it (a leg, a screen)
_INDEX = re.compile(r"^(complaints|plan|red_flag_overrides)\[(\d+)\]")
_PATH_PARTS = re.compile(r"(\d+)|(\D+)")


@dataclass(frozen=True)
class _Removal:
    """One thing to leave out of the trial form: a field of an entry, or a whole entry."""

    kind: str  # "clinician", "complaint", "complaint_field", "plan", "plan_field", "override", "screen_keys"
    index: int = -1
    name: str = ""
    keys: tuple[str, ...] = ()


def _removal_for(form: VisitForm, path: str, check_overrides: bool) -> _Removal | None:
    """What to leave out for a problem at this document path; None when it cannot be left out."""
    if path == "visit.clinician":
        return _Removal("clinician")
    match = _INDEX.match(path)
    if match:
        kind, index, rest = match[1], int(match[2]), path[match.end() :].removeprefix(".")
        if kind == "complaints":
            if rest in ("pain", "note"):
                return _Removal("complaint_field", index, rest)
            return _Removal("complaint", index)
        if kind == "plan":
            if rest == "note":
                return _Removal("plan_field", index, "note")
            return _Removal("plan", index)
        # An override left out makes the referral stand: the safe way. Finishing names it instead.
        return None if check_overrides else _Removal("override", index)
    if path.startswith("screenings."):
        return _screening_removal(form, path.removeprefix("screenings."))
    return None


def _screening_removal(form: VisitForm, rest: str) -> _Removal | None:
    screen, _, key = rest.partition(".")
    if screen not in form.screenings:
        return None
    values = form.screenings[screen]
    if key in values:
        return _Removal("screen_keys", name=screen, keys=(key,))
    side = key.partition(".")[0]
    on_side = tuple(k for k in values if k.startswith(side + ".")) if side in ("left", "right") else ()
    # A problem with a leg as a whole (nothing recorded that it accepts) leaves that leg out; with the
    # screen as a whole (a result it needs is missing), the screen.
    return _Removal("screen_keys", name=screen, keys=on_side or tuple(values))


class _Places:
    """Where each entry of the trial form was in the form typed, as entries are left out."""

    def __init__(self, form: VisitForm) -> None:
        self.origins = {
            "complaints": list(range(len(form.complaints))),
            "plan": list(range(len(form.plan or []))),
            "red_flag_overrides": list(range(len(form.red_flag_overrides))),
        }
        self.removed_complaints: set[int] = set()  # by their index in the form typed

    def original(self, path: str) -> str:
        match = _INDEX.match(path)
        if not match:
            return path
        origins = self.origins[match[1]]
        index = int(match[2])
        original = origins[index] if index < len(origins) else index
        return f"{match[1]}[{original}]{path[match.end() :]}"

    def apply(self, form: VisitForm, removals: list[_Removal]) -> None:
        """Leave the fields out first, then whole entries, from the last one, so indexes hold."""
        for removal in removals:
            if removal.kind == "clinician":
                form.clinician = ""
            elif removal.kind == "complaint_field":
                setattr(form.complaints[removal.index], removal.name, "")
            elif removal.kind == "plan_field" and form.plan is not None:
                setattr(form.plan[removal.index], removal.name, "")
            elif removal.kind == "screen_keys":
                values = form.screenings.get(removal.name, {})
                for key in removal.keys:
                    values.pop(key, None)
                if not values:
                    form.screenings.pop(removal.name, None)
        entries = sorted(
            {(r.kind, r.index) for r in removals if r.kind in ("complaint", "plan", "override")},
            key=lambda item: -item[1],
        )
        for kind, index in entries:
            if kind == "complaint":
                del form.complaints[index]
                self.removed_complaints.add(self.origins["complaints"].pop(index))
            elif kind == "plan" and form.plan is not None:
                del form.plan[index]
                del self.origins["plan"][index]
            elif kind == "override":
                flag = list(form.red_flag_overrides)[index]
                del form.red_flag_overrides[flag]
                del self.origins["red_flag_overrides"][index]


def _complaint_of(path: str) -> int | None:
    match = _INDEX.match(path)
    return int(match[2]) if match and match[1] == "complaints" else None


def _path_order(problem: Problem) -> list[tuple[int, str]]:
    """complaints[2] before complaints[10]: indexes compare as numbers."""
    return [(int(number), "") if number else (-1, text) for number, text in _PATH_PARTS.findall(problem.path)]
