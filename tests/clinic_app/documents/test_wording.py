"""The fixed words of the documents: complete in every language, formats that cannot break."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.documents.wording import Words, _load_words, _placeholder_problems, words
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


def test_a_translation_missing_a_warning_is_refused() -> None:
    loaded = _load_words()
    handout = loaded[Language.ES].handout
    broken: Words = loaded[Language.ES].model_copy(
        update={"handout": handout.model_copy(update={"stop_general": handout.stop_general[:-1]})}
    )

    problems = [
        str(p) for p in _placeholder_problems({Language.EN: loaded[Language.EN], Language.ES: broken})
    ]

    assert problems == ["es.handout.stop_general: expected 4 items like English, got 3"]
