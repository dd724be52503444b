"""Any valid visit prints: a readable PDF whose first page names the patient."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.documents import render_patient_document, render_visit_summary
from clinic_app.domain import Language, Patient, Visit

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


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visit=named_visits(), large_print=st.booleans())
def test_any_valid_visit_prints_with_the_patients_name_on_page_one(visit: Visit, large_print: bool) -> None:
    document = render_patient_document(request(visit, large_print=large_print))
    pages = pages_text(document.pdf)

    assert len(pages) == document.pages >= 1
    assert visit.patient.full_name in pages[0]
    assert document.kind == ("referral" if visit.red_flags else "handout")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visit=visits())
def test_any_valid_visit_gives_a_summary_of_at_most_two_pages(visit: Visit) -> None:
    pages = pages_text(render_visit_summary(request(visit)))

    assert 1 <= len(pages) <= 2
    assert visit.patient.full_name in pages[0]
