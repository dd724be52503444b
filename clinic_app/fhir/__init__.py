"""FHIR R4 export: a stored visit, or a patient with all their visits, as a FHIR `Bundle`.

    codes.py      the code systems and codes (standard ones, and ours: docs/spec/formats.md)
    resources.py  one visit's resources as plain JSON-ready data
    bundle.py     the Bundle of a visit or of a patient, checked against the fhir.resources R4B
                  models before it is handed out

The fhir.resources models are imported only when a bundle is checked, so that commands that do
not export never pay for loading them.
"""
