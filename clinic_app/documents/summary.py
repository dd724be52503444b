"""The visit summary for the chart: one or two pages, in clinician English.

It records what was asked, measured and decided, so a colleague can audit the visit: the
complaints, the whole red-flag checklist, every screen with its measurements (and the screens not
done), the findings and links with the rules that produced them, the next screens, the referral
decision and the plan with its doses and reasons, and the version of the rules used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from reportlab.platypus import Flowable, Paragraph, Table

from clinic_app.catalogue import load_catalogue
from clinic_app.documents.layout import PageSetup, RenderedPdf, build_pdf
from clinic_app.documents.model import DocumentRequest, PlanItem, plan_items
from clinic_app.documents.notes import fits_in_a_cell, labelled_note, note_markup
from clinic_app.documents.paragraphs import paragraph
from clinic_app.documents.parts import esc, para
from clinic_app.documents.styles import Stylesheet, stylesheet, table_style
from clinic_app.documents.wording import words
from clinic_app.domain import (
    AnkleSide,
    BilateralScreen,
    Complaint,
    HeadPostureScreen,
    HipSide,
    Language,
    LevelScreen,
    ScreenId,
    Side,
    Visit,
)
from clinic_app.triage import Finding, TriageResult

TITLE = "Visit summary"
NOT_DONE = "not done"
DASH = "—"
NOTE_BELOW = "in full below the table"

Cell: TypeAlias = str | Flowable  # a table cell: text, or a paragraph already built


def render_visit_summary(request: DocumentRequest) -> RenderedPdf:
    """The chart copy of a visit. Always English and compact, whatever the patient documents use."""
    styles = stylesheet("chart")
    visit, result = request.visit, request.result
    story: list[Flowable] = [
        Paragraph(TITLE, styles.title),
        _visit_facts(visit, styles),
        *_section("Complaints", _complaints_table(visit, result, styles), styles),
        *_section(_checklist_heading(visit), _red_flag_table(visit, styles), styles),
        *_section("Screens and findings", _screens_table(visit, result, styles), styles),
        *_section("Decision", _decision(result, styles), styles),
        *_section(_plan_heading(visit, result), _plan_table(visit, result, styles), styles),
        para(f"Triage rules version {result.rules_version}. Rule ids are in square brackets.", styles.body),
    ]
    english = words(Language.EN)
    patient = visit.patient
    setup = PageSetup(
        paper=request.paper,
        styles=styles,
        clinic=request.clinic,
        title=TITLE,
        running_header=f"{TITLE}  ·  {patient.full_name} (MRN {patient.mrn})  ·  {english.date(visit.visit.date)}",
        page_label=english.common.page,
    )
    return build_pdf(story, setup)


def _section(heading: str, body: Flowable | Sequence[Flowable], styles: Stylesheet) -> list[Flowable]:
    content = [body] if isinstance(body, Flowable) else list(body)
    return [Paragraph(esc(heading), styles.heading), *content]


def _table(rows: Sequence[Sequence[Cell]], widths: Sequence[float | None], styles: Stylesheet) -> Table:
    """A ruled table; the first row is the header (repeated if the table breaks across pages)."""
    cells = [
        [
            para(cell, styles.cell_bold if index == 0 else styles.cell) if isinstance(cell, str) else cell
            for cell in row
        ]
        for index, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), styles.box_line * 1.5, styles.palette.accent),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, styles.palette.grid),
                ("BACKGROUND", (0, 0), (-1, 0), styles.palette.tint),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


# Visit ------------------------------------------------------------------------------------------------


def _visit_facts(visit: Visit, styles: Stylesheet) -> Table:
    patient, info = visit.patient, visit.visit
    pairs = [
        ("Patient", patient.full_name),
        ("MRN", patient.mrn),
        ("Birth date", patient.birth_date.isoformat() if patient.birth_date else DASH),
        ("Sex", patient.sex.value if patient.sex else DASH),
        ("Visit date", info.date.isoformat()),
        ("Clinician", info.clinician or DASH),
        ("Status", info.status.value if info.status else DASH),
        ("Language", patient.preferred_language.value),
    ]
    rows = [[*_fact(pairs[i], styles), *_fact(pairs[i + 1], styles)] for i in range(0, len(pairs), 2)]
    table = Table(rows, colWidths=[60, None, 60, None], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _fact(pair: tuple[str, str], styles: Stylesheet) -> list[Paragraph]:
    return [para(pair[0], styles.cell), para(pair[1], styles.cell_bold)]


def _complaints_table(visit: Visit, result: TriageResult, styles: Stylesheet) -> list[Flowable]:
    """The complaints, and under them any note too long for its cell."""
    if not visit.complaints:
        return [para("None recorded.", styles.body)]
    rows: list[list[Cell]] = [["#", "Region", "Side", "Pain (NPRS)", "Note", "Explained by [link rule]"]]
    long_notes: list[Flowable] = []
    for index, complaint in enumerate(visit.complaints):
        explained = [
            f"{result.finding(link.finding).label} [{link.rule}]" for link in result.links_of_complaint(index)
        ]
        label = f"Note on complaint {index + 1} ({_region(complaint)}, {complaint.side.value})"
        note, below = _note(complaint.note, label, styles)
        rows.append(
            [
                str(index + 1),
                _region(complaint),
                complaint.side.value,
                DASH if complaint.pain is None else f"{complaint.pain}/10",
                note,
                ", ".join(explained) or "not explained by the screens done",
            ]
        )
        long_notes += below
    return [_table(rows, [14, 58, 40, 50, None, 230], styles), *long_notes]


def _note(text: str | None, label: str, styles: Stylesheet) -> tuple[Cell, list[Flowable]]:
    """A note's table cell, and the note in full under the table when it is too long for the cell.

    A table row cannot break across pages, so a row holding a long note could not be printed.
    """
    if not text or not text.strip():
        return "", []
    if fits_in_a_cell(text):
        return paragraph(note_markup(text), styles.cell), []
    return NOTE_BELOW, [labelled_note(label, text, styles.cell_bold, styles.body)]


def _region(complaint: Complaint) -> str:
    return complaint.region.value.replace("_", " ")


def _checklist_heading(visit: Visit) -> str:
    if visit.red_flags is None:
        return "Red-flag checklist: NOT DONE"
    return "Red-flag checklist: " + (
        f"{len(visit.red_flags)} present" if visit.red_flags else "done, none present"
    )


def _red_flag_table(visit: Visit, styles: Stylesheet) -> Table:
    flags = load_catalogue().red_flags
    present = set(visit.red_flags or ())

    def status(flag_id: str) -> str:
        if visit.red_flags is None:
            return "not asked"
        return "PRESENT" if flag_id in present else "absent"

    entries = [
        (status(flag_id), f"{flag.letter.en} [{flag_id}; {flag.urgency}]") for flag_id, flag in flags.items()
    ]
    half = (len(entries) + 1) // 2
    rows = [["Status", "Red flag", "Status", "Red flag"]]
    for left, right in zip(entries[:half], [*entries[half:], ("", "")], strict=False):
        rows.append([left[0], left[1], right[0], right[1]])
    table = _table(rows, [50, None, 50, None], styles)
    table.setStyle(
        table_style(
            [
                ("TEXTCOLOR", (column, row), (column, row), styles.palette.warn)
                for row, cells in enumerate(rows)
                for column in (0, 2)
                if cells[column] == "PRESENT"
            ]
        )
    )
    return table


# Screens ----------------------------------------------------------------------------------------------


def _screens_table(visit: Visit, result: TriageResult, styles: Stylesheet) -> Table:
    catalogue = load_catalogue()
    rows = [["Screen", "Result", "Measurements", "Findings [rules]"]]
    for screen_id in ScreenId:
        screen = getattr(visit.screenings, screen_id.value)
        name = catalogue.screens[screen_id].name.en
        if screen is None:
            rows.append([name, NOT_DONE, "", ""])
            continue
        result_text, measurements = _screen_record(screen_id, screen)
        found = [_finding_text(finding, result) for finding in result.findings if finding.test is screen_id]
        rows.append([name, result_text, measurements, "; ".join(found) or "normal"])
    return _table(rows, [90, 150, 110, None], styles)


def _screen_record(screen_id: ScreenId, screen: object) -> tuple[str, str]:
    """The recorded result and the measurements with their units, as short text."""
    if isinstance(screen, LevelScreen):
        difference = "" if screen.difference_cm is None else f"difference {_number(screen.difference_cm)} cm"
        return screen.result.value.replace("_", " "), difference
    if isinstance(screen, HeadPostureScreen):
        cutoff = load_catalogue().cutoffs["craniovertebral_angle_deg"].value
        angle = screen.craniovertebral_angle_deg
        measured = "" if angle is None else f"CVA {_number(angle)} degrees (forward below {_number(cutoff)})"
        return (screen.result.value if screen.result else "not observed (from the CVA)"), measured
    if isinstance(screen, BilateralScreen):
        return _bilateral_record(screen_id, screen)
    return DASH, ""


def _bilateral_record(screen_id: ScreenId, screen: BilateralScreen) -> tuple[str, str]:  # type: ignore[type-arg]
    results, measurements = [], []
    for side in (Side.LEFT, Side.RIGHT):
        leg = screen.side(side)
        label = side.value.capitalize()
        if leg is None:
            results.append(f"{label}: {NOT_DONE}")
        elif isinstance(leg, HipSide):
            results.append(
                f"{label}: raised knee bent {_yes_no(leg.knee_bent_when_raised)}, resting foot turned out {_yes_no(leg.foot_turned_out_when_resting)}"
            )
            parts = [
                f"raised {_number(leg.raised_angle_deg)} degrees" if leg.raised_angle_deg is not None else "",
                f"FMS ASLR {leg.fms_score}/3" if leg.fms_score is not None else "",
            ]
            measurements.append(_side_measure(label, parts))
        elif isinstance(leg, AnkleSide):
            results.append(
                f"{label}: knee touched wall {_yes_no(leg.knee_touches_wall)}, heel lifted {_yes_no(leg.heel_lifted)}"
            )
            cutoff = load_catalogue().cutoffs["toe_to_wall_cm"].value
            distance = leg.toe_to_wall_cm
            measurements.append(
                _side_measure(
                    label,
                    [
                        f"toe-to-wall {_number(distance)} cm (restricted below {_number(cutoff)})"
                        if distance is not None
                        else ""
                    ],
                )
            )
    return "; ".join(results), "; ".join(m for m in measurements if m)


def _side_measure(label: str, parts: list[str]) -> str:
    recorded = ", ".join(part for part in parts if part)
    return f"{label}: {recorded}" if recorded else ""


def _yes_no(value: bool | None) -> str:
    return "not recorded" if value is None else "yes" if value else "no"


def _number(value: float) -> str:
    return f"{value:g}"


# Findings, links, decision, plan ------------------------------------------------------------------------


def _finding_text(finding: Finding, result: TriageResult) -> str:
    explains = any(link.finding == finding.id for link in result.links)
    additional = "" if explains else ", additional: explains no complaint"
    return f"{finding.label} [{', '.join(finding.rules)}{additional}]"


def _decision(result: TriageResult, styles: Stylesheet) -> list[Flowable]:
    referral = result.referral
    if referral.required:
        flags = load_catalogue().red_flags
        reasons = ", ".join(f"{flags[r].letter.en} [{r}]" for r in referral.reasons)
        referral_text = f"<b>REFERRAL REQUIRED ({esc((referral.urgency or '').upper())})</b>: {esc(reasons)}"
    else:
        referral_text = "Referral: not required."
    next_screens = ", ".join(s.replace("_", " ") for s in result.next_screens) or "none"
    return [Paragraph(referral_text, styles.body), para(f"Next screens: {next_screens}.", styles.body)]


def _plan_heading(visit: Visit, result: TriageResult) -> str:
    if result.referral.required:
        return "Plan: no home programme (referral)"
    return "Plan (set by the clinician)" if visit.plan is not None else "Plan (as proposed by the rules)"


def _plan_table(visit: Visit, result: TriageResult, styles: Stylesheet) -> list[Flowable]:
    """The plan, and under it any note too long for its cell."""
    items = plan_items(visit, result)
    if not items:
        return [para("No exercises.", styles.body)]
    rows: list[list[Cell]] = [["#", "Exercise", "Side", "Dose", "For findings", "Plan rules", "Note"]]
    labels = {finding.id: finding.label for finding in result.findings}
    long_notes: list[Flowable] = []
    for item in items:
        label = f"Note on exercise {item.number} ({item.exercise.name}, {item.side.value})"
        note, below = _note(item.note, label, styles)
        rows.append([*_plan_row(item, labels), note])
        long_notes += below
    return [_table(rows, [14, 108, 36, 96, 100, 100, None], styles), *long_notes]


def _plan_row(item: PlanItem, labels: dict[str, str]) -> list[Cell]:
    """Every column but the note."""
    dose = item.dosing
    hold = f"hold {dose.hold_s} s, " if dose.hold_s else ""
    dose_text = f"{hold}{dose.reps} reps x {dose.sets} set{'s' if dose.sets > 1 else ''}, {dose.per_day}x/day"
    origin = ", ".join(item.rules) or ("added by clinician" if item.chosen_by_therapist else DASH)
    return [
        str(item.number),
        item.exercise.name,
        item.side.value,
        dose_text,
        ", ".join(labels[finding] for finding in item.for_findings) or DASH,
        origin,
    ]
