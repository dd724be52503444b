"""The referral letter: whom to see and how soon, why, and not a single exercise unless every flag
was overridden (then the handout follows the letter); the doctor's part in clinical words, no ids."""

from __future__ import annotations

import pytest

from clinic_app.catalogue import load_catalogue
from clinic_app.documents import NoReferralError, render_patient_document
from clinic_app.documents.referral import render_referral_letter
from clinic_app.domain import Dosing, Language, Prescription, Side
from clinic_app.exercises import load_library

from .helpers import CLINIC, KNEE, OVERRIDE, RED_FLAG, example, font_sizes, normalised, pages_text, request

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
    assert catalogue.urgencies["emergency"].advice.en.format(emergency_number="911") in text
    assert catalogue.red_flags["saddle_numbness"].letter.en in text
    assert "We have not given you exercises today. This is for your safety." in text
    assert "This letter." in text
    assert "For the doctor" in text
    assert "(in English)" not in text, "the doctor's part is in the letter's own language"
    assert catalogue.red_flags["saddle_numbness"].clinician.en in text
    assert catalogue.urgencies["emergency"].clinician.en in text
    assert "Page 1 of" in text


def doctor_text(pdf: bytes) -> str:
    text = " ".join(pages_text(pdf))
    return text[text.index("For the doctor") :]


@pytest.mark.parametrize(
    "flags",
    [
        ("saddle_numbness",),
        ("hot_swollen_joint", "fever"),
        ("cancer_history", "constant_night_pain", "bladder_bowel_change"),
        tuple(load_catalogue().red_flags),
    ],
)
def test_the_doctors_part_has_no_ids_only_clinical_words(flags: tuple[str, ...]) -> None:
    catalogue = load_catalogue()
    visit = flagged(flags)
    doctor = doctor_text(render_patient_document(request(visit)).pdf)

    for word in ("(emergency)", "(urgent)", "(routine)", "_", "[", "]"):  # ids have "_" (or are words)
        assert word not in doctor, word
    for flag_id in flags:
        assert normalised(catalogue.red_flags[flag_id].clinician.en) in doctor
    assert "Left knee pain, pain 6/10 (NPRS); worse on stairs" in doctor
    assert "Tight calf (left)" in doctor
    assert "Yours sincerely, Sam Lee, PT, DPT Preferred Physical Therapy Phone: 623-486-3333" in doctor


def test_the_doctors_part_says_which_combination_raised_the_urgency() -> None:
    catalogue = load_catalogue()
    combination = next(c for c in catalogue.combinations if c.id == "fever.hot_joint")
    document = render_patient_document(request(flagged(("hot_swollen_joint", "fever"))))
    doctor = doctor_text(document.pdf)

    assert "Get medical help now" in " ".join(pages_text(document.pdf)), "raised from urgent to emergency"
    assert "Urgency raised by" in doctor
    assert normalised(combination.clinician.en) in doctor
    assert normalised(catalogue.urgencies["emergency"].clinician.en) in doctor


def test_the_doctors_part_is_in_the_clinics_letter_language() -> None:
    catalogue = load_catalogue()
    clinic = CLINIC.model_copy(update={"letter_language": Language.ES})
    text = " ".join(pages_text(render_patient_document(request(example(RED_FLAG), clinic=clinic)).pdf))

    assert "Get medical help now" in text, "the patient's part stays in the patient's language"
    assert "For the doctor (in Spanish)" in text
    doctor = text[text.index("For the doctor (in Spanish)") :]
    assert catalogue.red_flags["saddle_numbness"].clinician.es in doctor
    assert catalogue.urgencies["emergency"].clinician.es in doctor
    assert "Dolor en la parte baja de la espalda, intensidad 8/10 (EVN)" in doctor
    assert "Pelvis desnivelada (lado izquierdo)" in doctor
    assert catalogue.red_flags["saddle_numbness"].clinician.en not in doctor


@pytest.mark.parametrize(("urgency_flag", "number"), [("saddle_numbness", "112"), ("cancer_history", "999")])
def test_the_letter_gives_the_clinics_emergency_number(urgency_flag: str, number: str) -> None:
    clinic = CLINIC.model_copy(update={"emergency_number": number})
    text = " ".join(pages_text(render_patient_document(request(flagged((urgency_flag,)), clinic=clinic)).pdf))

    assert number in text
    assert "911" not in text


