"""The plain input of the printed documents: a visit, its triage, the clinic, and how to print.

Everything the document builders need is resolved here, once, from domain values: the language
and paper (a single print may override the clinic's settings), and the plan as numbered items
that know which of the patient's findings and complaints each exercise is for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from clinic_app.domain import ClinicProfile, DocumentSettings, Dosing, Language, PaperSize, Side, Visit
from clinic_app.exercises import Exercise, load_library
from clinic_app.triage import TriageResult, triage

DocumentKind = Literal["handout", "referral", "summary"]


@dataclass(frozen=True, slots=True)
class DocumentRequest:
    """One print: what it is about, who it comes from, and how it should look."""

    visit: Visit
    result: TriageResult
    clinic: ClinicProfile = field(default_factory=ClinicProfile)
    language: Language = Language.EN
    large_print: bool = False
    paper: PaperSize = PaperSize.LETTER

    @classmethod
    def for_visit(
        cls,
        visit: Visit,
        *,
        result: TriageResult | None = None,
        clinic: ClinicProfile | None = None,
        settings: DocumentSettings | None = None,
        language: Language | None = None,
        large_print: bool | None = None,
        paper: PaperSize | None = None,
    ) -> DocumentRequest:
        """A request with every choice settled: the print's own choice, else the patient's language,
        else the clinic's settings."""
        settings = settings or DocumentSettings()
        return cls(
            visit=visit,
            result=result if result is not None else triage(visit),
            clinic=clinic or ClinicProfile(),
            language=language or visit.patient.language or settings.default_language,
            large_print=settings.large_print if large_print is None else large_print,
            paper=paper or settings.paper,
        )

    @property
    def referral_required(self) -> bool:
        return self.result.referral.required


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One exercise as the patient will do it, with the reasons it was chosen."""

    number: int  # 1-based, the order to do them in
    exercise: Exercise
    side: Side
    dosing: Dosing
    note: str | None
    for_findings: tuple[str, ...]  # finding ids of this visit
    for_complaints: tuple[int, ...]  # indexes into visit.complaints, through the links
    rules: tuple[str, ...]  # the plan rules that proposed it; empty when the therapist added it
    chosen_by_therapist: bool


@dataclass(frozen=True, slots=True)
class PlannedExercise:
    """An exercise of the plan before numbering: the therapist's prescription or a proposal."""

    exercise_id: str
    side: Side
    dosing: Dosing
    note: str | None


def plan_items(visit: Visit, result: TriageResult) -> tuple[PlanItem, ...]:
    """The exercises to print: the therapist's plan when one was set, else the rules' proposal.

    A referral means no home programme at all, whatever plan was recorded.
    """
    if result.referral.required:
        return ()
    if visit.plan is not None:
        planned = [PlannedExercise(p.exercise, p.side, p.dosing, p.note) for p in visit.plan]
    else:
        planned = [PlannedExercise(e.id, e.side, e.dosing, None) for e in result.exercises]
    return tuple(
        _plan_item(number, entry, result, chosen_by_therapist=visit.plan is not None)
        for number, entry in enumerate(planned, start=1)
    )


def _plan_item(
    number: int, entry: PlannedExercise, result: TriageResult, *, chosen_by_therapist: bool
) -> PlanItem:
    exercise = load_library().exercises[entry.exercise_id]
    proposal = next((e for e in result.exercises if e.id == entry.exercise_id), None)
    if proposal is not None:
        for_findings, rules = proposal.for_findings, proposal.rules
    else:
        # Added by the therapist: it is for whichever of today's findings the exercise addresses.
        for_findings = tuple(f.id for f in result.findings if f.key in exercise.addresses)
        rules = ()
    complaints = sorted({link.complaint for link in result.links if link.finding in for_findings})
    return PlanItem(
        number=number,
        exercise=exercise,
        side=entry.side,
        dosing=entry.dosing,
        note=entry.note.strip() if entry.note and entry.note.strip() else None,
        for_findings=for_findings,
        for_complaints=tuple(complaints),
        rules=rules,
        chosen_by_therapist=chosen_by_therapist,
    )
