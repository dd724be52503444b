"""Properties of the triage engine that must hold for every valid visit."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from clinic_app.domain import (
    AnkleSide,
    BilateralScreen,
    HeadPostureScreen,
    HeadResult,
    HipSide,
    LevelResult,
    LevelScreen,
    ScreenId,
    Side,
    Visit,
)
from clinic_app.triage import triage
from clinic_app.visitdoc import dump_visit_document, parse_visit_document

from .strategies import visits

SWAP = {"left": "right", "right": "left", "left_higher": "right_higher", "right_higher": "left_higher"}
NORMAL_SCREENS: dict[ScreenId, Any] = {
    ScreenId.SHOULDER_HEIGHT: LevelScreen(result=LevelResult.LEVEL),
    ScreenId.HEAD_POSTURE: HeadPostureScreen(result=HeadResult.NEUTRAL),
    ScreenId.HIP_MOBILITY: BilateralScreen[HipSide](
        left=HipSide(knee_bent_when_raised=False, foot_turned_out_when_resting=False),
        right=HipSide(knee_bent_when_raised=False, foot_turned_out_when_resting=False),
    ),
    ScreenId.ANKLE_MOBILITY: BilateralScreen[AnkleSide](
        left=AnkleSide(knee_touches_wall=True, heel_lifted=False, toe_to_wall_cm=12.0),
        right=AnkleSide(knee_touches_wall=True, heel_lifted=False),
    ),
    ScreenId.PELVIC_HEIGHT: LevelScreen(result=LevelResult.LEVEL),
}


def mirrored(visit: Visit) -> Visit:
    """The same visit with the patient's left and right swapped everywhere."""
    data = visit.model_dump(mode="json", by_alias=True)
    for complaint in data["complaints"]:
        complaint["side"] = SWAP.get(complaint["side"], complaint["side"])
    screens = data["screenings"]
    for name in ("shoulder_height", "pelvic_height"):
        if screens[name]:
            screens[name]["result"] = SWAP.get(screens[name]["result"], screens[name]["result"])
    for name in ("hip_mobility", "ankle_mobility"):
        if screens[name]:
            screens[name]["left"], screens[name]["right"] = screens[name]["right"], screens[name]["left"]
    return parse_visit_document(json.dumps(data), check_overrides=False)


def swap_id(finding_id: str) -> str:
    test, side, code = finding_id.split("/")
    return f"{test}/{SWAP.get(side, side)}/{code}"


def comparable(result: dict[str, Any], swap: bool) -> dict[str, Any]:
    """Order-free view of a result, with sides swapped when asked."""
    fid = swap_id if swap else (lambda i: i)
    side = (lambda s: SWAP.get(s, s)) if swap else (lambda s: s)
    return {
        "referral": result["referral"],
        "plan_status": result["plan_status"],
        "deferred": sorted(fid(f) for f in result["deferred_findings"]),
        "deferred_strength": result["deferred_strength"],
        "warnings": sorted(w["code"] for w in result["warnings"]),
        "findings": sorted(fid(f["id"]) for f in result["findings"]),
        "links": sorted((k["complaint"], fid(k["finding"]), k["rule"]) for k in result["links"]),
        "unexplained": result["unexplained_complaints"],
        "next": result["next_screens"],
        "exercises": sorted(
            (
                e["id"],
                side(e["side"]),
                tuple(sorted(fid(f) for f in e["for_findings"])),
                tuple(e["for_complaints"]),
            )
            for e in result["exercises"]
        ),
    }


@given(visits())
def test_triage_is_deterministic(visit: Visit) -> None:
    again = parse_visit_document(dump_visit_document(visit), check_overrides=False)
    assert triage(visit).to_json_data() == triage(again).to_json_data() == triage(visit).to_json_data()


@given(visits())
def test_swapping_sides_in_the_input_swaps_them_in_the_output(visit: Visit) -> None:
    original = triage(visit).to_json_data()
    swapped = triage(mirrored(visit)).to_json_data()
    assert comparable(swapped, swap=True) == comparable(original, swap=False)


