"""The screens' translations in tests: installed by language, and what a screen still shows in English.

The compiled .qm files are committed beside their .ts sources (`python3 dev.py translations` makes
both); test_translations_compiled.py checks that each .qm is what its .ts compiles to.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ui.language import LanguageCode, UiLanguage, install_language

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
LRELEASE = Path(sys.executable).parent / (
    "pyside6-lrelease.exe" if sys.platform == "win32" else "pyside6-lrelease"
)


def compiled(source: Path, folder: Path) -> bytes:
    """What pyside6-lrelease makes of a .ts (the same bytes every time)."""
    target = folder / source.with_suffix(".qm").name
    subprocess.run([str(LRELEASE), "-silent", str(source), "-qm", str(target)], check=True)
    return target.read_bytes()


@contextmanager
def screens_in(language: UiLanguage) -> Iterator[LanguageCode]:
    """The app's screens in `language` while inside; English (the tests' usual language) again after."""
    try:
        yield install_language(language)
    finally:
        install_language("en")


# ---- what a screen shows, and what of it is still English -------------------------------------------

# Words of running English text that are not Spanish words: one of them in a visible string means a
# string nobody translated, wrapped for Qt Linguist or not.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "with",
        "for",
        "from",
        "this",
        "these",
        "your",
        "you",
        "yet",
        "on",
        "at",
        "by",
        "or",
        "it",
        "be",
        "has",
        "have",
        "was",
        "will",
        "when",
        "what",
        "which",
        "here",
        "there",
        "only",
        "each",
        "every",
        "all",
        "more",
        "then",
        "before",
        "after",
        "not",
        "new",
        "save",
        "print",
        "open",
        "add",
        "remove",
        "choose",
        "type",
        "none",
        "left",
        "right",
        "both",
        "yes",
        "visit",
        "visits",
        "patient",
        "patients",
        "pain",
        "exercise",
        "exercises",
        "referral",
        "home",
        "flag",
        "flags",
        "finding",
        "findings",
        "screening",
        "complaint",
        "complaints",
        "settings",
        "name",
        "date",
        "please",
        "could",
        "should",
        "cannot",
        "can",
        "an",
        "as",
        "if",
        "in",
        "out",
        "up",
        "down",
        "back",
        "next",
        "first",
        "last",
        "time",
        "today",
        "done",
        "show",
        "hide",
        "help",
        "about",
        "file",
        "edit",
        "view",
        "quit",
        "undo",
        "redo",
        "find",
        "lock",
        "user",
        "password",
        "account",
        "accounts",
        "chart",
        "side",
        "sides",
        "note",
        "reps",
        "sets",
        "hold",
        "times",
        "day",
        "leg",
        "knee",
        "calf",
        "neck",
        "finished",
        "draft",
        "signed",
        "recorded",
        "centimetres",
        "degrees",
        "seconds",
        "minutes",
        "unknown",
        "optional",
        "required",
        "higher",
        "lower",
        "better",
        "worse",
        "since",
        "until",
        "above",
        "below",
    ]
)
# Shown the same in both languages, each for a reason: the app's name; abbreviations and formats
# clinicians and computers use as they are; the booking text's example for the English handout.
SAME_IN_BOTH = frozenset(
    {
        "Clinic App",
        # The example for the booking text of English handouts is English text, in either language.
        "e.g. Call us or book online at example.com/book",
        "p. ej. Call us or book online at example.com/book",
    }
)
# Tables of stored records: their headers are checked, their cells are not (the audit trail's hold
# user names, MRNs, computers and file names as stored; tests/ui/test_audit_words.py checks its words).
RECORD_TABLES = frozenset({"auditTable"})
# Choices of a language, each named in its own words so that anyone finds theirs ("English", "Español").
ENDONYM_COMBOS = frozenset({"languageCombo"})
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:[_'][A-Za-zÀ-ÿ]+)*")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Catalogue:
    """The Spanish .ts: every English source that has a Spanish translation, and those still English."""

    english_sources: tuple[re.Pattern[str], ...]
    # Words of the English sources that no Spanish translation uses ("triage", "optional"): English.
    english_only_words: frozenset[str]

    @classmethod
    def load(cls) -> Catalogue:
        patterns = []
        source_words: set[str] = set()
        spanish_words: set[str] = set()
        for message in ET.parse(TRANSLATIONS / "clinic_app_es.ts").getroot().iter("message"):
            source = message.findtext("source") or ""
            forms = [form.text or "" for form in message.iter("numerusform")] or [
                message.findtext("translation") or ""
            ]
            source_words |= _vocabulary(source)
            for form in forms:
                spanish_words |= _vocabulary(form)
            if source in SAME_IN_BOTH or all(form == source for form in forms):
                continue
            patterns.append(_as_pattern(plain(source)))
        return cls(tuple(patterns), frozenset(source_words - spanish_words))

    def still_english(self, text: str) -> bool:
        """Whether a string shown is an English source shown as it is (its placeholders filled in)."""
        return any(pattern.fullmatch(text) for pattern in self.english_sources)


def _vocabulary(text: str) -> set[str]:
    """The words of a text, lower case, but for placeholders, markup and short ones (a, of, to)."""
    return {word.lower() for word in _WORD.findall(plain(re.sub(r"\{[^{}]*\}", " ", text))) if len(word) > 3}


def _as_pattern(source: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^{}]*\}|%n", source)
    return re.compile(r"(?s)" + r".+?".join(re.escape(part) for part in parts))


def plain(text: str) -> str:
    """What a person reads: no mnemonic ampersands, no HTML tags, entities read, spaces as one."""
    text = html.unescape(_TAG.sub(" ", text)) if "<" in text else text
    text = re.sub(r"&(?=\S)", "", text).replace("&&", "&")
    return " ".join(text.split())


def english_words(text: str) -> list[str]:
    # A name with an underscore (a CSV column, given_name) is a name, not words.
    return [word for word in _WORD.findall(text) if word.lower() in ENGLISH_WORDS]


def shown_strings(root: QWidget) -> dict[str, str]:
    """Every string a widget tree shows or speaks, by where it is: texts, titles, tooltips,
    placeholders, accessible names, combo items, tab, table and list texts, menus and actions."""
    found: dict[str, str] = {}

    def add(where: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            found[f"{where}: {text[:60]!r}"] = text

    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}({widget.objectName() or ''})"
        if widget.isWindow():
            add(f"{name} window title", widget.windowTitle())
        for part, text in (
            ("tooltip", widget.toolTip()),
            ("accessible name", widget.accessibleName()),
            ("accessible description", widget.accessibleDescription()),
            ("status tip", widget.statusTip()),
        ):
            add(f"{name} {part}", text)
        _add_texts(widget, name, add)
        for action in widget.actions():
            add(f"{name} action", action.text())
            add(f"{name} action tooltip", action.toolTip() if action.toolTip() != action.text() else "")
    return found


def _add_texts(widget: QWidget, name: str, add: Callable[[str, object], None]) -> None:
    if isinstance(widget, QLabel | QAbstractButton):
        add(f"{name} text", widget.text())
    if isinstance(widget, QGroupBox):
        add(f"{name} title", widget.title())
    if isinstance(widget, QLineEdit):
        add(f"{name} placeholder", widget.placeholderText())
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        add(f"{name} placeholder", widget.placeholderText())
        if widget.isReadOnly():
            add(f"{name} text", widget.toPlainText())
    if isinstance(widget, QAbstractSpinBox):
        add(f"{name} special value", getattr(widget, "specialValueText", lambda: "")())
        add(f"{name} suffix", getattr(widget, "suffix", lambda: "")())
    if isinstance(widget, QComboBox) and widget.objectName() not in ENDONYM_COMBOS:
        for index in range(widget.count()):
            add(f"{name} item {index}", widget.itemText(index))
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            add(f"{name} tab {index}", widget.tabText(index))
    if isinstance(widget, QMenu):
        add(f"{name} title", widget.title())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model, top = widget.model(), QModelIndex()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
        for column in range(columns):
            add(f"{name} header {column}", model.headerData(column, Qt.Orientation.Horizontal))
        if _inside(widget, RECORD_TABLES | ENDONYM_COMBOS):
            return
        for row in range(min(model.rowCount(top), 50)):
            for column in range(columns):
                add(f"{name} cell {row},{column}", model.index(row, column, top).data())


def _inside(widget: QObject, names: frozenset[str]) -> bool:
    """The widget, or one it is part of (a combo box's list), is one of those named."""
    part: QObject | None = widget
    while part is not None:
        if part.objectName() in names:
            return True
        part = part.parent()
    return False


def english_left(root: QWidget, catalogue: Catalogue, allowed: Iterable[str] = ()) -> list[str]:
    """The strings of a widget tree still in English, as "where: text (why)"."""
    allowed_texts = {plain(text) for text in (*SAME_IN_BOTH, *allowed)}
    left = []
    for where, raw in shown_strings(root).items():
        text = plain(str(raw))
        if not text or text in allowed_texts:
            continue
        rest = " ".join(_without(text, allowed_texts).split())
        words = english_words(rest) + [
            word for word in _WORD.findall(rest) if word.lower() in catalogue.english_only_words
        ]
        if (rest and catalogue.still_english(rest)) or words:
            left.append(f"{where} (English words: {words})")
    return left


def _without(text: str, allowed: set[str]) -> str:
    for part in sorted(allowed, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", " ", text)
    return text
