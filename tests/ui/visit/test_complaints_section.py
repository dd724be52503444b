"""The complaints section: body chart, complaint rows, and their round trip through the form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic_app.visit_form import ComplaintEntry, VisitForm
from ui.visit import body_chart
from ui.visit.body_chart import BodyChart
from ui.visit.complaints_section import ComplaintsSection
from ui.widgets.accessibility_check import controls_without_accessible_name

from .conftest import EXAMPLE_FILES, EXAMPLES, problems_of, tab_chain

TRICKY_NOTE = 'says "it clicks"\nworse on stairs\u00a0& at night\r\nsecond line 😣'


@pytest.fixture
def section(qtbot: QtBot) -> ComplaintsSection:
    widget = ComplaintsSection()
    qtbot.addWidget(widget)
    widget.resize(800, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(section: ComplaintsSection) -> list[ComplaintEntry]:
    form = VisitForm()
    section.store(form)
    return form.complaints


def loaded(section: ComplaintsSection, *entries: ComplaintEntry) -> ComplaintsSection:
    section.load(VisitForm(complaints=list(entries)))
    return section


def click_region(qtbot: QtBot, chart: BodyChart, view: str, element_id: str) -> QPoint:
    point = chart.region_centre(view, element_id)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point)
    return point


def test_the_shared_examples_are_there() -> None:
    assert len(EXAMPLE_FILES) >= 3, f"no examples found in {EXAMPLES}"


def test_loading_and_storing_gives_the_same_complaints(
    qtbot: QtBot, section: ComplaintsSection, example_form: VisitForm
) -> None:
    with qtbot.assertNotEmitted(section.changed):
        section.load(example_form)

    assert stored(section) == example_form.complaints
    assert len(section.rows) == len(example_form.complaints)


def test_notes_and_unlisted_values_come_back_exactly(section: ComplaintsSection) -> None:
    entries = [
        ComplaintEntry("knee", "left", "6", TRICKY_NOTE),
        ComplaintEntry("elbow", "front", "", ""),  # from an old draft: kept, and validation points at it
    ]
    loaded(section, *entries)

    assert stored(section) == entries


def test_typing_a_pain_score_is_an_edit_that_lands_in_the_form(
    qtbot: QtBot, section: ComplaintsSection
) -> None:
    loaded(section, ComplaintEntry("knee", "left", "", ""))
    pain = section.rows[0].pain
    assert (pain.text(), pain.placeholderText()) == ("", "not rated")
    pain.setFocus()

    with qtbot.waitSignal(section.changed):
        qtbot.keyClicks(pain, "7")

    assert stored(section)[0].pain == "7"


def test_typing_a_note_keeps_every_character(qtbot: QtBot, section: ComplaintsSection) -> None:
    loaded(section, ComplaintEntry("knee", "left", "3", ""))
    note = section.rows[0].note

    with qtbot.waitSignal(section.changed):
        qtbot.keyClicks(note, 'said "sharp"')
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.keyClicks(note, "on stairs")

    assert stored(section)[0].note == 'said "sharp"\non stairs'


def test_central_is_offered_only_for_midline_regions(qtbot: QtBot, section: ComplaintsSection) -> None:
    row = loaded(section, ComplaintEntry("neck", "central", "4", "")).rows[0]
    assert row.side.choice_values() == ["central", "left", "right", "both"]
    row.region.setFocus()

    with qtbot.waitSignal(section.changed):
        row.region.setCurrentIndex(row.region.findData("knee"))  # as a choice from the list does

    assert row.side.choice_values() == ["left", "right", "both"]
    assert stored(section)[0] == ComplaintEntry(
        "knee", "", "4", ""
    )  # central no longer allowed: choose again


def test_a_side_allowed_in_both_regions_is_kept(qtbot: QtBot, section: ComplaintsSection) -> None:
    row = loaded(section, ComplaintEntry("low_back", "left", "", "")).rows[0]
    row.region.setFocus()

    qtbot.keyClick(row.region, Qt.Key.Key_Down)  # low back -> hip

    assert stored(section)[0] == ComplaintEntry("hip", "left", "", "")


def test_clicking_the_front_view_uses_the_patients_side(qtbot: QtBot, section: ComplaintsSection) -> None:
    chart = section.chart
    front = chart.figure_rect("front")

    with qtbot.waitSignal(section.changed):
        point = click_region(qtbot, chart, "front", "knee_left")

    assert point.x() > front.center().x()  # the patient's left is on the viewer's right
    assert stored(section) == [ComplaintEntry("knee", "left", "", "")]
    assert QApplication.focusWidget() is section.rows[0].pain  # the pain score is asked next


def test_clicking_the_back_view_uses_the_patients_side(qtbot: QtBot, section: ComplaintsSection) -> None:
    chart = section.chart
    back = chart.figure_rect("back")

    point = click_region(qtbot, chart, "back", "knee_left")

    assert point.x() < back.center().x()
    assert stored(section) == [ComplaintEntry("knee", "left", "", "")]


def test_midline_regions_are_central_and_the_groin_centre_both(
    qtbot: QtBot, section: ComplaintsSection
) -> None:
    click_region(qtbot, section.chart, "back", "low_back")
    click_region(qtbot, section.chart, "front", "neck")
    click_region(qtbot, section.chart, "front", "groin")

    assert [(c.region, c.side) for c in stored(section)] == [
        ("low_back", "central"),
        ("neck", "central"),
        ("groin", "both"),
    ]


def test_clicking_a_listed_region_selects_its_row(qtbot: QtBot, section: ComplaintsSection) -> None:
    loaded(section, ComplaintEntry("neck", "central", "5", ""), ComplaintEntry("knee", "both", "3", ""))

    with qtbot.assertNotEmitted(section.changed):
        click_region(qtbot, section.chart, "front", "knee_right")

    assert len(section.rows) == 2
    assert QApplication.focusWidget() is section.rows[1].pain


def test_hovering_says_what_a_click_would_do(qtbot: QtBot, section: ComplaintsSection) -> None:
    loaded(section, ComplaintEntry("knee", "both", "3", ""))
    chart = section.chart

    hover(chart, chart.region_centre("front", "shoulder_left"))
    assert chart.hint() == "Shoulder pain (left) — click to add it"
    hover(chart, chart.region_centre("back", "knee_right"))
    assert chart.hint() == "Knee pain (right) — click to select it"


def hover(chart: BodyChart, point: QPoint) -> None:
    # Straight to the widget: a scaled offscreen screen is smaller than the window, and a move
    # through the window system to a point off that screen would arrive as the mouse leaving.
    position = QPointF(point)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        position,
        chart.mapToGlobal(position),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(chart, event)


def test_the_chart_works_without_the_drawn_svgs(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body_chart, "_renderer_for", lambda _name: None)
    section = ComplaintsSection()
    qtbot.addWidget(section)
    section.resize(800, 900)
    section.show()
    qtbot.waitExposed(section)

    point = click_region(qtbot, section.chart, "front", "shoulder_right")

    assert point.x() < section.chart.figure_rect("front").center().x()
    assert stored(section) == [ComplaintEntry("shoulder", "right", "", "")]


def test_listed_regions_are_drawn_highlighted(section: ComplaintsSection) -> None:
    loaded(section, ComplaintEntry("knee", "left", "", ""))
    chart = section.chart
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()

    def colour_at(view: str, element_id: str) -> tuple[int, int, int]:
        point = chart.region_centre(view, element_id)
        colour = image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))
        return colour.red(), colour.green(), colour.blue()

    red, green, _ = colour_at("front", "knee_left")
    assert red > green + 40  # tinted red
    red, green, _ = colour_at("front", "knee_right")
    assert abs(red - green) < 40  # not tinted


def test_add_complaint_adds_a_blank_row_and_problems_show_under_it(
    qtbot: QtBot, section: ComplaintsSection
) -> None:
    loaded(section, ComplaintEntry("knee", "left", "6", ""))

    with qtbot.waitSignal(section.changed):
        qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)

    form = VisitForm(date="2026-11-25")
    section.store(form)
    assert form.complaints[1] == ComplaintEntry()
    assert QApplication.focusWidget() is section.rows[1].region
    # An empty new row is not an error while the therapist is still on it...
    section.show_problems(problems_of(form))
    assert not section.rows[0].error.isVisible()
    assert not section.rows[1].error.isVisible()
    # ...only once they leave it.
    with qtbot.waitSignal(section.problems_revealed):
        qtbot.mouseClick(section.rows[0].note, Qt.MouseButton.LeftButton)
    assert section.rows[1].error.isVisible()
    assert section.rows[1].error.text() == "Choose where it hurts.\nChoose a side."

    section.show_problems([])
    assert not section.rows[1].error.isVisible()


def test_the_keyboard_within_a_new_row_does_not_count_as_leaving_it(
    qtbot: QtBot, section: ComplaintsSection
) -> None:
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    row = section.rows[0]
    form = VisitForm(date="2026-11-25")
    section.store(form)
    section.show_problems(problems_of(form))

    with qtbot.assertNotEmitted(section.problems_revealed):
        qtbot.keyClick(row.region, Qt.Key.Key_Tab)
        qtbot.keyClick(row.side, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is row.pain
    assert not row.error.isVisible()
    qtbot.keyClick(row.pain, Qt.Key.Key_Tab)
    qtbot.keyClick(row.note, Qt.Key.Key_Tab)  # the note takes Tab as a move, not a character
    qtbot.keyClick(row.remove, Qt.Key.Key_Tab)  # to "Add complaint": the row is left
    assert QApplication.focusWidget() is section.add_button
    assert row.error.isVisible()


def test_after_a_body_chart_click_typing_gives_the_pain_score(
    qtbot: QtBot, section: ComplaintsSection
) -> None:
    click_region(qtbot, section.chart, "front", "knee_left")
    pain = section.rows[0].pain
    assert QApplication.focusWidget() is pain

    qtbot.keyClicks(pain, "7")

    assert stored(section) == [ComplaintEntry("knee", "left", "7", "")]
    # Clicking the listed region again selects the score, so typing replaces it.
    click_region(qtbot, section.chart, "front", "knee_left")
    qtbot.keyClicks(QApplication.focusWidget(), "4")
    assert stored(section)[0].pain == "4"


@pytest.mark.parametrize("typed", ["11", "-3", "10.5", "six"])
def test_a_pain_score_out_of_range_stays_as_typed_with_a_message(
    qtbot: QtBot, section: ComplaintsSection, typed: str
) -> None:
    loaded(section, ComplaintEntry("knee", "left", "", ""))
    row = section.rows[0]
    row.pain.setFocus()

    qtbot.keyClicks(row.pain, typed)
    form = VisitForm(date="2026-11-25")
    section.store(form)
    section.show_problems(problems_of(form))

    assert row.pain.text() == typed
    assert form.complaints[0].pain == typed
    assert row.error.isVisible()
    assert row.error.text() == f'Pain: expected a whole number from 0 to 10, got "{typed}"'
    assert "border" in row.pain.styleSheet()  # the box itself is marked


def test_up_and_down_step_the_pain_score_within_0_to_10(qtbot: QtBot, section: ComplaintsSection) -> None:
    loaded(section, ComplaintEntry("knee", "left", "9", ""))
    pain = section.rows[0].pain
    pain.setFocus()

    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(pain, Qt.Key.Key_Up)
    qtbot.keyClick(pain, Qt.Key.Key_Up)
    assert pain.text() == "10"
    for _ in range(11):
        qtbot.keyClick(pain, Qt.Key.Key_Down)
    assert stored(section)[0].pain == "0"


def test_remove_takes_the_row_out_and_renumbers(qtbot: QtBot, section: ComplaintsSection) -> None:
    loaded(section, ComplaintEntry("neck", "central", "5", ""), ComplaintEntry("head", "central", "4", ""))

    with qtbot.waitSignal(section.changed):
        qtbot.mouseClick(section.rows[0].remove, Qt.MouseButton.LeftButton)

    assert stored(section) == [ComplaintEntry("head", "central", "4", "")]
    assert section.rows[0].remove.accessibleName() == "Remove complaint 1"
    assert QApplication.focusWidget() is section.rows[0].region


def test_read_only_keeps_values_readable_but_unchangeable(qtbot: QtBot, section: ComplaintsSection) -> None:
    loaded(section, ComplaintEntry("knee", "left", "6", "stairs"))
    section.set_read_only(True)
    row = section.rows[0]

    assert row.pain.isReadOnly()
    assert row.note.isReadOnly()
    assert row.region.is_read_only()
    assert row.region.isEnabled()  # still focusable and readable
    assert row.pain.isEnabled()
    assert not row.remove.isEnabled()
    assert not section.add_button.isEnabled()
    with qtbot.assertNotEmitted(section.changed):
        row.region.setFocus()
        qtbot.keyClick(row.region, Qt.Key.Key_Down)
        click_region(qtbot, section.chart, "front", "neck")
    assert stored(section) == [ComplaintEntry("knee", "left", "6", "stairs")]


def test_every_control_has_a_name_and_tab_goes_row_by_row(qtbot: QtBot, section: ComplaintsSection) -> None:
    loaded(section, ComplaintEntry("neck", "central", "5", ""), ComplaintEntry("knee", "left", "", ""))

    assert controls_without_accessible_name(section) == []
    first, second = section.rows
    expected = [*first.widgets(), *second.widgets(), section.add_button]
    assert tab_chain(qtbot, first.region, len(expected)) == expected
