"""The example visits give exactly their expected triage results (README of tests/data/examples)."""

from __future__ import annotations

import json

import pytest

from clinic_app.triage import triage
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES, V1_EXAMPLES

EXAMPLE_NAMES = sorted(p.name.removesuffix(".visit.json") for p in EXAMPLES.glob("*.visit.json"))
V1_NAMES = sorted(p.name.removesuffix(".visit.json") for p in V1_EXAMPLES.glob("*.visit.json"))
EXACT_KEYS = ("referral", "plan_status", "unexplained_complaints", "next_screens")


def test_the_examples_are_there() -> None:
    assert len(EXAMPLE_NAMES) >= 4, f"no examples found in {EXAMPLES}"
    assert len(V1_NAMES) >= 3, f"no round-1 examples found in {V1_EXAMPLES}"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_gives_its_expected_result(name: str) -> None:
    visit = parse_visit_document((EXAMPLES / f"{name}.visit.json").read_text(encoding="utf-8"))
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))

    result = triage(visit).to_json_data()

    for key in EXACT_KEYS:
        got = result[key]
        if key == "referral":
            got = {k: v for k, v in got.items() if k in expected[key]}
        assert got == expected[key], key
    assert [f["id"] for f in result["findings"]] == expected["findings"]
    assert [[k["complaint"], k["finding"]] for k in result["links"]] == expected["links"]
    codes = {w["code"] for w in result["warnings"]}
    assert set(expected.get("warning_codes", ())) <= codes
    if "static_stretch_hold_s" in expected:
        holds = {e["dosing"]["hold_s"] for e in result["exercises"] if e["kind"] == "stretch"}
        assert holds == {expected["static_stretch_hold_s"]}
    if "exercises" in expected:
        assert result["exercises"] == expected["exercises"]
    _assert_every_finding_covered(result)


def _assert_every_finding_covered(result: dict) -> None:
    if result["plan_status"] != "proposed":
        assert result["exercises"] == []
        return
    assert len(result["exercises"]) <= 6
    for finding in result["findings"]:
        if finding["id"] in result["deferred_findings"]:
            continue
        sides = {e["side"] for e in result["exercises"] if finding["id"] in e["for_findings"]}
        assert sides & {finding["side"], "both"} or (finding["side"] == "central" and sides), finding["id"]


@pytest.mark.parametrize("name", V1_NAMES)
def test_round_one_documents_are_still_read(name: str) -> None:
    """A visit/1 document reads as the same visit in visit/2; its findings and links are unchanged."""
    visit = parse_visit_document((V1_EXAMPLES / f"{name}.visit.json").read_text(encoding="utf-8"))
    expected = json.loads((V1_EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))

    result = triage(visit).to_json_data()

    assert visit.schema_ == "clinic-app/visit/2"
    assert [f["id"] for f in result["findings"]] == expected["findings"]
    assert [[k["complaint"], k["finding"]] for k in result["links"]] == expected["links"]
    assert {k: result["referral"][k] for k in expected["referral"]} == expected["referral"]
