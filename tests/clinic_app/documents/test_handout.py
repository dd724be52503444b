"""The handout read back from the PDF: who it is for, every exercise with its dose, pages, language."""

from __future__ import annotations

import pytest

from clinic_app.catalogue import load_catalogue
from clinic_app.documents import DocumentRequest, ReferralRequiredError, plan_items, render_patient_document
from clinic_app.documents.handout import render_handout
from clinic_app.documents.wording import words
from clinic_app.domain import Dosing, Language, PaperSize, Prescription, Side
from clinic_app.errors import InvalidInput
from clinic_app.exercises import load_library
from clinic_app.triage import triage

from .helpers import (
    CLINIC,
    KNEE,
    NECK,
    OVERRIDE,
    RED_FLAG,
    UNICODE_NAMES,
    example,
    page_of,
    pages_text,
    patient_pdf,
    request,
    with_patient_name,
    without_checklist,
)


def dose_phrases(dosing: Dosing, language: Language) -> list[str]:
    text = words(language)
    phrases = [text.count(text.handout.reps, dosing.reps), text.count(text.handout.sets, dosing.sets)]
    phrases.append(text.count(text.handout.per_day, dosing.per_day))
    if dosing.hold_s is not None:
        phrases.append(text.count(text.handout.hold, dosing.hold_s))
    return phrases


def every_exercise_visit():
    """The knee example with a therapist's plan holding every exercise of the library."""
    sides = [Side.LEFT, Side.RIGHT, Side.BOTH]
    plan = tuple(
        Prescription(
            exercise=exercise.id,
            side=sides[index % 3] if exercise.per_side else Side.CENTRAL,
            dosing=exercise.dosing,
            note="Start gently." if index == 0 else None,
        )
        for index, exercise in enumerate(load_library().exercises.values())
    )
    return example(KNEE).model_copy(update={"plan": plan})


@pytest.mark.parametrize(("given", "family"), UNICODE_NAMES)
def test_the_patient_name_prints_in_any_script(given: str, family: str) -> None:
    pages = pages_text(patient_pdf(with_patient_name(example(KNEE), given, family)))

    assert f"{given} {family}" in pages[0]
    assert all(f"{given} {family}" in page for page in pages[1:]), (
        "later pages name the patient in their header"
    )


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("large_print", [False, True])
def test_every_exercise_prints_with_its_name_side_and_dose_on_one_page(
    language: Language, large_print: bool
) -> None:
    visit = every_exercise_visit()
    pages = pages_text(patient_pdf(visit, language=language, large_print=large_print))
    side_words = words(language).handout.side

    for item in plan_items(visit, triage(visit)):
        text = item.exercise.text[language]
        page = page_of(pages, text.name)
        for phrase in [
            *dose_phrases(item.dosing, language),
            side_words[item.side],
            text.steps[-1],
            text.avoid[-1],
        ]:
            assert phrase in pages[page], f"{item.exercise.id}: {phrase!r} is not on the page of its card"


def test_the_proposed_plan_of_an_example_prints_in_order() -> None:
    visit = example(NECK)
    pages = pages_text(patient_pdf(visit))
    names = [e.text[Language.EN].name for e in (item.exercise for item in plan_items(visit, triage(visit)))]

    positions = [(page_of(pages, name), " ".join(pages).index(name)) for name in names]
    assert len(names) == 3
    assert positions == sorted(positions)


def test_a_therapists_note_prints_on_its_card() -> None:
    pages = pages_text(patient_pdf(every_exercise_visit()))
    first = next(iter(load_library().exercises.values())).text[Language.EN].name

    assert "Note from your therapist: Start gently." in pages[page_of(pages, first)]


def test_pages_are_numbered_page_x_of_y() -> None:
    pages = pages_text(patient_pdf(example(NECK)))

    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_what_we_found_links_the_finding_to_the_patients_own_complaint() -> None:
    first_page = pages_text(patient_pdf(example(KNEE)))[0]

    assert "What we found" in first_page
    assert "Your left knee pain" in first_page
    assert "Your left calf is tight" in first_page
    assert "your knee bends and twists more to make up for it" in first_page


