"""Help > How to use Clinic App, and Help > About: the version, where the data is, and the licences.

The how-to is built in (ui/how_to_use.md, shipped with the package): the app may run where its
README is not, and the page must name the keys this version really has (a test checks it against
the menus). About lists what is shipped with the app and under which licence, read from the
installed packages' own metadata, so it stays true when a version changes.
"""

from __future__ import annotations

import re
from html import escape
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import resource_dir
from ui.language import content_language

APP_NAME = "Clinic App"
DISTRIBUTION = "clinic-app"
HOW_TO_USE = Path(__file__).with_name("how_to_use.md")
FONT_LICENCE = "LICENSE-DejaVu.txt"
# What the metadata of these says is long or unclear; the licence under which the app ships them.
KNOWN_LICENCES = {
    "pyside6-essentials": "LGPL-3.0 (Qt and PySide6, used under the GNU Lesser General Public License v3)",
    "pyside6-addons": "LGPL-3.0 (Qt and PySide6, used under the GNU Lesser General Public License v3)",
    "shiboken6": "LGPL-3.0 (used under the GNU Lesser General Public License v3)",
    "reportlab": "BSD",
    "rl-accel": "BSD",
    "pypdfium2": "BSD-3-Clause and Apache-2.0 (pypdfium2 and PDFium)",
}


def how_to_use() -> Path:
    """The how-to in the screens' language (how_to_use.es.md beside the English how_to_use.md)."""
    translated = HOW_TO_USE.with_suffix(f".{content_language().value}.md")
    return translated if translated.is_file() else HOW_TO_USE


def app_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a folder that was never installed
        return QCoreApplication.translate("help", "unknown (not installed)")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def shipped_packages() -> list[tuple[str, str, str]]:
    """(name, version, licence) of every package the app needs to run, found from its requirements."""
    seen: dict[str, tuple[str, str, str]] = {}
    waiting = [DISTRIBUTION]
    while waiting:
        name = _normal(waiting.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional or platform-specific requirement that is not installed here
        seen[name] = (dist.metadata["Name"], dist.version, _licence(name, dist))
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue  # test tools and optional drivers are not shipped
            waiting.append(re.split(r"[\s;<>=!~\[(]", requirement.strip(), maxsplit=1)[0])
    seen.pop(DISTRIBUTION, None)
    return sorted(seen.values(), key=lambda row: row[0].lower())


def _licence(name: str, dist: metadata.Distribution) -> str:
    if name in KNOWN_LICENCES:
        return KNOWN_LICENCES[name]
    expression = dist.metadata["License-Expression"]
    if expression:
        return str(expression)
    text = (dist.metadata["License"] or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    classifiers = [
        c.split("::")[-1].strip()
        for c in dist.metadata.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    return ", ".join(classifiers) or QCoreApplication.translate("help", "see the package")


def about_html(location: str | None) -> str:
    rows = "".join(
        f"<tr><td>{escape(name)}&nbsp;</td><td>{escape(version)}&nbsp;</td><td>{escape(licence)}</td></tr>"
        for name, version, licence in shipped_packages()
    )
    where = escape(location) if location else QCoreApplication.translate("help", "not open yet")
    return QCoreApplication.translate(
        "help",
        "<h2>{APP_NAME}</h2><p>Version {value}. Screening, triage and home-exercise handouts for physical therapists.</p><p><b>Your data:</b> {where}</p><p>{APP_NAME} is free software under the MIT licence. It ships with:</p><ul><li><b>DejaVu Sans</b> fonts, for the printed documents: Bitstream Vera licence, DejaVu changes in the public domain (“Show the font licence” below).</li></ul><table cellspacing='2'><tr><th align='left'>Package</th><th align='left'>Version</th><th align='left'>Licence</th></tr>{rows}</table><p>Qt and PySide6 are used under the GNU LGPL v3: you may replace them with a version of your own (https://www.qt.io/licensing/).</p>",
    ).format(APP_NAME=APP_NAME, value=escape(app_version()), where=where, rows=rows)


def font_licence_text() -> str:
    return (resource_dir("fonts") / FONT_LICENCE).read_text(encoding="utf-8")


def _text_window(parent: QWidget | None, title: str, object_name: str) -> tuple[QDialog, QTextBrowser]:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setObjectName(object_name)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName(f"{object_name}CloseButton")
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser, 1)
    layout.addWidget(buttons)
    line = dialog.fontMetrics().lineSpacing()
    dialog.resize(line * 44, line * 36)
    return dialog, browser


class HelpWindow(QDialog):
    """How to use Clinic App: a window that may stay open beside the main one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How to use {APP_NAME}").format(APP_NAME=APP_NAME))
        self.setObjectName("helpWindow")
        self.setModal(False)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("How to use Clinic App"))
        self.text.setOpenExternalLinks(True)
        self.text.setMarkdown(how_to_use().read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("helpCloseButton")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 46, line * 40)


class AboutDialog(QDialog):
    """The app's name and version, where its data is, and the licences of what it ships."""

    def __init__(self, location: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {APP_NAME}").format(APP_NAME=APP_NAME))
        self.setObjectName("aboutDialog")
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("About {APP_NAME}").format(APP_NAME=APP_NAME))
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(about_html(location))
        self.font_button = QPushButton(self.tr("Show the &font licence"), self)
        self.font_button.setObjectName("fontLicenceButton")
        self.font_button.clicked.connect(self.show_font_licence)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("aboutCloseButton")
        buttons.addButton(self.font_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 44, line * 36)
        self.font_licence: QDialog | None = None

    def show_font_licence(self) -> None:
        dialog, browser = _text_window(self, self.tr("DejaVu fonts licence"), "fontLicenceWindow")
        browser.setPlainText(font_licence_text())
        browser.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        browser.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.font_licence = dialog
        dialog.exec()
