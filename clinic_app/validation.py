"""Turn pydantic's validation errors into problems a person can fix.

Each problem names the field by its path in the document (``complaints[0].pain``)
and says what is allowed, in the words of the visit-document contract.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from clinic_app.errors import Problem

# Pydantic prefixes messages of our own validators with this; we drop it.
_VALUE_ERROR_PREFIX = "Value error, "


def field_path(location: Iterable[int | str]) -> str:
    """Render an error location as a dotted path with list indexes in brackets."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith(_WRAPPER_PREFIXES):
            continue
        else:
            path += f".{part}" if path else str(part)
    return path


# Pydantic adds these to the location of values checked by a validator function or union.
_WRAPPER_PREFIXES = ("function-after[", "function-before[", "function-wrap[", "tagged-union[", "nullable[")


def shown(value: Any) -> str:
    """The offending value as it would appear in JSON, shortened for one line."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _range(ctx: dict[str, Any]) -> str:
    for key, words in (("ge", "at least"), ("gt", "more than"), ("le", "at most"), ("lt", "less than")):
        if key in ctx:
            bound = ctx[key]
            return f"{words} {bound:g}" if isinstance(bound, float) else f"{words} {bound}"
    return "in range"


def describe(error: ErrorDetails) -> str:
    """What is allowed, and what was given, for one pydantic error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    got = f", got {shown(error['input'])}"
    match kind:
        case "missing":
            return "required, but missing"
        case "extra_forbidden":
            return "unknown field; remove it or check its spelling"
        case "bool_type" | "bool_parsing":
            return "expected true or false" + got
        case "int_type" | "int_parsing" | "int_from_float":
            return "expected a whole number" + got
        case "float_type" | "float_parsing" | "finite_number":
            return "expected a number" + got
        case "string_type":
            return "expected text" + got
        case "string_too_short":
            return "must not be empty"
        case "string_too_long":
            return f"too long: at most {ctx.get('max_length')} characters"
        case "string_pattern_mismatch":
            return "expected " + _pattern_hint(ctx) + got
        case "greater_than_equal" | "less_than_equal" | "greater_than" | "less_than":
            return f"must be {_range(ctx)}{got}"
        case "enum" | "literal_error":
            return f"expected one of {ctx.get('expected', '')}" + got
        case "date_type" | "date_parsing" | "date_from_datetime_parsing" | "date_from_datetime_inexact":
            return "expected a date as YYYY-MM-DD" + got
        case "list_type" | "tuple_type":
            return "expected a list" + got
        case "dict_type" | "model_type" | "model_attributes_type" | "dataclass_type":
            return "expected an object" + got
        case "bytes_type":
            return "expected binary data"
        case "json_invalid":
            return f"not valid JSON ({ctx.get('error', 'parse error')})"
        case "value_error" | "assertion_error":
            return error["msg"].removeprefix(_VALUE_ERROR_PREFIX)
        case _:
            return error["msg"]


def _pattern_hint(ctx: dict[str, Any]) -> str:
    pattern = str(ctx.get("pattern", ""))
    if pattern.startswith("^") and pattern.endswith("$") and "[" not in pattern:
        return f'"{pattern[1:-1]}"'
    return f"text matching {pattern}"


def problems_from(error: ValidationError, prefix: str = "") -> list[Problem]:
    """Every problem in a validation error, in document order, each with its field path."""
    problems = []
    for detail in error.errors(include_url=False):
        path = field_path(detail["loc"])
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        problems.append(Problem(path, describe(detail)))
    return problems
