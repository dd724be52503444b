"""Visits through the service: every field round-trips, drafts, updates, final visits, import rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.accounts import SessionUser
from clinic_app.domain import Patient, Screenings, Sex, Visit, VisitInfo, VisitStatus
from clinic_app.errors import ClinicError, InvalidInput, NotFound
from clinic_app.storage import PatientService, VisitService
from clinic_app.storage.db import Database

from ..strategies import visits
from .builders import ZOE, as_stored, full_visit, minimal_visit


@pytest.fixture
def service(database: Database) -> VisitService:
    return VisitService(database)


@pytest.fixture
def user(admin: SessionUser) -> SessionUser:
    return admin


def test_every_field_round_trips(service: VisitService) -> None:
    visit = full_visit()
    stored = service.save(visit)
    assert service.load(stored.id).visit == as_stored(visit, stored.id)
    assert stored.visit == as_stored(visit, stored.id)
    assert (stored.version, stored.status) == (1, VisitStatus.DRAFT)


def test_floats_come_back_exactly(service: VisitService) -> None:
    stored = service.save(full_visit())
    screenings = service.load(stored.id).visit.screenings
    assert screenings.head_posture is not None
    assert screenings.head_posture.craniovertebral_angle_deg == 0.1 + 0.2  # 0.30000000000000004
    assert screenings.ankle_mobility is not None
    assert screenings.ankle_mobility.right is not None
    assert screenings.ankle_mobility.right.toe_to_wall_cm == 1e-7


def test_a_minimal_visit_round_trips_with_nothing_added(service: VisitService, user: SessionUser) -> None:
    visit = minimal_visit()
    exported = service.export_document(user, service.import_document(user, visit).id)
    assert exported.red_flags is None
    assert exported.plan is None
    assert exported.screenings == Screenings()
    assert exported.complaints == ()
    assert exported.visit.clinician is None


@pytest.mark.parametrize("red_flags", [None, (), ("saddle_numbness",), ("fever", "major_trauma")])
def test_red_flags_none_empty_and_present_keep_their_meaning_and_order(
    service: VisitService, red_flags: tuple[str, ...] | None
) -> None:
    visit = minimal_visit().model_copy(update={"red_flags": red_flags})
    assert service.load(service.save(visit).id).visit.red_flags == red_flags


@pytest.mark.parametrize("plan", [None, ()])
def test_no_plan_and_an_empty_plan_differ(service: VisitService, plan: tuple[()] | None) -> None:
    visit = minimal_visit().model_copy(update={"plan": plan})
    assert service.load(service.save(visit).id).visit.plan == plan


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(visit=visits(birth_dates=st.none()))  # one patient throughout: the same MRN, the same details
def test_any_valid_visit_round_trips(service: VisitService, visit: Visit, user: SessionUser) -> None:
    stored = service.save(visit)
    assert service.export_document(user, stored.id) == as_stored(visit, stored.id)


def test_a_document_keeps_its_own_visit_id(service: VisitService, user: SessionUser) -> None:
    stored = service.import_document(user, full_visit(visit_id="visit-from-elsewhere-1"))
    assert stored.id == "visit-from-elsewhere-1"
    assert service.export_document(user, "visit-from-elsewhere-1").visit.id == "visit-from-elsewhere-1"


def test_a_visit_id_already_in_use_is_refused_and_nothing_is_written(
    service: VisitService, user: SessionUser
) -> None:
    service.import_document(
        user, minimal_visit().model_copy(update={"visit": VisitInfo(date=dt.date(2026, 1, 1), id="v1")})
    )
    other_patient = Patient(mrn="NEW-1", given_name="Ana", family_name="Ruiz")
    with pytest.raises(ClinicError, match="v1 already exists"):
        service.import_document(user, full_visit(patient=other_patient, visit_id="v1"))
    assert service.load("v1").visit.visit.date == dt.date(2026, 1, 1)
    assert PatientService(service._database).find_by_mrn("NEW-1") is None


def test_an_imported_final_visit_stays_final(service: VisitService, user: SessionUser) -> None:
    visit = full_visit()
    final = visit.model_copy(update={"visit": visit.visit.model_copy(update={"status": VisitStatus.FINAL})})
    stored = service.import_document(user, final)
    assert stored.status is VisitStatus.FINAL
    assert service.export_document(user, stored.id).visit.status is VisitStatus.FINAL


def test_saving_again_replaces_the_content_and_bumps_the_version_once(service: VisitService) -> None:
    first = service.save(full_visit())
    changed = minimal_visit(ZOE).model_copy(
        update={"visit": VisitInfo(date=dt.date(2026, 12, 1), id=first.id)}
    )
    second = service.save(changed, expected_version=first.version)
    assert second.version == first.version + 1
    assert second.created_at == first.created_at
    assert second.updated_at > first.updated_at
    assert service.load(first.id).visit == as_stored(changed, first.id)


def test_a_final_visit_is_read_only(service: VisitService, user: SessionUser) -> None:
    stored = service.save(full_visit())
    final = service.sign(user, stored.id, stored.version)
    assert (final.status, final.version) == (VisitStatus.FINAL, stored.version + 1)
    with pytest.raises(ClinicError, match=f"visit {stored.id} is final"):
        service.save(final.visit, expected_version=final.version)
    with pytest.raises(ClinicError, match="is final"):
        service.sign(user, stored.id, final.version)
    assert service.load(stored.id).visit == final.visit


def test_unknown_visits_are_not_found(service: VisitService) -> None:
    with pytest.raises(NotFound, match="no visit with id nope"):
        service.load("nope")
    with pytest.raises(NotFound):
        service.save(
            minimal_visit().model_copy(update={"visit": VisitInfo(date=dt.date.today(), id="nope")}), 1
        )


def test_an_update_needs_the_visit_id(service: VisitService) -> None:
    with pytest.raises(ClinicError, match="give its id"):
        service.save(minimal_visit(), expected_version=1)


def test_the_mrn_finds_the_patient_and_adds_what_the_document_brings(service: VisitService) -> None:
    service.save(minimal_visit(Patient(mrn="A-1001", given_name="Zoë", family_name="Núñez", phone="old")))
    stored = service.save(
        minimal_visit(Patient(mrn="A-1001", given_name="Zoë", family_name="Núñez", sex=Sex.FEMALE))
    )
    patient = stored.visit.patient
    assert (patient.sex, patient.phone) == (Sex.FEMALE, "old")  # given fields update, missing ones stay
    assert len(service.list_for_patient(stored.patient_id)) == 2


def test_an_mrn_of_someone_else_is_refused_without_naming_them(
    service: VisitService, user: SessionUser
) -> None:
    service.save(minimal_visit(ZOE))
    with pytest.raises(InvalidInput) as raised:
        service.import_document(user, full_visit(Patient(mrn=ZOE.mrn, given_name="Zoe", family_name="Nunez")))
    assert [problem.path for problem in raised.value.problems] == [
        "patient.given_name",
        "patient.family_name",
    ]
    assert all("differs from the patient stored with this MRN" in p.message for p in raised.value.problems)
    assert "Zoë" not in str(raised.value)
    assert "Núñez" not in str(raised.value)
    stored_zoe = PatientService(service._database).find_by_mrn(ZOE.mrn)
    assert stored_zoe is not None
    assert stored_zoe.patient == ZOE
    assert len(service.list_for_patient(stored_zoe.id)) == 1


def test_a_name_composed_differently_is_the_same_name(service: VisitService) -> None:
    service.save(minimal_visit(ZOE))
    decomposed = ZOE.model_copy(update={"given_name": "Zoe\u0308"})  # e + combining diaeresis
    assert service.save(minimal_visit(decomposed)).visit.patient.given_name == "Zoë"


def test_visits_of_a_patient_newest_first(service: VisitService) -> None:
    dates = [dt.date(2026, 3, 1), dt.date(2026, 11, 1), dt.date(2026, 6, 1)]
    ids = [service.save(minimal_visit(ZOE, date)).id for date in dates]
    summaries = service.list_for_patient(service.load(ids[0]).patient_id)
    assert [s.date for s in summaries] == sorted(dates, reverse=True)
    assert {s.status for s in summaries} == {VisitStatus.DRAFT}
    assert service.list_for_patient(service.load(ids[0]).patient_id, limit=1)[0].id == ids[1]
