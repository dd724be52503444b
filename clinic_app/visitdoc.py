"""The visit document (``clinic-app/visit/1``): parse and validate it, and write it back out.

Parsing reports every problem at once, each with its field path; unknown keys are
errors. Writing gives back every field that was given, so import and export round-trip.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from clinic_app.domain import Visit
from clinic_app.errors import InvalidInput, Problem
from clinic_app.validation import problems_from


def parse_visit_document(text: str | bytes) -> Visit:
    """A validated Visit from the JSON text of a visit document, or InvalidInput listing every problem."""
    try:
        return Visit.model_validate_json(text)
    except ValidationError as error:
        raise InvalidInput([_at_document_root(p) for p in problems_from(error)]) from None


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
