"""The pages of the settings dialog, each with symmetric load() and save() (Picard's option pages).

`load(settings)` shows values; `save(settings)` returns the settings with this page's values put
in, validated by the domain models, or raises InvalidInput whose problems `show_problems` puts
next to the fields. Loading and then saving without an edit gives back equal settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader, QImageWriter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_app.backup_policy import BackupSchedule
from clinic_app.domain import ClinicProfile, DocumentSettings, Language, PaperSize
from clinic_app.errors import InvalidInput, Problem
from clinic_app.validation import problems_from
from ui.core_words import core_message
from ui.language import QT_TRANSLATE_NOOP, UI_LANGUAGES, UiLanguage, language_label
from ui.theme import THEME_LABELS, THEMES, Theme
from ui.widgets.field_error import FieldError

# A logo prints at most a few centimetres wide: 1200 pixels is sharp at 300 dpi over 10 cm.
LOGO_MAX_PIXELS = 1200
LOGO_MAX_FILE_BYTES = 10 * 1024 * 1024
LOGO_LIMITS = QT_TRANSLATE_NOOP(
    "pages", "PNG or JPEG, up to 10 MB. Larger pictures are scaled down to 1200 pixels on the long side."
)
# Offered, never chosen for the clinic: a wrong number on a referral letter is worse than none.
EMERGENCY_NUMBERS = (
    ("911", QT_TRANSLATE_NOOP("pages", "US, Canada")),
    ("112", QT_TRANSLATE_NOOP("pages", "EU")),
    ("999", QT_TRANSLATE_NOOP("pages", "UK")),
)
EMERGENCY_NUMBER_MAX = 20
DEFAULT_LOCK_MINUTES = 10  # as the contract says (clinic_app.storage.orm.DEFAULT_LOCK_MINUTES)
MAX_LOCK_MINUTES = 120
_EMERGENCY_NUMBER = re.compile(r"^[0-9+ ]*$")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the settings dialog edits."""

    profile: ClinicProfile
    documents: DocumentSettings
    # This computer's user's preference (QSettings, ui/theme.py), not the clinic's: edited here, saved apart.
    theme: Theme = "system"
    lock_after_minutes: int = DEFAULT_LOCK_MINUTES  # the clinic's: every computer locks after this idle time
    backups: BackupSchedule | None = (
        None  # the daily backup (ui.settings.backup_page); None: a server's database
    )
    # This computer's user's too (ui/language.py); handouts print in each patient's language instead.
    language: UiLanguage = "system"


def validated(
    model: type[ClinicProfile] | type[DocumentSettings], values: dict[str, Any], prefix: str
) -> Any:
    """The model built from values, or InvalidInput with the problems by path (profile.email)."""
    try:
        return model(**values)
    except ValidationError as error:
        raise InvalidInput(problems_from(error, prefix)) from error


