"""Rules 2026.12 in the store: overrides with who decided, the triage a visit was signed with,
and round-1 answers brought forward by the migration."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from alembic import command
from sqlalchemy import Date, bindparam, create_engine, insert, text

from clinic_app.accounts import SessionUser
from clinic_app.clinic import Clinic, OpenedVisit
from clinic_app.domain import Complaint, RedFlagOverride, Region, Side, Visit
from clinic_app.errors import InvalidInput
from clinic_app.storage import VisitService, mapping, open_database
from clinic_app.storage import schema as storage_schema
from clinic_app.storage.db import Database
from clinic_app.storage.orm import PatientRow
from clinic_app.triage import triage
from clinic_app.visit_form import VisitForm

from .builders import minimal_visit


def overridden_visit() -> Visit:
    return minimal_visit().model_copy(
        update={
            "complaints": (Complaint(region=Region.KNEE, side=Side.LEFT, pain=4),),
            "red_flags": ("cancer_history",),
            "red_flag_overrides": (RedFlagOverride(id="cancer_history", reason="treated 2009; GP aware"),),
            "visit": minimal_visit().visit.model_copy(update={"clinician": "Sam Lee, PT"}),
        }
    )


def test_an_override_is_kept_with_who_decided(database: Database) -> None:
    stored = VisitService(database).save(overridden_visit())

    loaded = VisitService(database).load(stored.id)

    assert loaded.visit.red_flag_overrides == overridden_visit().red_flag_overrides
    assert loaded.override_authors == {"cancer_history": "Sam Lee, PT"}


def test_a_finished_visit_keeps_the_result_it_was_signed_with(database: Database, admin: SessionUser) -> None:
    visits = VisitService(database)
    stored = visits.save(overridden_visit())

    final = visits.sign(admin, stored.id, stored.version)

    assert final.signed_rules_version == triage(final.visit).rules_version
    signed = final.signed_result
    assert signed is not None
    assert signed.same_as(triage(final.visit))
    assert signed.referral.overridden == ("cancer_history",)


def test_a_visit_whose_override_no_longer_stands_cannot_be_finished(
    database: Database, admin: SessionUser
) -> None:
    # Fever with a complaint makes the referral urgent: the override of cancer history cannot stand.
    visit = overridden_visit().model_copy(update={"red_flags": ("cancer_history", "fever")})
    visits = VisitService(database)
    stored = visits.save(visit)

    with pytest.raises(InvalidInput) as refused:
        visits.sign(admin, stored.id, stored.version)

    assert [p.path for p in refused.value.problems] == ["red_flag_overrides[0].id"]
    assert visits.load(stored.id).signed_triage is None


def test_opening_a_signed_visit_shows_its_stored_result_and_says_when_todays_rules_differ(
    database: Database, admin: SessionUser
) -> None:
    clinic = Clinic(database, admin)
    stored = clinic.visits.save(overridden_visit())
    final = clinic.visits.sign(admin, stored.id, stored.version)
    opened = clinic.open_visit(final.id)
    assert opened.signed_result is not None
    assert not opened.rules_changed_since_signing()

    # As if it had been signed under other rules: the stored result is shown, never recomputed.
    older = json.loads(final.signed_triage or "")
    older["rules_version"], older["exercises"] = "2026.11.1", []
    changed = OpenedVisit(
        opened.patient,
        dataclasses.replace(final, signed_triage=json.dumps(older)),
        VisitForm(),
        restored_from_draft=False,
    )
    assert changed.signed_result is not None
    assert changed.signed_result.rules_version == "2026.11.1"
    assert changed.rules_changed_since_signing()


def test_a_round_one_fever_answer_is_read_as_fever(fresh_url: str) -> None:
    engine = create_engine(fresh_url)
    try:
        with engine.begin() as connection:
            command.upgrade(storage_schema.alembic_config(connection), "0004")
            columns = mapping.patient_columns(minimal_visit().patient)
            columns.pop("mrn_fold")  # added by revision 0009
            connection.execute(insert(PatientRow), [{**columns, "created_at": NOW, "updated_at": NOW}])
            connection.execute(
                text(
                    "INSERT INTO visits (id, patient_id, date, status, plan_recorded, created_at, updated_at, "
                    "version_id) SELECT 'v1', id, :day, 'draft', false, created_at, created_at, 1 FROM patients"
                ).bindparams(bindparam("day", dt.date(2026, 1, 2), type_=Date)),
            )
            connection.execute(
                text(
                    "INSERT INTO red_flag_answers (visit_id, flag_id, answer, position) "
                    "VALUES ('v1', 'fever_or_unwell', 'present', 0)"
                )
            )
    finally:
        engine.dispose()

    with open_database(fresh_url, server_backup_confirmed=True) as database:
        assert VisitService(database).load("v1").visit.red_flags == ("fever",)


NOW = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
