"""The red-flag checklist: answers map to VisitForm.red_flags exactly; any Yes shows the referral banner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.errors import Problem
from clinic_app.visit_form import Answer, VisitForm
from ui.visit.red_flags_section import NO, NOT_ASKED, YES, FlagRow, RedFlagsSection
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
    urgent = catalogue.urgencies["urgent"]
    assert f"{urgent.label.en} ({urgent.when.en})" in section.banner.urgency.text()
    assert section.banner.advice.text() == urgent.advice.en
    assert not section.banner.number_missing.isVisible()  # only the emergency advice has the number
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
    assert section.error.text() == "“x” is not a question of today's checklist."
    section.show_problems([])
    assert not section.error.isVisible()


# ---- rules 2026.12: 28 flags, the emergency number, overrides ------------------------------------


def row_of(section: RedFlagsSection, flag: str) -> FlagRow:
    row = section.row(flag)
    assert row is not None
    return row


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible(), widget.accessibleName()
    assert widget.isEnabled(), widget.accessibleName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def override_with(qtbot: QtBot, section: RedFlagsSection, flag: str, reason: str) -> None:
    """Click "Override…" on the flag's row, write the reason, click Override (OK)."""
    click(qtbot, row_of(section, flag).override_button)
    dialog = section.override_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.reason, reason)
    with qtbot.waitSignal(section.changed):
        click(qtbot, dialog.ok_button)


def overrides(section: RedFlagsSection) -> dict[str, str]:
    form = VisitForm()
    section.store(form)
    return dict(form.red_flag_overrides)


def test_all_28_questions_show_in_checklist_order_with_their_patient_words(section: RedFlagsSection) -> None:
    catalogue = load_catalogue()
    assert len(section.rows) == len(catalogue.red_flags) == 28

    for number, (row, flag) in enumerate(
        zip(section.rows, catalogue.red_flags.values(), strict=True), start=1
    ):
        assert row.flag_id == flag.id
        assert row.question.text() == f"{number}. {flag.question.en}"
        assert row.isVisibleTo(section)
        assert row.urgency.text() == catalogue.urgencies[flag.urgency].label.en
    assert section.progress.text() == "0 of 28 asked"


def test_the_last_questions_can_be_scrolled_to_and_answered(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm())
    last = section.rows[-1]
    section.checklist_scroll.ensureWidgetVisible(last)

    with qtbot.waitSignal(section.changed):
        click(qtbot, last.buttons[YES])

    assert stored(section) == {"immunosuppression": "present"}


def test_the_emergency_advice_gives_the_clinics_number(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.set_emergency_number("112")
    section.load(VisitForm())

    click(qtbot, button(section, "thunderclap_headache", YES))

    advice = section.banner.advice.text()
    assert "call 112" in advice
    assert "{emergency_number}" not in advice
    assert not section.banner.number_missing.isVisible()
    assert "Emergency (now)" in section.banner.urgency.text()


def test_without_an_emergency_number_the_banner_says_to_set_it(
    qtbot: QtBot, section: RedFlagsSection
) -> None:
    section.load(VisitForm())

    click(qtbot, button(section, "saddle_numbness", YES))

    assert "{emergency_number}" not in section.banner.advice.text()
    assert "911" not in section.banner.advice.text()  # no number is made up
    assert section.banner.number_missing.isVisible()
    assert "set it in Settings" in section.banner.number_missing.text()


def test_a_routine_yes_can_be_overridden_with_a_reason(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm())
    row = row_of(section, "cancer_history")
    assert not row.override_button.isVisible()  # not answered yet

    click(qtbot, row.buttons[YES])
    click(qtbot, row.override_button)
    dialog = section.override_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert not dialog.ok_button.isEnabled()  # the reason is required
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "Treated in 2009,")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # a new line, not OK
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "discharged; GP aware")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(section.changed):
        click(qtbot, dialog.ok_button)

    assert overrides(section) == {"cancer_history": "Treated in 2009,\ndischarged; GP aware"}
    assert stored(section) == {"cancer_history": "present"}
    status = row.override_status.text()
    assert "Overridden" in status
    assert "Treated in 2009" in status
    assert row.remove_button.isVisible()
    assert not row.override_button.isVisible()
    assert section.banner.title.text().startswith("Refer — home programme given by override")


def test_a_cancelled_override_changes_nothing(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"fever": "present"}))
    click(qtbot, row_of(section, "fever").override_button)
    dialog = section.override_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "no")

    with qtbot.assertNotEmitted(section.changed):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)

    assert overrides(section) == {}
    assert row_of(section, "fever").override_button.isVisible()


