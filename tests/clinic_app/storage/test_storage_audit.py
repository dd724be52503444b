"""The audit trail on SQLite and PostgreSQL: what is recorded, append-only, the chain and its checks."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from clinic_app.accounts import Role, SessionUser
from clinic_app.errors import ClinicError, NotAllowed
from clinic_app.storage import PatientService, VisitService, open_database
from clinic_app.storage import audit as audit_module
from clinic_app.storage.audit import AuditAction, AuditEntry, AuditService
from clinic_app.storage.db import Database
from clinic_app.storage.demo import load_demo
from clinic_app.storage.orm import AuditEntryRow

from ..logins import add_account, first_admin
from .builders import ZOE, full_visit
from .conftest import fresh_postgres_database


def entries_after(database: Database, admin: SessionUser, seq: int) -> list[AuditEntry]:
    return [
        entry
        for entry in AuditService(database).entries(admin)
        if entry.seq > seq and entry.action != AuditAction.AUDIT_VIEW
    ]


def newest_seq(database: Database, admin: SessionUser) -> int:
    return AuditService(database).entries(admin)[-1].seq


def test_each_visit_service_call_leaves_its_entry(database: Database, admin: SessionUser) -> None:
    kim = add_account(database, admin, "kim", Role.THERAPIST)
    visits = VisitService(database)
    start = newest_seq(database, admin)

    stored = visits.import_document(kim, full_visit())
    visits.view(kim, stored.id)
    visits.export_document(kim, stored.id)
    signed = visits.sign(kim, stored.id, stored.version)
    visits.print_document(kim, signed.id, "handout")

    found = entries_after(database, admin, start)
    assert [(e.user, e.action) for e in found] == [
        ("kim", "visit_import"),
        ("kim", "visit_view"),
        ("kim", "visit_export"),
        ("kim", "visit_sign"),
        ("kim", "document_print"),
    ]
    assert {(e.patient_id, e.patient_mrn, e.visit_id) for e in found} == {
        (stored.patient_id, ZOE.mrn, stored.id)
    }
    assert {e.computer for e in found} == {socket.gethostname()}
    assert found[-1].detail == "handout"
    assert all(e.at.tzinfo is dt.UTC for e in found)
    assert [e.at for e in found] == sorted(e.at for e in found)


def test_what_fails_leaves_no_entry_it_is_one_transaction(database: Database, admin: SessionUser) -> None:
    visits = VisitService(database)
    visits.import_document(admin, full_visit(visit_id="taken"))
    start = newest_seq(database, admin)
    with pytest.raises(ClinicError, match="already exists"):
        visits.import_document(admin, full_visit(visit_id="taken").model_copy(update={"complaints": ()}))
    assert entries_after(database, admin, start) == []


def test_an_entry_whose_transaction_fails_after_it_is_gone_too(
    database: Database, admin: SessionUser
) -> None:
    start = newest_seq(database, admin)

    def fail_after_the_entry() -> None:
        with database.writing() as session:
            audit_module.append(session, AuditAction.VISIT_VIEW, "admin")
            raise RuntimeError("the read failed after the entry was written")

    with pytest.raises(RuntimeError):
        fail_after_the_entry()
    assert entries_after(database, admin, start) == []
    assert AuditService(database).verify(admin).intact


def test_the_demo_data_is_recorded(database: Database, admin: SessionUser) -> None:
    start = newest_seq(database, admin)
    counts = load_demo(database, admin, dt.date(2026, 11, 25))
    [entry] = entries_after(database, admin, start)
    assert (entry.action, entry.detail) == ("demo_load", f"21 demo patients, {counts.visits} visits")


def test_the_filters_patient_user_since(database: Database, admin: SessionUser) -> None:
    kim = add_account(database, admin, "kim", Role.THERAPIST)
    visits = VisitService(database)
    start = newest_seq(database, admin)  # the module's trail goes on from test to test
    zoe = visits.import_document(kim, full_visit())
    other = visits.import_document(admin, full_visit(ZOE.model_copy(update={"mrn": "B-2"})))
    trail = AuditService(database)

    def new(found: list[AuditEntry]) -> list[AuditEntry]:
        return [entry for entry in found if entry.seq > start]

    about_zoe = new(trail.entries(admin, patient_id=zoe.patient_id))
    assert [(e.user, e.action, e.visit_id) for e in about_zoe] == [("kim", "visit_import", zoe.id)]
    by_kim = new(trail.entries(admin, username="KIM"))
    assert [e.action for e in by_kim] == ["visit_import"]
    later = trail.entries(admin, since=by_kim[0].at + dt.timedelta(microseconds=1))
    assert [e.visit_id for e in later if e.action == "visit_import"] == [other.id]
    assert trail.entries(admin, since=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)) == []


def test_the_filter_by_action_and_its_record(database: Database, admin: SessionUser) -> None:
    visits = VisitService(database)
    start = newest_seq(database, admin)
    imported = visits.import_document(admin, full_visit(ZOE.model_copy(update={"mrn": "C-3"})))
    visits.view(admin, imported.id)
    trail = AuditService(database)
    viewed = trail.entries(admin, action=AuditAction.VISIT_VIEW)
    assert {e.action for e in viewed} == {"visit_view"}
    assert [e.visit_id for e in viewed if e.seq > start] == [imported.id]
    assert trail.entries(admin, action=AuditAction.DATABASE_RESTORE) == []
    last = trail.entries(admin)[-1]
    assert (last.action, last.detail) == ("audit_view", "action=database_restore")


def test_only_admins_read_and_verify_the_trail(database: Database, admin: SessionUser) -> None:
    kim = add_account(database, admin, "kim", Role.THERAPIST)
    with pytest.raises(NotAllowed, match="audit trail"):
        AuditService(database).entries(kim)
    with pytest.raises(NotAllowed, match="audit trail"):
        AuditService(database).verify(kim)


def test_reading_the_trail_is_itself_recorded(database: Database, admin: SessionUser) -> None:
    AuditService(database).entries(admin, username="kim")
    last = AuditService(database).entries(admin)[-1]  # a read shows what came before its own entry
    assert (last.user, last.action, last.detail) == ("admin", "audit_view", "user=kim")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "DELETE FROM audit_log",
        "DELETE FROM audit_chain_head",
        "UPDATE audit_chain_head SET last_seq = 0",
        "UPDATE audit_chain_head SET last_seq = last_seq + 1",  # to an entry that does not exist
    ],
)
def test_the_database_refuses_to_change_or_remove_entries(
    database: Database, admin: SessionUser, statement: str
) -> None:
    before = AuditService(database).verify(admin)
    with pytest.raises(DBAPIError, match="audit"), database.writing() as session:
        session.execute(text(statement))
    after = AuditService(database).verify(admin)
    assert after.intact
    assert after.checked == before.checked


@pytest.mark.postgres
def test_postgresql_refuses_truncate_too(postgres_database_url: str) -> None:
    with open_database(postgres_database_url) as database:
        first_admin(database)
        for table in ("audit_log", "audit_chain_head"):
            with pytest.raises(DBAPIError, match="never changed or removed"), database.writing() as session:
                session.execute(text(f"TRUNCATE {table}"))


# ---- an attacker who holds the database itself ------------------------------------------------------


@contextmanager
def triggers_off(url: str) -> Iterator[Database]:
    """The database with its audit triggers gone, as someone with the file (or a superuser) could do."""
    database = open_database(url)
    with database.engine.begin() as connection:
        if database.engine.dialect.name == "sqlite":
            for name in (
                "audit_log_no_update",
                "audit_log_no_delete",
                "audit_chain_head_no_delete",
                "audit_chain_head_moves_on",
            ):
                connection.exec_driver_sql(f"DROP TRIGGER {name}")
        else:
            connection.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")
            connection.exec_driver_sql("ALTER TABLE audit_chain_head DISABLE TRIGGER USER")
    try:
        yield database
    finally:
        database.dispose()


def trail_of_five(url: str) -> SessionUser:
    """An admin and entries 1-5: user_add, then four imports of Zoë's visits."""
    with open_database(url) as database:
        admin = first_admin(database)
        for number in range(4):
            VisitService(database).import_document(admin, full_visit(visit_id=f"v{number}"))
    return admin


