"""Migration 0008 on a database made by the schema before it (0006): every stored visit goes into
one open episode per patient, and nothing else changes."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import create_engine, func, insert, select

from clinic_app.domain import Patient, VisitStatus
from clinic_app.storage import VisitService, mapping, open_database
from clinic_app.storage import schema as storage_schema
from clinic_app.storage.episodes import EpisodeService
from clinic_app.storage.orm import (
    ClinicianRow,
    ComplaintRow,
    EpisodeRow,
    PatientRow,
    PrescriptionRow,
    ScreeningResultRow,
    VisitRow,
)

from ..logins import first_admin

BEFORE = "0006"  # the schema of the release before episodes of care
NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
PATIENTS = (
    Patient(mrn="OLD-1", given_name="Zoë", family_name="Núñez"),
    Patient(mrn="OLD-2", given_name="Kwame", family_name="Mensah"),
    Patient(mrn="OLD-3", given_name="Grace", family_name="Johnson"),  # no visit: no episode
)
# (visit id, patient index, date, status): OLD-1's visits stored out of date order.
VISITS = (
    ("v-b", 0, dt.date(2026, 11, 12), VisitStatus.DRAFT),
    ("v-a", 0, dt.date(2026, 10, 29), VisitStatus.FINAL),
    ("v-c", 1, dt.date(2026, 11, 3), VisitStatus.FINAL),
)


def _columns_at_0006(patient: Patient) -> dict[str, object]:
    columns = mapping.patient_columns(patient)
    columns.pop("mrn_fold")  # added by revision 0009
    return columns


def _database_at_0006(url: str) -> None:
    """Rows as the release before wrote them, straight into its tables."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(storage_schema.alembic_config(connection), BEFORE)
            for patient in PATIENTS:
                connection.execute(
                    insert(PatientRow).values(**_columns_at_0006(patient), created_at=NOW, updated_at=NOW)
                )
            ids = dict(connection.execute(select(PatientRow.mrn, PatientRow.id)).all())
            connection.execute(insert(ClinicianRow).values(id=1, name="Sam Lee, PT, DPT"))
            for visit_id, owner, date, status in VISITS:
                connection.execute(
                    insert(VisitRow).values(
                        id=visit_id,
                        patient_id=ids[PATIENTS[owner].mrn],
                        clinician_id=1,
                        date=date,
                        status=status,
                        plan_recorded=True,
                        created_at=NOW,
                        updated_at=NOW,
                        version_id=3,
                    )
                )
                connection.execute(
                    insert(ComplaintRow).values(
                        visit_id=visit_id, position=0, region="knee", side="left", pain=6, note="stairs"
                    )
                )
                connection.execute(
                    insert(ScreeningResultRow).values(
                        visit_id=visit_id,
                        test="ankle_mobility",
                        side="left",
                        toe_to_wall_cm=6.5,
                        heel_lifted=True,
                    )
                )
                connection.execute(
                    insert(PrescriptionRow).values(
                        visit_id=visit_id,
                        position=0,
                        exercise_id="calf_stretch_wall",
                        side="left",
                        hold_s=30,
                        reps=3,
                        sets=1,
                        per_day=2,
                    )
                )
    finally:
        engine.dispose()


def test_stored_visits_become_one_open_episode_per_patient_and_lose_nothing(fresh_url: str) -> None:
    _database_at_0006(fresh_url)
    with open_database(fresh_url) as database:  # migrates to head
        admin = first_admin(database)
        visits, episodes = VisitService(database), EpisodeService(database)
        with database.reading() as session:
            assert session.scalar(select(func.count()).select_from(EpisodeRow)) == 2
            versions = dict(session.execute(select(VisitRow.id, VisitRow.version_id)).all())
        assert versions == {"v-a": 3, "v-b": 3, "v-c": 3}  # the visits themselves are untouched
        stored = {visit_id: visits.load(visit_id) for visit_id, *_ in VISITS}
        for visit_id, patient, date, status in VISITS:
            visit = stored[visit_id].visit
            assert (visit.patient, visit.visit.date, visit.visit.status) == (PATIENTS[patient], date, status)
            assert visit.visit.clinician == "Sam Lee, PT, DPT"
            assert [(c.region, c.side, c.pain, c.note) for c in visit.complaints] == [
                ("knee", "left", 6, "stairs")
            ]
            assert visit.screenings.ankle_mobility is not None
            assert visit.screenings.ankle_mobility.left is not None
            assert visit.screenings.ankle_mobility.left.toe_to_wall_cm == 6.5
            assert [(p.exercise, p.dosing.hold_s) for p in visit.plan or ()] == [("calf_stretch_wall", 30)]
            assert visit.episode is None  # nobody recorded anything about these episodes: left out of exports
        [zoe] = episodes.episodes(admin, stored["v-a"].patient_id)
        assert (zoe.episode.start_date, zoe.episode.reason, zoe.is_open, zoe.recorded) == (
            dt.date(2026, 10, 29),
            None,
            True,
            False,
        )
        assert [v.id for v in zoe.visits] == ["v-a", "v-b"]
        [kwame] = episodes.episodes(admin, stored["v-c"].patient_id)
        assert [v.id for v in kwame.visits] == ["v-c"]
        # A new visit of the patient joins the episode the migration made.
        later = visits.save(
            stored["v-b"].visit.model_copy(
                update={
                    "visit": stored["v-b"].visit.visit.model_copy(
                        update={"id": None, "date": dt.date(2026, 11, 26), "status": None}
                    )
                }
            )
        )
        assert [v.id for v in episodes.episodes(admin, later.patient_id)[0].visits] == [
            "v-a",
            "v-b",
            later.id,
        ]
