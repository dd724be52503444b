"""Small pieces the handout, the referral letter and the visit summary share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table

from clinic_app.catalogue import load_catalogue
from clinic_app.documents.layout import PageSetup
from clinic_app.documents.model import DocumentRequest
from clinic_app.documents.paragraphs import paragraph
from clinic_app.documents.styles import Stylesheet, patient_stylesheet, table_style
from clinic_app.documents.wording import Words, words
from clinic_app.domain import Complaint, Language

LANGUAGE_TAGS = {Language.EN: "en-US", Language.ES: "es"}  # the PDF's /Lang, for screen readers


def esc(text: str) -> str:
    """Text made safe for ReportLab's paragraph markup (names may contain & < >).

    As xml.sax.saxutils.escape does, without importing it: that module brings urllib.request,
    http.client and ssl along, a tenth of a cold print's imports, which ReportLab never needs.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return paragraph(esc(text), style)


def bullets(
    items: Iterable[str], style: ParagraphStyle, *, mark: str = "•", bold: bool = False
) -> list[Paragraph]:
    template = "<b>{}</b>" if bold else "{}"
    return [paragraph(template.format(esc(item)), style, bulletText=mark) for item in items]


def numbered(items: Sequence[str], style: ParagraphStyle) -> list[Paragraph]:
    return [
        paragraph(esc(item), style, bulletText=f"{number}.") for number, item in enumerate(items, start=1)
    ]


def lines(texts: Iterable[str], style: ParagraphStyle) -> Paragraph:
    """Several short lines in one paragraph, each starting on a new line."""
    return paragraph("<br/>".join(esc(text) for text in texts), style)


Value = str | Sequence[str]


def facts(
    pairs: Sequence[tuple[str, Value]],
    styles: Stylesheet,
    *,
    value_style: ParagraphStyle | None = None,
    label_width: float | None = None,
) -> Table:
    """Label and value rows ("Patient  Zoë Núñez"), left-aligned, no rules; a value may be several lines.

    The label column fits the longest label unless a width is given (long labels then wrap).
    """
    value_style = value_style or styles.cell_bold
    rows = [
        [para(label, styles.cell), lines([value] if isinstance(value, str) else value, value_style)]
        for label, value in pairs
    ]
    if label_width is None:
        label_width = max(len(label) for label, _ in pairs) * styles.body_size * 0.62 + styles.gap
    table = Table(rows, colWidths=[label_width, None], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), styles.gap * 0.5),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    table.spaceAfter = styles.gap * 0.6
    return table


def patient_facts(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> Table:
    """Who the document is for, the visit date and the clinician."""
    common = language_words.common
    visit = request.visit
    pairs = [
        (common.patient, visit.patient.full_name),
        (common.visit_date, language_words.date(visit.visit.date)),
    ]
    # The therapist who signed the visit, once it is signed; until then the one recording it.
    therapist = request.signature.name if request.signature is not None else visit.visit.clinician
    if therapist:
        pairs.append((common.therapist, therapist))
    if styles.large_print:
        return facts(pairs, styles)
    return _facts_side_by_side(pairs, styles)


def _facts_side_by_side(pairs: Sequence[tuple[str, str]], styles: Stylesheet) -> Table:
    """Label and value pairs two to a row ("Patient  Zoë Núñez    Visit date  November 25, 2026"):
    the same facts in fewer lines, so the first page keeps room for what the patient must read."""
    rows: list[list[Paragraph | str]] = []
    for start in range(0, len(pairs), 2):
        row: list[Paragraph | str] = []
        for label, value in pairs[start : start + 2]:
            row += [para(label, styles.cell), para(value, styles.cell_bold)]
        rows.append(row + [""] * (4 - len(row)))
    label_widths = [
        max((len(label) for label, _ in pairs[column::2]), default=0) * styles.body_size * 0.62 + styles.gap
        for column in (0, 1)
    ]
    table = Table(rows, colWidths=[label_widths[0], None, label_widths[1], None], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), styles.gap),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    table.spaceAfter = styles.gap * 0.6
    return table


def complaint_phrase(complaint: Complaint, language: Language) -> str:
    """A complaint in plain words, e.g. "left knee pain" / "dolor de rodilla del lado izquierdo"."""
    region = load_catalogue().regions[complaint.region][language]
    return words(language).complaint[complaint.side].format(region=region)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def patient_page_setup(request: DocumentRequest, title: str, *, footer_note: str = "") -> PageSetup:
    """The page furniture of a patient document, in the patient's language and print size."""
    language_words = words(request.language)
    patient = request.visit.patient
    return PageSetup(
        paper=request.paper,
        styles=patient_stylesheet(request.large_print),
        clinic=request.clinic,
        title=title,
        running_header=f"{title}  ·  {patient.full_name}  ·  {language_words.date(request.visit.visit.date)}",
        page_label=language_words.common.page,
        footer_note=footer_note,
        language_tag=LANGUAGE_TAGS[request.language],
        phone_label=language_words.common.phone,
        email_label=language_words.common.email,
        visit_date=request.visit.visit.date,
        visit_date_text=language_words.date(request.visit.visit.date),
    )


def fact_cells(pair: tuple[str, str], styles: Stylesheet) -> list[Paragraph]:
    """A label and its value as two table cells, the value in bold (a document's facts table)."""
    return [para(pair[0], styles.cell), para(pair[1], styles.cell_bold)]
