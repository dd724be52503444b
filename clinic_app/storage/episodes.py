"""Episodes of care as a logged-in user: list, open, discharge, set goals, record an outcome
measure at a visit, read an episode's progress, start a follow-up visit.

Every call checks the user's role and records what it did in the audit trail, in one transaction
with it (as clinic_app.storage.visits does): listing episodes needs `view` and is not recorded
(it shows dates, not clinical values); reading an episode in full needs `view` and is recorded
(progress_view), or `print` to print a report from it (document_print); the changes need `record` and are recorded as episode_add, episode_discharge,
goal_set, outcome_record, goal_judge and visit_add.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clinic_app import domain
from clinic_app.accounts import Permission, SessionUser
from clinic_app.episodes import episode_problems
from clinic_app.errors import ClinicError, InvalidInput, NotFound, Problem
from clinic_app.follow_up import follow_up_visit
from clinic_app.storage import audit, mapping, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.episode_rows import add_goals, load_episode, new_episode
from clinic_app.storage.orm import EpisodeRow, PatientRow, VisitRow
from clinic_app.storage.records import EpisodeRecord, EpisodeVisit, StoredEpisode, StoredVisit
from clinic_app.storage.visits import VISIT_LOAD_OPTIONS, add_visit, update_visit


class EpisodeService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def episodes(self, user: SessionUser, patient_id: int) -> list[StoredEpisode]:
        """The patient's episodes, the newest first, each with its goals and its visits' dates."""
        with self._database.reading() as session:
            audit.authorise(session, user, Permission.VIEW)
            rows = session.scalars(
                select(EpisodeRow)
                .where(EpisodeRow.patient_id == patient_id)
                .order_by(EpisodeRow.start_date.desc(), EpisodeRow.created_at.desc(), EpisodeRow.id)
                .options(selectinload(EpisodeRow.goals))
            ).all()
            visits = _visit_lines(session, [row.id for row in rows])
            return [_stored(row, visits.get(row.id, ())) for row in rows]

    def open_episode(
        self,
        user: SessionUser,
        patient_id: int,
        *,
        start_date: dt.date,
        reason: str,
        referred_by: str | None = None,
        goals: Sequence[domain.Goal] = (),
    ) -> StoredEpisode:
        """A new episode of care for the patient (recorded as episode_add)."""
        episode = _validated(
            start_date=start_date, reason=reason, referred_by=referred_by, goals=tuple(goals)
        )
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            patient = session.get(PatientRow, patient_id)
            if patient is None:
                raise NotFound(f"there is no patient with id {patient_id}")
            row = new_episode(session, patient, episode, queries.utc_now())
            session.flush()
            audit.append(session, AuditAction.EPISODE_ADD, user.username, patient_id=patient_id)
            return _stored(row, ())

    def discharge(self, user: SessionUser, episode_id: str, date: dt.date) -> StoredEpisode:
        """End an open episode on a date no earlier than its start and last visit (episode_discharge)."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            row = _episode_row(session, episode_id)
            if row.discharge_date is not None:
                raise ClinicError(
                    f"episode {episode_id} was already discharged on {row.discharge_date.isoformat()}"
                )
            visits = _visit_lines(session, [row.id]).get(row.id, ())
            last = max([row.start_date, *(v.date for v in visits)])
            if date < last:
                raise InvalidInput(
                    [
                        Problem(
                            "discharge_date",
                            f"must be on or after {last.isoformat()} (the episode's last visit or start)",
                        )
                    ]
                )
            row.discharge_date = date
            row.updated_at = queries.utc_now()
            session.flush()
            audit.append(session, AuditAction.EPISODE_DISCHARGE, user.username, patient_id=row.patient_id)
            return _stored(row, visits)

    def set_goals(self, user: SessionUser, episode_id: str, goals: Sequence[domain.Goal]) -> StoredEpisode:
        """Replace the episode's goals (a goal without an id gets one); recorded as goal_set."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            row = _episode_row(session, episode_id)
            checked = _validated(start_date=row.start_date, goals=tuple(goals)).goals
            row.goals.clear()
            session.flush()
            add_goals(row, checked)
            row.updated_at = queries.utc_now()
            session.flush()
            audit.append(
                session,
                AuditAction.GOAL_SET,
                user.username,
                patient_id=row.patient_id,
                detail=f"{len(checked)} goals",
            )
            return _stored(row, _visit_lines(session, [row.id]).get(row.id, ()))

    def record_outcome(
        self, user: SessionUser, visit_id: str, expected_version: int, record: domain.OutcomeRecord
    ) -> StoredVisit:
        """Add an outcome measure to a visit not yet finished, replacing one of the same measure (and
        region); the visit's version moves on. Recorded as outcome_record, the measure in detail."""
        return self._change_visit(
            user,
            visit_id,
            expected_version,
            lambda visit: {"outcomes": (*(r for r in visit.outcomes or () if r.key != record.key), record)},
            AuditAction.OUTCOME_RECORD,
            record.key,
        )

    def remove_outcome(
        self, user: SessionUser, visit_id: str, expected_version: int, key: str
    ) -> StoredVisit:
        """Take an outcome measure off a visit not yet finished, by its key (`lefs`, `nprs:knee`);
        recorded as outcome_record with "removed" in detail."""
        return self._change_visit(
            user,
            visit_id,
            expected_version,
            lambda visit: {"outcomes": tuple(r for r in visit.outcomes or () if r.key != key) or None},
            AuditAction.OUTCOME_RECORD,
            f"{key} removed",
        )

    def judge_goal(
        self, user: SessionUser, visit_id: str, expected_version: int, goal_id: str, met: bool | None
    ) -> StoredVisit:
        """Record at a visit whether an activity goal of its episode is met (None: not judged there);
        recorded as goal_judge. A measure goal is judged from its score, never here."""

        def judged(visit: domain.Visit) -> dict[str, object]:
            others = tuple(s for s in visit.goal_status or () if s.goal != goal_id)
            mine = () if met is None else (domain.GoalStatus(goal=goal_id, met=met),)
            return {"goal_status": (*others, *mine) or None}

        return self._change_visit(user, visit_id, expected_version, judged, AuditAction.GOAL_JUDGE, goal_id)

    def _change_visit(
        self,
        user: SessionUser,
        visit_id: str,
        expected_version: int,
        change: Callable[[domain.Visit], dict[str, object]],
        action: AuditAction,
        detail: str,
    ) -> StoredVisit:
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            row = _visit_row(session, visit_id)
            current = mapping.visit_from_row(row)
            # The episode as stored (it may hold nothing recorded, then the visit leaves it out).
            episode = mapping.episode_from_row(row.episode)
            visit = current.model_copy(update={"episode": episode, **change(current)})
            problems = episode_problems(visit)
            if problems:
                raise InvalidInput(problems)
            row = update_visit(
                session, visit_id, visit, expected_version, queries.utc_now(), keep_unstated=False
            )
            session.flush()
            audit.append(
                session, action, user.username, patient_id=row.patient_id, visit_id=row.id, detail=detail
            )
            return mapping.stored_visit(row)

    def episode_record(
        self, user: SessionUser, patient_id: int, episode_id: str | None = None
    ) -> EpisodeRecord:
        """One episode with all its visits in full, oldest first: the patient's latest episode unless
        one is named. Recorded as progress_view."""
        return self._record(user, patient_id, episode_id, Permission.VIEW, AuditAction.PROGRESS_VIEW, None)

    def print_report(
        self, user: SessionUser, patient_id: int, episode_id: str | None, document: str
    ) -> EpisodeRecord:
        """episode_record, to print a report from (the progress report): recorded as document_print
        with the document in detail."""
        return self._record(
            user, patient_id, episode_id, Permission.PRINT, AuditAction.DOCUMENT_PRINT, document
        )

    def _record(
        self,
        user: SessionUser,
        patient_id: int,
        episode_id: str | None,
        permission: Permission,
        action: AuditAction,
        detail: str | None,
    ) -> EpisodeRecord:
        with self._database.writing() as session:  # the read is recorded: one transaction for both
            audit.authorise(session, user, permission)
            patient = session.get(PatientRow, patient_id)
            if patient is None:
                raise NotFound(f"there is no patient with id {patient_id}")
            row = _episode_of(session, patient_id, episode_id)
            visits = session.scalars(
                select(VisitRow)
                .where(VisitRow.episode_id == row.id)
                .order_by(VisitRow.date, VisitRow.created_at, VisitRow.id)
                .options(*VISIT_LOAD_OPTIONS)
            ).all()
            audit.append(session, action, user.username, patient_id=patient_id, detail=detail)
            return EpisodeRecord(
                patient_id=patient_id,
                patient=mapping.patient_from_row(patient),
                episode=mapping.episode_from_row(row),
                visits=tuple(mapping.visit_from_row(v) for v in visits),
            )

    def start_follow_up(
        self, user: SessionUser, episode_id: str, date: dt.date, clinician: str | None = None
    ) -> tuple[StoredVisit, StoredVisit]:
        """A new draft visit in the episode, started from its last visit (clinic_app.follow_up):
        returns (the last visit, the new draft). The last visit's reading is recorded (visit_view),
        and so is the new visit (visit_add, "follow-up")."""
        with self._database.writing() as session:
            audit.authorise(session, user, Permission.RECORD)
            episode = _episode_row(session, episode_id)
            last_id = session.scalar(
                select(VisitRow.id)
                .where(VisitRow.episode_id == episode_id)
                .order_by(VisitRow.date.desc(), VisitRow.created_at.desc(), VisitRow.id.desc())
                .limit(1)
            )
            if last_id is None:
                raise ClinicError(f"episode {episode_id} has no visit to start from yet")
            last = mapping.stored_visit(_visit_row(session, last_id))
            draft = follow_up_visit(last.visit, date, clinician)
            draft = draft.model_copy(update={"episode": mapping.episode_from_row(episode)})
            row = add_visit(session, draft, queries.utc_now())
            session.flush()
            audit.append(
                session, AuditAction.VISIT_VIEW, user.username, patient_id=row.patient_id, visit_id=last_id
            )
            audit.append(
                session,
                AuditAction.VISIT_CREATE,
                user.username,
                patient_id=row.patient_id,
                visit_id=row.id,
                detail="follow-up",
            )
            return last, mapping.stored_visit(row)


