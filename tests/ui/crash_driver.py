"""The real app, recording a visit, waiting to be killed: run by test_crash_recovery.py in a subprocess.

    python tests/ui/crash_driver.py PATIENT_ID

It builds the window exactly as `clinic-app` does (ui.app.build_main_window: the real database and
documents lanes) on the database CLINIC_APP_DATABASE_URL names, starts a visit for the patient,
types into it like a therapist (a note with quotes and a new line, a plan change, a red flag
answered Yes, and a value that is not a number, which the triage has to leave out), waits until the
editor says "Saved", then prints one line, READY and a JSON object, and keeps running until it is
killed.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clinic_app.domain import ScreenId
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.visit.editor import VisitEditor
from ui.visit.red_flags_section import YES
from ui.widgets.measurement_field import MeasurementField
from ui.widgets.value_combo import ValueCombo

# The account the test makes (tests/clinic_app/logins.py; a script run by path cannot import tests).
ADMIN, PASSWORD = "admin", "a test password"
CLINICIAN = "Ada Admin, PT, DPT"
NOTE = 'Zoë says "it clicks" on the stairs\nand the knee swells by evening'
WRONG_TOE_TO_WALL = "abc"
NEW_REPS = "5"
RED_FLAG = "cancer_history"
READY = "READY"
LIFETIME_MS = 60_000  # never outlive a test that forgot to kill it


def pump(milliseconds: int) -> None:
    """Run the event loop for a while. (QTest.qWait would hold Python's GIL as it waits, starving the
    app's background lanes, which run Python code; QEventLoop.exec lets them run.)"""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = 15.0) -> None:
    """Run the event loop until the condition holds (the lanes deliver their results through it)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        pump(10)


def record_draft_saves(window: MainWindow, threads: list[bool]) -> None:
    """Note, for each draft save, whether it ran on the UI thread (it must not)."""
    clinic = window.clinic
    assert clinic is not None
    save = clinic.save_draft

    def recording(*args: Any) -> int:
        threads.append(threading.current_thread() is threading.main_thread())
        return save(*args)

    setattr(clinic, "save_draft", recording)  # noqa: B010 - replacing a method on this one object


def choose(combo: object, value: str) -> None:
    """Pick a choice as the user does: the combo reports it as an edit."""
    assert isinstance(combo, ValueCombo)
    combo.setCurrentIndex(combo.findData(value))


def record_visit(editor: VisitEditor) -> None:
    """What the therapist types; every step goes through the widgets, so it is autosaved as typed."""
    editor.complaints.add_button.click()
    row = editor.complaints.rows[0]
    choose(row.region, "knee")
    choose(row.side, "left")
    QTest.keyClicks(row.pain, "6")
    row.note.insertPlainText(NOTE)  # what an input method does: QTest types ASCII only
    editor.red_flags.none_button.click()
    ankle = editor.screening.card(ScreenId.ANKLE_MOBILITY)
    choose(ankle.inputs["left.knee_touches_wall"], "false")
    choose(ankle.inputs["left.heel_lifted"], "true")
    reps = editor.plan.table().slot(0).doses["reps"]
    reps.selectAll()
    QTest.keyClicks(reps, NEW_REPS)
    flag = editor.red_flags.row(RED_FLAG)
    assert flag is not None
    flag.buttons[YES].click()  # the plan stays the therapist's, kept until the flag is overridden
    toe = ankle.inputs["left.toe_to_wall_cm"]
    assert isinstance(toe, MeasurementField)
    QTest.keyClicks(toe.edit, WRONG_TOE_TO_WALL)


def main(argv: list[str]) -> int:
    patient_id = int(argv[1])
    app = QApplication(argv[:1])
    app.setApplicationName("Clinic App")
    app.setOrganizationName("Clinic App")
    QTimer.singleShot(LIFETIME_MS, app.quit)
    window = build_main_window()
    window.show()
    wait_until(lambda: window.login_page.ready, "the login")
    QTest.keyClicks(window.login_page.username, ADMIN)
    QTest.keyClicks(window.login_page.password, PASSWORD)
    window.login_page.submit_button.click()
    wait_until(lambda: window.user is not None, "the login to be checked")
    threads: list[bool] = []
    record_draft_saves(window, threads)

    window.new_visit(patient_id)
    wait_until(lambda: window.editor is not None, "the new visit")
    editor = window.editor
    assert editor is not None
    record_visit(editor)
    assert [p.path for p in editor.evaluation.left_out] == ["screenings.ankle_mobility.left.toe_to_wall_cm"]
    last_edit = time.monotonic()
    wait_until(lambda: editor.status_label.text() == "Saved" and not editor.autosave.pending, "the autosave")
    report = {
        "visit_id": editor.stored.id,
        "form": editor.form.to_json(),
        "seconds_to_saved": round(time.monotonic() - last_edit, 3),
        "draft_saves": len(threads),
        "draft_saves_on_ui_thread": sum(threads),
    }
    print(READY, json.dumps(report), flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
