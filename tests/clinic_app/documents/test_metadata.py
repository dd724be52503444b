"""What a PDF says about itself: a title naming the document and the visit date (never the patient),
an /ID derived from the file's own content, the visit date as creation date, its language, and a
request to viewers to show the title. The same input still gives the same bytes."""

from __future__ import annotations

import io
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject

from clinic_app.documents import render_visit_summary
from clinic_app.domain import Language

from .helpers import (
    EXAMPLE_NAMES,
    KNEE,
    NECK,
    OVERRIDE,
    RED_FLAG,
    example,
    patient_pdf,
    request,
    with_patient_name,
)


def info(pdf: bytes) -> dict[str, str]:
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    return {} if metadata is None else {str(key): str(value) for key, value in metadata.items()}


def file_id(pdf: bytes) -> list[bytes]:
    identifier = cast(ArrayObject, PdfReader(io.BytesIO(pdf)).trailer["/ID"])
    return [bytes(cast(ByteStringObject, part).original_bytes) for part in identifier]


def catalog(pdf: bytes) -> DictionaryObject:
    return cast(DictionaryObject, PdfReader(io.BytesIO(pdf)).trailer["/Root"])


def test_two_patients_handouts_have_different_ids() -> None:
    first = patient_pdf(example(KNEE))
    second = patient_pdf(with_patient_name(example(KNEE), "Ana", "Ruiz"))

    assert file_id(first) != file_id(second)
    assert file_id(patient_pdf(example(KNEE))) == file_id(first)


def test_every_example_has_its_own_id() -> None:
    ids = [file_id(patient_pdf(example(name)))[0] for name in EXAMPLE_NAMES]

    assert len(set(ids)) == len(ids)


def test_the_id_is_one_identifier_given_twice_as_the_format_asks() -> None:
    first, second = file_id(patient_pdf(example(NECK)))

    assert first == second
    assert len(first) == 16


def test_the_same_input_gives_the_same_bytes() -> None:
    for name in EXAMPLE_NAMES:
        assert patient_pdf(example(name)) == patient_pdf(example(name)), name
    assert render_visit_summary(request(example(NECK))) == render_visit_summary(request(example(NECK)))


@pytest.mark.parametrize(
    ("name", "language", "title"),
    [
        (KNEE, Language.EN, "Your home exercise plan · November 25, 2026"),
        (KNEE, Language.ES, "Su plan de ejercicios en casa · 25 de noviembre de 2026"),
        (RED_FLAG, Language.EN, "Get medical help now · November 25, 2026"),
        (
            OVERRIDE,
            Language.EN,
            "Please see your doctor within a week · Your home exercise plan · November 25, 2026",
        ),
    ],
)
def test_the_title_names_the_document_and_the_visit_date(name: str, language: Language, title: str) -> None:
    metadata = info(patient_pdf(example(name), language=language))

    assert metadata["/Title"] == title


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_patient_name_in_the_metadata(name: str) -> None:
    visit = with_patient_name(example(name), "Siobhán", "Ó Súilleabháin")
    for pdf in (patient_pdf(visit), render_visit_summary(request(visit))):
        values = " ".join(info(pdf).values())

        assert "Siobhán" not in values
        assert "Súilleabháin" not in values
        assert visit.patient.mrn not in values


def test_the_creation_date_is_the_visit_date() -> None:
    for pdf in (patient_pdf(example(KNEE)), render_visit_summary(request(example(KNEE)))):
        metadata = info(pdf)

        assert metadata["/CreationDate"].startswith("D:20261125")
        assert metadata["/ModDate"] == metadata["/CreationDate"]


@pytest.mark.parametrize(("language", "tag"), [(Language.EN, "en-US"), (Language.ES, "es")])
def test_the_language_is_declared(language: Language, tag: str) -> None:
    assert str(catalog(patient_pdf(example(KNEE), language=language))["/Lang"]) == tag


def test_the_summary_is_titled_declared_english_and_dated() -> None:
    pdf = render_visit_summary(request(example(KNEE)))

    assert info(pdf)["/Title"] == "Visit summary · November 25, 2026"
    assert str(catalog(pdf)["/Lang"]) == "en-US"


def test_viewers_show_the_title_not_the_file_name() -> None:
    for pdf in (
        patient_pdf(example(KNEE)),
        patient_pdf(example(OVERRIDE)),
        render_visit_summary(request(example(KNEE))),
    ):
        preferences = cast(DictionaryObject, catalog(pdf)["/ViewerPreferences"])

        assert bool(preferences["/DisplayDocTitle"]) is True