def _validated(**fields: object) -> domain.Episode:
    from pydantic import ValidationError

    from clinic_app.validation import problems_from

    try:
        return domain.Episode.model_validate(fields, strict=False)
    except ValidationError as error:
        raise InvalidInput(problems_from(error)) from None


def _episode_row(session: Session, episode_id: str) -> EpisodeRow:
    row = load_episode(session, episode_id)
    if row is None:
        raise NotFound(f"there is no episode with id {episode_id}")
    return row


def _episode_of(session: Session, patient_id: int, episode_id: str | None) -> EpisodeRow:
    if episode_id is not None:
        row = _episode_row(session, episode_id)
        if row.patient_id != patient_id:
            raise NotFound(f"the patient has no episode with id {episode_id}")
        return row
    latest = session.scalars(
        select(EpisodeRow)
        .where(EpisodeRow.patient_id == patient_id)
        .order_by(EpisodeRow.start_date.desc(), EpisodeRow.created_at.desc(), EpisodeRow.id)
        .options(selectinload(EpisodeRow.goals))
        .limit(1)
    ).one_or_none()
    if latest is None:
        raise NotFound("the patient has no episode of care yet (no visit)")
    return latest


def _visit_row(session: Session, visit_id: str) -> VisitRow:
    row = session.get(VisitRow, visit_id, options=VISIT_LOAD_OPTIONS)
    if row is None:
        raise NotFound(f"there is no visit with id {visit_id}")
    return row


def _visit_lines(session: Session, episode_ids: list[str]) -> dict[str, tuple[EpisodeVisit, ...]]:
    if not episode_ids:
        return {}
    query = (
        select(VisitRow.episode_id, VisitRow.id, VisitRow.date, VisitRow.status)
        .where(VisitRow.episode_id.in_(episode_ids))
        .order_by(VisitRow.episode_id, VisitRow.date, VisitRow.created_at, VisitRow.id)
    )
    found: dict[str, list[EpisodeVisit]] = {}
    for episode_id, visit_id, date, status in session.execute(query):
        found.setdefault(episode_id, []).append(EpisodeVisit(visit_id, date, status))
    return {key: tuple(value) for key, value in found.items()}


def _stored(row: EpisodeRow, visits: Sequence[EpisodeVisit]) -> StoredEpisode:
    return StoredEpisode(
        id=row.id,
        patient_id=row.patient_id,
        episode=mapping.episode_from_row(row),
        visits=tuple(visits),
        recorded=mapping.recorded_episode(row),
    )
