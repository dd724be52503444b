"""The home-exercise handout: what the patient takes home and follows alone.

In order: who it is for; what we found, in plain words and tied to the patient's own complaints;
the rules for every exercise and when to stop and call (read first, so on the first page where
they fit); one card per exercise (picture, side, dose, numbered steps, what to avoid); a 14-day log
to tick; how to reach the clinic and book the next visit.

Findings the plan had no room for (deferred) are left out: the patient reads about what they are
asked to work on. When the therapist overrode a referral, this handout follows the letter.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from clinic_app.catalogue import load_catalogue
from clinic_app.documents.checks import require_patient_document
from clinic_app.documents.flowables import Chip, ChipRow, ExerciseCard, LogRow, TickLog, boxed
from clinic_app.documents.illustrations import Picture, illustration
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
from clinic_app.documents.wording import Words, words
from clinic_app.domain import Language
from clinic_app.errors import ClinicError
from clinic_app.triage import Finding, Link

DAYS = range(1, 15)
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
    story: list[Flowable] = [
        paragraph(esc(language_words.handout.title), styles.title),
        patient_facts(request, language_words, styles),
        *_what_we_found(request, language_words, styles),
        *_before_you_start(items, language_words, styles),
        # Whole where it fits on a page; a list too long for any page continues, heading repeated.
        KeepTogether([_stop_box(request, items, language_words, styles)]),
        *_exercises(request, items, language_words, styles),
        *_log(request.language, items, language_words, styles),
        _contact(request, language_words, styles),
    ]
    setup = patient_page_setup(
        request, language_words.handout.title, footer_note=request.clinic.footer_in(request.language)
    )
    return Part(story, setup)


# What we found ------------------------------------------------------------------------------------


def _what_we_found(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> list[Flowable]:
    text = language_words.handout
    result = request.result
    hidden = hidden_findings(request.visit, result)
    flowables: list[Flowable] = [
        paragraph(esc(text.found_heading), styles.heading),
        para(text.found_intro, styles.body),
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
    text = language_words.handout
    heading = paragraph(esc(text.exercises_heading), styles.heading)
    if not items:
        return [heading, para(text.no_exercises, styles.body)]
    cards = [_card(request, item, language_words, styles) for item in items]
    return [KeepTogether([heading, cards[0]]), *cards[1:]]


def _before_you_start(items: Sequence[PlanItem], language_words: Words, styles: Stylesheet) -> list[Flowable]:
    """The rules for every exercise, read once on the first page rather than on every card.

    A short list of independent rules: where the page runs out, it may go on over the page.
    """
    if not items:
        return []
    text = language_words.handout
    rows = [paragraph(esc(text.rules_heading), styles.subheading), *bullets(text.rules, styles.bullet)]
    return [
        boxed(
            rows,
            styles,
            border=styles.palette.accent,
            fill=styles.palette.tint,
            line_width=styles.box_line,
            repeat_heading=True,
        )
    ]


def _card(
    request: DocumentRequest, item: PlanItem, language_words: Words, styles: Stylesheet
) -> ExerciseCard:
    text = language_words.handout
    exercise_text = item.exercise.text[request.language]
    title = paragraph(f"{item.number}.&nbsp;&nbsp;{esc(exercise_text.name)}", styles.card_title)
    picture = Picture(
        illustration(item.exercise), styles.picture_width, frame_color=styles.palette.grid, frame_width=0.5
    )
    why = f"<b>{esc(text.why)}</b> {esc(exercise_text.purpose)}"
    if item.for_complaints:
        complaints = request.visit.complaints
        names = language_words.join(
            [complaint_phrase(complaints[i], request.language) for i in item.for_complaints]
        )
        why += f" {esc(text.helps_with.format(complaints=names))}"
    body: list[Flowable] = [
        paragraph(why, styles.card_text),
        *numbered(exercise_text.steps, styles.numbered),
        para(text.avoid, styles.bold),
        *bullets(exercise_text.avoid, styles.bullet, mark=AVOID_MARK),
    ]
    if item.note:
        body.append(inline_note(text.note, text.note_continued, item.note, styles.card_text))
    chips = ChipRow(_dose_chips(item, language_words), styles)
    return ExerciseCard(title, text.side[item.side], chips, picture, body, styles)


def _dose_chips(item: PlanItem, language_words: Words) -> list[Chip]:
    """The dose as separate phrases: hold (for held exercises), repeats, sets, times a day."""
    text = language_words.handout
    dosing = item.dosing
    chips = []
    if dosing.hold_s is not None:
        chips.append(Chip(language_words.count(text.hold, dosing.hold_s)))
    chips += [
        Chip(language_words.count(text.reps, dosing.reps)),
        Chip(language_words.count(text.sets, dosing.sets)),
        Chip(language_words.count(text.per_day, dosing.per_day)),
    ]
    return chips


# Stop, log, contact ---------------------------------------------------------------------------------


def _stop_box(
    request: DocumentRequest, items: Sequence[PlanItem], language_words: Words, styles: Stylesheet
) -> Flowable:
    text = language_words.handout
    warnings = [stop for item in items for stop in item.exercise.text[request.language].stop_if]
    warnings += text.stop_general
    rows: list[Flowable] = [
        paragraph(esc(text.stop_heading), styles.warn_heading),
        *bullets(dict.fromkeys(warnings), styles.bullet),  # each warning once, first mention first
    ]
    phone = request.clinic.phone.strip()
    if phone:
        rows.append(paragraph(f"<b>{esc(text.call_us.format(phone=phone))}</b>", styles.body))
    emergency = text.emergency.format(emergency_number=request.clinic.emergency_number.strip())
    rows.append(paragraph(f"<b>{esc(emergency)}</b>", styles.body))
    # A long list may continue on the next page: the heading then starts that part too.
    return boxed(rows, styles, border=styles.palette.warn, fill=styles.palette.warn_tint, repeat_heading=True)


def _log(
    language: Language, items: Sequence[PlanItem], language_words: Words, styles: Stylesheet
) -> list[Flowable]:
    if not items:
        return []
    text = language_words.handout
    rows = [
        LogRow(
            f"{item.number}. {item.exercise.text[language].name}",
            language_words.count(text.per_day, item.dosing.per_day),
            item.dosing.per_day,
        )
        for item in items
    ]
    if styles.large_print:
        # Fourteen columns of large type do not fit across a page: one week under the other.
        days = list(DAYS)
        grids = [
            TickLog(rows, days[:7], text.log_week.format(n=1), styles),
            TickLog(rows, days[7:], text.log_week.format(n=2), styles),
        ]
    else:
        grids = [TickLog(rows, list(DAYS), text.log_exercise, styles)]
    heading = [paragraph(esc(text.log_heading), styles.heading), para(text.log_intro, styles.body)]
    # One sheet to put on the fridge: the log starts a page unless all of it fits where it is.
    return [KeepTogether([*heading, *grids])]


def _contact(request: DocumentRequest, language_words: Words, styles: Stylesheet) -> Flowable:
    text = language_words.handout
    clinic = request.clinic
    phone, email, booking = clinic.phone.strip(), clinic.email.strip(), clinic.booking_in(request.language)
    lines: list[Flowable] = [paragraph(esc(text.contact_heading), styles.heading)]
    if phone:
        lines.append(paragraph(f"<b>{esc(text.questions.format(phone=phone))}</b>", styles.body))
    if email:
        lines.append(para(text.email_us.format(email=email), styles.body))
    if booking:
        lines.append(para(booking, styles.body))
    elif phone:
        lines.append(para(text.book_by_phone.format(phone=phone), styles.body))
    else:
        lines.append(para(text.book_ask, styles.body))
    return KeepTogether(lines)
