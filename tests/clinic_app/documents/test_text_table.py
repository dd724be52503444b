"""The ruled table that writes its text cells in one block prints the same text, in the same reading
order and in the same places, as ReportLab's own table."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from clinic_app.documents.fonts import BOLD, register_fonts
from clinic_app.documents.styles import stylesheet, table_style
from clinic_app.documents.text_table import TextTable


def _pdf(table_class: type[Table]) -> bytes:
    register_fonts()
    styles = stylesheet("chart")
    rows = [
        ["#", "Date", "Note"],
        ["1", "2026-06-01", Paragraph("A wrapped note that a paragraph draws, " * 3, styles.cell)],
        ["2", "2026-06-08\nsecond line", "Zoë Núñez"],
    ]
    table = table_class(rows, colWidths=[30, 90, 200])
    table.setStyle(table_style([("FONTNAME", (0, 0), (-1, 0), BOLD), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([table])
    return buffer.getvalue()


def test_text_cells_print_as_reportlab_prints_them(tmp_path: Path) -> None:
    ours, theirs = _pdf(TextTable), _pdf(Table)
    words = [PdfReader(io.BytesIO(pdf)).pages[0].extract_text() for pdf in (ours, theirs)]
    # The same words in the same order (one text block may join a row's cells with spaces) ...
    assert words[0].split() == words[1].split()
    assert "Zoë Núñez" in words[0]
    # ... in the same places on the page.
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (poppler-utils) to compare the pages")
    pictures = []
    for name, pdf in (("ours", ours), ("theirs", theirs)):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "100",
                "-png",
                "-singlefile",
                str(tmp_path / f"{name}.pdf"),
                str(tmp_path / name),
            ],
            check=True,
        )
        pictures.append(Image.open(tmp_path / f"{name}.png").convert("L"))
    assert ImageChops.difference(*pictures).getbbox() is None
