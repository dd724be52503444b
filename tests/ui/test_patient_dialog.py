"""The patient dialog: builds a valid Patient, shows each problem by its field, never loses typing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from clinic_app.domain import Language, Patient, Sex
from clinic_app.errors import ClinicError, InvalidInput, Problem
from ui.patients.patient_dialog import PatientDialog, age_on, parse_birth_date
from ui.tasks import BackgroundTasks
from ui.widgets.accessibility_check import controls_without_accessible_name

# Qt's offscreen platform says this each time a window is shown; it is about the platform, not us.

TODAY = dt.date(2026, 11, 25)


class SaveSpy:
    """The save callback: records what it was given, or fails as the store would."""

    def __init__(self, error: Exception | None = None) -> None:
        self.saved: list[Patient] = []
        self.error = error

    def __call__(self, patient: Patient) -> str:
        if self.error is not None:
            raise self.error
        self.saved.append(patient)
        return f"stored {patient.mrn}"


def open_dialog(qtbot: QtBot, save: SaveSpy, patient: Patient | None = None) -> PatientDialog:
    dialog = PatientDialog(save=save, patient=patient, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(qtbot: QtBot, dialog: PatientDialog, **typed: str) -> None:
    for name, text in typed.items():
        field = getattr(dialog, name)
        if text.isascii():
            qtbot.keyClicks(field, text)
        else:
            field.insert(text)  # QTest types ASCII only; insert() is what an input method does


def press_ok(qtbot: QtBot, dialog: PatientDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_valid_input_is_saved_as_a_patient(qtbot: QtBot) -> None:
    save = SaveSpy()
    dialog = open_dialog(qtbot, save)
    fill(qtbot, dialog, mrn="A-1001", given_name="Zoë", family_name="Núñez", birth_date="1961-04-02")
    fill(qtbot, dialog, phone="623-486-3333", email="zoe@example.com")
    dialog.sex.setCurrentIndex(dialog.sex.findData("female"))
    dialog.language.setCurrentIndex(dialog.language.findData("es"))

    press_ok(qtbot, dialog)

    assert save.saved == [
        Patient(
            mrn="A-1001",
            given_name="Zoë",
            family_name="Núñez",
            birth_date=dt.date(1961, 4, 2),
            sex=Sex.FEMALE,
            language=Language.ES,
            phone="623-486-3333",
            email="zoe@example.com",
        )
    ]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value == "stored A-1001"
    assert dialog.saved_patient == save.saved[0]


def test_blank_optional_fields_are_not_recorded(qtbot: QtBot) -> None:
    save = SaveSpy()
    dialog = open_dialog(qtbot, save)
    fill(qtbot, dialog, mrn="A-2", given_name="Ana", family_name="Ruiz")

    press_ok(qtbot, dialog)

    assert save.saved == [Patient(mrn="A-2", given_name="Ana", family_name="Ruiz")]


def test_an_empty_family_name_is_shown_next_to_it_and_the_rest_is_kept(qtbot: QtBot) -> None:
    save = SaveSpy()
    dialog = open_dialog(qtbot, save)
    fill(qtbot, dialog, mrn="A-1001", given_name="Zoë", family_name="   ", birth_date="1961-04-02")

    press_ok(qtbot, dialog)

    assert save.saved == []
    assert dialog.isVisible()
    assert dialog.field_error("family_name").isVisible()
    assert dialog.field_error("family_name").text() == "must not be empty"
    assert not dialog.field_error("mrn").isVisible()
    assert (dialog.mrn.text(), dialog.given_name.text(), dialog.birth_date.text()) == (
        "A-1001",
        "Zoë",
        "1961-04-02",
    )
    assert dialog.focusWidget() is dialog.family_name


def test_an_mrn_already_used_is_shown_next_to_the_mrn(qtbot: QtBot) -> None:
    clash = InvalidInput([Problem("mrn", "A-1001 already belongs to another patient")])
    dialog = open_dialog(qtbot, SaveSpy(error=clash))
    fill(qtbot, dialog, mrn="A-1001", given_name="Zoë", family_name="Núñez")

    press_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.field_error("mrn").text() == "A-1001 already belongs to another patient"
    assert dialog.field_error("mrn").isVisible()
    assert dialog.mrn.text() == "A-1001"


def test_a_path_with_the_patient_prefix_finds_its_field_too(qtbot: QtBot) -> None:
    clash = InvalidInput([Problem("patient.mrn", "taken")])
    dialog = open_dialog(qtbot, SaveSpy(error=clash))
    fill(qtbot, dialog, mrn="A-1", given_name="Zoë", family_name="Núñez")

    press_ok(qtbot, dialog)

    assert dialog.field_error("mrn").text() == "taken"


def test_a_problem_without_a_field_of_its_own_is_named_in_words_under_the_form(qtbot: QtBot) -> None:
    odd = InvalidInput([Problem("patient.care_team", "expected one of 'hand_team', 'spine_team', got \"x\"")])
    dialog = open_dialog(qtbot, SaveSpy(error=odd))
    fill(qtbot, dialog, mrn="A-1", given_name="Zoë", family_name="Núñez")

    press_ok(qtbot, dialog)

    assert (
        dialog.field_error("").text() == "Care team: “x” is not one of the choices: choose one from the list."
    )


def test_another_failure_of_the_save_is_shown_under_the_form(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, SaveSpy(error=ClinicError("The database is locked; try again.")))
    fill(qtbot, dialog, mrn="A-1", given_name="Zoë", family_name="Núñez")

    press_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.field_error("mrn").text() == ""
    assert dialog.field_error("").text() == "The database is locked; try again."


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1961-13-02", 'expected a date as YYYY-MM-DD, got "1961-13-02"'),
        ("2. April", 'expected a date as YYYY-MM-DD, got "2. April"'),
        ("2027-01-01", "must not be in the future"),
    ],
)
def test_a_wrong_birth_date_is_shown_next_to_it(qtbot: QtBot, typed: str, message: str) -> None:
    save = SaveSpy()
    dialog = open_dialog(qtbot, save)
    fill(qtbot, dialog, mrn="A-1", given_name="Zoë", family_name="Núñez", birth_date=typed)

    press_ok(qtbot, dialog)

    assert save.saved == []
    assert dialog.field_error("birth_date").text() == message
    assert dialog.birth_date.text() == typed


def test_the_age_shows_as_the_date_is_typed(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, SaveSpy())
    assert dialog.age.text() == ""
    fill(qtbot, dialog, birth_date="1961-04-0")
    assert dialog.age.text() == "Not a date yet"
    fill(qtbot, dialog, birth_date="2")
    assert dialog.age.text() == "Age 65"


def test_birth_dates_are_read_in_the_quick_forms() -> None:
    assert parse_birth_date("19610402", TODAY) == (dt.date(1961, 4, 2), None)
    assert parse_birth_date(" 1961/04/02 ", TODAY) == (dt.date(1961, 4, 2), None)
    assert parse_birth_date("", TODAY) == (None, None)
    assert age_on(dt.date(1961, 11, 26), TODAY) == 64
    assert age_on(dt.date(1961, 11, 25), TODAY) == 65


def test_editing_without_changes_gives_the_same_patient(qtbot: QtBot) -> None:
    patient = Patient(
        mrn="A-7",
        given_name="Daniel",
        family_name="O'Brien",
        birth_date=dt.date(1970, 1, 1),
        sex=Sex.UNKNOWN,
        phone="555-0100",
    )
    save = SaveSpy()
    dialog = open_dialog(qtbot, save, patient)
    assert dialog.windowTitle() == "Edit patient"

    press_ok(qtbot, dialog)

    assert save.saved == [patient]


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, SaveSpy())
    assert controls_without_accessible_name(dialog) == []


class SlowSave:
    """A save on a real database lane that waits until the test lets it finish."""

    def __init__(self, error: Exception | None = None) -> None:
        import threading

        self.release = threading.Event()
        self.started = threading.Event()
        self.error = error
        self.saved: list[Patient] = []

    def __call__(self, patient: Patient) -> str:
        self.started.set()
        assert self.release.wait(10), "the test never let the save finish"
        if self.error is not None:
            raise self.error
        self.saved.append(patient)
        return f"stored {patient.mrn}"


@pytest.fixture
def lane() -> Iterator[BackgroundTasks]:
    tasks = BackgroundTasks("database")
    yield tasks
    tasks.wait()


def open_on_lane(qtbot: QtBot, save: SlowSave, lane: BackgroundTasks) -> PatientDialog:
    dialog = PatientDialog(save=save, today=lambda: TODAY, tasks=lane)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fill(qtbot, dialog, mrn="M-7", given_name="Ana", family_name="Núñez")
    return dialog


def test_the_window_runs_while_the_save_runs_on_the_database_lane(
    qtbot: QtBot, lane: BackgroundTasks
) -> None:
    save = SlowSave()
    dialog = open_on_lane(qtbot, save, lane)

    press_ok(qtbot, dialog)
    qtbot.waitUntil(save.started.is_set)
    assert dialog.saving
    assert dialog.isVisible()
    assert not dialog.mrn.isEnabled(), "no typing that the save in flight would not keep"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot close it away from under the save
    press_ok(qtbot, dialog)  # nor save twice
    assert dialog.isVisible()

    save.release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value == "stored M-7"
    assert [p.mrn for p in save.saved] == ["M-7"]


def test_a_save_refused_on_the_lane_shows_by_its_field_and_keeps_the_typing(
    qtbot: QtBot, lane: BackgroundTasks
) -> None:
    save = SlowSave(InvalidInput([Problem("mrn", "MRN M-7 is already in use")]))
    dialog = open_on_lane(qtbot, save, lane)

    press_ok(qtbot, dialog)
    save.release.set()
    qtbot.waitUntil(lambda: not dialog.saving)

    assert dialog.isVisible()
    assert dialog.field_error("mrn").text() == "MRN M-7 is already in use"
    assert dialog.mrn.isEnabled()
    assert dialog.mrn.hasFocus()
    assert (dialog.mrn.text(), dialog.family_name.text()) == ("M-7", "Núñez")


def test_a_database_that_fails_is_told_plainly_without_patient_details_in_the_log(
    qtbot: QtBot, lane: BackgroundTasks, caplog: pytest.LogCaptureFixture
) -> None:
    save = SlowSave(OSError("disk I/O error while writing Núñez"))
    dialog = open_on_lane(qtbot, save, lane)

    press_ok(qtbot, dialog)
    save.release.set()
    qtbot.waitUntil(lambda: not dialog.saving)

    assert "could not be saved" in dialog.field_error("").text()
    assert "What you typed is kept" in dialog.field_error("").text()
    assert dialog.isVisible()
    assert dialog.given_name.text() == "Ana"
    assert "OSError" in caplog.text
    assert "Núñez" not in caplog.text
    assert "M-7" not in caplog.text
