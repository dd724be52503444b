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
from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

import ui.app
from clinic_app.clinic import Clinic
from clinic_app.logs import LOG_FILE
from tests.ui.shell import logged_in_clinic
from ui.main_window import MainWindow
from ui.tasks import SynchronousTasks

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
        clinic.close()


class PaintWatch(QObject):
    """Notes when the window has been painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def window_opening(clinic: Clinic, calls: list[bool], watch: PaintWatch) -> MainWindow:
    def open_clinic() -> Clinic:
        calls.append(watch.painted)
        return clinic

    return MainWindow(open_clinic=open_clinic, tasks=SynchronousTasks(), render_tasks=SynchronousTasks())


def test_the_database_opens_after_the_first_paint(qtbot: QtBot, clinic: Clinic) -> None:
    calls: list[bool] = []
    watch = PaintWatch()
    window = window_opening(clinic, calls, watch)
    window.installEventFilter(watch)
    qtbot.addWidget(window)

    window.show()
    qtbot.waitUntil(lambda: window.clinic is not None)

    assert calls == [True], "opened once, and only after the window had painted"


def test_a_window_never_painted_still_opens_its_database(qtbot: QtBot, clinic: Clinic) -> None:
    calls: list[bool] = []
    window = window_opening(clinic, calls, PaintWatch())
    qtbot.addWidget(window)

    qtbot.waitUntil(lambda: window.clinic is not None, timeout=3000)

    assert calls == [False]


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Clinic]:
    opened = logged_in_clinic(f"sqlite:///{tmp_path / 'clinic.db'}")
    yield opened
    opened.database.dispose()
