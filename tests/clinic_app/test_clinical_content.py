"""The clinical content in resources/ is complete, consistent and in plain language."""

from __future__ import annotations

import textstat

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import Language, ScreenId, Side
from clinic_app.exercises import load_library

# Flesch-Kincaid grade for English; Fernandez-Huerta ease for Spanish (80 and above reads as
# "easy", about a 6th grade; we allow down to 75 for short, word-dense safety texts).
MAX_ENGLISH_GRADE = 6.0
MIN_SPANISH_EASE = 75.0


def english_grade(text: str) -> float:
    textstat.set_lang("en")
    return float(textstat.flesch_kincaid_grade(text))


def spanish_ease(text: str) -> float:
    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en")


def patient_texts() -> dict[str, dict[Language, str]]:
    """Every piece of patient-facing text, grouped as a patient reads it."""
    catalogue = load_catalogue()
    groups: dict[str, dict[Language, str]] = {}
    for exercise in load_library().exercises.values():
        groups[f"exercise {exercise.id}"] = {
            language: " ".join([t.purpose, *t.steps, *t.avoid, *t.stop_if])
            for language, t in exercise.text.items()
        }
    for key, finding in catalogue.findings.items():
        groups[f"finding {key}"] = {
            language: " ".join(by_side.values()) for language, by_side in finding.definition.patient.items()
        }
    groups["links"] = {
        language: " ".join(rule.patient[language] for rule in catalogue.links) for language in Language
    }
    for urgency, definition in catalogue.urgencies.items():
        letters = [f.letter for f in catalogue.red_flags.values() if f.urgency == urgency]
        groups[f"referral {urgency}"] = {
            language: " ".join([definition.advice[language], *(text[language] for text in letters)])
            for language in Language
        }
    groups["red-flag questions"] = {
        language: " ".join(f.question[language] for f in catalogue.red_flags.values())
        for language in Language
    }
    return groups


def test_patient_text_is_at_or_below_a_sixth_grade_reading_level() -> None:
    too_hard = {}
    for name, texts in patient_texts().items():
        grade, ease = english_grade(texts[Language.EN]), spanish_ease(texts[Language.ES])
        if grade > MAX_ENGLISH_GRADE or ease < MIN_SPANISH_EASE:
            too_hard[name] = (round(grade, 1), round(ease, 1))
    assert not too_hard, f"too hard to read (English grade, Spanish ease): {too_hard}"


def test_the_library_has_at_least_the_thirteen_starting_exercises() -> None:
    library = load_library()
    assert len(library.exercises) >= 13
    kinds = {e.kind for e in library.exercises.values()}
    assert {"stretch", "mobility", "posture", "strength"} <= kinds


def test_every_finding_has_a_proposed_exercise_that_addresses_it() -> None:
    catalogue, library = load_catalogue(), load_library()
    for key in catalogue.findings:
        proposed = catalogue.plan[key].exercises
        assert proposed, key
        assert all(key in library.exercises[e].addresses for e in proposed)


def test_every_finding_has_patient_text_for_each_side_it_can_have() -> None:
    catalogue = load_catalogue()
    for rule in catalogue.finding_rules:
        sides = {Side.CENTRAL} if rule.side == "central" else {Side.LEFT, Side.RIGHT}
        patient = catalogue.findings[rule.finding].definition.patient
        for language in Language:
            assert sides <= set(patient[language]), (rule.finding, language)


def test_cutoffs_match_the_clinical_source() -> None:
    cutoffs = load_catalogue().cutoffs
    assert cutoffs["craniovertebral_angle_deg"].value == 50
    assert cutoffs["toe_to_wall_cm"].value == 10
    assert all(c.source for c in cutoffs.values())


# The red-flag table of rules 2026.12 (docs/clinical/screens.md), by urgency.
EMERGENCY_FLAGS = {
    "saddle_numbness",
    "bladder_bowel_change",
    "bilateral_leg_weakness",
    "bilateral_leg_symptoms",
    "new_sexual_dysfunction",
    "vascular_neck_symptoms",
    "nystagmus_or_ataxia",
    "progressive_neuro_deficit",
    "thunderclap_headache",
    "headache_fever_stiff_neck",
    "chest_pain_or_breathless",
    "vision_loss",
    "pulsating_abdominal_mass",
}
URGENT_FLAGS = {
    "myelopathy_signs",
    "hot_swollen_joint",
    "calf_swelling_warmth",
    "exertional_arm_neck_pain",
    "new_headache_over_50",
    "cannot_bear_weight",
    "ottawa_ankle",
    "major_trauma",
    "minor_trauma_osteoporosis",
}
ROUTINE_FLAGS = {
    "cancer_history",
    "unexplained_weight_loss",
    "constant_night_pain",
    "fever",
    "feeling_unwell",
    "immunosuppression",
}


def test_red_flag_urgencies_match_the_clinical_table() -> None:
    flags = load_catalogue().red_flags
    assert len(flags) == 28
    for urgency, expected in (
        ("emergency", EMERGENCY_FLAGS),
        ("urgent", URGENT_FLAGS),
        ("routine", ROUTINE_FLAGS),
    ):
        assert {f for f, d in flags.items() if d.urgency == urgency} == expected


def test_every_flag_has_clinician_wording_and_a_source_without_ids() -> None:
    catalogue = load_catalogue()
    for flag in catalogue.red_flags.values():
        assert flag.source
        for text in (flag.clinician.en, flag.clinician.es, flag.letter.en, flag.question.en):
            assert "_" not in text, flag.id
    for combination in catalogue.combinations:
        assert combination.source
        assert "_" not in combination.clinician.en


def test_emergency_advice_uses_the_clinics_number_never_a_fixed_one() -> None:
    for urgency in load_catalogue().urgencies.values():
        for text in (urgency.advice.en, urgency.advice.es):
            assert not any(number in text for number in ("911", "112", "999"))
    advice = load_catalogue().urgencies["emergency"].advice
    assert "{emergency_number}" in advice.en
    assert "{emergency_number}" in advice.es


def test_every_screen_is_described_in_both_languages() -> None:
    screens = load_catalogue().screens
    assert set(screens) == set(ScreenId)
    for screen in screens.values():
        assert screen.how_to.en
        assert screen.how_to.es
        assert screen.name.es


# Stored visits name red flags and exercises by id and are validated against the catalogue when
# loaded: an id that was ever released must stay (retire it in the text, never delete it).
RELEASED_RED_FLAGS = {
    "saddle_numbness",
    "bladder_bowel_change",
    "bilateral_leg_weakness",
    "vascular_neck_symptoms",
    "progressive_neuro_deficit",
    "myelopathy_signs",
    "hot_swollen_joint",
    "cannot_bear_weight",
    "major_trauma",
    "cancer_history",
    "unexplained_weight_loss",
    "constant_night_pain",
    "fever_or_unwell",
}
RELEASED_EXERCISES = {
    "doorway_chest_stretch",
    "upper_trapezius_stretch",
    "levator_scapulae_stretch",
    "seated_chin_tuck",
    "lying_chin_nod",
    "hamstring_stretch_strap",
    "doorway_hamstring_stretch",
    "figure_four_glute_stretch",
    "half_kneeling_hip_flexor_stretch",
    "calf_stretch_wall",
    "calf_stretch_wall_bent_knee",
    "knee_to_wall_ankle_rocking",
    "quadratus_lumborum_stretch",
}


def test_released_ids_are_never_removed() -> None:
    # A retired flag is no longer asked, but an old answer still reads, as the flag named for it.
    catalogue = load_catalogue()
    assert set(catalogue.red_flags) | set(catalogue.retired_flags) >= RELEASED_RED_FLAGS
    assert set(load_library().exercises) >= RELEASED_EXERCISES


def test_spanish_clinical_text_for_patients_never_changes_with_the_patients_sex() -> None:
    """Exercises, findings, links and red flags: words that fit every patient ("siente mareo")."""
    from tests.clinic_app.documents.test_wording import SEXED_SPANISH

    catalogue = load_catalogue()
    texts = {name: group[Language.ES] for name, group in patient_texts().items()}
    texts |= {f"exercise name {e.id}": e.text[Language.ES].name for e in load_library().exercises.values()}
    texts |= {f"urgency {u}": d.label.es for u, d in catalogue.urgencies.items()}
    found = {name: match.group(0) for name, text in texts.items() if (match := SEXED_SPANISH.search(text))}
    assert found == {}
