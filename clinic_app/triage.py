"""The triage engine: a pure, deterministic function from a visit to a triage result (triage/2).

It reports the abnormal findings (an abnormal observation or measurement each makes one, and a
disagreement between them is a warning), links each complaint to the findings that can explain
it, lists the screens still to do, decides the referral and its urgency, and proposes a dosed
plan: one exercise per linked finding, then strengthening, then additional findings, at most six.
Every finding, link and exercise names the rules that produced it. All clinical content comes from
the catalogue and the exercise library (resources/); the engine holds none of its own.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from clinic_app.catalogue import Catalogue, Clause, FindingRule, LinkRule, load_catalogue
from clinic_app.domain import (
    AnkleSide,
    Dosing,
    HeadPostureScreen,
    HipSide,
    Language,
    LevelResult,
    LevelScreen,
    Region,
    ScreenId,
    Side,
    Visit,
)
from clinic_app.exercises import ExerciseLibrary, load_library
from clinic_app.red_flags import overrides_in_force, visit_urgency

TRIAGE_SCHEMA = "clinic-app/triage/2"
LEGS = (Side.LEFT, Side.RIGHT)
OTHER_LEG = {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT}
SIDE_ORDER = {Side.LEFT: 0, Side.RIGHT: 1, Side.BOTH: 2, Side.CENTRAL: 3}
SIDE_WORDS = {
    Language.EN: {Side.LEFT: "left", Side.RIGHT: "right"},
    Language.ES: {Side.LEFT: "izquierda", Side.RIGHT: "derecha"},
}
YES_NO = {Language.EN: ("yes", "no"), Language.ES: ("sí", "no")}
# Cut-off units are written in English in screens.yaml.
UNIT_WORDS = {Language.EN: {}, Language.ES: {"degrees": "grados"}}
PLAN_CACHE_SIZE = 4096
BILATERAL_SCREENS = frozenset({ScreenId.HIP_MOBILITY, ScreenId.ANKLE_MOBILITY})
# The model a finding rule's clauses read their fields from, per screen.
RULE_SUBJECTS: Mapping[ScreenId, type[BaseModel]] = {
    ScreenId.SHOULDER_HEIGHT: LevelScreen,
    ScreenId.HEAD_POSTURE: HeadPostureScreen,
    ScreenId.HIP_MOBILITY: HipSide,
    ScreenId.ANKLE_MOBILITY: AnkleSide,
    ScreenId.PELVIC_HEIGHT: LevelScreen,
}

# plan_status values, in the order they are decided
REFERRAL, NEEDS_CHECKLIST, NOTHING_TO_TREAT, PROPOSED = (
    "referral",
    "needs_red_flag_checklist",
    "nothing_to_treat",
    "proposed",
)


# ---- the result ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    id: str  # test/side/code
    test: ScreenId
    side: Side
    code: str
    label: str
    explanation: str
    rules: tuple[str, ...]
    key: str  # the kind of finding, without its side: test/code
    additional: bool = False  # explains no complaint of this visit


@dataclass(frozen=True, slots=True)
class Link:
    complaint: int
    finding: str
    rule: str
    explanation: str


@dataclass(frozen=True, slots=True)
class ProposedExercise:
    id: str
    name: str
    kind: str
    side: Side
    for_findings: tuple[str, ...]
    for_complaints: tuple[int, ...]
    rules: tuple[str, ...]
    dosing: Dosing


@dataclass(frozen=True, slots=True)
class Referral:
    required: bool = False
    urgency: str | None = None
    reasons: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()
    combinations: tuple[str, ...] = ()  # the combination rules that apply (traceability)


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    fields: tuple[str, ...]
    messages: Mapping[Language, str] = field(hash=False, compare=False)

    @property
    def message(self) -> str:
        return self.messages[Language.EN]


@dataclass(frozen=True, slots=True)
class TriageResult:
    rules_version: str
    referral: Referral
    plan_status: str
    findings: tuple[Finding, ...]
    links: tuple[Link, ...]
    unexplained_complaints: tuple[int, ...]
    next_screens: tuple[str, ...]
    exercises: tuple[ProposedExercise, ...]
    deferred_findings: tuple[str, ...] = ()
    deferred_strength: tuple[int, ...] = ()
    warnings: tuple[Warning, ...] = ()

    def finding(self, finding_id: str) -> Finding:
        return next(f for f in self.findings if f.id == finding_id)

    def links_of_complaint(self, index: int) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.complaint == index)

    @property
    def plan_allowed(self) -> bool:
        """Whether a home programme may be given at all (no flag left standing, checklist done)."""
        return self.plan_status in (PROPOSED, NOTHING_TO_TREAT)

    @classmethod
    def from_json_data(cls, data: Mapping[str, Any]) -> TriageResult:
        """A stored result back as values (a signed visit keeps the result it was signed with)."""
        referral = data["referral"]
        return cls(
            rules_version=data["rules_version"],
            referral=Referral(
                required=referral["required"],
                urgency=referral["urgency"],
                reasons=tuple(referral["reasons"]),
                overridden=tuple(referral.get("overridden", ())),
                combinations=tuple(referral.get("combinations", ())),
            ),
            plan_status=data["plan_status"],
            findings=tuple(_finding_from(f) for f in data["findings"]),
            links=tuple(
                Link(k["complaint"], k["finding"], k["rule"], k["explanation"]) for k in data["links"]
            ),
            unexplained_complaints=tuple(data["unexplained_complaints"]),
            next_screens=tuple(data["next_screens"]),
            exercises=tuple(_exercise_from(e) for e in data["exercises"]),
            deferred_findings=tuple(data["deferred_findings"]),
            deferred_strength=tuple(data["deferred_strength"]),
            # Only the English message is kept in the contract JSON; it stands for every language.
            warnings=tuple(
                Warning(w["code"], tuple(w["fields"]), dict.fromkeys(Language, w["message"]))
                for w in data["warnings"]
            ),
        )

    def same_as(self, other: TriageResult) -> bool:
        """Whether two results say the same thing (their contract JSON is equal)."""
        return self.to_json() == other.to_json()

    def to_json(self) -> str:
        """The contract JSON on one line; the same as dumping to_json_data(), only faster for batches."""
        referral = self.referral
        parts = [
            '{"schema":"',
            TRIAGE_SCHEMA,
            '","rules_version":',
            _dumps(self.rules_version),
            ',"referral":',
            _dumps(_referral_data(referral)),
            ',"plan_status":"',
            self.plan_status,
            '","findings":[',
            ",".join(_finding_json(f) for f in self.findings),
            '],"links":[',
            ",".join(_link_json(k) for k in self.links),
            '],"unexplained_complaints":',
            _dumps(list(self.unexplained_complaints)),
            ',"next_screens":',
            _dumps(list(self.next_screens)),
            ',"exercises":[',
            ",".join(_exercise_json(e) for e in self.exercises),
            '],"deferred_findings":',
            _dumps(list(self.deferred_findings)),
            ',"deferred_strength":',
            _dumps(list(self.deferred_strength)),
            ',"warnings":[',
            ",".join(_warning_json(w) for w in self.warnings),
            "]}",
        ]
        return "".join(parts)

    def to_json_data(self) -> dict[str, Any]:
        """The result in the shape of the ``clinic-app/triage/2`` contract."""
        return {
            "schema": TRIAGE_SCHEMA,
            "rules_version": self.rules_version,
            "referral": _referral_data(self.referral),
            "plan_status": self.plan_status,
            "findings": [_finding_data(f) for f in self.findings],
            "links": [_link_data(k) for k in self.links],
            "unexplained_complaints": list(self.unexplained_complaints),
            "next_screens": list(self.next_screens),
            "exercises": [_exercise_data(e) for e in self.exercises],
            "deferred_findings": list(self.deferred_findings),
            "deferred_strength": list(self.deferred_strength),
            "warnings": [_warning_data(w) for w in self.warnings],
        }


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)


# Findings and exercises are shared immutable values (see TriageEngine), so their JSON is too.
@functools.lru_cache(maxsize=4096)
def _finding_json(finding: Finding) -> str:
    return _dumps(_finding_data(finding))


@functools.lru_cache(maxsize=4096)
def _exercise_json(exercise: ProposedExercise) -> str:
    return _dumps(_exercise_data(exercise))


def _warning_json(warning: Warning) -> str:
    # A warning's hash leaves its words out, so the cache is keyed by the words themselves.
    return _warning_json_of(warning.code, warning.fields, warning.message)


@functools.lru_cache(maxsize=4096)
def _warning_json_of(code: str, fields: tuple[str, ...], message: str) -> str:
    return _dumps({"code": code, "fields": list(fields), "message": message})


@functools.lru_cache(maxsize=4096)
def _link_json(link: Link) -> str:
    return _dumps(_link_data(link))


def _referral_data(referral: Referral) -> dict[str, Any]:
    return {
        "required": referral.required,
        "urgency": referral.urgency,
        "reasons": list(referral.reasons),
        "overridden": list(referral.overridden),
        "combinations": list(referral.combinations),
    }


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "test": finding.test.value,
        "side": finding.side.value,
        "code": finding.code,
        "label": finding.label,
        "explanation": finding.explanation,
        "additional": finding.additional,
        "rules": list(finding.rules),
    }


def _link_data(link: Link) -> dict[str, Any]:
    return {
        "complaint": link.complaint,
        "finding": link.finding,
        "rule": link.rule,
        "explanation": link.explanation,
    }


def _exercise_data(exercise: ProposedExercise) -> dict[str, Any]:
    dosing = exercise.dosing
    return {
        "id": exercise.id,
        "name": exercise.name,
        "kind": exercise.kind,
        "side": exercise.side.value,
        "for_findings": list(exercise.for_findings),
        "for_complaints": list(exercise.for_complaints),
        "rules": list(exercise.rules),
        "dosing": {
            "hold_s": dosing.hold_s,
            "reps": dosing.reps,
            "sets": dosing.sets,
            "per_day": dosing.per_day,
        },
    }


def _finding_from(data: Mapping[str, Any]) -> Finding:
    return Finding(
        id=data["id"],
        test=ScreenId(data["test"]),
        side=Side(data["side"]),
        code=data["code"],
        label=data["label"],
        explanation=data["explanation"],
        rules=tuple(data["rules"]),
        key=f"{data['test']}/{data['code']}",
        additional=data["additional"],
    )


def _exercise_from(data: Mapping[str, Any]) -> ProposedExercise:
    return ProposedExercise(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        side=Side(data["side"]),
        for_findings=tuple(data["for_findings"]),
        for_complaints=tuple(data["for_complaints"]),
        rules=tuple(data["rules"]),
        dosing=Dosing.model_validate(data["dosing"]),
    )


def _warning_data(warning: Warning) -> dict[str, Any]:
    return {"code": warning.code, "fields": list(warning.fields), "message": warning.message}


# ---- compiled rules ---------------------------------------------------------------------------

# A compiled clause: (read the other leg?, field, test, expected)
CompiledClause = tuple[bool, str, str, Any]


@dataclass(frozen=True, slots=True)
class _CompiledFindingRule:
    rule_id: str
    screen: str  # attribute of Screenings
    side_mode: str  # leg | higher | central
    when: tuple[CompiledClause, ...]
    unless: tuple[CompiledClause, ...]
    finding_ids: Mapping[Side, str]


@dataclass(frozen=True, slots=True)
class _ComplaintRules:
    """What the rules say about a complaint in one region on one side, worked out once."""

    explaining: Mapping[str, LinkRule]  # finding id -> the rule by which it explains the complaint
    # The screens that could explain it: (Screenings attribute, legs that must be recorded, or () if not sided).
    screens: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(slots=True)
class _Slot:
    """An exercise being placed in the plan, gathering what it is for."""

    exercise_id: str
    sides: set[Side]
    for_findings: list[str]
    for_complaints: list[int]
    rules: list[str]


class TriageEngine:
    """The catalogue and library compiled into look-up tables, built once and reused."""

    def __init__(self, catalogue: Catalogue, library: ExerciseLibrary) -> None:
        self.catalogue = catalogue
        self.library = library
        self._cutoffs = {name: cutoff.value for name, cutoff in catalogue.cutoffs.items()}
        self._finding_rules = tuple(
            _compile_finding_rule(rule, self._cutoffs) for rule in catalogue.finding_rules
        )
        self._finding_templates = _finding_templates(catalogue)
        self._finding_rank = {fid: rank for rank, fid in enumerate(self._finding_templates)}
        self._complaint_rules = {
            (region, side): _complaint_rules(catalogue.link_rules_for(region), side, self._finding_templates)
            for region in catalogue.regions
            for side in Side
        }
        self._disagreements = tuple(
            (check, tuple(_compile_clause(c, self._cutoffs) for c in check.unless))
            for check in catalogue.disagreements
        )
        self._withholds = tuple(
            (rule, tuple(_compile_clause(c, self._cutoffs) for c in rule.when))
            for rule in catalogue.withholds
        )
        self._links_made: dict[tuple[int, str, str], Link] = {}
        self._screen_rank = {screen: rank for rank, screen in enumerate(catalogue.screen_order)}
        self._kind_rank = {kind: rank for rank, kind in enumerate(catalogue.kind_order)}
        self._plans: dict[
            tuple[Any, ...], tuple[tuple[ProposedExercise, ...], tuple[str, ...], tuple[int, ...]]
        ] = {}
        self._findings_made: dict[tuple[str, tuple[str, ...], bool], Finding] = {}
        self._older_dosings: dict[str, Dosing] = {}
        self._proposals: dict[ProposedExercise, ProposedExercise] = {}
        # Warnings are immutable values too: measurements repeat, so their words are made once.
        self._warnings_made: dict[tuple[Any, ...], Warning] = {}

    def triage(self, visit: Visit) -> TriageResult:
        fired = self._fired(visit)
        links = self._links(visit, fired)
        linked = {link.finding for link in links}
        findings = tuple(self._finding(fid, rules, fid not in linked) for fid, rules in fired)
        referral = self._referral(visit)
        withheld, warnings = self._withheld(visit)
        warnings = self._disagreement_warnings(visit) + warnings
        status = _plan_status(visit, referral, findings)
        exercises: tuple[ProposedExercise, ...] = ()
        deferred_findings: tuple[str, ...] = ()
        deferred_strength: tuple[int, ...] = ()
        if status == PROPOSED:
            exercises, deferred_findings, deferred_strength = self._plan_for(visit, findings, links, withheld)
        explained = {link.complaint for link in links}
        return TriageResult(
            rules_version=self.catalogue.version,
            referral=referral,
            plan_status=status,
            findings=findings,
            links=links,
            unexplained_complaints=tuple(i for i in range(len(visit.complaints)) if i not in explained),
            next_screens=() if status == REFERRAL else self._next_screens(visit),
            exercises=exercises,
            deferred_findings=deferred_findings,
            deferred_strength=deferred_strength,
            warnings=warnings,
        )

    # findings ---------------------------------------------------------------------------------

    def _fired(self, visit: Visit) -> list[tuple[str, tuple[str, ...]]]:
        """(finding id, the rules that found it), in report order."""
        fired: dict[str, list[str]] = {}
        screenings = visit.screenings
        for rule in self._finding_rules:
            screen = getattr(screenings, rule.screen)
            if screen is not None:
                for side, subject, other in _subjects(rule.side_mode, screen):
                    if (
                        subject is not None
                        and _matches(rule.when, subject, other)
                        and not _any_matches(rule.unless, subject, other)
                    ):
                        fired.setdefault(rule.finding_ids[side], []).append(rule.rule_id)
        ordered = sorted(fired, key=self._finding_rank.__getitem__)
        return [(fid, tuple(fired[fid])) for fid in ordered]

    def _finding(self, finding_id: str, rules: tuple[str, ...], additional: bool) -> Finding:
        # Findings are immutable values: share one per (finding, rules, additional) rather than rebuild it.
        key = (finding_id, rules, additional)
        finding = self._findings_made.get(key)
        if finding is None:
            finding = replace(self._finding_templates[finding_id], rules=rules, additional=additional)
            self._findings_made[key] = finding
        return finding

    # warnings ---------------------------------------------------------------------------------

    def _disagreement_warnings(self, visit: Visit) -> tuple[Warning, ...]:
        warnings = []
        for check, unless in self._disagreements:
            screen = getattr(visit.screenings, check.screen.value)
            if screen is None:
                continue
            for side, subject, other in _subjects(check.side, screen):
                if subject is None or _any_matches(unless, subject, other):
                    continue
                warnings += self._disagreements_on(check, side, subject)
        return tuple(warnings)

    def _disagreements_on(self, check: Any, side: Side, subject: Any) -> list[Warning]:
        measurement = check.measurement
        value = getattr(subject, measurement.field)
        if value is None:
            return []
        cutoff = self._cutoffs[measurement.cutoff]
        measured_abnormal = value < cutoff
        warnings = []
        for observation in check.observations:
            recorded = getattr(subject, observation.field)
            if recorded is None:
                continue
            observed_abnormal = recorded != observation.normal
            if observed_abnormal == measured_abnormal or (observed_abnormal and not check.both_ways):
                continue
            key = (check.id, side, observation.field, recorded, value)
            warning = self._warnings_made.get(key)
            if warning is None:
                prefix = _field_prefix(check.screen, side)
                messages = {
                    language: self._disagreement_message(
                        language, check, side, observation, recorded, value, cutoff, measured_abnormal
                    )
                    for language in Language
                }
                fields = (f"{prefix}.{observation.field}", f"{prefix}.{measurement.field}")
                warning = Warning("observation_disagrees_with_measurement", fields, messages)
                if len(self._warnings_made) >= PLAN_CACHE_SIZE:
                    self._warnings_made.clear()
                self._warnings_made[key] = warning
            warnings.append(warning)
        return warnings

    def _disagreement_message(
        self,
        language: Language,
        check: Any,
        side: Side,
        observation: Any,
        recorded: Any,
        value: float,
        cutoff: float,
        measured_abnormal: bool,
    ) -> str:
        templates = self.catalogue.disagreement_messages
        template = templates.measurement_abnormal if measured_abnormal else templates.measurement_normal
        unit = self.catalogue.cutoffs[check.measurement.cutoff].unit
        unit = UNIT_WORDS[language].get(unit, unit)
        return template[language].format(
            where=self._where(check.screen, side, language),
            measurement=check.measurement.label[language],
            value=f"{value:g}",
            unit=unit,
            cutoff=f"{cutoff:g}",
            observation=observation.label[language],
            recorded=_recorded_words(recorded, language),
        )

    def _where(self, screen: ScreenId, side: Side, language: Language) -> str:
        name = self.catalogue.screens[screen].name[language]
        return f"{name}, {SIDE_WORDS[language][side]}" if side in LEGS else name

    def _withheld(self, visit: Visit) -> tuple[frozenset[str], tuple[Warning, ...]]:
        """Finding ids that get no exercise (pain during the test), with their warnings."""
        withheld: set[str] = set()
        warnings = []
        for rule, when in self._withholds:
            screen = getattr(visit.screenings, rule.screen.value)
            if screen is None:
                continue
            for side, subject, other in _subjects("leg", screen):
                if subject is None or not _matches(when, subject, other):
                    continue
                withheld.update(
                    f"{key.partition('/')[0]}/{side.value}/{key.partition('/')[2]}" for key in rule.findings
                )
                messages = {
                    language: rule.message[language].format(where=self._where(rule.screen, side, language))
                    for language in Language
                }
                fields = tuple(f"{_field_prefix(rule.screen, side)}.{clause.field}" for clause in rule.when)
                warnings.append(Warning(rule.warning, fields, messages))
        return frozenset(withheld), tuple(warnings)

    # links and next screens -------------------------------------------------------------------

    def _links(self, visit: Visit, fired: list[tuple[str, tuple[str, ...]]]) -> tuple[Link, ...]:
        links = []
        for index, complaint in enumerate(visit.complaints):
            explaining = self._complaint_rules[complaint.region, complaint.side].explaining
            links += [self._link(index, fid, explaining[fid]) for fid, _ in fired if fid in explaining]
        return tuple(links)

    def _link(self, complaint: int, finding_id: str, rule: LinkRule) -> Link:
        key = (complaint, finding_id, rule.id)
        link = self._links_made.get(key)
        if link is None:
            link = self._links_made[key] = Link(complaint, finding_id, rule.id, rule.explanation.en)
        return link

    def _next_screens(self, visit: Visit) -> tuple[str, ...]:
        needed: set[str] = set() if visit.red_flags is not None else {"red_flags"}
        screenings = visit.screenings
        for complaint in visit.complaints:
            for screen_name, legs in self._complaint_rules[complaint.region, complaint.side].screens:
                if not _recorded(getattr(screenings, screen_name), legs):
                    needed.add(screen_name)
        return tuple(sorted(needed, key=self._screen_rank.__getitem__))

    # referral ---------------------------------------------------------------------------------

    def _referral(self, visit: Visit) -> Referral:
        present = set(visit.red_flags or ())
        if not present:
            return Referral()
        urgency, combinations = visit_urgency(visit, self.catalogue)
        return Referral(
            required=True,
            urgency=urgency,
            reasons=tuple(flag_id for flag_id in self.catalogue.red_flags if flag_id in present),
            overridden=overrides_in_force(visit, self.catalogue),
            combinations=combinations,
        )

    # the plan ---------------------------------------------------------------------------------

    def older_dosing(self, exercise_id: str) -> Dosing:
        """The exercise's dose with the older-adult hold, made once per exercise."""
        dosing = self._older_dosings.get(exercise_id)
        if dosing is None:
            base = self.library.exercises[exercise_id].dosing
            dosing = self._older_dosings[exercise_id] = base.model_copy(
                update={"hold_s": self.catalogue.older_adult.hold_s}
            )
        return dosing

    def proposal(self, made: ProposedExercise) -> ProposedExercise:
        """One shared value per distinct proposal (its JSON is then cached too)."""
        shared = self._proposals.setdefault(made, made)
        if len(self._proposals) >= PLAN_CACHE_SIZE:
            self._proposals.clear()
        return shared

    def _plan_for(
        self, visit: Visit, findings: tuple[Finding, ...], links: tuple[Link, ...], withheld: frozenset[str]
    ) -> tuple[tuple[ProposedExercise, ...], tuple[str, ...], tuple[int, ...]]:
        # The plan depends only on these; batches repeat the same combinations often.
        age = visit.age_on_visit_date()
        older = age is not None and age >= self.catalogue.older_adult.min_age
        # Only the order of the pains matters to the plan, so the key holds their ranks: visits
        # that differ only in how much it hurts share one plan.
        ranks = {pain: rank for rank, pain in enumerate(sorted({_pain(c.pain) for c in visit.complaints}))}
        complaints = tuple((c.region, c.side, ranks[_pain(c.pain)]) for c in visit.complaints)
        key = (
            tuple(f.id for f in findings),
            tuple((k.complaint, k.finding) for k in links),
            complaints,
            withheld,
            older,
        )
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= PLAN_CACHE_SIZE:
                self._plans.clear()
            plan = self._plans[key] = _PlanBuilder(self, complaints, older).build(findings, links, withheld)
        return plan


