"""The codes a FHIR export uses: standard terminologies where one fits, our own code systems where not.

Standard codes are cited where they are chosen (SNOMED CT body sites: the DICOM PS3.16 context
group CID 4031 "Common Anatomic Regions" lists each one used here; the laterality qualifiers are
FHIR's bodysite-laterality value set). Our own systems are URNs under `urn:clinic-app:`, named and
listed in docs/spec/formats.md, "FHIR export"; their codes are the ids the visit document uses.
"""

from __future__ import annotations

from typing import Any

from clinic_app.domain import Region, ScreenId, Side

# ---- standard systems -------------------------------------------------------------------------
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
BCP47 = "urn:ietf:bcp:47"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
OBSERVATION_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"

# ---- ours (docs/spec/formats.md, "FHIR export") -----------------------------------------------
MRN_SYSTEM = "urn:clinic-app:identifier:mrn"
VISIT_ID_SYSTEM = "urn:clinic-app:identifier:visit"
SCREENING_SYSTEM = "urn:clinic-app:code-system:screening"
FINDING_SYSTEM = "urn:clinic-app:code-system:finding"
COMPLAINT_SYSTEM = "urn:clinic-app:code-system:complaint-region"
RED_FLAG_SYSTEM = "urn:clinic-app:code-system:red-flag"
EXERCISE_SYSTEM = "urn:clinic-app:code-system:exercise"
LATERALITY_EXTENSION = "urn:clinic-app:extension:laterality"
DOSING_EXTENSION = "urn:clinic-app:extension:exercise-dosing"

# Pain: NPRS, LOINC 72514-3.
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
# The referral: SNOMED CT 3457005 (the root of FHIR's referral-type value set).
REFERRAL_CODE = "3457005"
REFERRAL_DISPLAY = "Patient referral"

# Where each complaint is: SNOMED CT body structures (CID 4031 "Common Anatomic Regions").
BODY_SITES: dict[Region, tuple[str, str]] = {
    Region.NECK: ("122494005", "Cervical spine structure"),
    Region.HEAD: ("69536005", "Head structure"),
    Region.SHOULDER: ("16982005", "Shoulder region structure"),
    Region.UPPER_BACK: ("122495006", "Thoracic spine structure"),
    Region.LOW_BACK: ("122496007", "Lumbar spine structure"),
    Region.HIP: ("24136001", "Hip joint structure"),
    Region.GROIN: ("26893007", "Inguinal region structure"),
    Region.KNEE: ("49076000", "Knee joint structure"),
    Region.ANKLE_FOOT: ("70258002", "Ankle joint structure"),
}
# The joint each two-legged screen tests, per leg.
SCREEN_BODY_SITES: dict[ScreenId, Region] = {
    ScreenId.HIP_MOBILITY: Region.HIP,
    ScreenId.ANKLE_MOBILITY: Region.ANKLE_FOOT,
}
# SNOMED CT laterality qualifiers (FHIR value set bodysite-laterality); a central complaint has none.
LATERALITY: dict[Side, tuple[str, str]] = {
    Side.LEFT: ("7771000", "Left"),
    Side.RIGHT: ("24028007", "Right"),
    Side.BOTH: ("51440002", "Right and left"),
}

COMPLAINT_DISPLAYS: dict[Region, str] = {
    Region.NECK: "Neck pain",
    Region.HEAD: "Headache",
    Region.SHOULDER: "Shoulder pain",
    Region.UPPER_BACK: "Upper back pain",
    Region.LOW_BACK: "Low back pain",
    Region.HIP: "Hip pain",
    Region.GROIN: "Groin pain",
    Region.KNEE: "Knee pain",
    Region.ANKLE_FOOT: "Ankle or foot pain",
}
SCREEN_DISPLAYS: dict[ScreenId, str] = {
    ScreenId.SHOULDER_HEIGHT: "Shoulder height",
    ScreenId.HEAD_POSTURE: "Head posture",
    ScreenId.HIP_MOBILITY: "Hip mobility (straight-leg raise in a doorway)",
    ScreenId.ANKLE_MOBILITY: "Ankle mobility (half-kneeling knee to wall)",
    ScreenId.PELVIC_HEIGHT: "Pelvic height",
}
# What each recorded field of a screen is, as an Observation component (code = the field's name).
FIELD_DISPLAYS: dict[str, str] = {
    "difference_cm": "Height difference",
    "craniovertebral_angle_deg": "Craniovertebral angle",
    "knee_bent_when_raised": "Knee bent when the leg was raised",
    "foot_turned_out_when_resting": "Foot turned out when the leg was resting",
    "resting_leg_lifted": "Resting leg lifted (thigh came up or knee bent)",
    "raised_angle_deg": "Angle of the raised leg",
    "fms_score": "FMS active straight-leg raise score (0-3)",
    "knee_touches_wall": "Knee touches the wall",
    "heel_lifted": "Heel lifted",
    "toe_to_wall_cm": "Toe-to-wall distance",
}
RESULT_DISPLAYS: dict[str, str] = {
    "level": "Level",
    "left_higher": "Left higher",
    "right_higher": "Right higher",
    "neutral": "Neutral",
    "forward": "Forward head posture",
}
UNITS: dict[str, tuple[str, str]] = {"cm": ("cm", "cm"), "deg": ("deg", "degrees")}


def coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found


def concept(system: str, code: str, display: str | None = None, text: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"coding": [coding(system, code, display)]}
    if text:
        found["text"] = text
    return found


def body_site(region: Region, side: Side | None) -> dict[str, Any]:
    """A SNOMED CT body site, with its side in our laterality extension (SNOMED CT qualifier values)."""
    code, display = BODY_SITES[region]
    site = concept(SNOMED, code, display, text=_site_text(region, side))
    if side in LATERALITY:
        side_code, side_display = LATERALITY[side]
        site["extension"] = [
            {"url": LATERALITY_EXTENSION, "valueCodeableConcept": concept(SNOMED, side_code, side_display)}
        ]
    return site


def _site_text(region: Region, side: Side | None) -> str:
    place = region.value.replace("_", " ").replace("ankle foot", "ankle or foot")
    if side in (Side.LEFT, Side.RIGHT):
        return f"{side.value} {place}"
    if side is Side.BOTH:
        return f"{place}, both sides"
    return place


def quantity(value: float, unit: str) -> dict[str, Any]:
    code, words = UNITS[unit]
    number: float | int = int(value) if float(value).is_integer() else value
    return {"value": number, "unit": words, "system": UCUM, "code": code}
