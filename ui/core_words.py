"""The core's messages in the screens' language.

The core has no Qt and words its problems in English, the language of the command line and the
logs ("expected a number of centimetres from 0 to 30, got "abc""). Its sentences are fixed, so they
serve as codes: each one known here is shown in the screens' language, its values kept; one not
known is shown as the core wrote it. tests/ui/test_core_words.py checks that every phrase the visit
form and the validation can produce is known, so a new one is translated when it is added.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from ui.language import QT_TRANSLATE_NOOP, in_english

CONTEXT = "core_words"

# What a field may hold (clinic_app.visit_form's NUMBER_FIELDS, WHOLE_NUMBER_FIELDS, PAIN,
# DOSE_FIELDS; "yes or no" for its yes/no fields), and validation's own kinds of value.
ALLOWED = frozenset(
    {
        QT_TRANSLATE_NOOP("core_words", "a number of centimetres from 0 to 10"),
        QT_TRANSLATE_NOOP("core_words", "an angle in degrees from 0 to 180"),
        QT_TRANSLATE_NOOP("core_words", "a number of centimetres from 0 to 30"),
        QT_TRANSLATE_NOOP("core_words", "a whole number from 0 to 3"),
        QT_TRANSLATE_NOOP("core_words", "a whole number from 0 to 10"),
        QT_TRANSLATE_NOOP(
            "core_words", "a whole number of seconds from 1 to 600, or blank for a moving exercise"
        ),
        QT_TRANSLATE_NOOP("core_words", "a whole number of repetitions from 1 to 100"),
        QT_TRANSLATE_NOOP("core_words", "a whole number of sets from 1 to 20"),
        QT_TRANSLATE_NOOP("core_words", "a whole number of times a day from 1 to 12"),
        QT_TRANSLATE_NOOP("core_words", "yes or no"),
        QT_TRANSLATE_NOOP("core_words", "true or false"),
        QT_TRANSLATE_NOOP("core_words", "a whole number"),
        QT_TRANSLATE_NOOP("core_words", "a number"),
        QT_TRANSLATE_NOOP("core_words", "text"),
        QT_TRANSLATE_NOOP("core_words", "a date as YYYY-MM-DD"),
        QT_TRANSLATE_NOOP("core_words", "a list"),
        QT_TRANSLATE_NOOP("core_words", "an object"),
    }
)
# Whole messages of clinic_app.validation.describe.
FIXED = frozenset(
    {
        QT_TRANSLATE_NOOP("core_words", "must not be empty"),
        QT_TRANSLATE_NOOP("core_words", "expected binary data"),
    }
)
_BOUNDS = {
    "at least": QT_TRANSLATE_NOOP("core_words", "must be at least {bound}"),
    "more than": QT_TRANSLATE_NOOP("core_words", "must be more than {bound}"),
    "at most": QT_TRANSLATE_NOOP("core_words", "must be at most {bound}"),
    "less than": QT_TRANSLATE_NOOP("core_words", "must be less than {bound}"),
}
_GOT = re.compile(r'^(?P<what>.+?), got (?P<got>"(?:[^"\\]|\\.)*"|.+)$', re.S)
_REQUIRED = re.compile(r"^required: (?P<allowed>.+)$")
_EXPECTED = re.compile(r"^expected (?P<allowed>.+)$")
_BOUND = re.compile(r"^must be (?P<words>at least|more than|at most|less than) (?P<bound>\S+)$")
_TOO_LONG = re.compile(r"^too long: at most (?P<count>\d+) characters$")
_LOGIN = re.compile(
    r"^login failed for (?P<user>.*): wrong user name or password, or the account is disabled"
    r"(?: \((?P<count>\d+) failed logins in a row lock it for (?P<minutes>\d+) minutes\))?$"
)
_LOCKED = re.compile(
    r"^the account (?P<user>.+) is locked after (?P<count>\d+) failed logins in a row; try again after"
    r" (?P<until>.+), or ask an admin to set a new password$"
)


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def core_message(message: str) -> str:
    """The message in the screens' language when it is one of the core's known sentences."""
    if in_english():
        return message  # the core's own words
    got = _GOT.match(message)
    what, value = (got["what"], got["got"]) if got else (message, None)
    words = _words(what)
    if words is None:
        return _account_words(message) or message
    if value is None:
        return words
    shown = value[1:-1] if value.startswith('"') and value.endswith('"') else value
    return QCoreApplication.translate("core_words", "{problem}, got “{value}”").format(
        problem=words, value=shown
    )


def _words(what: str) -> str | None:
    if what in FIXED:
        return _t(what)
    for pattern, wording in _PATTERNS:
        match = pattern.match(what)
        if match:
            words = wording(match)
            if words is not None:
                return words
    return None


def _expected(match: re.Match[str]) -> str | None:
    allowed = match["allowed"]
    return (
        QCoreApplication.translate("core_words", "expected {allowed}").format(allowed=_t(allowed))
        if allowed in ALLOWED
        else None
    )


def _required(match: re.Match[str]) -> str | None:
    allowed = match["allowed"]
    return (
        QCoreApplication.translate("core_words", "required: {allowed}").format(allowed=_t(allowed))
        if allowed in ALLOWED
        else None
    )


def _bound(match: re.Match[str]) -> str:
    return _t(_BOUNDS[match["words"]]).format(bound=match["bound"])


def _too_long(match: re.Match[str]) -> str:
    return QCoreApplication.translate("core_words", "too long: at most {count} characters").format(
        count=match["count"]
    )


_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (_REQUIRED, _required),
    (_EXPECTED, _expected),
    (_BOUND, _bound),
    (_TOO_LONG, _too_long),
)


def _account_words(message: str) -> str | None:
    login = _LOGIN.match(message)
    if login and login["count"]:
        return QCoreApplication.translate(
            "core_words",
            "login failed for {user}: wrong user name or password, or the account is disabled ({count} failed"
            " logins in a row lock it for {minutes} minutes)",
        ).format(user=login["user"], count=login["count"], minutes=login["minutes"])
    if login:
        return QCoreApplication.translate(
            "core_words", "login failed for {user}: wrong user name or password, or the account is disabled"
        ).format(user=login["user"])
    locked = _LOCKED.match(message)
    if locked:
        return QCoreApplication.translate(
            "core_words",
            "the account {user} is locked after {count} failed logins in a row; try again after {until}, or"
            " ask an admin to set a new password",
        ).format(user=locked["user"], count=locked["count"], until=locked["until"])
    return None
