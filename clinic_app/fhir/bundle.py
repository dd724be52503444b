"""The FHIR Bundle (type `collection`) of one visit, or of a patient with all their visits.

Every bundle is checked against the fhir.resources R4B models (the R4-compatible release the
package ships) before it is handed out: a bundle that fails is a bug, reported as such, never
written. Those models are pydantic classes for every FHIR type, slow to import: they are imported
here, on the first export, and not by commands that do not export.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from clinic_app.errors import ClinicError
from clinic_app.fhir.resources import (
    Entry,
    patient_resource,
    patient_url,
    practitioner_resource,
    practitioner_url,
    visit_entries,
)
from clinic_app.storage.records import StoredPatient, StoredVisit

Bundle = dict[str, Any]


def visit_bundle(patient: StoredPatient, visit: StoredVisit) -> Bundle:
    return patient_bundle(patient, [visit])


def patient_bundle(patient: StoredPatient, visits: Sequence[StoredVisit]) -> Bundle:
    """The patient, the clinicians who saw them, and each visit's resources, oldest visit first."""
    entries = [Entry(patient_url(patient.id), patient_resource(patient.patient))]
    clinicians = dict.fromkeys(v.visit.visit.clinician for v in visits if v.visit.visit.clinician)
    entries += [Entry(practitioner_url(name), practitioner_resource(name)) for name in clinicians if name]
    for visit in sorted(visits, key=lambda v: (v.visit.visit.date, v.created_at, v.id)):
        entries += visit_entries(visit)
    bundle: Bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": entry.url, "resource": entry.resource} for entry in entries],
    }
    check_bundle(bundle)
    return bundle


def check_bundle(bundle: Bundle) -> None:
    """Raise ClinicError unless the bundle validates against the fhir.resources R4B models."""
    from fhir.resources.R4B.bundle import Bundle as BundleModel
    from pydantic import ValidationError

    try:
        BundleModel.model_validate(bundle)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ClinicError(
            f"internal error: the FHIR export failed its own check ({error.error_count()} problems; "
            f"first at {where}: {first['msg']}); nothing was written. Please report this."
        ) from None


def dump_bundle(bundle: Bundle) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
