"""Names and notes print in their own script: Chinese, Japanese, Korean, Arabic, Hebrew, Devanagari,
Cyrillic and Greek, through `clinic handout` as a script runs it.

For each script the patient's name and a therapist's note (an English sentence with a name in that
script inside) go through the command: it exits 0, the PDF embeds the fallback font that script
needs and no other, the text layer gives the name back, no character is drawn with the .notdef box,
and every page renders (pdftoppm, 100 dpi). An English handout loads and embeds no fallback font.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from clinic_app.documents.fonts import REGULAR, missing_glyphs
from clinic_app.documents.scriptfont import bidi_levels, visual_runs
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES

from .helpers import CLINIC_FILE, KNEE, embedded_fonts, normalised, pages_text, patient_pdf
from .scripts_pdf import notdef_glyphs

REPOSITORY = Path(__file__).resolve().parents[3]
DEJAVU = {"DejaVuSans", "DejaVuSans-Bold"}
CJK_FONT = "WenQuanYiMicroHei-0"


@dataclass(frozen=True)
class Script:
    id: str
    given: str
    family: str
    in_note: str  # the name as a therapist writes it in a note
    fonts: frozenset[str]  # the fallback fonts the handout embeds, beside DejaVu Sans


SCRIPTS = [
    Script("chinese", "秀英", "王", "王秀英", frozenset({CJK_FONT})),
    Script("japanese", "花子", "山田", "山田花子", frozenset({CJK_FONT})),
    Script("korean", "민준", "김", "김민준", frozenset({CJK_FONT})),
    Script("arabic", "فاطمة", "الزهراء", "فاطمة الزهراء", frozenset()),
    Script("hebrew", "דוד", "כהן", "דוד כהן", frozenset()),
    Script(
        "devanagari",
        "प्रिया",
        "शर्मा",
        "देवनागरी",
        frozenset({"NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold"}),
    ),
    Script("cyrillic", "Анна", "Иванова", "Анна Иванова", frozenset()),
    Script("greek", "Ελένη", "Παπαδοπούλου", "Ελένη Παπαδοπούλου", frozenset()),
]
ENGLISH = Script("english", "Zoë", "Núñez", "Zoë Núñez", frozenset())
NOTE = "Her daughter {name} (age 45) translates; do the stretch after the walk."


@dataclass(frozen=True)
class Handout:
    code: int
    out: str
    err: str
    pdf: bytes
    path: Path


def visit_with(script: Script) -> dict[str, object]:
    """The knee example, the patient named in the script, a note with the name on the plan and the
    complaint, and a plan whose second exercise's note is the name alone."""
    data = json.loads((EXAMPLES / f"{KNEE}.visit.json").read_text(encoding="utf-8"))
    data["patient"]["given_name"] = script.given
    data["patient"]["family_name"] = script.family
    note = NOTE.format(name=script.in_note)
    for complaint in data["complaints"]:
        complaint["note"] = note
    data["plan"] = [
        {
            "exercise": "calf_stretch_wall_bent_knee",
            "side": "left",
            "dosing": {"hold_s": 60, "reps": 3, "sets": 1, "per_day": 2},
            "note": note,
        },
        {
            "exercise": "side_lying_hip_abduction",
            "side": "left",
            "dosing": {"hold_s": None, "reps": 10, "sets": 2, "per_day": 1},
            "note": script.in_note,
        },
    ]
    return data


def run_handout(script: Script, folder: Path) -> Handout:
    folder.mkdir(parents=True, exist_ok=True)
    visit, clinic, output = folder / "visit.json", folder / "clinic.json", folder / "handout.pdf"
    visit.write_text(json.dumps(visit_with(script), ensure_ascii=False), encoding="utf-8")
    clinic.write_text(json.dumps(CLINIC_FILE, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "clinic_app",
            "handout",
            str(visit),
            "-o",
            str(output),
            "--clinic",
            str(clinic),
        ],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=120,
        check=False,
    )
    pdf = output.read_bytes() if output.exists() else b""
    return Handout(done.returncode, done.stdout, done.stderr, pdf, output)


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Handout]:
    folder = tmp_path_factory.mktemp("scripts")
    return {script.id: run_handout(script, folder / script.id) for script in [*SCRIPTS, ENGLISH]}


def base_names(pdf: bytes) -> set[str]:
    return {name.split("+", 1)[-1] for name in embedded_fonts(pdf)}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.id)
def test_clinic_handout_prints_the_name_and_note_in_their_script(
    script: Script, handouts: dict[str, Handout]
) -> None:
    handout = handouts[script.id]

    assert handout.code == 0, handout.err
    assert "Wrote the home-exercise handout" in handout.out
    text = " ".join(pages_text(handout.pdf))
    # pypdf gives right-to-left words back in reading order; lines around them it may reorder.
    for word in [script.given, script.family, *script.in_note.split()]:
        assert word in text, f"{word!r} not in the text layer"
    assert normalised(f"{script.given} {script.family}") in text  # the name as one, in the patient table


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.id)
def test_the_fallback_font_is_embedded_only_where_needed(
    script: Script, handouts: dict[str, Handout]
) -> None:
    fonts = embedded_fonts(handouts[script.id].pdf)

    assert all(fonts.values()), fonts
    assert base_names(handouts[script.id].pdf) == DEJAVU | script.fonts


