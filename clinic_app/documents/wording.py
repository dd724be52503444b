"""Every fixed word of the patient documents, per language, loaded from resources/translations/.

The words are data (resources/translations/documents.yaml), not strings scattered in code, so a
translator can review them in one place. They are validated once when first used: every language
must give every entry (the models below forbid missing and unknown keys), and a language may only
use the {placeholders} the English entry uses, so a translation cannot break a format call.
Dates are written the way the document's locale writes them (Babel, CLDR data).

The same file holds two lists that are not words but decide which words print: the signs that mean
"stop and call us", most dangerous first (each exercise names its own, and the handout gathers the
plan's into one short list: `stop_signs_for`), and how many days after the visit a referral's
deadline falls (`referral_deadline`).
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from pydantic import Field, StringConstraints

from clinic_app.catalogue import CatalogueError, NonEmpty, Schema, read_yaml, resource_dir, validated
from clinic_app.domain import Language, Side
from clinic_app.errors import Problem
from clinic_app.exercises import Exercise, load_library

TRANSLATIONS_DIR = "translations"
WORDS_FILE = "documents.yaml"
MAX_STOP_SIGNS = 6  # a list a patient takes in at a glance; the reviewed data must never need more

SignId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


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


class StopSign(Schema):
    """A reason to stop and call, without its words: which plans show it and what it stands for."""

    id: SignId
    always: bool = False  # on every handout with exercises, whatever the plan
    covers: tuple[SignId, ...] = ()  # says all these say: when it prints, they do not
    replaces: tuple[SignId, ...] = ()  # says these together: when all are present, it prints instead


class ByUrgency(Schema):
    emergency: NonEmpty
    urgent: NonEmpty
    routine: NonEmpty

    def __getitem__(self, urgency: str) -> str:
        return str(getattr(self, urgency))


class ReferralDays(Schema):
    """Days from the visit to a referral's deadline, by urgency."""

    emergency: Annotated[int, Field(ge=0, le=30)]
    urgent: Annotated[int, Field(ge=0, le=30)]
    routine: Annotated[int, Field(ge=0, le=30)]


class ChangeWords(Schema):
    """What changed in the plan since the last visit (clinic_app.documents.changes), one line each:
    {exercise} is the exercise as numbered on its card, {replaced} the one it takes the place of."""

    heading: NonEmpty
    same: NonEmpty  # a follow-up whose plan did not change
    harder: NonEmpty
    easier: NonEmpty
    dose: NonEmpty  # some of the dose up, some down
    new: NonEmpty
    stopped: NonEmpty
    swapped_harder: NonEmpty
    swapped_easier: NonEmpty
    before: NonEmpty  # after the new dose phrase: "(before: {was})"


class HandoutWords(Schema):
    title: NonEmpty
    found_heading: NonEmpty
    also_found: NonEmpty
    nothing_found: NonEmpty
    unexplained: NonEmpty
    exercises_heading: NonEmpty
    no_exercises: NonEmpty
    rules_heading: NonEmpty
    rules: list[NonEmpty]
    why: NonEmpty
    helps_with: NonEmpty
    note: NonEmpty
    note_continued: NonEmpty  # starts the part of a long note that runs onto the next page
    side: BySide
    hold: Plural
    reps: Plural
    reps_each_side: Plural  # an exercise done on both sides, one at a time
    sets: Plural
    per_day: Plural
    stop_heading: NonEmpty
    stop_signs: dict[SignId, NonEmpty]  # every sign of the file's `stop_signs`, in plain words
    call_us: NonEmpty
    emergency: NonEmpty
    log_heading: NonEmpty
    log_intro: NonEmpty
    log_exercise: NonEmpty
    log_week: NonEmpty
    next_visit: NonEmpty  # "Next visit:", followed by a line to write the date on
    contact_heading: NonEmpty
    questions: NonEmpty
    email_us: NonEmpty
    book_by_phone: NonEmpty
    book_ask: NonEmpty
    changes: ChangeWords


