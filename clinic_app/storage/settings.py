"""The clinic profile and the document settings: each loaded and saved whole, symmetrically."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinic_app.accounts import Permission, SessionUser
from clinic_app.domain import ClinicProfile, DocumentSettings
from clinic_app.errors import InvalidInput, Problem
from clinic_app.storage import audit, files
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.mapping import column_values
from clinic_app.storage.orm import DEFAULT_LOCK_MINUTES, SINGLE_ROW_ID, AppSettingsRow, ClinicProfileRow
from clinic_app.storage.plain_settings import write_plain_settings

MAX_LOCK_MINUTES = 120


class SettingsService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def load_profile(self) -> ClinicProfile:
        """The clinic profile; an empty one until it is first saved."""
        with self._database.reading() as session:
            row = session.get(ClinicProfileRow, SINGLE_ROW_ID)
            return (
                ClinicProfile()
                if row is None
                else ClinicProfile.model_validate(column_values(row, ClinicProfile))
            )

    def save_profile(self, profile: ClinicProfile) -> None:
        with self._database.writing() as session:
            _save_single_row(session, ClinicProfileRow, profile.model_dump())
        self.refresh_plain_copy()

    def load_document_settings(self) -> DocumentSettings:
        """The document settings; the defaults until they are first saved."""
        with self._database.reading() as session:
            row = session.get(AppSettingsRow, SINGLE_ROW_ID)
            return (
                DocumentSettings()
                if row is None
                else DocumentSettings.model_validate(column_values(row, DocumentSettings))
            )

    def save_document_settings(self, settings: DocumentSettings) -> None:
        with self._database.writing() as session:
            _save_single_row(session, AppSettingsRow, settings.model_dump())
        self.refresh_plain_copy()

    def load_lock_minutes(self) -> int:
        """After how many idle minutes the desktop locks itself (the contract's 10 until set)."""
        with self._database.reading() as session:
            row = session.get(AppSettingsRow, SINGLE_ROW_ID)
            return DEFAULT_LOCK_MINUTES if row is None else row.lock_after_minutes

    def save_as(
        self, user: SessionUser, profile: ClinicProfile, settings: DocumentSettings, lock_after_minutes: int
    ) -> None:
        """An admin's change of the clinic's settings, in one transaction (settings_change)."""
        if not 1 <= lock_after_minutes <= MAX_LOCK_MINUTES:
            raise InvalidInput(
                [
                    Problem(
                        "lock_after_minutes",
                        f"from 1 to {MAX_LOCK_MINUTES} minutes, got {lock_after_minutes}",
                    )
                ]
            )
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.SETTINGS)
            _save_single_row(session, ClinicProfileRow, profile.model_dump())
            _save_single_row(
                session, AppSettingsRow, {**settings.model_dump(), "lock_after_minutes": lock_after_minutes}
            )
            audit.append(session, AuditAction.SETTINGS_CHANGE, user.username)
        self.refresh_plain_copy()

    def refresh_plain_copy(self) -> None:
        """An encrypted database's profile and settings, copied to the plain file beside it
        (plain_settings.py) so documents print and the desktop starts before a login."""
        path = files.sqlite_file(self._database.url)
        if path is None or self._database.key is None:
            return
        write_plain_settings(
            path, self.load_profile(), self.load_document_settings(), self.load_lock_minutes()
        )


def _save_single_row(
    session: Session, table: type[ClinicProfileRow | AppSettingsRow], values: dict[str, object]
) -> None:
    row = session.get(table, SINGLE_ROW_ID)
    if row is None:
        row = table(id=SINGLE_ROW_ID)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
