"""The FHIR bundle of a visit: valid R4B, the contract's codes, and the visit's values readable back."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clinic_app.domain import Side, Visit, VisitStatus
from clinic_app.errors import ClinicError
from clinic_app.fhir.bundle import check_bundle, patient_bundle, visit_bundle
from clinic_app.storage.demo import demo_visits
from clinic_app.storage.records import StoredPatient, StoredVisit
from clinic_app.triage import triage
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES, V1_EXAMPLES

from .reading import (
    LOINC,
    SCREENING,
    SNOMED,
    by_url,
    code_of,
    components,
    dosing,
    laterality,
    of_type,
    references,
    validate,
)

EXAMPLE_DOCUMENTS = sorted(EXAMPLES.glob("*.visit.json")) + sorted(V1_EXAMPLES.glob("*.visit.json"))
# The contract's SNOMED CT body sites, and the ones we chose for the other regions (formats.md).
BODY_SITES = {
    "knee": "49076000",
    "hip": "24136001",
    "ankle_foot": "70258002",
    "shoulder": "16982005",
    "neck": "122494005",
    "head": "69536005",
    "upper_back": "122495006",
    "low_back": "122496007",
    "groin": "26893007",
}
SIDES = {"left": "7771000", "right": "24028007", "both": "51440002", "central": None}
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def stored(visit: Visit, status: VisitStatus = VisitStatus.DRAFT, number: int = 1) -> StoredVisit:
    visit_id = f"{number:032x}"
    info = visit.visit.model_copy(update={"id": visit_id, "status": status})
    visit = visit.model_copy(update={"visit": info})
    signed = triage(visit).to_json() if status is VisitStatus.FINAL else None
    return StoredVisit(visit_id, 1, status, NOW, NOW, visit, patient_id=7, signed_triage=signed)


def bundle_of(visit: Visit, status: VisitStatus = VisitStatus.DRAFT) -> dict[str, Any]:
    one = stored(visit, status)
    return visit_bundle(StoredPatient(7, visit.patient, NOW, NOW), one)


def example(path: Path) -> Visit:
    return parse_visit_document(path.read_text(encoding="utf-8"))


def test_the_examples_are_there() -> None:
    assert len(EXAMPLE_DOCUMENTS) >= 6


@pytest.mark.parametrize("path", EXAMPLE_DOCUMENTS, ids=lambda p: p.name)
def test_each_example_gives_a_valid_bundle_whose_references_all_resolve(path: Path) -> None:
    bundle = bundle_of(example(path))
    validate(bundle)
    assert bundle["type"] == "collection"
    urls = by_url(bundle)
    assert len(urls) == len(bundle["entry"])  # no two entries share a full URL
    for resource in urls.values():
        for target in references(resource):
            assert target in urls, f"{resource['resourceType']} refers to {target}, not in the bundle"
    assert len(of_type(bundle, "Patient")) == 1
    assert len(of_type(bundle, "Encounter")) == 1


@pytest.mark.parametrize("path", EXAMPLE_DOCUMENTS, ids=lambda p: p.name)
def test_the_patient_complaints_and_pain_read_back_with_the_contract_codes(path: Path) -> None:
    visit = example(path)
    bundle = bundle_of(visit)
    (patient,) = of_type(bundle, "Patient")
    assert patient["identifier"][0]["value"] == visit.patient.mrn
    assert patient["name"][0]["family"] == visit.patient.family_name
    assert patient["name"][0]["given"] == [visit.patient.given_name]
    if visit.patient.birth_date:
        assert patient["birthDate"] == visit.patient.birth_date.isoformat()
    if visit.patient.sex:
        assert patient["gender"] == visit.patient.sex.value
    conditions = of_type(bundle, "Condition")
    assert len(conditions) == len(visit.complaints)
    urls = {id(resource): url for url, resource in by_url(bundle).items()}
    pains = {obs["focus"][0]["reference"]: obs for obs in of_type(bundle, "Observation") if "focus" in obs}
    for complaint, condition in zip(visit.complaints, conditions, strict=True):
        (site,) = condition["bodySite"]
        assert code_of(site, SNOMED) == BODY_SITES[complaint.region.value]
        assert laterality(site) == SIDES[complaint.side.value]
        assert code_of(condition["code"], "urn:clinic-app:code-system:complaint-region") == complaint.region
        pain = pains.get(urls[id(condition)])
        if complaint.pain is None:
            assert pain is None
        else:
            assert pain is not None
            assert code_of(pain["code"], LOINC) == "72514-3"
            assert pain["valueInteger"] == complaint.pain
            assert code_of(pain["bodySite"], SNOMED) == BODY_SITES[complaint.region.value]


@pytest.mark.parametrize("path", EXAMPLE_DOCUMENTS, ids=lambda p: p.name)
def test_every_screening_value_reads_back_from_its_observation(path: Path) -> None:
    visit = example(path)
    bundle = bundle_of(visit)
    screens = [o for o in of_type(bundle, "Observation") if o["code"]["coding"][0]["system"] == SCREENING]
    read_back: dict[tuple[str, str | None], dict[str, Any]] = {}
    for observation in screens:
        values = components(observation)
        if "valueCodeableConcept" in observation:
            values["result"] = code_of(observation["valueCodeableConcept"], SCREENING)
        side = laterality(observation["bodySite"]) if "bodySite" in observation else None
        read_back[(code_of(observation["code"], SCREENING), side)] = values
    expected: dict[tuple[str, str | None], dict[str, Any]] = {}
    for screen, done in visit.screenings.model_dump(exclude_none=True, mode="json").items():
        if "left" in done or "right" in done:
            for leg, values in done.items():
                expected[(screen, SIDES[leg])] = values
        else:
            expected[(screen, None)] = done
    assert read_back == expected


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.visit.json")), ids=lambda p: p.name)
def test_findings_referral_and_programme_follow_the_triage(path: Path) -> None:
    visit = example(path)
    wanted = json.loads(path.with_name(path.name.replace(".visit", ".expected")).read_text(encoding="utf-8"))
    bundle = bundle_of(visit)
    found = sorted(
        (code_of(o["code"], SCREENING), laterality(o.get("bodySite", {})), i["coding"][0]["code"])
        for o in of_type(bundle, "Observation")
        for i in o.get("interpretation", [])
        if i["coding"][0]["system"] == "urn:clinic-app:code-system:finding"
    )
    # A finding of a two-legged screen sits on its leg's observation; the others on the screen's.
    expected = sorted(
        (test, SIDES[side] if test in ("hip_mobility", "ankle_mobility") else None, code)
        for test, side, code in (finding.split("/") for finding in wanted["findings"])
    )
    assert found == expected
    referrals = of_type(bundle, "ServiceRequest")
    if wanted["referral"]["required"]:
        (referral,) = referrals
        assert code_of(referral["code"], SNOMED) == "3457005"
        reasons = [code_of(r, "urn:clinic-app:code-system:red-flag") for r in referral["reasonCode"]]
        assert reasons == wanted["referral"]["reasons"]
        priority = {"routine": "routine", "urgent": "urgent", "emergency": "stat"}
        assert referral["priority"] == priority[wanted["referral"]["urgency"]]
    else:
        assert referrals == []
    exercises = triage(visit).exercises
    plans = of_type(bundle, "CarePlan")
    if not exercises:
        assert plans == []
        return
    (plan,) = plans
    read_back = [
        (code_of(a["detail"]["code"], "urn:clinic-app:code-system:exercise"), dosing(a))
        for a in plan["activity"]
    ]
    assert read_back == [
        (e.id, {"side": e.side.value, **e.dosing.model_dump(exclude_none=True)}) for e in exercises
    ]


def test_a_settled_plan_is_the_programme_and_a_finished_visit_reads_as_final() -> None:
    visit = example(EXAMPLES / "knee-left-tight-calf.visit.json")
    proposal = triage(visit).exercises
    settled = visit.model_copy(update={"plan": ()})
    assert of_type(bundle_of(settled), "CarePlan") == []  # the therapist settled on no exercises
    bundle = bundle_of(visit, VisitStatus.FINAL)
    (encounter,) = of_type(bundle, "Encounter")
    assert encounter["status"] == "finished"
    assert {o["status"] for o in of_type(bundle, "Observation")} == {"final"}
    (plan,) = of_type(bundle, "CarePlan")
    assert plan["status"] == "active"
    assert len(plan["activity"]) == len(proposal)
    assert bundle == bundle_of(visit, VisitStatus.FINAL)  # the same visit, the same bundle


def test_every_demo_visit_exports_and_validates() -> None:
    visits = demo_visits(dt.date(2026, 11, 29))
    patients: dict[str, list[StoredVisit]] = {}
    for number, visit in enumerate(visits, start=1):
        patients.setdefault(visit.patient.mrn, []).append(
            stored(visit, visit.visit.status or VisitStatus.DRAFT, number)
        )
    for number, (_mrn, stored_visits) in enumerate(patients.items(), start=1):
        patient = StoredPatient(number, stored_visits[0].visit.patient, NOW, NOW)
        bundle = patient_bundle(
            patient, [v.__class__(**{**_fields(v), "patient_id": number}) for v in stored_visits]
        )
        validate(bundle)
        assert len(of_type(bundle, "Encounter")) == len(stored_visits)
        assert len(of_type(bundle, "Patient")) == 1
        urls = by_url(bundle)
        assert all(target in urls for r in urls.values() for target in references(r))


def _fields(visit: StoredVisit) -> dict[str, Any]:
    return {name: getattr(visit, name) for name in StoredVisit.__dataclass_fields__}


def test_a_bundle_that_fails_the_r4b_models_is_refused_as_a_bug_without_patient_data() -> None:
    bundle = bundle_of(example(EXAMPLES / "knee-left-tight-calf.visit.json"))
    bundle["entry"][0]["resource"]["birthDate"] = "Núñez"
    with pytest.raises(ClinicError) as caught:
        check_bundle(bundle)
    assert "failed its own check" in str(caught.value)
    assert "Núñez" not in str(caught.value)


def test_exporting_does_not_load_the_fhir_models_until_a_bundle_is_checked() -> None:
    code = (
        "import sys; from clinic_app.cli import build_parser; build_parser(); "
        "import clinic_app.fhir.resources; print(any(m.startswith('fhir.') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_leg_screen_on_one_side_gives_one_observation() -> None:
    visit = example(EXAMPLES / "knee-left-tight-calf.visit.json")
    legs = [
        laterality(o["bodySite"])
        for o in of_type(bundle_of(visit), "Observation")
        if o["code"]["coding"][0]["system"] == SCREENING and "bodySite" in o
    ]
    assert len(legs) == sum(
        1
        for screen in (visit.screenings.hip_mobility, visit.screenings.ankle_mobility)
        if screen is not None
        for side in (Side.LEFT, Side.RIGHT)
        if screen.side(side) is not None
    )


def test_a_visit_signed_under_older_rules_exports_the_referral_as_signed() -> None:
    visit = example(EXAMPLES / "low-back-red-flag.visit.json")
    signed = stored(visit, VisitStatus.FINAL)
    old = json.loads(signed.signed_triage or "{}")
    old["referral"]["reasons"] = ["fever_or_unwell"]  # retired in rules 2026.12 (formats.md)
    signed = StoredVisit(**{**_fields(signed), "signed_triage": json.dumps(old)})
    bundle = visit_bundle(StoredPatient(7, visit.patient, NOW, NOW), signed)
    validate(bundle)
    (referral,) = of_type(bundle, "ServiceRequest")
    assert [code_of(r, "urn:clinic-app:code-system:red-flag") for r in referral["reasonCode"]] == [
        "fever_or_unwell"
    ]