class LanguageNames(Schema):
    en: NonEmpty
    es: NonEmpty

    def __getitem__(self, language: Language) -> str:
        return str(getattr(self, language.value))


class ReferralWords(Schema):
    title: ByUrgency
    how_soon: NonEmpty
    deadline: ByUrgency  # how soon, with the day: {date}
    if_worse: NonEmpty  # the safety net of a letter that is not an emergency: {emergency_number}
    why_heading: NonEmpty
    why_intro: NonEmpty
    no_exercises: NonEmpty
    exercises_meanwhile: NonEmpty  # every flag overridden: the handout follows the letter
    exercises_meanwhile_none: NonEmpty  # the same, with no exercise in the plan
    bring_heading: NonEmpty
    bring: list[NonEmpty]
    after: NonEmpty  # what comes next: call the clinic, {phone}
    doctor_heading: NonEmpty  # when the doctor's part is in the letter's own language
    doctor_heading_in: NonEmpty  # when it is in another: {language}
    language_names: LanguageNames  # each language's name, in this language


class SideWords(BySide):
    """A side in brackets after a finding or an exercise for the doctor: "Tight calf (left)"."""


class DoctorWords(Schema):
    """The doctor's part of a referral letter, in the clinic's letter language: clinical words."""

    salutation: NonEmpty  # "Dear Doctor,"
    opening: NonEmpty  # the first sentence: {date} of the visit
    patient: NonEmpty
    patient_line: NonEmpty
    patient_born: NonEmpty
    red_flags: NonEmpty
    overridden: NonEmpty
    raised_by: NonEmpty
    requested: NonEmpty
    assess_when: NonEmpty
    deadline_label: NonEmpty
    deadline: ByUrgency  # how soon, with the day: {date}
    complaints: NonEmpty
    no_complaints: NonEmpty
    pain: NonEmpty
    note_below: NonEmpty  # in a complaint's line, for a note too long for it
    note_label: NonEmpty  # above that note: "Note on complaint {number}"
    findings: NonEmpty
    no_findings: NonEmpty
    exercises: NonEmpty
    exercises_started: NonEmpty
    closing: NonEmpty  # above the signature
    therapist: NonEmpty  # under the signature line when the visit names no clinician
    licence: NonEmpty  # under the signer's name: {licence}
    signed: NonEmpty  # a visit signed by an account: {time}
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

    def full_date(self, day: dt.date) -> str:
        """A date with its weekday (e.g. Wednesday, December 2, 2026): a deadline to keep."""
        return format_date(day, format="full", locale=self.locale)

    def date_part(self, day: dt.date, pattern: str) -> str:
        """One part of a date by its CLDR pattern: "ccc" the weekday, "LLL" the month, abbreviated."""
        return format_date(day, format=pattern, locale=self.locale)

    def count(self, phrase: Plural, n: int) -> str:
        form = phrase.one if _babel_locale(self.locale).plural_form(n) == "one" else phrase.other
        return form.format(n=n)

    def join(self, items: Sequence[str]) -> str:
        """A list in running text: "a, b and c" / "a, b y c"."""
        return format_list(list(items), locale=self.locale)


class WordsFile(Schema):
    stop_signs: list[StopSign]  # most dangerous first
    referral_days: ReferralDays
    en: Words
    es: Words


@functools.cache
def _babel_locale(name: str) -> Locale:
    return Locale.parse(name)


@functools.cache
def words(language: Language) -> Words:
    """The fixed words of the documents in one language (all languages are loaded and checked once)."""
    return _load_words()[language]


def stop_signs_for(exercises: Iterable[Exercise]) -> tuple[str, ...]:
    """The signs to stop and call for a plan, each once, most dangerous first, at most six.

    The plan's own signs and those every plan gets; a sign another one printed says already is
    left out, and two that one sign says together are printed as that sign.
    """
    catalogue = _load_file().stop_signs
    present = {sign.id for sign in catalogue if sign.always}
    present |= {sign for exercise in exercises for sign in exercise.stop_signs}
    return _chosen(catalogue, present)[:MAX_STOP_SIGNS]


