"""`clinic handout` and `clinic summary` on the shared examples, run in this process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_app.cli import main

from .helpers import CLINIC_FILE, EXAMPLE_NAMES, EXAMPLES, KNEE, OVERRIDE, RED_FLAG, pages_text

SAID = {
    KNEE: "Wrote the home-exercise handout",
    RED_FLAG: "Red flags present: wrote a referral letter (no exercises",
    OVERRIDE: "Red flags present, all overridden by the therapist: wrote a referral letter (2 pages) "
    "followed by the home-exercise handout",
}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_handout_writes_a_pdf_for_every_example(
    name: str, tmp_path: Path, clinic_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.pdf"

    code = main(
        ["handout", str(EXAMPLES / f"{name}.visit.json"), "-o", str(output), "--clinic", str(clinic_file)]
    )

    assert code == 0
    said = capsys.readouterr().out
    assert output.read_bytes().startswith(b"%PDF-")
    assert SAID.get(name, SAID[KNEE]) in said


def test_handout_options_large_print_spanish_a4(tmp_path: Path, clinic_file: Path) -> None:
    output = tmp_path / "out.pdf"

    code = main(
        [
            "handout",
            str(EXAMPLES / f"{KNEE}.visit.json"),
            "-o",
            str(output),
            "--large-print",
            "--language",
            "es",
            "--paper",
            "a4",
            "--clinic",
            str(clinic_file),
        ]
    )

    assert code == 0
    pages = pages_text(output.read_bytes())
    assert "Su plan de ejercicios en casa" in pages[0]
    assert f"Página 1 de {len(pages)}" in pages[0]


def test_an_invalid_visit_exits_2_and_writes_nothing(
    tmp_path: Path, clinic_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visit = tmp_path / "visit.json"
    visit.write_text('{"schema": "clinic-app/visit/1", "patient": {"mrn": "x"}}', encoding="utf-8")
    output = tmp_path / "out.pdf"

    assert main(["handout", str(visit), "-o", str(output), "--clinic", str(clinic_file)]) == 2

    assert "patient.given_name" in capsys.readouterr().err
    assert not output.exists()


def test_problems_in_the_visit_and_the_clinic_file_are_reported_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visit = tmp_path / "visit.json"
    visit.write_text('{"schema": "clinic-app/visit/2", "patient": {"mrn": "x"}}', encoding="utf-8")
    clinic = tmp_path / "clinic.json"
    clinic.write_text(json.dumps({**CLINIC_FILE, "fax": "1"}), encoding="utf-8")

    assert main(["handout", str(visit), "-o", str(tmp_path / "out.pdf"), "--clinic", str(clinic)]) == 2

    said = capsys.readouterr().err
    assert "patient.given_name" in said
    assert "clinic.fax: unknown field" in said


def test_summary_writes_the_chart_copy(tmp_path: Path, clinic_file: Path) -> None:
    output = tmp_path / "summary.pdf"

    assert (
        main(
            ["summary", str(EXAMPLES / f"{KNEE}.visit.json"), "-o", str(output), "--clinic", str(clinic_file)]
        )
        == 0
    )

    text = " ".join(pages_text(output.read_bytes()))
    assert "Visit summary" in text
    assert "Fisioterapia del Sol" in text


def test_the_printout_comes_from_the_stored_clinic_profile_and_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clinic_app.domain import DocumentSettings, Language, PaperSize
    from clinic_app.storage import SettingsService, open_database

    from .helpers import CLINIC

    monkeypatch.setenv("CLINIC_APP_DATABASE_URL", f"sqlite:///{(tmp_path / 'clinic.db').as_posix()}")
    with open_database() as database:
        SettingsService(database).save_profile(CLINIC)
        SettingsService(database).save_document_settings(
            DocumentSettings(paper=PaperSize.A4, default_language=Language.ES, large_print=True)
        )
    output = tmp_path / "out.pdf"

    assert main(["handout", str(EXAMPLES / f"{KNEE}.visit.json"), "-o", str(output)]) == 0

    pages = pages_text(output.read_bytes())
    assert "Preferred Physical Therapy" in pages[0]
    assert "Call us at 623-486-3333." in " ".join(pages)
    assert "Call 911 or go to the emergency room" in " ".join(pages), "the stored emergency number"
    assert "Your home exercise plan" in pages[0], "the patient's own language (en) wins over the default"
    assert len(pages) > len(pages_text(_normal_print_knee(tmp_path))), "large print from the settings"
    from io import BytesIO

    from pypdf import PdfReader

    assert round(float(PdfReader(BytesIO(output.read_bytes())).pages[0].mediabox.height)) == 842, "A4"


def _normal_print_knee(tmp_path: Path) -> bytes:
    output = tmp_path / "normal.pdf"
    assert main(["handout", str(EXAMPLES / f"{KNEE}.visit.json"), "-o", str(output), "--no-large-print"]) == 0
    return output.read_bytes()


def test_an_empty_stored_profile_is_refused_naming_each_missing_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLINIC_APP_DATABASE_URL", f"sqlite:///{(tmp_path / 'fresh.db').as_posix()}")
    output = tmp_path / "out.pdf"

    for command in ("handout", "summary"):
        assert main([command, str(EXAMPLES / f"{KNEE}.visit.json"), "-o", str(output)]) == 2

        said = capsys.readouterr().err.splitlines()
        assert [line.split(":")[0] for line in said] == [
            "clinic.name",
            "clinic.phone",
            "clinic.emergency_number",
        ]
        assert not output.exists()


def test_with_a_clinic_file_the_database_is_not_opened(
    tmp_path: Path, clinic_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import clinic_app.storage

    def no_database(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the database was opened")

    monkeypatch.setattr(clinic_app.storage, "open_database", no_database)
    output = tmp_path / "out.pdf"

    assert (
        main(
            ["handout", str(EXAMPLES / f"{KNEE}.visit.json"), "-o", str(output), "--clinic", str(clinic_file)]
        )
        == 0
    )
    assert (
        main(
            ["summary", str(EXAMPLES / f"{KNEE}.visit.json"), "-o", str(output), "--clinic", str(clinic_file)]
        )
        == 0
    )


def test_a_name_the_font_cannot_print_is_refused_naming_the_field_and_code_point(
    tmp_path: Path, clinic_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / f"{KNEE}.visit.json").read_text(encoding="utf-8"))
    data["patient"]["given_name"] = "🙂"  # the shipped font has 😀 but not 🙂
    data["patient"]["family_name"] = "Chen\ue000"  # private use: no font's glyph means what was typed
    visit = tmp_path / "visit.json"
    visit.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "out.pdf"

    assert main(["handout", str(visit), "-o", str(output), "--clinic", str(clinic_file)]) == 2

    said = capsys.readouterr().err
    assert "patient.given_name: U+1F642 cannot be printed" in said
    assert "patient.family_name: U+E000 cannot be printed" in said
    assert not output.exists()