def _pain(pain: int | None) -> int:
    return -1 if pain is None else pain  # an unrated complaint ranks below any rated one


class _PlanBuilder:
    """Places exercises by priority until the plan is full; what does not fit is deferred."""

    def __init__(self, engine: TriageEngine, complaints: tuple[tuple[Region, Side, int], ...], older: bool):
        self.engine = engine
        self.catalogue = engine.catalogue
        self.complaints = complaints
        self.older = older
        self.slots: dict[str, _Slot] = {}

    def build(
        self, findings: tuple[Finding, ...], links: tuple[Link, ...], withheld: frozenset[str]
    ) -> tuple[tuple[ProposedExercise, ...], tuple[str, ...], tuple[int, ...]]:
        pain = {i: c[2] for i, c in enumerate(self.complaints)}  # ranks: only the order matters
        worst: dict[str, int] = {}
        for link in links:
            worst[link.finding] = max(worst.get(link.finding, -1), pain[link.complaint])
        treatable = [f for f in findings if f.id not in withheld]
        linked = sorted((f for f in treatable if not f.additional), key=lambda f: -worst[f.id])
        deferred = [f.id for f in linked if not self._place_finding(f)]
        deferred_strength = self._place_strengthening({link.complaint for link in links}, pain)
        deferred += [f.id for f in treatable if f.additional and not self._place_finding(f)]
        order = {exercise_id: rank for rank, exercise_id in enumerate(self.slots)}
        kind_rank = self.engine._kind_rank
        library = self.engine.library.exercises
        slots = sorted(
            self.slots.values(), key=lambda s: (kind_rank[library[s.exercise_id].kind], order[s.exercise_id])
        )
        return tuple(self._proposal(slot) for slot in slots), tuple(deferred), tuple(deferred_strength)

    def _place_finding(self, finding: Finding) -> bool:
        rule = self.catalogue.plan[finding.key]
        rules = [rule.id]
        for exercise_id in rule.exercises:
            exclusion = self._exclusion(exercise_id, finding.side)
            if exclusion is None:
                return self._place(exercise_id, finding.side, rules, finding=finding.id)
            rules.append(exclusion)
        return True  # every exercise is ruled out on this side: nothing to defer

    def _exclusion(self, exercise_id: str, side: Side) -> str | None:
        for exclusion in self.catalogue.exclusions:
            if exclusion.exercise == exercise_id and any(
                region in exclusion.complaint_regions and complaint_side in (side, Side.BOTH)
                for region, complaint_side, _ in self.complaints
            ):
                return exclusion.id
        return None

    def _place_strengthening(self, explained: set[int], pain: Mapping[int, int]) -> list[int]:
        deferred = []
        for index in sorted(explained, key=lambda i: (-pain[i], i)):
            region, side, _ = self.complaints[index]
            rule = self.catalogue.strengthening.get(region)
            if rule is None:
                continue
            exercise_side = side if rule.side == "complaint" else Side.CENTRAL
            if not self._place(rule.exercise, exercise_side, [rule.id], complaint=index):
                deferred.append(index)
        return deferred

    def _place(
        self,
        exercise_id: str,
        side: Side,
        rules: list[str],
        *,
        finding: str | None = None,
        complaint: int | None = None,
    ) -> bool:
        """Add the exercise, or what it is for to the same exercise already placed; False when full."""
        slot = self.slots.get(exercise_id)
        if slot is None:
            if len(self.slots) >= self.catalogue.max_exercises:
                return False
            slot = self.slots[exercise_id] = _Slot(exercise_id, set(), [], [], [])
        slot.sides.add(self._exercise_side(exercise_id, side))
        if finding is not None:
            slot.for_findings.append(finding)
        if complaint is not None:
            slot.for_complaints.append(complaint)
        slot.rules += [rule for rule in rules if rule not in slot.rules]
        return True

    def _exercise_side(self, exercise_id: str, side: Side) -> Side:
        if not self.engine.library.exercises[exercise_id].per_side:
            return Side.CENTRAL
        return side if side in (*LEGS, Side.BOTH) else Side.BOTH

    def _proposal(self, slot: _Slot) -> ProposedExercise:
        exercise = self.engine.library.exercises[slot.exercise_id]
        dosing, rules = exercise.dosing, list(slot.rules)
        older = self.catalogue.older_adult
        if (
            self.older
            and exercise.kind in older.kinds
            and dosing.hold_s is not None
            and dosing.hold_s < older.hold_s
        ):
            dosing = self.engine.older_dosing(exercise.id)
            rules.append(older.id)
        return self.engine.proposal(
            ProposedExercise(
                id=exercise.id,
                name=exercise.name,
                kind=exercise.kind,
                side=_combined_side(slot.sides),
                for_findings=tuple(slot.for_findings),
                for_complaints=tuple(sorted(slot.for_complaints)),
                rules=tuple(rules),
                dosing=dosing,
            )
        )


