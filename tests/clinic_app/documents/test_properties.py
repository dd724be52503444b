"""Any valid visit prints: a readable PDF whose first page names the patient (or, without the red-flag
checklist or with an override the visit does not allow, a clear refusal and no PDF)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.documents import render_patient_document, render_visit_summary
from clinic_app.domain import Language, Patient, Visit
from clinic_app.errors import InvalidInput
from clinic_app.red_flags import override_problems
from clinic_app.triage import triage

from ..strategies import visits
from .helpers import pages_text, request

# Letters from the scripts the shipped font covers: Latin with every accent, Greek, Cyrillic.
name_letters = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll"),
    include_characters="'-",
    max_codepoint=0x04FF,
    exclude_characters="ŉſǰ",  # letters whose text read back decomposes differently
)
names = st.text(name_letters, min_size=1, max_size=24).filter(lambda s: s.strip("'-") == s)


@st.composite
def named_visits(draw: st.DrawFn) -> Visit:
    visit = draw(visits())
    patient = Patient(
        mrn="T-1",
        given_name=draw(names),
        family_name=draw(names),
        language=draw(st.sampled_from(list(Language))),
    )
    return visit.model_copy(update={"patient": patient})


KINDS = {"referral": "referral", "proposed": "handout", "nothing_to_treat": "handout"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visit=named_visits(), large_print=st.booleans())
def test_any_valid_visit_prints_with_the_patients_name_on_page_one(visit: Visit, large_print: bool) -> None:
    result = triage(visit)
    expected = [p.path for p in override_problems(visit)]
    if visit.red_flags is None:
        expected.insert(0, "red_flags")
    if expected:  # no checklist, or an override the visit does not allow: nothing is printed
        with pytest.raises(InvalidInput) as raised:
            render_patient_document(request(visit, large_print=large_print))
        assert [p.path for p in raised.value.problems] == expected
        return

    document = render_patient_document(request(visit, large_print=large_print))
    pages = pages_text(document.pdf)

    assert len(pages) == document.pages == sum(document.part_pages) >= 1
    assert visit.patient.full_name in pages[0]
    if result.referral.required and result.plan_allowed:
        assert document.kind == "referral_and_handout"
    else:
        assert document.kind == KINDS[result.plan_status]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visit=visits())
def test_any_valid_visit_gives_a_summary_of_at_most_two_pages(visit: Visit) -> None:
    pages = pages_text(render_visit_summary(request(visit)))

    assert 1 <= len(pages) <= 2
    assert visit.patient.full_name in pages[0]
