"""The visit document's rules beyond its shape: what pydantic alone would let through.

- Read as JSON first (`raw_problems`): a key given twice (JSON parsers keep the last, silently),
  control characters, a missing `schema`.
- Checked on the parsed visit (`visit_problems`): the limits that keep every valid document cheap
  to store and print (docs/spec/formats.md, "Visit document limits"), dates that cannot be true,
  e-mail addresses and the store's visit id format.

Messages name the field and what is allowed, never the patient's value.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any

from clinic_app.domain import Visit
from clinic_app.errors import Problem

MAX_DOCUMENT_CHARACTERS = 1_000_000  # the largest valid document is about a third of this
MAX_COMPLAINTS = 20
MAX_PLAN_ENTRIES = 20
MAX_NAME_CHARACTERS = 100
EARLIEST_DATE = dt.date(1900, 1, 1)
VISIT_ID = re.compile(r"[0-9a-f]{32}")
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
# Text that may run over several lines; every other field is one line.
MULTILINE_FIELDS = frozenset({"note", "reason"})
LINE_BREAKS = frozenset("\n\r\t")


def too_large(text: str | bytes) -> Problem | None:
    if len(text) <= MAX_DOCUMENT_CHARACTERS:
        return None
    return Problem(
        "document", f"too large: a visit document has at most {MAX_DOCUMENT_CHARACTERS:,} characters"
    )


# ---- the JSON as written --------------------------------------------------------------------------


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys given more than once."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    result.repeated = []
    for key, value in pairs:
        if key in result and key not in result.repeated:
            result.repeated.append(key)
        result[key] = value
    return result


def raw_problems(text: str | bytes) -> list[Problem]:
    """Repeated keys, control characters and a missing schema; [] for text that is not JSON at all
    (the parser then says what is wrong with it)."""
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return []
    problems = list(_walk(data, ""))
    if isinstance(data, dict) and "schema" not in data:
        problems.append(Problem("schema", 'required, but missing; expected "clinic-app/visit/2"'))
    return problems


def _walk(value: Any, path: str) -> Any:
    if isinstance(value, _Object):
        for key in value.repeated:
            yield Problem(_join(path, key), "given more than once; give each field once")
        for key, item in value.items():
            yield from _walk(item, _join(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    elif isinstance(value, str):
        problem = _character_problem(value, path)
        if problem is not None:
            yield problem


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _character_problem(text: str, path: str) -> Problem | None:
    allowed = LINE_BREAKS if path.rsplit(".", 1)[-1] in MULTILINE_FIELDS else frozenset()
    for character in text:
        kind = unicodedata.category(character)
        if kind in {"Cc", "Cs"} and character not in allowed:
            what = "an unpaired surrogate" if kind == "Cs" else "a control character"
            return Problem(path, f"contains {what} (U+{ord(character):04X}); remove it{_line_hint(allowed)}")
    return None


def _line_hint(allowed: frozenset[str]) -> str:
    return " (line breaks and tabs are allowed here)" if allowed else ""


# ---- the parsed visit -----------------------------------------------------------------------------


def visit_problems(
    visit: Visit, *, stored_patient: bool = False, today: dt.date | None = None
) -> list[Problem]:
    """The limits, dates, e-mail and id of a parsed visit. stored_patient: the patient and visit id
    come from the database (the desktop's form), where they were checked when they were stored."""
    today = today or dt.date.today()
    problems = _limit_problems(visit) + _visit_date_problems(visit, today)
    if not stored_patient:
        problems += _patient_problems(visit, today)
        if visit.visit.id is not None and not VISIT_ID.fullmatch(visit.visit.id):
            problems.append(Problem("visit.id", "expected the store's id: 32 digits 0-9 and letters a-f"))
    return problems


def _limit_problems(visit: Visit) -> list[Problem]:
    problems = []
    if len(visit.complaints) > MAX_COMPLAINTS:
        problems.append(Problem("complaints", f"too many: at most {MAX_COMPLAINTS} complaints"))
    if visit.plan is not None and len(visit.plan) > MAX_PLAN_ENTRIES:
        problems.append(Problem("plan", f"too many: at most {MAX_PLAN_ENTRIES} exercises"))
    return problems


def _visit_date_problems(visit: Visit, today: dt.date) -> list[Problem]:
    latest = a_year_after(today)
    if EARLIEST_DATE <= visit.visit.date <= latest:
        return []
    return [Problem("visit.date", f"must be between {EARLIEST_DATE} and {latest} (a year from today)")]


def _patient_problems(visit: Visit, today: dt.date) -> list[Problem]:
    patient = visit.patient
    problems = [
        Problem(f"patient.{name}", f"too long: at most {MAX_NAME_CHARACTERS} characters")
        for name in ("given_name", "family_name")
        if len(getattr(patient, name)) > MAX_NAME_CHARACTERS
    ]
    born = patient.birth_date
    if born is not None and not EARLIEST_DATE <= born <= min(today, visit.visit.date):
        problems.append(
            Problem(
                "patient.birth_date",
                f"must be between {EARLIEST_DATE} and the visit date, and not after today",
            )
        )
    if patient.email is not None and not EMAIL.fullmatch(patient.email):
        problems.append(Problem("patient.email", "expected an e-mail address, like name@example.org"))
    return problems


def a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
