"""Drafts: the visit form exactly as the therapist typed it, saved every second or so.

A draft save is one transaction: the form text, and the visit's own rows when the form is
valid. Both carry the visit's version, so two computers editing one visit cannot overwrite
each other silently. Finishing a visit stores it, marks it final and drops the draft.
"""

from __future__ import annotations

from sqlalchemy import select

from clinic_app import domain
from clinic_app.storage import mapping, queries
from clinic_app.storage.db import Database
from clinic_app.storage.orm import VisitDraftRow, VisitRow
from clinic_app.storage.records import StoredVisit
from clinic_app.storage.visits import load_row, update_visit


class DraftService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def save(self, visit_id: str, form_json: str, visit: domain.Visit | None, expected_version: int) -> int:
        """Keep the form as typed (and the visit, when valid); returns the visit's new version."""
        now = queries.utc_now()
        with self._database.writing() as session:
            row = update_visit(session, visit_id, visit, expected_version, now)
            draft = session.get(VisitDraftRow, visit_id)
            if draft is None:
                session.add(VisitDraftRow(visit_id=visit_id, form_json=form_json, saved_at=now))
            else:
                draft.form_json, draft.saved_at = form_json, now
            session.flush()
            return row.version_id

    def load(self, visit_id: str) -> str | None:
        with self._database.reading() as session:
            draft = session.get(VisitDraftRow, visit_id)
            return None if draft is None else draft.form_json

    def latest_open_draft(self) -> str | None:
        """The visit most recently left with a draft and not finished: the one to restore."""
        statement = (
            select(VisitDraftRow.visit_id)
            .join(VisitRow, VisitRow.id == VisitDraftRow.visit_id)
            .where(VisitRow.status == domain.VisitStatus.DRAFT)
            .order_by(VisitDraftRow.saved_at.desc())
            .limit(1)
        )
        with self._database.reading() as session:
            return session.execute(statement).scalar_one_or_none()

    def finish(self, visit_id: str, visit: domain.Visit, expected_version: int) -> StoredVisit:
        """Store the visit as it finally is, mark it final (read-only from now on), drop the draft."""
        now = queries.utc_now()
        final = visit.model_copy(
            update={"visit": visit.visit.model_copy(update={"status": domain.VisitStatus.FINAL})}
        )
        with self._database.writing() as session:
            update_visit(session, visit_id, final, expected_version, now)
            draft = session.get(VisitDraftRow, visit_id)
            if draft is not None:
                session.delete(draft)
            session.flush()
            return mapping.stored_visit(load_row(session, visit_id))
