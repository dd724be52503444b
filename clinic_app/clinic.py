"""The clinic as the desktop app sees it: one object over the storage services, for one login.

Each method is one unit of work the app runs on its database lane and hands back plain
values: log in, start a visit, open one (restoring unsaved entries), save a draft, sign.
Everything that touches patient data goes through the services' role-checked, audited
methods with the logged-in account, so the desktop cannot do what the command line may not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL, make_url

from clinic_app.accounts import Permission, Role, SessionUser, require
from clinic_app.backup_policy import BackupSchedule
from clinic_app.catalogue import load_catalogue
from clinic_app.domain import ClinicProfile, DocumentSettings, Patient, Visit, VisitInfo, VisitStatus
from clinic_app.errors import InvalidInput, NotLoggedIn, Problem
from clinic_app.storage import files, unlocking
from clinic_app.storage.accounts import Account, AccountService
from clinic_app.storage.audit import AuditAction, AuditEntry, AuditService, ChainCheck
from clinic_app.storage.daily_backups import BackupStatus, DailyBackupService
from clinic_app.storage.db import Database, database_url, describe_location, open_database
from clinic_app.storage.drafts import DraftService
from clinic_app.storage.episodes import EpisodeService
from clinic_app.storage.orm import DEFAULT_LOCK_MINUTES
from clinic_app.storage.patients import PatientService
from clinic_app.storage.plain_settings import read_plain_settings
from clinic_app.storage.records import (
    PatientRecord,
    PatientSummary,
    StoredEpisode,
    StoredPatient,
    StoredVisit,
    VisitSummary,
)
from clinic_app.storage.recovery_key import RecoveryKey
from clinic_app.storage.settings import SettingsService
from clinic_app.storage.visits import VisitService
from clinic_app.triage import TriageResult, triage
from clinic_app.visit_form import VisitForm

if TYPE_CHECKING:
    from clinic_app.accounts import SessionUser
    from clinic_app.domain import Goal, OutcomeRecord
    from clinic_app.progress import EpisodeProgress
    from clinic_app.storage.measure_wordings import StoredWording
    from clinic_app.storage.patient_import import PatientImportOutcome, PatientImportPlan

RECENT_PATIENTS = 30
PROGRESS_REPORT = "progress report"  # the documents' names in the audit trail, as the command line
DISCHARGE_SUMMARY = "discharge summary"


@dataclass(frozen=True, slots=True)
class StartUpState:
    """What the main window needs before anyone logs in: no patient data."""

    profile: ClinicProfile
    document_settings: DocumentSettings
    has_accounts: bool  # without one, the first-run wizard makes the first admin
    lock_after_minutes: int


@dataclass(frozen=True, slots=True)
class SessionState:
    """What the main window shows first once someone has logged in."""

    user: SessionUser
    patient_count: int
    recent_patients: list[PatientSummary]
    draft_visit_id: str | None  # a visit left with unsaved entries (crash or kill): reopen it
    # Shown once, when this login made the database encrypted: print it or write it down.
    recovery_key: RecoveryKey | None = None
    # A SQLite database kept from before encryption, and an admin logged in: offer to encrypt it.
    may_encrypt: bool = False


@dataclass(frozen=True, slots=True)
class FirstAdmin:
    """The first-run wizard's account: the clinic's first admin, who may also work as a therapist."""

    username: str
    display_name: str
    licence: str | None
    password: str


@dataclass(frozen=True, slots=True)
class NewAccount:
    """An account an admin adds from the desktop."""

    username: str
    display_name: str
    role: Role
    licence: str | None
    password: str


@dataclass(frozen=True, slots=True)
class OpenedProgress:
    """An episode's progress as the desktop shows it: values, changes, goals, for its charts."""

    patient_id: int
    episode_id: str
    progress: EpisodeProgress


