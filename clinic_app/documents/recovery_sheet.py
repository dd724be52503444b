"""The recovery sheet: one page with the database's recovery key, to print once and lock away.

The key is printed large, in numbered groups of five in a monospaced face (0 and O, 1 and I can be
told apart, and each group carries its own check character, so a misread group is named when typed).
The page says what the key opens and what losing it means. No patient data, no password.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from clinic_app.documents.fonts import BOLD, REGULAR, register_fonts
from clinic_app.storage.recovery_key import RecoveryKey

GROUPS_PER_ROW = 4
KEY_FONT = "Courier-Bold"  # ReportLab's built-in monospaced face: every character as wide as the next
KEY_SIZE = 22

WARNING = (
    "Any account's password opens this clinic's records. If every password is forgotten, only this "
    "recovery key opens them. If every password AND this sheet are lost, the records are lost for "
    "good: nobody, Clinic App's makers included, can open them."
)
KEEP = (
    "Keep this sheet locked away from the computer (a safe, or with the practice owner). Anyone who "
    "holds it and a copy of the database can read the records."
)
USE = (
    "To use it: a backup whose key file (.keys) is lost is restored with "
    "`clinic restore BACKUP --recovery-key-file FILE`, FILE holding the key as printed "
    "(spaces, hyphens and letter case do not matter)."
)


def render_recovery_sheet(recovery: RecoveryKey, clinic_name: str, location: str, made: dt.date) -> bytes:
    """The sheet as a one-page PDF."""
    register_fonts()
    buffer = io.BytesIO()
    width, height = LETTER
    canvas = Canvas(buffer, pagesize=LETTER, pageCompression=1)
    canvas.setTitle("Clinic App recovery key")
    margin = 20 * mm
    y = height - margin
    canvas.setFont(BOLD, 20)
    canvas.drawString(margin, y, "Clinic App: recovery key")
    y -= 9 * mm
    canvas.setFont(REGULAR, 11)
    for line in (
        f"Clinic: {clinic_name or '(not named yet)'}",
        f"Database: {location}",
        f"Made: {made.isoformat()}",
    ):
        canvas.drawString(margin, y, line)
        y -= 5.5 * mm
    y -= 6 * mm
    y = _key_groups(canvas, recovery, margin, y)
    y -= 8 * mm
    for paragraph, font in ((WARNING, BOLD), (KEEP, REGULAR), (USE, REGULAR)):
        y = _wrapped(canvas, paragraph, font, 11, margin, y, width - 2 * margin) - 4 * mm
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _key_groups(canvas: Canvas, recovery: RecoveryKey, left: float, top: float) -> float:
    column = 42 * mm
    row = 14 * mm
    y = top
    for index, group in enumerate(recovery.groups):
        if index and index % GROUPS_PER_ROW == 0:
            y -= row
        x = left + (index % GROUPS_PER_ROW) * column
        canvas.setFont(REGULAR, 8)
        canvas.drawString(x, y + KEY_SIZE * 0.85, str(index + 1))
        canvas.setFont(KEY_FONT, KEY_SIZE)
        canvas.drawString(x, y, group)
    return float(y - row)


def _wrapped(
    canvas: Canvas, text: str, font: str, size: float, left: float, top: float, width: float
) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    canvas.setFont(font, size)
    line = ""
    y = top
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if stringWidth(candidate, font, size) > width and line:
            canvas.drawString(left, y, line)
            y -= size * 1.4
            line = word
        else:
            line = candidate
    if line:
        canvas.drawString(left, y, line)
        y -= size * 1.4
    return y
