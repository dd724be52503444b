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
    normalised,
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


def stop_box_items(text: str, language: Language = Language.EN) -> list[str]:
    """The lines of the stop box, read back: between its heading and "Call us at"."""
    handout = words(language).handout
    box = text.split(handout.stop_heading, 1)[1].split(handout.call_us.split("{")[0], 1)[0]
    return [normalised(item) for item in box.split("•") if item.strip()]


@pytest.mark.parametrize("language", list(Language))
def test_the_stop_box_is_one_short_list_most_dangerous_first(language: Language) -> None:
    # Every exercise of the library in one plan: the most signs a box can have.
    visit = every_exercise_visit()
    text = " ".join(pages_text(patient_pdf(visit, language=language)))
    signs = words(language).handout.stop_signs
    order = list(signs)  # documents.yaml words them in the order of danger

    items = stop_box_items(text, language)

    assert 1 <= len(items) <= 6
    assert len(set(items)) == len(items), "each sign once"
    ids = [next(sign for sign, words_ in signs.items() if normalised(words_) == item) for item in items]
    assert ids == sorted(ids, key=order.index), "most dangerous first"
    assert ids[0] == "dizzy"
    assert text.count(words(language).handout.stop_heading) == 1, "one box, never split"


def test_the_neck_example_has_one_line_about_dizziness_and_one_about_tingling() -> None:
    # The three neck exercises each warned about dizziness and arm tingling: nine lines, now five.
    text = " ".join(pages_text(patient_pdf(example(NECK))))
    signs = words(Language.EN).handout.stop_signs

    assert stop_box_items(text) == [
        normalised(signs[sign])
        for sign in ("dizzy", "arm_tingling", "sharp_pain", "pain_lasts", "pain_worse")
    ]
    assert "Call us at 623-486-3333." in text
    assert "Call 911 or go to the emergency room if you have chest pain" in text


def test_the_knee_example_warns_about_the_leg_not_the_arm() -> None:
    text = " ".join(pages_text(patient_pdf(example(KNEE))))
    signs = words(Language.EN).handout.stop_signs

    items = stop_box_items(text)

    assert normalised(signs["leg_tingling"]) in items
    assert normalised(signs["arm_tingling"]) not in items
    assert normalised(signs["limb_numbness"]) not in items, "the leg line says it for this plan"


@pytest.mark.parametrize(
    ("exercises", "expected"),
    [
        # No nerve sign named: the general one about arms and legs.
        (["calf_stretch_wall"], ["dizzy", "limb_numbness", "sharp_pain", "pain_lasts", "pain_worse"]),
        # Arm exercises only: the arm line says it for this plan.
        (
            ["upper_trapezius_stretch", "seated_chin_tuck"],
            ["dizzy", "arm_tingling", "sharp_pain", "pain_lasts", "pain_worse"],
        ),
        # Arm and leg exercises: one line for both.
        (["band_row", "glute_bridge"], ["dizzy", "limb_numbness", "sharp_pain", "pain_lasts", "pain_worse"]),
        # Every exercise: never more than six.
        (None, ["dizzy", "limb_numbness", "balance", "sharp_pain", "pain_lasts", "pain_worse"]),
    ],
)
def test_the_signs_of_a_plan_are_gathered_from_the_exercises(
    exercises: list[str] | None, expected: list[str]
) -> None:
    from clinic_app.documents.wording import stop_signs_for

    library = load_library().exercises
    chosen = library.values() if exercises is None else [library[e] for e in exercises]

    assert list(stop_signs_for(chosen)) == expected


def test_every_exercise_names_its_stop_signs() -> None:
    known = set(words(Language.EN).handout.stop_signs)

    for exercise in load_library().exercises.values():
        assert exercise.stop_signs, exercise.id
        assert set(exercise.stop_signs) <= known, exercise.id


