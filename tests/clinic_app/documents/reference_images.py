"""Reference images of printed pages, and the `--refresh-references` option that rewrites them.

Page 1 of a few fixed handouts is rendered to PNG (pypdfium2, 60 dpi, greyscale) and compared with
the stored image in references/: the mean absolute pixel difference must stay under a small
tolerance. After an intended change to the layout, look at the new pages, then rewrite the
references with

    .venv/bin/python -m pytest tests/clinic_app/documents --refresh-references

(or CLINIC_REFRESH_REFERENCES=1 with any pytest command line, e.g. `python3 dev.py test`).
The option is declared by tests/clinic_app/documents/conftest.py; a root conftest may also load
this module as a plugin so the option is known wherever pytest starts.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

REFERENCES = Path(__file__).resolve().parent / "references"
DPI = 60
# Mean absolute difference in grey levels (0-255): a changed letter is about 0.01, a moved block about 5.
TOLERANCE = 0.75
OPTION = "--refresh-references"


def pytest_addoption(parser: pytest.Parser) -> None:
    # Already declared when a root conftest loaded this module as a plugin: then ValueError.
    with contextlib.suppress(ValueError):
        parser.addoption(
            OPTION,
            action="store_true",
            default=False,
            help="rewrite the reference images of printed pages (tests/clinic_app/documents/references)",
        )


def refreshing(config: pytest.Config) -> bool:
    return bool(config.getoption(OPTION, default=False)) or os.environ.get("CLINIC_REFRESH_REFERENCES") == "1"


def page_image(pdf: bytes, page: int = 0):  # -> PIL.Image.Image
    """One page of a PDF as a greyscale image, rendered the same way on every machine."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        bitmap = document[page].render(scale=DPI / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()


def mean_difference(first, second) -> float:
    from PIL import ImageChops, ImageStat

    if first.size != second.size:
        return 255.0
    return float(ImageStat.Stat(ImageChops.difference(first, second)).mean[0])
