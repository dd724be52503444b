"""The clinical catalogue: screens, findings, red flags and triage rules, loaded from resources/.

The content is reviewed data, not code. It is validated against the schema below
when loaded, and every problem is reported with the file and the entry it is in.
The loaded catalogue is immutable and cached: it is read once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from clinic_app.domain import Language, Region, ScreenId, Side
from clinic_app.errors import ClinicError, Problem
from clinic_app.validation import problems_from

CLINICAL_DIR = "clinical"
Urgency = Literal["emergency", "urgent", "routine"]
URGENCY_RANK: Mapping[str, int] = {"emergency": 3, "urgent": 2, "routine": 1}
ExerciseKind = Literal["stretch", "mobility", "posture", "strength"]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
FindingKey = Annotated[str, StringConstraints(pattern=r"^[a-z_]+/[a-z_]+$")]


class CatalogueError(ClinicError):
    """The clinical data in resources/ is broken: a release problem, never the user's."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the clinical data in {source} is invalid:\n{lines}")


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Translated(Schema):
    """Text in every language the app prints."""

    en: NonEmpty
    es: NonEmpty

    def __getitem__(self, language: Language) -> str:
        return str(getattr(self, language.value))


# ---- red_flags.yaml -------------------------------------------------------------------------


class UrgencyDef(Schema):
    label: Translated  # for the patient: "Emergency", "Today", "Within a week"
    when: Translated  # how soon, for the clinician: "now", "the same day", "within a week"
    # What the patient must do, in plain words; `{emergency_number}` is replaced by the clinic's.
    advice: Translated
    clinician: Translated  # what is asked of the receiving doctor


class RedFlag(Schema):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z_0-9]+$")]
    urgency: Urgency
    question: Translated  # asked of the patient, in plain words
    letter: Translated  # what the patient's part of the referral letter says, in plain words
    clinician: Translated  # plain medical language for the doctor's part of the letter and the chart
    source: NonEmpty


