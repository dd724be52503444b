"""The daily backup in the window: checks while someone is logged in, Back up now, and the warning.

The core decides (clinic_app.backup_policy, clinic_app.storage.daily_backups): whether a copy is
due, which copies go, what to warn about. This only schedules: a check at each login and every
quarter of an hour while the app runs, each on the backup lane (a copy takes seconds; the window
and the autosaves on the database lane never wait for it), and shows the outcome on the main
thread: a banner above the window's pages, in plain words, with what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.tasks import Tasks
from ui.widgets.amber_note import AMBER_BACKGROUND, AMBER_BORDER, AMBER_TEXT

if TYPE_CHECKING:
    from clinic_app.backup_policy import BackupSchedule, BackupWarning
    from clinic_app.clinic import Clinic
    from clinic_app.storage.daily_backups import BackupStatus

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 15 * 60_000


class BackupBanner(QWidget):
    """Hidden until a backup needs attention: amber, above whatever page the window shows."""

    back_up_requested = Signal()
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupBanner")
        self.setStyleSheet(
            f"QWidget#backupBanner {{ background: {AMBER_BACKGROUND}; border-bottom: 1px solid {AMBER_BORDER}; }}"
            f" QWidget#backupBanner QLabel {{ color: {AMBER_TEXT}; }}"
        )
        self.setAutoFillBackground(True)
        self.text = QLabel(self)
        self.text.setObjectName("backupWarningText")
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("Backup warning"))
        self.back_up_button = QPushButton(self.tr("Back up now"), self)
        self.back_up_button.setObjectName("backupNowButton")
        self.back_up_button.setAccessibleName(self.tr("Back up now"))
        self.back_up_button.clicked.connect(self.back_up_requested)
        self.settings_button = QPushButton(self.tr("Backup settings…"), self)
        self.settings_button.setObjectName("backupSettingsButton")
        self.settings_button.setAccessibleName(self.tr("Open the backup settings"))
        self.settings_button.clicked.connect(self.settings_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.back_up_button)
        layout.addWidget(self.settings_button)
        self.hide()

    def show_warning(self, shown: BackupWarning | None, may_back_up: bool) -> None:
        if shown is None:
            self.text.clear()
            self.hide()
            return
        text = " ".join(
            (self._problem(shown), self._age(shown.days_since_good), self._what_to_do(shown, may_back_up))
        )
        self.text.setText("⚠ " + text)
        self.text.setAccessibleDescription(text)
        self.back_up_button.setVisible(may_back_up)
        self.settings_button.setVisible(may_back_up)
        self.show()

    def _problem(self, shown: BackupWarning) -> str:
        from clinic_app.backup_policy import FailureKind

        folder = shown.folder or ""
        if shown.failure is None:
            return self.tr("The daily backup has not run for more than a week.")
        if shown.failure is FailureKind.FOLDER_MISSING:
            return self.tr(
                "The last backup failed: the backup folder {folder} cannot be found (is the USB drive"
                " unplugged?)."
            ).format(folder=folder)
        if shown.failure is FailureKind.NOT_WRITABLE:
            return self.tr(
                "The last backup failed: Clinic App may not write into the backup folder {folder}."
            ).format(folder=folder)
        if shown.failure is FailureKind.DISK_FULL:
            return self.tr(
                "The last backup failed: the disk with the backup folder {folder} is full."
            ).format(folder=folder)
        return self.tr("The last backup failed: {reason}.").format(reason=shown.message or "")

    def _age(self, days: int | None) -> str:
        if days is None:
            return self.tr("There is no good backup yet.")
        if days == 0:
            return self.tr("The last good backup is from today.")
        if days == 1:
            return self.tr("The last good backup is from yesterday.")
        return self.tr("The last good backup is {days} days old.").format(days=days)

    def _what_to_do(self, shown: BackupWarning, may_back_up: bool) -> str:
        from clinic_app.backup_policy import FailureKind

        if not may_back_up:
            return self.tr("Please tell the clinic's admin.")
        if shown.failure is FailureKind.FOLDER_MISSING:
            return self.tr(
                "Plug the drive in and back up now, or choose another folder in Settings > Backups."
            )
        if shown.failure is FailureKind.NOT_WRITABLE:
            return self.tr("Choose another folder in Settings > Backups, or ask your IT contact.")
        if shown.failure is FailureKind.DISK_FULL:
            return self.tr(
                "Free some space on it, or keep fewer backups (Settings > Backups), then back up now."
            )
        return self.tr("Check the backup folder in Settings > Backups, or back up now.")


class BackupControl(QObject):
    """Runs the checks and Back up now on the backup lane; shows the outcome in the banner."""

    def __init__(
        self,
        banner: BackupBanner,
        tasks: Tasks,
        clinic: Callable[[], Clinic | None],
        status_message: Callable[[str], None],
        show_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(banner)
        self.banner = banner
        self._tasks, self._clinic = tasks, clinic
        self._status_message, self._show_error = status_message, show_error
        self.status: BackupStatus | None = None  # as last known; None on a server's database
        self.may_back_up = False
        self._pending = 0  # tasks on the lane (it keeps their order); a timed check skips while any is
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._timed_check)

    @property
    def schedule(self) -> BackupSchedule | None:
        """The clinic's setting as last read (None: no daily backup here, a server's database)."""
        return None if self.status is None else self.status.schedule

    @property
    def checking(self) -> bool:
        """Whether the checks run (someone is logged in)."""
        return self._timer.isActive()

    def start(self, may_back_up: bool) -> None:
        """Someone logged in: check now, and every quarter of an hour."""
        self.may_back_up = may_back_up
        self._timer.start()
        self.check()

    def stop(self) -> None:
        """Logged out: no checks, and nothing shown until the next login."""
        self._timer.stop()
        self.status = None
        self.banner.show_warning(None, False)

    def _timed_check(self) -> None:
        if not self._pending:  # one still on the lane (a slow drive) will have checked
            self.check()

    def check(self) -> None:
        """A copy if one is due, else the state as it is; shown either way."""
        clinic = self._clinic()
        if clinic is None:
            return
        self._pending += 1
        self._tasks.run(
            lambda: clinic.back_up_if_due() or clinic.backup_status(), self._shown, self._check_failed
        )

    def back_up_now(self) -> None:
        clinic = self._clinic()
        if clinic is None:
            return
        self._pending += 1
        self._status_message(self.tr("Backing up…"))
        self._tasks.run(clinic.back_up_now, self._shown, self._now_failed)

    def _shown(self, status: BackupStatus | None) -> None:
        self._pending -= 1
        if self._clinic() is None:  # logged out meanwhile: nothing to show to nobody
            return
        self.status = status
        self.banner.show_warning(None if status is None else status.warning, self.may_back_up)
        if status is not None and status.made is not None and status.schedule.folder:
            self._status_message(
                self.tr("Backed up and verified: {file} in {folder}.").format(
                    file=status.made, folder=status.schedule.folder
                )
            )
        elif status is not None and status.warning is not None and status.warning.failure is not None:
            self._status_message(self.tr("The backup failed; the warning above says why."))

    def _check_failed(self, error: BaseException) -> None:
        from clinic_app.errors import NotLoggedIn

        self._pending -= 1
        if not isinstance(error, NotLoggedIn):  # a logout meanwhile is no failure
            log.error("the backup check failed: %s", type(error).__name__)

    def _now_failed(self, error: BaseException) -> None:
        self._pending -= 1
        self._status_message("")
        self._show_error(error)
