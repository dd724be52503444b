"""Printing a PDF: to a file as it is, to a printer as one 300 dpi picture per page.

Qt cannot paint a PDF's vectors onto a printer, so each page goes as a picture, which is what
most printer drivers make of a PDF anyway. This runs on the documents lane; the window stays
responsive only if no single step keeps Python's lock for long, so:

- pages are rendered by pdfium through pypdfium2, whose calls release the lock (QtPdf's
  render keeps it, about 30 ms a page at 300 dpi);
- the page bitmap is pdfium's own memory (a buffer from Python is zero-filled under the lock,
  about 20 ms a page), already filled white by pdfium;
- the picture is handed to the printer in strips, not in one call.

pdfium is not thread-safe; the documents lane runs one task at a time, for the preview
(ui.visit.page_view) as for printing.
"""

from __future__ import annotations

import math

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from clinic_app.output_file import write_output_file

PRINT_DPI = 300  # sharp for text and line drawings
PRINT_STRIPS = 32


def print_pdf(pdf: bytes, printer: QPrinter) -> None:
    """Print a PDF on the printer the print dialog set up."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        # "Print to file": the document itself, still vector and searchable, not page pictures,
        # and private (0600) like every file of patient data the app writes.
        write_output_file(printer.outputFileName(), pdf)
        return
    paint_pages(pdf, printer)


def paint_pages(pdf: bytes, printer: QPrinter) -> None:
    """Every page of the PDF as a picture fitted to the printer's page."""
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as error:
        raise OSError("the document could not be read back for printing") from error
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            for index in range(len(document)):
                if index:
                    printer.newPage()
                _paint_page(document[index], painter)
        finally:
            painter.end()
    finally:
        document.close()


def _paint_page(page: pdfium.PdfPage, painter: QPainter) -> None:
    bitmap = page.render(
        scale=PRINT_DPI / 72,
        prefer_bgrx=True,
        rev_byteorder=True,  # RGBX bytes: one Qt format on any byte order
        bitmap_maker=pdfium.PdfBitmap.new_foreign,
        may_draw_forms=False,
    )
    # Not bitmap.close(): pdfium's memory is freed when the last reference to it goes, which
    # is as soon as this page is done, and never while a picture could still read it.
    try:
        _paint_in_strips(bitmap, painter)
    finally:
        page.close()


def _paint_in_strips(bitmap: pdfium.PdfBitmap, painter: QPainter) -> None:
    # The image reads pdfium's memory without copying; each strip handed over is a copy.
    width, height = bitmap.width, bitmap.height
    image = QImage(bitmap.buffer, width, height, bitmap.stride, QImage.Format.Format_RGBX8888)
    area = painter.viewport()
    scale = min(area.width() / width, area.height() / height)
    strip_height = math.ceil(height / PRINT_STRIPS)
    for top in range(0, height, strip_height):
        strip = image.copy(0, top, width, min(strip_height, height - top))
        painter.drawImage(QRectF(0, top * scale, width * scale, strip.height() * scale), strip)
