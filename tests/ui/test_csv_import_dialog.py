"""File > Import patients from CSV…: every row previewed before anything is stored, stored only on Import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from clinic_app.accounts import SessionUser
from clinic_app.clinic import Clinic
from clinic_app.domain import Patient
from ui.patients.csv_import_dialog import CsvImportDialog
from ui.tasks import BackgroundTasks
from ui.widgets.accessibility_check import controls_without_accessible_name

from .modal import answering_modal
from .shell import (  # noqa: F401 - own_settings
    OFFSCREEN_MENUS,
    Key,
    log_in,
    logged_in_clinic,
    menu_item,
    own_settings,
    start_window,
)

HEADER = "mrn,given_name,family_name,birth_date,sex,language,phone,email"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Clinic]:
    clinic = logged_in_clinic(f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}")
    yield clinic
    clinic.database.dispose()


@pytest.fixture
def admin(clinic: Clinic) -> SessionUser:
    return clinic.user


class FilePicker:
    """Stands in for the file dialog: answers with the path the test sets (the person's choice)."""

    def __init__(self) -> None:
        self.path = ""

    def __call__(self, _parent: object) -> str:
        return self.path


def open_dialog(
    qtbot: QtBot, clinic: Clinic, user: SessionUser, picker: FilePicker
) -> tuple[CsvImportDialog, BackgroundTasks]:
    tasks = BackgroundTasks("test-database")  # as in the app: the database work runs off the UI thread
    dialog = CsvImportDialog(
        check=clinic.check_patient_csv,
        store=clinic.import_patient_csv,
        tasks=tasks,
        choose_file=picker,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, tasks


def choose(qtbot: QtBot, dialog: CsvImportDialog, picker: FilePicker, path: Path) -> None:
    picker.path = str(path)
    qtbot.mouseClick(dialog.choose_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.busy)


def preview(dialog: CsvImportDialog) -> list[tuple[str, str, str, str]]:
    model = dialog.model
    return [
        tuple(str(model.data(model.index(row, column))) for column in range(4))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_file_with_a_bad_row_is_previewed_and_nothing_can_be_imported(
    qtbot: QtBot, clinic: Clinic, admin: SessionUser, tmp_path: Path
) -> None:
    picker = FilePicker()
    dialog, tasks = open_dialog(qtbot, clinic, admin, picker)
    assert not dialog.import_button.isEnabled()  # nothing chosen yet
    path = write(
        tmp_path / "p.csv", "A-1,Ann,Lee,1970-01-02,,,,", "A-2,Bo,,1970-13-01,,,,", "A-3,Cy,Day,,,,,"
    )
    choose(qtbot, dialog, picker, path)
    assert preview(dialog) == [
        ("2", "A-1", "Ann Lee", "New patient: will be added"),
        (
            "3",
            "A-2",
            "Bo",
            'family_name: required, but empty; birth_date: expected a date as YYYY-MM-DD, got "1970-13-01"',
        ),
        ("4", "A-3", "Cy Day", "New patient: will be added"),
    ]
    assert dialog.model.line(1).problem
    assert dialog.summary.text() == "1 row with problems (2 problems), listed below."
    assert dialog.alert.isVisible()
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, LEFT)  # disabled: a click does nothing
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible()
    tasks.wait()
    assert clinic.patients.count() == 0
    assert controls_without_accessible_name(dialog) == []


def test_a_good_file_is_imported_only_when_import_is_clicked(
    qtbot: QtBot, clinic: Clinic, admin: SessionUser, tmp_path: Path
) -> None:
    clinic.patients.add(Patient(mrn="A-1", given_name="Ann", family_name="Lee"))
    picker = FilePicker()
    dialog, tasks = open_dialog(qtbot, clinic, admin, picker)
    choose(
        qtbot,
        dialog,
        picker,
        write(tmp_path / "p.csv", "a-1,Ann,Lee,,,,,", "A-2,Bo,Ray,,,,,", "A-3,Cy,Day,,,,,"),
    )
    assert [line[3] for line in preview(dialog)] == [
        "Already stored with these details: will be skipped",
        "New patient: will be added",
        "New patient: will be added",
    ]
    assert dialog.summary.text() == (
        "3 rows, no problems: 2 to add, 0 to update, 1 already stored (skipped). "
        "Nothing is stored until you choose Import."
    )
    assert not dialog.alert.isVisible()
    assert clinic.patients.count() == 1  # the preview stored nothing
    assert dialog.import_button.text() == "Import 2 patients"
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == CsvImportDialog.DialogCode.Accepted
    assert dialog.outcome is not None
    assert (dialog.outcome.added, dialog.outcome.updated, dialog.outcome.skipped) == (2, 0, 1)
    assert sorted(p.mrn for p in clinic.find_patients("")) == ["A-1", "A-2", "A-3"]
    tasks.wait()


def test_changed_details_are_a_problem_until_updating_is_ticked(
    qtbot: QtBot, clinic: Clinic, admin: SessionUser, tmp_path: Path
) -> None:
    stored = clinic.patients.add(Patient(mrn="A-1", given_name="Ann", family_name="Lee"))
    picker = FilePicker()
    dialog, tasks = open_dialog(qtbot, clinic, admin, picker)
    choose(qtbot, dialog, picker, write(tmp_path / "p.csv", "A-1,Anne,Lee,1970-01-02,,,,"))
    ((row, _mrn, _name, outcome),) = preview(dialog)
    assert row == "2"
    assert outcome.startswith("given_name: differs from the stored patient with this MRN")
    assert "birth_date: differs" in outcome
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.update_box, LEFT)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.import_button.isEnabled())
    assert preview(dialog)[0][3] == "Stored with other details: will be updated (given name, birth date)"
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert clinic.patients.get(stored.id).patient.given_name == "Anne"
    tasks.wait()


def test_a_file_that_cannot_be_read_says_so(
    qtbot: QtBot, clinic: Clinic, admin: SessionUser, tmp_path: Path
) -> None:
    picker = FilePicker()
    dialog, tasks = open_dialog(qtbot, clinic, admin, picker)
    choose(qtbot, dialog, picker, tmp_path / "missing.csv")
    assert dialog.alert.isVisible()
    assert dialog.alert.text() == f"cannot read {tmp_path / 'missing.csv'}: no such file"
    assert not dialog.import_button.isEnabled()
    (tmp_path / "latin.csv").write_bytes("mrn,given_name,family_name\nA-1,José,Ruiz\n".encode("latin-1"))
    choose(qtbot, dialog, picker, tmp_path / "latin.csv")
    assert preview(dialog)[0][3].startswith("not UTF-8 text (byte 0xe9")
    assert not dialog.import_button.isEnabled()
    tasks.wait()


@OFFSCREEN_MENUS
@pytest.mark.usefixtures("own_settings")
def test_the_file_menu_opens_the_import_for_the_logged_in_account(qtbot: QtBot, tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    window = start_window(qtbot, url, login=False)
    assert window.actions_by_name["import_patients"] in window.menus["fileMenu"].actions()
    assert not window.actions_by_name["import_patients"].isEnabled()  # nobody logged in yet
    log_in(qtbot, window)
    assert window.actions_by_name["import_patients"].isEnabled()
    seen: list[str] = []

    def cancel(dialog: QWidget) -> None:
        seen.append(dialog.windowTitle())
        assert isinstance(dialog, CsvImportDialog)
        qtbot.mouseClick(dialog.cancel_button, LEFT)

    with answering_modal(qtbot, cancel):
        menu_item(qtbot, Key.Key_F, Key.Key_M)
    assert seen == ["Import patients from CSV"]
