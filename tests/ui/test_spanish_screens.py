"""The screens in Spanish: every string a therapist sees, from the login to a whole visit and every
dialog of the menu bar, is Spanish; the .ts is complete; the language setting takes effect.

The walk (tests/ui/translations.py) reads every widget's texts, titles, tooltips, placeholders,
accessible names, combo items, tab, table and list texts and actions, and fails on any that is an
English source of the .ts shown as it is, or that has English words in it. It finds controls at run
time, so a control added later without a Spanish text fails here, whoever adds it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app.clinic import Clinic
from clinic_app.domain import Language, ScreenId
from clinic_app.outcomes import load_measures
from clinic_app.storage.demo import CLINICIANS, PEOPLE
from tests.clinic_app.documents.test_wording import SEXED_SPANISH
from tests.clinic_app.logins import ADMIN, ADMIN_NAME
from ui.help import shipped_packages
from ui.language import content_language, date_text, number_text, saved_language
from ui.main_window import MainWindow
from ui.outcomes.answer_sheet import item_text
from ui.outcomes.outcomes_dialog import scale_anchors
from ui.outcomes.patient_mode import PatientMode
from ui.settings.settings_dialog import SettingsDialog
from ui.tasks import SynchronousTasks
from ui.widgets.measurement_field import MeasurementField

from . import test_menu_bar
from .modal import answering_modal
from .progress.test_episodes import choose_teresa, demo_window, open_first_episode, start_teresa_s_follow_up
from .shell import (
    OFFSCREEN_MENUS,
    PATIENT,
    clinic_with_visit,
    knee_form,
    log_in,
    own_settings,  # noqa: F401 - the fixture, by name
    start_window,
)
from .translations import TRANSLATIONS, Catalogue, english_left, screens_in, shown_strings

pytestmark = [pytest.mark.usefixtures("own_settings"), OFFSCREEN_MENUS]

# What the test itself typed or chose, shown back as it was: the patient, the clinic, the clinician.
TYPED = (
    PATIENT.given_name,
    PATIENT.family_name,
    PATIENT.mrn,
    "Sam Lee, PT",
    "Harbour PT",
    ADMIN,
    ADMIN_NAME,
)


@pytest.fixture
def spanish() -> Iterator[Catalogue]:
    with screens_in("es") as language:
        assert language == "es"
        yield Catalogue.load()


def check(root: QWidget, catalogue: Catalogue, where: str, *shown_as_given: str) -> None:
    left = english_left(root, catalogue, (*TYPED, *shown_as_given))
    assert not left, f"English left in {where}:\n" + "\n".join(left)


def database(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}"


# ---- a whole visit, and every dialog of the menu bar ---------------------------------------------------


def test_a_whole_visit_and_every_dialog_speak_spanish(
    qtbot: QtBot, tmp_path: Path, spanish: Catalogue
) -> None:
    url = database(tmp_path)
    visit_id = clinic_with_visit(url, knee_form())
    window = start_window(qtbot, url, login=False)
    qtbot.waitUntil(lambda: window.clinic is not None and window.login_page.isVisible())
    check(window, spanish, "the login page")
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.stored.id == visit_id)
    editor = window.editor
    assert editor is not None
    # Two entries to correct, typed as a therapist would: their messages are read too.
    type_into(qtbot, field_named(window, "Molestia 1: dolor de 0 a 10"), "11")
    editor.tabs.setCurrentIndex(2)
    type_into(qtbot, field_named(window, "dedo-pared (opcional), pierna izquierda"), "abc")
    qtbot.waitUntil(lambda: "Sin usar hasta que se corrijan" in editor.triage_panel.text())
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        qtbot.waitUntil(editor.tabs.currentWidget().isVisible)
        check(window, spanish, f"visit section {editor.tabs.tabText(index)!r}")
    editor.tabs.setCurrentWidget(editor.plan)
    opened_dialog(
        qtbot,
        lambda: qtbot.mouseClick(editor.plan.add_button, Qt.MouseButton.LeftButton),
        looking_for_english(spanish, "the exercise library"),
    )
    # Spanish runs about a quarter longer than English: the window still fits a 1024-pixel screen.
    assert window.minimumSizeHint().width() <= 1024
    for name in ("new_patient", "import_patients", "accounts", "audit"):
        action = window.actions_by_name[name]
        opened_dialog(qtbot, action.trigger, looking_for_english(spanish, action.text()))
    # The shipped packages and their licences are named as their makers name them; the data is where it is.
    assert window.clinic is not None
    shipped = [(name, licence) for name, _version, licence in shipped_packages()]
    licences = [window.clinic.location, *(part for package in shipped for part in package)]
    opened_dialog(
        qtbot,
        window.actions_by_name["about"].trigger,
        lambda dialog: check(dialog, spanish, "About", *licences),
    )
    opened_dialog(
        qtbot, window.actions_by_name["settings"].trigger, lambda dialog: every_page(dialog, spanish)
    )
    # A measure's licence note is resources/outcomes' Spanish, shown whole; its sources are cited as
    # published and the command as typed.
    spanish_notes = [measure.licence.es for measure in load_measures().values()]
    cited = ("Physical Therapy", "clinic outcomes text import lefs FILE")

    def outcome_measures(dialog: QWidget) -> None:
        check(dialog, spanish, "the outcome measures", *cited)
        licence = dialog.findChild(QLabel, "outcomeLicence")
        assert licence is not None
        assert any(note in licence.text() for note in spanish_notes)

    opened_dialog(
        qtbot, lambda: qtbot.mouseClick(editor.outcomes_button, Qt.MouseButton.LeftButton), outcome_measures
    )
    opened_dialog(qtbot, window.actions_by_name["finish"].trigger, lambda box: check(box, spanish, "Finish"))


def looking_for_english(catalogue: Catalogue, where: str) -> Callable[[QWidget], None]:
    return lambda dialog: check(dialog, catalogue, where)


def field_named(window: QWidget, words: str) -> QLineEdit:
    """The text field whose screen-reader name has these words."""
    found = [edit for edit in window.findChildren(QLineEdit) if words in edit.accessibleName()]
    assert len(found) == 1, [
        n for e in window.findChildren(QLineEdit) if words[:8] in (n := e.accessibleName())
    ]
    return found[0]


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    qtbot.waitUntil(edit.isVisible)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def opened_dialog(qtbot: QtBot, open_it: Callable[[], object], look: Callable[[QWidget], None]) -> None:
    """Open a modal window, look at it, close it with Escape (as a person would)."""
    seen: list[QWidget] = []

    def answer(dialog: QWidget) -> None:
        seen.append(dialog)
        try:
            look(dialog)
        finally:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with answering_modal(qtbot, answer):
        open_it()
    assert seen


def every_page(dialog: QWidget, catalogue: Catalogue) -> None:
    pages = dialog.findChild(QListWidget, "settingsPageList")
    assert pages is not None
    for row in range(pages.count()):
        pages.setCurrentRow(row)
        check(dialog, catalogue, f"Settings, page {pages.item(row).text()!r}")


def test_the_first_run_speaks_spanish(qtbot: QtBot, tmp_path: Path, spanish: Catalogue) -> None:
    url = database(tmp_path)  # no account yet: the window asks for the clinic and the first one
    window = MainWindow(
        open_clinic=lambda: Clinic.open(url), tasks=SynchronousTasks(), render_tasks=SynchronousTasks()
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.first_run is not None and window.first_run.isVisible())
    check(window, spanish, "the first run")


def test_the_patient_list_and_episodes_speak_spanish(
    qtbot: QtBot, tmp_path: Path, spanish: Catalogue
) -> None:
    window = start_window(qtbot, database(tmp_path))
    qtbot.waitUntil(lambda: window.welcome.demo_button.isVisible())
    check(window, spanish, "the welcome page")
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.patients.results.count() > 0)
    for row in range(window.patients.results.count()):
        window.patients.results.setCurrentRow(row)
        qtbot.waitUntil(lambda: window.patients.visits.count() > 0 or window.patients.episodes.count() > 0)
    names = [name for person in PEOPLE for name in (person.given_name, person.family_name)]
    check(window, spanish, "the patient list with demo patients", *names, *CLINICIANS)


# ---- the .ts itself ------------------------------------------------------------------------------------


def messages(language: str) -> list[ET.Element]:
    return list(ET.parse(TRANSLATIONS / f"clinic_app_{language}.ts").getroot().iter("message"))


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_translations_are_finished_and_none_is_obsolete(language: str) -> None:
    for message in messages(language):
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in {"unfinished", "obsolete", "vanished"}, message.findtext(
            "source"
        )
        forms = [form.text for form in translation.iter("numerusform")] or [translation.text]
        assert all(forms), f"empty translation of {message.findtext('source')!r}"


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_placeholder_of_a_source_is_in_its_translation(language: str) -> None:
    placeholder = re.compile(r"\{[^{}]*\}|%n")
    for message in messages(language):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        for form in [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]:
            assert set(placeholder.findall(form)) == set(placeholder.findall(source)), (source, form)


def test_english_plurals_read_as_english() -> None:
    plurals = {message.findtext("source"): message for message in messages("en")}
    assert plurals, "the English .ts holds the plural forms"
    for source, message in plurals.items():
        assert message.get("numerus") == "yes", source
        one, other = (form.text or "" for form in message.iter("numerusform"))
        assert "(s)" not in one + other, source
        assert "(ies)" not in one + other, source


# ---- the setting ---------------------------------------------------------------------------------------


def test_the_language_setting_saves_loads_and_takes_effect_at_the_next_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = database(tmp_path)
    window = start_window(qtbot, url)
    qtbot.waitUntil(lambda: window.profile is not None)
    assert saved_language() == "system"

    def choose_spanish(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        pages = dialog.findChild(QListWidget, "settingsPageList")
        assert pages is not None
        pages.setCurrentRow(
            next(row for row in range(pages.count()) if pages.item(row).text() == "Appearance")
        )
        combo = dialog.findChild(QComboBox, "languageCombo")
        assert combo is not None
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "Same as the system",
            "English",
            "Español",
        ]
        assert any("next start" in label.text() for label in dialog.findChildren(QLabel))
        combo.setFocus()
        qtbot.keyClicks(combo, "Es")  # typing picks the item, as in any drop-down
        assert combo.currentData() == "es"
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[union-attr]
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    opened_dialog_accepted(qtbot, window.actions_by_name["settings"].trigger, choose_spanish)
    assert saved_language() == "es"
    assert "next start" in window.statusBar().currentMessage()
    assert window.actions_by_name["settings"].text() == "Se&ttings…"  # this window stays as it was made
    window.close()
    # The next start: ui.app.start installs the saved language before it builds the window.
    with screens_in(saved_language()):
        again = start_window(qtbot, url, login=False)
        assert again.actions_by_name["settings"].text() == "&Configuración…"
        assert content_language() == Language.ES
        again.close()

    def shows_spanish_chosen(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox, "languageCombo")
        assert combo is not None
        assert combo.currentData() == "es"  # loaded from the setting
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    window2 = start_window(qtbot, url, login=True)
    qtbot.waitUntil(lambda: window2.profile is not None)
    opened_dialog_accepted(qtbot, window2.actions_by_name["settings"].trigger, shows_spanish_chosen)


def opened_dialog_accepted(
    qtbot: QtBot, open_it: Callable[[], object], answer: Callable[[QWidget], None]
) -> None:
    with answering_modal(qtbot, answer):
        open_it()


# ---- dates and numbers ---------------------------------------------------------------------------------


def test_dates_and_numbers_follow_the_spanish_locale(qtbot: QtBot) -> None:
    QLocale.setDefault(QLocale("es_ES"))
    with screens_in("es"):
        QLocale.setDefault(QLocale("es_ES"))  # whatever this computer's own locale is
        assert date_text(dt.date(2026, 11, 29)) == "29/11/2026"
        assert number_text(8.5) == "8,5"
        assert number_text(12.0) == "12"
    assert date_text(dt.date(2026, 11, 29)) == "2026-11-29"  # English screens keep ISO dates
    assert number_text(8.5) == "8.5" or QLocale().decimalPoint() != "."


def test_a_visit_in_spanish_shows_the_clinical_words_of_the_catalogue_in_spanish(
    qtbot: QtBot, tmp_path: Path, spanish: Catalogue
) -> None:
    url = database(tmp_path)
    form = knee_form()
    visit_id = clinic_with_visit(url, form)
    window = start_window(qtbot, url)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.stored.id == visit_id)
    editor = window.editor
    assert editor is not None
    panel = editor.triage_panel.text()
    assert "Rodilla" in panel or "rodilla" in panel  # the region, from resources/clinical in Spanish
    assert "Knee" not in panel


# ---- the walk itself -----------------------------------------------------------------------------------


def test_the_walk_finds_a_string_left_in_english(qtbot: QtBot, spanish: Catalogue) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    QLabel("Nothing to print yet", page)  # never wrapped for translation: English words
    QLabel("Accounts", page)  # an English source of the .ts, shown untranslated
    combo = QComboBox(page)
    combo.addItem("Sí")
    combo.setToolTip("Choose the side")
    QLabel("Guardado.", page)  # Spanish passes
    left = english_left(page, spanish)
    assert len(left) == 3, left
    assert any("'Nothing to print yet'" in line for line in left)
    assert any("'Accounts'" in line for line in left)
    assert any("tooltip" in line for line in left)


def test_no_key_means_two_things_in_spanish(qtbot: QtBot, tmp_path: Path, spanish: Catalogue) -> None:
    """The underlined letters are the translator's: the English test of them, on the Spanish screens."""
    test_menu_bar.test_no_key_means_two_things_in_the_window(qtbot, tmp_path)


