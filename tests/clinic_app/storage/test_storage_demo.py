"""`clinic demo` data: realistic, consistent with the clinical rules, only into an empty database."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from clinic_app.accounts import SessionUser
from clinic_app.domain import Patient, VisitStatus
from clinic_app.errors import ClinicError
from clinic_app.storage import PatientService, VisitService
from clinic_app.storage.db import Database
from clinic_app.storage.demo import PEOPLE, demo_visits, fill_demo_data
from clinic_app.triage import triage

from .builders import minimal_visit

TODAY = dt.date(2026, 11, 25)


def test_demo_fills_an_empty_database(database: Database) -> None:
    counts = fill_demo_data(database, TODAY)
    patients, visits = PatientService(database), VisitService(database)
    assert counts.patients == len(PEOPLE) >= 20
    found = [patients.search(f"{person.given_name} {person.family_name}") for person in PEOPLE]
    assert all(len(matches) == 1 for matches in found)
    per_patient = [visits.list_for_patient(matches[0].id) for matches in found]
    assert all(2 <= len(summaries) <= 4 for summaries in per_patient)
    assert sum(len(summaries) for summaries in per_patient) == counts.visits
    assert all(s.date <= TODAY for summaries in per_patient for s in summaries)


def test_demo_refuses_a_database_with_patients_and_adds_nothing(database: Database) -> None:
    VisitService(database).save(
        minimal_visit(Patient(mrn="REAL-1", given_name="Real", family_name="Patient"))
    )
    with pytest.raises(ClinicError, match="already holds patients"):
        fill_demo_data(database, TODAY)
    assert PatientService(database).search("D-10") == []


def test_demo_data_is_the_same_every_time() -> None:
    assert demo_visits(TODAY) == demo_visits(TODAY)


def test_demo_names_are_varied_unicode() -> None:
    names = " ".join(f"{p.given_name} {p.family_name}" for p in PEOPLE)
    assert {"Zoë Núñez", "Łucja Wiśniewska", "Siobhán Ó Súilleabháin", "José García"} <= {
        f"{p.given_name} {p.family_name}" for p in PEOPLE
    }
    assert not names.isascii()


def test_demo_visits_follow_the_clinical_rules() -> None:
    """Plans are what triage proposes; red flags mean referral and no plan; drafts have no plan yet."""
    visits = demo_visits(TODAY)
    for visit in visits:
        result = triage(visit)
        if visit.plan is not None:
            assert sorted((p.exercise, p.side) for p in visit.plan) == sorted(
                (e.id, e.side) for e in result.exercises
            )
        if visit.red_flags:
            assert result.referral.required
            assert visit.plan is None
    statuses = Counter(visit.visit.status for visit in visits)
    assert statuses[VisitStatus.FINAL] > statuses[VisitStatus.DRAFT] > 0
    assert any(visit.red_flags for visit in visits)
    assert any(visit.red_flags is None for visit in visits)
    assert any(visit.red_flags == () for visit in visits)


def test_one_demo_patient_improves_over_one_episode_of_three_visits(
    database: Database, admin: SessionUser
) -> None:
    from clinic_app.progress import episode_progress
    from clinic_app.storage.demo import OUTCOMES_PATIENT
    from clinic_app.storage.episodes import EpisodeService

    fill_demo_data(database, TODAY)
    person = PEOPLE[OUTCOMES_PATIENT]
    [match] = PatientService(database).search(f"{person.given_name} {person.family_name}")
    [episode] = EpisodeService(database).episodes(admin, match.id)
    assert episode.recorded
    assert [v.date for v in episode.visits] == [TODAY - dt.timedelta(weeks=w) for w in (6, 3, 0)]
    record = EpisodeService(database).episode_record(admin, match.id)
    progress = episode_progress(record.episode, record.visits)
    lefs = next(series for series in progress.measures if series.key == "lefs")
    assert [p.value for p in lefs.points] == [38, 51, 63]
    assert lefs.meaningful
    assert next(series for series in progress.measures if series.key == "nprs:knee").meaningful
    assert [goal.met for goal in progress.goals] == [True, True]