class Combination(Schema):
    """Flags that together (and with a complaint or an age) raise the referral's urgency."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z_0-9.]+$")]
    all_flags: list[str] = Field(min_length=1)  # every one present
    any_flags: list[str] = []  # and, when given, at least one of these present
    # and, when given, a complaint in one of these regions ("any": any complaint at all)
    complaint_regions: list[Region] | Literal["any"] | None = None
    min_age: int | None = None  # and, when given, the patient at least this old on the visit date
    urgency: Urgency
    clinician: Translated  # why the urgency is raised, for the doctor and the chart
    source: NonEmpty


class RedFlagFile(Schema):
    urgencies: dict[Urgency, UrgencyDef]
    flags: list[RedFlag]
    combinations: list[Combination] = []
    # Flags the therapist may override with a reason, when the referral's urgency is routine.
    override_allowed_up_to: Urgency = "routine"
    # Ids no longer asked, and the flag an old answer is read as (stored visits and old documents).
    retired: dict[str, str] = {}

    @model_validator(mode="after")
    def _unique_ids_and_all_urgencies(self) -> RedFlagFile:
        _require_unique([f.id for f in self.flags], "flags")
        _require_unique([c.id for c in self.combinations], "combinations")
        missing = set(URGENCY_RANK) - set(self.urgencies)
        if missing:
            raise ValueError(f"urgencies: missing {', '.join(sorted(missing))}")
        known = {f.id for f in self.flags}
        for old, new in self.retired.items():
            if old in known or new not in known:
                raise ValueError(f"retired {old}: must be gone from flags and name a flag that is there")
        for combination in self.combinations:
            unknown = [f for f in [*combination.all_flags, *combination.any_flags] if f not in known]
            if unknown:
                raise ValueError(f"combinations {combination.id}: unknown flag {', '.join(unknown)}")
        for urgency, definition in self.urgencies.items():
            if urgency == "emergency" and not all(
                "{emergency_number}" in definition.advice[language] for language in Language
            ):
                raise ValueError("urgencies emergency: the advice must give {emergency_number}")
        return self


# ---- screens.yaml ---------------------------------------------------------------------------


class Cutoff(Schema):
    value: float
    unit: NonEmpty
    meaning: NonEmpty
    source: NonEmpty


class FindingDef(Schema):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]
    label: Translated
    explanation: NonEmpty
    # language -> side -> plain-language sentence for the handout
    patient: dict[Language, dict[Side, NonEmpty]]


class ScreenDef(Schema):
    id: ScreenId
    name: Translated
    illustration: NonEmpty
    how_to: Translated
    note: Translated | None = None  # a reminder for the clinician after how_to, on the screen's card
    findings: list[FindingDef]


class Clause(Schema):
    field: NonEmpty
    equals: str | bool | int | None = None
    in_: list[str] | None = Field(default=None, alias="in")
    absent: Literal[True] | None = None
    below: str | None = None
    leg: Literal["same", "other"] = "same"  # on a two-legged screen: which leg the field is read from

    @model_validator(mode="after")
    def _exactly_one_test(self) -> Clause:
        tests = [self.equals, self.in_, self.absent, self.below]
        if sum(t is not None for t in tests) != 1:
            raise ValueError("give exactly one of equals, in, absent, below")
        return self


class FindingRule(Schema):
    id: NonEmpty
    finding: FindingKey
    side: Literal["leg", "higher", "central"]
    evidence: Literal["observation", "measurement"]
    when: list[Clause] = Field(min_length=1)
    unless: list[Clause] = []


class Observation(Schema):
    field: NonEmpty
    normal: str | bool  # the recorded value that means "normal"
    label: Translated


class Measurement(Schema):
    field: NonEmpty
    cutoff: NonEmpty
    label: Translated


class Disagreement(Schema):
    """An observation and a measurement of the same thing: when they disagree, a warning."""

    id: NonEmpty
    screen: ScreenId
    side: Literal["leg", "central"]
    measurement: Measurement
    observations: list[Observation] = Field(min_length=1)
    both_ways: bool  # false: warn only when the observation is normal and the measurement is not
    unless: list[Clause] = []


class DisagreementMessages(Schema):
    measurement_abnormal: Translated
    measurement_normal: Translated


class Withhold(Schema):
    """Findings on a leg that get no exercise (pain during the test), with a warning."""

    id: NonEmpty
    screen: ScreenId
    when: list[Clause] = Field(min_length=1)
    findings: list[FindingKey] = Field(min_length=1)
    warning: Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]
    message: Translated
    source: NonEmpty


class ScreenFile(Schema):
    cutoffs: dict[str, Cutoff]
    screens: list[ScreenDef]
    finding_rules: list[FindingRule]
    disagreements: list[Disagreement] = []
    disagreement_messages: DisagreementMessages
    withholds: list[Withhold] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> ScreenFile:
        _require_unique([s.id for s in self.screens], "screens")
        _require_unique([r.id for r in self.finding_rules], "finding_rules")
        known = {f"{s.id.value}/{f.code}" for s in self.screens for f in s.findings}
        for rule in self.finding_rules:
            if rule.finding not in known:
                raise ValueError(f"finding_rules {rule.id}: unknown finding {rule.finding}")
            for clause in [*rule.when, *rule.unless]:
                if clause.below is not None and clause.below not in self.cutoffs:
                    raise ValueError(f"finding_rules {rule.id}: unknown cut-off {clause.below}")
        for check in self.disagreements:
            if check.measurement.cutoff not in self.cutoffs:
                raise ValueError(f"disagreements {check.id}: unknown cut-off {check.measurement.cutoff}")
        for withhold in self.withholds:
            unknown = [key for key in withhold.findings if key not in known]
            if unknown:
                raise ValueError(f"withholds {withhold.id}: unknown finding {', '.join(unknown)}")
        return self


# ---- rules.yaml -----------------------------------------------------------------------------


class LinkRule(Schema):
    id: NonEmpty
    regions: list[Region] = Field(min_length=1)
    findings: list[FindingKey] = Field(min_length=1)
    laterality: Literal["same_side", "any"]
    explanation: Translated  # for the clinician: the chart's in English, the screen's in its language
    source: NonEmpty
    patient: Translated


ExerciseId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class PlanRule(Schema):
    id: NonEmpty
    finding: FindingKey
    exercise: ExerciseId
    alternatives: list[ExerciseId] = []  # in order, where an exclusion rules the exercise out
    source: NonEmpty

    @property
    def exercises(self) -> tuple[str, ...]:
        return (self.exercise, *self.alternatives)


class Exclusion(Schema):
    id: NonEmpty
    exercise: ExerciseId
    complaint_regions: list[Region] = Field(min_length=1)
    reason: NonEmpty
    source: NonEmpty


class StrengtheningRule(Schema):
    id: NonEmpty
    regions: list[Region] = Field(min_length=1)
    exercise: ExerciseId
    side: Literal["complaint", "central"]
    source: NonEmpty


class OlderAdultRule(Schema):
    id: NonEmpty
    min_age: int = Field(ge=0)
    hold_s: int = Field(ge=1)
    kinds: list[ExerciseKind] = Field(min_length=1)
    source: NonEmpty


class RuleFile(Schema):
    version: NonEmpty
    regions: dict[Region, Translated]
    screen_order: list[Literal["red_flags"] | ScreenId]
    links: list[LinkRule]
    plan: list[PlanRule]
    exclusions: list[Exclusion] = []
    strengthening: list[StrengtheningRule] = []
    max_exercises: int = Field(ge=1)
    older_adult: OlderAdultRule
    kind_order: list[ExerciseKind]

    @model_validator(mode="after")
    def _complete(self) -> RuleFile:
        ids = [r.id for r in self.links] + [r.id for r in self.plan]
        ids += [r.id for r in self.exclusions] + [r.id for r in self.strengthening]
        _require_unique([*ids, self.older_adult.id], "rule ids")
        _require_unique([r.finding for r in self.plan], "plan findings")
        _require_unique([region for r in self.strengthening for region in r.regions], "strengthening regions")
        if set(self.regions) != set(Region):
            raise ValueError("regions: give a name for every region")
        if set(self.screen_order) != {"red_flags", *ScreenId}:
            raise ValueError("screen_order: list red_flags and every screen exactly once")
        if sorted(self.kind_order) != sorted(("stretch", "mobility", "posture", "strength")):
            raise ValueError("kind_order: list every exercise kind exactly once")
        return self


def _require_unique(ids: list[Any], where: str) -> None:
    repeated = sorted({str(i) for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"{where}: repeated id {', '.join(repeated)}")


# ---- the loaded catalogue -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """A kind of abnormal finding, with the screen it comes from."""

    key: str  # screen/code
    screen: ScreenDef
    definition: FindingDef
    order: int  # position in the catalogue: findings are reported in this order


@dataclass(frozen=True, slots=True)
class Catalogue:
    version: str
    red_flags: Mapping[str, RedFlag]
    urgencies: Mapping[str, UrgencyDef]
    combinations: tuple[Combination, ...]
    override_allowed_up_to: str
    retired_flags: Mapping[str, str]
    cutoffs: Mapping[str, Cutoff]
    screens: Mapping[ScreenId, ScreenDef]
    findings: Mapping[str, Finding]
    finding_rules: tuple[FindingRule, ...]
    disagreements: tuple[Disagreement, ...]
    disagreement_messages: DisagreementMessages
    withholds: tuple[Withhold, ...]
    regions: Mapping[Region, Translated]
    screen_order: tuple[str, ...]
    links: tuple[LinkRule, ...]
    plan: Mapping[str, PlanRule]
    exclusions: tuple[Exclusion, ...]
    strengthening: Mapping[Region, StrengtheningRule]
    max_exercises: int
    older_adult: OlderAdultRule
    kind_order: tuple[str, ...]

    def link_rules_for(self, region: Region) -> tuple[LinkRule, ...]:
        return tuple(rule for rule in self.links if region in rule.regions)


def read_yaml(resource: Traversable, name: str) -> Any:
    try:
        return yaml.load(resource.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as error:
        raise CatalogueError(name, [Problem("", f"cannot be read: {error}")]) from error


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ModelT = TypeVar("ModelT", bound=BaseModel)


def validated(model: type[ModelT], data: Any, name: str) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise CatalogueError(name, problems_from(error)) from error


def resource_dir(*parts: str) -> Traversable:
    """A folder inside the shipped resources/ package."""
    folder = files("resources")
    for part in parts:
        folder = folder / part
    return folder


def load_catalogue_from(folder: Traversable) -> Catalogue:
    """Load and validate the three catalogue files in a folder (tests use their own)."""
    flags = validated(RedFlagFile, read_yaml(folder / "red_flags.yaml", "red_flags.yaml"), "red_flags.yaml")
    screens = validated(ScreenFile, read_yaml(folder / "screens.yaml", "screens.yaml"), "screens.yaml")
    rules = validated(RuleFile, read_yaml(folder / "rules.yaml", "rules.yaml"), "rules.yaml")
    findings = {
        f"{screen.id.value}/{finding.code}": (screen, finding)
        for screen in screens.screens
        for finding in screen.findings
    }
    _check_rule_references(rules, findings.keys())
    return Catalogue(
        version=rules.version,
        red_flags={flag.id: flag for flag in flags.flags},
        urgencies={str(name): definition for name, definition in flags.urgencies.items()},
        combinations=tuple(flags.combinations),
        override_allowed_up_to=flags.override_allowed_up_to,
        retired_flags=dict(flags.retired),
        cutoffs=dict(screens.cutoffs),
        screens={screen.id: screen for screen in screens.screens},
        findings={key: Finding(key, s, f, order) for order, (key, (s, f)) in enumerate(findings.items())},
        finding_rules=tuple(screens.finding_rules),
        disagreements=tuple(screens.disagreements),
        disagreement_messages=screens.disagreement_messages,
        withholds=tuple(screens.withholds),
        regions=dict(rules.regions),
        screen_order=tuple(str(s) for s in rules.screen_order),
        links=tuple(rules.links),
        plan={rule.finding: rule for rule in rules.plan},
        exclusions=tuple(rules.exclusions),
        strengthening={region: rule for rule in rules.strengthening for region in rule.regions},
        max_exercises=rules.max_exercises,
        older_adult=rules.older_adult,
        kind_order=tuple(rules.kind_order),
    )


def _check_rule_references(rules: RuleFile, known: Any) -> None:
    problems = [
        Problem(f"links {rule.id}", f"unknown finding {key}")
        for rule in rules.links
        for key in rule.findings
        if key not in known
    ]
    problems += [
        Problem(f"plan {r.id}", f"unknown finding {r.finding}") for r in rules.plan if r.finding not in known
    ]
    problems += [
        Problem("plan", f"no exercises proposed for {key}")
        for key in known
        if key not in {r.finding for r in rules.plan}
    ]
    if problems:
        raise CatalogueError("rules.yaml", problems)


@functools.cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with the app, loaded once."""
    return load_catalogue_from(resource_dir(CLINICAL_DIR))
