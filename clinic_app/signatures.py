"""Who signed a finished visit, and the addenda written to it afterwards: plain values.

The storage hands these out with a stored visit; the screens and the printed documents show them.
A signed visit is never changed again: a correction is an addendum (who, when, what, why).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clinic_app.domain import SignatureKind
from clinic_app.errors import Problem

ADDENDUM_TEXT_LIMIT = 4000  # as a note in a visit document
ADDENDUM_REASON_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Signature:
    name: str  # display name with credentials, as it was when signing ("Sam Lee, PT, DPT")
    licence: str | None
    at: dt.datetime | None  # UTC; None for an imported signature that gave no time
    kind: SignatureKind

    @property
    def by_account(self) -> bool:
        return self.kind is SignatureKind.ACCOUNT


@dataclass(frozen=True, slots=True)
class Addendum:
    author: str  # display name with credentials, as it was when writing
    author_licence: str | None
    at: dt.datetime  # UTC
    text: str  # what is added or corrected
    reason: str  # why


def local_time_text(at: dt.datetime) -> str:
    """A UTC time as the clinic's computer shows it: 2026-11-29 10:42."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def addendum_problems(text: str, reason: str) -> list[Problem]:
    """What is wrong with an addendum as typed: both parts are required, and as long as a note at most."""
    problems = []
    for path, value, limit in (
        ("addendum.text", text, ADDENDUM_TEXT_LIMIT),
        ("addendum.reason", reason, ADDENDUM_REASON_LIMIT),
    ):
        if not value.strip():
            problems.append(Problem(path, "required: say what is added and why"))
        elif len(value.strip()) > limit:
            problems.append(Problem(path, f"at most {limit} characters, got {len(value.strip())}"))
    return problems
