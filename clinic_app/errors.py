"""Errors a person can act on, kept apart from bugs.

Anything raised as a ClinicError carries a message fit to show the user as it
is; it never contains patient data beyond ids the user already typed.
"""

from __future__ import annotations

from dataclasses import dataclass


class ClinicError(Exception):
    """A failure with a message a person understands (exit status 1)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with some input: where it is and what is allowed."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInput(ClinicError):
    """Input that breaks the rules; every problem is reported at once (exit status 2)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NotFound(ClinicError):
    """A record asked for by id does not exist."""


class ConflictError(ClinicError):
    """A save lost a race with another save of the same record."""


class NotLoggedIn(ClinicError):
    """No login, a failed one, or no account at all yet (the command line exits 3)."""


class NotAllowed(ClinicError):
    """The logged-in account's role does not allow what was asked (the command line exits 3)."""