def _plan_status(visit: Visit, referral: Referral, findings: tuple[Finding, ...]) -> str:
    if referral.required and set(referral.reasons) - set(referral.overridden):
        return REFERRAL
    if visit.red_flags is None:
        return NEEDS_CHECKLIST
    if not findings:
        return NOTHING_TO_TREAT
    return PROPOSED


# ---- rule compilation and matching ------------------------------------------------------------


def _compile_finding_rule(rule: FindingRule, cutoffs: Mapping[str, float]) -> _CompiledFindingRule:
    screen_id = ScreenId(rule.finding.partition("/")[0])
    _check_rule_fits_screen(rule, screen_id)
    code = rule.finding.partition("/")[2]
    return _CompiledFindingRule(
        rule_id=rule.id,
        screen=screen_id.value,
        side_mode=rule.side,
        when=tuple(_compile_clause(clause, cutoffs) for clause in rule.when),
        unless=tuple(_compile_clause(clause, cutoffs) for clause in rule.unless),
        finding_ids={side: f"{screen_id.value}/{side.value}/{code}" for side in Side},
    )


def _compile_clause(clause: Clause, cutoffs: Mapping[str, float]) -> CompiledClause:
    other = clause.leg == "other"
    if clause.absent:
        return (other, clause.field, "absent", None)
    if clause.below is not None:
        return (other, clause.field, "below", cutoffs[clause.below])
    if clause.in_ is not None:
        return (other, clause.field, "in", frozenset(clause.in_))
    return (other, clause.field, "equals", clause.equals)


