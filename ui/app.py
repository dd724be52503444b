"""Start the desktop app: `clinic-app` (or `python -m ui`).

The window appears at once; the database opens (and migrates, after a backup) on the
database lane. An uncaught error is logged by type and place only, never with its
message, which could hold patient data, and the user is told their work is kept.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from ui.language import install_language, saved_language
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks
from ui.theme import apply_theme, saved_theme

if TYPE_CHECKING:
    from clinic_app.clinic import Clinic

log = logging.getLogger("clinic_app.ui")


# How often Python hands its lock between threads. The default 5 ms let the database and
# documents lanes keep the lock for up to a tenth of a second at a time (measured while
# printing); 1 ms keeps the window answering, for a cost too small to measure here.
SWITCH_INTERVAL_S = 0.001


def responsive_threads() -> None:
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv if argv is None else argv)
    if arguments[1:2] == ["--self-check"]:  # an installer's end-to-end check: ui/self_check.py
        from ui.self_check import run_self_check

        return run_self_check(arguments)
    app, window = start(arguments)
    window.show()
    return app.exec()


def start(argv: list[str]) -> tuple[QApplication, MainWindow]:
    """Everything before the window is shown; the benchmark starts the app through this too."""
    responsive_threads()
    app = QApplication(argv)
    app.setApplicationName("Clinic App")
    app.setOrganizationName("Clinic App")
    app.setApplicationDisplayName(QCoreApplication.translate("app", "Clinic App"))
    qInstallMessageHandler(_log_qt_message)
    sys.excepthook = _report_crash
    apply_theme(saved_theme())  # before the first window, so that it never flashes in the other colours
    install_language(saved_language())  # before the first widget: each takes its words when made
    return app, build_main_window()


def build_main_window() -> MainWindow:
    return MainWindow(
        open_clinic=_open_clinic,
        tasks=BackgroundTasks("database"),
        render_tasks=BackgroundTasks("documents"),
        backup_tasks=BackgroundTasks("backups"),
    )


def _open_clinic() -> Clinic:
    # Runs on the database lane once the window is up: the log file (whose set-up imports a good
    # part of the standard library), the core's imports and any migration stay off the UI thread.
    # Anything logged before this goes to the terminal, as Python does for an unconfigured log.
    from clinic_app.clinic import Clinic
    from clinic_app.logs import configure_logging

    try:
        configure_logging()
    except OSError as error:  # no log file is no reason to keep the therapist from their patients
        log.warning("the log file could not be opened (%s); logging to the terminal", error.strerror)
    return Clinic.open()


def _log_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    level = logging.DEBUG if kind == QtMsgType.QtDebugMsg else logging.WARNING
    logging.getLogger("qt").log(level, "%s", message)


def _report_crash(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    # Where it happened helps us fix it; the message itself could contain what was typed.
    places = "".join(traceback.format_list(traceback.extract_tb(trace)))
    log.critical("uncaught %s\n%s", kind.__name__, places)
    if QApplication.instance() is not None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "Clinic App"),
            QCoreApplication.translate(
                "app",
                "Something went wrong inside Clinic App. What you entered is kept as a draft; "
                "if this happens again, please tell your IT contact (the log file has the details).",
            ),
        )
