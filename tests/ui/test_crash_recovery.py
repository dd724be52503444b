"""Never lose work: kill the real app mid-visit (SIGKILL, no chance to save on the way out), start again.

crash_driver.py runs the real window, with its real background lanes, in a subprocess on a
database of this test's own. It records a visit, including a red flag answered Yes, a value that is
not a number (which the triage must leave out, never the red flag with it) and a note with quotes
and a new line, waits for "Saved" and says READY. The test kills it and checks that what was typed
comes back exactly: from the storage, and in a fresh window, which reopens the visit by itself,
shows the referral, prints the referral letter and finishes the visit without the wrong value.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.domain import ClinicProfile, DocumentSettings, Patient, ScreenId
from clinic_app.visit_form import VisitForm
from tests.ui.shell import logged_in_clinic, start_window
from ui.visit.autosave import AUTOSAVE_DELAY_MS
from ui.widgets.measurement_field import MeasurementField

from . import crash_driver
from .crash_driver import CLINICIAN, NEW_REPS, NOTE, READY, RED_FLAG, WRONG_TOE_TO_WALL
from .modal import answering_modal

DRIVER = Path(crash_driver.__file__).resolve()
ROOT = DRIVER.parents[2]
READY_TIMEOUT_S = 15.0
PATIENT = Patient(mrn="CR-7", given_name="Zoë", family_name="Núñez")
CLINIC = ClinicProfile(name="Preferred Physical Therapy", phone="623-486-3333", emergency_number="911")
NOT_USED = "Ankle mobility (knee to wall): Best toe-to-wall distance, left leg was not used"


def start_driver(url: str, patient_id: int, tmp_path: Path, stderr: IO[str]) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "CLINIC_APP_DATABASE_URL": url,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the driver's window layout and last clinician
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(patient_id)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        encoding="utf-8",
    )


def wait_for_ready(process: subprocess.Popen[str], stderr: Path) -> dict[str, Any]:
    """The driver's READY report; fails with its error output if it exits or takes too long."""
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()
    stdout = process.stdout

    def read() -> None:
        for line in stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None:
            process.kill()
            process.wait()
            raise AssertionError(
                f"the driver never said {READY} (exit status {process.returncode}):\n"
                + stderr.read_text(encoding="utf-8", errors="replace")
            )
        if line.startswith(READY + " "):
            report: dict[str, Any] = json.loads(line.removeprefix(READY + " "))
            return report


def kill_hard(process: subprocess.Popen[str]) -> None:
    """SIGKILL: no close event, no last save, as when the computer loses power or the app is killed."""
    kill = getattr(signal, "SIGKILL", None)
    if kill is None:  # Windows: TerminateProcess is as abrupt
        process.kill()
    else:
        os.kill(process.pid, kill)
    assert process.wait(timeout=10) != 0


