"""The core's messages on a Spanish screen: each of its fixed sentences is known, and shown in Spanish."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clinic_app import visit_form
from clinic_app.visit_form import ComplaintEntry
from ui.core_words import ALLOWED, core_message
from ui.visit.wording import readable_problem

from .shell import PATIENT, knee_form
from .translations import english_words, screens_in


@pytest.fixture
def spanish() -> Iterator[None]:
    with screens_in("es"):
        yield


def test_every_phrase_the_visit_form_uses_is_known() -> None:
    phrases = {
        *visit_form.NUMBER_FIELDS.values(),
        *visit_form.WHOLE_NUMBER_FIELDS.values(),
        *visit_form.DOSE_FIELDS.values(),
        visit_form.PAIN,
        "yes or no",
    }
    assert phrases <= ALLOWED, sorted(phrases - ALLOWED)


@pytest.mark.parametrize(
    ("message", "spanish_words"),
    [
        (
            'expected a number of centimetres from 0 to 30, got "abc"',
            "un número de centímetros de 0 a 30; se escribió «abc»",
        ),
        (
            "required: a whole number of sets from 1 to 20",
            "obligatorio: un número entero de series de 1 a 20",
        ),
        ("must not be empty", "no puede estar vacío"),
        ("too long: at most 200 characters", "demasiado largo: 200 caracteres como máximo"),
        ("must be at least 1, got 0", "debe ser como mínimo 1; se escribió «0»"),
        (
            "login failed for sam: wrong user name or password, or the account is disabled"
            " (5 failed logins in a row lock it for 5 minutes)",
            "no se pudo iniciar sesión como sam",
        ),
    ],
)
def test_a_known_sentence_is_shown_in_spanish(spanish: None, message: str, spanish_words: str) -> None:
    shown = core_message(message)
    assert spanish_words in shown
    assert not english_words(shown), shown


def test_english_screens_show_the_core_s_words_as_they_are() -> None:
    message = 'expected a number of centimetres from 0 to 30, got "abc"'
    assert core_message(message) == message


def test_an_unknown_sentence_is_shown_as_the_core_wrote_it(spanish: None) -> None:
    assert core_message("something new went wrong") == "something new went wrong"


def test_the_visit_form_s_problems_read_as_spanish_sentences(spanish: None) -> None:
    form = knee_form()
    form.complaints.append(ComplaintEntry("knee", "left", "11", ""))
    form.screenings["ankle_mobility"]["left.toe_to_wall_cm"] = "abc"
    problems = form.to_visit_lenient(PATIENT, "v-1").left_out
    assert {problem.path for problem in problems} == {
        "complaints[1].pain",
        "screenings.ankle_mobility.left.toe_to_wall_cm",
    }
    for problem in problems:
        shown = readable_problem(problem, form)
        assert not english_words(shown), shown
        assert "se escribió" in shown
