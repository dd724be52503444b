"""One stored visit as FHIR R4 resources, as plain JSON-ready data (checked later, in bundle.py).

A visit gives an Encounter; a Condition per complaint (SNOMED CT body site, side in our laterality
extension) with its NPRS pain score as an Observation (LOINC 72514-3); an Observation per screening
result (a screen, or one leg of a two-legged screen; our screening code system), interpreted with
the triage findings; a ServiceRequest when the triage calls for a referral; and a CarePlan holding
the exercise programme: the plan the therapist settled on, else the triage's proposal.

A finished visit is described by the triage result it was signed with, never a recomputed one.
Resources refer to each other by `urn:uuid:` full URLs derived from the visit's id, so the same
visit always gives the same bundle.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from clinic_app import domain
from clinic_app.domain import ScreenId, Side, VisitStatus
from clinic_app.exercises import load_library
from clinic_app.fhir import codes
from clinic_app.fhir.codes import concept, quantity
from clinic_app.storage.records import StoredVisit
from clinic_app.triage import Finding, TriageResult, triage

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:clinic-app:fhir")
LEG_SCREENS = (ScreenId.HIP_MOBILITY, ScreenId.ANKLE_MOBILITY)
LEGS = (Side.LEFT, Side.RIGHT)
UNIT_OF_FIELD = {"difference_cm": "cm", "toe_to_wall_cm": "cm"}  # the others ending in _deg: degrees
PRIORITY = {"routine": "routine", "urgent": "urgent", "emergency": "stat"}
TIMES_A_DAY = {1: "once a day", 2: "twice a day"}

Resource = dict[str, Any]


def full_url(*parts: object) -> str:
    """A stable `urn:uuid:` for a resource, from what it is (its visit's id and its place in it)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(str(part) for part in parts))}"


def reference(url: str) -> dict[str, str]:
    return {"reference": url}


def patient_url(patient_id: int) -> str:
    return full_url("patient", patient_id)


def practitioner_url(name: str) -> str:
    return full_url("practitioner", name)


def patient_resource(patient: domain.Patient) -> Resource:
    resource: Resource = {
        "resourceType": "Patient",
        "identifier": [
            {
                "use": "usual",
                "type": concept(codes.IDENTIFIER_TYPE, "MR", "Medical record number"),
                "system": codes.MRN_SYSTEM,
                "value": patient.mrn,
            }
        ],
        "name": [{"use": "official", "family": patient.family_name, "given": [patient.given_name]}],
    }
    telecom = [
        {"system": system, "value": value}
        for system, value in (("phone", patient.phone), ("email", patient.email))
        if value
    ]
    if telecom:
        resource["telecom"] = telecom
    if patient.sex is not None:
        resource["gender"] = patient.sex.value  # FHIR's administrative genders are our four
    if patient.birth_date is not None:
        resource["birthDate"] = patient.birth_date.isoformat()
    if patient.language is not None:
        language = concept(codes.BCP47, patient.language.value)
        resource["communication"] = [{"language": language, "preferred": True}]
    return resource


def practitioner_resource(name: str) -> Resource:
    return {"resourceType": "Practitioner", "name": [{"text": name}]}


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    resource: Resource


def visit_entries(stored: StoredVisit) -> list[Entry]:
    """The visit's own resources: the Patient and Practitioner are the bundle's (shared by visits)."""
    return list(_VisitResources(stored).entries())


class _VisitResources:
    def __init__(self, stored: StoredVisit) -> None:
        self.stored = stored
        self.visit = stored.visit
        self.final = stored.status is VisitStatus.FINAL
        self.result: TriageResult = stored.signed_result or triage(stored.visit)
        self.date = self.visit.visit.date.isoformat()
        self.subject = reference(patient_url(stored.patient_id))
        self.encounter_url = full_url(stored.id, "encounter")
        clinician = self.visit.visit.clinician
        self.author = reference(practitioner_url(clinician)) if clinician else None

    def url(self, *parts: object) -> str:
        return full_url(self.stored.id, *parts)

    def entries(self) -> Iterator[Entry]:
        yield Entry(self.encounter_url, self.encounter())
        for index, complaint in enumerate(self.visit.complaints):
            yield Entry(self.url("condition", index), self.condition(index, complaint))
            if complaint.pain is not None:
                yield Entry(self.url("pain", index), self.pain(index, complaint))
        for screen, leg in self.screening_results():
            yield Entry(self.url("screen", screen.value, leg or ""), self.screening(screen, leg))
        if self.result.referral.required:
            yield Entry(self.url("referral"), self.referral())
        programme = list(self.programme())
        if programme:
            yield Entry(self.url("care-plan"), self.care_plan(programme))

    # ---- the visit -------------------------------------------------------------------------

    def encounter(self) -> Resource:
        resource: Resource = {
            "resourceType": "Encounter",
            "identifier": [{"system": codes.VISIT_ID_SYSTEM, "value": self.stored.id}],
            "status": "finished" if self.final else "in-progress",
            "class": codes.coding(codes.ACT_CODE, "AMB", "ambulatory"),
            "subject": self.subject,
            "period": {"start": self.date},
        }
        if self.author is not None:
            resource["participant"] = [{"individual": self.author}]
        if self.visit.complaints:
            resource["reasonReference"] = [
                reference(self.url("condition", index)) for index in range(len(self.visit.complaints))
            ]
        return resource

    def _about(self, resource: Resource) -> Resource:
        resource["subject"] = self.subject
        resource["encounter"] = reference(self.encounter_url)
        return resource

    # ---- complaints ------------------------------------------------------------------------

    def condition(self, index: int, complaint: domain.Complaint) -> Resource:
        display = codes.COMPLAINT_DISPLAYS[complaint.region]
        site = codes.body_site(complaint.region, complaint.side)
        resource: Resource = {
            "resourceType": "Condition",
            "clinicalStatus": concept(codes.CONDITION_CLINICAL, "active", "Active"),
            "category": [concept(codes.CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")],
            "code": concept(codes.COMPLAINT_SYSTEM, complaint.region.value, display, text=display),
            "bodySite": [site],
        }
        self._about(resource)
        resource["recordedDate"] = self.date
        evidence = [
            reference(self.url("screen", finding.test.value, _leg_of(finding) or ""))
            for link in self.result.links_of_complaint(index)
            for finding in (self.result.finding(link.finding),)
        ]
        if evidence:
            resource["evidence"] = [{"detail": evidence}]
        if complaint.note:
            resource["note"] = [{"text": complaint.note}]
        return resource

    def pain(self, index: int, complaint: domain.Complaint) -> Resource:
        resource: Resource = {
            "resourceType": "Observation",
            "status": self._observation_status(),
            "category": [concept(codes.OBSERVATION_CATEGORY, "survey", "Survey")],
            "code": concept(codes.LOINC, codes.PAIN_CODE, codes.PAIN_DISPLAY, text="Pain (NPRS, 0-10)"),
        }
        self._about(resource)
        resource["focus"] = [reference(self.url("condition", index))]
        resource["effectiveDateTime"] = self.date
        resource["valueInteger"] = complaint.pain
        resource["bodySite"] = codes.body_site(complaint.region, complaint.side)
        return resource

    def _observation_status(self) -> str:
        return "final" if self.final else "preliminary"

    # ---- screens ---------------------------------------------------------------------------

    def screening_results(self) -> Iterator[tuple[ScreenId, Side | None]]:
        screenings = self.visit.screenings
        for screen in ScreenId:
            done = getattr(screenings, screen.value)
            if done is None:
                continue
            if screen in LEG_SCREENS:
                for leg in LEGS:
                    if done.side(leg) is not None:
                        yield screen, leg
            else:
                yield screen, None

    def screening(self, screen: ScreenId, leg: Side | None) -> Resource:
        done = getattr(self.visit.screenings, screen.value)
        recorded: domain.Model = done.side(leg) if leg is not None else done
        display = codes.SCREEN_DISPLAYS[screen]
        resource: Resource = {
            "resourceType": "Observation",
            "status": self._observation_status(),
            "category": [concept(codes.OBSERVATION_CATEGORY, "exam", "Exam")],
            "code": concept(codes.SCREENING_SYSTEM, screen.value, display, text=display),
        }
        self._about(resource)
        resource["effectiveDateTime"] = self.date
        values = recorded.model_dump(exclude_none=True)
        result = values.pop("result", None)
        if result is not None:
            words = codes.RESULT_DISPLAYS[str(result)]
            resource["valueCodeableConcept"] = concept(codes.SCREENING_SYSTEM, str(result), words, text=words)
        resource["interpretation"] = self.interpretation(screen, leg)
        if leg is not None:
            resource["bodySite"] = codes.body_site(codes.SCREEN_BODY_SITES[screen], leg)
        if values:
            resource["component"] = [_component(name, value) for name, value in values.items()]
        return resource

    def interpretation(self, screen: ScreenId, leg: Side | None) -> list[Resource]:
        found = [f for f in self.result.findings if f.test is screen and _leg_of(f) == leg]
        if not found:
            return [concept(codes.OBSERVATION_INTERPRETATION, "N", "Normal")]
        return [
            concept(codes.OBSERVATION_INTERPRETATION, "A", "Abnormal"),
            *(concept(codes.FINDING_SYSTEM, f.code, f.label, text=f.label) for f in found),
        ]

    # ---- referral and plan -----------------------------------------------------------------

    def referral(self) -> Resource:
        from clinic_app.catalogue import load_catalogue

        flags = load_catalogue().red_flags
        referral = self.result.referral
        resource: Resource = {
            "resourceType": "ServiceRequest",
            "status": "active" if self.final else "draft",
            "intent": "order",
            "priority": PRIORITY[referral.urgency or "routine"],
            "code": concept(
                codes.SNOMED, codes.REFERRAL_CODE, codes.REFERRAL_DISPLAY, text="Referral to a doctor"
            ),
        }
        self._about(resource)
        resource["authoredOn"] = self.date
        if self.author is not None:
            resource["requester"] = self.author
        # A visit signed under older rules may name a flag since retired: its id stands for its words.
        words = {flag: flags[flag].clinician.en if flag in flags else flag for flag in referral.reasons}
        resource["reasonCode"] = [
            concept(codes.RED_FLAG_SYSTEM, flag, words[flag], text=words[flag]) for flag in referral.reasons
        ]
        notes = [
            f"Home programme given despite this flag: {words.get(override.id, override.id)} Why: {override.reason}"
            for override in self.visit.red_flag_overrides or ()
        ]
        if notes:
            resource["note"] = [{"text": note} for note in notes]
        return resource

    def programme(self) -> Iterator[tuple[str, str, Side, domain.Dosing, str | None]]:
        """(exercise id, name, side, dosing, note): the plan settled on, else the triage's proposal."""
        if self.visit.plan is not None:
            library = load_library().exercises
            for item in self.visit.plan:
                yield item.exercise, library[item.exercise].name, item.side, item.dosing, item.note
        else:
            for proposed in self.result.exercises:
                yield proposed.id, proposed.name, proposed.side, proposed.dosing, None

    def care_plan(self, programme: list[tuple[str, str, Side, domain.Dosing, str | None]]) -> Resource:
        settled = self.visit.plan is not None
        resource: Resource = {
            "resourceType": "CarePlan",
            "status": "active" if self.final else "draft",
            "intent": "plan",
            "title": "Home exercise programme",
            "description": "The plan the therapist settled on."
            if settled
            else f"Proposed by the triage rules {self.result.rules_version}.",
        }
        self._about(resource)
        resource["period"] = {"start": self.date}
        resource["created"] = self.date
        if self.author is not None:
            resource["author"] = self.author
        if self.visit.complaints:
            resource["addresses"] = [
                reference(self.url("condition", index)) for index in range(len(self.visit.complaints))
            ]
        resource["activity"] = [{"detail": self.activity(*item)} for item in programme]
        return resource

    def activity(
        self, exercise: str, name: str, side: Side, dosing: domain.Dosing, note: str | None
    ) -> Resource:
        description = f"{name} ({side.value}): {dosing_words(dosing)}"
        return {
            "extension": [_dosing_extension(side, dosing)],
            "code": concept(codes.EXERCISE_SYSTEM, exercise, name, text=name),
            "status": "scheduled" if self.final else "not-started",
            "scheduledTiming": {"repeat": {"frequency": dosing.per_day, "period": 1, "periodUnit": "d"}},
            "description": f"{description}. {note}" if note else description,
        }


def _leg_of(finding: Finding) -> Side | None:
    return finding.side if finding.test in LEG_SCREENS else None


def _component(name: str, value: object) -> Resource:
    component: Resource = {"code": concept(codes.SCREENING_SYSTEM, name, codes.FIELD_DISPLAYS[name])}
    if isinstance(value, bool):
        component["valueBoolean"] = value
    elif isinstance(value, int):
        component["valueInteger"] = value
    else:
        unit = UNIT_OF_FIELD.get(name, "deg")
        component["valueQuantity"] = quantity(float(value), unit)  # type: ignore[arg-type]
    return component


def _dosing_extension(side: Side, dosing: domain.Dosing) -> Resource:
    parts: list[Resource] = [{"url": "side", "valueCode": side.value}]
    for name in ("hold_s", "reps", "sets", "per_day"):
        value = getattr(dosing, name)
        if value is not None:
            parts.append({"url": name, "valueInteger": value})
    return {"url": codes.DOSING_EXTENSION, "extension": parts}


def dosing_words(dosing: domain.Dosing) -> str:
    parts = []
    if dosing.hold_s is not None:
        parts.append(f"hold {dosing.hold_s} s")
    parts.append(f"{dosing.reps} rep{'s' if dosing.reps != 1 else ''}")
    parts.append(f"{dosing.sets} set{'s' if dosing.sets != 1 else ''}")
    parts.append(TIMES_A_DAY.get(dosing.per_day, f"{dosing.per_day} times a day"))
    return ", ".join(parts)
