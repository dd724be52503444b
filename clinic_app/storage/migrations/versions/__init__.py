"""One module per schema revision; Alembic finds them by file, not by import."""