def test_an_episode_s_progress_page_speaks_spanish(qtbot: QtBot, tmp_path: Path, spanish: Catalogue) -> None:
    window = demo_window(qtbot, tmp_path)
    choose_teresa(qtbot, window)
    open_first_episode(qtbot, window)
    names = [name for person in PEOPLE for name in (person.given_name, person.family_name)]
    check(window, spanish, "an episode's progress", *names, *CLINICIANS, *typed_in_episode(window))


def typed_in_episode(window: MainWindow) -> list[str]:
    """The episode's reason and referrer and its goals' activities: typed text (the demo's, English)."""
    progress = window.episode_control.view.progress
    assert progress is not None
    typed: list[str] = [progress.episode.reason or "", progress.episode.referred_by or ""]
    typed += [str(part) for goal in progress.goals for part in (goal.goal.activity, goal.goal.target) if part]
    return typed


def test_the_patient_s_questionnaire_speaks_plain_spanish_to_any_patient(
    qtbot: QtBot, spanish: Catalogue
) -> None:
    nprs = load_measures()["nprs"]
    mode = PatientMode(
        [item_text(nprs, 0)], nprs.items.min, nprs.items.max, scale_anchors(nprs), lambda _p, _done: None
    )
    qtbot.addWidget(mode)
    mode.show()
    check(mode, spanish, "the patient's questionnaire")
    shown = " ".join(shown_strings(mode).values())
    assert "¿Cuánto le duele hoy?" in shown  # the measure's own Spanish item
    assert not SEXED_SPANISH.search(shown), SEXED_SPANISH.search(shown)


