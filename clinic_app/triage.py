"""The triage engine: a pure, deterministic function from a visit to a triage result.

It reports the abnormal findings, links each complaint to the findings that can
explain it, lists the screens still to do, decides on referral when a red flag is
present, and proposes a dosed exercise plan. Every finding, link and exercise names
the rule that produced it. All clinical content comes from the catalogue and the
exercise library (resources/); the engine holds none of its own.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from clinic_app.catalogue import URGENCY_RANK, Catalogue, Clause, FindingRule, LinkRule, load_catalogue
from clinic_app.domain import (
    AnkleSide,
    Dosing,
    HeadPostureScreen,
    HipSide,
    LevelResult,
    LevelScreen,
    ScreenId,
    Side,
    Visit,
)
from clinic_app.exercises import ExerciseLibrary, load_library

TRIAGE_SCHEMA = "clinic-app/triage/1"
LEGS = (Side.LEFT, Side.RIGHT)
SIDE_ORDER = {Side.LEFT: 0, Side.RIGHT: 1, Side.BOTH: 2, Side.CENTRAL: 3}
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
    rules: tuple[str, ...]
    dosing: Dosing


@dataclass(frozen=True, slots=True)
class Referral:
    required: bool = False
    urgency: str | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TriageResult:
    rules_version: str
    referral: Referral
    findings: tuple[Finding, ...]
    links: tuple[Link, ...]
    unexplained_complaints: tuple[int, ...]
    next_screens: tuple[str, ...]
    exercises: tuple[ProposedExercise, ...]

    def finding(self, finding_id: str) -> Finding:
        return next(f for f in self.findings if f.id == finding_id)

    def links_of_complaint(self, index: int) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.complaint == index)

    def to_json(self) -> str:
        """The contract JSON on one line; the same as dumping to_json_data(), only faster for batches."""
        referral = self.referral
        parts = [
            '{"schema":"',
            TRIAGE_SCHEMA,
            '","rules_version":',
            _dumps(self.rules_version),
            ',"referral":{"required":',
            "true" if referral.required else "false",
            ',"urgency":',
            _dumps(referral.urgency),
            ',"reasons":',
            _dumps(list(referral.reasons)),
            '},"findings":[',
            ",".join(_finding_json(f) for f in self.findings),
            '],"links":[',
            ",".join(_link_json(k) for k in self.links),
            '],"unexplained_complaints":',
            _dumps(list(self.unexplained_complaints)),
            ',"next_screens":',
            _dumps(list(self.next_screens)),
            ',"exercises":[',
            ",".join(_exercise_json(e) for e in self.exercises),
            "]}",
        ]
        return "".join(parts)

    def to_json_data(self) -> dict[str, Any]:
        """The result in the shape of the ``clinic-app/triage/1`` contract."""
        return {
            "schema": TRIAGE_SCHEMA,
            "rules_version": self.rules_version,
            "referral": {
                "required": self.referral.required,
                "urgency": self.referral.urgency,
                "reasons": list(self.referral.reasons),
            },
            "findings": [_finding_data(f) for f in self.findings],
            "links": [
                {"complaint": k.complaint, "finding": k.finding, "rule": k.rule, "explanation": k.explanation}
                for k in self.links
            ],
            "unexplained_complaints": list(self.unexplained_complaints),
            "next_screens": list(self.next_screens),
            "exercises": [_exercise_data(e) for e in self.exercises],
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


@functools.lru_cache(maxsize=4096)
def _link_json(link: Link) -> str:
    return _dumps(
        {
            "complaint": link.complaint,
            "finding": link.finding,
            "rule": link.rule,
            "explanation": link.explanation,
        }
    )


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "test": finding.test.value,
        "side": finding.side.value,
        "code": finding.code,
        "label": finding.label,
        "explanation": finding.explanation,
        "rules": list(finding.rules),
    }


def _exercise_data(exercise: ProposedExercise) -> dict[str, Any]:
    dosing = exercise.dosing
    return {
        "id": exercise.id,
        "name": exercise.name,
        "kind": exercise.kind,
        "side": exercise.side.value,
        "for_findings": list(exercise.for_findings),
        "rules": list(exercise.rules),
        "dosing": {
            "hold_s": dosing.hold_s,
            "reps": dosing.reps,
            "sets": dosing.sets,
            "per_day": dosing.per_day,
        },
    }


# ---- the engine -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ComplaintRules:
    """What the rules say about a complaint in one region on one side, worked out once."""

    explaining: Mapping[str, LinkRule]  # finding id -> the rule by which it explains the complaint
    # The screens that could explain it: (Screenings attribute, legs that must be recorded, or () if not sided).
    screens: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class _CompiledFindingRule:
    rule_id: str
    screen: str  # attribute of Screenings
    side_mode: str  # leg | higher | central
    clauses: tuple[tuple[str, str, Any], ...]  # (field, test, expected)
    finding_ids: Mapping[Side, str]


class TriageEngine:
    """The catalogue and library compiled into look-up tables, built once and reused."""

    def __init__(self, catalogue: Catalogue, library: ExerciseLibrary) -> None:
        self.catalogue = catalogue
        self.library = library
        cutoffs = {name: cutoff.value for name, cutoff in catalogue.cutoffs.items()}
        self._finding_rules = tuple(_compile_finding_rule(rule, cutoffs) for rule in catalogue.finding_rules)
        self._finding_templates = _finding_templates(catalogue)
        self._finding_rank = {fid: rank for rank, fid in enumerate(self._finding_templates)}
        self._complaint_rules = {
            (region, side): _complaint_rules(catalogue.link_rules_for(region), side, self._finding_templates)
            for region in catalogue.regions
            for side in Side
        }
        self._links_made: dict[tuple[int, str], Link] = {}
        self._screen_rank = {screen: rank for rank, screen in enumerate(catalogue.screen_order)}
        self._kind_rank = {kind: rank for rank, kind in enumerate(catalogue.kind_order)}
        self._plans: dict[tuple[str, ...], tuple[ProposedExercise, ...]] = {}
        self._findings_made: dict[tuple[str, tuple[str, ...]], Finding] = {}

    def triage(self, visit: Visit) -> TriageResult:
        findings = self._findings(visit)
        links = self._links(visit, findings)
        referral = self._referral(visit)
        explained = {link.complaint for link in links}
        return TriageResult(
            rules_version=self.catalogue.version,
            referral=referral,
            findings=findings,
            links=links,
            unexplained_complaints=tuple(i for i in range(len(visit.complaints)) if i not in explained),
            next_screens=self._next_screens(visit),
            exercises=() if referral.required else self._plan_for(findings),
        )

    # findings ---------------------------------------------------------------------------------

    def _findings(self, visit: Visit) -> tuple[Finding, ...]:
        fired: dict[str, list[str]] = {}
        screenings = visit.screenings
        for rule in self._finding_rules:
            screen = getattr(screenings, rule.screen)
            if screen is not None:
                for side, subject in _subjects(rule.side_mode, screen):
                    if subject is not None and _matches(rule.clauses, subject):
                        fired.setdefault(rule.finding_ids[side], []).append(rule.rule_id)
        ordered = sorted(fired, key=self._finding_rank.__getitem__)
        return tuple(self._finding(fid, tuple(fired[fid])) for fid in ordered)

    def _finding(self, finding_id: str, rules: tuple[str, ...]) -> Finding:
        # Findings are immutable values: share one per (finding, rules) rather than rebuild it.
        finding = self._findings_made.get((finding_id, rules))
        if finding is None:
            finding = replace(self._finding_templates[finding_id], rules=rules)
            self._findings_made[(finding_id, rules)] = finding
        return finding

    # links and next screens -------------------------------------------------------------------

    def _links(self, visit: Visit, findings: tuple[Finding, ...]) -> tuple[Link, ...]:
        links = []
        for index, complaint in enumerate(visit.complaints):
            explaining = self._complaint_rules[complaint.region, complaint.side].explaining
            links += [self._link(index, f.id, explaining[f.id]) for f in findings if f.id in explaining]
        return tuple(links)

    def _link(self, complaint: int, finding_id: str, rule: LinkRule) -> Link:
        link = self._links_made.get((complaint, finding_id))
        if link is None or link.rule != rule.id:
            link = Link(complaint, finding_id, rule.id, rule.explanation)
            self._links_made[(complaint, finding_id)] = link
        return link

    def _next_screens(self, visit: Visit) -> tuple[str, ...]:
        needed: set[str] = set() if visit.red_flags is not None else {"red_flags"}
        screenings = visit.screenings
        for complaint in visit.complaints:
            for screen_name, legs in self._complaint_rules[complaint.region, complaint.side].screens:
                if not _recorded(getattr(screenings, screen_name), legs):
                    needed.add(screen_name)
        return tuple(sorted(needed, key=self._screen_rank.__getitem__))

    # referral and exercises -------------------------------------------------------------------

    def _referral(self, visit: Visit) -> Referral:
        present = set(visit.red_flags or ())
        if not present:
            return Referral()
        flags = self.catalogue.red_flags
        reasons = tuple(flag_id for flag_id in flags if flag_id in present)
        urgency = max((flags[r].urgency for r in reasons), key=URGENCY_RANK.__getitem__)
        return Referral(required=True, urgency=urgency, reasons=reasons)

    def _plan_for(self, findings: tuple[Finding, ...]) -> tuple[ProposedExercise, ...]:
        # The plan depends only on which findings there are; batches repeat the same sets often.
        finding_ids = tuple(f.id for f in findings)
        plan = self._plans.get(finding_ids)
        if plan is None:
            if len(self._plans) >= PLAN_CACHE_SIZE:
                self._plans.clear()
            plan = self._plans[finding_ids] = self._exercises(findings)
        return plan

    def _exercises(self, findings: tuple[Finding, ...]) -> tuple[ProposedExercise, ...]:
        merged: dict[str, tuple[set[Side], list[str], list[str]]] = {}
        for finding in findings:
            plan = self.catalogue.plan[finding.key]
            for exercise_id in plan.exercises:
                sides, for_findings, rules = merged.setdefault(exercise_id, (set(), [], []))
                sides.add(self._exercise_side(exercise_id, finding.side))
                for_findings.append(finding.id)
                if plan.id not in rules:
                    rules.append(plan.id)
        first_seen = {exercise_id: rank for rank, exercise_id in enumerate(merged)}
        proposals = [self._proposal(eid, *parts) for eid, parts in merged.items()]
        proposals.sort(key=lambda p: (self._kind_rank[p.kind], first_seen[p.id]))
        return tuple(proposals)

    def _exercise_side(self, exercise_id: str, finding_side: Side) -> Side:
        if not self.library.exercises[exercise_id].per_side:
            return Side.CENTRAL
        return finding_side if finding_side in LEGS else Side.BOTH

    def _proposal(
        self, exercise_id: str, sides: set[Side], for_findings: list[str], rules: list[str]
    ) -> ProposedExercise:
        exercise = self.library.exercises[exercise_id]
        return ProposedExercise(
            id=exercise.id,
            name=exercise.name,
            kind=exercise.kind,
            side=_combined_side(sides),
            for_findings=tuple(for_findings),
            rules=tuple(rules),
            dosing=exercise.dosing,
        )


def _compile_finding_rule(rule: FindingRule, cutoffs: Mapping[str, float]) -> _CompiledFindingRule:
    screen_id = ScreenId(rule.finding.partition("/")[0])
    _check_rule_fits_screen(rule, screen_id)
    code = rule.finding.partition("/")[2]
    return _CompiledFindingRule(
        rule_id=rule.id,
        screen=screen_id.value,
        side_mode=rule.side,
        clauses=tuple(_compile_clause(clause, cutoffs) for clause in rule.when),
        finding_ids={side: f"{screen_id.value}/{side.value}/{code}" for side in Side},
    )


def _matches(clauses: tuple[tuple[str, str, Any], ...], subject: Any) -> bool:
    """Whether every clause of a finding rule holds for the recorded values."""
    for name, test, expected in clauses:
        value = getattr(subject, name)
        if test == "absent":
            if value is not None:
                return False
        elif value is None:
            return False
        elif test == "below":
            if not value < expected:
                return False
        elif test == "in":
            if value not in expected:
                return False
        elif value != expected:
            return False
    return True


def _compile_clause(clause: Clause, cutoffs: Mapping[str, float]) -> tuple[str, str, Any]:
    if clause.absent:
        return (clause.field, "absent", None)
    if clause.below is not None:
        return (clause.field, "below", cutoffs[clause.below])
    if clause.in_ is not None:
        return (clause.field, "in", frozenset(clause.in_))
    return (clause.field, "equals", clause.equals)


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
    unknown = [c.field for c in rule.when if c.field not in fields]
    if unknown or (rule.side == "leg") != (screen_id in BILATERAL_SCREENS):
        from clinic_app.catalogue import CatalogueError
        from clinic_app.errors import Problem

        message = (
            f"unknown field {', '.join(unknown)}"
            if unknown
            else f"side {rule.side!r} does not fit the screen"
        )
        raise CatalogueError("screens.yaml", [Problem(f"finding_rules {rule.id}", message)])


def _subjects(side_rule: str, screen: Any) -> Iterable[tuple[Side, Any]]:
    """What a finding rule is checked against, with the side a finding would get."""
    if side_rule == "leg":
        return ((Side.LEFT, screen.left), (Side.RIGHT, screen.right))
    if side_rule == "higher":
        higher = {LevelResult.LEFT_HIGHER: Side.LEFT, LevelResult.RIGHT_HIGHER: Side.RIGHT}.get(screen.result)
        return () if higher is None else ((higher, screen),)
    return ((Side.CENTRAL, screen),)


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
