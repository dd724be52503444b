"""How the documents print: embedded fonts only, large print sizes, cards whole, pictures present."""

from __future__ import annotations

import pytest

from clinic_app.documents.fonts import missing_glyphs
from clinic_app.documents.illustrations import IllustrationError, illustration
from clinic_app.domain import Language
from clinic_app.exercises import load_library

from .helpers import KNEE, NECK, RED_FLAG, UNICODE_NAMES, embedded_fonts, example, font_sizes, patient_pdf


@pytest.mark.parametrize("name", [KNEE, RED_FLAG])
def test_every_font_is_the_shipped_truetype_font_embedded(name: str) -> None:
    fonts = embedded_fonts(patient_pdf(example(name)))

    assert fonts, "no fonts found"
    for font, embedded in fonts.items():
        assert embedded, f"{font} is not embedded"
        assert "DejaVuSans" in font or "ClinicSans" in font, f"{font}: text must not depend on system fonts"


def test_the_shipped_font_draws_the_names_we_must_print() -> None:
    for given, family in UNICODE_NAMES:
        assert missing_glyphs(f"{given} {family}") == ""
    assert missing_glyphs("¿Preguntas? Llámenos · Página ✗ •") == ""


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("name", [NECK, RED_FLAG])
def test_large_print_never_goes_below_14_points(name: str, language: Language) -> None:
    sizes = font_sizes(patient_pdf(example(name), large_print=True, language=language))

    assert min(sizes) >= 14, sizes
    body = sizes.most_common(1)[0][0]
    assert body >= 14


def test_large_print_is_larger_than_normal_print_and_takes_more_pages() -> None:
    from .helpers import pages_text

    normal, large = patient_pdf(example(NECK)), patient_pdf(example(NECK), large_print=True)

    assert font_sizes(large).most_common(1)[0][0] > font_sizes(normal).most_common(1)[0][0]
    assert len(pages_text(large)) > len(pages_text(normal))


def test_normal_print_body_text_is_at_least_11_points() -> None:
    sizes = font_sizes(patient_pdf(example(NECK)))

    assert sizes.most_common(1)[0][0] >= 11
    assert min(sizes) >= 9


@pytest.mark.parametrize("exercise_id", list(load_library().exercises))
def test_every_exercise_has_its_picture(exercise_id: str) -> None:
    exercise = load_library().exercises[exercise_id]

    drawing = illustration(exercise)

    assert drawing.width > 0
    assert drawing.height / drawing.width == pytest.approx(0.75, abs=0.01), (
        "pictures are drawn 4:3 (400 x 300)"
    )
    assert drawing.contents, "the picture is empty"


def test_each_picture_is_parsed_once_and_shared() -> None:
    exercise = load_library().exercises["calf_stretch_wall"]

    assert illustration(exercise) is illustration(exercise)


def test_a_missing_picture_is_a_clear_error_not_a_blank() -> None:
    exercise = (
        load_library()
        .exercises["calf_stretch_wall"]
        .model_copy(update={"illustration": "no_such_picture.svg"})
    )

    with pytest.raises(IllustrationError, match=r"calf_stretch_wall.*no_such_picture\.svg"):
        illustration(exercise)


def test_a_clinic_logo_prints_and_a_broken_one_is_left_out(caplog: pytest.LogCaptureFixture) -> None:
    import io

    from PIL import Image

    from clinic_app.domain import ClinicProfile

    from .helpers import CLINIC, pages_text

    png = io.BytesIO()
    Image.new("RGB", (300, 100), (11, 74, 111)).save(png, format="PNG")
    with_logo = patient_pdf(example(KNEE), clinic=CLINIC.model_copy(update={"logo_png": png.getvalue()}))
    broken: ClinicProfile = CLINIC.model_copy(update={"logo_png": b"not a png"})
    without_logo = patient_pdf(example(KNEE), clinic=broken)

    assert b"/Subtype /Image" in with_logo
    assert b"/Subtype /Image" not in without_logo
    assert "Zoë Núñez" in pages_text(without_logo)[0]
    assert "logo" in caplog.text
    assert "Zoë" not in caplog.text, "no patient data in logs"
    assert "Núñez" not in caplog.text, "no patient data in logs"