def test_the_stop_box_gathers_every_warning_once_with_the_general_ones() -> None:
    visit = every_exercise_visit()
    text = " ".join(pages_text(patient_pdf(visit)))
    warnings = {w for e in load_library().exercises.values() for w in e.text[Language.EN].stop_if}
    warnings |= set(words(Language.EN).handout.stop_general)

    assert "Stop and call us if..." in text
    for warning in warnings:
        # Once each; a warning may also be the start of a longer one ("...down the leg. Move your hips...").
        assert text.count(warning) == sum(warning in other for other in warnings), warning
    assert "Call us at 623-486-3333." in text


def test_the_log_has_fourteen_days_and_a_row_per_exercise() -> None:
    visit = example(KNEE)
    pages = pages_text(patient_pdf(visit))
    log_page = pages[page_of(pages, "Your 14-day log")]

    assert " ".join(str(day) for day in range(1, 15)) in log_page
    for item in plan_items(visit, triage(visit)):
        assert f"{item.number}. {item.exercise.text[Language.EN].name}" in log_page


def test_contact_and_booking_come_from_the_clinic_profile() -> None:
    text = " ".join(pages_text(patient_pdf(example(KNEE))))

    assert "Questions? Call us at 623-486-3333." in text
    assert "Book your next visit online at preferredpt.example/book" in text
    assert "Preferred Physical Therapy" in text
    assert "Open Monday to Friday, 7 am to 6 pm." in text


SPANISH_CLINIC = CLINIC.model_copy(
    update={
        "booking_es": "Reserve su próxima cita en preferredpt.example/reservar o llame a recepción.",
        "handout_footer_es": "Abierto de lunes a viernes, de 7 a 18 h.",
    }
)


@pytest.mark.parametrize("visit_name", [KNEE, RED_FLAG])
def test_a_spanish_printout_has_the_clinic_words_the_clinic_wrote_in_spanish(visit_name: str) -> None:
    text = " ".join(pages_text(patient_pdf(example(visit_name), language=Language.ES, clinic=SPANISH_CLINIC)))

    assert "Abierto de lunes a viernes, de 7 a 18 h." in text
    assert "Open Monday to Friday" not in text
    if visit_name == KNEE:  # a referral letter has no booking line: the doctor comes first
        assert "Reserve su próxima cita en preferredpt.example/reservar" in text
        assert "Book your next visit online" not in text


def test_an_english_printout_keeps_the_clinic_words_in_english() -> None:
    text = " ".join(pages_text(patient_pdf(example(KNEE), language=Language.EN, clinic=SPANISH_CLINIC)))

    assert "Book your next visit online at preferredpt.example/book" in text
    assert "Open Monday to Friday, 7 am to 6 pm." in text
    assert "Reserve su próxima cita" not in text


def test_without_spanish_clinic_words_a_spanish_handout_prints_them_as_written() -> None:
    # Better the clinic's own words in English than no way to book the next visit.
    text = " ".join(pages_text(patient_pdf(example(KNEE), language=Language.ES)))

    assert "Book your next visit online at preferredpt.example/book" in text
    assert "Open Monday to Friday, 7 am to 6 pm." in text


def test_spanish_handout_is_in_spanish_with_a_spanish_date() -> None:
    pages = pages_text(patient_pdf(example(KNEE), language=Language.ES))
    text = " ".join(pages)

    for phrase in [
        "Su plan de ejercicios en casa",
        "Lo que encontramos",
        "Sus ejercicios",
        "Pare y llámenos si...",
        "25 de noviembre de 2026",
        "Estiramiento de pantorrilla en la pared",
        "Mantenga 60 segundos",  # Zoë is 65 on the visit date
        "Repita 3 veces",
        "2 veces al día",
        "Solo el lado izquierdo",
        "Su registro de 14 días",
    ]:
        assert phrase in text, phrase
    assert f"Página 1 de {len(pages)}" in pages[0]
    for english in ["Your home exercise plan", "What we found", "Hold 60 seconds", "November", "Page 1"]:
        assert english not in text, english


