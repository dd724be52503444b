"""Visits: save drafts, finalise them, load them, import and export visit documents.

Saving uses optimistic locking. A visit is loaded with its version; saving it back
says which version it was based on. If someone saved the visit in between, the
save is refused with a ConflictError naming the visit, and nothing is overwritten.
A final visit is read-only.

The methods that take a SessionUser check its role first and record what they did in the audit
trail, in the same transaction: import_document, export_document, view, sign, add_addendum,
print_document. Signing records the account; a signed visit then only takes addenda.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from clinic_app import domain
from clinic_app.accounts import Permission, SessionUser
from clinic_app.catalogue import load_catalogue
from clinic_app.domain import SignatureKind
from clinic_app.episodes import episode_problems
from clinic_app.errors import ClinicError, ConflictError, InvalidInput, NotAllowed, NotFound
from clinic_app.red_flags import override_problems
from clinic_app.signatures import addendum_problems
from clinic_app.storage import audit, imports, mapping, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.episode_rows import episode_for_visit
from clinic_app.storage.orm import AddendumRow, EpisodeRow, VisitDraftRow, VisitRow
from clinic_app.storage.records import StoredVisit, VisitSummary
from clinic_app.triage import triage

IMPORTED_WITHOUT_SIGNER = "not named in the imported document"

# Everything visit_from_row reads, loaded up front (the relationships refuse to load lazily).
VISIT_LOAD_OPTIONS = (
    joinedload(VisitRow.patient),
    joinedload(VisitRow.episode).selectinload(EpisodeRow.goals),
    joinedload(VisitRow.clinician),
    selectinload(VisitRow.complaints),
    selectinload(VisitRow.red_flag_answers),
    selectinload(VisitRow.red_flag_overrides),
    selectinload(VisitRow.screening_results),
    selectinload(VisitRow.prescriptions),
    selectinload(VisitRow.addenda),
    selectinload(VisitRow.outcomes),
    selectinload(VisitRow.goal_statuses),
)


class VisitService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def save(self, visit: domain.Visit, expected_version: int | None = None) -> StoredVisit:
        """Store a visit: a new one when expected_version is None, else an update of visit.visit.id.

        An update that leaves out the episode, the outcome measures or the goal judgements keeps the
        stored ones (the visit form does not show them yet); EpisodeService changes those.

        A new visit keeps visit.visit.id when it has one (an id already in use is refused) and gets
        a fresh id otherwise. The stored status is visit.visit.status, draft when not given; a final
        visit can no longer be saved.
        """
        with self._database.writing() as session:
            if expected_version is None:
                row = add_visit(session, visit, queries.utc_now())
            else:
                row = _row_for_update(session, _required_id(visit), expected_version)
                _fill(session, row, visit, queries.utc_now())
            session.flush()
            return mapping.stored_visit(row)

    def load(self, visit_id: str) -> StoredVisit:
        with self._database.reading() as session:
            return mapping.stored_visit(load_row(session, visit_id))

    def list_for_patient(self, patient_id: int, limit: int | None = None) -> list[VisitSummary]:
        """The patient's visits, newest first."""
        with self._database.reading() as session:
            return queries.visit_summaries(session, patient_id, limit)

    # ---- as a logged-in user: role checked, audited ---------------------------------------------

    def start(self, user: SessionUser, visit: domain.Visit) -> StoredVisit:
        """Begin a new visit in the desktop (visit_create)."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            row = add_visit(session, visit, queries.utc_now())
            session.flush()
            audit.append(
                session, AuditAction.VISIT_CREATE, user.username, patient_id=row.patient_id, visit_id=row.id
            )
            return mapping.stored_visit(row)

    def import_document(
        self, user: SessionUser, visit: domain.Visit, *, update_patient: bool = False
    ) -> StoredVisit:
        """Store a visit document as a new visit, once: the same document again gives the same visit.

        Its patient details must match the stored patient of its MRN unless update_patient (see
        imports.py); an id it brings must not be in use by another visit.
        """
        digest = imports.document_digest(visit)
        try:
            return self._import(user, visit, digest, update_patient)
        except IntegrityError:
            # Another import of the same document committed first (a race PostgreSQL settles by the
            # unique digest): that one's visit is this document's.
            with self._database.reading() as session:
                if imports.visit_imported_as(session, digest) is None:
                    raise
            return self._import(user, visit, digest, update_patient)

    def _import(
        self, user: SessionUser, visit: domain.Visit, digest: str, update_patient: bool
    ) -> StoredVisit:
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)  # before anything is looked up
            earlier = imports.visit_imported_as(session, digest)
            if earlier is not None:
                row = load_row(session, earlier)
                audit.append(
                    session,
                    AuditAction.VISIT_IMPORT,
                    user.username,
                    patient_id=row.patient_id,
                    visit_id=row.id,
                    detail="already stored",
                )
                return mapping.stored_visit(row)
            imports.check_new_visit_id(session, visit)
            patient = imports.prepare_patient(session, visit, update_patient)
            row = add_visit(session, visit, queries.utc_now())
            imports.mark_imported(row, digest)
            session.flush()
            stored = mapping.stored_visit(row)
            if patient.changed:
                audit.append(
                    session,
                    AuditAction.PATIENT_EDIT,
                    user.username,
                    patient_id=row.patient_id,
                    detail="from a visit document: " + ", ".join(patient.changed),
                )
            audit.append(
                session, AuditAction.VISIT_IMPORT, user.username, patient_id=row.patient_id, visit_id=row.id
            )
            return stored

    def export_document(self, user: SessionUser, visit_id: str) -> domain.Visit:
        """The stored visit as a visit document's content, with visit.id and visit.status filled in."""
        return self._read(user, visit_id, Permission.EXPORT, AuditAction.VISIT_EXPORT).visit

    def view(self, user: SessionUser, visit_id: str) -> StoredVisit:
        """Open a stored visit to look at it (recorded as visit_view)."""
        return self._read(user, visit_id, Permission.VIEW, AuditAction.VISIT_VIEW)

    def sign(
        self, user: SessionUser, visit_id: str, expected_version: int, visit: domain.Visit | None = None
    ) -> StoredVisit:
        """Finish a visit under the user's name, with its content as finally entered (when given):
        from now on it is read-only, its draft is gone, and only addenda can be added (visit_sign)."""
        now = queries.utc_now()
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.SIGN)
            row = _row_for_update(session, visit_id, expected_version)
            if visit is not None:
                _fill(session, row, visit, now, author=user.display_name)
            _sign(session, row, user, now)
            draft = session.get(VisitDraftRow, visit_id)
            if draft is not None:
                session.delete(draft)
            session.flush()
            audit.append(
                session, AuditAction.VISIT_SIGN, user.username, patient_id=row.patient_id, visit_id=row.id
            )
            return mapping.stored_visit(load_row(session, visit_id))

    def add_addendum(self, user: SessionUser, visit_id: str, text: str, reason: str) -> StoredVisit:
        """Add a correction to a signed visit: who, when, what and why (visit_addendum). The visit
        itself never changes; the addendum is shown and printed with it."""
        problems = addendum_problems(text, reason)
        if problems:
            raise InvalidInput(problems)
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.SIGN)
            row = load_row(session, visit_id)
            if row.status is not domain.VisitStatus.FINAL:
                raise ClinicError(
                    f"visit {visit_id} is not signed yet: change it instead of adding an addendum"
                )
            row.addenda.append(
                AddendumRow(
                    visit_id=row.id,
                    position=len(row.addenda),
                    author_user_id=user.id,
                    author=user.display_name,
                    author_licence=user.licence,
                    at=queries.utc_now(),
                    text=text.strip(),
                    reason=reason.strip(),
                )
            )
            session.flush()
            audit.append(
                session, AuditAction.VISIT_ADDENDUM, user.username, patient_id=row.patient_id, visit_id=row.id
            )
            return mapping.stored_visit(row)

    def print_document(self, user: SessionUser, visit_id: str, document: str) -> StoredVisit:
        """Record that a visit's document (handout, letter, summary...) is printed or saved; returns the
        visit as stored, to print from. An assistant prints finished visits only."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.PRINT)
            row = load_row(session, visit_id)
            if row.status is not domain.VisitStatus.FINAL and not user.may(Permission.PRINT_DRAFT):
                raise NotAllowed(f"{user.username} ({user.role}) may print finished visits only")
            stored = mapping.stored_visit(row)
            audit.append(
                session,
                AuditAction.DOCUMENT_PRINT,
                user.username,
                patient_id=row.patient_id,
                visit_id=row.id,
                detail=document,
            )
            return stored

    def _read(
        self, user: SessionUser, visit_id: str, permission: Permission, action: AuditAction
    ) -> StoredVisit:
        with self._database.recording() as session:  # the read is recorded: one transaction for both
            audit.authorise(session, user, permission)
            row = load_row(session, visit_id)
            stored = mapping.stored_visit(row)
            audit.append(session, action, user.username, patient_id=row.patient_id, visit_id=row.id)
            return stored


def conflict_message(visit_id: str) -> str:
    return f"visit {visit_id} was changed by someone else since you opened it; reload it to see their changes"


def add_visit(session: Session, visit: domain.Visit, now: dt.datetime) -> VisitRow:
    """Add a visit as a new row (inside the caller's transaction)."""
    visit_id = visit.visit.id or uuid.uuid4().hex
    if session.get(VisitRow, visit_id) is not None:
        raise ClinicError(f"a visit with id {visit_id} already exists; nothing was saved")
    # Empty collections, known to be complete: the relationships never load lazily.
    row = VisitRow(
        id=visit_id,
        created_at=now,
        complaints=[],
        red_flag_answers=[],
        red_flag_overrides=[],
        screening_results=[],
        prescriptions=[],
        addenda=[],
        outcomes=[],
        goal_statuses=[],
    )
    _fill(session, row, visit, now)
    return row


def update_visit(
    session: Session,
    visit_id: str,
    visit: domain.Visit | None,
    expected_version: int,
    now: dt.datetime,
    author: str | None = None,
    *,
    keep_unstated: bool = True,
) -> VisitRow:
    """Update a stored visit inside the caller's transaction; with no visit, only touch it.

    Either way its version moves on, so a save from another session that read the old version fails.
    keep_unstated: see _replace_children (False: the visit says everything, no outcomes is none).
    """
    row = _row_for_update(session, visit_id, expected_version)
    if visit is None:
        row.updated_at = now
        session.add(row)
        _flush_visit(session, row)
    else:
        _fill(session, row, visit, now, author, keep_unstated=keep_unstated)
    return row


def _fill(
    session: Session,
    row: VisitRow,
    visit: domain.Visit,
    now: dt.datetime,
    author: str | None = None,
    *,
    keep_unstated: bool = True,
) -> None:
    """Copy the visit into the row. `author` is the logged-in account making the change: it is
    recorded as the one who overrode a red flag (the visit's clinician when no one is logged in)."""
    # Patient and clinician first: their lookups flush the session, which must not hold a half-filled visit.
    problems = episode_problems(visit)
    if problems:
        raise InvalidInput(problems)
    patient = queries.patient_for_visit(session, visit.patient, now)
    clinician = queries.clinician_named(session, visit.visit.clinician)
    stored = row.episode_id is not None  # an update of a stored visit, not a new one
    episode = episode_for_visit(session, patient, visit, row.episode if stored else None, now)
    row.patient = patient
    row.episode = episode
    row.clinician = clinician
    row.date = visit.visit.date
    row.status = visit.visit.status or domain.VisitStatus.DRAFT
    row.plan_recorded = visit.plan is not None
    row.updated_at = now
    if row.status is domain.VisitStatus.FINAL:
        _sign_triage(row, visit)
        _imported_signature(row, visit)
    session.add(row)
    _flush_visit(session, row)  # before any child row is touched
    _replace_children(
        session, row, visit, author or visit.visit.clinician, keep_unstated=stored and keep_unstated
    )


def _sign_triage(row: VisitRow, visit: domain.Visit) -> None:
    """Keep the result a finished visit was signed with: later rules must not rewrite the record."""
    problems = override_problems(visit)
    if problems:
        raise InvalidInput(problems)
    result = triage(visit)
    row.signed_triage = result.to_json()
    row.signed_rules_version = result.rules_version


def _sign(session: Session, row: VisitRow, user: SessionUser, now: dt.datetime) -> None:
    """Mark the visit final under the account's name as it is now (a later rename keeps this one)."""
    # The lookup first: it may flush, and the row must not be flushed half-signed (one version step).
    signer = queries.clinician_named(session, user.display_name)
    row.clinician = signer  # the visit is the signer's
    row.status = domain.VisitStatus.FINAL
    row.updated_at = now
    _sign_triage(row, mapping.visit_from_row(row))
    row.signature_kind = SignatureKind.ACCOUNT
    row.signed_by_user_id = user.id
    row.signed_by = user.display_name
    row.signed_licence = user.licence
    row.signed_at = now
    session.add(row)
    _flush_visit(session, row)


def _imported_signature(row: VisitRow, visit: domain.Visit) -> None:
    """A visit that arrives finished keeps the signature its document gives, attributed to no
    account here: this database never vouches for a signature it did not see made."""
    row.signature_kind = SignatureKind.IMPORTED
    row.signed_by_user_id = None
    row.signed_by = visit.visit.clinician or IMPORTED_WITHOUT_SIGNER
    row.signed_licence = None
    row.signed_at = None


def _flush_visit(session: Session, row: VisitRow) -> None:
    """Write the visit row. Its UPDATE only matches the version read: a lost race fails here."""
    visit_id = row.id  # read now: after a failed flush the row can no longer be read
    try:
        session.flush()
    except StaleDataError as error:
        raise ConflictError(conflict_message(visit_id)) from error


def _replace_children(
    session: Session, row: VisitRow, visit: domain.Visit, author: str | None, *, keep_unstated: bool
) -> None:
    """The visit's child rows as the visit says. With keep_unstated, a stored visit saved without
    outcome measures or goal judgements keeps the ones it has: the desktop's visit form does not
    show them yet, and saving what it shows must not erase what was recorded elsewhere
    (EpisodeService.record_outcome, an imported document). EpisodeService changes them one by one."""
    keep_outcomes = keep_unstated and visit.outcomes is None
    keep_goals = keep_unstated and visit.goal_status is None
    # Old rows go before new ones are added: the same keys (visit, position) come back.
    row.complaints.clear()
    row.red_flag_answers.clear()
    row.red_flag_overrides.clear()
    row.screening_results.clear()
    row.prescriptions.clear()
    if not keep_outcomes:
        row.outcomes.clear()
    if not keep_goals:
        row.goal_statuses.clear()
    session.flush()
    row.complaints.extend(mapping.complaint_rows(visit.complaints))
    row.red_flag_answers.extend(mapping.red_flag_rows(visit.red_flags, list(load_catalogue().red_flags)))
    row.red_flag_overrides.extend(mapping.override_rows(visit.red_flag_overrides, author))
    row.screening_results.extend(mapping.screening_rows(visit.screenings))
    row.prescriptions.extend(mapping.prescription_rows(visit.plan))
    if not keep_outcomes:
        row.outcomes.extend(mapping.outcome_rows(visit.outcomes))
    if not keep_goals:
        row.goal_statuses.extend(mapping.goal_status_rows(visit.goal_status))


def load_row(session: Session, visit_id: str) -> VisitRow:
    row = session.get(VisitRow, visit_id, options=VISIT_LOAD_OPTIONS)
    if row is None:
        raise NotFound(f"there is no visit with id {visit_id}")
    return row


def _row_for_update(session: Session, visit_id: str, expected_version: int) -> VisitRow:
    row = load_row(session, visit_id)
    if row.status is domain.VisitStatus.FINAL:
        raise ClinicError(f"visit {visit_id} is final and can no longer be changed")
    if row.version_id != expected_version:
        raise ConflictError(conflict_message(visit_id))
    return row


def _required_id(visit: domain.Visit) -> str:
    if visit.visit.id is None:
        raise ClinicError("to update a visit, give its id (visit.id)")
    return visit.visit.id