def test_the_log_shows_the_dates_from_the_visit_and_a_row_per_exercise() -> None:
    visit = example(KNEE)  # visit on Wednesday, November 25, 2026
    pages = pages_text(patient_pdf(visit))
    log_page = pages[page_of(pages, "Your 14-day log")]

    assert "November" in log_page
    assert "December" in log_page
    # Each column: the weekday over the day of the month, from the visit day.
    assert "We 25 Th 26 Fr 27 Sa 28 Su 29 Mo 30 Tu 1 We 2 Th 3 Fr 4 Sa 5 Su 6 Mo 7 Tu 8" in log_page
    for item in plan_items(visit, triage(visit)):
        assert f"{item.number}. {item.exercise.text[Language.EN].name}" in log_page
    assert "Next visit:" in log_page
    assert "Book your next visit online at preferredpt.example/book" in log_page


def test_the_log_is_dated_in_the_documents_language() -> None:
    pages = pages_text(patient_pdf(example(KNEE), language=Language.ES))
    log_page = pages[page_of(pages, "Su registro de 14 días")]

    assert "Noviembre" in log_page
    assert "Diciembre" in log_page
    assert "Mi 25 Ju 26 Vi 27 Sa 28 Do 29 Lu 30 Ma 1 Mi 2" in log_page
    assert "Próxima visita:" in log_page
    assert "November" not in log_page


@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("per_day", [1, 3, 4, 12])
def test_the_log_has_a_box_for_every_time_of_every_day(per_day: int, large_print: bool) -> None:
    from clinic_app.documents.flowables import LogDay, LogRow, TickLog
    from clinic_app.documents.styles import patient_stylesheet

    styles = patient_stylesheet(large_print)
    # As the handout lays it out: fourteen columns, or a week a row for more than three a day.
    days = [LogDay("November", "Nov", "Wed", "We", str(day)) for day in range(14 if per_day <= 3 else 7)]
    log = TickLog(
        [LogRow("1. Calf stretch", "", per_day), LogRow("2. Bridge", "", 1)], days, "Exercise", styles
    )
    log.wrap(540, 1e6)
    boxes: list[tuple[float, float]] = []

    class Canvas:
        def rect(self, x: float, y: float, width: float, height: float, **_: object) -> None:
            if width < 30:
                boxes.append((width, height))

        def __getattr__(self, name: str):  # every other drawing call: ignored
            return lambda *args, **kwargs: None

    log.canv = Canvas()
    log.draw()

    assert len(boxes) == len(days) * (per_day + 1)
    assert min(width for width, _ in boxes) >= styles.cell.fontSize * 0.7, "boxes big enough to tick"


@pytest.mark.parametrize(
    ("language", "each_side", "once"),
    [
        (Language.EN, "Repeat 3 times on each side", "Repeat 3 times"),
        (Language.ES, "Repita 3 veces de cada lado", "Repita 3 veces"),
    ],
)
def test_the_dose_says_each_side_for_an_exercise_done_on_both_sides(
    language: Language, each_side: str, once: str
) -> None:
    dosing = Dosing(hold_s=30, reps=3, sets=1, per_day=1)
    plan = (
        Prescription(exercise="calf_stretch_wall", side=Side.BOTH, dosing=dosing),
        Prescription(exercise="hamstring_stretch_strap", side=Side.LEFT, dosing=dosing),
        Prescription(exercise="glute_bridge", side=Side.CENTRAL, dosing=Dosing(reps=3, sets=2, per_day=1)),
    )
    visit = example(KNEE).model_copy(update={"plan": plan})
    text = " ".join(pages_text(patient_pdf(visit, language=language)))
    cards = text.split(words(language).handout.exercises_heading, 1)[1]  # the log names them first
    names = [load_library().exercises[p.exercise].text[language].name for p in plan]
    both, left, bridge = (cards.split(name, 1)[1].split("1.", 1)[0] for name in names)  # up to step 1

    assert each_side in both
    assert once in left
    assert each_side not in left, "one side only"
    assert once in bridge
    assert each_side not in bridge, "both legs at once"


def test_a_one_sided_exercise_given_no_side_is_done_on_each_side() -> None:
    from clinic_app.documents.handout import each_side

    visit = example(KNEE).model_copy(
        update={
            "plan": (
                Prescription(
                    exercise="calf_stretch_wall", side=Side.CENTRAL, dosing=Dosing(reps=3, sets=1, per_day=1)
                ),
            )
        }
    )
    (item,) = plan_items(visit, triage(visit))

    assert each_side(item)


