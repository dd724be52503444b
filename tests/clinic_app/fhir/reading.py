"""Reading a FHIR bundle back, as a receiving system would: by resource type, by reference, by code."""

from __future__ import annotations

from typing import Any

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
SCREENING = "urn:clinic-app:code-system:screening"
LATERALITY = "urn:clinic-app:extension:laterality"
DOSING = "urn:clinic-app:extension:exercise-dosing"


def validate(bundle: dict[str, Any]) -> None:
    """The bundle parses as a FHIR R4B Bundle (fhir.resources); raises pydantic's ValidationError if not."""
    from fhir.resources.R4B.bundle import Bundle

    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"


def of_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def by_url(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def code_of(concept: dict[str, Any], system: str) -> str:
    (code,) = [c["code"] for c in concept["coding"] if c["system"] == system]
    return str(code)


def laterality(site: dict[str, Any]) -> str | None:
    found = [e for e in site.get("extension", []) if e["url"] == LATERALITY]
    return code_of(found[0]["valueCodeableConcept"], SNOMED) if found else None


def references(value: Any) -> list[str]:
    """Every `reference` anywhere in a resource."""
    if isinstance(value, dict):
        found = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return found + [ref for item in value.values() for ref in references(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in references(item)]
    return []


def components(observation: dict[str, Any]) -> dict[str, Any]:
    """Component code -> its value (bool, int, or the quantity's number)."""
    values: dict[str, Any] = {}
    for component in observation.get("component", []):
        code = code_of(component["code"], SCREENING)
        if "valueQuantity" in component:
            values[code] = component["valueQuantity"]["value"]
        elif "valueBoolean" in component:
            values[code] = component["valueBoolean"]
        else:
            values[code] = component["valueInteger"]
    return values


def dosing(activity: dict[str, Any]) -> dict[str, Any]:
    (extension,) = [e for e in activity["detail"]["extension"] if e["url"] == DOSING]
    return {part["url"]: part.get("valueInteger", part.get("valueCode")) for part in extension["extension"]}
