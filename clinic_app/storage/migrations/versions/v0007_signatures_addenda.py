"""Signatures and addenda: who signed a finished visit, and corrections added to it afterwards.

A finished visit gets its signer (the account, and its display name and licence as they were when
signing), the time, and how it came to be signed: by an account of this database, before accounts
existed ("unknown (before accounts)"), or in an imported document (its signature as written).
Addenda are append-only, like the audit trail: triggers refuse UPDATE and DELETE on both backends.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here as on the day (clinic_app.domain.SIGNED_BEFORE_ACCOUNTS).
SIGNED_BEFORE_ACCOUNTS = "unknown (before accounts)"
SIGNATURE_KINDS = ("account", "before_accounts", "imported")

SQLITE_TRIGGERS = (
    """CREATE TRIGGER visit_addenda_no_update BEFORE UPDATE ON visit_addenda
    BEGIN SELECT RAISE(ABORT, 'addenda are never changed'); END""",
    """CREATE TRIGGER visit_addenda_no_delete BEFORE DELETE ON visit_addenda
    BEGIN SELECT RAISE(ABORT, 'addenda are never removed'); END""",
)
SQLITE_TRIGGER_NAMES = ("visit_addenda_no_update", "visit_addenda_no_delete")

POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION clinic_addenda_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'addenda are never changed or removed (% on %)', TG_OP, TG_TABLE_NAME;
    END $$""",
    """CREATE TRIGGER visit_addenda_append_only BEFORE UPDATE OR DELETE ON visit_addenda
    FOR EACH ROW EXECUTE FUNCTION clinic_addenda_append_only()""",
    """CREATE TRIGGER visit_addenda_no_truncate BEFORE TRUNCATE ON visit_addenda
    FOR EACH STATEMENT EXECUTE FUNCTION clinic_addenda_append_only()""",
)


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("signed_by_user_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("signed_by", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("signed_licence", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column(
                "signature_kind",
                sa.Enum(
                    *SIGNATURE_KINDS,
                    name=op.f("ck_visits_signature_kind"),
                    native_enum=False,
                    create_constraint=True,
                    length=20,
                ),
                nullable=True,
            )
        )
        batch.create_foreign_key(
            op.f("fk_visits_signed_by_user_id_users"), "users", ["signed_by_user_id"], ["id"]
        )
        batch.create_index("ix_visits_signed_by_user_id", ["signed_by_user_id"], unique=False)
    # Visits finished before accounts existed: signed by no account; the time is their last change.
    op.execute(
        sa.text(
            "UPDATE visits SET signed_by = :name, signature_kind = 'before_accounts', signed_at = updated_at "
            "WHERE status = 'final'"
        ).bindparams(name=SIGNED_BEFORE_ACCOUNTS)
    )
    op.create_table(
        "visit_addenda",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("author_licence", sa.String(length=100), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint("length(text) > 0", name=op.f("ck_visit_addenda_text_not_empty")),
        sa.CheckConstraint("length(reason) > 0", name=op.f("ck_visit_addenda_reason_not_empty")),
        sa.ForeignKeyConstraint(["visit_id"], ["visits.id"], name=op.f("fk_visit_addenda_visit_id_visits")),
        sa.ForeignKeyConstraint(
            ["author_user_id"], ["users.id"], name=op.f("fk_visit_addenda_author_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_addenda")),
        sa.UniqueConstraint("visit_id", "position", name=op.f("uq_visit_addenda_visit_id")),
    )
    with op.batch_alter_table("app_settings") as batch:
        batch.add_column(sa.Column("lock_after_minutes", sa.Integer(), server_default="10", nullable=False))
        batch.create_check_constraint(
            op.f("ck_app_settings_lock_after_minutes_range"), "lock_after_minutes BETWEEN 1 AND 120"
        )
    op.create_index("ix_audit_log_visit_id", "audit_log", ["visit_id"], unique=False)
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_audit_log_visit_id", table_name="audit_log")
    with op.batch_alter_table("app_settings") as batch:
        batch.drop_constraint(op.f("ck_app_settings_lock_after_minutes_range"), type_="check")
        batch.drop_column("lock_after_minutes")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE visit_addenda")
        op.execute("DROP FUNCTION clinic_addenda_append_only()")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER {name}")
        op.drop_table("visit_addenda")
    with op.batch_alter_table("visits") as batch:
        batch.drop_index("ix_visits_signed_by_user_id")
        batch.drop_constraint(op.f("fk_visits_signed_by_user_id_users"), type_="foreignkey")
        batch.drop_constraint(op.f("ck_visits_signature_kind"), type_="check")
        batch.drop_column("signature_kind")
        batch.drop_column("signed_at")
        batch.drop_column("signed_licence")
        batch.drop_column("signed_by")
        batch.drop_column("signed_by_user_id")
