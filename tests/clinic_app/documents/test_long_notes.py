"""Notes of any allowed length (4,000 characters) print whole, in every document, from the real command.

A table row cannot break across pages, so a long complaint or plan note in the visit summary used
to stop `clinic summary` with a LayoutError (the referral letter too). Each note here is the
longest allowed, in four shapes: prose, one unbroken word, many short lines (with runs of empty
lines), and text that looks like markup. The PDF's text layer, read back with pypdf, must hold all
of it, in order; where a note runs onto another page, that page says whose note it continues.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from clinic_app.triage import triage
from clinic_app.visitdoc import parse_visit_document
from tests.clinic_app.cli.commands import clinic
from tests.examples import EXAMPLES

KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"
RED_FLAG = EXAMPLES / "low-back-red-flag.visit.json"
LONGEST = 4000
SHAPES = ("prose", "one-word", "lines", "markup")
PAGE_LABEL = re.compile(r"(Page|Página) \d+ (of|de) \d+")


def long_note(shape: str, whose: str) -> str:
    """A note of exactly LONGEST characters; `whose` makes two notes of one visit tell apart."""
    if shape == "prose":
        text = f"{whose}: worse on stairs and after sitting, eases with walking. " * 80
    elif shape == "one-word":
        text = ("abcdefghij" if whose == "complaint" else "0123456789") * 400
    elif shape == "lines":
        text = "".join(f"{whose} line {n}\n" + ("\n \n\n" if n % 10 == 0 else "") for n in range(400))
    else:
        text = f'Ñandú <b>{whose}</b> & 5 > 3 — \u2018quoted\u2019 "twice" ¿qué? ' * 100
    return text[:LONGEST]


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A database of our own: no clinic profile, so no footer lines to tell from the notes."""
    database = tmp_path_factory.mktemp("database") / "clinic.db"
    return {**os.environ, "CLINIC_APP_DATABASE_URL": f"sqlite:///{database.as_posix()}"}


def knee_visit(shape: str) -> tuple[dict[str, Any], str]:
    """The knee example with the longest complaint note, and a plan whose exercise has one too."""
    data = json.loads(KNEE.read_text(encoding="utf-8"))
    proposed = triage(parse_visit_document(KNEE.read_text(encoding="utf-8"))).exercises[0]
    data["complaints"][0]["note"] = long_note(shape, "complaint")
    data["plan"] = [
        {
            "exercise": proposed.id,
            "side": proposed.side.value,
            "dosing": proposed.dosing.model_dump(exclude_none=True),
            "note": long_note(shape, "plan"),
        }
    ]
    return data, f"{proposed.name}, {proposed.side.value}"


def write(data: dict[str, Any], folder: Path) -> Path:
    path = folder / "visit.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def print_with(environment: dict[str, str], *args: str | Path) -> list[str]:
    """Run the command; the text of each page of the PDF it wrote."""
    output = Path(args[-1])
    done = clinic(*args, env=environment)
    assert done.returncode == 0, done.stderr.decode("utf-8")
    return [page.extract_text() for page in PdfReader(output).pages]


REPEATED_HEADING = "For the doctor"  # the referral letter's doctor part repeats it on each page


def note_text(pages: list[str], continued: str) -> str:
    """Everything but the page furniture and the continued labels, white space removed."""
    kept = [
        line
        for page in pages
        for line in page.splitlines()
        if "·" not in line  # the running header of later pages
        and not PAGE_LABEL.fullmatch(line.strip())
        and line.strip() not in (continued, REPEATED_HEADING)
    ]
    return squeezed("\n".join(kept))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_printed_whole(note: str, pages: list[str], continued: str) -> None:
    assert squeezed(note) in note_text(pages, continued)


def assert_each_later_page_says_whose(note: str, pages: list[str], continued: str) -> None:
    """A page that carries on the note, other than where it starts, opens with the continued label."""
    whole_lines = {line.strip() for line in note.splitlines()[:-1] if line.strip()}  # the last may be cut
    bodies = [
        [line.strip() for line in page.splitlines() if "·" not in line and line.strip() != REPEATED_HEADING]
        for page in pages
    ]
    with_note = [number for number, body in enumerate(bodies) if whole_lines & set(body)]
    assert len(with_note) > 1, "the note is not over several pages"
    for number in with_note[1:]:
        assert bodies[number][0] == continued, (number, bodies[number][:2])


