"""The home-exercise handout: what the patient takes home and follows alone.

In order: who it is for; what we found, in plain words and tied to the patient's own complaints;
when to stop and call (read first, on the first page); a 14-day log to tick, dated from the visit,
with the next visit to write in; on a follow-up, what changed in the plan since the last visit;
the exercises: the rules for all of them, then one card per exercise (picture, side, dose,
numbered steps, what not to do). The log goes under the stop box when it fits on the first page
(one sheet for the fridge), else it ends the handout. docs/findings/handout-pages.md says why the
pages are laid out so, and how many a plan takes.

When to stop is one short list for the whole plan (at most six signs, most dangerous first), not
every exercise's warnings one after the other: each exercise names its signs by id and the list is
gathered from them (documents.wording.stop_signs_for). Boxes and cards are never split across
pages and a heading never ends one.

Findings the plan had no room for (deferred) are left out: the patient reads about what they are
asked to work on. When the therapist overrode a referral, this handout follows the letter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable

from clinic_app.catalogue import load_catalogue
from clinic_app.documents.changes import PlanChange
from clinic_app.documents.checks import require_patient_document
from clinic_app.documents.flowables import (
    Chip,
    ChipRow,
    ExerciseCard,
    KeepWhole,
    LogDay,
    LogRow,
    Stack,
    TickLog,
    WriteIn,
    boxed,
    first_page_if_room,
)
from clinic_app.documents.illustrations import Picture, picture_source
from clinic_app.documents.layout import Part, RenderedPdf, build_pdf
from clinic_app.documents.model import DocumentRequest, PlanItem, hidden_findings, plan_items
from clinic_app.documents.notes import inline_note
from clinic_app.documents.paragraphs import paragraph
from clinic_app.documents.parts import (
    bullets,
    capitalised,
    complaint_phrase,
    esc,
    numbered,
    para,
    patient_facts,
    patient_page_setup,
)
from clinic_app.documents.styles import Stylesheet, patient_stylesheet
from clinic_app.documents.wording import Words, stop_signs_for, words
from clinic_app.domain import Language, Side
from clinic_app.errors import ClinicError
from clinic_app.exercises import load_library
from clinic_app.triage import Finding, Link

LOG_DAYS = 14
# Fourteen day columns are narrow: up to this many boxes a day stack in one; more need a week a row.
STACKED_BOXES = 3
AVOID_MARK = "✗"


class ReferralRequiredError(ClinicError):
    """A handout with exercises was asked for a visit with red flags: print the referral letter."""


def render_handout(request: DocumentRequest) -> RenderedPdf:
    """The handout alone as a finished PDF.

    Refuses a visit without the checklist (InvalidInput) and one with a red flag standing: that
    gets a letter instead.
    """
    require_patient_document(request)
    part = handout_part(request)
    return build_pdf(part.story, part.setup)


def handout_part(request: DocumentRequest) -> Part:
    """The handout's story and page furniture, to print alone or after the referral letter."""
    if not request.plan_allowed:
        raise ReferralRequiredError("red flags are present: print the referral letter, not exercises")
    language_words = words(request.language)
    styles = patient_stylesheet(request.large_print)
    items = plan_items(request.visit, request.result)
    log_here, log_otherwise = _log_places(request, items, language_words, styles)
    found = _what_we_found(request, language_words, styles)
    stop = _stop_box(request, items, language_words, styles)
    # The stop box is read first, on the first page: in large print the first page has no room
    # for it after what we found, so it comes before.
    first = [*stop, *found] if styles.large_print else [*found, *stop]
    story: list[Flowable] = [
        paragraph(esc(language_words.handout.title), styles.title),
        patient_facts(request, language_words, styles),
        *first,
        *log_here,
        *_changes_box(request, items, language_words, styles),
        *_exercises(request, items, language_words, styles),
        *log_otherwise,
    ]
    setup = patient_page_setup(
        request, language_words.handout.title, footer_note=request.clinic.footer_in(request.language)
    )
    return Part(story, setup)


# What changed since last time ----------------------------------------------------------------------


def _changes_box(
    request: DocumentRequest, items: Sequence[PlanItem], language_words: Words, styles: Stylesheet
) -> list[Flowable]:
    """On a follow-up, what changed in the plan since the last visit, just before the exercises it
    is about. After the stop box, which is read first and stays on the first page. Whole on one
    page, like the other boxes."""
    if request.changes is None:
        return []
    text = language_words.handout.changes
    lines = [change_line(change, request, items, language_words) for change in request.changes]
    rows: list[Flowable] = [paragraph(esc(text.heading), styles.subheading)]
    if lines:
        rows += [paragraph(line, styles.bullet, bulletText="•") for line in lines]
    else:
        rows.append(para(text.same, styles.body))
    return [
        KeepWhole(
            [
                boxed(
                    rows,
                    styles,
                    border=styles.palette.accent,
                    fill=styles.palette.tint,
                    line_width=styles.box_line,
                    repeat_heading=True,
                )
            ]
        )
    ]


