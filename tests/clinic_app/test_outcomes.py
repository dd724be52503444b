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
        assert measure.licence
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
    unknown = outcomes("score", "odi", str(answers))
    assert unknown.returncode == 2
    assert "unknown measure" in unknown.stderr