def _matches(clauses: tuple[CompiledClause, ...], subject: Any, other: Any) -> bool:
    """Whether every clause holds for the recorded values."""
    return all(_holds(clause, subject, other) for clause in clauses)


def _any_matches(clauses: tuple[CompiledClause, ...], subject: Any, other: Any) -> bool:
    return any(_holds(clause, subject, other) for clause in clauses)


def _holds(clause: CompiledClause, subject: Any, other: Any) -> bool:
    read_other, name, test, expected = clause
    source = other if read_other else subject
    value = None if source is None else getattr(source, name)
    if test == "absent":
        return value is None
    if value is None:
        return False
    if test == "below":
        return bool(value < expected)
    if test == "in":
        return value in expected
    # True == 1 in Python: a yes/no field must never match a score, nor a score a yes/no.
    return value == expected and isinstance(value, bool) == isinstance(expected, bool)


def _finding_templates(catalogue: Catalogue) -> dict[str, Finding]:
    """Every finding the catalogue can produce, on every side it can occur, in report order."""
    sides_of: dict[str, set[Side]] = {}
    for rule in catalogue.finding_rules:
        sides = {Side.CENTRAL} if rule.side == "central" else set(LEGS)
        sides_of.setdefault(rule.finding, set()).update(sides)
    templates = {}
    for key, entry in catalogue.findings.items():
        screen_id = entry.screen.id
        for side in sorted(sides_of.get(key, ()), key=SIDE_ORDER.__getitem__):
            label = entry.definition.label.en
            templates[f"{screen_id.value}/{side.value}/{entry.definition.code}"] = Finding(
                id=f"{screen_id.value}/{side.value}/{entry.definition.code}",
                test=screen_id,
                side=side,
                code=entry.definition.code,
                label=label if side is Side.CENTRAL else f"{label} ({side.value})",
                explanation=entry.definition.explanation,
                rules=(),
                key=key,
            )
    return templates