def _text_edit(parent: QWidget, name: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    # Tall enough for `lines` lines of the user's font, so it scales on high-DPI screens.
    margins = edit.contentsMargins().top() + edit.contentsMargins().bottom()
    edit.setFixedHeight(
        edit.fontMetrics().lineSpacing() * lines + margins + 2 * int(edit.document().documentMargin())
    )
    return edit


def _line_edit(parent: QWidget, name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class _FieldRows:
    """A form whose every field has a problem line under it, addressed by document path."""

    def __init__(self, page: QWidget) -> None:
        self.page = page
        self.form = QFormLayout()
        self.errors: dict[str, FieldError] = {}

    def add(self, caption: str, field: QWidget, path: str, hint: str = "") -> None:
        label = QLabel(caption, self.page)
        label.setBuddy(field)
        column = QVBoxLayout()
        column.setSpacing(0)
        column.addWidget(field)
        if hint:
            column.addWidget(_hint(hint, self.page))
        self.errors[path] = FieldError(self.page)
        column.addWidget(self.errors[path])
        self.form.addRow(label, column)

    def show(self, problems: list[Problem]) -> None:
        messages: dict[str, list[str]] = {}
        for problem in problems:
            messages.setdefault(problem.path, []).append(core_message(problem.message))
        for path, error in self.errors.items():
            error.show_message("; ".join(messages.get(path, [])))


def _hint(text: str, parent: QWidget) -> QLabel:
    hint = QLabel(text, parent)
    hint.setWordWrap(True)
    return hint


class SettingsPage(QWidget):
    """One page: a title for the page list, symmetric load/save, and a problem line under each field."""

    title = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = _FieldRows(self)

    def load(self, settings: Settings) -> None:
        raise NotImplementedError

    def save(self, settings: Settings) -> Settings:
        raise NotImplementedError

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem next to its field; the fields without one are cleared."""
        self._rows.show(problems)

    def field_error(self, path: str) -> FieldError:
        """The problem line under a field, by its path ("profile.email")."""
        return self._rows.errors[path]


class LogoPicker(QWidget):
    """Choose, preview and remove the clinic's logo; holds it as PNG bytes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.png: bytes | None = None
        self._preview = QLabel(self)
        self._preview.setFrameShape(QFrame.Shape.StyledPanel)
        self._preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        line = self.fontMetrics().lineSpacing()
        self._preview.setFixedSize(line * 12, line * 5)  # in text lines, so it scales with the font
        self._preview.setAccessibleName(self.tr("Logo preview"))
        self.choose_button = QPushButton(self.tr("Choose logo…"), self)
        self.choose_button.setAccessibleName(self.tr("Choose a logo file"))
        self.choose_button.clicked.connect(self._ask_for_file)
        self.remove_button = QPushButton(self.tr("Remove logo"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the logo"))
        self.remove_button.clicked.connect(lambda: self.set_png(None))
        self.error = FieldError(self)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._preview)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(_hint(QCoreApplication.translate("pages", LOGO_LIMITS), self))
        layout.addWidget(self.error)
        self.set_png(None)

    def set_png(self, png: bytes | None) -> None:
        self.png = png
        self.error.show_message(None)
        self.remove_button.setEnabled(png is not None)
        if png is None:
            self._preview.setPixmap(QPixmap())
            self._preview.setText(self.tr("No logo"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        ratio = self.devicePixelRatioF()
        scaled = pixmap.scaled(
            self._preview.contentsRect().size() * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        scaled.setDevicePixelRatio(ratio)
        self._preview.setPixmap(scaled)

    def set_from_file(self, path: str | Path) -> bool:
        """Read a PNG or JPEG file as the logo (scaled down if very large); False and a message if it cannot."""
        png, problem = logo_png_from_file(Path(path))
        if png is None:
            self.error.show_message(problem)
            return False
        self.set_png(png)
        return True

    def _ask_for_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the clinic's logo"), "", self.tr("Pictures (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_from_file(path)


def logo_png_from_file(path: Path) -> tuple[bytes | None, str | None]:
    """The picture in a file as PNG bytes, at most LOGO_MAX_PIXELS on its long side; or why not."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return None, QCoreApplication.translate("pages", "cannot open the file: {strerror}").format(
            strerror=error.strerror
        )
    if size > LOGO_MAX_FILE_BYTES:
        return None, QCoreApplication.translate(
            "pages", "the file is {value:.0f} MB; choose one of at most 10 MB"
        ).format(value=size / 1024 / 1024)
    reader = QImageReader(str(path))
    if reader.format().toStdString() not in ("png", "jpeg"):
        return None, QCoreApplication.translate("pages", "this is not a PNG or JPEG picture")
    image = reader.read()
    if image.isNull():
        return None, QCoreApplication.translate("pages", "the picture cannot be read: {value}").format(
            value=reader.errorString()
        )
    return _png_bytes(_scaled_down(image)), None


def _scaled_down(image: QImage) -> QImage:
    if max(image.width(), image.height()) <= LOGO_MAX_PIXELS:
        return image
    return image.scaled(
        LOGO_MAX_PIXELS,
        LOGO_MAX_PIXELS,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"PNG")).write(image)
    buffer.close()
    return bytes(data.data())


MULTI_LINE_FIELDS = ("address", "booking", "handout_footer", "booking_es", "handout_footer_es")


def emergency_number_problem(text: str) -> str | None:
    """What is wrong with an emergency number as typed ("" is allowed: not set yet), or None."""
    number = text.strip()
    if not _EMERGENCY_NUMBER.match(number):
        return QCoreApplication.translate("pages", "use digits, + and spaces only, e.g. 911 or 112")
    if len(number) > EMERGENCY_NUMBER_MAX:
        return QCoreApplication.translate(
            "pages", "too long: at most {EMERGENCY_NUMBER_MAX} characters"
        ).format(EMERGENCY_NUMBER_MAX=EMERGENCY_NUMBER_MAX)
    return None


class EmergencyNumberBox(QComboBox):
    """An editable box offering the usual emergency numbers; empty until the clinic chooses one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Typing "9" must not turn into "911 — US, Canada". Qt takes None here; the stubs do not say so.
        self.setCompleter(None)  # type: ignore[arg-type]
        for number, where in EMERGENCY_NUMBERS:
            self.addItem(f"{number} — {QCoreApplication.translate('pages', where)}", number)
        self.setAccessibleName(self.tr("Emergency number"))
        line = self.lineEdit()
        assert line is not None  # editable
        line.setPlaceholderText(self.tr("Not set: type it or choose one"))
        line.setAccessibleName(self.tr("Emergency number: type it, or choose one with the arrow keys"))
        # A choice from the list puts the number alone in the box, not its description.
        self.activated.connect(lambda index: self.setEditText(str(self.itemData(index))))
        self.set_number("")

    def set_number(self, number: str) -> None:
        self.setCurrentIndex(-1)
        self.setEditText(number)

    def number(self) -> str:
        return self.currentText().strip()


def _language_box(parent: QWidget, name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    box.addItem(QCoreApplication.translate("pages", "English"), Language.EN.value)
    box.addItem(QCoreApplication.translate("pages", "Spanish"), Language.ES.value)
    return box


class ClinicProfilePage(SettingsPage):
    """Who the printed documents come from."""

    title = QT_TRANSLATE_NOOP("pages", "Clinic profile")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = _line_edit(self, self.tr("Clinic name"), self.tr("As it should appear on handouts"))
        self.address = _text_edit(self, self.tr("Clinic address"), lines=3)
        self.phone = _line_edit(self, self.tr("Clinic phone"))
        self.emergency_number = EmergencyNumberBox(self)
        self.emergency_number.editTextChanged.connect(self._check_emergency_number)
        self.letter_language = _language_box(
            self, self.tr("Language of the doctor's part of referral letters")
        )
        self.email = _line_edit(self, self.tr("Clinic email"))
        self.booking = _text_edit(self, self.tr("How to book the next visit"), lines=2)
        self.booking.setPlaceholderText(self.tr("e.g. Call us or book online at example.com/book"))
        self.handout_footer = _text_edit(self, self.tr("Handout footer"), lines=2)
        self.handout_footer.setPlaceholderText(self.tr("e.g. opening hours, or a short thank-you"))
        # Spanish handouts are Spanish throughout when the clinic writes its own words in Spanish too.
        self.booking_es = _text_edit(self, self.tr("How to book the next visit, in Spanish"), lines=2)
        self.booking_es.setPlaceholderText(self.tr("p. ej. Llámenos o reserve en example.com/reservar"))
        self.handout_footer_es = _text_edit(self, self.tr("Handout footer, in Spanish"), lines=2)
        self.handout_footer_es.setPlaceholderText(self.tr("p. ej. horario de atención"))
        self.logo = LogoPicker(self)
        self._rows.add(self.tr("&Name:"), self.name, "profile.name")
        self._rows.add(self.tr("&Address:"), self.address, "profile.address")
        self._rows.add(self.tr("&Phone:"), self.phone, "profile.phone")
        self._rows.add(
            self.tr("Emergency n&umber:"),
            self.emergency_number,
            "profile.emergency_number",
            self.tr(
                "Printed on referral letters: the number a patient calls in an emergency where the clinic is."
            ),
        )
        self._rows.add(self.tr("&Email:"), self.email, "profile.email")
        self._rows.add(
            self.tr("How to &book:"),
            self.booking,
            "profile.booking",
            self.tr("How patients book their next visit: phone, website or front desk."),
        )
        self._rows.add(self.tr("Handout &footer:"), self.handout_footer, "profile.handout_footer")
        self._rows.add(
            self.tr("How to book (&Spanish):"),
            self.booking_es,
            "profile.booking_es",
            self.tr("Printed on Spanish handouts. Left blank, they print the text above."),
        )
        self._rows.add(self.tr("Footer (Spanis&h):"), self.handout_footer_es, "profile.handout_footer_es")
        self._rows.add(
            self.tr("Letters to &doctors in:"),
            self.letter_language,
            "profile.letter_language",
            self.tr(
                "The language of the doctor's part of a referral letter; the patient's part follows the handout."
            ),
        )
        self._rows.form.addRow(self.tr("Logo:"), self.logo)
        self._rows.errors["profile.logo_png"] = self.logo.error
        layout = QVBoxLayout(self)
        layout.addLayout(self._rows.form)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        profile = settings.profile
        for name in ("name", "phone", "email"):
            getattr(self, name).setText(getattr(profile, name))
        for name in MULTI_LINE_FIELDS:
            getattr(self, name).setPlainText(getattr(profile, name))
        self.emergency_number.set_number(profile.emergency_number)
        self.letter_language.setCurrentIndex(self.letter_language.findData(profile.letter_language.value))
        self.logo.set_png(profile.logo_png)

    def save(self, settings: Settings) -> Settings:
        values: dict[str, Any] = {name: getattr(self, name).text() for name in ("name", "phone", "email")}
        values |= {name: getattr(self, name).toPlainText() for name in MULTI_LINE_FIELDS}
        values["emergency_number"] = self.emergency_number.number()
        values["letter_language"] = Language(self.letter_language.currentData())
        values["logo_png"] = self.logo.png
        number_problem = emergency_number_problem(values["emergency_number"])
        try:
            profile = validated(ClinicProfile, values, "profile")
        except InvalidInput as invalid:
            problems = [p for p in invalid.problems if p.path != "profile.emergency_number"]
            if number_problem:
                problems.append(Problem("profile.emergency_number", number_problem))
            raise InvalidInput(problems) from None
        if number_problem:
            raise InvalidInput([Problem("profile.emergency_number", number_problem)])
        return replace(settings, profile=profile)

    def require(self, names: list[str]) -> None:
        """Mark these fields as needed now ("name", "emergency_number", ...) and put the cursor in the first."""
        for name in names:
            self.field_error(f"profile.{name}").show_message(self.tr("Needed before printing."))
        if names:
            getattr(self, names[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def _check_emergency_number(self, text: str) -> None:
        # Said as it is typed, beside the field; OK checks it again.
        self.field_error("profile.emergency_number").show_message(emergency_number_problem(text))


class PrintingPage(SettingsPage):
    """How handouts are printed unless a single print asks otherwise."""

    title = QT_TRANSLATE_NOOP("pages", "Printing")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paper = QComboBox(self)
        self.paper.setAccessibleName(self.tr("Paper size"))
        self.paper.addItem(self.tr("US Letter (8.5 by 11 inches)"), PaperSize.LETTER.value)
        self.paper.addItem(self.tr("A4 (210 by 297 mm)"), PaperSize.A4.value)
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Default handout language"))
        self.language.addItem(self.tr("English"), Language.EN.value)
        self.language.addItem(self.tr("Spanish"), Language.ES.value)
        self.large_print = QCheckBox(self.tr("Print handouts in large type"), self)
        self.large_print.setAccessibleName(self.tr("Large print handouts"))
        self._rows.add(self.tr("&Paper:"), self.paper, "documents.paper")
        self._rows.add(
            self.tr("Handout &language:"),
            self.language,
            "documents.default_language",
            self.tr("Used when the patient's preferred language is not recorded."),
        )
        self._rows.add(
            self.tr("Large print:"),
            self.large_print,
            "documents.large_print",
            self.tr(
                "For patients with poor eyesight: bigger text and pictures, so handouts run to more pages."
            ),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self._rows.form)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        documents = settings.documents
        self.paper.setCurrentIndex(self.paper.findData(documents.paper.value))
        self.language.setCurrentIndex(self.language.findData(documents.default_language.value))
        self.large_print.setChecked(documents.large_print)

    def save(self, settings: Settings) -> Settings:
        values = {
            "paper": PaperSize(self.paper.currentData()),
            "default_language": Language(self.language.currentData()),
            "large_print": self.large_print.isChecked(),
        }
        return replace(settings, documents=validated(DocumentSettings, values, "documents"))


class AppearancePage(SettingsPage):
    """How the app looks on this computer: the system's colours, light or dark; the language of its screens."""

    title = QT_TRANSLATE_NOOP("pages", "Appearance")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = QComboBox(self)
        self.theme.setObjectName("themeCombo")
        self.theme.setAccessibleName(self.tr("Theme"))
        for theme in THEMES:
            self.theme.addItem(QCoreApplication.translate("theme", THEME_LABELS[theme]), theme)
        self._rows.add(
            self.tr("&Theme:"),
            self.theme,
            "theme",
            self.tr(
                "Dark is easier on the eyes in a dim treatment room. This computer only: other rooms keep theirs."
            ),
        )
        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        self.language.setAccessibleName(self.tr("Language of the screens"))
        for language in UI_LANGUAGES:
            self.language.addItem(language_label(language), language)
        self._rows.add(
            self.tr("Lan&guage:"),
            self.language,
            "language",
            self.tr(
                "The language of the screens; takes effect at the next start. This computer only. Handouts"
                " print in each patient's language (Printing page)."
            ),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self._rows.form)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        self.theme.setCurrentIndex(max(self.theme.findData(settings.theme), 0))
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))

    def save(self, settings: Settings) -> Settings:
        return replace(settings, theme=self.theme.currentData(), language=self.language.currentData())


class SecurityPage(SettingsPage):
    """When an idle computer locks itself, hiding patient data until its user types the password again."""

    title = QT_TRANSLATE_NOOP("pages", "Security")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lock_minutes = QSpinBox(self)
        self.lock_minutes.setObjectName("lockMinutesSpin")
        self.lock_minutes.setAccessibleName(self.tr("Lock after idle minutes"))
        self.lock_minutes.setRange(1, MAX_LOCK_MINUTES)
        self.lock_minutes.setSuffix(self.tr(" minutes"))
        self._rows.add(
            self.tr("&Lock after:"),
            self.lock_minutes,
            "lock_after_minutes",
            self.tr(
                "With no typing or clicking for this long, every computer of the clinic hides patient data and"
                " asks for the password again; the open visit is saved first and comes back after unlocking."
                " Ctrl+L locks at once."
            ),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self._rows.form)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        self.lock_minutes.setValue(settings.lock_after_minutes)

    def save(self, settings: Settings) -> Settings:
        return replace(settings, lock_after_minutes=self.lock_minutes.value())
