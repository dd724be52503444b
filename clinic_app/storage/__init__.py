"""Storage: the database behind the app, reached only through the services.

    database = open_database()            # CLINIC_APP_DATABASE_URL or the SQLite file; migrated
    patients = PatientService(database)   # add, update, get, find_by_mrn, search, recent_visits
    visits = VisitService(database)       # save, finalize, load, list_for_patient, import/export
    episodes = EpisodeService(database)   # episodes of care, goals, outcome answers, follow-ups
    settings = SettingsService(database)  # clinic profile and document settings
    accounts = AccountService(database)   # log in, add, list, disable accounts, set passwords
    trail = AuditService(database)        # the audit trail (admins): entries, verify

The calls that take a SessionUser (from AccountService.login) check its role and record what
they did in the audit trail, in the same transaction.

Each service call is one transaction and returns plain values (records.py), never ORM objects.
"""

from clinic_app.storage.accounts import AccountService
from clinic_app.storage.audit import AuditService
from clinic_app.storage.db import Database, database_url, open_database
from clinic_app.storage.episodes import EpisodeService
from clinic_app.storage.patients import PatientService
from clinic_app.storage.records import (
    EpisodeRecord,
    EpisodeVisit,
    PatientSummary,
    StoredEpisode,
    StoredPatient,
    StoredVisit,
    VisitSummary,
)
from clinic_app.storage.settings import SettingsService
from clinic_app.storage.visits import VisitService

__all__ = [
    "AccountService",
    "AuditService",
    "Database",
    "EpisodeRecord",
    "EpisodeService",
    "EpisodeVisit",
    "PatientService",
    "PatientSummary",
    "SettingsService",
    "StoredEpisode",
    "StoredPatient",
    "StoredVisit",
    "VisitService",
    "VisitSummary",
    "database_url",
    "open_database",
]
