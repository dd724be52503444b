"""Chosen pages of fixed printouts look as they did when a person last checked them.

The reference images in references/ were looked at and judged fit for a patient. Any change to the
layout shows up here; after an intended change, look at the new pages and refresh the references
(see reference_images.py: `pytest tests/clinic_app/documents --refresh-references`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_app.domain import Language

from .helpers import KNEE, NECK, OVERRIDE, RED_FLAG, example, patient_pdf
from .reference_images import REFERENCES, TOLERANCE, mean_difference, page_image, refreshing

# case: (example, print options, page index)
CASES = {
    "knee-en-page1": (KNEE, {}, 0),
    "knee-en-page2": (KNEE, {}, 1),  # the rules and the first card: picture, chips, steps, what not to do
    "neck-es-large-print-page1": (NECK, {"language": Language.ES, "large_print": True}, 0),
    "referral-en-page1": (RED_FLAG, {}, 0),
    # A routine flag overridden: the letter (in the patient's Spanish), then the handout after it.
    "override-es-letter-page1": (OVERRIDE, {}, 0),
    "override-es-letter-page2": (OVERRIDE, {}, 1),
    "override-es-handout-page1": (OVERRIDE, {}, 2),
}


@pytest.mark.parametrize("case", list(CASES))
def test_page_matches_its_reference(case: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    name, options, page = CASES[case]
    actual = page_image(patient_pdf(example(name), **options), page)
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
            f"page {page + 1} of {case} differs from {reference} by {difference:.2f} grey levels on average "
            f"(tolerance {TOLERANCE}); the page as printed now is {written}. If the change is intended, "
            "look at it, then refresh the references with --refresh-references."
        )
