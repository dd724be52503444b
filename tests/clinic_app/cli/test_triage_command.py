"""`clinic triage`: the report, the exact JSON, exit statuses and the JSON Lines batch."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_app.cli import main
from tests.examples import EXAMPLES

KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"


def test_json_output_is_the_contract_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", str(KNEE), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["schema"] == "clinic-app/triage/2"
    assert result["rules_version"] == "2026.12.1"
    assert result["plan_status"] == "proposed"
    assert [f["id"] for f in result["findings"]] == ["ankle_mobility/left/tight_calf"]
    # Zoë is 65 on the visit date: the knee-to-wall finding gets the bent-knee stretch, held 60 s.
    assert result["exercises"][0]["id"] == "calf_stretch_wall_bent_knee"
    assert result["exercises"][0]["rules"] == ["plan.tight_calf", "plan.older_adult_hold"]
    assert result["exercises"][-1]["kind"] == "strength"


def test_the_report_names_findings_links_and_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", str(KNEE)]) == 0
    report = capsys.readouterr().out
    assert "Tight calf (left)" in report
    assert "rule knee.ankle_same_side" in report
    assert "Calf stretch at the wall, knee bent (stretch, left): hold 60 s, 3 reps" in report
    assert "Side-lying leg lift (strength, left)" in report


def test_a_referral_report_says_so_and_lists_no_exercises(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", str(EXAMPLES / "low-back-red-flag.visit.json")]) == 0
    report = capsys.readouterr().out
    assert "REFERRAL REQUIRED (EMERGENCY, now)" in report
    assert "Plan: no home programme: the patient is referred." in report
    assert "Exercise plan" not in report


def test_standard_input_is_read_for_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(KNEE.read_text(encoding="utf-8")))
    assert main(["triage", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["referral"]["required"] is False


def test_an_invalid_document_exits_2_with_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(KNEE.read_text(encoding="utf-8"))
    data["screenings"]["ankle_mobility"]["left"]["heel_lifted"] = "yes"
    data["complaints"][0]["pain"] = 12
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["triage", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "complaints[0].pain: must be at most 10, got 12",
        'screenings.ankle_mobility.left.heel_lifted: expected true or false, got "yes"',
    ]


def test_a_missing_file_is_a_plain_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "/no/such/visit.json"]) == 1
    assert capsys.readouterr().err == "clinic: cannot read /no/such/visit.json: no such file\n"


def test_batch_writes_one_result_per_line_and_flags_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps(json.loads(KNEE.read_text(encoding="utf-8")))
    source, target = tmp_path / "visits.jsonl", tmp_path / "results.jsonl"
    source.write_text(f'{good}\n\n{{"schema": 1}}\n{good}\n', encoding="utf-8")
    assert main(["triage", "--batch", str(source), "-o", str(target)]) == 2
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["schema"] for line in lines] == [
        "clinic-app/triage/2",
        "clinic-app/triage-error/1",
        "clinic-app/triage/2",
    ]
    assert lines[1]["line"] == 3
    assert lines[0] == lines[2]
    assert "line 3: schema" in capsys.readouterr().err


def test_the_command_runs_with_pyside6_unavailable() -> None:
    # A None entry in sys.modules makes any import of PySide6 fail, as if it were not installed.
    script = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['ui'] = None\n"
        "from clinic_app.cli import main\n"
        f"raise SystemExit(main(['triage', {str(KNEE)!r}, '--json']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["findings"][0]["id"] == "ankle_mobility/left/tight_calf"


def test_every_example_gives_its_expected_result_through_the_real_command() -> None:
    """As a user would check it: `clinic triage --json` in a subprocess, for every example."""
    for visit_file in sorted(EXAMPLES.glob("*.visit.json")):
        expected = json.loads(
            visit_file.with_name(visit_file.name.replace(".visit.", ".expected.")).read_text()
        )
        done = subprocess.run(
            [sys.executable, "-m", "clinic_app", "triage", str(visit_file), "--json"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert {k: result["referral"][k] for k in expected["referral"]} == expected["referral"]
        assert result["plan_status"] == expected["plan_status"]
        assert [f["id"] for f in result["findings"]] == expected["findings"]
        assert [[k["complaint"], k["finding"]] for k in result["links"]] == expected["links"]
        assert result["next_screens"] == expected["next_screens"]
        assert result["unexplained_complaints"] == expected["unexplained_complaints"]
