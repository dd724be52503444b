"""`clinic-app --self-check VISIT.json OUT.pdf`: prove that an installed app works, end to end.

For whoever installs the app on a treatment-room PC, and for CI on the stand-alone bundle: the
real window opens on the real display, the database opens as at every start (made and migrated
when new), and the handout for VISIT.json goes through the printer's path (pdfium renders each
page, Qt's print engine paints it) into OUT.pdf. The header is a made-up test clinic, so a fresh
database needs no settings first. One line and exit 0 when it all worked; else exit 1 with the
reason (2: wrong arguments). Nothing is stored: the visit is only read.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from clinic_app.clinic import Clinic
from clinic_app.domain import ClinicProfile, DocumentSettings
from ui.main_window import MainWindow

FLAG = "--self-check"
USAGE = f"usage: clinic-app {FLAG} VISIT.json OUT.pdf"
OPEN_TIMEOUT_S = 60.0
POLL_MS = 50
TEST_CLINIC = ClinicProfile(
    name="Clinic App self-check (test print)", phone="555-0100", emergency_number="911"
)


class SelfCheckFailed(Exception):
    """What went wrong, for the one line the self-check prints."""


def run_self_check(argv: list[str]) -> int:
    """argv as the app got it: the program, FLAG, VISIT.json, OUT.pdf."""
    if len(argv) != 4:
        print(USAGE, file=sys.stderr)
        return 2
    visit_path, output = Path(argv[2]), Path(argv[3])
    from ui.app import start

    app, window = start(argv[:1])
    window.show()
    try:
        clinic = _wait_for_clinic(app, window)
        _check_encrypted_storage()
        pages = _print_handout(visit_path, output)
    except SelfCheckFailed as failure:
        print(f"self-check: FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        window.close()
    print(
        f"self-check: passed: window on {QApplication.platformName()}, an encrypted database made and migrated "
        f"(the clinic's own will be made at {clinic.location} with its first account), "
        f"a {pages}-page handout printed to {output}",
        flush=True,
    )
    return 0


def _check_encrypted_storage() -> None:
    """A throwaway encrypted database, made and migrated as a first run makes the clinic's own: the
    cipher driver and every migration work in this installation (a new data folder's database is
    made only with its first account)."""
    import secrets
    import tempfile

    from clinic_app.errors import ClinicError
    from clinic_app.storage.db import open_database
    from clinic_app.storage.encrypted import KEY_BYTES

    with tempfile.TemporaryDirectory(prefix="clinic-self-check-") as folder:
        try:
            open_database(f"sqlite:///{folder}/check.db", key=secrets.token_bytes(KEY_BYTES)).dispose()
        except (ClinicError, ImportError) as error:
            raise SelfCheckFailed(f"an encrypted database could not be made: {error}") from error


def _wait_for_clinic(app: QApplication, window: MainWindow) -> Clinic:
    """The clinic the window opened on its database lane; an error box it showed is a failure."""
    deadline = time.monotonic() + OPEN_TIMEOUT_S
    loop = QEventLoop()
    problem: list[str] = []

    def poll() -> None:
        dialog = app.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            problem.append(dialog.text())
            dialog.reject()
        if window.clinic is not None or problem or time.monotonic() > deadline:
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(POLL_MS)
    loop.exec()
    timer.stop()
    if problem:
        raise SelfCheckFailed(f"the app reported: {problem[0]}")
    if window.clinic is None:
        raise SelfCheckFailed(f"the database did not open within {OPEN_TIMEOUT_S:.0f} s")
    return window.clinic


def _print_handout(visit_path: Path, output: Path) -> int:
    """Print the visit's handout as to a printer, into a PDF file; the number of pages."""
    from clinic_app.documents import DocumentRequest, render_patient_document
    from clinic_app.errors import ClinicError
    from clinic_app.visitdoc import parse_visit_document
    from ui.visit.printing import paint_pages

    try:
        visit = parse_visit_document(visit_path.read_text(encoding="utf-8"))
        request = DocumentRequest.for_visit(visit, clinic=TEST_CLINIC, settings=DocumentSettings())
        document = render_patient_document(request)
    except (OSError, ClinicError) as error:
        raise SelfCheckFailed(f"no handout for {visit_path}: {error}") from None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    try:
        paint_pages(document.pdf, printer)
    except OSError as error:
        raise SelfCheckFailed(f"printing failed: {error}") from None
    if not output.is_file() or output.stat().st_size == 0:
        raise SelfCheckFailed(f"the printer wrote nothing to {output}")
    output.chmod(0o600)  # private, like every file of patient data the app writes
    return document.pages