def change_line(
    change: PlanChange, request: DocumentRequest, items: Sequence[PlanItem], language_words: Words
) -> str:
    """One change in plain words, as paragraph markup: the exercise in bold, named as on its card,
    then each dose that moved, now and before ("Hold 45 seconds (before: 30)")."""
    text = language_words.handout.changes
    library = load_library().exercises
    numbers = {(item.exercise.id, item.side): item.number for item in items}

    def named(exercise_id: str, side: Side) -> str:
        name = library[exercise_id].text[request.language].name
        number = numbers.get((exercise_id, side))
        return f"<b>{esc(f'{number}. {name}' if number else name)}</b>"

    template = getattr(text, change.kind)
    line = esc(template).format(
        exercise=named(change.exercise, change.side),
        replaced=named(change.replaced, change.side) if change.replaced else "",
    )
    handout = language_words.handout
    exercise = library[change.exercise]
    both = change.side is Side.BOTH or (exercise.per_side and change.side is Side.CENTRAL)
    reps = handout.reps_each_side if both else handout.reps
    phrases = {"hold_s": handout.hold, "reps": reps, "sets": handout.sets, "per_day": handout.per_day}
    doses = [
        f"{language_words.count(phrases[name], now)} {text.before.format(was=was)}"
        for name, was, now in change.dose_changes()
    ]
    return " ".join([line, *(esc(dose + ".") for dose in doses)])


# What we found ------------------------------------------------------------------------------------


