"""Drafts: the visit form exactly as the therapist typed it, saved every second or so.

A draft save is one transaction: the form text, and the visit's own rows when the form is
valid. Both carry the visit's version, so two computers editing one visit cannot overwrite
each other silently. Signing a visit (VisitService.sign) stores it, marks it final and drops the draft.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app import domain
from clinic_app.accounts import Permission, SessionUser
from clinic_app.storage import audit, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.orm import AuditEntryRow, VisitDraftRow, VisitRow
from clinic_app.storage.visits import update_visit

EDIT_ENTRY_INTERVAL = dt.timedelta(minutes=15)


class DraftService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def save(
        self,
        user: SessionUser,
        visit_id: str,
        form_json: str,
        visit: domain.Visit | None,
        expected_version: int,
    ) -> int:
        """Keep the form as typed (and the visit, when valid); returns the visit's new version.

        Audited as visit_edit, once per EDIT_ENTRY_INTERVAL of one user's editing: autosave runs
        every second or so, and a trail of a thousand identical lines would hide what matters.
        """
        now = queries.utc_now()
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            row = update_visit(session, visit_id, visit, expected_version, now, author=user.display_name)
            if not _edited_lately(session, user, visit_id, now):
                audit.append(
                    session,
                    AuditAction.VISIT_EDIT,
                    user.username,
                    patient_id=row.patient_id,
                    visit_id=visit_id,
                )
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


def _edited_lately(session: Session, user: SessionUser, visit_id: str, now: dt.datetime) -> bool:
    """Whether this user's editing of this visit is already in the trail within the interval."""
    statement = (
        select(AuditEntryRow.seq)
        .where(
            AuditEntryRow.visit_id == visit_id,
            AuditEntryRow.username == user.username,
            AuditEntryRow.action.in_((AuditAction.VISIT_EDIT, AuditAction.VISIT_CREATE)),
            AuditEntryRow.at > now - EDIT_ENTRY_INTERVAL,
        )
        .limit(1)
    )
    return session.execute(statement).first() is not None
