"""Settings > Backups: the daily backup's folder, on or off, and how many copies to keep (admins)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_app.backup_policy import DEFAULT_KEEP, MAX_KEEP, BackupSchedule
from ui.settings.pages import Settings, SettingsPage


class BackupsPage(SettingsPage):
    """Where the daily copy goes: a folder on another disk, a USB drive or a network share."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Backups")
        self.enabled = QCheckBox(self.tr("Back up the clinic's data every &day"), self)
        self.enabled.setObjectName("dailyBackupCheck")
        self.enabled.setAccessibleName(self.tr("Daily backup"))
        self.folder = QLineEdit(self)
        self.folder.setObjectName("backupFolderEdit")
        self.folder.setAccessibleName(self.tr("Backup folder"))
        self.folder.setReadOnly(True)  # chosen with the folder dialog: never a mistyped path
        self.folder.setPlaceholderText(self.tr("No folder chosen"))
        self.choose_button = QPushButton(self.tr("C&hoose folder…"), self)
        self.choose_button.setObjectName("chooseBackupFolderButton")
        self.choose_button.setAccessibleName(self.tr("Choose the backup folder"))
        self.choose_button.clicked.connect(self._ask_for_folder)
        folder_row = QWidget(self)
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        self.keep = QSpinBox(self)
        self.keep.setObjectName("backupKeepSpin")
        self.keep.setAccessibleName(self.tr("Backups to keep"))
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setSuffix(self.tr(" backups"))
        self._rows.add(
            self.tr("Daily backup:"),
            self.enabled,
            "backups.enabled",
            self.tr(
                "A verified, encrypted copy of every record, made in the background once a day while"
                " Clinic App is open. It opens with the same passwords, or with the recovery key."
            ),
        )
        self._rows.add(
            self.tr("Folder:"),
            folder_row,
            "backups.folder",
            self.tr(
                "Choose a folder on another disk, a USB drive or a network share: a copy on the same"
                " disk is lost with it. Everyone is warned when the last good backup is over a week old."
            ),
        )
        self._rows.add(
            self.tr("&Keep:"),
            self.keep,
            "backups.keep",
            self.tr(
                "The newest ones are kept ({default} unless you change it); older ones are removed."
            ).format(default=DEFAULT_KEEP),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self._rows.form)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        schedule = settings.backups or BackupSchedule()
        self.enabled.setChecked(schedule.enabled)
        self.folder.setText(schedule.folder or "")
        self.keep.setValue(schedule.keep)

    def save(self, settings: Settings) -> Settings:
        schedule = BackupSchedule(self.enabled.isChecked(), self.folder.text() or None, self.keep.value())
        return replace(settings, backups=schedule.checked())

    def _ask_for_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the backup folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)
            self.enabled.setChecked(True)  # choosing a folder is asking for the backups
            self.field_error("backups.folder").show_message(None)