def test_the_help_is_in_spanish_and_names_the_keys_the_menus_really_have(
    qtbot: QtBot, tmp_path: Path, spanish: Catalogue
) -> None:
    window = start_window(qtbot, database(tmp_path))
    window.show_help()
    assert window.help_window is not None
    check(window.help_window, spanish, "the help", "clinic user add")
    text = window.help_window.text.toPlainText()
    assert "Una visita, paso a paso" in text
    for name, action in window.actions_by_name.items():
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)  # as the menus show them
        assert keys in text, f"the help does not mention {keys} ({name})"
    for menu in ("Alt+A (Archivo)", "Alt+E (Edición)", "Alt+V (Ver)", "Alt+U (Ayuda)"):
        assert menu in text  # the letters the Spanish menus underline


def test_a_follow_up_shows_last_time_s_values_in_spanish(
    qtbot: QtBot, tmp_path: Path, spanish: Catalogue
) -> None:
    window = demo_window(qtbot, tmp_path)
    editor = start_teresa_s_follow_up(qtbot, window)
    editor.tabs.setCurrentWidget(editor.screening)
    card = editor.screening.card(ScreenId.ANKLE_MOBILITY)
    field = card.inputs["left.toe_to_wall_cm"]
    assert isinstance(field, MeasurementField)
    qtbot.keyClicks(field.edit, "11")
    # The demo's last toe-to-wall (9.5 cm) beside the new entry, in the Spanish locale and words.
    qtbot.waitUntil(lambda: "9,5 cm → 11 cm, +1,5 cm" in card.last_time.text())
    assert card.last_time.text().startswith("La última vez ("), card.last_time.text()
    assert "dedo-pared" in card.last_time.text()
    names = [name for person in PEOPLE for name in (person.given_name, person.family_name)]
    check(window, spanish, "a follow-up visit", *names, *CLINICIANS, *typed_in_episode(window))
