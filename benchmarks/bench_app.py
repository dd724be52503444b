"""The desktop app: start-up, live triage on an edit, main-thread stalls, memory after a visit.

Floors, measured in the same run: a bare PySide6 QMainWindow process (start-up and memory).
The triage update and the stalls have absolute goals (a frame is 16 ms; 50 ms is felt).
"""

from __future__ import annotations

import compileall
import functools
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.timing import Timing, measure, result

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "examples" / "knee-left-tight-calf.visit.json"
STARTUP_RUNS = 15  # start-up is noisy on a shared machine; the median of many is steadier

# A child's own peak memory. Not ru_maxrss alone: on Linux it also counts the parent's memory at
# the fork, which made the bare window's floor the size of the benchmark runner (73 MiB, not 45).
PEAK_RSS = """
def peak_rss_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:  # no /proc
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
# Both children print READY on the first turn of their event loop, with the window shown.
BARE_WINDOW = (
    PEAK_RSS
    + """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1280, 800); window.show()
QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))
app.exec()
print("RSS_KB", peak_rss_kb(), flush=True)
"""
)
CLINIC_APP = """
import resource, sys
from PySide6.QtCore import QTimer
from ui.app import start
app, window = start(sys.argv)  # what `clinic-app` does before showing its window
window.show()
QTimer.singleShot(0, lambda: print("READY", flush=True))
# Then let the database finish opening on its lane, as it would in use, before closing.
poll = QTimer(); poll.timeout.connect(lambda: window.clinic is not None and app.quit()); poll.start(5)
app.exec()
window.close()
"""
FULL_VISIT = (
    PEAK_RSS
    + """
from benchmarks.bench_app import record_full_visit
record_full_visit()
print("RSS_KB", peak_rss_kb(), flush=True)
"""
)


BENCH_USER, BENCH_PASSWORD = "bench", "benchmark password"


def _child_env(database: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env["CLINIC_APP_DATABASE_URL"] = f"sqlite:///{database}"
    for place in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):  # settings and log file
        env[place] = str(database.parent)
    return env


def _time_to_ready(script: str, env: dict[str, str]) -> int:
    start = time.perf_counter_ns()
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "READY":
            ready = time.perf_counter_ns() - start
            break
    else:
        raise RuntimeError("the child never became ready")
    child.communicate(timeout=60)
    return ready


def _peak_rss_kb(script: str, env: dict[str, str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    return int(next(line.split()[1] for line in done.stdout.splitlines() if line.startswith("RSS_KB")))


def startup_and_memory(folder: Path) -> list[dict[str, Any]]:
    env = _child_env(folder / "start.db")
    _compile_bytecode()
    _time_to_ready(CLINIC_APP, env)  # the first start creates and migrates the database
    ours, bare = [], []
    for _ in range(STARTUP_RUNS):  # alternate, so background load hits both alike
        bare.append(_time_to_ready(BARE_WINDOW, env))
        ours.append(_time_to_ready(CLINIC_APP, env))
    rows = [
        result(
            "app start to interactive window",
            Timing(tuple(ours)),
            "bare QMainWindow",
            Timing(tuple(bare)),
            "<= 1.5x",
        )
    ]
    bare_kb = _peak_rss_kb(BARE_WINDOW, env)
    # The first visit makes the database and its first account; the next logs in, as on any day.
    first_kb = _peak_rss_kb(FULL_VISIT, _child_env(folder / "visit.db"))
    visit_kb = _peak_rss_kb(FULL_VISIT, _child_env(folder / "visit.db"))
    rows.append(_memory_row("peak memory after a full visit", visit_kb, bare_kb, "<= 2.5x"))
    rows.append(_memory_row("peak memory: the first visit, on a new database", first_kb, bare_kb, "report"))
    return rows


def _memory_row(name: str, peak_kb: int, bare_kb: int, goal: str) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(peak_kb / 1024, 1),
        "unit": "MiB",
        "floor_name": "bare QMainWindow",
        "floor_value": round(bare_kb / 1024, 1),
        "ratio": round(peak_kb / bare_kb, 2),
        "goal": goal,
    }


def _compile_bytecode() -> None:
    """As an installed app has it (pip compiles on install). Where PYTHONDONTWRITEBYTECODE is set,
    as on the project's machines, each start would otherwise compile ui/ and clinic_app/ from
    source: some 80 ms that no user's start pays. Written to the __pycache__ folders git ignores."""
    for package in ("ui", "clinic_app"):
        compileall.compile_dir(ROOT / package, quiet=1)


# ---- in-process: a real editor on a real database -----------------------------------------------


def _application() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.app import responsive_threads

    responsive_threads()  # as the app does at start

    return QApplication.instance() or QApplication([])


