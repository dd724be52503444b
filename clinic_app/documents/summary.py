"""The visit summary for the chart: one or two pages, in clinician English.

It records what was asked, measured and decided, so a colleague can audit the visit: the
complaints, the whole red-flag checklist, every screen with its measurements (and the screens not
done), the findings (and whether each explains a complaint) and links with the rules that produced
them, the plan status, the referral with its urgency and the combinations that raised it, the
therapist's overrides with their reasons, the warnings to re-check, what the plan had no room for,
the next screens, the plan with its doses and reasons, and the version of the rules used.
Clinical text is in plain clinical words; ids appear only in square brackets, for traceability.
The red flags present stand out in a box of their own; it ends with the clinician's signature block
(name, date, a line to sign on).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from clinic_app.catalogue import load_catalogue
from clinic_app.documents.flowables import Signature
from clinic_app.documents.layout import PageSetup, RenderedPdf, build_pdf
from clinic_app.documents.model import DocumentRequest, PlanItem, plan_items
from clinic_app.documents.notes import fits_in_a_cell, labelled_note, note_markup
from clinic_app.documents.paragraphs import paragraph
from clinic_app.documents.parts import bullets, esc, fact_cells, para
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
    SignatureKind,
    Visit,
    VisitStatus,
)
from clinic_app.red_flags import override_problems
from clinic_app.signatures import Addendum, local_time_text
from clinic_app.signatures import Signature as SignatureRecord
from clinic_app.triage import Finding, TriageResult

TITLE = "Visit summary"
NOT_DONE = "not done"
DASH = "—"
NOTE_BELOW = "in full below the table"
# What the visit's status means, for a reader of the chart who never saw the app.
STATUS = {
    VisitStatus.DRAFT: "draft: not finished, may still change",
    VisitStatus.FINAL: "finished: signed, read-only",
    None: "not recorded (printed from a visit file)",
}

Cell: TypeAlias = str | Flowable  # a table cell: text, or a paragraph already built


def render_visit_summary(request: DocumentRequest) -> RenderedPdf:
    """The chart copy of a visit. Always English and compact, whatever the patient documents use."""
    styles = stylesheet("chart")
    visit, result = request.visit, request.result
    story: list[Flowable] = [
        Paragraph(TITLE, styles.title),
        _visit_facts(visit, styles),
        *_section("Complaints", _complaints_table(visit, result, styles), styles),
        *_section(_checklist_heading(visit), _checklist(visit, styles), styles),
        *_section("Screens and findings", _screens_table(visit, result, styles), styles),
        *_section("Decision", _decision(visit, result, styles), styles),
        *_plan(visit, result, styles),
        _signature(request, styles),
        *_addenda(request.addenda, styles),
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
        visit_date=visit.visit.date,
        visit_date_text=english.date(visit.visit.date),
    )
    return build_pdf(story, setup)


def _signature(request: DocumentRequest, styles: Stylesheet) -> Table:
    """The rules used, who saw the patient and when, who signed the record and when, and beside it a
    line to sign the chart copy on."""
    visit, result = request.visit, request.result
    who = Paragraph(
        f"Triage rules version {esc(result.rules_version)}. Rule ids are in square brackets.<br/>"
        f"Clinician: <b>{esc(visit.visit.clinician or DASH)}</b>&nbsp;&nbsp;&nbsp;&nbsp;"
        f"Date: <b>{visit.visit.date.isoformat()}</b>"
        + (f"<br/>{signed_line(request.signature)}" if request.signature is not None else ""),
        styles.body,
    )
    line = Signature(None, [para("Signature", styles.cell)], styles, room=styles.body_size * 1.6)
    table = Table([[who, line]], colWidths=[None, styles.body_size * 24], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    table.spaceBefore = styles.gap * 0.5
    return table


def signed_line(signature: SignatureRecord) -> str:
    """How the record was signed, as markup: by whom (and licence), when; or why no account signed it."""
    licence = f", licence {esc(signature.licence)}" if signature.licence else ""
    if signature.kind is SignatureKind.ACCOUNT and signature.at is not None:
        return f"Signed electronically by <b>{esc(signature.name)}</b>{licence}, {local_time_text(signature.at)}."
    if signature.kind is SignatureKind.IMPORTED:
        return f"Imported as signed by <b>{esc(signature.name)}</b>{licence} (signature as written in the document)."
    return f"Signed before accounts existed: signer {esc(signature.name)}."


def _addenda(addenda: Sequence[Addendum], styles: Stylesheet) -> list[Flowable]:
    """Corrections added after signing, oldest first: when, who, why, then what (in full, breaking
    across pages like any long note)."""
    if not addenda:
        return []
    story: list[Flowable] = [
        Paragraph("Addenda (added after signing; the signed record above is unchanged)", styles.heading)
    ]
    for number, addendum in enumerate(addenda, start=1):
        licence = f", licence {addendum.author_licence}" if addendum.author_licence else ""
        label = f"Addendum {number}: {local_time_text(addendum.at)}, {addendum.author}{licence}"
        story.append(
            labelled_note(label, f"{addendum.text}\n\nWhy: {addendum.reason}", styles.cell_bold, styles.body)
        )
    return story


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
        ("Status", STATUS[info.status]),
        ("Language", patient.preferred_language.value),
    ]
    rows = [
        [*fact_cells(pairs[i], styles), *fact_cells(pairs[i + 1], styles)] for i in range(0, len(pairs), 2)
    ]
    table = Table(rows, colWidths=[60, None, 60, None], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                # A label beside the first line of its value, however many lines the value wraps to.
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


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
    return [_table(rows, [14, 58, 40, 66, None, 230], styles), *long_notes]


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


def _highlighted(rows: Sequence[Flowable], styles: Stylesheet) -> Table:
    """Lines framed and tinted in the warning colour, one under the other (the flags present)."""
    table = Table([[row] for row in rows], colWidths=[None], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, styles.palette.warn),
                ("BACKGROUND", (0, 0), (-1, -1), styles.palette.warn_tint),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    table.spaceAfter = styles.gap * 0.5
    return table


def _checklist_heading(visit: Visit) -> str:
    if visit.red_flags is None:
        return "Red-flag checklist: NOT DONE"
    return "Red-flag checklist: " + (
        f"{len(visit.red_flags)} present" if visit.red_flags else "done, none present"
    )


def _checklist(visit: Visit, styles: Stylesheet) -> list[Flowable]:
    """The flags present in full, in clinical words; the flags asked and absent in one compact list.

    Every flag asked appears with its id, so the chart shows exactly what was asked.
    """
    flags = load_catalogue().red_flags
    if visit.red_flags is None:
        return [
            para(
                f"Not asked: none of the {len(flags)} questions was answered, so no home programme or "
                "referral letter can be printed.",
                styles.body,
            )
        ]
    present = set(visit.red_flags)
    flowables: list[Flowable] = []
    highlighted: list[Flowable] = []
    for flag_id, flag in flags.items():
        if flag_id in present:  # in the warning colour, each on its own line, boxed together
            text = f"<b>PRESENT: {esc(flag.clinician.en)}</b> [{esc(flag_id)}; {flag.urgency}]"
            highlighted.append(
                Paragraph(f'<font color="{styles.palette.warn.hexval()}">{text}</font>', styles.cell)
            )
    if highlighted:
        flowables.append(_highlighted(highlighted, styles))
    absent = [f"{flag.letter.en} [{flag_id}]" for flag_id, flag in flags.items() if flag_id not in present]
    if absent:
        flowables.append(para(f"Absent ({len(absent)}): {'; '.join(absent)}.", styles.cell))
    return flowables


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
            lifted = (
                ""
                if leg.resting_leg_lifted is None
                else f", resting leg lifted {_yes_no(leg.resting_leg_lifted)}"
            )
            results.append(
                f"{label}: raised knee bent {_yes_no(leg.knee_bent_when_raised)}, resting foot turned out "
                f"{_yes_no(leg.foot_turned_out_when_resting)}{lifted}"
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
    deferred = ", deferred: no room in the plan" if finding.id in result.deferred_findings else ""
    additional = "; additional: explains no complaint" if finding.additional else ""
    return f"{finding.label}{additional} [{', '.join(finding.rules)}]{deferred}"


PLAN_STATUS = {
    "referral": "referral: a red flag stands, no home programme",
    "needs_red_flag_checklist": "the red-flag checklist was not done, no home programme",
    "nothing_to_treat": "nothing to treat: no abnormal finding on the screens done",
    "proposed": "home programme proposed",
}


def _decision(visit: Visit, result: TriageResult, styles: Stylesheet) -> list[Flowable]:
    catalogue = load_catalogue()
    referral = result.referral
    flowables: list[Flowable] = [
        Paragraph(
            f"<b>Plan status:</b> {esc(PLAN_STATUS.get(result.plan_status, result.plan_status))} "
            f"[{esc(result.plan_status)}]",
            styles.body,
        )
    ]
    if referral.required and referral.urgency is not None:
        urgency = catalogue.urgencies[referral.urgency]
        if result.plan_allowed:  # every flag present overridden: the exercises start meanwhile
            asked = "Every flag present is overridden: the home programme starts before the assessment."
        else:
            asked = urgency.clinician.en
        flowables.append(
            Paragraph(
                f"<b>REFERRAL REQUIRED ({esc(referral.urgency.upper())}: {esc(urgency.when.en)})</b> "
                f"for the red flags present above. {esc(asked)}",
                styles.body,
            )
        )
        combinations = {c.id: c for c in catalogue.combinations}
        raised = [
            f"{combinations[c].clinician.en} [{c}; {combinations[c].urgency}]" for c in referral.combinations
        ]
        flowables += _labelled_list("Urgency raised by", raised, styles)
    else:
        flowables.append(para("Referral: not required.", styles.body))
    flowables += _labelled_list("Overrides", _override_lines(visit), styles)
    flowables += _labelled_list("Warnings, please re-check", [w.message for w in result.warnings], styles)
    labels = {finding.id: finding.label for finding in result.findings}
    deferred = [labels[f] for f in result.deferred_findings]
    if deferred:
        flowables.append(_inline("Deferred findings (no room in the plan)", deferred, styles))
    strength = [_complaint_name(visit.complaints[i], i) for i in result.deferred_strength]
    if strength:
        flowables.append(_inline("Deferred strengthening (no room in the plan)", strength, styles))
    next_screens = [s.replace("_", " ") for s in result.next_screens] or ["none"]
    line = _inline("Next screens", next_screens, styles)
    if not result.plan_allowed:  # said here, on a line of its own it would be a section with no body
        reason = "referral" if result.referral.required else "red-flag checklist not done"
        line = Paragraph(f"{line.text} <b>Plan: no home programme ({reason}).</b>", styles.body)
    flowables.append(line)
    return flowables


def _override_lines(visit: Visit) -> list[str]:
    """Each override with its reason, and whether it stands with the other entries of the visit."""
    flags = load_catalogue().red_flags
    problems = {p.path: p.message for p in override_problems(visit)}
    lines = []
    for index, override in enumerate(visit.red_flag_overrides or ()):
        problem = problems.get(f"red_flag_overrides[{index}].id")
        status = f"NOT IN FORCE ({problem})" if problem else "in force"
        flag = flags[override.id].clinician.en.rstrip(".")
        lines.append(f"{flag} [{override.id}]: {status}. Reason: {override.reason}")
    return lines


def _labelled_list(label: str, items: Sequence[str], styles: Stylesheet) -> list[Flowable]:
    """A bold label and its items as bullets, kept together (the lists are short)."""
    if not items:
        return []
    return [KeepTogether([Paragraph(f"<b>{esc(label)}:</b>", styles.body), *bullets(items, styles.bullet)])]


def _inline(label: str, items: Sequence[str], styles: Stylesheet) -> Paragraph:
    """A bold label and short items on one line: "Next screens: hip mobility, ankle mobility."."""
    return Paragraph(f"<b>{esc(label)}:</b> {esc('; '.join(items))}.", styles.body)


def _complaint_name(complaint: Complaint, index: int) -> str:
    side = "" if complaint.side.value == "central" else f" ({complaint.side.value})"
    return f"complaint {index + 1}: {_region(complaint)}{side}"


def _plan(visit: Visit, result: TriageResult, styles: Stylesheet) -> list[Flowable]:
    """The plan under its heading; without a home programme, nothing (the decision says so and why)."""
    if not result.plan_allowed:
        return []
    return _section(_plan_heading(visit, result), _plan_table(visit, result, styles), styles)


def _plan_heading(visit: Visit, result: TriageResult) -> str:
    heading = "Plan (set by the clinician)" if visit.plan is not None else "Plan (as proposed by the rules)"
    if result.referral.required:
        heading += ", printed after the referral letter (every flag overridden)"
    return heading


def _plan_table(visit: Visit, result: TriageResult, styles: Stylesheet) -> list[Flowable]:
    """The plan, and under it any note too long for its cell."""
    items = plan_items(visit, result)
    if not items:
        return [para("No exercises.", styles.body)]
    rows: list[list[Cell]] = [
        ["#", "Exercise", "Side", "Dose", "For findings or complaints", "Plan rules", "Note"]
    ]
    labels = {finding.id: finding.label for finding in result.findings}
    long_notes: list[Flowable] = []
    for item in items:
        label = f"Note on exercise {item.number} ({item.exercise.name}, {item.side.value})"
        note, below = _note(item.note, label, styles)
        rows.append([*_plan_row(item, labels, visit), note])
        long_notes += below
    return [_table(rows, [14, 108, 36, 96, 100, 100, None], styles), *long_notes]


def _plan_row(item: PlanItem, labels: dict[str, str], visit: Visit) -> list[Cell]:
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
        _plan_reasons(item, labels, visit),
        origin,
    ]


def _plan_reasons(item: PlanItem, labels: dict[str, str], visit: Visit) -> str:
    """What an exercise is for: its findings, or (strengthening) the complaints it serves."""
    if item.for_findings:
        return ", ".join(labels[finding] for finding in item.for_findings)
    complaints = [_complaint_name(visit.complaints[i], i) for i in item.for_complaints]
    return ", ".join(complaints) or DASH