@pytest.mark.parametrize("script", [*SCRIPTS, ENGLISH], ids=lambda script: script.id)
def test_no_character_prints_as_a_box(script: Script, handouts: dict[str, Handout]) -> None:
    assert notdef_glyphs(handouts[script.id].pdf) == []


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.id)
def test_every_page_renders_without_a_complaint(script: Script, handouts: dict[str, Handout]) -> None:
    handout = handouts[script.id]
    prefix = handout.path.with_suffix("")

    done = subprocess.run(
        ["pdftoppm", "-r", "100", "-png", str(handout.path), str(prefix)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0
    assert done.stderr == ""  # poppler reports a broken font or character map here
    assert len(list(prefix.parent.glob(f"{prefix.name}-*.png"))) == len(pages_text(handout.pdf))


def test_an_english_handout_embeds_no_fallback_font(handouts: dict[str, Handout]) -> None:
    handout = handouts[ENGLISH.id]

    assert handout.code == 0, handout.err
    assert base_names(handout.pdf) == DEJAVU


def test_an_english_handout_loads_no_fallback_font() -> None:
    program = (
        "from clinic_app.documents import render_patient_document\n"
        "from clinic_app.documents.fonts import loaded_fallbacks\n"
        "from tests.clinic_app.documents.helpers import KNEE, example, request, with_patient_name\n"
        "render_patient_document(request(with_patient_name(example(KNEE), 'Zoë', 'Núñez')))\n"
        "print(loaded_fallbacks())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# the check ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.id)
def test_the_shipped_fonts_draw_every_script(script: Script) -> None:
    assert missing_glyphs(f"{script.given} {script.family} {NOTE.format(name=script.in_note)}") == ""


@pytest.mark.parametrize(
    "character",
    ["\U0001f642", "\ue000", "\uf8ff", "\U000f0000", "\U00100000", "\u0378"],
    ids=[
        "emoji",
        "private-use",
        "private-use-last",
        "plane-15-private-use",
        "plane-16-private-use",
        "unassigned",
    ],
)
def test_a_character_no_shipped_font_has_is_still_unprintable(character: str) -> None:
    # DejaVu maps some private-use code points to glyphs of its own: they are refused all the same.
    assert missing_glyphs(f"Anna {character}") == character


def test_a_plan_note_no_font_can_print_is_exit_2_naming_the_field(tmp_path: Path) -> None:
    script = Script("emoji", "Anna", "Lee", "Anna \U0001f642", frozenset())

    handout = run_handout(script, tmp_path)

    assert handout.code == 2
    assert "plan[0].note: U+1F642 cannot be printed" in handout.err
    assert "plan[1].note: U+1F642 cannot be printed" in handout.err
    assert "complaints[0].note: U+1F642 cannot be printed" in handout.err
    assert not handout.path.exists()


# the order of right-to-left text --------------------------------------------------------------------


def visual(text: str) -> list[str]:
    """The runs of the text in the order they print, left to right (right-to-left runs marked <)."""
    return [
        ("<" if level % 2 else "") + text[start:end]
        for start, end, level in visual_runs(bidi_levels(text), len(text))
    ]


def test_an_arabic_name_in_an_english_note_keeps_the_english_left_to_right() -> None:
    assert visual("Her daughter فاطمة الزهراء (age 45) translates.") == [
        "Her daughter ",
        "<فاطمة الزهراء",
        " (age 45) translates.",
    ]


def test_an_english_word_in_a_hebrew_note_stays_left_to_right_inside_it() -> None:
    # Two Hebrew words around an English one: the paragraph is left to right, so each Hebrew run
    # reads right to left where it stands.
    assert visual("דוד MRI כהן") == ["<דוד", " MRI ", "<כהן"]


def test_numbers_inside_arabic_text_read_left_to_right() -> None:
    runs = visual_runs(bidi_levels("عمر 45 سنة"), len("عمر 45 سنة"))

    assert [level for _start, _end, level in runs] == [1, 2, 1]
    assert [start for start, _end, _level in runs] == [6, 4, 0]  # "سنة" prints leftmost, "عمر" rightmost


def test_text_without_right_to_left_characters_needs_no_bidi() -> None:
    assert bidi_levels("Zoë Núñez, 王秀英, प्रिया") is None


def test_widths_of_shaped_text_add_up_as_it_is_drawn() -> None:
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    font = getFont(REGULAR)
    for text in ["فاطمة الزهراء", "प्रिया शर्मा", "王秀英 and Zoë"]:
        pieces = font.layout(text)
        assert stringWidth(text, REGULAR, 10) == pytest.approx(sum(piece.width for piece in pieces) / 100)
        assert stringWidth(text, REGULAR, 10) > 0


def test_a_document_in_any_script_is_the_same_bytes_whatever_was_printed_before() -> None:
    def pdf(given: str, family: str, note: str) -> bytes:
        script = Script("mixed", given, family, note, frozenset())
        return patient_pdf(parse_visit_document(json.dumps(visit_with(script), ensure_ascii=False)))

    first = pdf("प्रिया", "शर्मा", "فاطمة الزهراء, 王秀英")
    pdf("देवनागरी", "כהן", "الزهراء فاطمة, 山田花子, शर्मा")  # other shaped glyphs, in another order

    assert pdf("प्रिया", "शर्मा", "فاطمة الزهراء, 王秀英") == first
