"""Where the app writes its log: a rotating file in the user's data folder, owner-readable only.

Log records name what happened and where, never patient data: no names, MRNs, notes or
the messages of validation errors (which quote what was typed), and no SQL parameters or rows.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE = "clinic-app.log"


def log_folder() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("clinic-app", appauthor=False))


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to the log file; returns its path."""
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / LOG_FILE
    path.touch(mode=0o600, exist_ok=True)
    os.chmod(path, 0o600)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    # SQLAlchemy logs statements at INFO and result rows at DEBUG: rows are patient data, so never
    # below INFO; its engines are made with hide_parameters, so a statement never carries its values.
    logging.getLogger("sqlalchemy").setLevel(logging.INFO if level <= logging.DEBUG else logging.WARNING)
    return path
