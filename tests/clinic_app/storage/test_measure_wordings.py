"""The clinic's measure wordings in both databases: an admin imports (in place of the one before) and
removes one, each audited with the measure's id; a therapist reads them but may not change them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clinic_app.accounts import Role, SessionUser
from clinic_app.errors import InvalidInput, NotAllowed, NotFound
from clinic_app.outcome_wording import parse_wording, read_wording
from clinic_app.outcomes import find_measure
from clinic_app.storage.db import Database
from clinic_app.storage.measure_wordings import MeasureWordingService
from clinic_app.storage.orm import AuditEntryRow

from ..logins import add_account
from ..wordings import lefs_yaml, odi_csv


def _last_audit(database: Database) -> tuple[str, str | None, str | None]:
    with database.reading() as session:
        row = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq.desc()).limit(1)).one()
        return row.action, row.username, row.detail


def test_an_admin_imports_a_wording_replaces_it_and_removes_it(
    database: Database, admin: SessionUser
) -> None:
    service, lefs = MeasureWordingService(database), find_measure("lefs")
    service.save(admin, lefs, read_wording(lefs, lefs_yaml().encode(), "lefs.yaml"))
    assert _last_audit(database) == ("measure_wording_import", admin.username, "lefs")
    odi = find_measure("odi")
    service.save(admin, odi, read_wording(odi, odi_csv().encode(), "odi.csv"))
    stored = service.wordings(admin)
    assert sorted(stored) == ["lefs", "odi"]
    assert stored["lefs"].wording.question(19) == "Test activity 20"
    assert stored["lefs"].wording.answer_labels(0)[0] == "Cannot"
    assert stored["odi"].wording.answer_labels(9)[5] == "Section 10 statement 5"
    assert stored["lefs"].imported_by == admin.username
    english_only = read_wording(lefs, lefs_yaml(spanish=False).encode(), "lefs.yaml")
    service.save(admin, lefs, english_only)  # in place of the one before
    assert len(service.wordings(admin)["lefs"].wording.languages) == 1
    service.remove(admin, "lefs")
    assert _last_audit(database) == ("measure_wording_remove", admin.username, "lefs")
    assert sorted(service.wordings(admin)) == ["odi"]
    with pytest.raises(NotFound, match="no wording for LEFS"):
        service.remove(admin, "lefs")


def test_the_store_checks_the_wording_against_the_measure_again(
    database: Database, admin: SessionUser
) -> None:
    lefs = find_measure("lefs")
    short = parse_wording(lefs_yaml(items=19).encode(), "lefs.yaml", lefs)
    with pytest.raises(InvalidInput, match="LEFS has 20 items"):
        MeasureWordingService(database).save(admin, lefs, short)
    assert MeasureWordingService(database).wordings(admin) == {}


def test_a_therapist_reads_the_wordings_but_may_not_change_them(
    database: Database, admin: SessionUser
) -> None:
    kim = add_account(database, admin, "kim", Role.THERAPIST)
    service, lefs = MeasureWordingService(database), find_measure("lefs")
    wording = read_wording(lefs, lefs_yaml().encode(), "lefs.yaml")
    with pytest.raises(NotAllowed):
        service.save(kim, lefs, wording)
    service.save(admin, lefs, wording)
    assert list(service.wordings(kim)) == ["lefs"]
    with pytest.raises(NotAllowed):
        service.remove(kim, "lefs")
