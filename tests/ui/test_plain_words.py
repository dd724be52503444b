"""Every message the visit form can produce reaches the therapist in words: no document path, no id.

Each case below puts wrong values into one field of the visit form (every field of VisitForm, every
field of a complaint and of an exercise of the plan, every screening field), opens it in a real
VisitEditor as a reopened draft is, and reads everything the therapist can read: each section's
labels and messages, the triage panel, the Print tab, and the message box Finish opens. None may
show a `[`, a dotted document path or a raw id (snake_case, test/side/code).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.clinic import Clinic
from clinic_app.domain import Patient
from clinic_app.visit_form import Answer, ComplaintEntry, PlanEntry, VisitForm
from tests.ui.shell import logged_in_clinic
from ui.visit.editor import VisitEditor
from ui.visit.screening_cards import FIELD_LABELS

from .editors import open_visit_editor
from .modal import answering_modal

FLAGS = list(load_catalogue().red_flags)
ALL_NO: dict[str, Answer] = dict.fromkeys(FLAGS, "absent")
PATIENT = Patient(mrn="W-1", given_name="Ana", family_name="Ruiz", birth_date=dt.date(1950, 3, 1))
LONG_NOTE = "n" * 4001
STRETCH = "calf_stretch_wall_bent_knee"


def dose(**wrong: str) -> PlanEntry:
    return dataclasses.replace(PlanEntry(STRETCH, "left", "30", "3", "1", "2"), **wrong)


# Each case: (name, the form's fields with wrong values). Values are what a therapist could have
# typed, or what an old or hand-edited draft could hold; none has an underscore or a bracket, so
# anything of the kind on screen came from the app.
CASES: list[tuple[str, dict[str, object]]] = [
    ("date", {"date": ""}),
    ("date-wrong", {"date": "2026-13-45"}),
    ("clinician", {"clinician": "x" * 201}),
    (
        "complaints",
        {
            "complaints": [
                ComplaintEntry(),
                ComplaintEntry("elbow", "front", "11", ""),
                ComplaintEntry("knee", "central", "-3", LONG_NOTE),
                ComplaintEntry("neck", "", "six", ""),
            ]
        },
    ),
    ("red-flags", {"red_flags": {**ALL_NO, "gone": "present"}}),
    (
        "overrides",
        {"red_flags": {**ALL_NO, "cancer_history": "present"}, "red_flag_overrides": {"cancer_history": " "}},
    ),
    (
        "overrides-not-in-force",
        {
            "red_flags": {**ALL_NO, "cancer_history": "present", "saddle_numbness": "present"},
            "red_flag_overrides": {"cancer_history": "treated 2009", "fever": "no fever today"},
        },
    ),
    (
        "screenings-choices",
        {
            "screenings": {
                "shoulder_height": {"result": "sideways", "difference_cm": "11"},
                "head_posture": {"result": "tilted", "craniovertebral_angle_deg": "200"},
                "hip_mobility": {
                    "left.knee_bent_when_raised": "maybe",
                    "left.foot_turned_out_when_resting": "perhaps",
                    "left.resting_leg_lifted": "sometimes",
                    "left.raised_angle_deg": "abc",
                    "left.fms_score": "7",
                    "right.bogus": "1",
                },
                "ankle_mobility": {
                    "left.knee_touches_wall": "nearly",
                    "left.heel_lifted": "a bit",
                    "left.toe_to_wall_cm": "abc",
                    "right.toe_to_wall_cm": "-1",
                },
                "pelvic_height": {"difference_cm": "2"},
                "balance": {"result": "poor"},
            }
        },
    ),
    (
        "plan",
        {
            "red_flags": dict(ALL_NO),
            "plan": [
                PlanEntry("no such exercise", "left", "30", "3", "1", "2"),
                dose(side="front"),
                dose(hold_s="999"),
                dose(reps=""),
                dose(sets="x"),
                dose(per_day="0"),
                dose(note=LONG_NOTE),
                PlanEntry("", "", "", "", "", ""),
            ],
        },
    ),
]

# A raw id (snake_case), a document path (screenings.x, complaints[0], red_flag_overrides) or a
# finding id (test/side/code). "e.g." is English, not a path.
RAW = re.compile(r"\[|\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+\.[a-z]+\b(?<!e\.g)|\w+/\w+/\w+")


def test_the_cases_cover_every_field_of_the_form() -> None:
    given = {name for _, fields in CASES for name in fields}
    assert given == {f.name for f in dataclasses.fields(VisitForm)}
    complaint = next(fields for name, fields in CASES if name == "complaints")["complaints"]
    assert isinstance(complaint, list)
    assert {
        f.name for f in dataclasses.fields(ComplaintEntry) if any(getattr(c, f.name) for c in complaint)
    } == {f.name for f in dataclasses.fields(ComplaintEntry)}
    plan = next(fields for name, fields in CASES if name == "plan")["plan"]
    assert isinstance(plan, list)
    wrong = {
        f.name
        for f in dataclasses.fields(PlanEntry)
        for p in plan[1:7]
        if getattr(p, f.name) != getattr(dose(), f.name)
    }
    assert wrong | {"exercise"} == {f.name for f in dataclasses.fields(PlanEntry)}
    screenings = next(fields for name, fields in CASES if name == "screenings-choices")["screenings"]
    assert isinstance(screenings, dict)
    keys = {key.rpartition(".")[2] for values in screenings.values() for key in values}
    assert set(FIELD_LABELS) <= keys


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    return logged_in_clinic(f"sqlite:///{tmp_path / 'words.db'}")


def open_editor(qtbot: QtBot, clinic: Clinic, form: VisitForm) -> VisitEditor:
    return open_visit_editor(qtbot, clinic, form, PATIENT, clinician="", activate=False)


def readable_text(editor: VisitEditor) -> Iterator[str]:
    """Everything the therapist can read on each tab of the editor, and the triage panel."""
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        for label in editor.findChildren(QLabel):
            if label.isVisible() and label.text():
                yield label.text()
    yield editor.triage_panel.text()


@pytest.mark.parametrize(("name", "fields"), CASES, ids=[name for name, _ in CASES])
def test_every_message_the_form_can_produce_is_in_words(
    qtbot: QtBot, clinic: Clinic, name: str, fields: dict[str, object]
) -> None:
    form = VisitForm(**{"date": "2026-11-25", **fields})  # type: ignore[arg-type]
    editor = open_editor(qtbot, clinic, form)
    finish_box: list[str] = []

    def read_and_go_back(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        finish_box.append(f"{box.text()}\n{box.informativeText()}")
        back = next(
            (b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole),
            box.buttons()[0],
        )
        qtbot.mouseClick(back, Qt.MouseButton.LeftButton)

    with answering_modal(qtbot, read_and_go_back):
        qtbot.mouseClick(editor.finish_button, Qt.MouseButton.LeftButton)

    shown = [*readable_text(editor), *finish_box]
    assert editor.evaluation.problems or "in force" in finish_box[0], f"{name}: it should say what is wrong"
    found = [(RAW.findall(text), text) for text in shown if RAW.search(text)]
    assert found == []
    assert not editor.read_only
