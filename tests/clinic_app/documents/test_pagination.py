"""How the documents break into pages, measured on the examples in every print form.

A heading never ends a page (it goes over with what it introduces), a card or a box is never split
across pages unless it is taller than a whole page, a handout of up to three exercises (every example) takes at most three pages on
Letter and A4 paper in both languages, large print at most twice as many, and the chart summary of
every example at most two. Where things went is recorded while the document is built
(documents.layout.recording), not guessed from the text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from clinic_app.documents import render_patient_document, render_visit_summary
from clinic_app.documents.layout import Placed, recording
from clinic_app.domain import Language, PaperSize
from clinic_app.triage import triage

from .helpers import EXAMPLE_NAMES, example, pages_text, request

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


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_summary_of_every_example_takes_at_most_two_pages(name: str) -> None:
    with recording() as placed:
        pdf = render_visit_summary(request(example(name)))

    assert len(pages_text(pdf)) <= 2
    assert headings_ending_a_page(placed) == []
