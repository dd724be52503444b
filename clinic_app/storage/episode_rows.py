"""Which episode of care a visit being stored belongs to, inside the caller's transaction.

- A visit that names its episode (visit document `episode`) joins it: an episode id the store
  knows must be the same patient's, and the document's details must agree with the stored ones
  (a detail the store lacks, such as a reason, a discharge date or a new goal, is added); an
  unknown id, or none, opens that episode.
- A visit that names none keeps the episode it is in; a new one joins the patient's open episode
  (the latest started on or before its date), else a new episode the store opens on its date with
  nothing recorded about it (no reason, no goals).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clinic_app import domain
from clinic_app.errors import InvalidInput, Problem
from clinic_app.storage import mapping
from clinic_app.storage.orm import EpisodeRow, PatientRow

GOAL_ID_PREFIX = "g"


def episode_for_visit(
    session: Session,
    patient: PatientRow,
    visit: domain.Visit,
    current: EpisodeRow | None,
    now: dt.datetime,
) -> EpisodeRow:
    """The episode the visit goes into, added or completed as the rules above say."""
    given, day = visit.episode, visit.visit.date
    if given is None:
        row = current if current is not None else _open_episode_on(session, patient, day, now)
        if day < row.start_date and not mapping.recorded_episode(row):
            # An episode the store opened began with its first visit: a visit dated earlier (a
            # visit recorded the day after, its date corrected) moves that beginning, nothing else.
            row.start_date = day
    else:
        row = _named_episode(session, patient, given, now)
    if row.start_date > day or (row.discharge_date is not None and day > row.discharge_date):
        ends = f" to {row.discharge_date.isoformat()}" if row.discharge_date else " on"
        raise InvalidInput(
            [
                Problem(
                    "visit.date",
                    f"{day.isoformat()} is outside its episode ({row.start_date.isoformat()}{ends})",
                )
            ]
        )
    return row


def load_episode(session: Session, episode_id: str) -> EpisodeRow | None:
    return session.get(EpisodeRow, episode_id, options=[selectinload(EpisodeRow.goals)])


def new_episode(
    session: Session, patient: PatientRow, episode: domain.Episode, now: dt.datetime
) -> EpisodeRow:
    """A new episode of the patient, with the given details and goals (ids given to goals without one)."""
    row = EpisodeRow(
        id=episode.id or uuid.uuid4().hex,
        patient_id=patient.id,
        reason=episode.reason,
        referred_by=episode.referred_by,
        start_date=episode.start_date,
        discharge_date=episode.discharge_date,
        created_at=now,
        updated_at=now,
        goals=[],
    )
    add_goals(row, episode.goals)
    session.add(row)
    return row


def add_goals(row: EpisodeRow, goals: Sequence[domain.Goal]) -> None:
    """Append goals to the episode; a goal without an id gets the next free one (g1, g2, ...)."""
    taken = {goal.goal_id for goal in row.goals} | {goal.id for goal in goals if goal.id is not None}
    for goal in goals:
        goal_id = goal.id or _free_goal_id(taken)
        taken.add(goal_id)
        row.goals.append(mapping.goal_row(goal, goal_id, len(row.goals)))


def _free_goal_id(taken: set[str]) -> str:
    number = 1
    while f"{GOAL_ID_PREFIX}{number}" in taken:
        number += 1
    return f"{GOAL_ID_PREFIX}{number}"


def _named_episode(
    session: Session, patient: PatientRow, given: domain.Episode, now: dt.datetime
) -> EpisodeRow:
    row = load_episode(session, given.id) if given.id is not None else None
    if row is None:
        return new_episode(session, patient, given, now)
    if row.patient_id != patient.id:
        raise InvalidInput([Problem("episode.id", f"{given.id} is an episode of another patient")])
    _complete(row, given, now)
    return row


def _complete(row: EpisodeRow, given: domain.Episode, now: dt.datetime) -> None:
    """Add what the document knows and the store does not; a detail both know must agree."""
    problems: list[Problem] = []
    changed = False
    for name in ("reason", "referred_by", "start_date", "discharge_date"):
        stored, new = getattr(row, name), getattr(given, name)
        if new is None or new == stored:
            continue
        if stored is None:
            setattr(row, name, new)
            changed = True
        else:
            problems.append(Problem(f"episode.{name}", f"differs from the stored episode {row.id}"))
    stored_goals = {goal.goal_id: mapping.goal_from_row(goal) for goal in row.goals}
    new_goals = []
    for index, goal in enumerate(given.goals):
        if goal.id is None:
            if not any(_same_goal(goal, known) for known in stored_goals.values()):
                new_goals.append(goal)
        elif goal.id not in stored_goals:
            new_goals.append(goal)
        elif not _same_goal(goal, stored_goals[goal.id]):
            problems.append(Problem(f"episode.goals[{index}]", f"differs from the stored goal {goal.id}"))
    if problems:
        raise InvalidInput(problems)
    if new_goals:
        add_goals(row, new_goals)
        changed = True
    if changed:
        row.updated_at = now


def _same_goal(one: domain.Goal, other: domain.Goal) -> bool:
    return one.model_copy(update={"id": None}) == other.model_copy(update={"id": None})


def _open_episode_on(session: Session, patient: PatientRow, day: dt.date, now: dt.datetime) -> EpisodeRow:
    """The patient's open episode a new visit on this day joins, or a new one the store opens."""
    open_episodes = session.scalars(
        select(EpisodeRow)
        .where(EpisodeRow.patient_id == patient.id, EpisodeRow.discharge_date.is_(None))
        .order_by(EpisodeRow.start_date.desc(), EpisodeRow.created_at.desc(), EpisodeRow.id)
        .options(selectinload(EpisodeRow.goals))
    ).all()
    for row in open_episodes:
        if row.start_date <= day:
            return row
    for row in open_episodes:  # an earlier visit arriving late moves a store-opened episode's start back
        if not mapping.recorded_episode(row):
            row.start_date = day
            row.updated_at = now
            return row
    return new_episode(session, patient, domain.Episode(start_date=day), now)
