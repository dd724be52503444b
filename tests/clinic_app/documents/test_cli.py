"""`clinic handout` and `clinic summary` on the shared examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_app.cli import main

from .helpers import EXAMPLE_NAMES, EXAMPLES, KNEE, RED_FLAG, pages_text


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_handout_writes_a_pdf_for_every_example(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.pdf"

    assert main(["handout", str(EXAMPLES / f"{name}.visit.json"), "-o", str(output)]) == 0

    said = capsys.readouterr().out
    assert output.read_bytes().startswith(b"%PDF-")
    if name == RED_FLAG:
        assert "Red flags present: wrote a referral letter (no exercises" in said
    else:
        assert "Wrote the home-exercise handout" in said


def test_handout_options_large_print_spanish_a4(tmp_path: Path) -> None:
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
        ]
    )

    assert code == 0
    pages = pages_text(output.read_bytes())
    assert "Su plan de ejercicios en casa" in pages[0]
    assert f"Página 1 de {len(pages)}" in pages[0]


def test_an_invalid_visit_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visit = tmp_path / "visit.json"
    visit.write_text('{"schema": "clinic-app/visit/1", "patient": {"mrn": "x"}}', encoding="utf-8")
    output = tmp_path / "out.pdf"

    assert main(["handout", str(visit), "-o", str(output)]) == 2

    assert "patient.given_name" in capsys.readouterr().err
    assert not output.exists()


def test_summary_writes_the_chart_copy(tmp_path: Path) -> None:
    output = tmp_path / "summary.pdf"

    assert main(["summary", str(EXAMPLES / f"{KNEE}.visit.json"), "-o", str(output)]) == 0

    assert "Visit summary" in pages_text(output.read_bytes())[0]


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
    assert "Your home exercise plan" in pages[0], "the patient's own language (en) wins over the default"
    assert len(pages) > len(pages_text(_normal_print_knee(tmp_path))), "large print from the settings"
    from io import BytesIO

    from pypdf import PdfReader

    assert round(float(PdfReader(BytesIO(output.read_bytes())).pages[0].mediabox.height)) == 842, "A4"


def _normal_print_knee(tmp_path: Path) -> bytes:
    output = tmp_path / "normal.pdf"
    assert main(["handout", str(EXAMPLES / f"{KNEE}.visit.json"), "-o", str(output), "--no-large-print"]) == 0
    return output.read_bytes()


def test_a_name_the_font_cannot_print_is_pointed_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    data = json.loads((EXAMPLES / f"{KNEE}.visit.json").read_text(encoding="utf-8"))
    data["patient"]["family_name"] = "陈"
    visit = tmp_path / "visit.json"
    visit.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    assert main(["handout", str(visit), "-o", str(tmp_path / "out.pdf")]) == 0

    assert "the printout's font has no letters for 陈" in capsys.readouterr().out
