"""The fixed words of the documents: complete in every language, formats that cannot break, patient
words at about a 6th-grade level, no fixed emergency number, Spanish that fits every patient."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from clinic_app.documents.wording import (
    Words,
    _leaves,
    _load_file,
    _load_words,
    _placeholder_problems,
    stop_sign_problems,
    words,
)
from clinic_app.domain import Language

DAY = dt.date(2026, 11, 25)


def test_every_language_loads_and_is_checked() -> None:
    loaded = _load_words()

    assert set(loaded) == set(Language)
    assert list(_placeholder_problems(loaded)) == []


@pytest.mark.parametrize(
    ("language", "expected"), [(Language.EN, "November 25, 2026"), (Language.ES, "25 de noviembre de 2026")]
)
def test_dates_are_written_the_locales_way(language: Language, expected: str) -> None:
    assert words(language).date(DAY) == expected


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        (Language.EN, 1, "Once a day"),
        (Language.EN, 3, "3 times a day"),
        (Language.ES, 1, "1 vez al día"),
        (Language.ES, 2, "2 veces al día"),
    ],
)
def test_counts_take_the_right_plural(language: Language, n: int, expected: str) -> None:
    text = words(language)
    assert text.count(text.handout.per_day, n) == expected


def test_lists_join_the_locales_way() -> None:
    assert words(Language.EN).join(["neck pain", "headaches"]) == "neck pain and headaches"
    assert (
        words(Language.ES).join(["dolor de cuello", "dolores de cabeza"])
        == "dolor de cuello y dolores de cabeza"
    )


def test_a_translation_with_an_unknown_placeholder_is_refused() -> None:
    loaded = _load_words()
    broken = loaded[Language.ES].model_copy(
        update={
            "common": loaded[Language.ES].common.model_copy(update={"page": "Página {pagina} de {pages}"})
        }
    )

    problems = [
        str(p) for p in _placeholder_problems({Language.EN: loaded[Language.EN], Language.ES: broken})
    ]

    assert problems == ["es.common.page: unknown placeholder {pagina}"]


def test_a_translation_missing_a_rule_is_refused() -> None:
    loaded = _load_words()
    handout = loaded[Language.ES].handout
    broken: Words = loaded[Language.ES].model_copy(
        update={"handout": handout.model_copy(update={"rules": handout.rules[:-1]})}
    )

    problems = [
        str(p) for p in _placeholder_problems({Language.EN: loaded[Language.EN], Language.ES: broken})
    ]

    assert problems == ["es.handout.rules: expected 5 items like English, got 4"]


# The stop signs: reviewed data, every one worded, every exercise's known, never more than six ------


def test_the_stop_signs_load_and_are_checked() -> None:
    from clinic_app.exercises import load_library

    assert stop_sign_problems(_load_file(), load_library().exercises.values()) == []


def test_a_stop_sign_not_worded_in_a_language_is_refused() -> None:
    loaded = _load_file()
    handout = loaded.es.handout
    signs = {sign: text for sign, text in handout.stop_signs.items() if sign != "balance"}
    broken = loaded.model_copy(
        update={
            "es": loaded.es.model_copy(update={"handout": handout.model_copy(update={"stop_signs": signs})})
        }
    )

    assert [str(p) for p in stop_sign_problems(broken, [])] == ["es.handout.stop_signs: no words for balance"]


def test_an_exercise_naming_an_unknown_stop_sign_is_refused() -> None:
    from clinic_app.exercises import load_library

    exercise = load_library().exercises["calf_stretch_wall"]
    broken = exercise.model_copy(update={"stop_signs": ["sharp_pain", "cramp"]})

    assert [str(p) for p in stop_sign_problems(_load_file(), [broken])] == [
        "exercises/calf_stretch_wall.yaml: stop_signs: unknown sign cramp"
    ]


def test_signs_that_could_make_more_than_six_lines_are_refused() -> None:
    from clinic_app.documents.wording import StopSign
    from clinic_app.exercises import load_library

    loaded = _load_file()
    extra = [StopSign(id=f"extra_{n}") for n in range(3)]
    worded = {sign.id: "You feel odd." for sign in extra}
    bigger = loaded.model_copy(
        update={
            "stop_signs": [*loaded.stop_signs, *extra],
            **{
                language.value: getattr(loaded, language.value).model_copy(
                    update={
                        "handout": getattr(loaded, language.value).handout.model_copy(
                            update={
                                "stop_signs": {**getattr(loaded, language.value).handout.stop_signs, **worded}
                            }
                        )
                    }
                )
                for language in Language
            },
        }
    )
    exercise = load_library().exercises["calf_stretch_wall"].model_copy(update={"stop_signs": list(worded)})

    assert [p.path for p in stop_sign_problems(bigger, [exercise])] == ["stop_signs"]


def test_the_stop_signs_are_worded_in_the_same_order_as_their_danger() -> None:
    order = [sign.id for sign in _load_file().stop_signs]

    for language in Language:
        assert list(words(language).handout.stop_signs) == order


@pytest.mark.parametrize(("urgency", "days"), [("emergency", 0), ("urgent", 0), ("routine", 7)])
def test_a_referrals_deadline_is_the_visit_day_or_a_week_after(urgency: str, days: int) -> None:
    from clinic_app.documents.wording import referral_deadline

    assert referral_deadline(urgency, DAY) == DAY + dt.timedelta(days=days)


# The patient's words: readable, the clinic's emergency number, Spanish that fits every patient -----

PATIENT_SECTIONS = ("common", "complaint", "handout", "referral")  # `doctor` is clinical, for the doctor
# Spanish words that change with the sex of the person they describe: patient text must not use
# them ("mareado"/"mareada"); say it another way ("siente mareo"). ("lista" is a list: not here.)
SEXED_SPANISH = re.compile(
    r"\b(sentad|acostad|tumbad|levantad|quiet|maread|cansad|operad|preocupad|cuidados|nervios|"
    r"solit|list(?=o\b)|sol(?=a\b))[oa]s?\b",
    re.IGNORECASE,
)


def patient_leaves(language: Language) -> list[tuple[str, str]]:
    data = words(language).model_dump()
    return [
        (f"{section}.{path}", text) for section in PATIENT_SECTIONS for path, text in _leaves(data[section])
    ]


def running_text(leaves: list[tuple[str, str]]) -> str:
    """The entries as sentences (a heading or a phrase without its own full stop gets one)."""
    return " ".join(t if t.rstrip()[-1:] in ".!?:" else f"{t}." for _, t in leaves if t.strip())


@pytest.mark.parametrize("section", ["handout", "referral"])
def test_patient_words_read_at_about_a_sixth_grade_level(section: str) -> None:
    import textstat

    english = running_text([leaf for leaf in patient_leaves(Language.EN) if leaf[0].startswith(section)])
    spanish = running_text([leaf for leaf in patient_leaves(Language.ES) if leaf[0].startswith(section)])
    try:
        textstat.set_lang("en")
        grade = textstat.flesch_kincaid_grade(english)
        textstat.set_lang("es")
        ease = textstat.fernandez_huerta(spanish)
    finally:
        textstat.set_lang("en")

    assert grade <= 6.0, f"{section}: English grade {grade}"
    assert ease >= 75.0, f"{section}: Spanish reading ease {ease}"


def test_spanish_patient_words_never_change_with_the_patients_sex() -> None:
    found = {
        path: match.group(0)
        for path, text in patient_leaves(Language.ES)
        if (match := SEXED_SPANISH.search(text))
    }

    assert found == {}
    assert SEXED_SPANISH.search("Siéntese y quédese quieta.")
    assert not SEXED_SPANISH.search("Una lista de las medicinas. Solo el lado izquierdo.")


def test_no_emergency_number_is_written_into_the_words() -> None:
    for language in Language:
        for path, text in _leaves(words(language).model_dump()):
            assert not re.search(r"\b(911|112|999)\b", text), f"{language.value}.{path}: {text}"
        language_words = words(language)
        assert "{emergency_number}" in language_words.handout.emergency
        assert "{emergency_number}" in language_words.referral.if_worse


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        (
            Language.EN,
            ("Get medical help now", "Please see a doctor today", "Please see your doctor within a week"),
        ),
        (
            Language.ES,
            ("Busque atención médica ahora", "Vea a un médico hoy", "Vea a su médico en menos de una semana"),
        ),
    ],
)
def test_letter_titles_match_the_urgencies_now_same_day_within_a_week(
    language: Language, titles: tuple[str, str, str]
) -> None:
    title = words(language).referral.title

    assert (title["emergency"], title["urgent"], title["routine"]) == titles
