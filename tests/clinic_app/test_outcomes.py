"""Outcome measures: the shipped data, their scoring, and `clinic outcomes score` as a script runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_app.errors import InvalidInput
from clinic_app.outcomes import find_measure, load_measures, score


def test_the_contracts_measures_are_shipped_with_their_mcid_source_and_licence() -> None:
    measures = load_measures()
    assert {"nprs", "psfs", "lefs"} <= set(measures)
    expected = {"nprs": (2, "lower", 10), "psfs": (2, "higher", 10), "lefs": (9, "higher", 80)}
    for measure_id, (mcid, better, maximum) in expected.items():
        measure = measures[measure_id]
        assert (measure.mcid.points, measure.better, measure.max_score) == (mcid, better, maximum)
        assert measure.mcid.source
        assert measure.licence.en
        assert measure.licence.es
    assert measures["nprs"].codes["loinc"] == "72514-3"


def test_lefs_is_the_sum_and_an_unanswered_item_means_no_score() -> None:
    lefs = find_measure("LEFS")  # any case
    assert score(lefs, [4] * 20).to_json_data() == {
        "measure": "lefs",
        "score": 80.0,
        "max": 80.0,
        "complete": True,
    }
    incomplete = score(lefs, [3] * 19 + [None])
    assert (incomplete.score, incomplete.complete) == (None, False)


@pytest.mark.parametrize("measure_id", ["odi", "ndi"])
def test_odi_and_ndi_score_the_published_worked_examples(measure_id: str) -> None:
    """The scoring sheets' examples: 16 of 50 is 32%; with one section missed, 16 of 45 is 35.5%."""
    measure = find_measure(measure_id)
    full = [2, 2, 2, 2, 2, 2, 1, 1, 1, 1]  # 16
    assert score(measure, full).to_json_data() == {
        "measure": measure_id,
        "score": 32.0,
        "max": 100.0,
        "complete": True,
    }
    one_missed = [2, 2, 2, 2, 2, 2, 1, 1, 2, None]  # 16 of 45
    assert score(measure, one_missed).to_json_data() == {
        "measure": measure_id,
        "score": 35.56,
        "max": 100.0,
        "complete": False,
    }
    assert score(measure, [5] * 10).score == 100.0
    assert score(measure, [0] * 10).score == 0.0
    two_missed = score(measure, [2] * 8 + [None, None])  # no rule for more than one we could confirm
    assert (two_missed.score, two_missed.complete) == (None, False)
    assert (measure.better, measure.items.count, measure.items.max, measure.items.text) == (
        "lower",
        10,
        5,
        None,
    )
    assert measure.licence.en.startswith("Item wording not shipped")
    assert measure.licence.es.startswith("El texto de las preguntas no se incluye")


def test_odi_and_ndi_mcids_name_their_sources() -> None:
    odi, ndi = find_measure("odi"), find_measure("ndi")
    assert (odi.mcid.points, ndi.mcid.points) == (10, 19)
    assert "Ostelo" in odi.mcid.source
    assert "Cleland" in ndi.mcid.source


def test_quickdash_is_the_mean_answer_less_one_times_25_with_one_item_missed_at_most() -> None:
    quickdash = find_measure("QuickDASH")
    assert score(quickdash, [1] * 11).score == 0.0
    assert score(quickdash, [5] * 11).score == 100.0
    assert score(quickdash, [3] * 11).score == 50.0
    mixed = [2, 3, 4, 2, 3, 1, 2, 5, 3, 2, 4]  # sum 31: (31 / 11 - 1) x 25
    assert score(quickdash, mixed).score == pytest.approx(45.45)
    one_missed = score(quickdash, [2, 3, 4, 2, 3, 1, 2, 5, 3, 2, None])  # sum 27 of 10: (2.7 - 1) x 25
    assert (one_missed.score, one_missed.complete) == (42.5, False)
    two_missed = score(quickdash, [3] * 9 + [None, None])
    assert (two_missed.score, two_missed.complete) == (None, False)
    assert (quickdash.mcid.points, quickdash.better, quickdash.items.text) == (15.91, "lower", None)
    assert "Franchignoni" in quickdash.mcid.source
    with pytest.raises(InvalidInput, match=r"answers\[0\]"):
        score(quickdash, [0] + [1] * 10)  # answers are 1 to 5


def test_psfs_is_the_mean_of_the_activities_answered() -> None:
    psfs = find_measure("psfs")
    assert score(psfs, [2, 5, 8]).score == 5.0
    assert score(psfs, [3, 4, 4, None]).score == pytest.approx(3.67)
    with pytest.raises(InvalidInput, match="at least 3 answers"):
        score(psfs, [3, 4, None])


@pytest.mark.parametrize(
    ("measure", "answers", "path"),
    [
        ("lefs", [4] * 19, "answers"),  # a wrong number of items
        ("odi", [6] + [0] * 9, "answers[0]"),  # sections score 0 to 5
        ("ndi", [0] * 11, "answers"),
        ("psfs", [1, 2], "answers"),  # fewer than 3 activities
        ("nprs", [11], "answers[0]"),  # out of range
        ("nprs", [-1], "answers[0]"),
        ("nprs", [2.5], "answers[0]"),  # not a whole number
        ("nprs", [True], "answers[0]"),  # yes is not a number
        ("nprs", ["7"], "answers[0]"),
    ],
)
def test_a_wrong_answer_sheet_is_invalid_input_naming_the_answer(
    measure: str, answers: list[object], path: str
) -> None:
    with pytest.raises(InvalidInput) as invalid:
        score(find_measure(measure), answers)
    assert [p.path for p in invalid.value.problems] == [path]


def outcomes(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clinic_app", "outcomes", *args], capture_output=True, text=True, check=False
    )


def test_the_command_prints_the_contract_json(tmp_path: Path) -> None:
    answers = tmp_path / "lefs.json"
    answers.write_text(json.dumps([3] * 19 + [None]), encoding="utf-8")
    done = outcomes("score", "Lefs", str(answers), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"measure": "lefs", "score": None, "max": 80.0, "complete": False}


def test_the_command_exits_2_for_a_bad_sheet_and_an_unknown_measure(tmp_path: Path) -> None:
    answers = tmp_path / "psfs.json"
    answers.write_text("[4, 5]", encoding="utf-8")
    done = outcomes("score", "psfs", str(answers), "--json")
    assert done.returncode == 2
    assert "answers" in done.stderr
    assert "Traceback" not in done.stderr
    unknown = outcomes("score", "koos", str(answers))
    assert unknown.returncode == 2
    assert "unknown measure" in unknown.stderr