def test_the_patients_language_is_the_default_and_an_explicit_choice_wins() -> None:
    visit = example(KNEE)
    spanish_patient = visit.model_copy(
        update={"patient": visit.patient.model_copy(update={"language": Language.ES})}
    )

    assert DocumentRequest.for_visit(spanish_patient).language is Language.ES
    assert DocumentRequest.for_visit(spanish_patient, language=Language.EN).language is Language.EN
    assert "Su plan de ejercicios en casa" in pages_text(patient_pdf(spanish_patient))[0]


def test_letter_by_default_and_a4_on_request() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    def size(pdf: bytes) -> tuple[int, int]:
        box = PdfReader(BytesIO(pdf)).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    assert size(patient_pdf(example(KNEE))) == (612, 792)
    assert size(patient_pdf(example(KNEE), paper=PaperSize.A4)) == (595, 842)


def test_an_empty_plan_prints_no_cards_and_no_log() -> None:
    visit = example(KNEE).model_copy(update={"plan": ()})
    text = " ".join(pages_text(patient_pdf(visit)))

    assert "Your therapist has not given you exercises at this visit." in text
    assert "Calf stretch at the wall" not in text
    assert "14-day log" not in text


def test_a_clinic_profile_with_only_what_is_required_still_prints_a_usable_handout() -> None:
    from clinic_app.domain import ClinicProfile

    clinic = ClinicProfile(name="Sol", phone="555-0100", emergency_number="112")
    text = " ".join(pages_text(patient_pdf(example(KNEE), clinic=clinic)))

    assert "Zoë Núñez" in text
    assert "Call us at 555-0100 to book your next visit." in text
    assert "Call 112 or go to the emergency room" in text


@pytest.mark.parametrize("visit_name", [KNEE, RED_FLAG, OVERRIDE])
def test_a_clinic_profile_without_name_phone_or_emergency_number_prints_nothing(visit_name: str) -> None:
    from clinic_app.domain import ClinicProfile

    with pytest.raises(InvalidInput) as raised:
        render_patient_document(request(example(visit_name), clinic=ClinicProfile()))

    assert [p.path for p in raised.value.problems] == [
        "clinic.name",
        "clinic.phone",
        "clinic.emergency_number",
    ]


