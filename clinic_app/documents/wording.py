"""Every fixed word of the patient documents, per language, loaded from resources/translations/.

The words are data (resources/translations/documents.yaml), not strings scattered in code, so a
translator can review them in one place. They are validated once when first used: every language
must give every entry (the models below forbid missing and unknown keys), and a language may only
use the {placeholders} the English entry uses, so a translation cannot break a format call.
Dates are written the way the document's locale writes them (Babel, CLDR data).
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Iterator, Sequence
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from clinic_app.catalogue import CatalogueError, NonEmpty, Schema, read_yaml, resource_dir, validated
from clinic_app.domain import Language, Side
from clinic_app.errors import Problem

TRANSLATIONS_DIR = "translations"
WORDS_FILE = "documents.yaml"


class Plural(Schema):
    """A phrase with a number in it: `one` for exactly 1, `other` for any other count."""

    one: NonEmpty
    other: NonEmpty


class BySide(Schema):
    left: str
    right: str
    both: str
    central: str

    def __getitem__(self, side: Side) -> str:
        return str(getattr(self, side.value))


class CommonWords(Schema):
    page: NonEmpty
    patient: NonEmpty
    visit_date: NonEmpty
    therapist: NonEmpty
    phone: NonEmpty
    email: NonEmpty


class ComplaintWords(BySide):
    """How a complaint is named: the side around the region's name, and as a heading."""

    heading: NonEmpty


class HandoutWords(Schema):
    title: NonEmpty
    found_heading: NonEmpty
    found_intro: NonEmpty
    also_found: NonEmpty
    nothing_found: NonEmpty
    unexplained: NonEmpty
    exercises_heading: NonEmpty
    no_exercises: NonEmpty
    rules_heading: NonEmpty
    rules: list[NonEmpty]
    why: NonEmpty
    helps_with: NonEmpty
    avoid: NonEmpty
    note: NonEmpty
    note_continued: NonEmpty  # starts the part of a long note that runs onto the next page
    side: BySide
    hold: Plural
    reps: Plural
    sets: Plural
    per_day: Plural
    stop_heading: NonEmpty
    stop_general: list[NonEmpty]
    call_us: NonEmpty
    emergency: NonEmpty
    log_heading: NonEmpty
    log_intro: NonEmpty
    log_exercise: NonEmpty
    log_week: NonEmpty
    contact_heading: NonEmpty
    questions: NonEmpty
    email_us: NonEmpty
    book_by_phone: NonEmpty
    book_ask: NonEmpty


class ReferralTitles(Schema):
    emergency: NonEmpty
    urgent: NonEmpty
    routine: NonEmpty

    def __getitem__(self, urgency: str) -> str:
        return str(getattr(self, urgency))


class LanguageNames(Schema):
    en: NonEmpty
    es: NonEmpty

    def __getitem__(self, language: Language) -> str:
        return str(getattr(self, language.value))


class ReferralWords(Schema):
    title: ReferralTitles
    how_soon: NonEmpty
    if_worse: NonEmpty  # the safety net of a letter that is not an emergency: {emergency_number}
    why_heading: NonEmpty
    why_intro: NonEmpty
    no_exercises: NonEmpty
    exercises_meanwhile: NonEmpty  # every flag overridden: the handout follows the letter
    exercises_meanwhile_none: NonEmpty  # the same, with no exercise in the plan
    bring_heading: NonEmpty
    bring: list[NonEmpty]
    after: NonEmpty
    therapist_heading: NonEmpty
    doctor_heading: NonEmpty  # when the doctor's part is in the letter's own language
    doctor_heading_in: NonEmpty  # when it is in another: {language}
    language_names: LanguageNames  # each language's name, in this language


class SideWords(BySide):
    """A side in brackets after a finding or an exercise for the doctor: "Tight calf (left)"."""


class DoctorWords(Schema):
    """The doctor's part of a referral letter, in the clinic's letter language: clinical words."""

    patient: NonEmpty
    patient_line: NonEmpty
    patient_born: NonEmpty
    red_flags: NonEmpty
    overridden: NonEmpty
    raised_by: NonEmpty
    requested: NonEmpty
    assess_when: NonEmpty
    complaints: NonEmpty
    no_complaints: NonEmpty
    pain: NonEmpty
    note_below: NonEmpty  # in a complaint's line, for a note too long for it
    note_label: NonEmpty  # above that note: "Note on complaint {number}"
    findings: NonEmpty
    no_findings: NonEmpty
    exercises: NonEmpty
    exercises_started: NonEmpty
    referred_by: NonEmpty
    side: SideWords

    def sided(self, text: str, side: Side) -> str:
        """ "Tight calf (left)"; a central side adds nothing."""
        words = self.side[side]
        return f"{text} ({words})" if words else text


class Words(Schema):
    """The words of one language, with the formatting rules of its locale."""

    locale: NonEmpty
    common: CommonWords
    complaint: ComplaintWords
    handout: HandoutWords
    referral: ReferralWords
    doctor: DoctorWords

    def date(self, day: dt.date) -> str:
        """A date as people in this locale write it in a letter (e.g. November 25, 2026)."""
        return format_date(day, format="long", locale=self.locale)

    def count(self, phrase: Plural, n: int) -> str:
        form = phrase.one if _babel_locale(self.locale).plural_form(n) == "one" else phrase.other
        return form.format(n=n)

    def join(self, items: Sequence[str]) -> str:
        """A list in running text: "a, b and c" / "a, b y c"."""
        return format_list(list(items), locale=self.locale)


class WordsFile(Schema):
    en: Words
    es: Words


@functools.cache
def _babel_locale(name: str) -> Locale:
    return Locale.parse(name)


@functools.cache
def words(language: Language) -> Words:
    """The fixed words of the documents in one language (all languages are loaded and checked once)."""
    return _load_words()[language]


@functools.cache
def _load_words() -> dict[Language, Words]:
    source = f"{TRANSLATIONS_DIR}/{WORDS_FILE}"
    loaded = validated(WordsFile, read_yaml(resource_dir(TRANSLATIONS_DIR) / WORDS_FILE, source), source)
    by_language = {language: getattr(loaded, language.value) for language in Language}
    problems = list(_placeholder_problems(by_language))
    if problems:
        raise CatalogueError(source, problems)
    return by_language


def _placeholder_problems(by_language: dict[Language, Words]) -> Iterator[Problem]:
    english = dict(_leaves(by_language[Language.EN].model_dump()))
    for language, language_words in by_language.items():
        for path, text in _leaves(language_words.model_dump()):
            unknown = _placeholders(text) - _placeholders(english.get(path, ""))
            if unknown:
                yield Problem(
                    f"{language.value}.{path}", f"unknown placeholder {{{', '.join(sorted(unknown))}}}"
                )
        if language is not Language.EN:
            # Translations need not match word for word, but each list must keep its meaning:
            # the same number of rules and warnings as English.
            for path, count in _list_lengths(by_language[Language.EN].model_dump()).items():
                theirs = _list_lengths(language_words.model_dump())[path]
                if theirs != count:
                    yield Problem(
                        f"{language.value}.{path}", f"expected {count} items like English, got {theirs}"
                    )


def _leaves(data: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, f"{prefix}{index}.")
    else:
        yield prefix.rstrip("."), str(data)


def _list_lengths(data: Any, prefix: str = "") -> dict[str, int]:
    lengths: dict[str, int] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list):
                lengths[f"{prefix}{key}"] = len(value)
            lengths.update(_list_lengths(value, f"{prefix}{key}."))
    return lengths


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}
