"""Autosave, as the desktop does it, until killed: run by test_durability.py in a subprocess.

    python tests/clinic_app/cli/autosave_driver.py VISIT_ID

On the (encrypted) database CLINIC_APP_DATABASE_URL names, it logs in as the test's admin, opens the
visit and saves its draft again and again through the core (Clinic.save_draft: the form as typed and,
when valid, the visit itself, in one transaction), each save's complaint note a text of its own
(`note_text`). It prints READY before the first save and runs until killed (or LIFETIME_S).
"""

from __future__ import annotations

import sys
import time

from clinic_app.clinic import Clinic
from clinic_app.visit_form import ComplaintEntry, VisitForm

# The test's account (tests/clinic_app/logins.py; a script run by path does not import tests).
ADMIN, PASSWORD = "admin", "a test password"
READY = "READY"
LIFETIME_S = 60.0  # never outlive a test that forgot to kill it
NOTE_LENGTH = 3000  # long enough that a note spans pages of the database


def note_text(number: int) -> str:
    """Save number's note: its number and one letter repeated, so any mix of two saves shows."""
    letter = chr(ord("a") + number % 26)
    head = f"save {number}: "
    return head + letter * (NOTE_LENGTH - len(head))


def is_one_save(note: str) -> bool:
    """Whether a stored note is wholly one save's text (or the visit as started: no note)."""
    if note == "":
        return True
    head, _, rest = note.partition(": ")
    number = head.removeprefix("save ")
    return head.startswith("save ") and number.isdigit() and note == note_text(int(number)) and bool(rest)


def main(visit_id: str) -> None:
    clinic = Clinic.open()
    clinic.log_in(ADMIN, PASSWORD)
    opened = clinic.open_visit(visit_id)
    patient, version = opened.patient.patient, opened.stored.version
    print(READY, flush=True)
    started, number = time.monotonic(), 0
    while time.monotonic() - started < LIFETIME_S:
        number += 1
        form = VisitForm(
            date=opened.form.date,
            clinician=opened.form.clinician,
            complaints=[ComplaintEntry("knee", "left", str(number % 11), note_text(number))],
            red_flags=opened.form.red_flags,
        )
        version = clinic.save_draft(visit_id, form.to_json(), form.to_visit(patient, visit_id), version)


if __name__ == "__main__":
    main(sys.argv[1])
