"""Outcome measures: reviewed data in resources/outcomes/, and their scoring.

Each measure is one YAML file with its items (how many, the answer range, the item text where its
licence lets us ship it), its scoring rule, the direction that is better, and its minimal clinically
important difference (MCID) with the source. Scoring checks every answer and says what is wrong by
its place in the list, so a bad answer sheet is invalid input, never a wrong score.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from clinic_app.catalogue import (
    CatalogueError,
    NonEmpty,
    Schema,
    Translated,
    read_yaml,
    resource_dir,
    validated,
)
from clinic_app.domain import Language
from clinic_app.errors import InvalidInput, Problem

OUTCOMES_DIR = "outcomes"
MeasureId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class Items(Schema):
    count: int | None = Field(default=None, ge=1)  # a fixed number of items
    count_min: int | None = Field(default=None, ge=1)  # or a range (PSFS: 3 to 5 activities)
    count_max: int | None = Field(default=None, ge=1)
    min: int
    max: int
    # Item text per language where the licence allows shipping it; None: the clinic supplies it.
    text: dict[Language, list[NonEmpty]] | None = None

    @model_validator(mode="after")
    def _one_way_to_count(self) -> Items:
        ranged = self.count_min is not None and self.count_max is not None
        if (self.count is None) == (not ranged):
            raise ValueError("give either count, or count_min and count_max")
        if self.min >= self.max:
            raise ValueError("min must be below max")
        return self

    def allowed_counts(self) -> range:
        if self.count is not None:
            return range(self.count, self.count + 1)
        return range(self.count_min or 1, (self.count_max or 1) + 1)


class Scoring(Schema):
    # sum; mean; percent: the sum as a percentage of the most the answered items could score, so
    # that an unanswered item lowers the denominator (NDI, ODI: 16 of 45 when one of ten is blank)
    rule: Literal["sum", "mean", "percent"]
    min_answered: int = Field(default=1, ge=1)
    require_all: bool = False  # any item unanswered: no score (LEFS)
    max_missing: int | None = Field(default=None, ge=0)  # more unanswered: no score


class Mcid(Schema):
    points: float = Field(gt=0)
    source: NonEmpty


class Measure(Schema):
    id: MeasureId
    name: Translated
    items: Items
    scoring: Scoring
    max_score: float = Field(gt=0)
    better: Literal["higher", "lower"]
    mcid: Mcid
    per_complaint: bool
    licence: Translated  # why the item wording is or is not shipped, shown to admins
    codes: dict[str, NonEmpty] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Score:
    measure: str
    score: float | None  # None: not complete enough to score
    max: float
    complete: bool

    def to_json_data(self) -> dict[str, object]:
        return {"measure": self.measure, "score": self.score, "max": self.max, "complete": self.complete}


def score(measure: Measure, answers: Sequence[object]) -> Score:
    """The measure's score for one answer sheet, or InvalidInput naming each wrong answer."""
    problems = _answer_problems(measure, answers)
    if problems:
        raise InvalidInput(problems)
    given = [float(a) for a in answers if a is not None]  # type: ignore[arg-type]  # checked above
    complete = len(given) == len(answers)
    rule = measure.scoring
    if len(given) < rule.min_answered:
        raise InvalidInput(
            [Problem("answers", f"{measure.id} needs at least {rule.min_answered} answers, got {len(given)}")]
        )
    missing = len(answers) - len(given)
    if (rule.require_all and missing) or (rule.max_missing is not None and missing > rule.max_missing):
        return Score(measure.id, None, measure.max_score, complete=False)
    return Score(measure.id, _tidy(_value(measure, given)), measure.max_score, complete)


def _value(measure: Measure, given: Sequence[float]) -> float:
    rule = measure.scoring.rule
    if rule == "sum":
        return sum(given)
    if rule == "mean":
        return sum(given) / len(given)
    low, high = measure.items.min, measure.items.max
    return (sum(given) - low * len(given)) / ((high - low) * len(given)) * measure.max_score


def _answer_problems(measure: Measure, answers: Sequence[object]) -> list[Problem]:
    items = measure.items
    counts = items.allowed_counts()
    if len(answers) not in counts:
        wanted = str(counts.start) if len(counts) == 1 else f"{counts.start} to {counts[-1]}"
        return [Problem("answers", f"{measure.id} has {wanted} items, got {len(answers)} answers")]
    allowed = f"a whole number from {items.min} to {items.max}, or null for unanswered"
    problems = []
    for index, answer in enumerate(answers):
        if answer is None:
            continue
        if not _whole_number(answer) or not items.min <= answer <= items.max:  # type: ignore[operator]
            problems.append(Problem(f"answers[{index}]", f"expected {allowed}, got {json.dumps(answer)}"))
    return problems


def _whole_number(answer: object) -> bool:
    """A JSON number with no fraction (7 or 7.0); never true/false, text, NaN or infinity."""
    if type(answer) is int:  # nearly every answer: the common case first (reports score each visit)
        return True
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return False
    return math.isfinite(answer) and float(answer).is_integer()


def _tidy(value: float) -> float:
    return float(round(value, 2))


def load_measures_from(folder: Traversable) -> Mapping[str, Measure]:
    """Every *.yaml in a folder as one measure, validated; the file name is the id."""
    measures = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        source = f"{OUTCOMES_DIR}/{entry.name}"
        measure = validated(Measure, read_yaml(entry, source), source)
        if f"{measure.id}.yaml" != entry.name:
            raise CatalogueError(source, [Problem("id", f"must match the file name, got {measure.id!r}")])
        measures[measure.id] = measure
    return measures


@functools.cache
def load_measures() -> Mapping[str, Measure]:
    """The outcome measures shipped with the app, loaded once."""
    return load_measures_from(resource_dir(OUTCOMES_DIR))


def find_measure(name: str) -> Measure:
    """A measure by id, in any letter case; InvalidInput naming the ids there are otherwise."""
    measures = load_measures()
    measure = measures.get(name.strip().lower())
    if measure is None:
        raise InvalidInput([Problem("measure", f"unknown measure {name!r}; allowed: {', '.join(measures)}")])
    return measure
