"""The settings: a list of pages on the left, the chosen page on the right (as in Picard).

The dialog takes the current clinic profile and document settings and, on OK, returns new ones
from `result_values()`; it never touches the database (the main window saves them off the UI
thread). A value the rules do not allow keeps the dialog open, on the page of the first problem,
with each message next to its field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.backup_policy import BackupSchedule
from clinic_app.domain import ClinicProfile, DocumentSettings
from clinic_app.errors import InvalidInput, Problem
from ui.language import UiLanguage, saved_language
from ui.settings.backup_page import BackupsPage
from ui.settings.pages import (
    DEFAULT_LOCK_MINUTES,
    AppearancePage,
    ClinicProfilePage,
    PrintingPage,
    SecurityPage,
    Settings,
    SettingsPage,
)
from ui.theme import Theme, saved_theme
from ui.widgets.amber_note import AmberNote


class SettingsDialog(QDialog):
    """Edit the clinic profile and the printing settings."""

    def __init__(
        self,
        profile: ClinicProfile,
        document_settings: DocumentSettings,
        parent: QWidget | None = None,
        theme: Theme | None = None,
        lock_after_minutes: int = DEFAULT_LOCK_MINUTES,
        backups: BackupSchedule | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self._settings = Settings(
            profile,
            document_settings,
            saved_theme() if theme is None else theme,
            lock_after_minutes,
            backups=backups,
            language=saved_language(),
        )
        self.pages: list[SettingsPage] = [
            ClinicProfilePage(self),
            PrintingPage(self),
            AppearancePage(self),
            SecurityPage(self),
        ]
        if backups is not None:  # a server's database is backed up with the server's tools
            self.pages.append(BackupsPage(self))
        self._build()
        for page in self.pages:
            page.load(self._settings)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 52, line * 40)

    def _build(self) -> None:
        self._page_list = QListWidget(self)
        self._page_list.setAccessibleName(self.tr("Settings pages"))
        self._page_list.setObjectName("settingsPageList")
        self._stack = QStackedWidget(self)
        for page in self.pages:
            self._page_list.addItem(QCoreApplication.translate("pages", page.title))
            self._stack.addWidget(_scrolling(page))
        self._page_list.currentRowChanged.connect(self._stack.setCurrentIndex)
        self._page_list.setCurrentRow(0)
        widest = max(
            self.fontMetrics().horizontalAdvance(QCoreApplication.translate("pages", page.title))
            for page in self.pages
        )
        self._page_list.setMaximumWidth(widest + self.fontMetrics().averageCharWidth() * 6)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("settingsOkButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("settingsCancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self._page_list)
        body.addWidget(self._stack, 1)
        self.request = AmberNote(self)
        self.request.setAccessibleName(self.tr("Needed before printing"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.request)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

    def show_page(self, index: int) -> None:
        self._page_list.setCurrentRow(index)

    def ask_for(self, missing: list[str]) -> None:
        """Opened because a document needs these clinic profile fields: say so, and start at the first."""
        page = self.pages[0]
        assert isinstance(page, ClinicProfilePage)
        self.show_page(0)
        words = {
            "name": "name",
            "phone": self.tr("phone number"),
            "emergency_number": self.tr("emergency number"),
        }
        wanted = " and ".join(", ".join(words.get(m, m) for m in missing).rsplit(", ", 1))
        self.request.show_warning(
            self.tr(
                "Enter the clinic's {wanted} before printing or saving a document: every handout and referral letter tells the patient whom to call."
            ).format(wanted=wanted)
        )
        page.require(missing)

    def accept(self) -> None:
        settings = self._settings
        problems: dict[SettingsPage, list[Problem]] = {}
        for page in self.pages:
            try:
                settings = page.save(settings)
            except InvalidInput as invalid:
                problems[page] = invalid.problems
        for page in self.pages:
            page.show_problems(problems.get(page, []))
        if problems:
            self.show_page(next(i for i, page in enumerate(self.pages) if page in problems))
            return
        self._settings = settings
        super().accept()

    def result_values(self) -> tuple[ClinicProfile, DocumentSettings]:
        """The settings as saved on OK (the ones given, before OK)."""
        return self._settings.profile, self._settings.documents

    def result_lock_minutes(self) -> int:
        """The clinic's idle time before a computer locks itself, as saved on OK."""
        return self._settings.lock_after_minutes

    def result_backups(self) -> BackupSchedule | None:
        """The daily backup's setting, as saved on OK (None: not offered)."""
        return self._settings.backups

    def show_backups(self) -> None:
        """Open on the Backups page (from the backup warning)."""
        self.show_page(next(i for i, page in enumerate(self.pages) if isinstance(page, BackupsPage)))

    def result_theme(self) -> Theme:
        """The theme chosen on the Appearance page (saved by the caller in this computer's settings)."""
        return self._settings.theme

    def result_language(self) -> UiLanguage:
        """The screens' language chosen on the Appearance page (saved by the caller; used from the next start)."""
        return self._settings.language


def _scrolling(page: SettingsPage) -> QScrollArea:
    """The page in a frameless scroll area: with messages under its fields it may outgrow a small screen."""
    area = QScrollArea()
    area.setAccessibleName(QCoreApplication.translate("pages", page.title))
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the page's fields, not to the area
    return area
