"""Hypothesis strategies for valid visits, built from the domain model and the catalogue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import (
    MIDLINE_REGIONS,
    AnkleSide,
    BilateralScreen,
    Complaint,
    HeadPostureScreen,
    HeadResult,
    HipSide,
    LevelResult,
    LevelScreen,
    Patient,
    RedFlagOverride,
    Region,
    Screenings,
    Side,
    Visit,
    VisitInfo,
)

PATIENT = Patient(mrn="T-1", given_name="Zoë", family_name="Núñez")
# Around 65 on the visit date, and none: age-based rules on both sides of their line.
BIRTH_DATES = (
    st.none() | st.dates(dt.date(1940, 1, 1), dt.date(2000, 12, 31)) | st.just(dt.date(1961, 11, 25))
)
VISIT_INFO = VisitInfo(date=dt.date(2026, 11, 25), clinician="Sam Lee, PT")

optional_bool = st.none() | st.booleans()


@st.composite
def complaints(draw: st.DrawFn) -> Complaint:
    region = draw(st.sampled_from(list(Region)))
    sides = list(Side) if region in MIDLINE_REGIONS else [Side.LEFT, Side.RIGHT, Side.BOTH]
    return Complaint(
        region=region, side=draw(st.sampled_from(sides)), pain=draw(st.none() | st.integers(0, 10))
    )


level_screens = st.builds(
    LevelScreen,
    result=st.sampled_from(list(LevelResult)),
    difference_cm=st.none() | st.floats(0, 10),
)
head_screens = st.builds(
    HeadPostureScreen,
    result=st.sampled_from(list(HeadResult)),
    craniovertebral_angle_deg=st.none() | st.floats(0, 180),
) | st.builds(HeadPostureScreen, craniovertebral_angle_deg=st.floats(0, 180))
hip_sides = (
    st.builds(
        HipSide,
        knee_bent_when_raised=st.booleans(),
        foot_turned_out_when_resting=optional_bool,
        resting_leg_lifted=optional_bool,
        raised_angle_deg=st.none() | st.floats(0, 180) | st.sampled_from([69.9, 70.0]),
        fms_score=st.none() | st.integers(0, 3),
    )
    | st.builds(HipSide, foot_turned_out_when_resting=st.booleans())
    | st.builds(HipSide, raised_angle_deg=st.floats(0, 180))
)
ankle_sides = st.builds(
    AnkleSide,
    knee_touches_wall=optional_bool,
    heel_lifted=optional_bool,
    toe_to_wall_cm=st.floats(0, 30),
) | st.builds(AnkleSide, knee_touches_wall=st.booleans(), heel_lifted=optional_bool)


def bilateral(
    sides: st.SearchStrategy[HipSide] | st.SearchStrategy[AnkleSide],
) -> st.SearchStrategy[BilateralScreen[Any]]:
    return st.builds(BilateralScreen, left=sides, right=st.none() | sides) | st.builds(
        BilateralScreen, right=sides
    )


screenings = st.builds(
    Screenings,
    shoulder_height=st.none() | level_screens,
    head_posture=st.none() | head_screens,
    hip_mobility=st.none() | bilateral(hip_sides),
    ankle_mobility=st.none() | bilateral(ankle_sides),
    pelvic_height=st.none() | level_screens,
)
red_flag_lists = st.none() | st.lists(
    st.sampled_from(list(load_catalogue().red_flags)), unique=True, max_size=3
).map(tuple)


@st.composite
def visits(
    draw: st.DrawFn,
    red_flags: st.SearchStrategy[tuple[str, ...] | None] = red_flag_lists,
    birth_dates: st.SearchStrategy[dt.date | None] = BIRTH_DATES,
) -> Visit:
    visit = Visit(
        patient=PATIENT.model_copy(update={"birth_date": draw(birth_dates)}),
        visit=VISIT_INFO,
        complaints=tuple(draw(st.lists(complaints(), max_size=4))),
        red_flags=draw(red_flags),
        screenings=draw(screenings),
    )
    # Sometimes the therapist overrides every routine flag present (allowed or not: triage must cope).
    routine = [f for f in visit.red_flags or () if load_catalogue().red_flags[f].urgency == "routine"]
    override: bool = draw(st.booleans())
    if routine and override:
        overrides = tuple(RedFlagOverride(id=f, reason="reviewed with the GP") for f in routine)
        visit = visit.model_copy(update={"red_flag_overrides": overrides})
    return visit