def tamper(url: str, *statements: str) -> audit_module.ChainCheck:
    admin = trail_of_five(url)
    with triggers_off(url) as database:
        with database.engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
        return AuditService(database).verify(admin)


def test_an_intact_trail_verifies(fresh_url: str) -> None:
    admin = trail_of_five(fresh_url)
    with open_database(fresh_url) as database:
        assert AuditService(database).verify(admin) == audit_module.ChainCheck(5)


def test_a_changed_entry_is_named(fresh_url: str) -> None:
    check = tamper(fresh_url, "UPDATE audit_log SET username = 'someone else' WHERE seq = 3")
    assert (check.checked, check.bad_seq) == (2, 3)
    assert check.problem == "entry 3 was changed: its hash does not match it"


def test_a_changed_entry_given_a_matching_hash_breaks_the_next_link(fresh_url: str) -> None:
    admin = trail_of_five(fresh_url)
    with triggers_off(fresh_url) as database:
        with database.writing() as session:  # someone who knows how the hash is made
            row = session.get(AuditEntryRow, 3)
            assert row is not None
            row.username = "someone else"
            row.hash = audit_module.row_hash(row)
        check = AuditService(database).verify(admin)
    assert (check.checked, check.bad_seq) == (3, 4)
    assert check.problem == "entry 4 does not follow entry 3: an entry was changed, removed or moved there"


def test_a_removed_entry_is_named(fresh_url: str) -> None:
    check = tamper(fresh_url, "DELETE FROM audit_log WHERE seq = 2")
    assert (check.bad_seq, check.problem) == (2, "entry 2 is missing")


def test_entries_removed_from_the_end_are_noticed(fresh_url: str) -> None:
    check = tamper(fresh_url, "DELETE FROM audit_log WHERE seq >= 4")
    assert (check.checked, check.bad_seq) == (3, 4)
    assert check.problem == "entry 4 is missing: the chain head names entry 5"