def test_contact_and_booking_come_from_the_clinic_profile() -> None:
    text = " ".join(pages_text(patient_pdf(example(KNEE))))

    assert "Call us at 623-486-3333." in text
    assert "Questions?" not in text, "under the log it would repeat the stop box and the footer"
    assert "Book your next visit online at preferredpt.example/book" in text
    assert "Preferred Physical Therapy" in text
    assert "Open Monday to Friday, 7 am to 6 pm." in text


SPANISH_CLINIC = CLINIC.model_copy(
    update={
        "booking_es": "Reserve su próxima cita en preferredpt.example/reservar o llame a recepción.",
        "handout_footer_es": "Abierto de lunes a viernes, de 7 a 18 h.",
    }
)


def test_a_spanish_printout_has_the_clinic_words_the_clinic_wrote_in_spanish() -> None:
    text = " ".join(pages_text(patient_pdf(example(KNEE), language=Language.ES, clinic=SPANISH_CLINIC)))

    assert "Abierto de lunes a viernes, de 7 a 18 h." in text
    assert "Open Monday to Friday" not in text
    assert "Reserve su próxima cita en preferredpt.example/reservar" in text
    assert "Book your next visit online" not in text


@pytest.mark.parametrize("language", list(Language))
def test_a_referral_letter_has_no_handout_footer(language: Language) -> None:
    # The clinic writes its footer for the handout ("questions about your exercises?"): a letter
    # with no exercises does not print it; the handout after an overridden letter does.
    letter = " ".join(pages_text(patient_pdf(example(RED_FLAG), language=language, clinic=SPANISH_CLINIC)))
    document = render_patient_document(request(example(OVERRIDE), language=language, clinic=SPANISH_CLINIC))
    pages = pages_text(document.pdf)
    letter_pages = document.part_pages[0]
    footer = SPANISH_CLINIC.footer_in(language)

    assert footer not in letter
    assert all(footer not in page for page in pages[:letter_pages])
    assert all(footer in page for page in pages[letter_pages:])


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
    text = " ".join(pages_text(patient_pdf(visit)))
    name = load_library().exercises["side_lying_hip_abduction"].text[Language.EN].name
    card = text.split(words(Language.EN).handout.exercises_heading, 1)[1]  # the log names it first

    assert [item.for_complaints for item in plan_items(visit, triage(visit))][-1] == (0,)
    assert "Repeat 10 times" in card
    assert "Hold" not in card.split(name)[1].split("Repeat")[0], "a moving exercise has no hold"


def test_a_card_says_which_complaint_it_is_for_unless_every_card_is_for_every_complaint() -> None:
    knee = example(KNEE)
    neck_too = knee.model_copy(update={"complaints": (*knee.complaints, *example(NECK).complaints)})

    one_complaint = " ".join(pages_text(patient_pdf(knee)))
    two_regions = " ".join(pages_text(patient_pdf(neck_too)))

    assert "This is for your" not in one_complaint, "what we found says it once"
    knee_only = [item for item in plan_items(neck_too, triage(neck_too)) if item.for_complaints == (0,)]
    assert knee_only
    assert two_regions.count("This is for your left knee pain.") == len(knee_only)


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


@pytest.mark.parametrize("large_print", [False, True])
def test_every_picture_prints_at_least_three_inches_wide(large_print: bool) -> None:
    from reportlab.lib.units import inch

    from clinic_app.documents.flowables import ExerciseCard
    from clinic_app.documents.handout import handout_part

    part = handout_part(request(every_exercise_visit(), large_print=large_print))
    cards = [flowable for flowable in part.story if isinstance(flowable, ExerciseCard)]
    width = 7.5 * inch  # Letter's text width, the narrower of the two papers' is A4's: 7.27 in
    for card in cards:
        card.wrap(width, 1e6)

    assert len(cards) == len(every_exercise_visit().plan)
    assert min(card.picture.width for card in cards) >= 3 * inch
