"""The settings dialog: symmetric pages, every field lands in the result, logos become PNG bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from clinic_app.domain import ClinicProfile, DocumentSettings, Language, PaperSize
from tests.ui.shell import logged_in_clinic
from ui.settings.pages import LOGO_MAX_PIXELS, ClinicProfilePage, PrintingPage, Settings
from ui.settings.settings_dialog import SettingsDialog
from ui.widgets.accessibility_check import controls_without_accessible_name

# Qt's offscreen platform says this each time a window is shown; it is about the platform, not us.

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def picture(path: Path, width: int, height: int) -> Path:
    """A picture file in the format its name ends with."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    assert image.save(str(path))
    return path


@pytest.fixture
def logo_png(tmp_path: Path) -> bytes:
    return picture(tmp_path / "logo.png", 40, 20).read_bytes()


@pytest.fixture
def full_settings(logo_png: bytes) -> Settings:
    profile = ClinicProfile(
        name="Preferred Physical Therapy",
        address="123 Main Street\nGoodyear, AZ 85338",
        phone="623-486-3333",
        email="front@example.com",
        booking="Call us for a phone call or a discovery session.",
        handout_footer="Questions? Call us, we are glad to help.",
        booking_es="Llámenos para una cita.",
        handout_footer_es="¿Preguntas? Llámenos.",
        logo_png=logo_png,
        emergency_number="911",
        letter_language=Language.ES,
    )
    return Settings(
        profile, DocumentSettings(paper=PaperSize.A4, default_language=Language.ES, large_print=True)
    )


def open_dialog(qtbot: QtBot, settings: Settings) -> SettingsDialog:
    dialog = SettingsDialog(settings.profile, settings.documents)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def press_ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("settings_name", ["defaults", "full"])
def test_load_then_save_gives_equal_settings(
    qtbot: QtBot, full_settings: Settings, settings_name: str
) -> None:
    settings = full_settings if settings_name == "full" else Settings(ClinicProfile(), DocumentSettings())
    for page in (ClinicProfilePage(), PrintingPage()):
        qtbot.addWidget(page)
        page.load(settings)
        assert page.save(settings) == settings

    dialog = open_dialog(qtbot, settings)
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_values() == (settings.profile, settings.documents)


PROFILE_EDITS = [
    ("name", " Clinic", {"name": "Preferred Physical Therapy Clinic"}),
    ("address", ", Suite 4", {"address": "123 Main Street\nGoodyear, AZ 85338, Suite 4"}),
    ("phone", " ext 2", {"phone": "623-486-3333 ext 2"}),
    ("email", "m", {"email": "front@example.comm"}),
    ("booking", " Or online.", {"booking": "Call us for a phone call or a discovery session. Or online."}),
    ("handout_footer", "!", {"handout_footer": "Questions? Call us, we are glad to help.!"}),
    ("booking_es", " O por internet.", {"booking_es": "Llámenos para una cita. O por internet."}),
    ("handout_footer_es", " Gracias.", {"handout_footer_es": "¿Preguntas? Llámenos. Gracias."}),
    ("emergency_number", " 1", {"emergency_number": "911 1"}),
]


@pytest.mark.parametrize(("field", "typed", "changed"), PROFILE_EDITS, ids=[e[0] for e in PROFILE_EDITS])
def test_each_profile_field_lands_in_the_result(
    qtbot: QtBot, full_settings: Settings, field: str, typed: str, changed: dict[str, str]
) -> None:
    dialog = open_dialog(qtbot, full_settings)
    widget = getattr(dialog.pages[0], field)
    if isinstance(widget, QPlainTextEdit):
        widget.moveCursor(QTextCursor.MoveOperation.End)
    elif isinstance(widget, QComboBox):
        line = widget.lineEdit()
        assert line is not None
        line.end(False)
    else:
        widget.end(False)
    qtbot.keyClicks(widget, typed)

    press_ok(qtbot, dialog)

    profile, documents = dialog.result_values()
    assert profile == full_settings.profile.model_copy(update=changed)
    assert documents == full_settings.documents


def test_each_printing_setting_lands_in_the_result(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, Settings(ClinicProfile(), DocumentSettings()))
    dialog.show_page(1)
    page = dialog.pages[1]
    assert isinstance(page, PrintingPage)
    page.paper.setCurrentIndex(page.paper.findData("a4"))
    page.language.setCurrentIndex(page.language.findData("es"))
    qtbot.keyClick(page.large_print, Qt.Key.Key_Space)

    press_ok(qtbot, dialog)

    assert dialog.result_values()[1] == DocumentSettings(
        paper=PaperSize.A4, default_language=Language.ES, large_print=True
    )


