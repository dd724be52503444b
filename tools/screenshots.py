"""Screenshots of the main screens for the README: the real app, on demo data, on the current display.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py [--output DIR] [--language es]

It needs a display (Xvfb is enough; QT_QPA_PLATFORM=offscreen works too, with a plainer look). The
app runs exactly as `clinic-app` builds it (its database and documents lanes), on a throwaway SQLite
database filled with the demo patients through the welcome page's "Load demo patients", with a
throwaway settings folder, so nothing of the user's is read or changed. A left-knee visit (a tight
calf on the same side) is recorded for a demo patient whose story is a left knee, and each screen is
saved as a PNG of the window at a fixed size: SCREENSHOTS below, in --output (docs/screenshots).
With --language es the screens are in Spanish (ui/language.py, as the Settings' language choice
makes them at the next start) and each file name ends in -es (visit-screening-es.png).
Qt's warnings are printed as "Qt warning: ..." on stderr; the exit status is 0 when all were saved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from clinic_app.catalogue import load_catalogue
from clinic_app.clinic import Clinic
from clinic_app.domain import ClinicProfile, DocumentSettings, Region, ScreenId, Side, VisitStatus
from clinic_app.storage.demo import demo_visits
from clinic_app.visit_form import ComplaintEntry, VisitForm
from ui.language import install_language
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks
from ui.theme import Theme

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "docs" / "screenshots"
WINDOW_SIZE = QSize(1400, 900)
# File name -> what it shows, in the order they are taken.
SCREENSHOTS = {
    "first-run.png": "the first run: the clinic and its first account, an admin",
    "login.png": "the login, as every start (and a locked window) shows it",
    "main-window.png": "the main window: the recent patients, the chosen patient's visits",
    "visit-complaints.png": "a visit: the body chart and the complaint, with the live triage panel",
    "visit-screening.png": "a visit: the screening cards (hips and ankles recorded)",
    "visit-plan.png": "a visit: the home-exercise plan triage proposes",
    "visit-print.png": "a visit: the print preview of the patient's handout",
    "settings.png": "the settings dialog: the clinic profile",
}
CLINICIAN = "Sam Lee, PT, DPT"
# The screenshots' own account, in their throwaway database.
DEMO_USER, DEMO_PASSWORD, DEMO_LICENCE = "sam", "screenshot password", "PT-004711"
DEMO_CLINIC = ClinicProfile(
    name="Riverside Physical Therapy",
    address="12 Mill Lane\nSpringfield",
    phone="(555) 010-2000",
    emergency_number="911",
    email="front.desk@example.com",
    booking="Call us or ask at the front desk to book your next visit.",
    booking_es="Llámenos o pregunte en recepción para reservar su próxima cita.",
)
TIMEOUT_S = 30.0
# Added to every file name: "-es" for the Spanish screens (--language es).
FILE_SUFFIX = [""]
# --layouts: the window sizes and themes the layout must hold at.
LAYOUT_SIZES = ((1024, 700), (1280, 800), (1920, 1080))
LAYOUT_THEMES: tuple[Theme, ...] = ("light", "dark")


def pump(milliseconds: int) -> None:
    """Run the event loop for a while. (QTest.qWait would hold Python's GIL as it waits, starving the
    app's background lanes, which run Python code; QEventLoop.exec lets them run.)"""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Let the app run (its lanes deliver through the event loop) until the condition holds."""
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        pump(20)


def settle() -> None:
    """Let pending layouts, paints and short timers run before a picture is taken."""
    pump(300)


def knee_patient_mrn(today: dt.date) -> str:
    """A demo patient whose story is a left knee and whose visits are all finished."""
    visits_by_mrn: dict[str, list[bool]] = {}
    for visit in demo_visits(today):
        left_knee = all(c.region is Region.KNEE and c.side is Side.LEFT for c in visit.complaints)
        final = visit.visit.status is VisitStatus.FINAL
        visits_by_mrn.setdefault(visit.patient.mrn, []).append(left_knee and final)
    return next(mrn for mrn, fine in visits_by_mrn.items() if all(fine))


def knee_visit_form(day: dt.date) -> VisitForm:
    """Left knee pain on the stairs; the left calf is tight (heel lifts, knee short of the wall)."""
    return VisitForm(
        date=day.isoformat(),
        clinician=CLINICIAN,
        complaints=[ComplaintEntry("knee", "left", "6", "Worse on stairs and after sitting")],
        red_flags=dict.fromkeys(load_catalogue().red_flags, "absent"),
        screenings={
            ScreenId.HIP_MOBILITY.value: {
                "left.knee_bent_when_raised": "false",
                "right.knee_bent_when_raised": "false",
                "left.foot_turned_out_when_resting": "false",
                "right.foot_turned_out_when_resting": "false",
            },
            ScreenId.ANKLE_MOBILITY.value: {
                "left.knee_touches_wall": "false",
                "right.knee_touches_wall": "true",
                "left.heel_lifted": "true",
                "right.heel_lifted": "false",
                "left.toe_to_wall_cm": "6",
                "right.toe_to_wall_cm": "11",
            },
            ScreenId.PELVIC_HEIGHT.value: {"result": "level"},
        },
    )


def demo_clinic(url: str) -> Clinic:
    """The screenshots' database, logged in as their therapist (made, an admin, if it has no account)."""
    from clinic_app.clinic import FirstAdmin

    clinic = Clinic.open(url)
    if clinic.start_up_state().has_accounts:
        clinic.log_in(DEMO_USER, DEMO_PASSWORD)
    else:
        clinic.create_first_admin(FirstAdmin(DEMO_USER, CLINICIAN, DEMO_LICENCE, DEMO_PASSWORD), DEMO_CLINIC)
    return clinic


def log_in(window: MainWindow) -> None:
    """Type the user name and password into the login page, as the therapist does at start."""
    from PySide6.QtTest import QTest

    page = window.login_page
    wait_until(lambda: page.ready, "the login page")
    QTest.keyClicks(page.username, DEMO_USER)
    QTest.keyClicks(page.password, DEMO_PASSWORD)
    page.submit_button.click()
    wait_until(lambda: window.user is not None, "the login")


def record_knee_visit(url: str, mrn: str) -> str:
    """Start today's visit for the patient and leave it as a draft, as an interrupted session would."""
    clinic = demo_clinic(url)
    found = clinic.find_patients(mrn)
    opened = clinic.start_visit(found[0].id, dt.date.today())
    form = knee_visit_form(dt.date.today())
    visit = form.to_visit(opened.patient.patient, opened.stored.id)
    clinic.save_draft(opened.stored.id, form.to_json(), visit, opened.stored.version)
    return opened.stored.id


def save(widget: QWidget, path: Path) -> None:
    path = path.with_stem(path.stem + FILE_SUFFIX[0])
    settle()
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    print(f"saved {path}")


def take_screenshots(output: Path, workspace: Path) -> list[Path]:
    url = f"sqlite:///{(workspace / 'clinic.db').as_posix()}"
    window = MainWindow(
        open_clinic=lambda: Clinic.open(url),
        tasks=BackgroundTasks("database"),
        render_tasks=BackgroundTasks("documents"),
    )
    window.resize(WINDOW_SIZE)
    window.show()
    wait_until(lambda: window.first_run is not None, "the first-run page")
    saved: list[Path] = []
    shots = iter(SCREENSHOTS)

    def shot(widget: QWidget) -> None:
        window.statusBar().clearMessage()  # "Data: /tmp/..." would show a throwaway path
        path = output / next(shots)
        save(widget, path)
        saved.append(path)

    shot(window)  # the first run, as a new install shows it
    window.close()
    demo_clinic(url).save_settings(DEMO_CLINIC, DocumentSettings(), 10)
    window = MainWindow(
        open_clinic=lambda: Clinic.open(url),
        tasks=BackgroundTasks("database"),
        render_tasks=BackgroundTasks("documents"),
    )
    window.resize(WINDOW_SIZE)
    window.show()
    wait_until(lambda: window.login_page.ready, "the login page")
    shot(window)
    log_in(window)

    # The welcome page's "Load demo patients"; then the knee patient is chosen in the list, showing their visits.
    window.load_demo()
    wait_until(lambda: window.patients.results.count() > 0, "the demo patients")
    mrn = knee_patient_mrn(dt.date.today())
    results = window.patients.results
    row = next(i for i in range(results.count()) if f" {mrn}" in results.item(i).text())
    results.setCurrentRow(row)
    results.setFocus()
    wait_until(lambda: window.patients.visits.count() > 0, "the patient's visits")
    shot(window)

    visit_id = record_knee_visit(url, mrn)
    window.open_visit(visit_id)
    wait_until(lambda: window.editor is not None and window.editor.stored.id == visit_id, "the visit")
    editor = window.editor
    assert editor is not None
    editor.tabs.setCurrentWidget(editor.complaints)
    shot(window)
    editor.tabs.setCurrentWidget(editor.screening)
    # A knee visit records the hips and ankles: scroll them into view (shoulders and head come first).
    scroller = editor.screening.findChild(QScrollArea)
    assert scroller is not None
    settle()
    scroller.verticalScrollBar().setValue(editor.screening.card(ScreenId.HIP_MOBILITY).y())
    shot(window)
    editor.tabs.setCurrentWidget(editor.plan)
    shot(window)
    editor.tabs.setCurrentWidget(editor.preview)
    wait_until(lambda: editor.preview.page_count > 0, "the handout preview")
    shot(window)

    from ui.settings.settings_dialog import SettingsDialog

    assert window.profile is not None
    assert window.document_settings is not None
    dialog = SettingsDialog(window.profile, window.document_settings, parent=window)
    dialog.show()
    wait_until(dialog.isVisible, "the settings dialog")
    shot(dialog)
    dialog.reject()

    window.close()
    return saved


def take_layout_screenshots(output: Path, workspace: Path) -> list[Path]:
    """The knee visit's sections at each LAYOUT_SIZES, in each theme."""
    from ui.theme import apply_theme

    url = f"sqlite:///{(workspace / 'layouts.db').as_posix()}"
    clinic = demo_clinic(url)
    clinic.save_settings(DEMO_CLINIC, DocumentSettings(), 10)
    clinic.load_demo()
    visit_id = record_knee_visit(url, knee_patient_mrn(dt.date.today()))
    window = MainWindow(
        open_clinic=lambda: Clinic.open(url),
        tasks=BackgroundTasks("database"),
        render_tasks=BackgroundTasks("documents"),
    )
    window.show()
    log_in(window)
    wait_until(lambda: window.editor is not None and window.editor.stored.id == visit_id, "the visit")
    editor = window.editor
    assert editor is not None
    saved: list[Path] = []
    for theme in LAYOUT_THEMES:
        apply_theme(theme)
        for width, height in LAYOUT_SIZES:
            window.resize(width, height)
            sections = {
                "complaints": editor.complaints,
                "red-flags": editor.red_flags,
                "screening": editor.screening,
                "plan": editor.plan,
                "print": editor.preview,
            }
            for name, section in sections.items():
                editor.tabs.setCurrentWidget(section)
                if section is editor.preview:
                    wait_until(lambda: editor.preview.page_count > 0, "the handout preview")
                window.statusBar().clearMessage()
                path = output / f"layout-{width}x{height}-{theme}-{name}.png"
                save(window, path)
                saved.append(path)
    apply_theme("system")
    window.close()
    return saved


def take_progress_screenshots(output: Path, workspace: Path) -> list[Path]:
    """The demo patient Teresa Ramos's episode (progress, charts), a follow-up visit's screening
    beside last time, its outcome measures and the patient's large-type mode, in each theme."""
    from ui.outcomes.outcomes_dialog import OutcomesDialog
    from ui.theme import apply_theme
    from ui.widgets.measurement_field import MeasurementField

    url = f"sqlite:///{(workspace / 'progress.db').as_posix()}"
    clinic = demo_clinic(url)
    clinic.save_settings(DEMO_CLINIC, DocumentSettings(), 10)
    clinic.load_demo()
    window = MainWindow(
        open_clinic=lambda: Clinic.open(url),
        tasks=BackgroundTasks("database"),
        render_tasks=BackgroundTasks("documents"),
    )
    window.resize(WINDOW_SIZE)
    window.show()
    log_in(window)
    panel = window.patients
    panel.search.setText("D-1021")
    wait_until(lambda: panel.results.count() == 1, "the demo patient")
    panel.results.setCurrentRow(0)
    wait_until(lambda: panel.episodes.count() > 0, "her episodes")
    saved: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        window.statusBar().clearMessage()
        settle()
        path = output / name
        save(widget, path)
        saved.append(path)

    control = window.episode_control
    control.open_episode(panel.episodes.item(0).data(Qt.ItemDataRole.UserRole))
    wait_until(lambda: window.stack.currentWidget() is control.view, "the progress page")
    for theme in LAYOUT_THEMES:
        apply_theme(theme)
        shot(window, f"progress-{theme}.png")
    control.follow_up(control.view.episode_id or "")
    wait_until(lambda: window.editor is not None, "the follow-up visit")
    editor = window.editor
    assert editor is not None
    editor.tabs.setCurrentWidget(editor.screening)
    card = editor.screening.card(ScreenId.ANKLE_MOBILITY)
    field = card.inputs["left.toe_to_wall_cm"]
    assert isinstance(field, MeasurementField)
    field.edit.setText("11")
    field.edited.emit()  # as typing does: the form takes it, the comparison follows
    scroller = editor.screening.findChild(QScrollArea)
    assert scroller is not None
    settle()
    scroller.verticalScrollBar().setValue(card.y())
    dialog = editor.open_outcomes()
    assert isinstance(dialog, OutcomesDialog)
    wait_until(lambda: dialog.progress is not None, "the visit's outcome measures")
    index = next(i for i in range(dialog.measure.count()) if dialog.measure.itemText(i).startswith("NPRS"))
    dialog.measure.setCurrentIndex(index)
    for theme in LAYOUT_THEMES:
        apply_theme(theme)
        dialog.hide()
        shot(window, f"follow-up-screening-{theme}.png")
        dialog.show()
        shot(dialog, f"outcome-measures-{theme}.png")
    mode = dialog.hand_to_patient()
    assert mode is not None
    mode.setWindowState(mode.windowState() & ~mode.windowState().WindowFullScreen)
    mode.resize(WINDOW_SIZE)
    for theme in LAYOUT_THEMES:
        apply_theme(theme)
        shot(mode, f"patient-mode-{theme}.png")
    mode.reject()
    dialog.reject()
    apply_theme("system")
    window.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="folder for the PNG files")
    parser.add_argument(
        "--layouts",
        action="store_true",
        help="instead: each visit section at 1024x700, 1280x800 and 1920x1080 in the light and dark themes",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="instead: an episode's progress, a follow-up, its outcome measures, light and dark",
    )
    parser.add_argument(
        "--language",
        choices=("en", "es"),
        default="en",
        help="the language of the screens (es: Spanish, files named *-es.png)",
    )
    args = parser.parse_args(argv)
    output: Path = args.output
    output.mkdir(parents=True, exist_ok=True)
    qInstallMessageHandler(_print_qt_warning)
    with tempfile.TemporaryDirectory(prefix="clinic-app-screenshots-") as workspace:
        # Window layout and the last clinician go here, not into the user's settings.
        for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(kind, QSettings.Scope.UserScope, workspace)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Clinic App")
        app.setOrganizationName("Clinic App")
        app.setApplicationDisplayName("Clinic App")
        print(f"display: {app.platformName()}")
        if install_language(args.language) != args.language:
            print("the Spanish translations are not compiled: run python3 dev.py app once", file=sys.stderr)
            return 1
        FILE_SUFFIX[0] = "" if args.language == "en" else f"-{args.language}"
        if args.layouts:
            take_layout_screenshots(output, Path(workspace))
        elif args.progress:
            take_progress_screenshots(output, Path(workspace))
        else:
            take_screenshots(output, Path(workspace))
    return 0


def _print_qt_warning(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg and "propagateSizeHints" not in message:
        print(f"Qt warning: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
