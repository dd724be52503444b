"""A visit editor opened on a fresh visit, as the main window opens one: shared by the UI tests."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from clinic_app.clinic import Clinic
from clinic_app.domain import ClinicProfile, DocumentSettings, Patient
from clinic_app.visit_form import VisitForm
from ui.tasks import SynchronousTasks
from ui.visit.editor import VisitEditor

VISIT_DATE = dt.date(2026, 11, 25)
CLINICIAN = "Sam Lee, PT"


def open_visit_editor(
    qtbot: QtBot,
    clinic: Clinic,
    form: VisitForm,
    patient: Patient,
    *,
    clinician: str = CLINICIAN,
    fill_header: bool = False,
    height: int = 900,
    profile: ClinicProfile | None = None,
    activate: bool = True,
) -> VisitEditor:
    """The patient added, a visit started, and its editor shown on `form` (the header filled in
    the form too when asked), with the clinic's profile when given."""
    stored_patient = clinic.patients.add(patient)
    opened = clinic.start_visit(stored_patient.id, VISIT_DATE)
    if fill_header:
        form.date, form.clinician = VISIT_DATE.isoformat(), clinician
    editor = VisitEditor(
        patient=opened.patient.patient,
        stored=opened.stored,
        form=form,
        tasks=SynchronousTasks(),
        save_draft=clinic.save_draft,
        finish=clinic.finish_visit,
        render_tasks=SynchronousTasks(),
    )
    qtbot.addWidget(editor)
    if profile is not None:
        editor.preview.set_document_settings(profile, DocumentSettings())
        editor.set_clinic_profile(profile)
    editor.resize(1400, height)
    editor.show()
    qtbot.waitExposed(editor)
    if activate:
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)
    return editor