def test_a_jpeg_logo_is_stored_as_png_bytes(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, Settings(ClinicProfile(), DocumentSettings()))
    page = dialog.pages[0]
    assert isinstance(page, ClinicProfilePage)

    assert page.logo.set_from_file(picture(tmp_path / "logo.jpg", 300, 100))
    press_ok(qtbot, dialog)

    png = dialog.result_values()[0].logo_png
    assert png is not None
    assert png.startswith(PNG_MAGIC)
    stored = QImage.fromData(png)
    assert (stored.width(), stored.height()) == (300, 100)


def test_a_large_logo_is_scaled_down(qtbot: QtBot, tmp_path: Path) -> None:
    page = ClinicProfilePage()
    qtbot.addWidget(page)

    assert page.logo.set_from_file(picture(tmp_path / "big.png", 3000, 1000))

    assert page.logo.png is not None
    stored = QImage.fromData(page.logo.png)
    assert (stored.width(), stored.height()) == (LOGO_MAX_PIXELS, 400)


def test_the_choose_button_reads_the_file_picked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = picture(tmp_path / "logo.jpeg", 60, 30)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(chosen), ""))
    page = ClinicProfilePage()
    qtbot.addWidget(page)

    qtbot.mouseClick(page.logo.choose_button, Qt.MouseButton.LeftButton)

    assert page.logo.png is not None
    assert page.logo.png.startswith(PNG_MAGIC)


def test_a_file_that_is_not_a_picture_is_refused_next_to_the_logo(qtbot: QtBot, tmp_path: Path) -> None:
    page = ClinicProfilePage()
    qtbot.addWidget(page)
    page.show()
    text_file = tmp_path / "notes.png"
    text_file.write_text("not a picture", encoding="utf-8")

    assert not page.logo.set_from_file(text_file)

    assert page.logo.png is None
    assert page.field_error("profile.logo_png").isVisible()
    assert page.field_error("profile.logo_png").text() == "this is not a PNG or JPEG picture"


def test_remove_takes_the_logo_away(qtbot: QtBot, full_settings: Settings) -> None:
    dialog = open_dialog(qtbot, full_settings)
    page = dialog.pages[0]
    assert isinstance(page, ClinicProfilePage)

    qtbot.mouseClick(page.logo.remove_button, Qt.MouseButton.LeftButton)
    press_ok(qtbot, dialog)

    assert dialog.result_values()[0] == full_settings.profile.model_copy(update={"logo_png": None})


def test_a_value_too_long_is_shown_next_to_its_field_and_ok_waits(
    qtbot: QtBot, full_settings: Settings
) -> None:
    dialog = open_dialog(qtbot, full_settings)
    dialog.show_page(1)
    page = dialog.pages[0]
    assert isinstance(page, ClinicProfilePage)
    page.phone.setText("9" * 41)

    press_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert page.isVisible()  # the dialog turned to the page with the problem
    assert page.field_error("profile.phone").text() == "too long: at most 40 characters"
    assert page.phone.text() == "9" * 41
    assert dialog.result_values() == (full_settings.profile, full_settings.documents)


def test_every_control_has_an_accessible_name(qtbot: QtBot, full_settings: Settings) -> None:
    dialog = open_dialog(qtbot, full_settings)
    assert controls_without_accessible_name(dialog) == []


# ---- the emergency number and the language of letters to doctors --------------------------------


def clinic_page(dialog: SettingsDialog) -> ClinicProfilePage:
    page = dialog.pages[0]
    assert isinstance(page, ClinicProfilePage)
    return page


def test_the_emergency_number_starts_empty_and_offers_the_usual_ones(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, Settings(ClinicProfile(), DocumentSettings()))
    box = clinic_page(dialog).emergency_number

    assert box.currentText() == ""
    assert [box.itemText(i) for i in range(box.count())] == ["911 — US, Canada", "112 — EU", "999 — UK"]
    press_ok(qtbot, dialog)
    assert dialog.result_values()[0].emergency_number == ""  # nothing chosen for the clinic