def test_reordered_entries_are_noticed(fresh_url: str) -> None:
    check = tamper(
        fresh_url,
        "UPDATE audit_log SET seq = 100 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 100",
    )
    assert check.bad_seq == 2
    assert check.problem == "entry 2 does not follow entry 1: an entry was changed, removed or moved there"


def test_concurrent_writers_never_fork_the_chain(
    database_url: str, database: Database, admin: SessionUser
) -> None:
    """Each writer has its own connection pool, as separate copies of the app would."""
    start = newest_seq(database, admin) + 1  # reading the trail added an entry
    writers, each = 4, 5
    failures: list[BaseException] = []
    barrier = threading.Barrier(writers)

    def write() -> None:
        other = open_database(database_url, migrate=False)
        try:
            barrier.wait()
            for _ in range(each):
                with other.writing() as session:
                    audit_module.append(session, AuditAction.VISIT_VIEW, "admin")
        except BaseException as error:  # reported below
            failures.append(error)
        finally:
            other.dispose()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    added = entries_after(database, admin, start)
    assert [e.seq for e in added] == list(range(start + 1, start + 1 + writers * each))
    assert AuditService(database).verify(admin).intact


# ---- PostgreSQL: the everyday role ------------------------------------------------------------------


@pytest.fixture
def empty_postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with fresh_postgres_database(request.node.name) as url:
        yield url


@pytest.mark.postgres
def test_the_everyday_role_cannot_change_the_schema_nor_the_trail(empty_postgres_url: str) -> None:
    """The roles README describes: an owner runs `clinic db upgrade`, the everyday role the rest.

    The audit trail and the addenda to signed visits can be added to, never changed or removed.
    """
    from sqlalchemy.engine import make_url

    postgres_database_url = empty_postgres_url
    suffix = postgres_database_url.rsplit("_", 1)[-1]
    owner, everyday = f"clinic_owner_{suffix}", f"clinic_app_{suffix}"
    url = make_url(postgres_database_url)
    database_name = url.database
    server = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with server.connect() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {owner} LOGIN")
        connection.exec_driver_sql(f"CREATE ROLE {everyday} LOGIN")
        connection.exec_driver_sql(f'ALTER DATABASE "{database_name}" OWNER TO {owner}')
        connection.exec_driver_sql(f"ALTER SCHEMA public OWNER TO {owner}")
    try:
        owner_url = url.set(username=owner).render_as_string(hide_password=False)
        everyday_url = url.set(username=everyday).render_as_string(hide_password=False)
        with pytest.raises(ClinicError, match=r"run `clinic db upgrade` as the database's owner role"):
            open_database(everyday_url)  # before the owner made the schema
        with open_database(owner_url) as database:  # `clinic db upgrade` as the owner
            admin = first_admin(database)
            with database.engine.begin() as connection:
                for grant in everyday_grants(everyday, database_name):
                    connection.exec_driver_sql(grant)

        with open_database(everyday_url) as database:  # the app and the commands, as the everyday role
            stored = VisitService(database).import_document(admin, full_visit())
            assert PatientService(database).find_by_mrn(ZOE.mrn) is not None
            assert AuditService(database).verify(admin).intact
            for statement in (
                "UPDATE audit_log SET detail = 'x'",
                "DELETE FROM audit_log",
                "TRUNCATE audit_log",
                "DELETE FROM audit_chain_head",
                "UPDATE visit_addenda SET text = 'x'",
                "DELETE FROM visit_addenda",
                "ALTER TABLE audit_log DISABLE TRIGGER USER",
                "DROP TRIGGER audit_log_append_only ON audit_log",
                "ALTER TABLE patients ADD COLUMN spy text",
                "CREATE TABLE spy (id int)",
            ):
                with (
                    pytest.raises(DBAPIError, match=r"permission denied|must be owner"),
                    database.engine.begin() as connection,
                ):
                    connection.exec_driver_sql(statement)
            # Data tables stay writable: the visit can be deleted (its rows cascade), the trail not.
            with database.engine.begin() as connection:
                connection.exec_driver_sql(f"DELETE FROM visits WHERE id = '{stored.id}'")
            assert AuditService(database).verify(admin).intact
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f'ALTER DATABASE "{database_name}" OWNER TO postgres')
            connection.exec_driver_sql(f"REASSIGN OWNED BY {owner}, {everyday} TO postgres")
            connection.exec_driver_sql(f"DROP OWNED BY {owner}, {everyday}")
            connection.exec_driver_sql(f"DROP ROLE {everyday}")
            connection.exec_driver_sql(f"DROP ROLE {owner}")
        server.dispose()


def everyday_grants(role: str, database_name: str | None) -> list[str]:
    """README's grants for the everyday role, word for word."""
    return [
        f'GRANT CONNECT ON DATABASE "{database_name}" TO {role}',
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {role}",
        f"REVOKE UPDATE, DELETE ON audit_log FROM {role}",
        f"REVOKE INSERT, DELETE ON audit_chain_head FROM {role}",
        f"REVOKE UPDATE, DELETE ON visit_addenda FROM {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
    ]
