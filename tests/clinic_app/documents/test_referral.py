"""The referral letter: whom to see and how soon, why, and not a single exercise."""

from __future__ import annotations

import pytest

from clinic_app.catalogue import load_catalogue
from clinic_app.documents import NoReferralError, render_patient_document
from clinic_app.documents.referral import render_referral_letter
from clinic_app.domain import Dosing, Language, Prescription, Side
from clinic_app.exercises import load_library

from .helpers import KNEE, RED_FLAG, example, pages_text, request

EXERCISE_WORDS = [
    text.name for exercise in load_library().exercises.values() for text in exercise.text.values()
] + ["Hold 30 seconds", "Repeat", "Mantenga", "Repita", "14-day log", "registro de 14 días"]


def flagged(flags: tuple[str, ...], *, with_plan: bool = False):
    visit = example(KNEE).model_copy(update={"red_flags": flags})
    if with_plan:  # a plan recorded before the red flag was ticked must not leak into the letter
        plan = (
            Prescription(
                exercise="calf_stretch_wall",
                side=Side.LEFT,
                dosing=Dosing(hold_s=30, reps=3, sets=1, per_day=2),
            ),
        )
        visit = visit.model_copy(update={"plan": plan})
    return visit


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("large_print", [False, True])
def test_a_referral_letter_has_no_exercises_at_all(language: Language, large_print: bool) -> None:
    document = render_patient_document(
        request(flagged(("saddle_numbness",), with_plan=True), language=language, large_print=large_print)
    )
    text = " ".join(pages_text(document.pdf))

    assert document.kind == "referral"
    for word in EXERCISE_WORDS:
        assert word not in text, word


def test_the_letter_says_whom_to_see_how_soon_and_why() -> None:
    catalogue = load_catalogue()
    document = render_patient_document(request(example(RED_FLAG)))
    text = " ".join(pages_text(document.pdf))

    assert "Mei Chen" in text
    assert "Get medical help now" in text
    assert catalogue.urgencies["emergency"].advice.en in text
    assert catalogue.red_flags["saddle_numbness"].letter.en in text
    assert "We have not given you exercises today. This is for your safety." in text
    assert "This letter." in text
    assert "For the doctor (in English)" in text
    assert "saddle_numbness" in text
    assert "Page 1 of" in text


@pytest.mark.parametrize(
    ("flags", "title"),
    [
        (("cancer_history",), "Please see your doctor soon"),
        (("hot_swollen_joint", "cancer_history"), "Please see a doctor today or tomorrow"),
        (("cancer_history", "bladder_bowel_change"), "Get medical help now"),
    ],
)
def test_the_title_follows_the_highest_urgency(flags: tuple[str, ...], title: str) -> None:
    text = " ".join(pages_text(render_patient_document(request(flagged(flags))).pdf))

    assert title in text
    for flag in flags:
        assert load_catalogue().red_flags[flag].letter.en in text


def test_spanish_letter_is_in_spanish_with_the_doctor_part_labelled_english() -> None:
    catalogue = load_catalogue()
    text = " ".join(pages_text(render_patient_document(request(example(RED_FLAG), language=Language.ES)).pdf))

    for phrase in [
        "Busque atención médica ahora",
        catalogue.urgencies["emergency"].advice.es,
        catalogue.red_flags["saddle_numbness"].letter.es,
        "Hoy no le dimos ejercicios.",
        "25 de noviembre de 2026",
        "Para el médico (en inglés)",
        "Página 1 de",
    ]:
        assert phrase in text, phrase
    assert "Get medical help now" not in text


def test_no_letter_without_a_red_flag() -> None:
    with pytest.raises(NoReferralError):
        render_referral_letter(request(example(KNEE)))