def test_a_killed_app_gives_back_the_visit_exactly_as_typed_and_the_red_flag_works(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    setup = logged_in_clinic(url)
    patient_id = setup.patients.add(PATIENT).id
    setup.save_settings(CLINIC, DocumentSettings(), 10)
    stderr = tmp_path / "driver.stderr"

    with (
        stderr.open("w", encoding="utf-8") as errors,
        start_driver(url, patient_id, tmp_path, errors) as process,
    ):
        try:
            report = wait_for_ready(process, stderr)
        finally:
            if process.poll() is None:
                kill_hard(process)
    typed = VisitForm.from_json(report["form"])

    # What the driver typed, as the test expects it: the wrong value and the note are kept as they are.
    assert typed.clinician == CLINICIAN
    assert typed.date == dt.date.today().isoformat()
    assert [(c.region, c.side, c.pain, c.note) for c in typed.complaints] == [("knee", "left", "6", NOTE)]
    assert typed.screenings == {
        "ankle_mobility": {
            "left.knee_touches_wall": "false",
            "left.heel_lifted": "true",
            "left.toe_to_wall_cm": WRONG_TOE_TO_WALL,
        }
    }
    assert typed.red_flags[RED_FLAG] == "present"
    assert {answer for flag, answer in typed.red_flags.items() if flag != RED_FLAG} == {"absent"}
    assert typed.plan is not None
    assert (typed.plan[0].exercise, typed.plan[0].reps) == ("calf_stretch_wall_bent_knee", NEW_REPS)
    # Saved off the UI thread, and soon: the debounce is under a second (the run's own time is reported).
    assert report["draft_saves"] >= 1
    assert report["draft_saves_on_ui_thread"] == 0
    assert AUTOSAVE_DELAY_MS <= 1000
    assert report["seconds_to_saved"] < 5, report

    # The storage: the draft is the form exactly, and it is the visit to restore at start-up.
    clinic = logged_in_clinic(url)
    assert clinic.session_state().draft_visit_id == report["visit_id"]
    opened = clinic.open_visit(report["visit_id"])
    assert opened.restored_from_draft
    assert opened.form == typed
    assert opened.form.complaints[0].note == NOTE  # quotes, "ë" and the new line, byte for byte

    # A fresh window reopens that visit by itself, "abc" still in its field, marked as wrong, and the
    # referral as it was: the wrong value is left out of the triage, never the red flag with it.
    window = start_window(qtbot, url, size=None, activate=False)
    # The database opens just after the window first shows, then the draft's visit is reopened.
    qtbot.waitUntil(lambda: window.editor is not None, timeout=5000)
    editor = window.editor
    assert editor is not None, "the visit with a draft was not reopened"
    assert editor.stored.id == report["visit_id"]
    assert editor.form == typed
    ankle = editor.screening.card(ScreenId.ANKLE_MOBILITY)
    toe = ankle.inputs["left.toe_to_wall_cm"]
    assert isinstance(toe, MeasurementField)
    assert toe.value() == WRONG_TOE_TO_WALL
    problem = ankle.errors["left.toe_to_wall_cm"]
    assert not problem.isHidden()
    assert problem.text() == f'expected a number of centimetres from 0 to 30, got "{WRONG_TOE_TO_WALL}"'
    assert editor.complaints.rows[0].note.note() == NOTE
    reps = editor.plan.table().slot(0).doses["reps"]
    assert isinstance(reps, QLineEdit)
    assert reps.text() == NEW_REPS
    assert editor.clinician_edit.text() == CLINICIAN
    assert "Restored" in window.statusBar().currentMessage()
    triage = editor.triage_panel.text()
    assert "No triage yet" not in triage
    assert "REFER — WITHIN A WEEK" in triage
    assert "Past history of cancer" in triage
    assert f'{NOT_USED}: expected a number of centimetres from 0 to 30, got "{WRONG_TOE_TO_WALL}".' in triage

    # The banner on the checklist (Alt+2).
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    banner = editor.red_flags.banner
    assert banner.isVisible()
    assert "Refer" in banner.title.text()

    # The referral letter prints (Alt+5, then Save as PDF), made without the wrong value, which it names.
    qtbot.keyClick(focused(), Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    preview = editor.preview
    qtbot.waitUntil(lambda: preview.page_count > 0)
    assert preview.message.text().startswith("Referral letter")
    assert preview.notice.isVisible()
    assert NOT_USED in preview.notice.text()
    saved = tmp_path / "letter.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(saved), "PDF documents (*.pdf)"))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    letter = "\n".join(page.extract_text() for page in PdfReader(saved).pages)
    assert "Cancer in the past" in letter
    assert "911" in letter

    # Finishing names what is left out, and signs the visit without it.
    listed: list[str] = []

    def finish_without_it(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        listed.append(box.text() + "\n" + box.informativeText())
        button = next(b for b in box.buttons() if b.text() == "&Finish without it")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    with answering_modal(qtbot, finish_without_it):
        qtbot.mouseClick(editor.finish_button, Qt.MouseButton.LeftButton)
    assert "1 entry is not valid and will be left out" in listed[0]
    assert NOT_USED in listed[0]
    assert editor.read_only
    signed = logged_in_clinic(url).visits.load(report["visit_id"]).visit
    assert signed.red_flags == (RED_FLAG,)
    assert signed.screenings.ankle_mobility is not None
    assert signed.screenings.ankle_mobility.left is not None
    assert signed.screenings.ankle_mobility.left.toe_to_wall_cm is None
    assert signed.screenings.ankle_mobility.left.heel_lifted is True
    assert "REFER — WITHIN A WEEK" in editor.triage_panel.text()
    assert toe.value() == ""  # the finished visit shows what was signed
    assert ankle.errors["left.toe_to_wall_cm"].isHidden()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget
