"""The screening cards: what is recorded maps to VisitForm.screenings; nothing typed is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtSvgWidgets import QSvgWidget
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import ScreenId
from clinic_app.errors import Problem
from clinic_app.triage import triage
from clinic_app.visit_form import VisitForm
from ui.visit.screening_cards import BilateralCard, HeadPostureCard, LevelCard, ScreeningCard
from ui.visit.screening_section import ScreeningSection
from ui.widgets.accessibility_check import controls_without_accessible_name
from ui.widgets.measurement_field import MeasurementField
from ui.widgets.value_combo import ValueCombo

from .conftest import PATIENT, problems_of, tab_chain


@pytest.fixture
def section(qtbot: QtBot) -> ScreeningSection:
    widget = ScreeningSection()
    qtbot.addWidget(widget)
    widget.resize(820, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(section: ScreeningSection, into: VisitForm | None = None) -> dict[str, dict[str, str]]:
    form = into or VisitForm(date="2026-11-25")
    section.store(form)
    return form.screenings


def measurement(section: ScreeningSection, screen: ScreenId, key: str) -> MeasurementField:
    field = section.card(screen).inputs[key]
    assert isinstance(field, MeasurementField)
    return field


def combo(section: ScreeningSection, screen: ScreenId, key: str) -> ValueCombo:
    field = section.card(screen).inputs[key]
    assert isinstance(field, ValueCombo)
    return field


def test_one_card_per_screen_of_the_right_kind(section: ScreeningSection) -> None:
    kinds = [type(card) for card in section.cards]

    assert [card.screen_id for card in section.cards] == list(ScreenId)
    assert kinds == [LevelCard, HeadPostureCard, BilateralCard, BilateralCard, LevelCard]


def test_every_card_shows_its_illustration_and_how_to(section: ScreeningSection) -> None:
    catalogue = load_catalogue()
    for card in section.cards:
        picture = card.findChild(QSvgWidget)
        assert picture is not None
        assert picture.renderer().isValid(), card.screen_id
        assert catalogue.screens[card.screen_id].how_to.en.strip() in card.how_to.text()


def test_how_to_opens_and_closes(qtbot: QtBot, section: ScreeningSection) -> None:
    card = section.card(ScreenId.HIP_MOBILITY)
    assert not card.how_to.isVisible()

    qtbot.mouseClick(card.how_to_button, Qt.MouseButton.LeftButton)
    assert card.how_to.isVisible()
    qtbot.mouseClick(card.how_to_button, Qt.MouseButton.LeftButton)
    assert not card.how_to.isVisible()


def test_loading_and_storing_gives_the_same_screenings(
    qtbot: QtBot, section: ScreeningSection, example_form: VisitForm
) -> None:
    with qtbot.assertNotEmitted(section.changed):
        section.load(example_form)

    assert stored(section) == example_form.screenings


def test_values_no_input_offers_are_kept(section: ScreeningSection) -> None:
    screenings = {
        "pelvic_height": {"result": "tilted", "difference_cm": "1,5"},
        "hip_mobility": {"left.knee_bent_when_raised": "maybe", "left.extra_field": "x"},
    }
    section.load(VisitForm(screenings={name: dict(values) for name, values in screenings.items()}))

    assert stored(section) == screenings


def test_typing_a_measurement_is_an_edit_per_key(qtbot: QtBot, section: ScreeningSection) -> None:
    section.load(VisitForm())
    angle = measurement(section, ScreenId.HEAD_POSTURE, "craniovertebral_angle_deg")

    with qtbot.waitSignals([section.changed, section.changed]):
        qtbot.keyClicks(angle.edit, "44")

    assert stored(section) == {"head_posture": {"craniovertebral_angle_deg": "44"}}


def test_wrong_text_stays_and_its_problem_shows_under_the_field(
    qtbot: QtBot, section: ScreeningSection
) -> None:
    section.load(VisitForm())
    distance = measurement(section, ScreenId.ANKLE_MOBILITY, "left.toe_to_wall_cm")
    qtbot.keyClicks(distance.edit, "abc")
    form = VisitForm(date="2026-11-25")
    section.store(form)

    section.show_problems(problems_of(form))

    card = section.card(ScreenId.ANKLE_MOBILITY)
    assert distance.value() == "abc"
    assert form.screenings == {"ankle_mobility": {"left.toe_to_wall_cm": "abc"}}
    assert card.errors["left.toe_to_wall_cm"].isVisible()
    assert '"abc"' in card.errors["left.toe_to_wall_cm"].text()
    assert not card.errors["right.toe_to_wall_cm"].isVisible()
    section.show_problems([])
    assert not card.errors["left.toe_to_wall_cm"].isVisible()


def test_a_card_level_problem_is_reported_in_the_cards_words(section: ScreeningSection) -> None:
    section.load(VisitForm())

    section.show_problems(
        [Problem("screenings.hip_mobility.left", "give resting_leg_lifted or foot_turned_out_when_resting")]
    )

    message = section.card(ScreenId.HIP_MOBILITY).card_error.text()
    assert message == (
        "Left leg: give “Resting leg lifted (thigh came up or knee bent)” or “Resting foot turned out”"
    )


def test_a_raised_angle_or_an_fms_score_alone_is_a_complete_leg(
    qtbot: QtBot, section: ScreeningSection
) -> None:
    section.load(VisitForm())
    qtbot.keyClicks(measurement(section, ScreenId.HIP_MOBILITY, "left.raised_angle_deg").edit, "65")
    fms = combo(section, ScreenId.HIP_MOBILITY, "right.fms_score")
    fms.setFocus()
    qtbot.keyClick(fms, Qt.Key.Key_Down)  # — -> 0 (pain)

    form = VisitForm(date="2026-11-25", red_flags=dict.fromkeys(load_catalogue().red_flags, "absent"))
    section.store(form)
    assert form.screenings == {"hip_mobility": {"left.raised_angle_deg": "65", "right.fms_score": "0"}}
    assert problems_of(form) == []
    # They count: below 70 degrees is tight hamstrings; FMS 0 is pain during the raise.
    result = triage(form.to_visit(PATIENT))
    assert [f.id for f in result.findings] == ["hip_mobility/left/tight_hamstrings_glutes"]
    assert [w.code for w in result.warnings] == ["pain_during_leg_raise"]


def test_the_resting_leg_lifted_is_asked_per_leg_beside_the_foot_turned_out(
    qtbot: QtBot, section: ScreeningSection
) -> None:
    section.load(VisitForm())
    card = section.card(ScreenId.HIP_MOBILITY)
    keys = list(card.inputs)
    assert keys.index("left.resting_leg_lifted") == keys.index("right.foot_turned_out_when_resting") + 1
    lifted = combo(section, ScreenId.HIP_MOBILITY, "right.resting_leg_lifted")
    assert lifted.accessibleName() == (
        "Hip mobility (doorway leg raise): Resting leg lifted (thigh came up or knee bent), right leg"
    )
    labels = [label.text().replace("\n", " ") for label in card.row_labels]
    assert "Resting leg lifted (thigh came up or knee bent)" in labels
    # Its two lines keep the label column, which every card shares, as narrow as before.
    widest = max(label.sizeHint().width() for label in card.row_labels)
    assert widest <= max(
        label.sizeHint().width() for label in section.card(ScreenId.ANKLE_MOBILITY).row_labels
    )

    lifted.setFocus()
    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(lifted, Qt.Key.Key_Down)  # — -> Yes

    form = VisitForm(date="2026-11-25", red_flags=dict.fromkeys(load_catalogue().red_flags, "absent"))
    section.store(form)
    assert form.screenings == {"hip_mobility": {"right.resting_leg_lifted": "true"}}
    result = triage(form.to_visit(PATIENT))
    assert [f.label for f in result.findings] == ["Tight hip flexors (right)"]


def test_a_yes_no_answer_from_the_keyboard(qtbot: QtBot, section: ScreeningSection) -> None:
    section.load(VisitForm())
    knee_bent = combo(section, ScreenId.HIP_MOBILITY, "right.knee_bent_when_raised")
    knee_bent.setFocus()

    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(knee_bent, Qt.Key.Key_Down)  # — -> Yes

    assert stored(section) == {"hip_mobility": {"right.knee_bent_when_raised": "true"}}


def test_mark_not_done_clears_the_screen_from_the_form(qtbot: QtBot, section: ScreeningSection) -> None:
    form = VisitForm(
        screenings={
            "shoulder_height": {"result": "left_higher", "difference_cm": "1"},
            "pelvic_height": {"result": "level"},
        }
    )
    section.load(form)
    card = section.card(ScreenId.SHOULDER_HEIGHT)
    assert card.not_done_button.isEnabled()

    with qtbot.waitSignal(section.changed):
        qtbot.mouseClick(card.not_done_button, Qt.MouseButton.LeftButton)

    section.store(form)
    assert form.screenings == {"pelvic_height": {"result": "level"}}
    assert not card.not_done_button.isEnabled()
    assert card.status.text() == "— cleared:"  # with "Undo" beside it for a while
    assert card.undo_button.isVisible()


def test_choosing_the_blank_answers_also_means_not_done(qtbot: QtBot, section: ScreeningSection) -> None:
    form = VisitForm(screenings={"pelvic_height": {"result": "level"}})
    section.load(form)
    result = combo(section, ScreenId.PELVIC_HEIGHT, "result")
    result.setFocus()

    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(result, Qt.Key.Key_Up)  # Level -> —

    section.store(form)
    assert form.screenings == {}


def test_the_head_posture_hint_takes_its_cut_off_from_the_catalogue(section: ScreeningSection) -> None:
    cutoff = load_catalogue().cutoffs["craniovertebral_angle_deg"].value
    card = section.card(ScreenId.HEAD_POSTURE)

    assert any(f"below {cutoff:g}°" in label.text() for label in card.findChildren(type(card.title)))


def test_read_only_keeps_values_readable_but_unchangeable(qtbot: QtBot, section: ScreeningSection) -> None:
    section.load(
        VisitForm(screenings={"ankle_mobility": {"left.heel_lifted": "true", "left.toe_to_wall_cm": "6.5"}})
    )
    section.set_read_only(True)
    heel = combo(section, ScreenId.ANKLE_MOBILITY, "left.heel_lifted")
    distance = measurement(section, ScreenId.ANKLE_MOBILITY, "left.toe_to_wall_cm")

    assert distance.edit.isReadOnly()
    assert heel.isEnabled()
    assert not section.card(ScreenId.ANKLE_MOBILITY).not_done_button.isEnabled()
    with qtbot.assertNotEmitted(section.changed):
        heel.setFocus()
        qtbot.keyClick(heel, Qt.Key.Key_Down)
        distance.edit.setFocus()
        qtbot.keyClicks(distance.edit, "9")
    assert stored(section) == {"ankle_mobility": {"left.heel_lifted": "true", "left.toe_to_wall_cm": "6.5"}}


def test_every_control_has_a_name(section: ScreeningSection) -> None:
    assert controls_without_accessible_name(section) == []
    assert combo(section, ScreenId.HIP_MOBILITY, "left.fms_score").accessibleName() == (
        "Hip mobility (doorway leg raise): FMS ASLR score (optional), left leg"
    )


def test_tab_goes_row_by_row_left_before_right(qtbot: QtBot, section: ScreeningSection) -> None:
    section.load(VisitForm(screenings={"ankle_mobility": {"right.heel_lifted": "false"}}))
    card = section.card(ScreenId.ANKLE_MOBILITY)
    keys = [
        "left.knee_touches_wall",
        "right.knee_touches_wall",
        "left.heel_lifted",
        "right.heel_lifted",
        "left.toe_to_wall_cm",
        "right.toe_to_wall_cm",
    ]
    expected = [card.how_to_button, card.not_done_button, *(focus_target(card, key) for key in keys)]
    following = section.card(ScreenId.PELVIC_HEIGHT).how_to_button

    assert tab_chain(qtbot, card.how_to_button, len(expected) + 1) == [*expected, following]


def focus_target(card: ScreeningCard, key: str) -> object:
    field = card.inputs[key]
    return field.edit if isinstance(field, MeasurementField) else field
