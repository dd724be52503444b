"""The shared example visits give exactly their expected triage results."""

from __future__ import annotations

import json

import pytest

from clinic_app.triage import triage
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES

EXAMPLE_NAMES = sorted(p.name.removesuffix(".visit.json") for p in EXAMPLES.glob("*.visit.json"))


def test_the_shared_examples_are_there() -> None:
    assert len(EXAMPLE_NAMES) >= 3, f"no examples found in {EXAMPLES}"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_gives_its_expected_result(name: str) -> None:
    visit = parse_visit_document((EXAMPLES / f"{name}.visit.json").read_text(encoding="utf-8"))
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))

    result = triage(visit).to_json_data()

    assert result["referral"] == expected["referral"]
    assert [f["id"] for f in result["findings"]] == expected["findings"]
    assert [[k["complaint"], k["finding"]] for k in result["links"]] == expected["links"]
    assert result["unexplained_complaints"] == expected["unexplained_complaints"]
    assert result["next_screens"] == expected["next_screens"]
    if "exercises" in expected:
        assert result["exercises"] == expected["exercises"]
    for finding in result["findings"]:
        sides = {e["side"] for e in result["exercises"] if finding["id"] in e["for_findings"]}
        assert (
            result["referral"]["required"]
            or sides & {finding["side"], "both"}
            or finding["side"] == "central"
        )
