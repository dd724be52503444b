"""The clinic as the desktop app sees it: one object over the storage services.

Each method is one unit of work the app runs on its database lane and hands back plain
values: start a visit, open one (restoring unsaved entries), save a draft, finish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import ClinicProfile, DocumentSettings, Visit, VisitInfo
from clinic_app.storage.db import Database, open_database
from clinic_app.storage.drafts import DraftService
from clinic_app.storage.patients import PatientService
from clinic_app.storage.records import PatientSummary, StoredPatient, StoredVisit
from clinic_app.storage.settings import SettingsService
from clinic_app.storage.visits import VisitService
from clinic_app.triage import TriageResult, triage
from clinic_app.visit_form import VisitForm

if TYPE_CHECKING:
    from clinic_app.accounts import SessionUser
    from clinic_app.storage.patient_import import PatientImportOutcome, PatientImportPlan

RECENT_PATIENTS = 30


@dataclass(frozen=True, slots=True)
class StartUpState:
    """What the main window shows first."""

    profile: ClinicProfile
    document_settings: DocumentSettings
    patient_count: int
    recent_patients: list[PatientSummary]
    draft_visit_id: str | None  # a visit left with unsaved entries (crash or kill): reopen it


@dataclass(frozen=True, slots=True)
class OpenedVisit:
    patient: StoredPatient
    stored: StoredVisit
    form: VisitForm
    restored_from_draft: bool

    @property
    def signed_result(self) -> TriageResult | None:
        """The triage a finished visit was signed with, as stored (never recomputed)."""
        return self.stored.signed_result

    def rules_changed_since_signing(self) -> bool:
        """Whether today's rules would give this finished visit a different result."""
        signed = self.signed_result
        return signed is not None and not signed.same_as(triage(self.stored.visit))


class Clinic:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.patients = PatientService(database)
        self.visits = VisitService(database)
        self.settings = SettingsService(database)
        self.drafts = DraftService(database)

    @classmethod
    def open(cls, url: str | None = None) -> Clinic:
        """Open (and if needed create and migrate, after a backup) the clinic's database."""
        return cls(open_database(url))

    @property
    def location(self) -> str:
        return self.database.location

    def start_up_state(self) -> StartUpState:
        return StartUpState(
            profile=self.settings.load_profile(),
            document_settings=self.settings.load_document_settings(),
            patient_count=self.patients.count(),
            recent_patients=self.recent_patients(),
            draft_visit_id=self.drafts.latest_open_draft(),
        )

    # ---- patients ----------------------------------------------------------------------------

    def recent_patients(self) -> list[PatientSummary]:
        return self.patients.recently_seen(RECENT_PATIENTS)

    def find_patients(self, text: str) -> list[PatientSummary]:
        """By name or MRN prefix, or by birth date when the text is a date; recent ones when empty."""
        text = text.strip()
        if not text:
            return self.recent_patients()
        born = _as_date(text)
        if born is not None:
            return self.patients.born_on(born)
        return self.patients.search(text)

    def check_patient_csv(self, user: SessionUser, data: bytes, update: bool) -> PatientImportPlan:
        """What importing the CSV file's bytes would do, row by row; nothing is stored."""
        from clinic_app.patient_csv import read_patient_csv
        from clinic_app.storage.patient_import import PatientImportService

        return PatientImportService(self.database).check(user, read_patient_csv(data), update_patients=update)

    def import_patient_csv(self, user: SessionUser, data: bytes, update: bool) -> PatientImportOutcome:
        """Store every patient of the file, or nothing (InvalidInput lists the problems)."""
        from clinic_app.patient_csv import read_patient_csv
        from clinic_app.storage.patient_import import PatientImportService

        service = PatientImportService(self.database)
        return service.import_patients(user, read_patient_csv(data), update_patients=update)

    def load_demo(self) -> None:
        from clinic_app.storage.demo import fill_demo_data

        fill_demo_data(self.database)

    # ---- visits ------------------------------------------------------------------------------

    def start_visit(self, patient_id: int, day: dt.date, clinician: str) -> OpenedVisit:
        patient = self.patients.get(patient_id)
        info = VisitInfo(date=day, clinician=clinician.strip() or None)
        stored = self.visits.save(Visit(patient=patient.patient, visit=info))
        return OpenedVisit(patient, stored, self._form_of(stored.visit), restored_from_draft=False)

    def open_visit(self, visit_id: str) -> OpenedVisit:
        """The visit with its unsaved entries, exactly as typed, if a draft was left."""
        stored = self.visits.load(visit_id)
        patient = self.patients.get(stored.patient_id)
        draft = self.drafts.load(visit_id)
        if draft is not None:
            return OpenedVisit(patient, stored, VisitForm.from_json(draft), restored_from_draft=True)
        return OpenedVisit(patient, stored, self._form_of(stored.visit), restored_from_draft=False)

    def save_draft(self, visit_id: str, form_json: str, visit: Visit | None, expected_version: int) -> int:
        """Keep what was typed; store the visit itself too when it is valid. Returns the new version."""
        return self.drafts.save(visit_id, form_json, visit, expected_version)

    def finish_visit(self, visit_id: str, visit: Visit, expected_version: int) -> StoredVisit:
        return self.drafts.finish(visit_id, visit, expected_version)

    def save_settings(self, profile: ClinicProfile, settings: DocumentSettings) -> None:
        self.settings.save_profile(profile)
        self.settings.save_document_settings(settings)

    @staticmethod
    def _form_of(visit: Visit) -> VisitForm:
        return VisitForm.from_visit(visit, list(load_catalogue().red_flags))


def _as_date(text: str) -> dt.date | None:
    """A birth date typed as 1961-04-02, 04/02/1961 or 4/2/1961 (month first, as in the US)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        try:
            return dt.date(int(parts[2]), int(parts[0]), int(parts[1]))
        except ValueError:
            return None
    return None