def _open_editor(clinic: Any, tasks: Any, render_tasks: Any) -> Any:
    editor = _build_editor(clinic, _start_visit(clinic), tasks, render_tasks)
    editor.show()
    return editor


def _start_visit(clinic: Any) -> tuple[Any, Any]:
    """The database side of opening a visit (the app does it on the database lane)."""
    from clinic_app.visit_form import VisitForm
    from clinic_app.visitdoc import parse_visit_document

    visit = parse_visit_document(EXAMPLE.read_text(encoding="utf-8"))
    patient = clinic.patients.find_by_mrn(visit.patient.mrn) or clinic.patients.add(visit.patient)
    opened = clinic.start_visit(patient.id, visit.visit.date)
    return opened, VisitForm.from_visit(visit, _flags())


def _build_editor(clinic: Any, started: tuple[Any, Any], tasks: Any, render_tasks: Any) -> Any:
    """The window side of opening a visit: the editor, built on the main thread."""
    from ui.visit.editor import VisitEditor

    opened, form = started
    editor = VisitEditor(
        patient=opened.patient.patient,
        stored=opened.stored,
        form=form,
        tasks=tasks,
        save_draft=clinic.save_draft,
        finish=clinic.finish_visit,
        render_tasks=render_tasks,
    )
    editor.resize(1200, 800)
    return editor


def logged_in(clinic: Any) -> Any:
    """The clinic as its benchmark account uses it (made, an admin, on a database with none)."""
    from clinic_app.clinic import FirstAdmin
    from clinic_app.domain import ClinicProfile

    if clinic.start_up_state().has_accounts:
        clinic.log_in(BENCH_USER, BENCH_PASSWORD)
    else:
        admin = FirstAdmin(BENCH_USER, "Bench Tester, PT", None, BENCH_PASSWORD)
        clinic.create_first_admin(
            admin, ClinicProfile(name="Bench PT", phone="555-0100", emergency_number="911")
        )
    return clinic


def _flags() -> list[str]:
    from clinic_app.catalogue import load_catalogue

    return list(load_catalogue().red_flags)


def record_full_visit() -> None:
    """Everything a visit does, for the memory figure: record, triage, preview, print to a file."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.tasks import SynchronousTasks

    app = _application()
    # The core after the desktop layer, as in the app (ui.app starts it; the core opens later).
    from clinic_app.clinic import Clinic

    clinic = logged_in(Clinic.open())
    editor = _open_editor(clinic, SynchronousTasks(), SynchronousTasks())
    editor.screening.changed.emit()
    editor.tabs.setCurrentWidget(editor.preview)
    app.processEvents()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    with tempfile.TemporaryDirectory() as folder:
        printer.setOutputFileName(str(Path(folder) / "handout.pdf"))
        editor.preview.print_on(printer)
    editor.save_now()


def triage_on_edit(clinic: Any) -> dict[str, Any]:
    from ui.tasks import SynchronousTasks

    _application()
    editor = _open_editor(clinic, SynchronousTasks(), SynchronousTasks())
    timing = measure(editor.screening.changed.emit, runs=200, warmup=10)
    editor.autosave.cancel_pending()
    editor.close()
    editor.deleteLater()
    floor = measure(lambda: None, runs=200, warmup=10)
    return result("edit -> triage panel updated", timing, "empty call", floor, goal="median < 16 ms")


def main_thread_stalls(clinic: Any) -> list[dict[str, Any]]:
    """The longest gap between turns of the event loop while work runs on the background lanes."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.tasks import BackgroundTasks

    app = _application()
    tasks, render_tasks = BackgroundTasks("database"), BackgroundTasks("documents")
    started = _start_visit(clinic)
    editors: list[Any] = []

    def open_visit() -> None:
        # Building the editor and its first paint: a response to a click, on the main thread.
        editors.append(_build_editor(clinic, started, tasks, render_tasks))
        editors[-1].show()
        _spin(app, 0.1)

    opening = _longest_stall(app, open_visit, (tasks, render_tasks))
    editor = editors[-1]
    rows = [
        {
            "name": "open a visit: editor built and first painted",
            "value": round(opening * 1000, 1),
            "unit": "ms",
            "goal": "< 100 ms (a response to a click)",
        }
    ]

    def autosave() -> None:
        for _ in range(20):
            editor.screening.changed.emit()
            editor.save_now()
            _spin(app, 0.02)

    def search() -> None:
        for text in ("n", "nu", "nun", "nune", "nunez", "g", "ga", "gar", "garc"):
            tasks.run(functools.partial(clinic.find_patients, text))
            _spin(app, 0.03)

    def preview() -> None:
        editor.tabs.setCurrentWidget(editor.preview)
        _spin(app, 0.3)
        render_tasks.wait()
        _spin(app, 0.05)

    def print_to_file() -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(Path(tempfile.mkdtemp()) / "handout.pdf"))
        editor.preview.print_on(printer)
        _spin(app, 0.1)
        render_tasks.wait()

    def print_rasterised() -> None:
        # What a real printer gets: every page painted as a 300 dpi picture on the documents lane.
        pdf = editor.preview.pdf_bytes
        render_tasks.run(lambda: _raster_print(pdf))
        _spin(app, 0.1)

    def warm_up_documents() -> None:
        # What the app does as soon as the database is open.
        from ui.warm_up import warm_up_documents

        warm_up_documents(render_tasks)
        _spin(app, 0.05)

    activities = (
        ("documents warm-up after start", warm_up_documents),
        ("autosave", autosave),
        ("search as you type", search),
        ("handout preview", preview),
        ("print to a PDF file", print_to_file),
        ("print to a printer (pages as pictures)", print_rasterised),
    )
    for name, activity in activities:
        worst = _longest_stall(app, activity, (tasks, render_tasks))
        rows.append(
            {
                "name": f"longest main-thread stall: {name}",
                "value": round(worst * 1000, 1),
                "unit": "ms",
                "goal": "< 50 ms",
            }
        )
    editor.close()
    return rows


