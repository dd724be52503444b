"""The plain input of the printed documents: a visit, its triage, the clinic, and how to print.

Everything the document builders need is resolved here, once, from domain values: the language
and paper (a single print may override the clinic's settings), and the plan as numbered items
that know which of the patient's findings and complaints each exercise is for.

Which document the patient gets follows the triage's plan status: no checklist, no document at all;
a red flag standing, the referral letter alone; every flag present overridden by the therapist, the
referral letter first and the home programme after it; otherwise the home programme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from clinic_app.catalogue import load_catalogue
from clinic_app.documents.changes import PlanChange
from clinic_app.domain import ClinicProfile, DocumentSettings, Dosing, Language, PaperSize, Side, Visit
from clinic_app.exercises import Exercise, load_library
from clinic_app.signatures import Addendum, Signature
from clinic_app.triage import ProposedExercise, TriageResult, triage

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
    # A stored visit's signature and addenda (a visit file has neither): printed with the visit.
    signature: Signature | None = None
    addenda: tuple[Addendum, ...] = ()
    # A follow-up visit: what changed in the plan since the last one (documents.changes.plan_changes),
    # printed on the handout; None when the visit is not a follow-up, () when nothing changed.
    changes: tuple[PlanChange, ...] | None = None

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
        signature: Signature | None = None,
        addenda: tuple[Addendum, ...] = (),
        changes: tuple[PlanChange, ...] | None = None,
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
            signature=signature,
            addenda=addenda,
            changes=changes,
        )

    @property
    def referral_required(self) -> bool:
        """A red flag is present: the patient gets a referral letter (overridden or not)."""
        return self.result.referral.required

    @property
    def plan_allowed(self) -> bool:
        """A home programme may be printed: the checklist was done and no flag is left standing."""
        return self.result.plan_allowed

    @property
    def exercises_despite_referral(self) -> bool:
        """Every flag present was overridden: the letter, and the home programme after it."""
        return self.referral_required and self.plan_allowed

    @property
    def checklist_done(self) -> bool:
        return self.visit.red_flags is not None


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

    Nothing while a home programme is not allowed (a red flag standing, or no checklist), whatever
    plan was recorded; a referral whose flags were all overridden prints its plan.
    """
    if not result.plan_allowed:
        return ()
    if visit.plan is not None:
        planned = [PlannedExercise(p.exercise, p.side, p.dosing, p.note) for p in visit.plan]
    else:
        planned = [PlannedExercise(e.id, e.side, e.dosing, None) for e in result.exercises]
    return tuple(
        _plan_item(number, entry, visit, result, chosen_by_therapist=visit.plan is not None)
        for number, entry in enumerate(planned, start=1)
    )


def hidden_findings(visit: Visit, result: TriageResult) -> frozenset[str]:
    """Findings the patient's documents leave out: deferred (the plan was full) and given no exercise."""
    covered = {finding for item in plan_items(visit, result) for finding in item.for_findings}
    return frozenset(result.deferred_findings) - covered


def _plan_item(
    number: int, entry: PlannedExercise, visit: Visit, result: TriageResult, *, chosen_by_therapist: bool
) -> PlanItem:
    exercise = load_library().exercises[entry.exercise_id]
    proposal = _proposal(result, entry)
    if proposal is not None:
        for_findings, rules = proposal.for_findings, proposal.rules
        strengthened = proposal.for_complaints
    else:
        # Added by the therapist: it is for whichever of today's findings the exercise addresses, and
        # a strengthening exercise for the complaints whose region it strengthens.
        for_findings = tuple(f.id for f in result.findings if f.key in exercise.addresses)
        strengthened = _strengthened_complaints(visit, exercise.id)
        rules = ()
    linked = {link.complaint for link in result.links if link.finding in for_findings}
    return PlanItem(
        number=number,
        exercise=exercise,
        side=entry.side,
        dosing=entry.dosing,
        note=entry.note.strip() if entry.note and entry.note.strip() else None,
        for_findings=for_findings,
        for_complaints=tuple(sorted(linked | set(strengthened))),
        rules=rules,
        chosen_by_therapist=chosen_by_therapist,
    )


def _proposal(result: TriageResult, entry: PlannedExercise) -> ProposedExercise | None:
    """The proposed exercise this entry prints: the same exercise on the same side, else on any side."""
    same = [e for e in result.exercises if e.id == entry.exercise_id]
    return next((e for e in same if e.side is entry.side), same[0] if same else None)


def _strengthened_complaints(visit: Visit, exercise_id: str) -> tuple[int, ...]:
    strengthening = load_catalogue().strengthening
    return tuple(
        index
        for index, complaint in enumerate(visit.complaints)
        if complaint.region in strengthening and strengthening[complaint.region].exercise == exercise_id
    )
