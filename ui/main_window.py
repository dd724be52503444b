"""The main window: find or add the patient on the left, record the visit on the right.

All database work goes through the Clinic services on the database lane; the window only
ever sees plain values delivered back on the main thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QRect,
    QSettings,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.backups import BackupBanner, BackupControl
from ui.core_words import core_message
from ui.language import QT_TRANSLATE_NOOP, role_name, save_language, saved_language
from ui.patients.patient_panel import PatientPanel
from ui.session.idle_lock import IdleLock
from ui.tasks import Tasks
from ui.theme import Theme, apply_theme, save_theme, saved_theme
from ui.warm_up import warm_up_documents

if TYPE_CHECKING:
    # The window must appear fast: the core (pydantic, SQLAlchemy) and the visit editor are
    # imported when first needed, the database on its own lane. So are message boxes, dates and
    # the core's errors (its dataclasses): each costs the first paint a millisecond or more.
    from clinic_app.accounts import SessionUser
    from clinic_app.clinic import Clinic, FirstAdmin, OpenedVisit, SessionState
    from clinic_app.domain import ClinicProfile, DocumentSettings, Patient
    from clinic_app.storage.records import StoredPatient
    from ui.help import HelpWindow
    from ui.progress.episode_control import EpisodeControl
    from ui.session.first_run_page import FirstRunPage
    from ui.session.login_page import LoginPage
    from ui.session.recovery_page import RecoveryKeyPage
    from ui.visit.editor import VisitEditor

log = logging.getLogger(__name__)

OPEN_WITHOUT_PAINT_MS = 300
# The visit editor's sections, in its tab order (View menu; Alt+1 to Alt+5).
SECTION_TITLES = (
    QT_TRANSLATE_NOOP("main_window", "Complaints"),
    QT_TRANSLATE_NOOP("main_window", "Red flags"),
    QT_TRANSLATE_NOOP("main_window", "Screening"),
    QT_TRANSLATE_NOOP("main_window", "Plan"),
    QT_TRANSLATE_NOOP("main_window", "Print"),
)
TOOLBAR_ACTIONS = ("new_patient", "find", "new_visit", "save", "print", "finish", "settings")
# What anyone may use with no one logged in (or the window locked): nothing that shows patient data.
SIGNED_OUT_ACTIONS = frozenset({"quit", "how_to_use", "about", "about_qt", "undo", "redo"})
# The actions a role may or may not be offered (the core checks each again): action -> permission.
ROLE_ACTIONS = {
    "new_patient": "record",
    "import_patients": "record",
    "find": "view",
    "new_visit": "record",
    "settings": "settings",
    "audit": "audit",
    "accounts": "manage_accounts",
    "wording": "settings",
    "lock": "view",
    "switch_user": "view",
    "back_up_now": "backup",
}
DEFAULT_LOCK_MINUTES = 10
VISIT_ACTIONS = ("save", "print", "save_pdf", "finish")
# What the Print section says while it makes the document (File > Save as PDF waits for it).
PREPARING = QT_TRANSLATE_NOOP("PreviewSection", "Preparing the document…")  # its words there
# The window opens at this size, or smaller to fit the screen.
DEFAULT_SIZE = (1280, 800)
# The title bar and borders a window manager adds, until the window has been shown and they are known.
FRAME_GUESS = (16, 40)
# Where a platform has no standard key for a command (Settings and Quit on some Linux desktops).
FALLBACK_KEYS = {"settings": "Ctrl+,", "quit": "Ctrl+Q", "how_to_use": "F1"}
MINUTE_MS = 60_000


class MainWindow(QMainWindow):
    def __init__(
        self,
        open_clinic: Callable[[], Clinic],
        tasks: Tasks,
        render_tasks: Tasks,
        backup_tasks: Tasks | None = None,  # the daily backup's lane; by default the database lane
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Clinic App"))
        self.setObjectName("mainWindow")
        self._tasks, self._render_tasks = tasks, render_tasks
        self._backup_tasks = backup_tasks or tasks
        self.clinic: Clinic | None = None
        self.editor: VisitEditor | None = None
        self.profile: ClinicProfile | None = None  # loaded with the database
        self.document_settings: DocumentSettings | None = None
        self.help_window: HelpWindow | None = None
        self._last_focus: QWidget | None = None
        self.user: SessionUser | None = None  # logged in (the window may be locked)
        self.locked = False
        self.lock_minutes = DEFAULT_LOCK_MINUTES
        self.idle = IdleLock(self)
        self.idle.idle.connect(self.lock)
        self.patients = PatientPanel()
        self.stack = QStackedWidget()
        self.welcome = _WelcomePage()
        self.stack.addWidget(self.welcome)
        self.first_run: FirstRunPage | None = None  # made only for a database with no account
        self.recovery_page: RecoveryKeyPage | None = None  # once, when the database is made encrypted
        self.encrypt_button = QPushButton(
            self.tr("Encrypt this clinic's data…")
        )  # a database from before encryption
        self.encrypt_button.setObjectName("encryptDatabaseButton")
        self.encrypt_button.hide()
        self.encrypt_button.clicked.connect(self.encrypt_database)
        self.user_label = QLabel()
        self.user_label.setObjectName("loggedInLabel")
        self.user_label.setAccessibleName(self.tr("Logged in"))
        self.statusBar().addPermanentWidget(self.user_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.patients)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([340, 1060])  # wide enough to read a visit line; restored later
        # The patients and the visit, or instead of them (logged out, locked) the login page: made
        # once the database is open (until then a line says so), off the first paint.
        self._login_page: LoginPage | None = None
        self.opening = QLabel(self.tr("Opening the database…"))
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.central = QStackedWidget()
        self.central.setObjectName("centralStack")
        self.central.addWidget(self.splitter)
        self.central.addWidget(self.opening)
        self.backup_banner = BackupBanner()
        self.backups = BackupControl(
            self.backup_banner,
            self._backup_tasks,
            lambda: self.clinic if self.user is not None else None,
            lambda text: self.statusBar().showMessage(text, 10_000),
            self._show_error,
        )
        self.backup_banner.back_up_requested.connect(self.backups.back_up_now)
        self.backup_banner.settings_requested.connect(lambda: self.open_settings(backups=True))
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.backup_banner)
        column.addWidget(self.central, 1)
        self.setCentralWidget(body)
        self._make_actions()
        self._connect()
        self._episode_control: EpisodeControl | None = None  # made at the first login
        self.statusBar().showMessage(self.tr("Opening the database…"))
        self._set_visit_actions(False)
        self._restore_layout()
        self._show_signed_out()  # after the saved layout, which would show the toolbar again
        # Opened once the window has painted: the database lane's imports (pydantic, SQLAlchemy)
        # would otherwise compete for Python's lock with the first paint. A window that is not
        # painted soon (started minimised) opens it all the same.
        self._open_clinic: Callable[[], Clinic] | None = open_clinic
        QTimer.singleShot(OPEN_WITHOUT_PAINT_MS, self._start_opening)

    # ---- actions -----------------------------------------------------------------------------

    def _make_actions(self) -> None:
        """The menu bar and the toolbar: one QAction per command, shared by both, each with its shortcut.

        Menus open with Alt and their underlined letter (Alt+F, Alt+E, Alt+V, Alt+H); the buttons of
        the window use other letters, so that no Alt+letter means two things.
        """
        specs: list[tuple[str, str, Any, Callable[[], object]]] = [
            ("new_patient", self.tr("&New patient…"), QKeySequence.StandardKey.New, self.new_patient),
            ("import_patients", self.tr("I&mport patients from CSV…"), None, self.import_patients),
            ("find", self.tr("&Find patient…"), QKeySequence.StandardKey.Find, self.focus_search),
            ("new_visit", self.tr("New &visit"), "Ctrl+Shift+N", self.new_visit_for_selected),
            ("save", self.tr("&Save now"), QKeySequence.StandardKey.Save, self.save_now),
            ("print", self.tr("&Print…"), QKeySequence.StandardKey.Print, self.print_current),
            ("save_pdf", self.tr("Save as P&DF…"), "Ctrl+Shift+S", self.save_pdf_current),
            ("finish", self.tr("F&inish visit"), "Ctrl+Return", self.finish_current),
            ("settings", self.tr("Se&ttings…"), QKeySequence.StandardKey.Preferences, self.open_settings),
            ("accounts", self.tr("Acc&ounts…"), None, self.open_accounts),
            ("audit", self.tr("&Audit trail…"), None, self.open_audit_trail),
            ("wording", self.tr("Outcome measure wo&rding…"), None, self.open_measure_wording),
            ("back_up_now", self.tr("&Back up now"), None, self.back_up_now),
            ("lock", self.tr("&Lock"), "Ctrl+L", self.lock),
            ("switch_user", self.tr("S&witch user…"), None, self.switch_user),
            ("quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close),
            ("undo", self.tr("&Undo"), QKeySequence.StandardKey.Undo, self.undo),
            ("redo", self.tr("&Redo"), QKeySequence.StandardKey.Redo, self.redo),
            (
                "how_to_use",
                self.tr("&How to use Clinic App"),
                QKeySequence.StandardKey.HelpContents,
                self.show_help,
            ),
            ("about", self.tr("&About Clinic App"), None, self.show_about),
            ("about_qt", self.tr("About &Qt"), None, QApplication.aboutQt),
        ]
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, shortcut, slot in specs:
            action = QAction(text, self)
            action.setObjectName(_action_object_name(name))
            keys = _key_sequence(shortcut, name)
            if not keys.isEmpty():
                action.setShortcut(keys)
                plain = text.replace("&", "")
                action.setToolTip(f"{plain} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.actions_by_name[name] = action
        roles = {
            "settings": QAction.MenuRole.PreferencesRole,  # macOS: in the application menu
            "quit": QAction.MenuRole.QuitRole,
            "about": QAction.MenuRole.AboutRole,
            "about_qt": QAction.MenuRole.AboutQtRole,
        }
        for name, action in self.actions_by_name.items():
            action.setMenuRole(roles.get(name, QAction.MenuRole.NoRole))
        self.actions_by_name["undo"].setEnabled(False)
        self.actions_by_name["redo"].setEnabled(False)
        self._make_menus()
        self._make_toolbar()

    def _make_menus(self) -> None:
        act = self.actions_by_name
        bar = self.menuBar()
        bar.setObjectName("menuBar")
        file_items = [
            "new_patient",
            "import_patients",
            "new_visit",
            None,
            "save",
            "print",
            "save_pdf",
            "finish",
        ]
        menus: list[tuple[str, str, list[str | None]]] = [
            (
                "fileMenu",
                self.tr("&File"),
                [
                    *file_items,
                    None,
                    "settings",
                    "accounts",
                    "audit",
                    "wording",
                    "back_up_now",
                    None,
                    "lock",
                    "switch_user",
                    None,
                    "quit",
                ],
            ),
            ("editMenu", self.tr("&Edit"), ["undo", "redo", None, "find"]),
            ("viewMenu", self.tr("&View"), []),
            ("helpMenu", self.tr("&Help"), ["how_to_use", None, "about", "about_qt"]),
        ]
        self.menus: dict[str, QMenu] = {}
        for object_name, title, names in menus:
            menu = bar.addMenu(title)
            menu.setObjectName(object_name)
            menu.menuAction().setObjectName(object_name.replace("Menu", "MenuAction"))
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(act[name])
            self.menus[object_name] = menu
        self.menus["editMenu"].aboutToShow.connect(self._update_undo_actions)
        self._make_view_menu(self.menus["viewMenu"])

    def _make_view_menu(self, menu: QMenu) -> None:
        # The sections are the visit editor's tabs; Alt+1 to Alt+5 are their own underlined digits, so
        # the menu shows those keys (after the tab) without claiming them a second time.
        self.section_actions: list[QAction] = []
        for number, title in enumerate(SECTION_TITLES, start=1):
            action = QAction(
                self.tr("&{number} {title}\tAlt+{number}").format(
                    number=number, title=QCoreApplication.translate("main_window", title)
                ),
                self,
            )
            action.setObjectName(f"actionSection{number}")
            action.triggered.connect(lambda _checked=False, index=number - 1: self.show_section(index))
            menu.addAction(action)
            self.section_actions.append(action)
        menu.addSeparator()
        themes = menu.addMenu(self.tr("&Theme"))
        themes.setObjectName("themeMenu")
        themes.menuAction().setObjectName("themeMenuAction")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[Theme, QAction] = {}
        for theme, text in (
            ("system", self.tr("&Same as the system")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            action = QAction(text, self.theme_group)
            action.setObjectName(f"actionTheme{theme.capitalize()}")
            action.setCheckable(True)
            action.setChecked(theme == saved_theme())
            action.triggered.connect(lambda _checked=False, theme=theme: self.set_theme(theme))
            themes.addAction(action)
            self.theme_actions[theme] = action  # type: ignore[index]

    def _make_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        self.addToolBar(toolbar)
        for name in TOOLBAR_ACTIONS:
            toolbar.addAction(self.actions_by_name[name])
        self.toolbar = toolbar

    def _connect(self) -> None:
        panel = self.patients
        panel.search_requested.connect(self.search)
        panel.patient_selected.connect(self._on_patient_selected)
        panel.visit_opened.connect(self.open_visit)
        panel.new_patient_requested.connect(self.new_patient)
        panel.edit_patient_requested.connect(self.edit_patient)
        panel.new_visit_requested.connect(self.new_visit)
        self.welcome.demo_button.clicked.connect(self.load_demo)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._remember_focus)

    @property
    def episode_control(self) -> EpisodeControl:
        """Episodes of care: the patient panel's list and the progress page (ui.progress). Made at
        the first login, not at start-up: its page would cost the first paint some 25 ms."""
        if self._episode_control is None:
            from ui.progress.episode_control import EpisodeControl

            self._episode_control = EpisodeControl(
                self,
                self.patients,
                self.stack,
                self._run,
                self._show_visit,
                self._render_tasks,
                lambda text: self.statusBar().showMessage(text, 8000),
            )
        return self._episode_control

    # ---- start-up ----------------------------------------------------------------------------

    def _on_clinic_opened(self, clinic: Clinic) -> None:
        self.clinic = clinic
        warm_up_documents(self._render_tasks)
        self.statusBar().showMessage(self.tr("Data: {location}").format(location=clinic.location), 8000)
        self._tasks.run(clinic.start_up_state, self._on_start_up_state)

    def _on_start_up_state(self, state: Any) -> None:
        """No patient data yet: the clinic's settings, and whether to log in or make the first account."""
        self.profile, self.document_settings = state.profile, state.document_settings
        self.lock_minutes = state.lock_after_minutes
        if state.has_accounts:
            self.login_page.show_login()
            self.central.setCurrentWidget(self.login_page)
        else:
            self._show_first_run()

    # ---- logging in, locking, switching user ---------------------------------------------------

    def _show_first_run(self) -> None:
        from ui.session.first_run_page import FirstRunPage

        if self.first_run is None:
            self.first_run = FirstRunPage()
            self.first_run.submitted.connect(self._on_first_run_submitted)
            self.central.addWidget(self.first_run)
        self.central.setCurrentWidget(self.first_run)
        self.first_run.focus_first()

    def _on_first_run_submitted(self, admin: FirstAdmin, profile: ClinicProfile) -> None:
        page = self.first_run
        assert page is not None

        def refused(error: BaseException) -> None:
            from clinic_app.errors import ClinicError, InvalidInput, Problem

            if isinstance(error, InvalidInput):
                page.show_problems(error.problems)
            elif isinstance(error, ClinicError):
                page.show_problems([Problem("", _sentence(str(error)))])
            else:
                page.show_problems([])
                self._show_error(error)

        self.profile = profile
        self._run(lambda clinic: clinic.create_first_admin(admin, profile), self._on_made_encrypted, refused)

    def _on_made_encrypted(self, state: SessionState) -> None:
        """The database was just made encrypted: its recovery key first, shown once, then the session."""
        from ui.session.recovery_page import RecoveryKeyPage

        if state.recovery_key is None:
            self._on_logged_in(state)
            return
        assert self.clinic is not None
        name = self.profile.name if self.profile is not None else ""
        page = RecoveryKeyPage(state.recovery_key, name, self.clinic.location)
        self.recovery_page = page
        self.central.addWidget(page)
        self.central.setCurrentWidget(page)
        page.focus_first()

        def go_on() -> None:
            self.recovery_page = None
            self._on_logged_in(state)
            self.central.removeWidget(page)
            page.deleteLater()

        page.confirmed.connect(go_on)

    def encrypt_database(self) -> None:
        """An admin's offer on a database kept from before encryption: the password, then the conversion."""
        from PySide6.QtWidgets import QInputDialog

        password, accepted = QInputDialog.getText(
            self,
            self.tr("Encrypt this clinic's data"),
            self.tr(
                "The records are encrypted after a verified backup; the plaintext copies are then removed.\n"
                "Close Clinic App on every other computer first. Your password:"
            ),
            QLineEdit.EchoMode.Password,
        )
        if not accepted or not password:
            return
        self.encrypt_button.setEnabled(False)

        def done(recovery: Any) -> None:
            from dataclasses import replace

            assert self.user is not None
            self.statusBar().removeWidget(self.encrypt_button)
            self.encrypt_button.hide()
            self._run(
                lambda clinic: replace(clinic.session_state(), recovery_key=recovery),
                self._on_made_encrypted,
            )

        def refused(error: BaseException) -> None:
            self.encrypt_button.setEnabled(True)
            self._show_error(error)

        self._run(lambda clinic: clinic.encrypt_database(password), done, refused)

    def _on_login_submitted(self, username: str, password: str) -> None:
        if self.locked:
            self._run(lambda clinic: clinic.unlock(password), self._on_unlocked, self._on_login_refused)
        else:
            self._run(
                lambda clinic: clinic.log_in(username, password), self._on_logged_in, self._on_login_refused
            )

    def _on_login_refused(self, error: BaseException) -> None:
        from clinic_app.errors import ClinicError

        if isinstance(error, ClinicError):
            self.login_page.show_refused(_sentence(core_message(str(error))))
        else:
            log.error("login failed: %s", type(error).__name__)
            self.login_page.show_refused(self.tr("The login could not be checked; please try again."))

    def _on_logged_in(self, state: SessionState) -> None:
        self.user, self.locked = state.user, False
        self._show_user()
        self.central.setCurrentWidget(self.splitter)
        self.patients.set_may_record(state.user.may("record"))
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.show_empty_database(state.patient_count == 0 and state.user.may("record"))
        self.welcome.show_profile_missing(_profile_incomplete(self.profile) if self.profile else False)
        self.patients.show_patients(state.recent_patients)
        self._apply_role()
        self.idle.start(self.lock_minutes * MINUTE_MS)
        self.patients.search.setFocus()
        if state.draft_visit_id is not None:
            self.statusBar().showMessage(self.tr("Restored the visit you were recording."), 8000)
            self.open_visit(state.draft_visit_id)
        self._offer_encryption(state.may_encrypt)
        self.backups.start(state.user.may("backup"))

    def _offer_encryption(self, offered: bool) -> None:
        """A SQLite database kept from before encryption: an admin is offered to encrypt it."""
        if offered and not self.encrypt_button.isVisible():
            self.statusBar().addPermanentWidget(self.encrypt_button)
            self.encrypt_button.show()
        elif not offered and self.encrypt_button.isVisible():
            self.statusBar().removeWidget(self.encrypt_button)
            self.encrypt_button.hide()

    def lock(self) -> None:
        """Ctrl+L, or the clinic's idle time: hide every patient's data until the password is typed again.

        The open visit is saved first and stays open behind the lock, exactly as it was.
        """
        user = self.user
        if user is None or self.locked:
            return
        self.locked = True
        self.idle.stop()
        _close_modal_dialogs(self)
        if self.editor is not None:
            self.editor.save_now()
        self._run(lambda clinic: clinic.lock())
        self.login_page.show_locked(user.display_name, user.username)
        self.central.setCurrentWidget(self.login_page)
        self._enable_actions(signed_in=False)
        self.statusBar().showMessage(
            self.tr("Locked: patient data is hidden until the password is typed again.")
        )

    def _on_unlocked(self, _user: object) -> None:
        self.locked = False
        self.central.setCurrentWidget(self.splitter)
        self._apply_role()
        self.idle.start(self.lock_minutes * MINUTE_MS)
        self.statusBar().showMessage(self.tr("Unlocked."), 3000)
        if self.editor is not None and self.stack.currentWidget() is self.editor:
            self.editor.tabs.setFocus()

    def switch_user(self) -> None:
        """End this account's session (the open visit saved and closed) and let someone else log in."""
        if self.user is None:
            return
        self._close_editor()
        self._set_visit_actions(False)
        self._run(lambda clinic: clinic.log_out())
        self._show_signed_out()
        self.login_page.username.clear()
        self.login_page.show_login()
        self.central.setCurrentWidget(self.login_page)

    @property
    def login_page(self) -> LoginPage:
        """The login (and lock) page, made when first needed."""
        from ui.session.login_page import LoginPage

        if self._login_page is None:
            self._login_page = LoginPage()
            self._login_page.submitted.connect(self._on_login_submitted)
            self._login_page.switch_user_requested.connect(self.switch_user)
            self.central.addWidget(self._login_page)
            if self.clinic is not None:
                self._login_page.show_login()
        return self._login_page

    def _show_signed_out(self) -> None:
        self.user, self.locked = None, False
        self.idle.stop()
        self.patients.clear()
        if self._episode_control is not None:
            self._episode_control.close()
        self.stack.setCurrentWidget(self.welcome)
        self.central.setCurrentWidget(self.login_page if self.clinic is not None else self.opening)
        self.user_label.setText(self.tr("Not logged in"))
        self.backups.stop()
        self._offer_encryption(False)
        self.setWindowTitle(self.tr("Clinic App"))
        self._enable_actions(signed_in=False)

    def _show_user(self) -> None:
        user = self.user
        assert user is not None
        self.user_label.setText(
            self.tr("Logged in: {display_name} ({role})").format(
                display_name=user.display_name, role=role_name(user.role)
            )
        )
        self.setWindowTitle(self.tr("Clinic App — {display_name}").format(display_name=user.display_name))

    def _apply_role(self) -> None:
        """Offer only what the logged-in account's role may do."""
        self._enable_actions(signed_in=True)
        self.episode_control.set_user(self.user)
        if self.editor is not None:
            self._set_visit_actions(True)
            self._show_finished(self.editor.stored.status.value == "final")

    def _enable_actions(self, signed_in: bool) -> None:
        user = self.user if signed_in else None
        for name, action in self.actions_by_name.items():
            if name in SIGNED_OUT_ACTIONS or name in VISIT_ACTIONS:
                continue
            permission = ROLE_ACTIONS.get(name)
            action.setEnabled(user is not None and (permission is None or user.may(permission)))
        if user is None:
            self._set_visit_actions(False)
            for action in self.section_actions:
                action.setEnabled(False)
        self.welcome.demo_button.setEnabled(user is not None and user.may("record"))
        self.toolbar.setVisible(user is not None)  # nothing on it works before a login

    def _on_open_failed(self, error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from clinic_app.errors import ClinicError

        message = (
            str(error) if isinstance(error, ClinicError) else self.tr("The database could not be opened.")
        )
        log.error("database did not open: %s", type(error).__name__)
        QMessageBox.critical(self, self.tr("Clinic App"), message)

    def _run(
        self,
        work: Callable[[Clinic], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Database work with the open clinic; known problems are shown, bugs are logged."""
        clinic = self.clinic
        if clinic is None:
            self.statusBar().showMessage(self.tr("Still opening the database…"), 3000)
            return
        self._tasks.run(lambda: work(clinic), on_done, on_error or self._show_error)

    def _show_error(self, error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from clinic_app.errors import ClinicError

        if isinstance(error, ClinicError):
            QMessageBox.warning(self, self.tr("Clinic App"), str(error))
        else:
            log.error("database task failed: %s", type(error).__name__)
            QMessageBox.critical(
                self,
                self.tr("Clinic App"),
                self.tr("Something went wrong. Your last changes are saved as a draft."),
            )

    # ---- patients ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.patients.search.setFocus()
        self.patients.search.selectAll()

    def search(self, text: str) -> None:
        if self.user is None:  # a search typed before a logout fires after it: nobody's names now
            return
        self._run(lambda clinic: clinic.find_patients(text), self.patients.show_patients)

    def _on_patient_selected(self, patient_id: int) -> None:
        """The right side is always about the patient chosen on the left: another patient's visit closes."""
        editor = self.editor
        if editor is not None and editor.stored.patient_id != patient_id:
            self._close_editor()
            self._set_visit_actions(False)
            self.welcome.show_patient_chosen(True)
            self.stack.setCurrentWidget(self.welcome)
            self.statusBar().showMessage(
                self.tr("The visit you were recording is saved: it is in its patient's list of visits."), 8000
            )
        self._load_visits_of(patient_id, opened=True)

    def _load_visits_of(self, patient_id: int, opened: bool = False) -> None:
        # The open visit stays marked in the list, whatever else is listed.
        def show(visits: Any) -> None:
            editor = self.editor
            open_id = (
                editor.stored.id if editor is not None and editor.stored.patient_id == patient_id else None
            )
            self.patients.show_visits(visits, current=open_id)

        if opened:  # the therapist chose the patient: their record is opened (patient_view)
            self._run(lambda clinic: clinic.open_patient(patient_id).recent_visits, show)
        else:  # the list of a patient already open, brought up to date
            self._run(lambda clinic: clinic.recent_visits(patient_id), show)
            self.episode_control.refresh(patient_id)

    def new_patient(self) -> None:
        from ui.patients.patient_dialog import PatientDialog

        if self.clinic is None:
            self.statusBar().showMessage(self.tr("Still opening the database…"), 3000)
            return
        dialog = PatientDialog(parent=self, save=self._patient_saver(self.clinic, None), tasks=self._tasks)
        if dialog.exec():
            self._after_patient_saved(dialog.result_value)

    def edit_patient(self, patient_id: int) -> None:
        self._run(lambda clinic: clinic.open_patient(patient_id).patient, self._edit_loaded_patient)

    def _edit_loaded_patient(self, stored: StoredPatient) -> None:
        from ui.patients.patient_dialog import PatientDialog

        assert self.clinic is not None  # the patient was just loaded through it
        dialog = PatientDialog(
            parent=self,
            patient=stored.patient,
            save=self._patient_saver(self.clinic, stored.id),
            tasks=self._tasks,
        )
        if dialog.exec():
            self._after_patient_saved(dialog.result_value)

    @staticmethod
    def _patient_saver(clinic: Clinic, patient_id: int | None) -> Callable[[Patient], StoredPatient]:
        # Runs on the database lane while the dialog waits; it shows any problem by its field.
        def save(patient: Patient) -> StoredPatient:
            if patient_id is None:
                return clinic.add_patient(patient)
            return clinic.update_patient(patient_id, patient)

        return save

    def _after_patient_saved(self, stored: object) -> None:
        from clinic_app.storage.records import StoredPatient

        if isinstance(stored, StoredPatient):
            self.welcome.show_empty_database(False)
            self.patients.set_search_text(stored.patient.family_name)
            self._run(
                lambda clinic: clinic.find_patients(stored.patient.family_name),
                lambda found: self.patients.show_patients(found, select=stored.id),
            )

    def import_patients(self) -> None:
        """File > Import patients from CSV…: a preview of every row, then all of them or nothing."""
        from ui.patients.csv_import_dialog import CsvImportDialog

        clinic = self.clinic
        if clinic is None or self.user is None or not self.user.may("record"):
            return
        dialog = CsvImportDialog(
            check=clinic.check_patient_csv,
            store=clinic.import_patient_csv,
            parent=self,
            tasks=self._tasks,
        )
        if dialog.exec() and dialog.outcome is not None:
            done = dialog.outcome
            self.statusBar().showMessage(
                self.tr("Patients imported: {added} added, {updated} updated, {skipped} skipped.").format(
                    added=done.added, updated=done.updated, skipped=done.skipped
                ),
                8000,
            )
            self.welcome.show_empty_database(False)
            self._run(lambda clinic: clinic.recent_patients(), self.patients.show_patients)

    def load_demo(self) -> None:
        self.welcome.demo_button.setEnabled(False)
        self._run(lambda clinic: clinic.load_demo(), lambda _: self._after_demo())

    def _after_demo(self) -> None:
        self.welcome.show_empty_database(False)
        self._run(lambda clinic: clinic.recent_patients(), self.patients.show_patients)

    # ---- visits ------------------------------------------------------------------------------

    def new_visit_for_selected(self) -> None:
        patient_id = self.patients.selected_patient_id()
        if patient_id is None:
            self.statusBar().showMessage(self.tr("Choose a patient first (Ctrl+F to find one)."), 4000)
            return
        self.new_visit(patient_id)

    def new_visit(self, patient_id: int) -> None:
        import datetime as dt

        today = dt.date.today()
        self._run(lambda clinic: clinic.start_visit(patient_id, today), self._show_visit)

    def open_visit(self, visit_id: str) -> None:
        editor = self.editor
        if editor is not None and editor.stored.id == visit_id:
            # Already open: reading it again would show the stored draft, older than what was typed.
            self.stack.setCurrentWidget(editor)
            editor.tabs.setFocus()
            return
        if editor is not None:
            editor.save_now()  # queued on the database lane before the read below
        self._run(lambda clinic: clinic.open_visit(visit_id), self._show_visit)

    def _show_visit(self, opened: OpenedVisit) -> None:
        from ui.visit.editor import VisitAccess, VisitEditor

        clinic, user = self.clinic, self.user
        assert clinic is not None
        assert user is not None
        self._close_editor()
        editor = VisitEditor(
            patient=opened.patient.patient,
            stored=opened.stored,
            form=opened.form,
            tasks=self._tasks,
            save_draft=clinic.save_draft,
            finish=clinic.finish_visit,
            render_tasks=self._render_tasks,
            access=VisitAccess(
                may_record=user.may("record"),
                may_sign=user.may("sign"),
                signer=user.display_name,
                add_addendum=clinic.add_addendum,
                record_print=clinic.record_print,
                record_outcome=clinic.record_outcome,
                remove_outcome=clinic.remove_outcome,
                judge_goal=clinic.judge_goal,
                measure_wordings=clinic.measure_wordings,
                episode_progress=lambda patient, episode: clinic.episode_progress(patient, episode).progress,
                check_password=clinic.unlock,
                lock=self.lock,
            ),
            previous=opened.previous,
        )
        if self.profile is not None and self.document_settings is not None:
            editor.preview.set_document_settings(self.profile, self.document_settings)
            editor.set_clinic_profile(self.profile)
        editor.preview.clinic_details_needed.connect(self.ask_for_clinic_details)
        editor.finished.connect(lambda _stored: self._load_visits_of(opened.patient.id))
        editor.finished.connect(lambda _stored: self._show_finished(True))
        editor.reload_requested.connect(self._reload_visit)
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        if opened.restored_from_draft:
            self.statusBar().showMessage(self.tr("Restored the unsaved entries of this visit."), 6000)
        self._set_visit_actions(True)
        self._show_finished(editor.read_only)
        self.welcome.show_patient_chosen(False)
        if self.patients.selected_patient_id() != opened.patient.id:
            # Keep the left side about the same patient as the visit (e.g. a draft restored at start).
            name = opened.patient.patient.family_name
            self.patients.set_search_text(name)
            self._run(
                lambda clinic: clinic.find_patients(name),
                lambda found: self.patients.show_patients(found, select=opened.patient.id),
            )
        else:
            self._load_visits_of(opened.patient.id)  # a visit just started is in the list at once
        editor.tabs.setFocus()

    def _show_finished(self, finished: bool) -> None:
        """A finished visit prints; it is not finished again, nor saved. Nor is a visit the role may not change."""
        user = self.user
        self.actions_by_name["save"].setEnabled(not finished and user is not None and user.may("record"))
        self.actions_by_name["finish"].setEnabled(not finished and user is not None and user.may("sign"))

    def _set_visit_actions(self, enabled: bool) -> None:
        for name in VISIT_ACTIONS:
            self.actions_by_name[name].setEnabled(enabled)
        for action in self.section_actions:
            action.setEnabled(enabled)

    def _reload_visit(self, visit_id: str) -> None:
        if self.editor is not None:
            self.editor.autosave.cancel_pending()  # those entries lost the race; do not retry them
        self._run(lambda clinic: clinic.open_visit(visit_id), self._show_visit)

    def _close_editor(self) -> None:
        if self.editor is not None:
            self.editor.save_now()
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None

    def save_now(self) -> None:
        if self.editor is not None:
            self.editor.save_now()
            self.statusBar().showMessage(self.tr("Saved."), 2000)

    def print_current(self) -> None:
        if self.editor is None:
            return
        self.editor.tabs.setCurrentWidget(self.editor.preview)
        self.editor.preview.print_current()

    def finish_current(self) -> None:
        if self.editor is not None:
            self.editor.finish_visit()

    def save_pdf_current(self) -> None:
        """File > Save as PDF: the Print section, then its Save as PDF once the preview is made."""
        editor = self.editor
        if editor is None:
            return
        preview = editor.preview
        editor.tabs.setCurrentWidget(preview)  # shows the document; makes it again if the visit changed
        if preview.message.text() != QCoreApplication.translate("PreviewSection", PREPARING):
            preview.save_pdf()  # what its Save as PDF button does
            return
        asked = time.monotonic()

        def when_made(_title: str) -> None:
            if (
                self.editor is editor
                and editor.tabs.currentWidget() is preview
                and time.monotonic() - asked < 60
            ):
                preview.save_pdf()

        preview.rendered.connect(when_made, Qt.ConnectionType.SingleShotConnection)

    def show_section(self, index: int) -> None:
        """View > a visit section (the same as Alt+1 to Alt+5)."""
        if self.editor is not None:
            self.editor.tabs.setCurrentIndex(index)
            self.editor.tabs.setFocus()

    # ---- editing -----------------------------------------------------------------------------

    def _undo_target(self) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
        """The text box being edited, if it is in this window and can be changed."""
        widget = QApplication.focusWidget()
        if widget is None or isinstance(widget, (QMenuBar, QMenu)):  # Alt+E gives the menu bar the focus
            widget = self._last_focus
        if isinstance(widget, QComboBox) and widget.isEditable():
            widget = widget.lineEdit()
        elif isinstance(widget, QAbstractSpinBox):
            widget = widget.findChild(QLineEdit)
        if not isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)) or widget.window() is not self:
            return None
        return None if widget.isReadOnly() else widget

    def _update_undo_actions(self) -> None:
        target = self._undo_target()
        if isinstance(target, QLineEdit):
            undo, redo = target.isUndoAvailable(), target.isRedoAvailable()
        elif target is not None:
            undo, redo = target.document().isUndoAvailable(), target.document().isRedoAvailable()
        else:
            undo = redo = False
        self.actions_by_name["undo"].setEnabled(undo)
        self.actions_by_name["redo"].setEnabled(redo)

    def _remember_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self and not isinstance(new, (QMenuBar, QMenu)):
            self._last_focus = new
        self._update_undo_actions()

    def undo(self) -> None:
        target = self._undo_target()
        if target is not None:
            target.undo()
            target.setFocus()
        self._update_undo_actions()

    def redo(self) -> None:
        target = self._undo_target()
        if target is not None:
            target.redo()
            target.setFocus()
        self._update_undo_actions()

    # ---- help --------------------------------------------------------------------------------

    def show_help(self) -> None:
        from ui.help import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def show_about(self) -> None:
        from ui.help import AboutDialog

        location = self.clinic.location if self.clinic is not None else None
        AboutDialog(location, parent=self).exec()

    # ---- appearance --------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        """System, light or dark colours for the whole app; remembered on this computer."""
        save_theme(theme)
        apply_theme(theme)
        self.theme_actions[theme].setChecked(True)

    # ---- settings ----------------------------------------------------------------------------

    def open_settings(self, missing: list[str] | None = None, backups: bool = False) -> None:
        """The settings dialog; `missing`: the clinic profile fields a document is waiting for;
        `backups`: open on the Backups page."""
        from ui.settings.settings_dialog import SettingsDialog

        if self.profile is None or self.document_settings is None:
            self.statusBar().showMessage(self.tr("Still opening the database…"), 3000)
            return
        if self.user is None or not self.user.may("settings"):
            self.statusBar().showMessage(
                self.tr("The clinic's settings are an admin's: ask an admin to enter what is missing."), 6000
            )
            return
        dialog = SettingsDialog(
            self.profile,
            self.document_settings,
            parent=self,
            lock_after_minutes=self.lock_minutes,
            backups=self.backups.schedule,
        )
        if missing:
            dialog.ask_for(missing)
        elif backups and self.backups.schedule is not None:
            dialog.show_backups()
        if not dialog.exec():
            return
        if dialog.result_theme() != saved_theme():
            self.set_theme(dialog.result_theme())
        if dialog.result_language() != saved_language():
            save_language(dialog.result_language())
            self.statusBar().showMessage(
                self.tr("The new language of the screens takes effect at the next start of Clinic App."), 8000
            )
        profile, settings = dialog.result_values()
        minutes = dialog.result_lock_minutes()
        self.profile, self.document_settings, self.lock_minutes = profile, settings, minutes
        self.idle.start(minutes * MINUTE_MS)
        self.welcome.show_profile_missing(_profile_incomplete(profile))
        if self.editor is not None:
            self.editor.preview.set_document_settings(profile, settings)
            self.editor.set_clinic_profile(profile)
        self._run(lambda clinic: clinic.save_settings(profile, settings, minutes))
        schedule = dialog.result_backups()
        if schedule is not None and schedule != self.backups.schedule:
            self._run(lambda clinic: clinic.save_backup_schedule(schedule), lambda _s: self.backups.check())

    def back_up_now(self) -> None:
        """File > Back up now (admins): a verified copy into the backup folder, in the background."""
        if self.user is None or not self.user.may("backup"):
            return
        self.backups.back_up_now()

    def open_accounts(self) -> None:
        """File > Accounts (admins): add colleagues' accounts, disable them, set new passwords."""
        from ui.admin.accounts_dialog import AccountsDialog

        clinic, user = self.clinic, self.user
        if clinic is None or user is None or not user.may("manage_accounts"):
            return
        AccountsDialog(
            load=clinic.list_accounts,
            add=clinic.add_account,
            set_enabled=clinic.set_account_enabled,
            set_password=clinic.set_account_password,
            tasks=self._tasks,
            me=user.username,
            parent=self,
        ).exec()

    def open_audit_trail(self) -> None:
        """File > Audit trail (admins): who did what and when, filtered, checked and exported."""
        from ui.admin.audit_dialog import AuditDialog

        clinic = self.clinic
        if clinic is None or self.user is None or not self.user.may("audit"):
            return
        AuditDialog(clinic.audit_entries, clinic.verify_audit, self._tasks, parent=self).exec()

    def open_measure_wording(self) -> None:
        """File > Outcome measure wording (admins): the clinic's licensed item text of LEFS, NDI, ODI, QuickDASH."""
        from ui.admin.wording_dialog import MeasureWordingDialog

        clinic = self.clinic
        if clinic is None or self.user is None or not self.user.may("settings"):
            return
        MeasureWordingDialog(
            clinic.measure_wordings,
            clinic.import_measure_wording,
            clinic.remove_measure_wording,
            self._tasks,
            parent=self,
        ).exec()

    def ask_for_clinic_details(self, missing: list[str]) -> None:
        """A document was about to be printed or saved without the clinic's name, phone or emergency number."""
        self.open_settings(missing)

    # ---- window layout -----------------------------------------------------------------------

    def _restore_layout(self) -> None:
        stored = QSettings()
        geometry, state = stored.value("window/geometry"), stored.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        self.fit_on_screen()
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = stored.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def fit_on_screen(self) -> None:
        """Keep the whole window on the screen it opens on, whatever its size and scale factor.

        At a scale factor of 1.5, a 1920 x 1080 screen is 1280 x 720 of Qt's pixels, minus the panel:
        the usual 1280 x 800 would open with its bottom (and the status bar) off screen.
        """
        available = self.screen().availableGeometry()
        # The window frame (title bar, borders) comes on top of the size; before it is shown, guess it.
        frame = self.frameGeometry()
        extra_w = max(frame.width() - self.width(), 0) or FRAME_GUESS[0]
        extra_h = max(frame.height() - self.height(), 0) or FRAME_GUESS[1]
        width = min(self.width(), available.width() - extra_w)
        height = min(self.height(), available.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = QRect(self.frameGeometry().topLeft(), QSize(width + extra_w, height + extra_h))
        if not available.contains(frame):
            left = min(max(frame.left(), available.left()), available.right() - frame.width() + 1)
            top = min(max(frame.top(), available.top()), available.bottom() - frame.height() + 1)
            self.move(left, top)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self._open_clinic is not None:
            QTimer.singleShot(0, self._start_opening)  # after this paint has reached the screen

    def _start_opening(self) -> None:
        if self._open_clinic is not None:
            open_clinic, self._open_clinic = self._open_clinic, None
            self._tasks.run(open_clinic, self._on_clinic_opened, self._on_open_failed)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # Never quit with a draft still being written, nor with changes made while it was.
        if self.editor is not None:
            self.editor.autosave.flush()
        if self.user is not None:
            self._run(lambda clinic: clinic.log_out())
        self._tasks.wait()
        self._backup_tasks.wait()  # a copy under way is finished, not left half-written
        stored = QSettings()
        stored.setValue("window/geometry", self.saveGeometry())
        stored.setValue("window/state", self.saveState())
        stored.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)


def _action_object_name(name: str) -> str:
    """new_patient -> actionNewPatient: stable names for tests and accessibility tools."""
    return "action" + "".join(part.capitalize() for part in name.split("_"))


def _key_sequence(shortcut: Any, name: str) -> QKeySequence:
    if shortcut is None:
        return QKeySequence()
    keys = QKeySequence(shortcut)
    if keys.isEmpty() and name in FALLBACK_KEYS:  # no platform convention for it here (Linux)
        keys = QKeySequence(FALLBACK_KEYS[name])
    return keys


def _sentence(text: str) -> str:
    """A core message ("login failed for sam: ...") as a sentence for the screen."""
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else text


def _close_modal_dialogs(window: QWidget) -> None:
    """Before the window locks: a dialog open over it would show patient data above the lock."""
    from PySide6.QtWidgets import QDialog

    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.reject()


def _profile_incomplete(profile: ClinicProfile) -> bool:
    """Whether a document could not yet tell the patient who it is from and whom to call."""
    return not (profile.name.strip() and profile.phone.strip() and profile.emergency_number.strip())


class _WelcomePage(QWidget):
    """Shown until a visit is opened: what to do first, and demo data for an empty database."""

    def __init__(self) -> None:
        super().__init__()
        self.text = QLabel(
            self.tr(
                "<h2>Clinic App</h2><p>Find a patient on the left (Ctrl+F) or add one (Ctrl+N),"
                " then start a visit (Ctrl+Shift+N).</p>"
                "<p>Record the complaints, the red-flag checklist and the five screens; the triage panel"
                " explains each complaint as you go, and the Print step gives the patient's handout.</p>"
            )
        )
        self.text.setWordWrap(True)
        self.patient_note = QLabel(
            self.tr(
                "<p><b>No visit is open for the patient chosen on the left.</b> Start a new visit"
                " (Ctrl+Shift+N), or open one from their list of visits (Enter on it).</p>"
            )
        )
        self.patient_note.setObjectName("patientNote")
        self.patient_note.setWordWrap(True)
        self.patient_note.hide()
        self.profile_note = QLabel(
            self.tr(
                "<p><b>First time here?</b> Open Settings (Ctrl+,) and enter your clinic's name, phone"
                " number and emergency number: every handout tells the patient how to reach you, and"
                " every referral letter whom to call in an emergency.</p>"
            )
        )
        self.profile_note.setWordWrap(True)
        self.profile_note.hide()
        self.demo_note = QLabel(
            self.tr("<p>The database is empty. Load demo patients to try the app out?</p>")
        )
        self.demo_button = QPushButton(self.tr("Load &demo patients"))
        self.demo_button.setObjectName("loadDemoButton")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.patient_note)
        layout.addWidget(self.profile_note)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
        self.show_empty_database(False)

    def show_patient_chosen(self, chosen: bool) -> None:
        """A patient is chosen on the left and no visit of theirs is open: say what to do next."""
        self.patient_note.setVisible(chosen)

    def show_profile_missing(self, missing: bool) -> None:
        self.profile_note.setVisible(missing)

    def show_empty_database(self, empty: bool) -> None:
        self.demo_note.setVisible(empty)
        self.demo_button.setVisible(empty)
        self.demo_button.setEnabled(empty)
