"""Find a patient as you type (name, MRN or birth date) and see their episodes of care and visits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.language import QT_TRANSLATE_NOOP, content_language, date_text, day_month, in_english

if TYPE_CHECKING:
    import datetime as dt

    from clinic_app.domain import Region, Side
    from clinic_app.storage.records import PatientSummary, StoredEpisode, VisitSummary

SEARCH_DELAY_MS = 120  # long enough to skip a query per keystroke of a fast typist


class PatientPanel(QWidget):
    """The left side of the main window. Asks for data through signals; never queries itself."""

    search_requested = Signal(str)
    patient_selected = Signal(int)
    visit_opened = Signal(str)
    new_patient_requested = Signal()
    edit_patient_requested = Signal(int)
    new_visit_requested = Signal(int)
    episode_opened = Signal(str)  # show the episode's progress
    new_episode_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find patient: name, MRN or birth date"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find patient"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Patients found"))
        self.results.setAlternatingRowColors(True)  # two-line entries need a visible boundary
        self.results.setSpacing(1)
        # Alt+E and Alt+V open the Edit and View menus: these buttons underline other letters.
        self.new_button = QPushButton(self.tr("&New patient…"))
        self.edit_button = QPushButton(self.tr("Edi&t…"))
        self.visits_label = QLabel(self.tr("Visits"))
        self.visits = QListWidget()
        self.visits.setAccessibleName(self.tr("Visits of the selected patient"))
        self.visits.setAlternatingRowColors(True)
        self.new_visit_button = QPushButton(self.tr("Start ne&w visit"))
        self.episodes_label = QLabel(self.tr("Episodes of care"))
        self.episodes = QListWidget()
        self.episodes.setObjectName("episodeList")
        self.episodes.setAccessibleName(self.tr("Episodes of care of the selected patient"))
        self.episodes.setAlternatingRowColors(True)
        self.episodes.setWordWrap(True)  # a reason for referral is often a sentence
        self.episodes.setToolTip(self.tr("Open an episode (Enter or double-click) to see its progress"))
        self.new_episode_button = QPushButton(self.tr("New episode…"))
        self.new_episode_button.setObjectName("newEpisodeButton")
        self.new_button.setObjectName("newPatientButton")
        self.edit_button.setObjectName("editPatientButton")
        self.new_visit_button.setObjectName("newVisitButton")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self.may_record = True  # the logged-in account may add patients and start visits
        self._layout()
        self._connect()
        self._update_buttons()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.episodes_label)
        layout.addWidget(self.episodes, 2)
        layout.addWidget(self.new_episode_button)
        layout.addWidget(self.visits_label)
        layout.addWidget(self.visits, 2)
        layout.addWidget(self.new_visit_button)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self._timer.timeout.connect(lambda: self.search_requested.emit(self.search.text().strip()))
        self.search.returnPressed.connect(self._focus_results)
        self.results.currentItemChanged.connect(self._on_patient_changed)
        self.results.itemActivated.connect(lambda _item: self.new_visit_button.setFocus())
        self.visits.itemActivated.connect(
            lambda item: self.visit_opened.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.episodes.itemActivated.connect(
            lambda item: self.episode_opened.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.new_episode_button.clicked.connect(lambda: self._emit_for_patient(self.new_episode_requested))
        self.new_button.clicked.connect(self.new_patient_requested.emit)
        self.edit_button.clicked.connect(lambda: self._emit_for_patient(self.edit_patient_requested))
        self.new_visit_button.clicked.connect(lambda: self._emit_for_patient(self.new_visit_requested))

    def _emit_for_patient(self, signal: SignalInstance) -> None:
        patient_id = self.selected_patient_id()
        if patient_id is not None:
            signal.emit(patient_id)

    def _focus_results(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def _on_patient_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.visits.clear()
        self.episodes.clear()
        self._update_buttons()
        if current is not None:
            self.patient_selected.emit(current.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        chosen = self.selected_patient_id() is not None
        self.edit_button.setEnabled(chosen)
        self.new_visit_button.setEnabled(chosen)
        self.new_episode_button.setEnabled(chosen)

    def set_may_record(self, may: bool) -> None:
        """An assistant finds patients and opens visits; adding, editing and starting are not theirs."""
        self.may_record = may
        for button in (self.new_button, self.edit_button, self.new_visit_button, self.new_episode_button):
            button.setVisible(may)

    def clear(self) -> None:
        """Nothing of anyone's left on screen (logged out)."""
        self.set_search_text("")
        self.show_patients([])
        self.visits.clear()
        self.episodes.clear()

    # ---- filled in by the main window ----------------------------------------------------------

    def set_search_text(self, text: str) -> None:
        """Show text in the search box without searching: the caller shows (and selects) the patients.

        A search of our own would come SEARCH_DELAY_MS later and replace the list, dropping the selection.
        """
        self.search.setText(text)
        self._timer.stop()

    def selected_patient_id(self) -> int | None:
        row = self.results.currentRow()
        return None if row < 0 else int(self.results.item(row).data(Qt.ItemDataRole.UserRole))

    def show_patients(self, patients: list[PatientSummary], select: int | None = None) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for patient in patients:
            born = (
                self.tr(" · born {date}").format(date=date_text(patient.birth_date))
                if patient.birth_date
                else ""
            )
            item = QListWidgetItem(
                self.tr("{family_name}, {given_name}\nMRN {mrn}{born}").format(
                    family_name=patient.family_name, given_name=patient.given_name, mrn=patient.mrn, born=born
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, patient.id)
            self.results.addItem(item)
            if patient.id == select:
                self.results.setCurrentItem(item)
        self.results.blockSignals(False)
        if select is not None:
            self.patient_selected.emit(select)
        self._update_buttons()

    def show_visits(self, visits: list[VisitSummary], current: str | None = None) -> None:
        """The selected patient's visits; `current`: the visit open on the right, marked as such."""
        self.visits.clear()
        for visit in visits:
            status = self.tr("finished") if visit.status.value == "final" else self.tr("in progress")
            about = _complaints_text(visit.complaints) or self.tr("no complaints recorded")
            who = f" · {visit.clinician}" if visit.clinician else ""
            shown = self.tr(" · open now") if visit.id == current else ""
            item = QListWidgetItem(f"{_day(visit.date)} · {status}{shown}\n{about}{who}")
            item.setData(Qt.ItemDataRole.UserRole, visit.id)
            item.setToolTip(f"{about}{who}")
            self.visits.addItem(item)
            if visit.id == current:
                self.visits.setCurrentItem(item)
        self.visits_label.setText(
            self.tr("Visits ({visits})").format(visits=len(visits)) if visits else self.tr("Visits: none yet")
        )

    def show_episodes(self, episodes: list[StoredEpisode]) -> None:
        """The selected patient's episodes, the newest first: reason, start, open or discharged, visits."""
        self.episodes.clear()
        for stored in episodes:
            episode = stored.episode
            ended = (
                self.tr("discharged {date}").format(date=_day(episode.discharge_date))
                if episode.discharge_date
                else self.tr("open")
            )
            count = len(stored.visits)
            dates = ", ".join(day_month(v.date) for v in stored.visits[-4:])
            more = "…, " if count > 4 else ""
            visits = self.tr("%n visit(s)", "", count) + (f": {more}{dates}" if count else "")
            reason = episode.reason or self.tr("Episode of care")
            item = QListWidgetItem(
                self.tr("{reason} · {ended}\nfrom {start_date} · {visits}").format(
                    reason=reason, ended=ended, start_date=_day(episode.start_date), visits=visits
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, stored.id)
            item.setToolTip(item.text())
            self.episodes.addItem(item)
        self.episodes_label.setText(
            self.tr("Episodes of care ({episodes})").format(episodes=len(episodes))
            if episodes
            else self.tr("Episodes of care: none yet")
        )

    def selected_episode_id(self) -> str | None:
        row = self.episodes.currentRow()
        return None if row < 0 else str(self.episodes.item(row).data(Qt.ItemDataRole.UserRole))


def _complaints_text(complaints: tuple[tuple[Region, Side], ...]) -> str:
    """ "left knee, neck" (in Spanish "dolor de rodilla (izquierda), dolor de cuello"): what a visit was
    about, in a few words."""
    words = []
    spanish = not in_english()
    for region, side in complaints:
        if spanish:
            from clinic_app.catalogue import load_catalogue  # loaded by now: the visits came from the core

            name = load_catalogue().regions[region][content_language()]
            sides = {
                "left": QT_TRANSLATE_NOOP("patient_panel", "left"),
                "right": QT_TRANSLATE_NOOP("patient_panel", "right"),
            }
            where = (
                QCoreApplication.translate("patient_panel", sides[side.value]) if side.value in sides else ""
            )
            words.append(f"{name} ({where})" if where else name)
            continue
        place = region.value.replace("_", " / " if region.value == "ankle_foot" else " ")
        words.append(place if side.value in ("central", "both") else f"{side.value} {place}")
    return ", ".join(words)


def _day(day: dt.date) -> str:
    if in_english():
        return date_text(day, "%Y-%m-%d (%a)")
    return "{weekday} {date}".format(
        weekday=QLocale().toString(QDate(day.year, day.month, day.day), "ddd"), date=date_text(day)
    )
