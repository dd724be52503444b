"""Two computers on one visit: the second save is refused, and the therapist can reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clinic_app.clinic import Clinic, OpenedVisit
from clinic_app.visit_form import ComplaintEntry
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES
from tests.ui.shell import logged_in_clinic
from ui.tasks import SynchronousTasks
from ui.visit.editor import VisitEditor

EXAMPLE = EXAMPLES / "knee-left-tight-calf.visit.json"


def editor_for(clinic: Clinic, opened: OpenedVisit, qtbot: QtBot) -> VisitEditor:
    editor = VisitEditor(
        patient=opened.patient.patient,
        stored=opened.stored,
        form=opened.form,
        tasks=SynchronousTasks(),
        save_draft=clinic.save_draft,
        finish=clinic.finish_visit,
        render_tasks=SynchronousTasks(),
    )
    qtbot.addWidget(editor)
    return editor


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    return logged_in_clinic(f"sqlite:///{tmp_path / 'shared.db'}")


def test_the_second_computer_is_told_and_can_reload(clinic: Clinic, qtbot: QtBot) -> None:
    visit = parse_visit_document(EXAMPLE.read_text(encoding="utf-8"))
    patient = clinic.patients.add(visit.patient)
    visit_id = clinic.start_visit(patient.id, visit.visit.date).stored.id
    first = editor_for(clinic, clinic.open_visit(visit_id), qtbot)
    second = editor_for(clinic, clinic.open_visit(visit_id), qtbot)
    asked: list[str] = []

    def answer_reload(message: str) -> bool:
        asked.append(message)
        return True

    second.ask_reload = answer_reload  # type: ignore[method-assign]

    first.form.complaints.append(ComplaintEntry("knee", "left", "6", "from room 1"))
    first._changed()
    first.save_now()
    second.form.complaints.append(ComplaintEntry("neck", "central", "3", "from room 2"))
    second._changed()
    with qtbot.waitSignal(second.reload_requested) as reload:
        second.save_now()

    assert reload.args == [visit_id]
    assert asked
    assert visit_id in asked[0]
    assert second.status_label.text() == "Not saved: changed on another computer"
    reopened = clinic.open_visit(visit_id)
    assert [c.note for c in reopened.form.complaints] == ["from room 1"]