@pytest.mark.parametrize("field", ["name", "phone", "emergency_number"])
def test_each_required_clinic_field_is_named_alone(field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        render_patient_document(request(example(KNEE), clinic=CLINIC.model_copy(update={field: "  "})))

    assert [p.path for p in raised.value.problems] == [f"clinic.{field}"]


def test_without_the_checklist_no_patient_document_is_printed() -> None:
    visit = without_checklist(example(KNEE))

    for render in (render_patient_document, render_handout):
        with pytest.raises(InvalidInput) as raised:
            render(request(visit))
        assert [p.path for p in raised.value.problems] == ["red_flags"]
    assert plan_items(visit, triage(visit)) == ()


def test_the_emergency_line_gives_the_clinics_number() -> None:
    for number, language, line in [
        ("911", Language.EN, "Call 911 or go to the emergency room"),
        ("112", Language.EN, "Call 112 or go to the emergency room"),
        ("999", Language.ES, "Llame al 999 o vaya a la sala de emergencias"),
    ]:
        clinic = CLINIC.model_copy(update={"emergency_number": number})
        text = " ".join(pages_text(patient_pdf(example(KNEE), clinic=clinic, language=language)))
        assert line in text
        assert not {"911", "112", "999"} - {number} & set(text.split()), "no other number"


def test_a_strengthening_exercise_says_which_complaint_it_is_for() -> None:
    visit = example(KNEE)
    pages = pages_text(patient_pdf(visit))
    name = load_library().exercises["side_lying_hip_abduction"].text[Language.EN].name
    card = pages[page_of(pages, name)]

    assert [item.for_complaints for item in plan_items(visit, triage(visit))][-1] == (0,)
    assert "This is for your left knee pain." in card
    assert "Repeat 10 times" in card
    assert "Hold" not in card.split(name)[1].split("Repeat")[0], "a moving exercise has no hold"


def test_a_therapist_added_strengthening_exercise_names_the_complaints_of_its_region() -> None:
    plan = (
        Prescription(exercise="lying_chin_nod", side=Side.CENTRAL, dosing=Dosing(reps=10, sets=1, per_day=1)),
    )
    visit = example(KNEE).model_copy(
        update={"plan": plan, "complaints": (*example(KNEE).complaints, *example(NECK).complaints)}
    )

    (item,) = plan_items(visit, triage(visit))

    assert item.for_complaints == (1, 2)
    assert "This is for your neck pain and headaches." in " ".join(pages_text(patient_pdf(visit)))


def test_deferred_findings_are_not_printed_to_the_patient() -> None:
    from .helpers import fullest_visit

    # Every screen abnormal, one complaint: the knee's findings and strengthening come first, and
    # of the neck findings that explain no complaint only one fits in the six.
    fullest = fullest_visit()
    visit = fullest.model_copy(update={"complaints": fullest.complaints[2:3]})
    result = triage(visit)
    text = " ".join(pages_text(patient_pdf(visit)))
    definitions = load_catalogue().findings

    assert result.deferred_findings, "more findings than the plan has room for"
    shown = [f for f in result.findings if f.id not in result.deferred_findings]
    for finding in result.findings:
        sentence = definitions[finding.key].definition.patient[Language.EN][finding.side]
        if finding in shown:
            assert sentence in text, finding.id
        else:
            assert sentence not in text, finding.id


def test_the_same_visit_gives_the_same_bytes() -> None:
    assert patient_pdf(example(NECK)) == patient_pdf(example(NECK))


def test_a_handout_is_refused_when_referral_is_required() -> None:
    with pytest.raises(ReferralRequiredError):
        render_handout(request(example(RED_FLAG)))


def test_the_document_kind_follows_the_plan_status() -> None:
    assert render_patient_document(request(example(KNEE))).kind == "handout"
    assert render_patient_document(request(example(RED_FLAG))).kind == "referral"
    assert render_patient_document(request(example(OVERRIDE))).kind == "referral_and_handout"


def test_an_overridden_referral_prints_its_plan() -> None:
    visit = example(OVERRIDE)
    result = triage(visit)

    assert result.referral.required
    assert [item.exercise.id for item in plan_items(visit, result)] == [e.id for e in result.exercises]


@pytest.mark.parametrize("large_print", [False, True])
def test_the_longest_allowed_texts_still_print_whole(large_print: bool) -> None:
    from clinic_app.domain import ClinicProfile

    note = ("Keep the movement small at first and breathe out as you stretch. " * 70)[:4000]
    plan = (
        Prescription(
            exercise="calf_stretch_wall",
            side=Side.LEFT,
            dosing=Dosing(hold_s=30, reps=3, sets=1, per_day=2),
            note=note,
        ),
    )
    visit = with_patient_name(example(KNEE), "A" * 200, "Ó" * 200).model_copy(update={"plan": plan})
    clinic = ClinicProfile(
        name="N" * 200,
        address="Street " * 70,
        phone="6" * 40,
        email="e" * 200,
        booking="Book " * 60,
        handout_footer="Footer " * 70,
        emergency_number="1" * 20,
    )

    pages = pages_text(patient_pdf(visit, clinic=clinic, large_print=large_print))

    text = " ".join(pages)
    assert "A" * 200 in text.replace(" ", "")
    assert note.split()[-1] in text
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
