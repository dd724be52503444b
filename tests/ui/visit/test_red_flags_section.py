"""The red-flag checklist: answers map to VisitForm.red_flags exactly; any Yes shows the referral banner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.errors import Problem
from clinic_app.visit_form import Answer, VisitForm
from ui.visit.red_flags_section import NO, NOT_ASKED, YES, RedFlagsSection
from ui.widgets.accessibility_check import controls_without_accessible_name

from .conftest import tab_chain

FLAGS = list(load_catalogue().red_flags)


@pytest.fixture
def section(qtbot: QtBot) -> RedFlagsSection:
    widget = RedFlagsSection()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(section: RedFlagsSection) -> dict[str, str]:
    form = VisitForm()
    section.store(form)
    return dict(form.red_flags)


def button(section: RedFlagsSection, flag: str, answer: int) -> QRadioButton:
    return next(row for row in section.rows if row.flag_id == flag).buttons[answer]


def test_the_questions_come_from_the_catalogue_in_order(section: RedFlagsSection) -> None:
    catalogue = load_catalogue()
    assert [row.flag_id for row in section.rows] == FLAGS
    assert section.rows[0].question.text().endswith(catalogue.red_flags[FLAGS[0]].question.en)
    assert section.rows[0].urgency.text() == catalogue.urgencies["emergency"].label.en
    assert section.rows[0].urgency.level() == "danger"


def test_loading_and_storing_gives_the_same_answers(
    qtbot: QtBot, section: RedFlagsSection, example_form: VisitForm
) -> None:
    with qtbot.assertNotEmitted(section.changed):
        section.load(example_form)

    assert stored(section) == example_form.red_flags


def test_not_asked_is_a_missing_key(section: RedFlagsSection) -> None:
    answers: dict[str, Answer] = {"cancer_history": "absent", "major_trauma": "present"}

    section.load(VisitForm(red_flags=dict(answers)))

    assert stored(section) == answers
    assert button(section, "saddle_numbness", NOT_ASKED).isChecked()


def test_yes_shows_the_referral_banner_with_urgency_and_advice(
    qtbot: QtBot, section: RedFlagsSection
) -> None:
    catalogue = load_catalogue()
    section.load(VisitForm())
    assert not section.banner.isVisible()

    with qtbot.waitSignal(section.referral_changed) as referral, qtbot.waitSignal(section.changed):
        qtbot.mouseClick(button(section, "hot_swollen_joint", YES), Qt.MouseButton.LeftButton)

    assert referral.args == [True]
    assert section.banner.isVisible()
    assert section.banner.title.text() == "Refer — do not give a home programme"
    assert "Urgent" in section.banner.urgency.text()
    assert section.banner.advice.text() == catalogue.urgencies["urgent"].advice.en
    assert stored(section) == {"hot_swollen_joint": "present"}


def test_the_banner_shows_the_highest_urgency(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"cancer_history": "present", "major_trauma": "present"}))
    assert section.highest_urgency() == "urgent"

    qtbot.mouseClick(button(section, "saddle_numbness", YES), Qt.MouseButton.LeftButton)

    assert section.highest_urgency() == "emergency"
    assert "Emergency" in section.banner.urgency.text()
    assert "2 red flags" not in section.banner.urgency.text()
    assert "3 red flags" in section.banner.urgency.text()


def test_taking_back_the_last_yes_hides_the_banner(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"cancer_history": "present"}))

    with qtbot.waitSignal(section.referral_changed) as referral:
        qtbot.mouseClick(button(section, "cancer_history", NO), Qt.MouseButton.LeftButton)

    assert referral.args == [False]
    assert not section.banner.isVisible()
    assert stored(section) == {"cancer_history": "absent"}


def test_none_of_the_remaining_answers_no_to_the_rest(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"saddle_numbness": "present", "major_trauma": "absent"}))

    with qtbot.waitSignal(section.changed):
        qtbot.mouseClick(section.none_button, Qt.MouseButton.LeftButton)

    expected = dict.fromkeys(FLAGS, "absent") | {"saddle_numbness": "present"}
    assert stored(section) == expected
    assert section.progress.text() == f"{len(FLAGS)} of {len(FLAGS)} asked"
    with qtbot.assertNotEmitted(section.changed):  # nothing left to answer: not an edit
        qtbot.mouseClick(section.none_button, Qt.MouseButton.LeftButton)


def test_the_keyboard_answers_a_question(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm())
    not_asked = button(section, "myelopathy_signs", NOT_ASKED)
    not_asked.setFocus()

    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(not_asked, Qt.Key.Key_Left)  # to No

    assert stored(section) == {"myelopathy_signs": "absent"}


def test_each_answer_is_named_with_its_question(section: RedFlagsSection) -> None:
    question = load_catalogue().red_flags["bilateral_leg_weakness"].question.en
    names = [b.accessibleName() for b in section.rows[2].buttons.values()]

    assert names == [f"{question} Yes", f"{question} No", f"{question} Not asked"]
    assert controls_without_accessible_name(section) == []


def test_tab_moves_from_question_to_question(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"saddle_numbness": "absent"}))
    first, second, third = section.rows[:3]

    # Qt's radio groups: Tab lands on the checked answer; the arrow keys move between answers.
    chain = tab_chain(qtbot, section.none_button, 4)

    assert chain == [
        section.none_button,
        first.buttons[NO],
        second.buttons[NOT_ASKED],
        third.buttons[NOT_ASKED],
    ]


def test_read_only_keeps_the_chosen_answer_readable(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"saddle_numbness": "present"}))
    section.set_read_only(True)
    chosen = button(section, "saddle_numbness", YES)

    assert chosen.isEnabled()
    assert chosen.isChecked()
    assert not button(section, "saddle_numbness", NO).isEnabled()
    assert not section.none_button.isEnabled()
    with qtbot.assertNotEmitted(section.changed):
        chosen.setFocus()
        qtbot.keyClick(chosen, Qt.Key.Key_Right)
    assert stored(section) == {"saddle_numbness": "present"}


def test_problems_are_shown_and_cleared(section: RedFlagsSection) -> None:
    section.show_problems(
        [Problem("red_flags[0]", "unknown red flag 'x'"), Problem("complaints[0].pain", "no")]
    )

    assert section.error.isVisible()
    assert section.error.text() == "unknown red flag 'x'"
    section.show_problems([])
    assert not section.error.isVisible()
