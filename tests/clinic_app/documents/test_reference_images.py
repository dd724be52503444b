"""Page 1 of fixed handouts looks as it did when a person last checked it.

The reference images in references/ were looked at and judged fit for a patient. Any change to the
layout shows up here; after an intended change, look at the new pages and refresh the references
(see reference_images.py: `pytest tests/clinic_app/documents --refresh-references`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_app.domain import Language

from .helpers import KNEE, NECK, RED_FLAG, example, patient_pdf
from .reference_images import REFERENCES, TOLERANCE, mean_difference, page_image, refreshing

CASES = {
    "knee-en-page1": (KNEE, {}),
    "neck-es-large-print-page1": (NECK, {"language": Language.ES, "large_print": True}),
    "referral-en-page1": (RED_FLAG, {}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_page_one_matches_its_reference(case: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    name, options = CASES[case]
    actual = page_image(patient_pdf(example(name), **options))
    reference = REFERENCES / f"{case}.png"

    if refreshing(request.config):
        REFERENCES.mkdir(exist_ok=True)
        actual.save(reference, optimize=True)
        return
    assert reference.exists(), (
        f"no reference image {reference}: run pytest with --refresh-references and look at it"
    )

    from PIL import Image

    with Image.open(reference) as stored:
        difference = mean_difference(actual, stored.convert("L"))
    if difference > TOLERANCE:
        written = tmp_path / f"{case}.actual.png"
        actual.save(written)
        pytest.fail(
            f"page 1 of {case} differs from {reference} by {difference:.2f} grey levels on average "
            f"(tolerance {TOLERANCE}); the page as printed now is {written}. If the change is intended, "
            "look at it, then refresh the references with --refresh-references."
        )