def _chosen(catalogue: Sequence[StopSign], present: set[str]) -> tuple[str, ...]:
    present = set(present)
    for sign in catalogue:
        if sign.replaces and present >= set(sign.replaces):
            present = (present - set(sign.replaces)) | {sign.id}
    covered = {other for sign in catalogue if sign.id in present for other in sign.covers}
    return tuple(sign.id for sign in catalogue if sign.id in present - covered)


def referral_deadline(urgency: str, visit_date: dt.date) -> dt.date:
    """The last day the patient should see the doctor by: the visit date, or a week after it."""
    days: int = getattr(_load_file().referral_days, urgency)
    return visit_date + dt.timedelta(days=days)


@functools.cache
def _load_file() -> WordsFile:
    source = f"{TRANSLATIONS_DIR}/{WORDS_FILE}"
    loaded = validated(WordsFile, read_yaml(resource_dir(TRANSLATIONS_DIR) / WORDS_FILE, source), source)
    by_language = {language: getattr(loaded, language.value) for language in Language}
    problems = list(_placeholder_problems(by_language))
    problems += stop_sign_problems(loaded, load_library().exercises.values())
    if problems:
        raise CatalogueError(source, problems)
    return loaded


def _load_words() -> dict[Language, Words]:
    loaded = _load_file()
    return {language: getattr(loaded, language.value) for language in Language}


def stop_sign_problems(loaded: WordsFile, library: Iterable[Exercise]) -> list[Problem]:
    """Every sign known, worded in every language, and never more than fit in the box."""
    library = list(library)
    catalogue = loaded.stop_signs
    ids = [sign.id for sign in catalogue]
    known = set(ids)
    problems = [
        Problem(f"stop_signs.{sign}", "listed twice") for sign in sorted(known) if ids.count(sign) > 1
    ]
    for sign in catalogue:
        for field in ("covers", "replaces"):
            unknown = set(getattr(sign, field)) - known
            if unknown:
                problems.append(
                    Problem(f"stop_signs.{sign.id}.{field}", f"unknown sign {', '.join(sorted(unknown))}")
                )
    for language in Language:
        worded = set(getattr(loaded, language.value).handout.stop_signs)
        for missing in sorted(known - worded):
            problems.append(Problem(f"{language.value}.handout.stop_signs", f"no words for {missing}"))
        for unknown_sign in sorted(worded - known):
            problems.append(
                Problem(f"{language.value}.handout.stop_signs.{unknown_sign}", "not in stop_signs")
            )
    for exercise in library:
        for sign_id in exercise.stop_signs:
            if sign_id not in known:
                problems.append(
                    Problem(f"exercises/{exercise.id}.yaml: stop_signs", f"unknown sign {sign_id}")
                )
    if not problems and _most_lines(catalogue, library) > MAX_STOP_SIGNS:
        problems.append(
            Problem(
                "stop_signs", f"some plans would need more than {MAX_STOP_SIGNS} lines: the box cuts none"
            )
        )
    return problems


def _most_lines(catalogue: Sequence[StopSign], library: Sequence[Exercise]) -> int:
    """The longest list any plan can get: over every combination of the signs exercises name.

    Every combination, not only those a plan can make: a sign that replaces others shortens the
    list only when all of them are there, so the longest list need not be the one of all signs.
    """
    always = {sign.id for sign in catalogue if sign.always}
    named = sorted({sign for exercise in library for sign in exercise.stop_signs} - always)
    if len(named) > 16:  # too many to try each combination: count them all, none covering another
        return len(always | set(named))
    return max(
        len(_chosen(catalogue, always | {sign for bit, sign in enumerate(named) if mask >> bit & 1}))
        for mask in range(1 << len(named))
    )


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