def test_an_override_prints_the_letter_then_the_handout_each_numbered_on_its_own() -> None:
    catalogue = load_catalogue()
    document = render_patient_document(request(example(OVERRIDE), language=Language.EN))
    pages = pages_text(document.pdf)
    letter_pages, handout_pages = document.part_pages

    assert document.kind == "referral_and_handout"
    assert letter_pages + handout_pages == document.pages == len(pages)
    assert "Please see your doctor within a week" in pages[0]
    assert "Your therapist says it is safe to start your exercises now" in " ".join(pages[:letter_pages])
    assert "We have not given you exercises today" not in " ".join(pages)
    assert "Your home exercise plan" in pages[letter_pages]
    assert "Preferred Physical Therapy" in pages[letter_pages], "the handout opens with the letterhead"
    for number in range(1, letter_pages + 1):
        assert f"Page {number} of {letter_pages}" in pages[number - 1]
    for number in range(1, handout_pages + 1):
        assert f"Page {number} of {handout_pages}" in pages[letter_pages + number - 1]
    doctor = doctor_text(document.pdf)
    assert catalogue.red_flags["cancer_history"].clinician.en in doctor
    assert (
        "Reason for starting exercises: Breast cancer treated 2009, discharged from oncology; GP aware."
        in doctor
    )
    assert "The treating therapist judged it safe to start these home exercises" in doctor
    assert "Kneeling hip flexor stretch (right)" in doctor
    assert "Please assess within a week." in doctor
    assert "before an exercise programme is started" not in doctor
    letter = " ".join(pages[:letter_pages])
    assert "Hold 60 seconds" not in letter, "no exercise card inside the letter"
    assert "Hold 60 seconds" in " ".join(pages[letter_pages:])


@pytest.mark.parametrize(
    ("flags", "title"),
    [
        (("cancer_history",), "Please see your doctor within a week"),
        (("hot_swollen_joint", "cancer_history"), "Please see a doctor today"),
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
        catalogue.urgencies["emergency"].advice.es.format(emergency_number="911"),
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


def test_an_override_with_an_empty_plan_does_not_promise_exercises() -> None:
    visit = example(OVERRIDE).model_copy(update={"plan": ()})
    document = render_patient_document(request(visit, language=Language.EN))
    pages = pages_text(document.pdf)
    letter = " ".join(pages[: document.part_pages[0]])

    assert document.kind == "referral_and_handout"
    assert "you do not need to wait for the doctor to stay active" in letter
    assert "Your exercise plan is on the pages after this letter" not in letter
    assert "Your therapist has not given you exercises at this visit." in " ".join(pages)


# A letter the doctor can act on: addressed, dated, a deadline in words, signed ----------------------


@pytest.mark.parametrize(
    ("flags", "patient_deadline", "doctor_deadline"),
    [
        (("saddle_numbness",), "How soon: Now", "When now"),
        (
            ("hot_swollen_joint",),
            "How soon: Today, Wednesday, November 25, 2026",
            "When today, November 25, 2026",
        ),
        (
            ("cancer_history",),
            "How soon: Within a week, by Wednesday, December 2, 2026",
            "When within a week, by December 2, 2026",
        ),
    ],
)
def test_the_letter_gives_the_deadline_in_words_with_its_date(
    flags: tuple[str, ...], patient_deadline: str, doctor_deadline: str
) -> None:
    pages = pages_text(render_patient_document(request(flagged(flags))).pdf)

    assert patient_deadline in pages[0]
    assert doctor_deadline in doctor_text(render_patient_document(request(flagged(flags))).pdf)


def test_what_to_do_now_comes_first_in_large_type() -> None:
    catalogue = load_catalogue()
    document = render_patient_document(request(flagged(("cancer_history",))))
    first = pages_text(document.pdf)[0]
    advice = normalised(catalogue.urgencies["routine"].advice.en)

    # The title, then how soon and what to do, before anything else of the letter.
    assert first.index("Please see your doctor within a week") < first.index(advice) < first.index("Patient")
    sizes = font_sizes(document.pdf)
    body = sizes.most_common(1)[0][0]
    assert max(sizes) >= 2 * body, "the title is at least twice the size of the body"


@pytest.mark.parametrize(
    ("letter_language", "salutation", "opening", "closing"),
    [
        (
            Language.EN,
            "Dear Doctor,",
            "I saw this patient for physical therapy on November 25, 2026.",
            "Yours sincerely,",
        ),
        (
            Language.ES,
            "Estimado/a doctor/a:",
            "El 25 de noviembre de 2026 atendí en fisioterapia",
            "Atentamente,",
        ),
    ],
)
def test_the_doctors_part_is_a_letter_addressed_dated_and_signed(
    letter_language: Language, salutation: str, opening: str, closing: str
) -> None:
    clinic = CLINIC.model_copy(update={"letter_language": letter_language})
    pdf = render_patient_document(request(example(RED_FLAG), clinic=clinic)).pdf
    text = " ".join(pages_text(pdf))
    doctor = text[text.index("For the doctor") :]

    assert doctor.index(salutation) < doctor.index(opening) < doctor.index(closing)
    signature = doctor[doctor.index(closing) :]
    assert "Sam Lee, PT, DPT" in signature, "the treating therapist's name and credentials"
    assert "Preferred Physical Therapy" in signature
    assert "623-486-3333" in signature
    assert "front.desk@preferredpt.example" in signature


def test_a_visit_with_no_clinician_leaves_a_name_to_write_under_the_signature() -> None:
    visit = example(RED_FLAG)
    visit = visit.model_copy(update={"visit": visit.visit.model_copy(update={"clinician": None})})

    doctor = doctor_text(render_patient_document(request(visit)).pdf)

    assert "Yours sincerely, Treating physical therapist Preferred Physical Therapy" in doctor


def test_the_letter_says_whom_to_call_after_the_doctor() -> None:
    text = " ".join(pages_text(render_patient_document(request(example(RED_FLAG))).pdf))

    assert "After the doctor has seen you, call us at 623-486-3333 to plan what comes next." in text
