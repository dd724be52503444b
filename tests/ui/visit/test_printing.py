"""The Print tab's buttons, and printing itself: every page painted as a picture on white, as the document.

The buttons are pressed as a therapist presses them (a click, Alt+S, Alt+P); only the dialogs they
open are stood in for, since what a file or print dialog shows depends on the machine: the file
dialog answers with a name in tmp_path, the print dialog is OK'd with "print to file" chosen.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.documents import DocumentRequest, render_patient_document
from clinic_app.domain import ClinicProfile, DocumentSettings, Visit
from clinic_app.triage import triage
from ui.tasks import SynchronousTasks
from ui.visit.preview_section import PreviewSection
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


# ---- the Print tab's buttons ----------------------------------------------------------------------

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"


@pytest.fixture
def preview(qtbot: QtBot) -> PreviewSection:
    """The Print tab of the knee example, shown, with its handout rendered."""
    return shown_preview(qtbot, example_visit(KNEE))


def shown_preview(qtbot: QtBot, visit: Visit) -> PreviewSection:
    section = PreviewSection(SynchronousTasks())
    qtbot.addWidget(section)
    section.set_document_settings(CLINIC, DocumentSettings())
    section.set_visit_source(lambda: (visit, triage(visit)))
    section.resize(900, 700)
    section.show()
    qtbot.waitExposed(section)
    section.activateWindow()
    qtbot.waitUntil(lambda: section.page_count > 0 and section.save_button.isEnabled())
    return section


def file_dialog_answering(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> list[str]:
    """The save dialog, answered with `path`; returns the suggested names it was opened with."""
    suggested: list[str] = []

    def get_save_file_name(_parent: QWidget, _caption: str, name: str, _filter: str) -> tuple[str, str]:
        suggested.append(name)
        return str(path), "PDF documents (*.pdf)" if path else ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    return suggested


def print_dialog_printing_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The real print dialog, OK'd with "print to file" (PDF) at `path`; returns its window titles."""
    titles: list[str] = []

    def exec_(dialog: QPrintDialog) -> int:
        titles.append(dialog.windowTitle())
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return int(QPrintDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return titles


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def alt(letter: Qt.Key) -> Callable[[QtBot, PreviewSection], None]:
    def press(qtbot: QtBot, preview: PreviewSection) -> None:
        preview.view.setFocus()  # the keyboard is somewhere in the tab, not on the button
        qtbot.keyClick(preview.view, letter, Qt.KeyboardModifier.AltModifier)

    return press


def assert_is_the_handout(path: Path, preview: PreviewSection) -> None:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == preview.page_count
    assert "Your home exercise plan" in text
    assert "Zoë Núñez" in text
    assert "Calf stretch at the wall" in text


SAVE_WAYS = {
    "click": lambda qtbot, preview: click(qtbot, preview.save_button),
    "alt-s": alt(Qt.Key.Key_S),
}


@pytest.mark.parametrize("press", SAVE_WAYS.values(), ids=SAVE_WAYS.keys())
def test_save_as_pdf_saves_the_document_shown(
    press: Callable[[QtBot, PreviewSection], None],
    preview: PreviewSection,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "handout.pdf"
    suggested = file_dialog_answering(monkeypatch, target)

    press(qtbot, preview)

    qtbot.waitUntil(target.exists)
    assert suggested == ["home-exercise-handout.pdf"]
    assert target.read_bytes() == preview.pdf_bytes
    assert_is_the_handout(target, preview)
    assert preview.message.text() == f"Saved home exercise handout as {target}."


@posix_only
def test_a_saved_pdf_is_readable_by_its_owner_alone(
    preview: PreviewSection, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "handout.pdf"
    file_dialog_answering(monkeypatch, target)
    old_umask = os.umask(0o022)  # the usual umask, which gave 0644
    try:
        click(qtbot, preview.save_button)
    finally:
        os.umask(old_umask)

    qtbot.waitUntil(target.exists)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cancelling_the_file_dialog_saves_nothing(
    preview: PreviewSection, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested = file_dialog_answering(monkeypatch, "")
    shown = preview.message.text()

    click(qtbot, preview.save_button)

    assert suggested  # the dialog was opened
    assert list(tmp_path.iterdir()) == []
    assert preview.message.text() == shown


def test_a_folder_chosen_as_the_file_is_refused_with_the_reason(
    preview: PreviewSection, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "Handouts"
    folder.mkdir()
    file_dialog_answering(monkeypatch, folder)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))

    click(qtbot, preview.save_button)

    assert warnings == [
        f"The PDF was not saved: cannot write {folder}: it is a folder; only a regular file can be "
        "written: a new one, or an existing one to replace."
    ]
    assert list(folder.iterdir()) == []


PRINT_WAYS = {
    "click": lambda qtbot, preview: click(qtbot, preview.print_button),
    "alt-p": alt(Qt.Key.Key_P),
}


@pytest.mark.parametrize("press", PRINT_WAYS.values(), ids=PRINT_WAYS.keys())
def test_print_prints_on_the_printer_chosen_in_the_dialog(
    press: Callable[[QtBot, PreviewSection], None],
    preview: PreviewSection,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    printed = tmp_path / "printed.pdf"
    titles = print_dialog_printing_to(monkeypatch, printed)

    press(qtbot, preview)

    qtbot.waitUntil(lambda: "Sent" in preview.message.text())
    assert titles == ["Print home exercise handout"]
    assert preview.message.text() == "Sent the home exercise handout to the printer."
    assert_is_the_handout(printed, preview)
    if sys.platform != "win32":
        assert stat.S_IMODE(printed.stat().st_mode) == 0o600


def test_the_summary_of_a_visit_with_a_4000_character_note_previews_and_saves_whole(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The note's table row was taller than a page: "The document could not be built".
    note = "Worse on stairs and after sitting; eases with walking. " * 80
    visit = example_visit(KNEE)
    complaint = visit.complaints[0].model_copy(update={"note": note[:4000]})
    preview = shown_preview(qtbot, visit.model_copy(update={"complaints": (complaint,)}))
    preview.which.setFocus()

    qtbot.keyClick(preview.which, Qt.Key.Key_Down)  # "Visit summary for the chart"
    qtbot.waitUntil(lambda: preview.message.text().startswith("Visit summary:"))
    target = tmp_path / "summary.pdf"
    file_dialog_answering(monkeypatch, target)
    click(qtbot, preview.save_button)

    qtbot.waitUntil(target.exists)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "".join(note[:4000].split()) in "".join(text.split())


def test_the_preview_is_rendered_by_pdfium_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One rasteriser for preview and print, and no copy of the patient's document on disk."""
    import tempfile

    from ui.visit.page_view import render_pages

    def no_temporary_files(*_: object, **__: object) -> None:
        raise AssertionError("the preview wrote the document to a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_temporary_files)
    monkeypatch.setattr(tempfile, "mkstemp", no_temporary_files)
    pdf = handout(tmp_path).read_bytes()

    pages = render_pages(pdf, 600)

    assert len(pages) == len(pdfium.PdfDocument(pdf))
    assert pages[0].width() == 600
    assert pages[0].pixelColor(2, 2).name() == "#ffffff"  # white paper, not a transparent page
    assert "PySide6.QtPdf" not in sys.modules