def assert_no_page_holds_a_heading_alone(pages: list[str]) -> None:
    for number, page in enumerate(pages, start=1):
        body = [line for line in page.splitlines() if "·" not in line and not PAGE_LABEL.fullmatch(line)]
        assert len(body) > 1, f"page {number} holds only {body}"


def red_flag_visit(note: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RED_FLAG.read_text(encoding="utf-8"))
    data["complaints"][0]["note"] = note
    return data


# With every shape the note is printed whole. The "lines" note, about 400 short lines, runs over
# several pages: each page it continues on must say whose note it is.


@pytest.mark.parametrize("shape", SHAPES)
def test_the_summary_prints_long_complaint_and_plan_notes_whole(
    shape: str, environment: dict[str, str], tmp_path: Path
) -> None:
    data, exercise = knee_visit(shape)

    pages = print_with(environment, "summary", write(data, tmp_path), "-o", tmp_path / "summary.pdf")

    complaint_label = "Note on complaint 1 (knee, left)"
    plan_label = f"Note on exercise 1 ({exercise})"
    text = "\n".join(pages)
    assert complaint_label in text
    assert plan_label in text
    assert_printed_whole(long_note(shape, "complaint"), pages, f"{complaint_label} (continued)")
    assert_printed_whole(long_note(shape, "plan"), pages, f"{plan_label} (continued)")
    if shape == "lines":
        assert_each_later_page_says_whose(
            long_note(shape, "complaint"), pages, f"{complaint_label} (continued)"
        )
        assert_each_later_page_says_whose(long_note(shape, "plan"), pages, f"{plan_label} (continued)")


@pytest.mark.parametrize("shape", SHAPES)
def test_the_handout_prints_a_long_plan_note_whole(
    shape: str, environment: dict[str, str], tmp_path: Path
) -> None:
    data, _ = knee_visit(shape)
    note, continued = long_note(shape, "plan"), "Note from your therapist, continued:"

    pages = print_with(environment, "handout", write(data, tmp_path), "-o", tmp_path / "handout.pdf")

    assert_printed_whole(note, pages, continued)
    # The card, too tall for any page, used to move to the next page before breaking: the page it
    # left held the "Your exercises" heading alone.
    assert_no_page_holds_a_heading_alone(pages)
    if shape == "lines":
        assert_each_later_page_says_whose(note, pages, continued)


def test_a_large_print_handout_with_a_long_note_leaves_no_page_empty(
    environment: dict[str, str], tmp_path: Path
) -> None:
    data, _ = knee_visit("prose")

    pages = print_with(
        environment, "handout", write(data, tmp_path), "--large-print", "-o", tmp_path / "handout.pdf"
    )

    assert_no_page_holds_a_heading_alone(pages)
    assert_printed_whole(long_note("prose", "plan"), pages, "Note from your therapist, continued:")


@pytest.mark.parametrize("shape", SHAPES)
def test_the_referral_letter_prints_a_long_complaint_note_whole(
    shape: str, environment: dict[str, str], tmp_path: Path
) -> None:
    note, continued = long_note(shape, "complaint"), "Note on complaint 1 (continued)"

    pages = print_with(
        environment, "handout", write(red_flag_visit(note), tmp_path), "-o", tmp_path / "letter.pdf"
    )

    assert "Get medical help now" in pages[0]  # the referral letter, not a handout
    assert "see the note below" in "".join(pages)
    assert_printed_whole(note, pages, continued)
    if shape == "lines":
        assert_each_later_page_says_whose(note, pages, continued)


def test_a_short_note_stays_in_its_table_cell_with_its_line_breaks(
    environment: dict[str, str], tmp_path: Path
) -> None:
    data = json.loads(KNEE.read_text(encoding="utf-8"))
    data["complaints"][0]["note"] = "worse on stairs\nbetter after walking"

    pages = print_with(environment, "summary", write(data, tmp_path), "-o", tmp_path / "summary.pdf")

    assert "worse on stairs\nbetter after walking" in pages[0]
    assert "Note on complaint" not in "".join(pages)