def visit_switching(clinic: Any) -> dict[str, Any]:
    """From one open visit to another, as the visit list does: the open one saved, the other read
    from the database (its draft restored), its editor built and first painted. Synchronous here:
    the whole switch, both lanes' work included, as the user waits for it."""
    from ui.tasks import SynchronousTasks

    app = _application()
    tasks = SynchronousTasks()
    ids = [_start_visit(clinic)[0].stored.id for _ in range(2)]
    shown: list[Any] = [None]

    def switch(visit_id: str) -> None:
        if shown[0] is not None:
            shown[0].save_now()
            shown[0].close()
            shown[0].deleteLater()
        opened = clinic.open_visit(visit_id)
        editor = _build_editor(clinic, (opened, opened.form), tasks, tasks)
        editor.show()
        app.processEvents()  # the first paint, and the deleted editor gone
        shown[0] = editor

    turns = itertools.cycle(ids)
    timing = measure(lambda: switch(next(turns)), runs=20, warmup=4)
    shown[0].autosave.cancel_pending()
    shown[0].close()
    floor = measure(lambda: _bare_window_shown(app), runs=20, warmup=4)
    return result(
        "switch between two visits (save, read, build, paint)",
        timing,
        "a bare QMainWindow made and shown",
        floor,
        goal="median < 100 ms",
    )


def _bare_window_shown(app: Any) -> None:
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    window.close()
    window.deleteLater()


def _raster_print(pdf: bytes) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from ui.visit.printing import paint_pages

    with tempfile.TemporaryDirectory() as folder:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(Path(folder) / "out.pdf"))
        paint_pages(pdf, printer)


def _spin(app: Any, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def _longest_stall(app: Any, activity: Any, lanes: tuple[Any, ...]) -> float:
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(2)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()
    activity()
    for lane in lanes:
        while not _idle(lane):
            _spin(app, 0.01)
    heartbeat.stop()
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    return max(gaps, default=0.0)


def _idle(lane: Any) -> bool:
    return not lane.busy()


def _seed_patients(clinic: Any, count: int) -> None:
    import datetime as dt

    from sqlalchemy import insert

    from clinic_app.storage.mrn import mrn_fold
    from clinic_app.storage.orm import PatientRow
    from clinic_app.storage.search_key import search_key

    now = dt.datetime.now(dt.UTC)
    rows = []
    for n in range(count):
        given, family = f"Ana{n % 97}", f"Núñez{n}" if n % 3 else f"García{n}"
        rows.append(
            {
                "mrn": f"S-{n:06d}",
                "given_name": given,
                "family_name": family,
                "mrn_fold": mrn_fold(f"S-{n:06d}"),
                "mrn_key": search_key(f"S-{n:06d}"),
                "family_given_key": search_key(f"{family} {given}"),
                "given_family_key": search_key(f"{given} {family}"),
                "created_at": now,
                "updated_at": now,
            }
        )
    with clinic.database.sessions.begin() as session:
        session.execute(insert(PatientRow), rows)


def run() -> list[dict[str, Any]]:
    from clinic_app.clinic import Clinic

    with tempfile.TemporaryDirectory() as folder:
        rows = startup_and_memory(Path(folder))
        clinic = logged_in(Clinic.open(f"sqlite:///{Path(folder) / 'bench.db'}"))
        _seed_patients(clinic, 20_000)
        rows.append(triage_on_edit(clinic))
        rows.append(visit_switching(clinic))
        rows += main_thread_stalls(clinic)
        clinic.database.dispose()
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