def test_choosing_an_offered_number_puts_the_number_alone_in_the_box(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, Settings(ClinicProfile(), DocumentSettings()))
    box = clinic_page(dialog).emergency_number
    box.setFocus()

    qtbot.keyClick(box, Qt.Key.Key_Down)  # 911
    qtbot.keyClick(box, Qt.Key.Key_Down)  # 112

    assert box.currentText() == "112"
    press_ok(qtbot, dialog)
    assert dialog.result_values()[0].emergency_number == "112"


def test_a_typed_number_is_kept_as_typed(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, Settings(ClinicProfile(), DocumentSettings()))
    box = clinic_page(dialog).emergency_number
    box.setFocus()

    qtbot.keyClicks(box, "+41 144")
    press_ok(qtbot, dialog)

    assert dialog.result_values()[0].emergency_number == "+41 144"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("call 911", "use digits, + and spaces only, e.g. 911 or 112"),
        ("1" * 21, "too long: at most 20 characters"),
    ],
)
def test_a_wrong_emergency_number_is_shown_beside_the_field_and_ok_waits(
    qtbot: QtBot, typed: str, message: str
) -> None:
    dialog = open_dialog(qtbot, Settings(ClinicProfile(), DocumentSettings()))
    page = clinic_page(dialog)
    box = page.emergency_number
    box.setFocus()

    qtbot.keyClicks(box, typed)

    error = page.field_error("profile.emergency_number")
    assert error.isVisible()  # said while typing
    assert error.text() == message
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert error.text() == message
    assert dialog.result_values()[0].emergency_number == ""
    box.lineEdit().selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(box, "999")
    assert not error.isVisible()
    press_ok(qtbot, dialog)
    assert dialog.result_values()[0].emergency_number == "999"


def test_the_letter_language_lands_in_the_result(qtbot: QtBot, full_settings: Settings) -> None:
    dialog = open_dialog(qtbot, full_settings)
    box = clinic_page(dialog).letter_language
    assert box.currentText() == "Spanish"
    box.setFocus()

    qtbot.keyClick(box, Qt.Key.Key_Up)
    press_ok(qtbot, dialog)

    assert dialog.result_values()[0] == full_settings.profile.model_copy(
        update={"letter_language": Language.EN}
    )


def test_asked_for_before_printing_it_opens_on_the_missing_fields(qtbot: QtBot) -> None:
    dialog = open_dialog(
        qtbot, Settings(ClinicProfile(name="Preferred PT", phone="623-486-3333"), DocumentSettings())
    )
    dialog.show_page(1)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    dialog.ask_for(["emergency_number"])

    page = clinic_page(dialog)
    assert page.isVisible()
    assert dialog.request.isVisible()
    assert "emergency number before printing" in dialog.request.text()
    assert page.field_error("profile.emergency_number").text() == "Needed before printing."
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused is page.emergency_number or page.emergency_number.isAncestorOf(focused)


def test_the_new_fields_survive_the_database(qtbot: QtBot, tmp_path: Path) -> None:
    """Through the dialog and the stored profile: what is saved is what the dialog shows next time."""
    dialog = open_dialog(qtbot, Settings(ClinicProfile(), DocumentSettings()))
    page = clinic_page(dialog)
    qtbot.keyClicks(page.name, "Preferred Physical Therapy")
    page.emergency_number.setFocus()
    qtbot.keyClicks(page.emergency_number, "112")
    page.letter_language.setFocus()
    qtbot.keyClick(page.letter_language, Qt.Key.Key_Down)  # Spanish
    press_ok(qtbot, dialog)
    profile = dialog.result_values()[0]

    service = logged_in_clinic(f"sqlite:///{tmp_path / 'settings.db'}").settings
    service.save_profile(profile)
    loaded = service.load_profile()

    assert (loaded.emergency_number, loaded.letter_language) == ("112", Language.ES)
    assert loaded == profile
    again = open_dialog(qtbot, Settings(loaded, DocumentSettings()))
    assert clinic_page(again).emergency_number.currentText() == "112"
    assert clinic_page(again).letter_language.currentText() == "Spanish"


def test_the_first_tab_goes_to_the_first_field_and_typing_lands_there(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, Settings(ClinicProfile(), DocumentSettings()))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    start = QApplication.focusWidget()
    assert start is not None

    qtbot.keyClick(start, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, "Preferred")

    assert focused.accessibleName() == "Clinic name"
    page = dialog.pages[0]
    assert isinstance(page, ClinicProfilePage)
    assert page.save(Settings(ClinicProfile(), DocumentSettings())).profile.name == "Preferred"