def _what_we_found(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> list[Flowable]:
    text = language_words.handout
    result = request.result
    hidden = hidden_findings(request.visit, result)
    flowables: list[Flowable] = [
        paragraph(esc(text.found_heading), styles.heading),
    ]
    if not result.findings:
        flowables.append(para(text.nothing_found, styles.body))
    for complaint_indexes in _complaints_grouped_by_cause(request, hidden):
        flowables += _complaint_group(request, complaint_indexes, hidden, language_words, styles)
    linked = {link.finding for link in result.links}
    additional = [f for f in result.findings if f.id not in linked and f.id not in hidden]
    if additional:
        flowables.append(paragraph(esc(text.also_found), styles.subheading))
        flowables += bullets([_finding_sentence(f, request.language) for f in additional], styles.bullet)
    return flowables


def _complaints_grouped_by_cause(request: DocumentRequest, hidden: frozenset[str]) -> list[list[int]]:
    """Complaints with the same explanation share one heading ("Your neck pain and headaches").

    A complaint explained only by findings left out of the handout is left out with them.
    """
    result = request.result
    groups: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for index in range(len(request.visit.complaints)):
        links = result.links_of_complaint(index)
        shown = _shown_links(links, hidden)
        if links and not shown:
            continue
        cause = tuple((link.finding, link.rule) for link in shown)
        groups.setdefault(cause, []).append(index)
    return list(groups.values())


def _shown_links(links: Sequence[Link], hidden: frozenset[str]) -> list[Link]:
    return [link for link in links if link.finding not in hidden]


def _complaint_group(
    request: DocumentRequest,
    indexes: list[int],
    hidden: frozenset[str],
    language_words: Words,
    styles: Stylesheet,
) -> list[Flowable]:
    language = request.language
    complaints = request.visit.complaints
    names = language_words.join([complaint_phrase(complaints[i], language) for i in indexes])
    heading = capitalised(language_words.complaint.heading.format(complaint=names))
    flowables: list[Flowable] = [paragraph(esc(heading), styles.subheading)]
    links = _shown_links(request.result.links_of_complaint(indexes[0]), hidden)
    if not links:
        return [*flowables, para(language_words.handout.unexplained, styles.body)]
    catalogue = load_catalogue()
    rules = {rule.id: rule for rule in catalogue.links}
    for link in links:
        finding = request.result.finding(link.finding)
        because = rules[link.rule].patient[language]
        flowables.append(
            paragraph(
                f"<b>{esc(_finding_sentence(finding, language))}</b> {esc(because)}",
                styles.bullet,
                bulletText="•",
            )
        )
    return flowables


def _finding_sentence(finding: Finding, language: Language) -> str:
    definition = load_catalogue().findings[finding.key].definition
    return definition.patient[language][finding.side]


# Exercises -----------------------------------------------------------------------------------------


def _exercises(
    request: DocumentRequest, items: Sequence[PlanItem], language_words: Words, styles: Stylesheet
) -> list[Flowable]:
    """The heading and the rules for every exercise, then one card per exercise.

    The heading opens with the rules (it never ends a page alone), so the first card may start
    the next page: two cards fill a page, and the first page holds what we found and the boxes.
    """
    text = language_words.handout
    heading = paragraph(esc(text.exercises_heading), styles.heading)
    if not items:
        return [heading, para(text.no_exercises, styles.body)]
    # Which complaints an exercise is for is said on its card, unless every card is for every
    # complaint of the visit: then each card would repeat what "What we found" already says.
    every_complaint = tuple(range(len(request.visit.complaints)))
    say_complaints = any(item.for_complaints != every_complaint for item in items)
    cards = [_card(request, item, language_words, styles, say_complaints=say_complaints) for item in items]
    return [KeepWhole([heading, _before_you_start(language_words, styles)]), *cards]


def _before_you_start(language_words: Words, styles: Stylesheet) -> Flowable:
    """The rules for every exercise, read once before the cards rather than on every card.

    Whole on one page: a box that went on over the page would be read as two.
    """
    text = language_words.handout
    rows = [paragraph(esc(text.rules_heading), styles.subheading), *bullets(text.rules, styles.bullet)]
    return boxed(
        rows,
        styles,
        border=styles.palette.accent,
        fill=styles.palette.tint,
        line_width=styles.box_line,
        repeat_heading=True,
    )


def _card(
    request: DocumentRequest,
    item: PlanItem,
    language_words: Words,
    styles: Stylesheet,
    *,
    say_complaints: bool,
) -> ExerciseCard:
    text = language_words.handout
    exercise_text = item.exercise.text[request.language]
    title = paragraph(f"{item.number}.&nbsp;&nbsp;{esc(exercise_text.name)}", styles.card_title)
    picture = Picture(
        picture_source(item.exercise, side=item.side),
        styles.picture_width,
        frame_color=styles.palette.grid,
        frame_width=0.5,
    )
    why = f"<b>{esc(text.why)}</b> {esc(exercise_text.purpose)}"
    if say_complaints and item.for_complaints:
        complaints = request.visit.complaints
        names = language_words.join(
            [complaint_phrase(complaints[i], request.language) for i in item.for_complaints]
        )
        why += f" {esc(text.helps_with.format(complaints=names))}"
    body: list[Flowable] = [
        paragraph(why, styles.card_text),
        *numbered(exercise_text.steps, styles.numbered),
        # What not to do, marked ✗ and each saying "Do not…" (no label over them), as one: beside the
        # picture or under it, never half and half.
        Stack(
            bullets(exercise_text.avoid, styles.bullet, mark=AVOID_MARK), space_before=styles.body_size * 0.5
        ),
    ]
    if item.note:
        body.append(inline_note(text.note, text.note_continued, item.note, styles.card_text))
    chips = ChipRow(_dose_chips(item, language_words), styles)
    return ExerciseCard(title, text.side[item.side], chips, picture, body, styles)


def _dose_chips(item: PlanItem, language_words: Words) -> list[Chip]:
    """The dose as separate phrases: hold (for held exercises), repeats, sets, times a day.

    An exercise done on both sides, one at a time, repeats on each side, and says so.
    """
    text = language_words.handout
    dosing = item.dosing
    chips = []
    if dosing.hold_s is not None:
        chips.append(Chip(language_words.count(text.hold, dosing.hold_s)))
    reps = text.reps_each_side if each_side(item) else text.reps
    chips += [
        Chip(language_words.count(reps, dosing.reps)),
        Chip(language_words.count(text.sets, dosing.sets)),
        Chip(language_words.count(text.per_day, dosing.per_day)),
    ]
    return chips


def each_side(item: PlanItem) -> bool:
    """Done on both sides, one at a time: the side both, or a one-sided exercise with no side given."""
    return item.side is Side.BOTH or (item.exercise.per_side and item.side is Side.CENTRAL)


# Stop, log, contact ---------------------------------------------------------------------------------


def stop_signs(request: DocumentRequest, items: Sequence[PlanItem]) -> list[str]:
    """The stop box's list, in the document's language: the plan's signs, most dangerous first."""
    words_for_signs = words(request.language).handout.stop_signs
    return [words_for_signs[sign] for sign in stop_signs_for(item.exercise for item in items)]


def _stop_box(
    request: DocumentRequest, items: Sequence[PlanItem], language_words: Words, styles: Stylesheet
) -> list[Flowable]:
    """When to stop and call the clinic, then when to call the emergency number: one box, whole."""
    text = language_words.handout
    rows: list[Flowable] = [
        paragraph(esc(text.stop_heading), styles.warn_heading),
        *bullets(stop_signs(request, items), styles.bullet),
    ]
    phone = request.clinic.phone.strip()
    if phone:
        rows.append(paragraph(f"<b>{esc(text.call_us.format(phone=phone))}</b>", styles.body))
    emergency = text.emergency.format(emergency_number=request.clinic.emergency_number.strip())
    rows.append(paragraph(f"<b>{esc(emergency)}</b>", styles.body))
    # Whole on one page (a list of at most six is short); the heading would start a second part.
    return [
        KeepWhole(
            [
                boxed(
                    rows,
                    styles,
                    border=styles.palette.warn,
                    fill=styles.palette.warn_tint,
                    repeat_heading=True,
                )
            ]
        )
    ]


def log_days(request: DocumentRequest) -> list[dt.date]:
    """The log's fourteen days, from the visit date."""
    start = request.visit.visit.date
    return [start + dt.timedelta(days=n) for n in range(LOG_DAYS)]


def _log_day(day: dt.date, language_words: Words) -> LogDay:
    return LogDay(
        month=capitalised(language_words.date_part(day, "LLLL")),
        month_short=capitalised(language_words.date_part(day, "LLL")),
        weekday=capitalised(language_words.date_part(day, "ccc")),
        weekday_short=language_words.date_part(day, "cccccc").capitalize(),
        day=language_words.date_part(day, "d"),
    )


def _log_places(
    request: DocumentRequest, items: Sequence[PlanItem], language_words: Words, styles: Stylesheet
) -> tuple[list[Flowable], list[Flowable]]:
    """Where the log goes: under the stop box if all of it fits on the first page, else last.

    Whole, either way. On the first page the signs to stop and the boxes ticked every day make one
    sheet for the fridge, and the pages after it hold only the exercises. Without exercises there
    is no log: the contact, with a heading of its own, ends the handout.
    """
    if not items:
        return [], [KeepWhole(_contact(request, language_words, styles, heading=True))]
    here, otherwise = first_page_if_room(_log_and_contact(request, items, language_words, styles))
    return [here], [otherwise]


def _log_and_contact(
    request: DocumentRequest, items: Sequence[PlanItem], language_words: Words, styles: Stylesheet
) -> list[Flowable]:
    """The log to tick, dated from the visit, the next visit to write in, and how to book it."""
    text = language_words.handout
    language = request.language
    rows = [
        LogRow(
            f"{item.number}. {item.exercise.text[language].name}",
            language_words.count(text.per_day, item.dosing.per_day),
            item.dosing.per_day,
        )
        for item in items
    ]
    days = [_log_day(day, language_words) for day in log_days(request)]
    # The next visit under the last rows, going over a page with them, never alone.
    contact = Stack(_contact(request, language_words, styles, heading=False))
    if max(item.dosing.per_day for item in items) > STACKED_BOXES:
        # More boxes a day than stack in a narrow column: one week under the other, in columns
        # wide enough for the boxes side by side at full size.
        grids = [
            TickLog(rows, days[:7], text.log_week.format(n=1), styles),
            TickLog(rows, days[7:], text.log_week.format(n=2), styles, footer=contact),
        ]
    else:
        grids = [TickLog(rows, days, text.log_exercise, styles, footer=contact)]
    heading = [paragraph(esc(text.log_heading), styles.heading), para(text.log_intro, styles.body)]
    return [*heading, *grids]


def _contact(
    request: DocumentRequest, language_words: Words, styles: Stylesheet, *, heading: bool
) -> list[Flowable]:
    """The next visit to write in, how to book it, and (on its own, after no exercises) whom to call
    with questions."""
    text = language_words.handout
    clinic = request.clinic
    phone, email, booking = clinic.phone.strip(), clinic.email.strip(), clinic.booking_in(request.language)
    lines: list[Flowable] = [paragraph(esc(text.contact_heading), styles.heading)] if heading else []
    lines.append(WriteIn(text.next_visit, styles))
    if booking:
        lines.append(para(booking, styles.body))
    elif phone:
        lines.append(para(text.book_by_phone.format(phone=phone), styles.body))
    else:
        lines.append(para(text.book_ask, styles.body))
    if not heading:
        # Under the log, "Questions? Call us" would repeat the stop box's number and every page's
        # footer (phone and email).
        return lines
    ask = [f"<b>{esc(text.questions.format(phone=phone))}</b>"] if phone else []
    if email:
        ask.append(esc(text.email_us.format(email=email)))
    if ask:
        lines.append(paragraph(" ".join(ask), styles.body))
    return lines