def _check_rule_fits_screen(rule: FindingRule, screen_id: ScreenId) -> None:
    # A misspelt field in the data would silently never fire: refuse it when loading instead.
    fields = RULE_SUBJECTS[screen_id].model_fields
    unknown = [c.field for c in [*rule.when, *rule.unless] if c.field not in fields]
    other_leg = any(c.leg == "other" for c in [*rule.when, *rule.unless])
    bilateral = screen_id in BILATERAL_SCREENS
    if unknown or (rule.side == "leg") != bilateral or (other_leg and not bilateral):
        from clinic_app.catalogue import CatalogueError
        from clinic_app.errors import Problem

        message = (
            f"unknown field {', '.join(unknown)}"
            if unknown
            else f"side {rule.side!r} does not fit the screen"
        )
        raise CatalogueError("screens.yaml", [Problem(f"finding_rules {rule.id}", message)])


def _subjects(side_rule: str, screen: Any) -> Iterable[tuple[Side, Any, Any]]:
    """What a rule is checked against: (the side a finding would get, that leg or screen, the other leg)."""
    if side_rule == "leg":
        return ((Side.LEFT, screen.left, screen.right), (Side.RIGHT, screen.right, screen.left))
    if side_rule == "higher":
        higher = {LevelResult.LEFT_HIGHER: Side.LEFT, LevelResult.RIGHT_HIGHER: Side.RIGHT}.get(screen.result)
        return () if higher is None else ((higher, screen, None),)
    return ((Side.CENTRAL, screen, None),)


