"""A visit while it is being recorded: what the therapist typed, even when it is incomplete or wrong.

The desktop form edits a VisitForm; it is saved as a draft exactly as typed, so nothing is
lost. `to_visit` turns it into a validated domain Visit, or reports every problem with the
field path of the visit document, which the form uses to put each message next to its field.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from clinic_app.domain import VISIT_SCHEMA, Patient, Region, Visit
from clinic_app.errors import InvalidInput, Problem
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
NUMBER_FIELDS = {
    "difference_cm": "a number of centimetres from 0 to 10",
    "craniovertebral_angle_deg": "an angle in degrees from 0 to 180",
    "raised_angle_deg": "an angle in degrees from 0 to 180",
    "toe_to_wall_cm": "a number of centimetres from 0 to 30",
}
WHOLE_NUMBER_FIELDS = {"fms_score": "a whole number from 0 to 3"}
DOSE_FIELDS = {
    "hold_s": "a whole number of seconds, or blank for a moving exercise",
    "reps": "a whole number of repetitions",
    "sets": "a whole number of sets",
    "per_day": "a whole number of times a day",
}


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
        return cls(
            complaints=[ComplaintEntry(**c) for c in data.pop("complaints", [])],
            plan=None if plan is None else [PlanEntry(**p) for p in plan],
            **data,
        )

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
            visit = parse_visit_document(json.dumps(document), check_overrides=check_overrides)
        except InvalidInput as invalid:
            # A value that could not be read was left out; say so once, in our words.
            unreadable = {p.path for p in problems}
            problems += [p for p in invalid.problems if p.path not in unreadable]
        if problems:
            raise InvalidInput(sorted(problems, key=lambda p: p.path))
        return visit

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
        pain = _whole_number(entry.pain, f"{path}.pain", "a whole number from 0 to 10", problems)
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
            number = _whole_number(getattr(entry, name), f"{path}.dosing.{name}", allowed, problems)
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
        return _number(text, path, NUMBER_FIELDS[name], problems)
    if name in WHOLE_NUMBER_FIELDS:
        return _whole_number(text, path, WHOLE_NUMBER_FIELDS[name], problems)
    return text


def _number(text: str, path: str, allowed: str, problems: list[Problem]) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        problems.append(Problem(path, f'expected {allowed}, got "{text}"'))
        return None
    if value != value or value in (float("inf"), float("-inf")):
        problems.append(Problem(path, f'expected {allowed}, got "{text}"'))
        return None
    return value


def _whole_number(text: str, path: str, allowed: str, problems: list[Problem]) -> int | None:
    if not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        problems.append(Problem(path, f'expected {allowed}, got "{text}"'))
        return None


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
