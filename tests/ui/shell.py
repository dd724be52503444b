"""Shared by the main-window tests: a real MainWindow on a throwaway database, driven by keys and clicks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from clinic_app.catalogue import load_catalogue
from clinic_app.clinic import Clinic
from clinic_app.domain import ClinicProfile, DocumentSettings, Patient
from clinic_app.storage.unlocking import create_with_first_admin
from clinic_app.visit_form import ComplaintEntry, VisitForm
from tests.clinic_app.logins import ADMIN, ADMIN_NAME, PASSWORD, first_admin
from ui.main_window import MainWindow
from ui.tasks import SynchronousTasks, Tasks
from ui.theme import apply_theme

Key = Qt.Key
ALT, CTRL, SHIFT = (
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
NONE = Qt.KeyboardModifier.NoModifier
# A menu opened off screen: the offscreen platform says it cannot grab the keyboard for the popup
# (nor raise a window); the keys still reach the menu, which is what these tests check.
OFFSCREEN_MENUS = pytest.mark.qt_log_ignore(
    "This plugin does not support grabbing the keyboard", "This plugin does not support raise"
)
PATIENT = Patient(mrn="SH-1", given_name="Lena", family_name="Marsh", birth_date=dt.date(1970, 5, 6))
CLINIC = ClinicProfile(name="Harbour PT", phone="555-0100", emergency_number="911")


@pytest.fixture
def own_settings(tmp_path: Path) -> Iterator[None]:
    """QSettings (theme, window layout) in tmp_path; the app's colours back to the system's afterwards."""
    formats = (QSettings.Format.NativeFormat, QSettings.Format.IniFormat)
    usual = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    for kind in formats:
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    apply_theme("system")
    for kind in formats:
        QSettings.setPath(kind, QSettings.Scope.UserScope, usual)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """One key press where the keyboard is: the open menu, else the focused widget."""
    target = QApplication.activePopupWidget() or focused()
    qtbot.keyClick(target, key, modifiers)


def open_menu(qtbot: QtBot, letter: Key) -> QMenu:
    """Alt and the menu's underlined letter, as from the keyboard; returns the menu that opened."""
    press(qtbot, letter, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def menu_item(qtbot: QtBot, menu_letter: Key, *item_letters: Key) -> None:
    """Alt+letter opens a menu; each further letter picks the item (or submenu) underlined with it."""
    open_menu(qtbot, menu_letter)
    for letter in item_letters:
        press(qtbot, letter)


def logged_in_clinic(url: str) -> Clinic:
    """The clinic at url, logged in as its admin. Without an account yet the admin is made first, as
    the first run makes it: a SQLite database is then encrypted, and opens at each login."""
    clinic = Clinic.open(url)
    if not clinic.start_up_state().has_accounts:
        if clinic.is_open:  # a server's database (or a plaintext file kept from before encryption)
            first_admin(clinic.database)
        else:
            made = create_with_first_admin(make_url(url), ADMIN, ADMIN_NAME, PASSWORD)
            made.database.dispose()
    clinic.log_in(ADMIN, PASSWORD)
    return clinic


def click(qtbot: QtBot, widget: QWidget) -> None:
    """A left click on a control the user can see and use (failing, by its name, when they cannot)."""
    assert widget.isVisible(), widget.objectName()
    assert widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot: QtBot, box: QWidget) -> None:
    """Click a check box on its square (its text may end well before the widget does)."""
    assert box.isVisible(), box.objectName()
    assert box.isEnabled(), box.objectName()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def log_in(qtbot: QtBot, window: MainWindow, username: str = ADMIN, password: str = PASSWORD) -> None:
    """As the therapist does at start: user name, password, Enter; then wait for their patients."""
    page = window.login_page
    qtbot.waitUntil(lambda: window.central.currentWidget() is page and page.isVisible() and page.ready)
    if page.username.isVisible():
        page.username.setFocus()
        page.username.selectAll()
        qtbot.keyClicks(page.username, username)
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Key.Key_Return)
    try:
        qtbot.waitUntil(lambda: window.user is not None and not window.locked)
    except TimeoutError as error:
        raise AssertionError(f"not logged in: {page.error.text()!r}") from error


def start_window(
    qtbot: QtBot,
    url: str,
    *,
    tasks: Tasks | None = None,
    render_tasks: Tasks | None = None,
    backup_tasks: Tasks | None = None,
    size: tuple[int, int] | None = (1400, 900),
    clinic_type: type[Clinic] = Clinic,
    activate: bool = True,
    login: bool = True,
) -> MainWindow:
    """The app as it starts on the database at url (given an admin account if it has none), logged in."""
    logged_in_clinic(url).database.dispose()  # the account exists before the window looks
    window = MainWindow(
        open_clinic=lambda: clinic_type.open(url),
        tasks=tasks or SynchronousTasks(),
        render_tasks=render_tasks or SynchronousTasks(),
        backup_tasks=backup_tasks,
    )
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if activate:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    if login:
        log_in(qtbot, window)
    return window


def open_window(
    qtbot: QtBot, url: str, tasks: Tasks | None = None, size: tuple[int, int] = (1400, 900)
) -> MainWindow:
    window = start_window(qtbot, url, tasks=tasks, size=size)
    qtbot.waitUntil(lambda: window.clinic is not None and window.profile is not None)
    return window


def knee_form() -> VisitForm:
    """A visit with a complaint, every red flag No, and a tight left calf: the plan has exercises."""
    return VisitForm(
        date=dt.date.today().isoformat(),
        clinician="Sam Lee, PT",
        complaints=[ComplaintEntry("knee", "left", "6", "")],
        red_flags=dict.fromkeys(load_catalogue().red_flags, "absent"),
        screenings={"ankle_mobility": {"left.knee_touches_wall": "false", "left.heel_lifted": "true"}},
    )


def clinic_with_visit(url: str, form: VisitForm | None = None, profile: ClinicProfile = CLINIC) -> str:
    """A database with the clinic's profile, one patient and a draft visit; returns the visit's id."""
    clinic = logged_in_clinic(url)
    clinic.save_settings(profile, DocumentSettings(), 10)
    stored = clinic.add_patient(PATIENT)
    opened = clinic.start_visit(stored.id, dt.date.today())
    if form is not None:
        visit = form.to_visit(opened.patient.patient, opened.stored.id)
        clinic.save_draft(opened.stored.id, form.to_json(), visit, opened.stored.version)
    return opened.stored.id


def window_with_visit(qtbot: QtBot, tmp_path: Path, form: VisitForm | None = None) -> MainWindow:
    """The app reopened on a draft visit (as after an interruption): the visit is open in the editor."""
    url = f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"
    visit_id = clinic_with_visit(url, form if form is not None else knee_form())
    window = open_window(qtbot, url)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.stored.id == visit_id)
    return window
