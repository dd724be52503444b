"""How the documents break into pages, measured on the examples and on plans of one to four
exercises, in every print form (Letter and A4, English and Spanish, standard and large print).

A heading never ends a page (it goes over with what it introduces), a card or a box is never split
across pages unless it is taller than a whole page, a handout of up to three exercises (every
example) takes at most three pages, one of four exercises at most four (docs/findings/
handout-pages.md says why not three), large print at most twice as many as standard, the 14-day log
shares the first page with the stop box wherever it fits there, and the chart summary of every
example takes at most two pages. Where things went is recorded while the document is built
(documents.layout.recording), not guessed from the text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from clinic_app.documents import render_patient_document, render_visit_summary
from clinic_app.documents.layout import Placed, recording
from clinic_app.documents.wording import words
from clinic_app.domain import Language, PaperSize, Prescription, Side, Visit
from clinic_app.exercises import load_library
from clinic_app.triage import triage

from .helpers import EXAMPLE_NAMES, KNEE, example, pages_text, request

PAPERS = [PaperSize.LETTER, PaperSize.A4]
HEADINGS = {"heading", "subheading"}
WHOLE = {"ExerciseCard", "Box", "Signature"}  # never split across pages
PRINTS = list(itertools.product(EXAMPLE_NAMES, PAPERS, list(Language)))


def laid_out(
    name: str, paper: PaperSize, language: Language, *, large_print: bool
) -> tuple[list[Placed], tuple[int, ...]]:
    with recording() as placed:
        document = render_patient_document(
            request(example(name), paper=paper, language=language, large_print=large_print)
        )
    return placed, document.part_pages


def headings_ending_a_page(placed: Sequence[Placed]) -> list[str]:
    drawn = [p for p in placed if p.kind != "LCActionFlowable"]
    last_on_page = [
        p for p, after in zip(drawn, [*drawn[1:], None], strict=True) if after is None or after.page != p.page
    ]
    return [f"page {p.page}: {p.text}" for p in last_on_page if p.style in HEADINGS]


@pytest.mark.parametrize(("name", "paper", "language"), PRINTS)
@pytest.mark.parametrize("large_print", [False, True])
def test_no_heading_ends_a_page_and_nothing_whole_is_split(
    name: str, paper: PaperSize, language: Language, large_print: bool
) -> None:
    placed, _ = laid_out(name, paper, language, large_print=large_print)

    assert headings_ending_a_page(placed) == []
    assert split_needlessly(placed) == []


def split_needlessly(placed: Sequence[Placed]) -> list[str]:
    """Cards and boxes broken across pages that would have fitted on one (only one taller than a
    whole page may break: the doctor's part of a large-print letter, a very long note)."""
    return [
        f"page {p.page}: {p.kind}" for p in placed if p.kind in WHOLE and p.split and not p.taller_than_a_page
    ]


@pytest.mark.parametrize(("name", "paper", "language"), PRINTS)
def test_a_handout_of_up_to_three_exercises_takes_at_most_three_pages(
    name: str, paper: PaperSize, language: Language
) -> None:
    visit = example(name)
    exercises = len(triage(visit).exercises)
    _, part_pages = laid_out(name, paper, language, large_print=False)

    assert exercises <= 3 or not triage(visit).plan_allowed
    if triage(visit).plan_allowed:
        assert part_pages[-1] <= 3, f"the handout takes {part_pages[-1]} pages"
    assert all(pages <= 2 for pages in part_pages[:-1]), "a letter before the handout: at most 2 pages"


@pytest.mark.parametrize(("name", "paper", "language"), PRINTS)
def test_large_print_takes_at_most_twice_the_pages(name: str, paper: PaperSize, language: Language) -> None:
    _, standard = laid_out(name, paper, language, large_print=False)
    _, large = laid_out(name, paper, language, large_print=True)

    assert len(large) == len(standard)
    for normal_pages, large_pages in zip(standard, large, strict=True):
        assert large_pages <= 2 * normal_pages, (standard, large)


def test_every_exercise_of_the_library_in_one_plan_still_breaks_cleanly() -> None:
    from .test_handout import every_exercise_visit

    for language, large_print in itertools.product(list(Language), [False, True]):
        with recording() as placed:
            render_patient_document(
                request(every_exercise_visit(), language=language, large_print=large_print)
            )

        assert headings_ending_a_page(placed) == []
        assert split_needlessly(placed) == [], (language, large_print)
        assert last_page_holds_more_than_the_next_visit(placed), (language, large_print)


def last_page_holds_more_than_the_next_visit(placed: Sequence[Placed]) -> bool:
    """The next visit to write in goes over a page with rows of the log (or after a card), never
    alone on the last page."""
    last = max(p.page for p in placed)
    return any(p.kind in {"TickLog", "ExerciseCard"} for p in placed if p.page == last)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_summary_of_every_example_takes_at_most_two_pages(name: str) -> None:
    with recording() as placed:
        pdf = render_visit_summary(request(example(name)))

    assert len(pages_text(pdf)) <= 2
    assert headings_ending_a_page(placed) == []


# Plans of one to four exercises: the library's first ones, on the sides a therapist would give
# (a one-sided stretch on the knee's side, one on both sides), with the library's doses.
PLAN_SIZES = [1, 2, 3, 4]
PAGES_FOR_EXERCISES = {1: 3, 2: 3, 3: 3, 4: 4}  # at most, standard print
PLAN_PRINTS = list(itertools.product(PLAN_SIZES, PAPERS, list(Language)))


def plan_of(exercises: int) -> Visit:
    sides = [Side.LEFT, Side.RIGHT, Side.BOTH]
    library = list(load_library().exercises.values())[:exercises]
    plan = tuple(
        Prescription(
            exercise=exercise.id,
            side=sides[index % 3] if exercise.per_side else Side.CENTRAL,
            dosing=exercise.dosing,
        )
        for index, exercise in enumerate(library)
    )
    return example(KNEE).model_copy(update={"plan": plan})


def plan_laid_out(
    exercises: int, paper: PaperSize, language: Language, *, large_print: bool
) -> tuple[list[Placed], int]:
    with recording() as placed:
        document = render_patient_document(
            request(plan_of(exercises), paper=paper, language=language, large_print=large_print)
        )
    (pages,) = document.part_pages
    return placed, pages


@pytest.mark.parametrize(("exercises", "paper", "language"), PLAN_PRINTS)
def test_a_plan_of_up_to_four_exercises_fills_its_pages(
    exercises: int, paper: PaperSize, language: Language
) -> None:
    placed, standard = plan_laid_out(exercises, paper, language, large_print=False)
    large_placed, large = plan_laid_out(exercises, paper, language, large_print=True)

    assert len([p for p in placed if p.kind == "ExerciseCard"]) == exercises
    assert standard <= PAGES_FOR_EXERCISES[exercises], f"{exercises} exercises take {standard} pages"
    assert large <= 2 * standard, (standard, large)
    for layout in (placed, large_placed):
        assert headings_ending_a_page(layout) == []
        assert split_needlessly(layout) == []
        assert last_page_holds_more_than_the_next_visit(layout)


@pytest.mark.parametrize(("exercises", "paper", "language"), PLAN_PRINTS)
def test_the_log_shares_the_first_page_with_the_stop_box_where_it_fits(
    exercises: int, paper: PaperSize, language: Language
) -> None:
    placed, pages = plan_laid_out(exercises, paper, language, large_print=False)
    text = words(language).handout
    (log,) = [p for p in placed if p.text == text.log_heading]
    (exercises_heading,) = [p for p in placed if p.text == text.exercises_heading]
    cards = [p for p in placed if p.kind == "ExerciseCard"]

    # Four Spanish cards on Letter leave the first page no room for it: it ends the handout.
    if (exercises, paper, language) == (4, PaperSize.LETTER, Language.ES):
        assert log.page == pages
        assert (log.page, log.top) > (cards[-1].page, cards[-1].bottom), "after the last card"
    else:
        assert log.page == 1, "on the first page, under the stop box"
        assert log.top < exercises_heading.top or exercises_heading.page > 1
    assert all(card.page > 1 for card in cards), "the cards start on a page of their own"


@pytest.mark.parametrize("language", list(Language))
def test_every_exercise_of_the_library_in_large_print_takes_at_most_twice_the_pages(
    language: Language,
) -> None:
    from .test_handout import every_exercise_visit

    standard = render_patient_document(request(every_exercise_visit(), language=language)).pages
    large = render_patient_document(
        request(every_exercise_visit(), language=language, large_print=True)
    ).pages

    assert large <= 2 * standard, (standard, large)


@pytest.mark.parametrize(("name", "paper", "language"), PRINTS)
@pytest.mark.parametrize("large_print", [False, True])
def test_the_stop_box_is_on_the_first_page_of_the_handout(
    name: str, paper: PaperSize, language: Language, large_print: bool
) -> None:
    visit = example(name)
    document = render_patient_document(
        request(visit, paper=paper, language=language, large_print=large_print)
    )
    pages = pages_text(document.pdf)
    handout_starts = sum(document.part_pages[:-1])
    heading = words(language).handout.stop_heading

    if triage(visit).plan_allowed:
        assert [index for index, page in enumerate(pages) if heading in page] == [handout_starts], (
            "read first, on the first page, once"
        )
