"""Accounts and the audit trail: users, audit_log (append-only, hash-chained) and its chain head.

Triggers on both backends refuse UPDATE and DELETE of audit entries (and TRUNCATE on PostgreSQL), and
let the chain head only move on to the entry just appended. On PostgreSQL a role that does not own the
tables cannot drop them; on SQLite whoever holds the file can, which `clinic audit verify` then shows.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 06:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here as on the day (clinic_app.storage.audit.GENESIS_HASH): the "previous hash" of entry 1.
GENESIS_HASH = "0" * 64

SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit entries are never changed'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit entries are never removed'); END""",
    """CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
    BEGIN SELECT RAISE(ABORT, 'the audit chain head is never removed'); END""",
    """CREATE TRIGGER audit_chain_head_moves_on BEFORE UPDATE ON audit_chain_head
    WHEN NEW.id <> OLD.id OR NEW.last_seq <> OLD.last_seq + 1
        OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.last_seq AND hash = NEW.last_hash)
    BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves on to the entry just added'); END""",
)
SQLITE_TRIGGER_NAMES = (
    "audit_log_no_update",
    "audit_log_no_delete",
    "audit_chain_head_no_delete",
    "audit_chain_head_moves_on",
)

POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION clinic_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit entries are never changed or removed (% on %)', TG_OP, TG_TABLE_NAME;
    END $$""",
    """CREATE FUNCTION clinic_audit_head_moves_on() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id <> OLD.id OR NEW.last_seq <> OLD.last_seq + 1 OR NOT EXISTS (
            SELECT 1 FROM audit_log WHERE seq = NEW.last_seq AND hash = NEW.last_hash
        ) THEN
            RAISE EXCEPTION 'the audit chain head only moves on to the entry just added';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION clinic_audit_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION clinic_audit_append_only()""",
    """CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION clinic_audit_append_only()""",
    """CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION clinic_audit_append_only()""",
    """CREATE TRIGGER audit_chain_head_moves_on BEFORE UPDATE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION clinic_audit_head_moves_on()""",
)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("username_key", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("licence", sa.String(length=100), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "therapist",
                "assistant",
                name=op.f("ck_users_role"),
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "disabled", sa.Boolean(create_constraint=True, name=op.f("ck_users_disabled")), nullable=False
        ),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("password_hash LIKE '$argon2id$%'", name=op.f("ck_users_argon2id_only")),
        sa.CheckConstraint("failed_logins >= 0", name=op.f("ck_users_failed_logins_not_negative")),
        sa.CheckConstraint("length(username) > 0", name=op.f("ck_users_username_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username_key", name=op.f("uq_users_username_key")),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.String(length=64), nullable=True),
        sa.Column("computer", sa.String(length=255), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
        sa.UniqueConstraint("prev_hash", name=op.f("uq_audit_log_prev_hash")),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"], unique=False)
    op.create_index("ix_audit_log_patient_id", "audit_log", ["patient_id"], unique=False)
    op.create_index("ix_audit_log_username", "audit_log", ["username"], unique=False)
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.execute(
        sa.text("INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, :genesis)").bindparams(
            genesis=GENESIS_HASH
        )
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_chain_head")  # its triggers go with it
        op.execute("DROP TABLE audit_log")
        op.execute("DROP FUNCTION clinic_audit_head_moves_on()")
        op.execute("DROP FUNCTION clinic_audit_append_only()")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER {name}")
        op.drop_table("audit_chain_head")
        op.drop_index("ix_audit_log_username", table_name="audit_log")
        op.drop_index("ix_audit_log_patient_id", table_name="audit_log")
        op.drop_index("ix_audit_log_at", table_name="audit_log")
        op.drop_table("audit_log")
    op.drop_table("users")
