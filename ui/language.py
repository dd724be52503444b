"""The language of the screens: the system's, English or Spanish, a preference of this computer's user.

Kept in QSettings like the theme (one therapist reads Spanish, the next English, on the same
computer), and apart from the language handouts print in (a clinic setting, per patient). The
screens' words are Qt Linguist translations (resources/translations/clinic_app_es.ts, compiled to
a .qm by `python3 dev.py app`, `test` and `bundle`); Qt's own (the Yes and Cancel of its dialogs)
come with Qt. Clinical words (regions, red flags, screens, exercises) come from the catalogue in
the same language, as the printed documents do, so that each is translated once.

The translators are installed before the first widget is made, so a change takes effect at the
next start: re-translating every open screen live would cost more than the restart saves.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from importlib.resources import as_file, files
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QSettings, QTranslator

if TYPE_CHECKING:  # the core is imported off the UI thread, after the window is up (ui/app.py)
    from clinic_app.domain import Language

log = logging.getLogger("clinic_app.ui")

UiLanguage = Literal["system", "en", "es"]
UI_LANGUAGES: tuple[UiLanguage, ...] = ("system", "en", "es")
SETTINGS_KEY = "appearance/language"
TRANSLATIONS = "clinic_app"  # resources/translations/clinic_app_<language>.qm
_installed: list[QTranslator] = []  # kept alive: Qt does not own an installed translator
LanguageCode = Literal["en", "es"]
LANGUAGE_CODES: tuple[LanguageCode, ...] = ("en", "es")  # clinic_app.domain.Language's values
_active: list[LanguageCode] = ["en"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (the name pyside6-lupdate looks for)
    """Mark text for translation where it is defined (a constant); translate it where it is shown, with
    QCoreApplication.translate(context, text). Typed, unlike PySide6's own, which returns object."""
    return text


def language_label(language: UiLanguage) -> str:
    """Each language in its own words, so that someone who cannot read the current one finds theirs."""
    if language == "system":
        return QCoreApplication.translate("language", "Same as the system")
    return {"en": "English", "es": "Español"}[language]


def saved_language() -> UiLanguage:
    value = QSettings().value(SETTINGS_KEY, "system")
    return next((language for language in UI_LANGUAGES if language == value), "system")


def save_language(language: UiLanguage) -> None:
    QSettings().setValue(SETTINGS_KEY, language)


def resolved(language: UiLanguage, system: QLocale | None = None) -> LanguageCode:
    """The language the screens speak: the system's when it is one of ours, else English."""
    if language != "system":
        return language
    name = (system or QLocale.system()).name().split("_")[0]
    return next((code for code in LANGUAGE_CODES if code == name), "en")


def install_language(language: UiLanguage) -> LanguageCode:
    """Load the translations for `language` into the running app, and the locale of its dates and numbers.

    Call before any widget is built. English is the source language: its translation holds only the
    plural forms ("1 visit", "3 visits"), and its locale stays the system's.
    """
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs the QApplication"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    chosen = resolved(language)
    ours = QTranslator(app)
    with as_file(files("resources") / "translations" / f"{TRANSLATIONS}_{chosen}.qm") as path:
        found = ours.load(str(path))
    if not found:
        # Only a checkout that was never built (`python3 dev.py app` compiles the .ts): English
        # screens are better than none.
        log.warning("%s is missing: the screens are in English", path.name)
        chosen = "en"
    _active[0] = chosen
    if chosen != "en":
        qt = QTranslator(app)  # the buttons of Qt's own dialogs (Yes, Cancel), shipped with Qt
        if qt.load(f"qtbase_{chosen}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    system = QLocale.system()
    # The user's own locale when it is of the chosen language (es_MX writes 8.5, es_ES 8,5).
    same = system.name().split("_")[0] == chosen or chosen == "en"
    QLocale.setDefault(system if same else QLocale(chosen))
    return chosen


def content_language() -> Language:
    """The language of the clinical words on screen (catalogue and exercise library): the screens'."""
    from clinic_app.domain import Language  # by then the core is loaded: it gave those words

    return Language(_active[0])


def in_english() -> bool:
    """Whether the screens are in English (without loading the core)."""
    return _active[0] == "en"


def locale() -> QLocale:
    """The locale of the dates and numbers on screen."""
    return QLocale()


def date_text(date: dt.date, english: str = "%Y-%m-%d") -> str:
    """A date on screen: in English as it always was (`english`, a strftime format: ISO unless said),
    in Spanish as the user's locale writes it, with the whole year (29/11/2026)."""
    if in_english():
        return date.strftime(english)
    return locale().toString(QDate(date.year, date.month, date.day), date_format())


def date_format() -> str:
    """How a date field shows its date: ISO in English (as always), else the locale's short date with
    two digits for the day and the month and four for the year, so that dates line up (dd/MM/yyyy)."""
    if in_english():
        return "yyyy-MM-dd"
    short = locale().dateFormat(QLocale.FormatType.ShortFormat)
    return re.sub(r"y+", "yyyy", re.sub(r"M+", "MM", re.sub(r"d+", "dd", short)))


def number_text(value: float, decimals: int = 1) -> str:
    """A measurement in the user's locale, without a trailing zero: 8.5 or 8,5; 12 rather than 12.0."""
    text = locale().toString(float(value), "f", decimals)
    point = locale().decimalPoint()
    return text.rstrip("0").rstrip(point) if point in text else text


def signed_number_text(value: float, decimals: int = 2) -> str:
    """A change in the user's locale with its sign: +1.5 or +1,5; -3; 0."""
    return ("+" if value > 0 else "") + number_text(value, decimals)


_STORED_NUMBER = re.compile(r"-?\d+\.\d+")


def typed_number(text: str) -> str:
    """A number the visit form holds as the core wrote it ("8.5") as the user types it in their locale
    ("8,5"), every digit kept; anything else (a whole number, text typed as it was) unchanged."""
    return text.replace(".", locale().decimalPoint()) if _STORED_NUMBER.fullmatch(text) else text


def number_value(text: str) -> float:
    """A number typed in the user's locale or with a point ("8,5", "8.5"); ValueError when it is none."""
    return float(text.strip().replace(locale().decimalPoint(), ".").replace(",", "."))


ROLE_NAMES = {
    "admin": QT_TRANSLATE_NOOP("language", "admin"),
    "therapist": QT_TRANSLATE_NOOP("language", "therapist"),
    "assistant": QT_TRANSLATE_NOOP("language", "assistant"),
}


def role_name(role: str) -> str:
    """An account's role in the screens' language ("therapist", "terapeuta")."""
    return QCoreApplication.translate("language", ROLE_NAMES[role]) if role in ROLE_NAMES else role


def day_month(date: dt.date) -> str:
    """A short date for a list or a chart's axis: "Oct 22" in English, "22 oct" in Spanish."""
    if in_english():
        return date.strftime("%b %d")
    return locale().toString(QDate(date.year, date.month, date.day), "d MMM").rstrip(".")
