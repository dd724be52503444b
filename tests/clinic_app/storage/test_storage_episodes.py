"""Episodes of care in the store: which episode a visit joins, the episode service (role-checked and
audited), outcome answers and goals kept losslessly, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.accounts import Role, SessionUser
from clinic_app.domain import Episode, Goal, GoalStatus, OutcomeRecord, Region, Visit, VisitInfo
from clinic_app.errors import ClinicError, InvalidInput, NotAllowed
from clinic_app.storage import VisitService
from clinic_app.storage.audit import AuditAction, AuditService
from clinic_app.storage.db import Database
from clinic_app.storage.episodes import EpisodeService

from ..logins import add_account
from .builders import ZOE, as_stored, full_visit, minimal_visit

DAY = dt.date(2026, 11, 25)
GOALS = (
    Goal(id="g1", measure="lefs", target=60, by=dt.date(2027, 1, 15)),
    Goal(activity="Going down stairs", target="Two flights without the rail", by=dt.date(2027, 1, 15)),
)
EPISODE = Episode(
    id="ep-1",
    reason="Left knee pain on stairs",
    referred_by="Dr. Maya Patel, MD",
    start_date=DAY,
    goals=GOALS,
)
WITH_IDS = EPISODE.model_copy(update={"goals": (GOALS[0], GOALS[1].model_copy(update={"id": "g2"}))})
LEFS = OutcomeRecord(measure="lefs", answers=(2,) * 18 + (1, 1))


def on(day: dt.date, visit: Visit | None = None) -> Visit:
    visit = visit or minimal_visit(ZOE)
    return visit.model_copy(update={"visit": VisitInfo(date=day, clinician="Sam Lee, PT, DPT")})


@pytest.fixture
def visits(database: Database) -> VisitService:
    return VisitService(database)


@pytest.fixture
def episodes(database: Database) -> EpisodeService:
    return EpisodeService(database)


def test_a_visit_with_its_episode_outcomes_and_goals_round_trips(
    visits: VisitService, admin: SessionUser
) -> None:
    stairs = GOALS[1].model_copy(update={"id": "stairs"})
    episode = EPISODE.model_copy(update={"start_date": dt.date(2026, 11, 1), "goals": (GOALS[0], stairs)})
    visit = full_visit().model_copy(
        update={
            "episode": episode,
            "outcomes": (
                LEFS,
                OutcomeRecord(measure="nprs", region=Region.KNEE, answers=(6,)),
                OutcomeRecord(
                    measure="psfs",
                    answers=(3, None, 5, 6),
                    activities=("Stairs", "Kneeling", "Walking", "Gardening"),
                ),
            ),
            "goal_status": (GoalStatus(goal="stairs", met=False),),
        }
    )
    stored = visits.import_document(admin, visit)
    assert visits.export_document(admin, stored.id) == as_stored(visit, stored.id)


def test_goals_given_without_an_id_get_the_next_free_one(visits: VisitService, admin: SessionUser) -> None:
    stored = visits.import_document(admin, on(DAY).model_copy(update={"episode": EPISODE}))
    episode = visits.export_document(admin, stored.id).episode
    assert episode is not None
    assert episode.goals == (GOALS[0], GOALS[1].model_copy(update={"id": "g2"}))


def test_visits_without_an_episode_join_the_open_one_and_leave_it_out_of_the_document(
    visits: VisitService, episodes: EpisodeService, admin: SessionUser
) -> None:
    first = visits.save(on(DAY))
    later = visits.save(on(DAY + dt.timedelta(days=14)))
    earlier = visits.save(on(DAY - dt.timedelta(days=7)))  # arrives late: the episode now starts with it
    [episode] = episodes.episodes(admin, first.patient_id)
    assert not episode.recorded
    assert episode.episode.start_date == DAY - dt.timedelta(days=7)
    assert [v.id for v in episode.visits] == [earlier.id, first.id, later.id]
    assert visits.export_document(admin, first.id).episode is None  # nothing a person recorded about it


def test_a_discharged_episode_takes_no_more_visits_a_new_one_opens(
    visits: VisitService, episodes: EpisodeService, admin: SessionUser
) -> None:
    first = visits.import_document(admin, on(DAY).model_copy(update={"episode": EPISODE}))
    with pytest.raises(InvalidInput, match="discharge_date: must be on or after 2026-11-25"):
        episodes.discharge(admin, "ep-1", DAY - dt.timedelta(days=1))
    discharged = episodes.discharge(admin, "ep-1", DAY + dt.timedelta(days=30))
    assert not discharged.is_open
    with pytest.raises(ClinicError, match="already discharged"):
        episodes.discharge(admin, "ep-1", DAY + dt.timedelta(days=31))
    next_visit = visits.save(on(DAY + dt.timedelta(days=60)))
    found = episodes.episodes(admin, first.patient_id)
    assert [e.id for e in found][1] == "ep-1"  # newest first
    assert [v.id for v in found[0].visits] == [next_visit.id]
    with pytest.raises(InvalidInput, match=r"visit\.date: 2026-12-26 is outside its episode"):
        visits.import_document(admin, on(DAY + dt.timedelta(days=31)).model_copy(update={"episode": EPISODE}))


def test_a_visit_naming_a_stored_episode_must_agree_with_it(visits: VisitService, admin: SessionUser) -> None:
    visits.import_document(admin, on(DAY).model_copy(update={"episode": EPISODE}))
    changed = EPISODE.model_copy(
        update={"reason": "Right knee", "goals": (GOALS[0].model_copy(update={"target": 70.0}),)}
    )
    with pytest.raises(InvalidInput) as raised:
        visits.import_document(admin, on(DAY).model_copy(update={"episode": changed}))
    assert [str(p) for p in raised.value.problems] == [
        "episode.reason: differs from the stored episode ep-1",
        "episode.goals[0]: differs from the stored goal g1",
    ]
    other_patient = minimal_visit().model_copy(update={"episode": EPISODE})
    with pytest.raises(InvalidInput, match=r"episode\.id: ep-1 is an episode of another patient"):
        visits.import_document(admin, other_patient)
    # What the store lacks is added: a new goal, a discharge date.
    more = EPISODE.model_copy(
        update={
            "goals": (*GOALS, Goal(measure="nprs:knee", target=2, by=dt.date(2027, 1, 15))),
            "discharge_date": DAY,
        }
    )
    stored = visits.import_document(admin, on(DAY).model_copy(update={"episode": more}))
    episode = visits.export_document(admin, stored.id).episode
    assert episode is not None
    assert episode.discharge_date == DAY
    assert [g.id for g in episode.goals] == ["g1", "g2", "g3"]


def test_the_service_opens_sets_goals_records_outcomes_and_reads_an_episode(
    database: Database, visits: VisitService, episodes: EpisodeService, admin: SessionUser
) -> None:
    kim = add_account(database, admin, "kim", Role.THERAPIST)
    patient_id = visits.save(on(DAY - dt.timedelta(days=30))).patient_id
    opened = episodes.open_episode(
        kim, patient_id, start_date=DAY, reason="Left knee pain", referred_by="Dr. Patel"
    )
    assert opened.recorded
    assert opened.visits == ()
    draft = visits.save(on(DAY))  # joins the newest open episode
    assert episodes.episodes(kim, patient_id)[0].visits[0].id == draft.id
    episodes.set_goals(kim, opened.id, GOALS)
    recorded = episodes.record_outcome(kim, draft.id, draft.version, LEFS)
    again = episodes.record_outcome(
        kim, draft.id, recorded.version, LEFS.model_copy(update={"answers": (3,) * 20})
    )
    assert again.visit.outcomes == (OutcomeRecord(measure="lefs", answers=(3,) * 20),)  # replaced, not added
    record = episodes.episode_record(kim, patient_id)
    assert record.episode.id == opened.id
    assert [v.visit.id for v in record.visits] == [draft.id]
    assert [g.id for g in record.episode.goals] == ["g1", "g2"]
    actions = [(e.user, e.action, e.detail) for e in AuditService(database).entries(admin) if e.user == "kim"]
    assert actions[-5:] == [
        ("kim", AuditAction.EPISODE_ADD, None),
        ("kim", AuditAction.GOAL_SET, "2 goals"),
        ("kim", AuditAction.OUTCOME_RECORD, "lefs"),
        ("kim", AuditAction.OUTCOME_RECORD, "lefs"),
        ("kim", AuditAction.PROGRESS_VIEW, None),
    ]


def test_an_assistant_may_read_an_episode_but_not_change_it(
    database: Database, visits: VisitService, episodes: EpisodeService, admin: SessionUser
) -> None:
    jo = add_account(database, admin, "jo", Role.ASSISTANT)
    stored = visits.import_document(admin, on(DAY).model_copy(update={"episode": EPISODE}))
    assert episodes.episode_record(jo, stored.patient_id).episode.id == "ep-1"
    with pytest.raises(NotAllowed):
        episodes.open_episode(jo, stored.patient_id, start_date=DAY, reason="x")
    with pytest.raises(NotAllowed):
        episodes.record_outcome(jo, stored.id, stored.version, LEFS)
    with pytest.raises(NotAllowed):
        episodes.discharge(jo, "ep-1", DAY)


def test_a_follow_up_starts_from_the_last_visit(
    database: Database, visits: VisitService, episodes: EpisodeService, admin: SessionUser
) -> None:
    visits.import_document(
        admin,
        on(DAY - dt.timedelta(days=14), full_visit()).model_copy(
            update={"episode": EPISODE.model_copy(update={"start_date": DAY - dt.timedelta(days=14)})}
        ),
    )
    last = visits.import_document(admin, on(DAY, full_visit()).model_copy(update={"episode": None}))
    previous, draft = episodes.start_follow_up(admin, "ep-1", DAY + dt.timedelta(days=7))
    assert previous.id == last.id
    assert draft.visit.plan == last.visit.plan
    assert [c.region for c in draft.visit.complaints] == [c.region for c in last.visit.complaints]
    assert draft.visit.episode is not None
    assert draft.visit.episode.id == "ep-1"
    assert [v.id for v in episodes.episodes(admin, last.patient_id)[0].visits][-1] == draft.id
    trail = [(e.action, e.visit_id, e.detail) for e in AuditService(database).entries(admin)][-2:]
    assert trail == [("visit_view", last.id, None), ("visit_create", draft.id, "follow-up")]


def test_saving_the_visit_form_keeps_what_it_does_not_show(
    visits: VisitService, episodes: EpisodeService, admin: SessionUser
) -> None:
    """The desktop's form knows nothing of outcomes and goal judgements yet: saving it keeps them."""
    with_outcomes = on(DAY).model_copy(
        update={"episode": WITH_IDS, "outcomes": (LEFS,), "goal_status": (GoalStatus(goal="g2", met=True),)}
    )
    stored = visits.import_document(admin, with_outcomes)
    form_visit = stored.visit.model_copy(update={"episode": None, "outcomes": None, "goal_status": None})
    saved = visits.save(form_visit.model_copy(update={"complaints": ()}), stored.version)
    assert saved.visit.outcomes == (LEFS,)
    assert saved.visit.goal_status == (GoalStatus(goal="g2", met=True),)
    assert saved.visit.episode is not None
    assert saved.visit.episode.id == "ep-1"


def test_outcomes_and_goal_judgements_change_one_at_a_time(
    database: Database, visits: VisitService, episodes: EpisodeService, admin: SessionUser
) -> None:
    stored = visits.import_document(
        admin, on(DAY).model_copy(update={"episode": EPISODE, "outcomes": (LEFS,)})
    )
    judged = episodes.judge_goal(admin, stored.id, stored.version, "g2", met=False)
    assert judged.visit.goal_status == (GoalStatus(goal="g2", met=False),)
    with pytest.raises(InvalidInput, match="'g1' is not an activity goal"):
        episodes.judge_goal(admin, stored.id, judged.version, "g1", met=True)
    cleared = episodes.judge_goal(admin, stored.id, judged.version, "g2", met=None)
    assert cleared.visit.goal_status is None
    removed = episodes.remove_outcome(admin, stored.id, cleared.version, "lefs")
    assert removed.visit.outcomes is None
    assert visits.export_document(admin, stored.id).outcomes is None
    details = [(e.action, e.detail) for e in AuditService(database).entries(admin)][-4:]
    assert details == [
        ("goal_judge", "g2"),
        ("goal_judge", "g2"),
        ("outcome_record", "lefs removed"),
        ("visit_export", None),
    ]
