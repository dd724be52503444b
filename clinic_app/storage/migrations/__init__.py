"""Alembic migrations of the Clinic App schema (a package so that it ships with the app)."""
