"""The progress report: an episode of care for the referring doctor or the payer, in clinician English.

It says why the patient came and who referred them, lists the visits, gives each outcome measure
with its first and latest value, the change and whether it reaches the minimal clinically important
difference (MCID, with its source), and draws a chart per measure (vector graphics, clinic_app.
documents.charts); then every screening result over the visits, the goals and whether each is
met, the current plan with what changed since the visit before, and a signature block.

Plain data in (ProgressReportRequest), PDF bytes out; deterministic: the PDF's date is the latest
visit's, so printing it again gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from clinic_app.documents.charts import ChartPoint, Scale, line_chart
from clinic_app.documents.checks import clinic_problems
from clinic_app.documents.flowables import Signature
from clinic_app.documents.fonts import BOLD, missing_glyphs
from clinic_app.documents.layout import PAGE_SIZES, PageSetup, RenderedPdf, build_pdf
from clinic_app.documents.paragraphs import paragraph
from clinic_app.documents.parts import esc, fact_cells, para
from clinic_app.documents.styles import Stylesheet, stylesheet, table_style
from clinic_app.documents.text_table import TextTable
from clinic_app.documents.wording import words
from clinic_app.domain import ClinicProfile, Goal, Language, PaperSize, Patient, Prescription, Visit
from clinic_app.errors import InvalidInput, Problem
from clinic_app.exercises import load_library
from clinic_app.progress import EpisodeProgress, GoalProgress, MeasureSeries, ScreenSeries

TITLE = "Progress report"
DASH = "—"
ARROW = "→"
TIMES = "\u00d7"  # the multiplication sign: "no x3" printed with it, three visits in a row
CHARTS_PER_ROW = 2


@dataclass(frozen=True, slots=True)
class ProgressReportRequest:
    """One progress report: the patient, their episode's progress, who signs, and how to print."""

    patient: Patient
    progress: EpisodeProgress
    clinic: ClinicProfile = field(default_factory=ClinicProfile)
    paper: PaperSize = PaperSize.LETTER
    signed_by: str | None = None  # the clinician who signs: name and licence; else the last visit's
    mcid_sources: bool = True  # cite the source of each MCID under the measures table

    @property
    def report_date(self) -> dt.date:
        """The date the report speaks for: a discharged episode's discharge; else the episode's
        latest visit (its start without visits)."""
        ended = self.progress.episode.discharge_date
        if ended is not None:
            return ended
        visits = self.progress.visits
        return visits[-1].visit.date if visits else self.progress.episode.start_date


def render_progress_report(request: ProgressReportRequest) -> RenderedPdf:
    """The report as PDF bytes; InvalidInput (nothing built) without the clinic's name, phone and
    emergency number, or with a character no shipped font can draw."""
    require_progress_report(request)
    styles = stylesheet("chart")
    progress = request.progress
    story: list[Flowable] = [
        paragraph(TITLE, styles.title),
        episode_facts(request, styles),
        *course_of_care(request, styles, final=False),
        # The plan and the signature on one page: a signature alone on a page could be put under anything.
        KeepTogether(
            [*section("Current plan", _plan(progress.visits, styles), styles), signature(request, styles)]
        ),
    ]
    return build_pdf(story, report_setup(request, TITLE, styles))


def course_of_care(request: ProgressReportRequest, styles: Stylesheet, *, final: bool) -> list[Flowable]:
    """The episode's visits, outcome measures with their charts, PSFS activities, screening results
    and goals: the body the progress report and the discharge summary share (`final`: goals judged
    at discharge)."""
    progress = request.progress
    return [
        *section("Visits", visits_table(progress.visits, styles), styles),
        *section(
            "Outcome measures", measures_section(progress.measures, styles, request.mcid_sources), styles
        ),
        *activities_section(progress.visits, styles),
        *section("Screening results over the visits", screens_table(progress.screens, styles), styles),
        *section("Goals", goals_table(progress.goals, styles, final=final), styles),
    ]


def report_setup(request: ProgressReportRequest, title: str, styles: Stylesheet) -> PageSetup:
    """The page furniture of a report over an episode, dated by its latest visit."""
    english, patient, day = words(Language.EN), request.patient, request.report_date
    return PageSetup(
        paper=request.paper,
        styles=styles,
        clinic=request.clinic,
        title=title,
        running_header=f"{title}  ·  {patient.full_name} (MRN {patient.mrn})  ·  {english.date(day)}",
        page_label=english.common.page,
        visit_date=day,
        visit_date_text=english.date(day),
    )


