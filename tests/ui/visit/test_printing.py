"""Printing to a real printer: every page painted as a picture on white, the same as the document."""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from clinic_app.documents import DocumentRequest, render_patient_document
from clinic_app.domain import ClinicProfile
from clinic_app.triage import triage
from ui.visit.printing import paint_pages, print_pdf

from .conftest import EXAMPLES, example_visit

CLINIC = ClinicProfile(name="Preferred Physical Therapy", phone="623-486-3333", emergency_number="911")


def handout(tmp_path: Path) -> Path:
    visit = example_visit(EXAMPLES / "knee-left-tight-calf.visit.json")
    document = render_patient_document(DocumentRequest.for_visit(visit, result=triage(visit), clinic=CLINIC))
    path = tmp_path / "handout.pdf"
    path.write_bytes(document.pdf)
    return path


def file_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setFullPage(True)  # no margins, so the printed page lines up with the original
    return printer


SCALE = 2  # pages compared at 144 dpi: one point is two pixels


def pages(path: Path) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [page.render(scale=SCALE).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def difference(one: Image.Image, other: Image.Image) -> float:
    channels = ImageStat.Stat(ImageChops.difference(one, other)).mean  # red, green, blue
    return max(channels)


def looks_the_same(original: Image.Image, copy: Image.Image) -> bool:
    """Closer to the original than half of what moving the original down by one point does.

    The printed page is a 300 dpi picture, so its edges are not the document's; the yardstick
    comes from the page itself, because a page with little on it changes little when moved.
    """
    moved = ImageChops.offset(original, 0, SCALE)
    return copy.size == original.size and difference(original, copy) < difference(original, moved) / 2


def assert_printed_as_the_document(source: Path, printed: Path) -> None:
    """Every page printed, on white paper, looking like the document's own page."""
    originals, copies = pages(source), pages(printed)
    assert len(copies) == len(originals) > 1
    for number, (original, copy) in enumerate(zip(originals, copies, strict=True), start=1):
        assert copy.getpixel((2, 2)) == (255, 255, 255), f"page {number}: the paper is not white"
        assert looks_the_same(original, copy), f"page {number} does not look like the document"


def test_every_page_prints_as_a_picture_of_itself_on_white(qtbot: QtBot, tmp_path: Path) -> None:
    source, printed = handout(tmp_path), tmp_path / "printed.pdf"

    paint_pages(source.read_bytes(), file_printer(printed))

    assert_printed_as_the_document(source, printed)


def test_a_page_printed_out_of_place_is_caught(tmp_path: Path) -> None:
    for original in pages(handout(tmp_path)):
        assert looks_the_same(original, original)
        assert not looks_the_same(original, ImageChops.offset(original, 0, SCALE))
        assert not looks_the_same(original, ImageChops.offset(original, SCALE, 0))


def test_printing_to_a_pdf_file_keeps_the_document_itself(qtbot: QtBot, tmp_path: Path) -> None:
    # "Print to file" in the dialog: the document itself, still vector and searchable.
    source, printed = handout(tmp_path), tmp_path / "printed.pdf"

    print_pdf(source.read_bytes(), file_printer(printed))

    assert printed.read_bytes() == source.read_bytes()


def test_a_document_that_cannot_be_read_is_a_clear_error(qtbot: QtBot, tmp_path: Path) -> None:
    with pytest.raises(OSError, match="could not be read back for printing"):
        paint_pages(b"%PDF-1.7 not really", file_printer(tmp_path / "printed.pdf"))


@pytest.mark.printer
def test_a_handout_sent_to_a_real_print_queue_arrives_whole(qtbot: QtBot, tmp_path: Path) -> None:
    # What OK in the print dialog does with a CUPS printer: Qt's own print engine and CUPS client,
    # a job on a real queue (.ci/printer.sh keeps each job's file), not a PDF file of our own.
    from PySide6.QtPrintSupport import QPrinterInfo

    queue, output = os.environ["CLINIC_TEST_PRINTER"], Path(os.environ["CLINIC_TEST_PRINT_OUTPUT"])
    info = QPrinterInfo.printerInfo(queue)
    assert not info.isNull(), f"Qt does not see the print queue {queue!r} (CUPS_SERVER set?)"
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setFullPage(True)
    printer.setColorMode(QPrinter.ColorMode.Color)  # the test queue has no driver, so Qt assumes grey
    before = set(output.glob("job-*.pdf"))
    source = handout(tmp_path)

    print_pdf(source.read_bytes(), printer)
    qtbot.waitUntil(lambda: bool(set(output.glob("job-*.pdf")) - before), timeout=30_000)

    (job,) = set(output.glob("job-*.pdf")) - before
    assert_printed_as_the_document(source, job)