@dataclass(frozen=True, slots=True)
class OpenedVisit:
    patient: StoredPatient
    stored: StoredVisit
    form: VisitForm
    restored_from_draft: bool
    # A follow-up: the episode's visit it started from, its screens shown beside the new entries.
    previous: Visit | None = None

    @property
    def signed_result(self) -> TriageResult | None:
        """The triage a finished visit was signed with, as stored (never recomputed)."""
        return self.stored.signed_result

    def rules_changed_since_signing(self) -> bool:
        """Whether today's rules would give this finished visit a different result."""
        signed = self.signed_result
        return signed is not None and not signed.same_as(triage(self.stored.visit))


class Clinic:
    """One window's clinic. Its database is open from the start when it is not encrypted (a server's,
    or a SQLite file kept from before encryption); an encrypted one opens at the first login, with
    the key that login's password unlocks, and closes again when the account logs out. A new SQLite
    data folder opens at the first run, which makes the database encrypted."""

    database: Database
    accounts: AccountService
    patients: PatientService
    visits: VisitService
    settings: SettingsService
    drafts: DraftService

    def __init__(
        self, database: Database | None, user: SessionUser | None = None, url: URL | None = None
    ) -> None:
        if database is None and url is None:
            raise ValueError("a Clinic needs its database or the URL of its closed database")
        self._url = database.url if database is not None else url
        self._opened = False
        if database is not None:
            self._attach(database)
        self._user = user

    def _attach(self, database: Database) -> None:
        self.database = database
        self.accounts = AccountService(database)
        self.patients = PatientService(database)
        self.visits = VisitService(database)
        self.settings = SettingsService(database)
        self.drafts = DraftService(database)
        self.episodes = EpisodeService(database)
        self._opened = True

    @classmethod
    def open(cls, url: str | None = None) -> Clinic:
        """Open (and if needed migrate, after a backup) the clinic's database; an encrypted or new
        SQLite file stays closed until the login or the first run opens it."""
        chosen = database_url() if url is None else make_url(url)
        path = files.sqlite_file(chosen)
        if path is not None and (unlocking.encrypted_file(chosen) is not None or _new_file(path)):
            return cls(None, url=chosen)
        return cls(open_database(chosen))

    @property
    def location(self) -> str:
        assert self._url is not None
        return describe_location(self._url)

    @property
    def is_open(self) -> bool:
        return self._opened

    def close(self) -> None:
        """Close the database's connections (an encrypted one's key goes with its engine)."""
        if self._opened:
            self.database.dispose()

    def _closed_encrypted(self) -> Path | None:
        """The encrypted SQLite file while it waits for a login."""
        assert self._url is not None
        return None if self._opened else unlocking.encrypted_file(self._url)

    # ---- who is at the keyboard -------------------------------------------------------------

    @property
    def user(self) -> SessionUser:
        self._require_login()
        assert self._user is not None
        return self._user

    def _require_login(self) -> None:
        if self._user is None:
            raise NotLoggedIn("log in first")

    @property
    def logged_in(self) -> bool:
        return self._user is not None

    def start_up_state(self) -> StartUpState:
        """Before a login: a closed database's settings come from their plain copy, and whether it
        has accounts from its key slots (neither is patient data)."""
        if not self._opened:
            encrypted = self._closed_encrypted()
            if encrypted is None:  # a new data folder: the first run makes the database
                return StartUpState(ClinicProfile(), DocumentSettings(), False, DEFAULT_LOCK_MINUTES)
            profile, document_settings, minutes = read_plain_settings(encrypted)
            assert self._url is not None
            return StartUpState(profile, document_settings, bool(unlocking.has_accounts(self._url)), minutes)
        return StartUpState(
            profile=self.settings.load_profile(),
            document_settings=self.settings.load_document_settings(),
            has_accounts=self.accounts.has_accounts(),
            lock_after_minutes=self.settings.load_lock_minutes(),
        )

    def create_first_admin(self, admin: FirstAdmin, profile: ClinicProfile) -> SessionState:
        """The first-run wizard: the first account (an admin), logged in, and the clinic profile.

        A SQLite database becomes encrypted here: the state carries the recovery key to show once.
        """
        recovery = None
        assert self._url is not None
        if files.sqlite_file(self._url) is not None:
            if self._opened:  # a plaintext file from before accounts: converted, its engine closed first
                self.database.dispose()
            made = unlocking.create_with_first_admin(
                self._url, admin.username, admin.display_name, admin.password, admin.licence
            )
            self._attach(made.database)
            recovery = made.recovery
        else:
            self.accounts.add_first_admin(admin.username, admin.display_name, admin.password, admin.licence)
        state = self.log_in(admin.username, admin.password)
        settings = self.settings.load_document_settings()
        self.settings.save_as(self.user, profile, settings, self.settings.load_lock_minutes())
        return replace(state, recovery_key=recovery, may_encrypt=False)

    def log_in(self, username: str, password: str) -> SessionState:
        """Unlock the key (an encrypted database), open the database, then check the password
        (audited either way) and start this account's session."""
        if not self._opened and self._closed_encrypted() is not None:
            assert self._url is not None
            self._attach(unlocking.unlock_database(self._url, username, password))
        self._require_open()
        self._user = self.accounts.login(username, password)
        return self.session_state()

    def _require_open(self) -> None:
        if not self._opened:
            raise NotLoggedIn("the clinic has no account yet: make the first one")

    def encrypt_database(self, password: str) -> RecoveryKey:
        """An admin encrypts a SQLite database kept from before encryption (the desktop's offer,
        `clinic db encrypt` on the command line); its recovery key, to show once."""
        user = self.user
        require(user, Permission.MANAGE_ACCOUNTS)
        assert self._url is not None
        self.database.dispose()  # the plaintext file is copied and replaced: no connection may stay
        database, recovery = unlocking.encrypt_existing(self._url, user.username, password)
        self._attach(database)
        self._user = self.accounts.login(user.username, password)
        return recovery

    def unlock(self, password: str) -> SessionUser:
        """The same account, after its screen was locked: the password again (audited as a login)."""
        self._user = self.accounts.login(self.user.username, password)
        return self._user

    def lock(self) -> None:
        self.accounts.record_session_end(self.user, AuditAction.SCREEN_LOCK)

    def log_out(self) -> None:
        """End the session; an encrypted database closes, its key forgotten, until the next login."""
        if self._user is not None:
            self.accounts.record_session_end(self._user, AuditAction.LOGOUT)
        self._user = None
        if self._opened and self.database.key is not None:
            self.database.dispose()
            self._opened = False
            del self.database

    def session_state(self) -> SessionState:
        user = self.user
        assert self._url is not None
        path = files.sqlite_file(self._url)
        return SessionState(
            user=user,
            patient_count=self.patients.count(),
            recent_patients=self.recent_patients(),
            draft_visit_id=self.drafts.latest_open_draft() if user.role is not Role.ASSISTANT else None,
            may_encrypt=path is not None
            and self.database.key is None
            and user.may(Permission.MANAGE_ACCOUNTS),
        )

    # ---- patients ----------------------------------------------------------------------------

    def recent_patients(self) -> list[PatientSummary]:
        self._require_login()  # patients' names are for a logged-in account only
        return self.patients.recently_seen(RECENT_PATIENTS)

    def find_patients(self, text: str) -> list[PatientSummary]:
        """By name or MRN prefix, or by birth date when the text is a date; recent ones when empty."""
        text = text.strip()
        if not text:
            return self.recent_patients()
        self._require_login()
        born = _as_date(text)
        if born is not None:
            return self.patients.born_on(born)
        return self.patients.search(text)

    def recent_visits(self, patient_id: int) -> list[VisitSummary]:
        """The visit list of a patient already opened, brought up to date (not a new read of the record)."""
        self._require_login()
        return self.patients.recent_visits(patient_id)

    def check_patient_csv(self, data: bytes, update: bool) -> PatientImportPlan:
        """What importing the CSV file's bytes would do, row by row; nothing is stored."""
        from clinic_app.patient_csv import read_patient_csv
        from clinic_app.storage.patient_import import PatientImportService

        service = PatientImportService(self.database)
        return service.check(self.user, read_patient_csv(data), update_patients=update)

    def import_patient_csv(self, data: bytes, update: bool) -> PatientImportOutcome:
        """Store every patient of the file, or nothing (InvalidInput lists the problems)."""
        from clinic_app.patient_csv import read_patient_csv
        from clinic_app.storage.patient_import import PatientImportService

        service = PatientImportService(self.database)
        return service.import_patients(self.user, read_patient_csv(data), update_patients=update)

    def open_patient(self, patient_id: int) -> PatientRecord:
        return self.patients.open_record(self.user, patient_id)

    def add_patient(self, patient: Patient) -> StoredPatient:
        return self.patients.add_as(self.user, patient)

    def update_patient(self, patient_id: int, patient: Patient) -> StoredPatient:
        return self.patients.update_as(self.user, patient_id, patient)

    def load_demo(self) -> None:
        from clinic_app.storage.demo import load_demo

        load_demo(self.database, self.user)

    # ---- visits ------------------------------------------------------------------------------

    def start_visit(self, patient_id: int, day: dt.date) -> OpenedVisit:
        """A new visit of the patient, recorded by the logged-in therapist."""
        user = self.user
        patient = self.patients.get(patient_id)
        info = VisitInfo(date=day, clinician=user.display_name)
        stored = self.visits.start(user, Visit(patient=patient.patient, visit=info))
        return OpenedVisit(patient, stored, self._form_of(stored.visit), restored_from_draft=False)

    def open_visit(self, visit_id: str) -> OpenedVisit:
        """The visit with its unsaved entries, exactly as typed, if a draft was left (visit_view)."""
        stored = self.visits.view(self.user, visit_id)
        patient = self.patients.get(stored.patient_id)
        draft = self.drafts.load(visit_id) if stored.status is VisitStatus.DRAFT else None
        previous = self._visit_before(stored) if stored.status is VisitStatus.DRAFT else None
        if draft is not None:
            form = VisitForm.from_json(draft)
            return OpenedVisit(patient, stored, form, restored_from_draft=True, previous=previous)
        return OpenedVisit(
            patient, stored, self._form_of(stored.visit), restored_from_draft=False, previous=previous
        )

    def _visit_before(self, stored: StoredVisit) -> Visit | None:
        """A follow-up reopened: its episode's visit before it, to show beside it (visit_view)."""
        episode = stored.visit.episode
        if episode is None or episode.id is None:
            return None
        lines = next((e.visits for e in self.list_episodes(stored.patient_id) if e.id == episode.id), ())
        ids = [line.id for line in lines]  # in the order of the episode: date, then when recorded
        place = ids.index(stored.id) if stored.id in ids else 0
        return self.visits.view(self.user, ids[place - 1]).visit if place > 0 else None

    def save_draft(self, visit_id: str, form_json: str, visit: Visit | None, expected_version: int) -> int:
        """Keep what was typed; store the visit itself too when it is valid. Returns the new version."""
        return self.drafts.save(self.user, visit_id, form_json, visit, expected_version)

    def finish_visit(self, visit_id: str, visit: Visit, expected_version: int) -> StoredVisit:
        """Sign the visit under the logged-in therapist's name: from now on only addenda."""
        return self.visits.sign(self.user, visit_id, expected_version, visit)

    def add_addendum(self, visit_id: str, text: str, reason: str) -> StoredVisit:
        return self.visits.add_addendum(self.user, visit_id, text, reason)

    def record_print(self, visit_id: str, document: str) -> StoredVisit:
        """Before a document of the visit is printed or saved: allowed? (document_print)."""
        return self.visits.print_document(self.user, visit_id, document)

    # ---- episodes of care and progress -------------------------------------------------------

    def list_episodes(self, patient_id: int) -> list[StoredEpisode]:
        """The patient's episodes, the newest first, with their visits' dates."""
        return self.episodes.episodes(self.user, patient_id)

    def open_episode(
        self, patient_id: int, start: dt.date, reason: str, referred_by: str | None
    ) -> StoredEpisode:
        return self.episodes.open_episode(
            self.user, patient_id, start_date=start, reason=reason, referred_by=referred_by or None
        )

    def discharge_episode(self, episode_id: str, day: dt.date) -> StoredEpisode:
        return self.episodes.discharge(self.user, episode_id, day)

    def set_goals(self, episode_id: str, goals: list[Goal]) -> StoredEpisode:
        return self.episodes.set_goals(self.user, episode_id, goals)

    def episode_progress(self, patient_id: int, episode_id: str | None = None) -> OpenedProgress:
        """The episode's values over its visits (recorded as progress_view)."""
        from clinic_app.progress import episode_progress

        record = self.episodes.episode_record(self.user, patient_id, episode_id)
        assert record.episode.id is not None  # a stored episode has its id
        return OpenedProgress(patient_id, record.episode.id, episode_progress(record.episode, record.visits))

    def record_outcome(self, visit_id: str, expected_version: int, record: OutcomeRecord) -> StoredVisit:
        return self.episodes.record_outcome(self.user, visit_id, expected_version, record)

    def remove_outcome(self, visit_id: str, expected_version: int, key: str) -> StoredVisit:
        return self.episodes.remove_outcome(self.user, visit_id, expected_version, key)

    def judge_goal(self, visit_id: str, expected_version: int, goal_id: str, met: bool | None) -> StoredVisit:
        """Whether an activity goal is met at this visit (None: not asked there)."""
        return self.episodes.judge_goal(self.user, visit_id, expected_version, goal_id, met)

    def measure_wordings(self) -> dict[str, StoredWording]:
        """The clinic's wording of the measures we may not ship, by measure id."""
        from clinic_app.storage.measure_wordings import MeasureWordingService

        return MeasureWordingService(self.database).wordings(self.user)

    def import_measure_wording(
        self, measure_id: str, data: bytes, file_name: str
    ) -> dict[str, StoredWording]:
        """An admin's import of a wording file (checked against the measure); then all wordings."""
        from clinic_app.outcome_wording import read_wording
        from clinic_app.outcomes import find_measure
        from clinic_app.storage.measure_wordings import MeasureWordingService

        measure = find_measure(measure_id)
        MeasureWordingService(self.database).save(self.user, measure, read_wording(measure, data, file_name))
        return self.measure_wordings()

    def remove_measure_wording(self, measure_id: str) -> dict[str, StoredWording]:
        from clinic_app.storage.measure_wordings import MeasureWordingService

        MeasureWordingService(self.database).remove(self.user, measure_id)
        return self.measure_wordings()

    def start_follow_up(self, episode_id: str, day: dt.date) -> OpenedVisit:
        """A new visit started from the episode's last one, the last screens kept beside it."""
        user = self.user
        last, stored = self.episodes.start_follow_up(user, episode_id, day, user.display_name)
        patient = self.patients.get(stored.patient_id)
        return OpenedVisit(
            patient,
            stored,
            self._form_of(stored.visit),
            restored_from_draft=False,
            previous=last.visit,
        )

    def progress_report(self, patient_id: int, episode_id: str, discharge: bool = False) -> bytes:
        """The progress report's PDF (the discharge summary's, for a discharged episode), once this
        account may print it (recorded as document_print)."""
        from clinic_app.documents.discharge_summary import render_discharge_summary
        from clinic_app.documents.progress_report import ProgressReportRequest, render_progress_report
        from clinic_app.progress import episode_progress

        user = self.user
        document = DISCHARGE_SUMMARY if discharge else PROGRESS_REPORT
        record = self.episodes.print_report(user, patient_id, episode_id, document)
        request = ProgressReportRequest(
            patient=record.patient,
            progress=episode_progress(record.episode, record.visits),
            clinic=self.settings.load_profile(),
            paper=self.settings.load_document_settings().paper,
            signed_by=user.display_name + (f" (licence {user.licence})" if user.licence else ""),
        )
        render = render_discharge_summary if discharge else render_progress_report
        return render(request).data

    # ---- settings and accounts ---------------------------------------------------------------

    def save_settings(
        self, profile: ClinicProfile, settings: DocumentSettings, lock_after_minutes: int
    ) -> None:
        self.settings.save_as(self.user, profile, settings, lock_after_minutes)

    # ---- the daily backup (run on its own lane: each method takes the database and account once,
    # so that a logout on the database lane meanwhile cannot pull them away halfway) ---------------

    def backup_status(self) -> BackupStatus | None:
        """The daily backup's setting, how it went, what to warn about; None on a server's database."""
        database = self._backup_database()
        return None if database is None else DailyBackupService(database).status()

    def save_backup_schedule(self, schedule: BackupSchedule) -> BackupSchedule:
        return DailyBackupService(self.database).save_schedule(self.user, schedule)

    def back_up_if_due(self) -> BackupStatus | None:
        """A daily backup when one is due (at login, and every so often while the app runs)."""
        user, database = self.user, self._backup_database()
        return None if database is None else DailyBackupService(database).run_if_due(user)

    def back_up_now(self) -> BackupStatus:
        """File > Back up now (admins): a copy into the chosen folder at once."""
        user, database = self.user, self.database
        return DailyBackupService(database).run_now(user)

    def _backup_database(self) -> Database | None:
        self._require_login()
        database = self.database
        return database if files.sqlite_file(database.url) is not None else None

    def list_accounts(self) -> list[Account]:
        return self.accounts.list(self.user)

    def add_account(self, account: NewAccount) -> list[Account]:
        """An admin adds a colleague's account (on an encrypted database its key slot too, as
        `clinic user add` does); returns the accounts as they now are."""
        unlocking.add_account_with_slot(
            self.database,
            self.user,
            account.username,
            account.display_name,
            account.role,
            account.password,
            account.licence,
        )
        return self.list_accounts()

    def set_account_enabled(self, username: str, enabled: bool) -> list[Account]:
        """An admin disables an account (it can no longer log in, its key slot goes, and a session of
        its is stopped at its next step) or enables it again (it then needs a new password)."""
        if enabled:
            unlocking.enable_with_slot(self.database, self.user, username)
        else:
            unlocking.disable_with_slot(self.database, self.user, username)
        return self.list_accounts()

    def set_account_password(self, username: str, password: str) -> list[Account]:
        """A new password for an account (an admin's, or one's own); it lifts a lockout and rewraps
        the account's key slot."""
        unlocking.set_password_with_slot(self.database, self.user, username, password)
        return self.list_accounts()

    def audit_entries(
        self,
        mrn: str | None = None,
        username: str | None = None,
        since: dt.datetime | None = None,
        action: AuditAction | None = None,
    ) -> list[AuditEntry]:
        """The trail for an admin, oldest first, filtered as `clinic audit` filters it."""
        user = self.user
        require(user, Permission.AUDIT)  # before an MRN is looked up: its existence is patient data
        patient_id = None
        if mrn:
            patient = self.patients.find_by_mrn(mrn)
            if patient is None:
                raise InvalidInput([Problem("patient", f"there is no patient with MRN {mrn}")])
            patient_id = patient.id
        return AuditService(self.database).entries(
            user, patient_id=patient_id, username=username, since=since, action=action
        )

    def verify_audit(self) -> ChainCheck:
        return AuditService(self.database).verify(self.user)

    @staticmethod
    def _form_of(visit: Visit) -> VisitForm:
        return VisitForm.from_visit(visit, list(load_catalogue().red_flags))


def _new_file(path: Path) -> bool:
    """No database there yet (or an empty file): the first run makes it, encrypted."""
    try:
        return not path.exists() or path.stat().st_size == 0
    except OSError:
        return False


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
