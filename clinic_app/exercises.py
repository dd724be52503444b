"""The home-exercise library, loaded from one reviewed YAML file per exercise in resources/exercises/.

Each file is validated when loaded; a problem names the file and the field. The
library is checked against the catalogue too: every finding an exercise addresses
must exist, and every exercise the triage rules propose must be in the library.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from clinic_app.catalogue import (
    CatalogueError,
    ExerciseKind,
    FindingKey,
    NonEmpty,
    Schema,
    load_catalogue,
    read_yaml,
    resource_dir,
    validated,
)
from clinic_app.domain import Dosing, Language
from clinic_app.errors import Problem

EXERCISES_DIR = "exercises"
ILLUSTRATIONS_DIR = "illustrations"
Steps = Annotated[list[NonEmpty], Field(min_length=3, max_length=5)]
Items = Annotated[list[NonEmpty], Field(min_length=1, max_length=4)]


class ExerciseText(Schema):
    """What the patient reads about one exercise, in one language."""

    name: NonEmpty
    purpose: NonEmpty
    steps: Steps
    avoid: Items
    stop_if: Items


ExerciseRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
# Why to stop and call, by id: the handout gathers the signs of the whole plan into one short list
# (resources/translations/documents.yaml, `stop_signs`, checks that every id is one of its own).
StopSigns = Annotated[list[ExerciseRef], Field(min_length=1, max_length=4)]


DoseField = Literal["hold_s", "reps", "sets"]
# A ladder of values for one dose field, lowest first: where the dose steps up and down to.
DoseLadder = Annotated[list[Annotated[int, Field(ge=1, le=600)]], Field(min_length=2, max_length=8)]


class Exercise(Schema):
    id: ExerciseRef
    kind: ExerciseKind
    # The findings it treats; a strengthening exercise may treat none (the rules propose it for
    # complaints, see rules.yaml `strengthening`).
    addresses: list[FindingKey]
    per_side: bool
    dosing: Dosing
    dosing_source: NonEmpty
    stop_signs: StopSigns
    # The next step down and up, where one exists (the progression a later visit can offer).
    easier: ExerciseRef | None = None
    harder: ExerciseRef | None = None
    # How the dose steps up, one field at a time, the first listed first (clinic_app.progression):
    # {reps: [8, 10, 12, 15], sets: [2, 3]} is 2 x 10 -> 2 x 12 -> 2 x 15 -> 3 x 8 -> ... -> 3 x 15.
    dose_steps: dict[DoseField, DoseLadder]
    dose_steps_source: NonEmpty
    illustration: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+\.svg$")]
    text: dict[Language, ExerciseText]
    contraindications: Items

    @model_validator(mode="after")
    def _every_language(self) -> Exercise:
        missing = set(Language) - set(self.text)
        if missing:
            raise ValueError(f"text: missing language {', '.join(sorted(missing))}")
        if self.kind != "strength" and not self.addresses:
            raise ValueError("addresses: only a strengthening exercise may treat no finding")
        if self.id in (self.easier, self.harder):
            raise ValueError("easier and harder must name other exercises")
        if len(set(self.stop_signs)) != len(self.stop_signs):
            raise ValueError("stop_signs: each sign once")
        self._dose_steps_fit()
        return self

    def _dose_steps_fit(self) -> None:
        if not self.dose_steps:
            raise ValueError("dose_steps: name at least one field (hold_s, reps or sets) and its steps")
        limits = {"hold_s": 600, "reps": 100, "sets": 20}
        for field, ladder in self.dose_steps.items():
            start = getattr(self.dosing, field)
            if start is None:
                raise ValueError(f"dose_steps.{field}: the exercise has no {field} in its dosing")
            if ladder != sorted(set(ladder)):
                raise ValueError(f"dose_steps.{field}: give the steps lowest first, each once")
            if start not in ladder:
                raise ValueError(f"dose_steps.{field}: must include the starting dose {start}")
            if ladder[-1] > limits[field]:
                raise ValueError(f"dose_steps.{field}: at most {limits[field]}")

    @property
    def name(self) -> str:
        return self.text[Language.EN].name

    def illustration_file(self) -> Traversable:
        return resource_dir(ILLUSTRATIONS_DIR) / self.illustration


@dataclass(frozen=True, slots=True)
class ExerciseLibrary:
    exercises: Mapping[str, Exercise]  # in a stable order: by kind, then by id


def load_library_from(folder: Traversable) -> ExerciseLibrary:
    """Load every *.yaml file in a folder as one exercise."""
    entries = sorted((item for item in folder.iterdir() if item.name.endswith(".yaml")), key=lambda i: i.name)
    exercises = []
    for entry in entries:
        source = f"{EXERCISES_DIR}/{entry.name}"
        exercise = validated(Exercise, read_yaml(entry, source), source)
        if f"{exercise.id}.yaml" != entry.name:
            raise CatalogueError(source, [Problem("id", f"must match the file name, got {exercise.id!r}")])
        exercises.append(exercise)
    kind_order = load_catalogue().kind_order
    exercises.sort(key=lambda e: (kind_order.index(e.kind), e.id))
    return ExerciseLibrary({e.id: e for e in exercises})


def check_against_catalogue(library: ExerciseLibrary) -> None:
    """Every addressed finding exists and every proposed exercise is in the library."""
    catalogue = load_catalogue()
    problems = [
        Problem(f"{EXERCISES_DIR}/{e.id}.yaml: addresses", f"unknown finding {key}")
        for e in library.exercises.values()
        for key in e.addresses
        if key not in catalogue.findings
    ]
    problems += chain_problems(library)
    for rule in catalogue.plan.values():
        for exercise_id in rule.exercises:
            exercise = library.exercises.get(exercise_id)
            if exercise is None:
                problems.append(
                    Problem(f"rules.yaml: plan {rule.id}", f"exercise {exercise_id} is not in the library")
                )
            elif rule.finding not in exercise.addresses:
                problems.append(
                    Problem(
                        f"rules.yaml: plan {rule.id}",
                        f"exercise {exercise_id} does not address {rule.finding}",
                    )
                )
    for strengthening in {id(r): r for r in catalogue.strengthening.values()}.values():
        exercise = library.exercises.get(strengthening.exercise)
        if exercise is None or exercise.kind != "strength":
            problems.append(
                Problem(
                    f"rules.yaml: strengthening {strengthening.id}",
                    f"{strengthening.exercise} is not a strengthening exercise of the library",
                )
            )
    problems += [
        Problem(f"rules.yaml: exclusions {e.id}", f"exercise {e.exercise} is not in the library")
        for e in catalogue.exclusions
        if e.exercise not in library.exercises
    ]
    if problems:
        raise CatalogueError("the exercise library", problems)


def chain_problems(library: ExerciseLibrary) -> list[Problem]:
    """The easier/harder links must form simple chains the plan editor can walk both ways: each
    names an exercise of the library of the same kind, A harder -> B means B easier -> A, and
    following the links one way never comes back round."""
    exercises = library.exercises
    problems = []
    for exercise in exercises.values():
        where = f"{EXERCISES_DIR}/{exercise.id}.yaml"
        for field, back, ref in (
            ("easier", "harder", exercise.easier),
            ("harder", "easier", exercise.harder),
        ):
            if ref is None:
                continue
            other = exercises.get(ref)
            if other is None:
                problems.append(Problem(f"{where}: {field}", f"exercise {ref} is not in the library"))
            elif getattr(other, back) != exercise.id:
                problems.append(
                    Problem(f"{where}: {field}", f"{ref} must name {exercise.id} as its {back} version")
                )
            elif other.kind != exercise.kind:
                problems.append(
                    Problem(f"{where}: {field}", f"{ref} is a {other.kind}, not a {exercise.kind}")
                )
        for field in ("easier", "harder"):
            if _comes_back(exercises, exercise.id, field):
                problems.append(
                    Problem(f"{where}: {field}", f"following {field} from {exercise.id} comes back to it")
                )
    return problems


def _comes_back(exercises: Mapping[str, Exercise], start: str, field: str) -> bool:
    seen = {start}
    current = getattr(exercises[start], field)
    while current is not None and current in exercises:
        if current in seen:
            return True
        seen.add(current)
        current = getattr(exercises[current], field)
    return False


@functools.cache
def load_library() -> ExerciseLibrary:
    """The library shipped with the app, loaded and cross-checked once."""
    library = load_library_from(resource_dir(EXERCISES_DIR))
    check_against_catalogue(library)
    return library
