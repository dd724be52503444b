"""Starting the app as `clinic-app` does: the window first, the log file and database after it."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.app
from clinic_app.logs import LOG_FILE

ROOT = Path(__file__).resolve().parents[2]
START = """
import sys
from PySide6.QtCore import QTimer
from ui.app import start
app, window = start(sys.argv)
window.show()
state = {"ticks": 0}
def check():
    state["ticks"] += 1
    if window.clinic is not None or state["ticks"] > 2000:
        print("OPENED" if window.clinic is not None else "NEVER OPENED", flush=True)
        app.quit()
poll = QTimer(); poll.timeout.connect(check); poll.start(5)
app.exec()
window.close()
"""


def test_the_app_starts_opens_its_database_and_keeps_a_private_log(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env["CLINIC_APP_DATABASE_URL"] = f"sqlite:///{tmp_path / 'clinic.db'}"
    env["XDG_STATE_HOME"] = env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = str(tmp_path)

    done = subprocess.run(
        [sys.executable, "-c", START], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )

    assert done.returncode == 0, done.stderr
    assert "OPENED" in done.stdout.splitlines()
    log_file = next(tmp_path.rglob(LOG_FILE))
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


@pytest.fixture
def root_handlers() -> Iterator[None]:
    before = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_no_log_file_does_not_keep_the_database_closed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, root_handlers: None
) -> None:
    def unwritable() -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("clinic_app.logs.configure_logging", unwritable)

    clinic = ui.app._open_clinic()

    try:
        assert clinic.location
        assert "log file could not be opened (Permission denied)" in caplog.text
    finally:
        clinic.database.dispose()