def test_a_reason_longer_than_the_document_allows_is_refused(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"fever": "present"}))
    click(qtbot, row_of(section, "fever").override_button)
    dialog = section.override_dialog
    assert dialog is not None
    dialog.reason.setPlainText("x" * 1000)
    assert dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.reason, "x")

    assert not dialog.ok_button.isEnabled()
    assert dialog.limit.isVisible()
    assert "At most 1000 characters" in dialog.limit.text()


def test_no_override_is_offered_for_urgent_or_emergency_flags(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm())

    for flag in ("saddle_numbness", "hot_swollen_joint"):
        click(qtbot, button(section, flag, YES))
        assert not row_of(section, flag).override_button.isVisible()


def test_no_override_is_offered_while_the_referral_is_not_routine(
    qtbot: QtBot, section: RedFlagsSection
) -> None:
    section.load(VisitForm(red_flags={"cancer_history": "present"}))
    assert row_of(section, "cancer_history").override_button.isVisible()

    click(qtbot, button(section, "myelopathy_signs", YES))

    row = row_of(section, "cancer_history")
    assert not row.override_button.isVisible()
    assert (
        "Cannot be overridden while the referral is needed sooner, because of" in row.override_status.text()
    )
    assert "Signs of cervical myelopathy" in row.override_status.text()


def test_a_later_flag_makes_an_override_not_in_force_and_it_is_kept(
    qtbot: QtBot, section: RedFlagsSection
) -> None:
    section.load(VisitForm(red_flags={"fever": "present"}))
    override_with(qtbot, section, "fever", "feels better, 37.8 today")

    with qtbot.waitSignal(section.changed):
        click(qtbot, button(section, "hot_swollen_joint", YES))

    assert overrides(section) == {"fever": "feels better, 37.8 today"}  # kept
    row = row_of(section, "fever")
    status = row.override_status.text()
    assert "Override not in force" in status
    assert "the referral is needed now, because of" in status
    assert "Hot swollen joint with fever" in status  # the combination, in words
    assert "Remove it to finish the visit" in status
    assert "hot_swollen_joint" not in status
    assert row.remove_button.isVisible()
    assert section.override_problem("fever") is not None
    assert section.banner.title.text() == "Refer — do not give a home programme"


def test_remove_override_takes_it_away(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"fever": "present", "myelopathy_signs": "present"}))
    section.load(
        VisitForm(
            red_flags={"fever": "present", "myelopathy_signs": "present"},
            red_flag_overrides={"fever": "seen by GP yesterday"},
        )
    )
    row = row_of(section, "fever")
    assert "Override not in force" in row.override_status.text()

    with qtbot.waitSignal(section.changed):
        click(qtbot, row.remove_button)

    assert overrides(section) == {}
    assert not row.remove_button.isVisible()


def test_answering_no_to_an_overridden_flag_removes_the_override_and_says_so(
    qtbot: QtBot, section: RedFlagsSection
) -> None:
    section.load(VisitForm(red_flags={"constant_night_pain": "present"}))
    override_with(qtbot, section, "constant_night_pain", "mechanical, eases with movement")

    with qtbot.waitSignal(section.changed):
        click(qtbot, button(section, "constant_night_pain", NO))

    assert overrides(section) == {}
    status = row_of(section, "constant_night_pain").override_status.text()
    assert "Override removed, because the answer is now No" in status
    assert "mechanical, eases with movement" in status
    assert not row_of(section, "constant_night_pain").remove_button.isVisible()


def test_no_to_all_the_rest_keeps_the_yes_answers_and_their_overrides(
    qtbot: QtBot, section: RedFlagsSection
) -> None:
    section.load(VisitForm(red_flags={"cancer_history": "present"}))
    override_with(qtbot, section, "cancer_history", "in remission since 2015")

    with qtbot.waitSignal(section.changed):
        click(qtbot, section.none_button)

    assert stored(section) == dict.fromkeys(FLAGS, "absent") | {"cancer_history": "present"}
    assert overrides(section) == {"cancer_history": "in remission since 2015"}


def test_read_only_shows_the_override_without_its_buttons(section: RedFlagsSection) -> None:
    section.load(
        VisitForm(red_flags={"fever": "present"}, red_flag_overrides={"fever": "afebrile on arrival"})
    )
    section.set_read_only(True)

    row = row_of(section, "fever")
    assert "afebrile on arrival" in row.override_status.text()
    assert not row.remove_button.isVisible()
    assert not row.override_button.isVisible()


def test_the_override_controls_are_named(qtbot: QtBot, section: RedFlagsSection) -> None:
    section.load(VisitForm(red_flags={"fever": "present"}))
    click(qtbot, row_of(section, "fever").override_button)
    dialog = section.override_dialog
    assert dialog is not None

    assert controls_without_accessible_name(section) == []
    assert controls_without_accessible_name(dialog) == []