@given(
    visits(
        red_flags=st.lists(
            st.sampled_from(
                ["saddle_numbness", "cancer_history", "major_trauma", "fever", "immunosuppression"]
            ),
            min_size=1,
            unique=True,
        ).map(tuple)
    )
)
def test_a_red_flag_means_referral_and_no_plan_unless_every_flag_is_overridden(visit: Visit) -> None:
    result = triage(visit)
    assert result.referral.required
    assert result.referral.urgency in {"emergency", "urgent", "routine"}
    assert set(result.referral.reasons) == set(visit.red_flags or ())
    if set(result.referral.reasons) - set(result.referral.overridden):
        assert result.plan_status == "referral"
        assert result.exercises == ()
        assert result.next_screens == ()
    else:
        assert result.referral.urgency == "routine"  # nothing above routine can be overridden


@given(visits(red_flags=st.none()))
def test_no_plan_while_the_checklist_is_missing(visit: Visit) -> None:
    result = triage(visit)
    assert result.plan_status == "needs_red_flag_checklist"
    assert result.exercises == ()
    assert result.next_screens[0] == "red_flags"


@given(visits())
def test_a_plan_has_at_most_six_exercises_and_defers_the_rest(visit: Visit) -> None:
    result = triage(visit)
    assert len(result.exercises) <= 6
    if result.deferred_findings or result.deferred_strength:
        assert len(result.exercises) == 6


@given(visits())
def test_older_adults_hold_static_stretches_a_minute(visit: Visit) -> None:
    age = visit.age_on_visit_date()
    for exercise in triage(visit).exercises:
        if exercise.kind == "stretch":
            assert exercise.dosing.hold_s == (60 if age is not None and age >= 65 else 30)


@given(visits(), st.sampled_from(list(ScreenId)))
def test_a_normal_screen_never_adds_a_finding(visit: Visit, screen: ScreenId) -> None:
    if getattr(visit.screenings, screen.value) is not None:
        return
    screenings = visit.screenings.model_copy(update={screen.value: NORMAL_SCREENS[screen]})
    with_normal = visit.model_copy(update={"screenings": screenings})
    assert triage(with_normal).findings == triage(visit).findings


@given(visits(red_flags=st.just(())))
def test_every_finding_not_deferred_is_covered_by_an_exercise_on_its_side(visit: Visit) -> None:
    result = triage(visit)
    pain_on = {w.fields[0].split(".")[2] for w in result.warnings if w.code == "pain_during_leg_raise"}
    for finding in result.findings:
        if finding.id in result.deferred_findings or (
            finding.test.value == "hip_mobility" and finding.side.value in pain_on
        ):
            continue
        covering = [e for e in result.exercises if finding.id in e.for_findings]
        assert covering, f"no exercise for {finding.id}"
        assert any(_covers(e.side, finding.side) for e in covering), finding.id


def _covers(exercise_side: Side, finding_side: Side) -> bool:
    if finding_side is Side.CENTRAL:
        return exercise_side in {Side.CENTRAL, Side.BOTH}
    return exercise_side in {finding_side, Side.BOTH}


@given(visits(red_flags=st.just(())))
def test_stretching_and_mobility_come_before_strengthening(visit: Visit) -> None:
    kinds = [e.kind for e in triage(visit).exercises]
    order = ["stretch", "mobility", "posture", "strength"]
    assert kinds == sorted(kinds, key=order.index)


@given(visits())
def test_links_and_next_screens_are_consistent(visit: Visit) -> None:
    result = triage(visit)
    finding_ids = {f.id for f in result.findings}
    assert all(link.finding in finding_ids for link in result.links)
    linked = {link.complaint for link in result.links}
    assert set(result.unexplained_complaints) == set(range(len(visit.complaints))) - linked
    assert ("red_flags" in result.next_screens) == (visit.red_flags is None)
    for link in result.links:
        complaint = visit.complaints[link.complaint]
        finding = result.finding(link.finding)
        if complaint.region.value == "knee" and finding.test.value in {"hip_mobility", "ankle_mobility"}:
            assert complaint.side is Side.BOTH or finding.side is complaint.side


@given(visits())
def test_the_fast_json_is_the_contract_json(visit: Visit) -> None:
    result = triage(visit)
    assert json.loads(result.to_json()) == result.to_json_data()
