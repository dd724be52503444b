"""Alembic's entry point: migrate through the connection clinic_app.storage.schema hands over.

The caller owns the transaction (one for the whole upgrade). Batch mode lets the
same migration alter tables on SQLite, which has almost no ALTER TABLE.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from clinic_app.storage.orm import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations through clinic_app.storage (open_database or `clinic db upgrade`)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
