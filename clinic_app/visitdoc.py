"""The visit document (``clinic-app/visit/2``): parse and validate it, and write it back out.

Parsing reports every problem at once, each with its field path; unknown keys are
errors. Writing gives back every field that was given, so import and export round-trip.
Round-1 documents (``visit/1``) are still read: the fields new in visit/2 are refused in them,
and the flag ``fever_or_unwell``, split in rules 2026.12, is read as ``fever`` (the safer
reading: fever with a complaint calls for a same-day referral). Export always writes visit/2.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from clinic_app import document_rules
from clinic_app.catalogue import load_catalogue
from clinic_app.domain import VISIT_SCHEMA, Visit
from clinic_app.episodes import episode_problems
from clinic_app.errors import InvalidInput, Problem
from clinic_app.red_flags import override_problems
from clinic_app.validation import problems_from

V1_SCHEMA = "clinic-app/visit/1"
NEW_IN_V2 = ("red_flag_overrides", "episode", "outcomes", "goal_status")
NEW_IN_V2_HIP = ("resting_leg_lifted",)


def parse_visit_document(
    text: str | bytes, *, check_overrides: bool = True, stored_patient: bool = False
) -> Visit:
    """A validated Visit from the JSON text of a visit document, or InvalidInput listing every problem.

    The overrides are checked against the whole visit: one that the other entries do not allow
    (an urgent flag, a flag not present) is invalid input naming ``red_flag_overrides[i]``; so is
    the episode: a visit dated outside it, a goal judgement naming no activity goal of it.
    The rules beyond the document's shape (document_rules.py) apply too; with stored_patient, the
    patient and visit id are the database's and are not checked again.
    """
    oversize = document_rules.too_large(text)
    if oversize is not None:
        raise InvalidInput([oversize])
    problems = document_rules.raw_problems(text)
    data = _round_one_data(text)
    try:
        if data is not None:
            visit = Visit.model_validate_json(json.dumps(_from_v1(data)))
        else:
            visit = Visit.model_validate_json(text)
    except ValidationError as error:
        raise InvalidInput(problems + [_at_document_root(p) for p in problems_from(error)]) from None
    problems += document_rules.visit_problems(visit, stored_patient=stored_patient)
    if check_overrides:
        problems += override_problems(visit)
    problems += episode_problems(visit)
    if problems:
        raise InvalidInput(problems)
    return visit.model_copy(update={"schema_": VISIT_SCHEMA})


def _round_one_data(text: str | bytes) -> dict[str, Any] | None:
    """The document's data when it is a visit/1 document; None otherwise (parsed once, by pydantic)."""
    marker = V1_SCHEMA if isinstance(text, str) else V1_SCHEMA.encode()
    if marker not in text:  # type: ignore[operator]
        return None
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        return None  # let pydantic word the parse error as it words every other problem
    return data if isinstance(data, dict) and data.get("schema") == V1_SCHEMA else None


def _from_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A visit/1 document in visit/2 terms; the fields visit/1 did not have stay errors."""
    data = dict(data)
    flags = data.get("red_flags")
    if isinstance(flags, list):
        retired = load_catalogue().retired_flags
        data["red_flags"] = [retired.get(f, f) if isinstance(f, str) else f for f in flags]
    problems = [
        Problem(key, "not part of clinic-app/visit/1; use clinic-app/visit/2")
        for key in NEW_IN_V2
        if key in data
    ]
    hips = (
        (data.get("screenings") or {}).get("hip_mobility")
        if isinstance(data.get("screenings"), dict)
        else None
    )
    for leg, values in (hips or {}).items() if isinstance(hips, dict) else ():
        for key in NEW_IN_V2_HIP:
            if isinstance(values, dict) and key in values:
                problems.append(
                    Problem(
                        f"screenings.hip_mobility.{leg}.{key}",
                        "not part of clinic-app/visit/1; use clinic-app/visit/2",
                    )
                )
    if problems:
        raise InvalidInput(problems)
    return data


def _at_document_root(problem: Problem) -> Problem:
    # A problem with the whole document (not JSON, not an object) has no field path of its own.
    return problem if problem.path else Problem("document", problem.message)


def visit_document_data(visit: Visit) -> dict[str, Any]:
    """The visit as plain JSON-ready data, without the fields that were never given."""
    data: dict[str, Any] = _whole_numbers_as_int(
        visit.model_dump(mode="json", by_alias=True, exclude_none=True)
    )
    return data


def dump_visit_document(visit: Visit) -> str:
    return json.dumps(visit_document_data(visit), ensure_ascii=False, indent=2) + "\n"


def _whole_numbers_as_int(value: Any) -> Any:
    # A measurement typed as 52 is stored as 52.0; write it back as it was typed.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_numbers_as_int(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_numbers_as_int(item) for item in value]
    return value