def require_progress_report(request: ProgressReportRequest) -> None:
    problems = clinic_problems(request.clinic)
    for path, text in _printed_texts(request):
        missing = missing_glyphs(text)
        if missing:
            problems.append(
                Problem(path, f"{', '.join(f'U+{ord(ch):04X}' for ch in missing)} cannot be printed")
            )
    if problems:
        raise InvalidInput(problems)


def _printed_texts(request: ProgressReportRequest) -> Iterator[tuple[str, str]]:
    patient, episode = request.patient, request.progress.episode
    yield "patient.given_name", patient.given_name
    yield "patient.family_name", patient.family_name
    yield "patient.mrn", patient.mrn
    if episode.reason:
        yield "episode.reason", episode.reason
    if episode.referred_by:
        yield "episode.referred_by", episode.referred_by
    for index, goal in enumerate(episode.goals):
        yield f"episode.goals[{index}].target", str(goal.target)
        if goal.activity:
            yield f"episode.goals[{index}].activity", goal.activity
    if request.signed_by:
        yield "signed_by", request.signed_by
    for visit in request.progress.visits:
        if visit.visit.clinician:
            yield "visit.clinician", visit.visit.clinician
        for entry in visit.plan or ():
            if entry.note:
                yield "plan.note", entry.note
        for record in visit.outcomes or ():
            for activity in record.activities or ():
                yield "outcomes.activities", activity
    yield "clinic.name", request.clinic.name
    yield "clinic.address", request.clinic.address


# ---- layout pieces ------------------------------------------------------------------------------------


def section(heading: str, body: Sequence[Flowable], styles: Stylesheet) -> list[Flowable]:
    return [paragraph(esc(heading), styles.heading), *body]


def ruled_table(
    rows: Sequence[Sequence[str | Flowable]],
    widths: Sequence[float | None],
    styles: Stylesheet,
) -> Table:
    """A ruled table; the first row is the header (repeated when the table breaks across pages).

    Text that fits its column on one line is drawn as table text, and only longer text as a
    paragraph that wraps: a report of twenty visits lays out hundreds of cells, and a paragraph
    costs many times a string.
    """
    # The column left to take the rest of the line: as wide as it is on the narrower paper, A4.
    rest = _content_width(styles) - sum(width or 0 for width in widths)
    measured = [rest if width is None else width for width in widths]
    cells = [
        [_cell(cell, width, styles, bold=index == 0) for cell, width in zip(row, measured, strict=True)]
        for index, row in enumerate(rows)
    ]
    header, body = _cell_styles(styles)
    # One style object shared by the header's cells and one by the others: set once here rather
    # than command by command for every cell, and the text of a table is written with one font
    # and colour change between header and body instead of one per cell.
    shared = [[header] * len(measured), *([body] * len(measured) for _ in cells[1:])]
    table = TextTable(cells, colWidths=measured, repeatRows=1, hAlign="LEFT", cellStyles=shared)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), styles.box_line * 1.5, styles.palette.accent),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, styles.palette.grid),
                ("BACKGROUND", (0, 0), (-1, 0), styles.palette.tint),
            ]
        )
    )
    return table


def _cell_styles(styles: Stylesheet) -> tuple[CellStyle, CellStyle]:
    """The header's cell style and the body's: the cell text's size and colour, top aligned, in
    the document's font (bold for the header), with narrow padding."""
    cell = styles.cell
    made = []
    for name, font in (("header", BOLD), ("body", cell.fontName)):
        style = CellStyle(name)
        style.fontname, style.fontsize, style.leading, style.color = (
            font,
            cell.fontSize,
            cell.leading,
            cell.textColor,
        )
        style.valign = "TOP"
        style.leftPadding = style.rightPadding = CELL_PADDING / 2
        style.topPadding, style.bottomPadding = 1.5, 2
        made.append(style)
    return made[0], made[1]


CELL_PADDING = 6  # left and right, as _table sets them


def _cell(cell: str | Flowable, width: float, styles: Stylesheet, *, bold: bool) -> str | Flowable:
    """Text as it is when it fits its column on one line; a paragraph that wraps otherwise."""
    if not isinstance(cell, str):
        return cell
    style = styles.cell_bold if bold else styles.cell
    fits = stringWidth(cell, style.fontName, style.fontSize) <= width - CELL_PADDING
    return cell if fits and "\n" not in cell else para(cell, style)