def _field_prefix(screen: ScreenId, side: Side) -> str:
    """The document path of a screen's fields on one side."""
    return f"screenings.{screen.value}.{side.value}" if side in LEGS else f"screenings.{screen.value}"


def _recorded_words(value: Any, language: Language) -> str:
    if isinstance(value, bool):
        return YES_NO[language][0 if value else 1]
    return str(getattr(value, "value", value))


def _complaint_rules(
    rules: Iterable[LinkRule], complaint_side: Side, findings: Mapping[str, Finding]
) -> _ComplaintRules:
    explaining: dict[str, LinkRule] = {}
    screens: dict[str, tuple[str, ...]] = {}
    for rule in rules:
        for finding in findings.values():
            if finding.key in rule.findings and _explains(rule, finding.side, complaint_side):
                explaining.setdefault(finding.id, rule)
        for key in rule.findings:
            screen = ScreenId(key.partition("/")[0])
            legs = _legs_needed(rule, complaint_side) if screen in BILATERAL_SCREENS else ()
            screens[screen.value] = tuple(sorted({*screens.get(screen.value, ()), *legs}))
    return _ComplaintRules(explaining, tuple(screens.items()))


def _explains(rule: LinkRule, finding_side: Side, complaint_side: Side) -> bool:
    if rule.laterality == "any" or complaint_side not in LEGS:
        return True
    return finding_side is complaint_side


def _legs_needed(rule: LinkRule, complaint_side: Side) -> tuple[str, ...]:
    """Which legs a bilateral screen must cover to rule a complaint in or out."""
    if rule.laterality == "same_side" and complaint_side in LEGS:
        return (complaint_side.value,)
    return tuple(leg.value for leg in LEGS)


def _recorded(screen: Any, legs: tuple[str, ...]) -> bool:
    return screen is not None and all(getattr(screen, leg) is not None for leg in legs)


def _combined_side(sides: set[Side]) -> Side:
    if len(sides) == 1:
        return next(iter(sides))
    return Side.BOTH


@functools.cache
def default_engine() -> TriageEngine:
    """The engine for the catalogue and library shipped with the app."""
    return TriageEngine(load_catalogue(), load_library())


def triage(visit: Visit) -> TriageResult:
    """Triage a validated visit with the shipped rules."""
    return default_engine().triage(visit)
