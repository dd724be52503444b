"""The settings dialog: symmetric pages, every field lands in the result, logos become PNG bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from clinic_app.domain import ClinicProfile, DocumentSettings, Language, PaperSize
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
]


@pytest.mark.parametrize(("field", "typed", "changed"), PROFILE_EDITS, ids=[e[0] for e in PROFILE_EDITS])
def test_each_profile_field_lands_in_the_result(
    qtbot: QtBot, full_settings: Settings, field: str, typed: str, changed: dict[str, str]
) -> None:
    dialog = open_dialog(qtbot, full_settings)
    widget = getattr(dialog.pages[0], field)
    if isinstance(widget, QPlainTextEdit):
        widget.moveCursor(QTextCursor.MoveOperation.End)
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