def episode_facts(request: ProgressReportRequest, styles: Stylesheet) -> Table:
    patient, episode, visits = request.patient, request.progress.episode, request.progress.visits
    ended = f"discharged {episode.discharge_date.isoformat()}" if episode.discharge_date else "open"
    pairs = [
        ("Patient", patient.full_name),
        ("MRN", patient.mrn),
        ("Birth date", patient.birth_date.isoformat() if patient.birth_date else DASH),
        ("Referred by", episode.referred_by or "not recorded"),
        ("Episode", f"from {episode.start_date.isoformat()}, {ended}"),
        ("Visits", f"{len(visits)}, the latest on {visits[-1].visit.date.isoformat()}" if visits else "none"),
    ]
    rows = [
        [*fact_cells(pairs[i], styles), *fact_cells(pairs[i + 1], styles)] for i in range(0, len(pairs), 2)
    ]
    rows.append(
        [para("Reason", styles.cell), para(episode.reason or "not recorded", styles.cell_bold), "", ""]
    )
    table = Table(rows, colWidths=[62, None, 62, None], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def visits_table(visits: Sequence[Visit], styles: Stylesheet) -> list[Flowable]:
    if not visits:
        return [para("No visit in this episode yet.", styles.body)]
    rows: list[list[str | Flowable]] = [["#", "Date", "Clinician", "Status", "Complaints (pain 0-10)"]]
    for number, visit in enumerate(visits, start=1):
        complaints = "; ".join(
            f"{c.region.value.replace('_', ' ')} {c.side.value}"
            + (f" {c.pain}/10" if c.pain is not None else "")
            for c in visit.complaints
        )
        status = visit.visit.status.value if visit.visit.status else DASH
        rows.append(
            [
                str(number),
                visit.visit.date.isoformat(),
                visit.visit.clinician or DASH,
                status,
                complaints or DASH,
            ]
        )
    return [ruled_table(rows, [20, 58, 150, 40, None], styles)]


def measures_section(series: Sequence[MeasureSeries], styles: Stylesheet, sources: bool) -> list[Flowable]:
    if not series:
        return [para("No outcome measure was recorded in this episode.", styles.body)]
    rows: list[list[str | Flowable]] = [["Measure", "First", "Latest", "Change", "MCID", "Meaning"]]
    for item in series:
        first, last = item.points[0], item.points[-1]
        rows.append(
            [
                f"{item.name} (0-{item.measure.max_score:g}, {item.better} is better)",
                f"{first.value:g} ({first.date.isoformat()})",
                f"{last.value:g} ({last.date.isoformat()})",
                f"{item.change:+g}",
                f"{item.mcid:g}",
                paragraph(_verdict(item, styles), styles.cell),
            ]
        )
    flowables: list[Flowable] = [ruled_table(rows, [150, 80, 80, 44, 34, None], styles)]
    if sources:
        cited = {item.measure.id: item.measure for item in series}
        notes = [f"<b>{esc(m.name.en)}</b>: {esc(m.mcid.source)}" for m in cited.values()]
        flowables.append(paragraph("MCID sources. " + " ".join(notes), styles.cell))
    flowables += _chart_grid([_measure_chart(item, styles) for item in series], styles)
    return flowables


def _verdict(item: MeasureSeries, styles: Stylesheet) -> str:
    if len(item.points) < 2:
        return "one value so far"
    if item.meaningful:
        return f'<font color="{styles.palette.accent.hexval()}"><b>meaningful improvement</b></font> (reaches the MCID)'
    if item.worsened:
        return f'<font color="{styles.palette.warn.hexval()}"><b>meaningful worsening</b></font> (by the MCID or more)'
    return "change below the MCID"


def _measure_chart(item: MeasureSeries, styles: Stylesheet) -> list[Flowable]:
    first = item.points[0].value
    sign = 1 if item.better == "higher" else -1
    points = [
        ChartPoint(p.date, p.value, marked=index > 0 and sign * (p.value - first) >= item.mcid)
        for index, p in enumerate(item.points)
    ]
    top = item.measure.max_score
    chart = line_chart(
        points,
        Scale(0, top, _step_for(top)),
        styles,
        width=_chart_width(styles),
        height=styles.body_size * 14,
        threshold=first + sign * item.mcid,
    )
    caption = paragraph(
        f"<b>{esc(item.name)}</b>. Dashed: the first value {'plus' if sign > 0 else 'minus'} the MCID ({item.mcid:g}); "
        "a filled point has changed from the first by the MCID or more.",
        styles.cell,
    )
    return [caption, chart]


def _step_for(top: float) -> float:
    return 2 if top <= 10 else 10 if top <= 50 else 20


def _content_width(styles: Stylesheet) -> float:
    """The width between the margins on the narrower of the papers (A4)."""
    return float(min(size[0] for size in PAGE_SIZES.values()) - 2 * styles.margin)


def _chart_width(styles: Stylesheet) -> float:
    return (_content_width(styles) - styles.gap) / CHARTS_PER_ROW


def _chart_grid(charts: Sequence[list[Flowable]], styles: Stylesheet) -> list[Flowable]:
    """The charts two to a row; a row never breaks across pages."""
    rows = [list(charts[i : i + CHARTS_PER_ROW]) for i in range(0, len(charts), CHARTS_PER_ROW)]
    tables = []
    for row in rows:
        row += [""] * (CHARTS_PER_ROW - len(row))  # type: ignore[list-item]
        table = Table(
            [row], colWidths=[_chart_width(styles) + styles.gap / 2] * CHARTS_PER_ROW, hAlign="LEFT"
        )
        table.setStyle(
            table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        table.spaceBefore = styles.gap * 0.5
        tables.append(table)
    return tables


def activities_section(visits: Sequence[Visit], styles: Stylesheet) -> list[Flowable]:
    """The PSFS activities the patient named, each with its rating at every visit that asked it.

    Left out when no visit named an activity (the PSFS score alone is in the measures table).
    """
    ratings = psfs_activities(visits)
    if not ratings:
        return []
    rows: list[list[str | Flowable]] = [
        ["Activity", "Rated at each visit (0 unable, 10 as before)", "Change"]
    ]
    for activity in ratings:
        values = [f"{value:g}" for _, value in activity.ratings]
        change = activity.change
        shown = DASH if change is None else "no change" if not change else f"{change:+g}"
        rows.append([activity.name, f" {ARROW} ".join(values), shown])
    return section("Patient-specific activities (PSFS)", [ruled_table(rows, [190, None, 58], styles)], styles)


@dataclass(frozen=True, slots=True)
class ActivityRatings:
    """One activity of the patient's PSFS, as first named, and its rating at each visit, oldest first."""

    name: str
    ratings: tuple[tuple[dt.date, int], ...]

    @property
    def change(self) -> int | None:
        """Latest minus first rating; None with one rating."""
        if len(self.ratings) < 2:
            return None
        return self.ratings[-1][1] - self.ratings[0][1]


def psfs_activities(visits: Sequence[Visit]) -> list[ActivityRatings]:
    """Every activity named in the episode's PSFS, in the order first named; the same activity at a
    later visit (letter case and spacing aside) continues its row. An unanswered item is left out."""
    found: dict[str, tuple[str, list[tuple[dt.date, int]]]] = {}
    for visit in visits:
        for record in visit.outcomes or ():
            if record.measure != "psfs" or record.activities is None:
                continue
            for activity, answer in zip(record.activities, record.answers, strict=True):
                _, ratings = found.setdefault(" ".join(activity.casefold().split()), (activity, []))
                if answer is not None:
                    ratings.append((visit.visit.date, answer))
    return [ActivityRatings(name, tuple(ratings)) for name, ratings in found.values() if ratings]


def screens_table(series: Sequence[ScreenSeries], styles: Stylesheet) -> list[Flowable]:
    if not series:
        return [para("No screen was done in this episode.", styles.body)]
    rows: list[list[str | Flowable]] = [["Screen", "At each visit that recorded it", "Change", ""]]
    for item in series:
        values = runs([item.field.shown(p.value) for p in item.points])
        change = item.change
        if change is None:
            shown, direction = DASH, ""
        elif not change:
            shown, direction = "no change", ""
        else:
            unit = item.field.unit if item.field.unit in ("°", "/3") else f" {item.field.unit}"
            shown = f"{change:+g}{unit}"
            direction = "better" if (change > 0) == (item.field.better == "higher") else "worse"
        rows.append([item.field.title, values, shown, direction])
    return [ruled_table(rows, [190, None, 58, 40], styles)]


def goals_table(goals: Sequence[GoalProgress], styles: Stylesheet, *, final: bool = False) -> list[Flowable]:
    """Each goal at every visit and now; `final` at discharge, where a goal not met is not met."""
    if not goals:
        return [para("No goal was set for this episode.", styles.body)]
    rows: list[list[str | Flowable]] = [["Goal", "Target", "By", "At each visit", "Now"]]
    for item in goals:
        checks = runs(["✓" if c.met else "✗" if c.met is False else "·" for c in item.checks])
        not_met, not_judged = ("not met", "not judged") if final else ("not met yet", "not judged yet")
        now = "met" if item.met else not_met if item.met is False else not_judged
        first_met = next((c.date for c in item.checks if c.met), None)
        if first_met is not None:
            now += f" (first on {first_met.isoformat()})"
        rows.append([_goal_name(item.goal), _goal_target(item.goal), item.goal.by.isoformat(), checks, now])
    legend = para(
        f"At each visit, oldest first: ✓ met, ✗ not met, · not judged (the measure not scored); "
        f"{TIMES}3: at three visits in a row.",
        styles.cell,
    )
    return [ruled_table(rows, [150, 110, 58, 90, None], styles), legend]


def runs(values: Sequence[str]) -> str:
    """Values over the visits, each run of one value once with its count: "no x3 -> yes x2 -> no"."""
    groups: list[tuple[str, int]] = []
    for value in values:
        if groups and groups[-1][0] == value:
            groups[-1] = (value, groups[-1][1] + 1)
        else:
            groups.append((value, 1))
    return f" {ARROW} ".join(f"{value} {TIMES}{count}" if count > 1 else value for value, count in groups)


def _goal_name(goal: Goal) -> str:
    if goal.activity is not None:
        return goal.activity
    from clinic_app.outcomes import load_measures

    measure_id, _, region = (goal.measure or "").partition(":")
    name = load_measures()[measure_id].name.en
    return f"{name} ({region.replace('_', ' ')})" if region else name


def _goal_target(goal: Goal) -> str:
    if isinstance(goal.target, str):
        return goal.target
    from clinic_app.outcomes import load_measures

    better = load_measures()[(goal.measure or "").partition(":")[0]].better
    return f"{'at least' if better == 'higher' else 'at most'} {goal.target:g}"


def _plan(visits: Sequence[Visit], styles: Stylesheet) -> list[Flowable]:
    latest = next((v for v in reversed(visits) if v.plan is not None), None)
    if latest is None or not latest.plan:
        return [para("No home programme is recorded in this episode.", styles.body)]
    before = next(
        (v for v in reversed(visits) if v.plan is not None and v.visit.date < latest.visit.date), None
    )
    previous = {(p.exercise, p.side): p for p in (before.plan or ())} if before is not None else {}
    rows: list[list[str | Flowable]] = [
        ["#", "Exercise", "Side", "Dose", f"Since {before.visit.date.isoformat()}" if before else "Since"]
    ]
    for number, entry in enumerate(latest.plan, start=1):
        exercise = load_library().exercises[entry.exercise]
        was = previous.pop((entry.exercise, entry.side), None)
        rows.append(
            [
                str(number),
                exercise.name,
                entry.side.value,
                dose(entry),
                _since(was, entry, before is not None),
            ]
        )
    stopped = [load_library().exercises[p.exercise].name for p in previous.values()]
    flowables: list[Flowable] = [
        para(f"As set on {latest.visit.date.isoformat()}.", styles.cell),
        ruled_table(rows, [16, 170, 44, 150, None], styles),
    ]
    if stopped:
        flowables.append(para(f"Stopped since then: {'; '.join(stopped)}.", styles.cell))
    return flowables


def dose(entry: Prescription) -> str:
    dose = entry.dosing
    hold = f"hold {dose.hold_s} s, " if dose.hold_s else ""
    return f"{hold}{dose.reps} reps x {dose.sets} set{'s' if dose.sets > 1 else ''}, {dose.per_day}x/day"


def _since(was: Prescription | None, now: Prescription, had_plan: bool) -> str:
    if not had_plan:
        return DASH
    if was is None:
        return "new"
    changed = [
        f"{label} {getattr(was.dosing, name)}{unit} {ARROW} {getattr(now.dosing, name)}{unit}"
        for name, label, unit in (
            ("hold_s", "hold", " s"),
            ("reps", "reps", ""),
            ("sets", "sets", ""),
            ("per_day", "per day", ""),
        )
        if getattr(was.dosing, name) != getattr(now.dosing, name)
    ]
    return ", ".join(changed) or "unchanged"


def signature(request: ProgressReportRequest, styles: Stylesheet) -> Table:
    visits = request.progress.visits
    who = request.signed_by or (visits[-1].visit.clinician if visits else None) or DASH
    text = Paragraph(
        f"Clinician: <b>{esc(who)}</b>&nbsp;&nbsp;&nbsp;&nbsp;Date: <b>{request.report_date.isoformat()}</b>",
        styles.body,
    )
    line = Signature(None, [para("Signature", styles.cell)], styles, room=styles.body_size * 2.2)
    table = Table([[text, line]], colWidths=[None, styles.body_size * 24], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    table.spaceBefore = styles.gap
    return table
