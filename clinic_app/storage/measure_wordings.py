"""The clinic's wording of outcome measures we may not ship, as a logged-in user.

Importing or removing one is an admin's change of the clinic's settings (`settings`), recorded as
measure_wording_import or measure_wording_remove with the measure's id; reading them needs `view`
and is not recorded (they hold no patient data).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from clinic_app.accounts import Permission, SessionUser
from clinic_app.errors import NotFound
from clinic_app.outcome_wording import Wording, checked_wording
from clinic_app.outcomes import Measure
from clinic_app.storage import audit, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.orm import MeasureWordingRow


@dataclass(frozen=True, slots=True)
class StoredWording:
    measure: str
    wording: Wording
    imported_by: str
    imported_at: dt.datetime  # UTC


class MeasureWordingService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def wordings(self, user: SessionUser) -> dict[str, StoredWording]:
        """Every measure the clinic has worded, by id."""
        with self._database.reading() as session:
            audit.authorise(session, user, Permission.VIEW)
            rows = session.scalars(select(MeasureWordingRow).order_by(MeasureWordingRow.measure)).all()
            return {row.measure: _stored(row) for row in rows}

    def save(self, user: SessionUser, measure: Measure, wording: Wording) -> StoredWording:
        """The measure's wording, checked against its scoring, in place of any before it."""
        checked_wording(measure, wording)
        stored = wording.model_copy(update={"measure": measure.id})
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.SETTINGS)
            row = session.get(MeasureWordingRow, measure.id)
            if row is None:
                row = MeasureWordingRow(measure=measure.id)
                session.add(row)
            row.wording_json = stored.model_dump_json(exclude_none=True)
            row.imported_by, row.imported_at = user.username, queries.utc_now()
            audit.append(session, AuditAction.MEASURE_WORDING_IMPORT, user.username, detail=measure.id)
            session.flush()
            return _stored(row)

    def remove(self, user: SessionUser, measure_id: str) -> None:
        """Back to paper only for the measure."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.SETTINGS)
            row = session.get(MeasureWordingRow, measure_id)
            if row is None:
                raise NotFound(f"the clinic has supplied no wording for {measure_id.upper()}")
            session.delete(row)
            audit.append(session, AuditAction.MEASURE_WORDING_REMOVE, user.username, detail=measure_id)


def _stored(row: MeasureWordingRow) -> StoredWording:
    return StoredWording(
        row.measure, Wording.model_validate_json(row.wording_json), row.imported_by, row.imported_at
    )
