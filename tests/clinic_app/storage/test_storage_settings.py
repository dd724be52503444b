"""The clinic profile and document settings: defaults until saved, then exactly what was saved."""

from __future__ import annotations

from clinic_app.domain import ClinicProfile, DocumentSettings, Language, PaperSize
from clinic_app.storage import SettingsService
from clinic_app.storage.db import Database

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def test_defaults_until_first_saved(database: Database) -> None:
    settings = SettingsService(database)
    assert settings.load_profile() == ClinicProfile()
    assert settings.load_document_settings() == DocumentSettings()


def test_the_profile_round_trips_and_can_be_changed(database: Database) -> None:
    settings = SettingsService(database)
    profile = ClinicProfile(
        name="Preferred Physical Therapy",
        address="12 Main St.\nSuite 4\nPhoenix, AZ",
        phone="623-486-3333",
        email="front.desk@example.com",
        booking='Call us or book a "discovery session"',
        handout_footer="Fisioterapia · Ñandú Clinic",
        logo_png=PNG,
    )
    settings.save_profile(profile)
    assert settings.load_profile() == profile
    without_logo = profile.model_copy(update={"logo_png": None, "name": "Renamed"})
    settings.save_profile(without_logo)
    assert settings.load_profile() == without_logo


def test_document_settings_round_trip(database: Database) -> None:
    settings = SettingsService(database)
    chosen = DocumentSettings(paper=PaperSize.A4, default_language=Language.ES, large_print=True)
    settings.save_document_settings(chosen)
    assert settings.load_document_settings() == chosen
    settings.save_document_settings(DocumentSettings())
    assert settings.load_document_settings() == DocumentSettings()
