"""The clinic's own wording of an outcome measure whose licence does not let us ship its items.

A measure such as LEFS ships its scoring (resources/outcomes/) but no item text. A clinic holding a
licensed copy supplies the wording once, as a YAML or CSV file (docs/spec/formats.md, "Outcome
measure wording"): each item in English and optionally Spanish, and the words of each answer (one
scale shared by every item, or one per item, as the NDI and ODI have). The file is checked against
the shipped scoring: the same number of items, and one label for every answer the scale allows.
Then the on-screen answer sheet and the patient's large-type mode read those words.
"""

from __future__ import annotations

import csv
import io

import yaml
from pydantic import Field, ValidationError, model_validator

from clinic_app.catalogue import NonEmpty, Schema
from clinic_app.domain import Language
from clinic_app.errors import InvalidInput, Problem
from clinic_app.outcomes import Measure
from clinic_app.validation import problems_from

MAX_FILE_BYTES = 1_000_000  # a questionnaire's words, never more
CSV_COLUMNS = ("item", "answer", "en", "es")


class AnswerLabels(Schema):
    """The words of each answer, from the scale's lowest value to its highest."""

    en: list[NonEmpty]
    es: list[NonEmpty] | None = None


class ItemWording(Schema):
    en: NonEmpty
    es: NonEmpty | None = None
    answers: AnswerLabels | None = None  # this item's own answers (NDI, ODI); else the shared scale


class Wording(Schema):
    measure: str | None = None  # if given, must be the measure it is imported for
    source: str | None = Field(default=None, max_length=300)  # the clinic's licensed copy, in its words
    answers: AnswerLabels | None = None  # one scale for every item (LEFS)
    items: list[ItemWording] = Field(min_length=1)

    @model_validator(mode="after")
    def _spanish_throughout_or_not_at_all(self) -> Wording:
        spanish = [item.es is not None for item in self.items]
        if any(spanish) and not all(spanish):
            raise ValueError("give every item in Spanish (es), or none")
        return self

    @property
    def languages(self) -> tuple[Language, ...]:
        return (Language.EN, Language.ES) if self.items[0].es is not None else (Language.EN,)

    def question(self, index: int, language: Language = Language.EN) -> str:
        item = self.items[index]
        return item.es if language is Language.ES and item.es is not None else item.en

    def answer_labels(self, index: int, language: Language = Language.EN) -> list[str]:
        """The words of each answer to one item, lowest value first."""
        scale = self.items[index].answers or self.answers
        assert scale is not None  # checked on import (wording_problems)
        return scale.es if language is Language.ES and scale.es is not None else scale.en


def read_wording(measure: Measure, data: bytes, file_name: str) -> Wording:
    """A wording file (.csv, or else YAML) for the measure, checked against its scoring; InvalidInput
    naming each problem's place otherwise."""
    return checked_wording(measure, parse_wording(data, file_name, measure))


def parse_wording(data: bytes, file_name: str, measure: Measure) -> Wording:
    """A wording file (.csv, or else YAML) as a Wording; InvalidInput naming each problem's place."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput([Problem("file", f"at most {MAX_FILE_BYTES} bytes, got {len(data)}")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput([Problem("file", "not UTF-8 text")]) from None
    scale = range(measure.items.min, measure.items.max + 1)
    document = _from_csv(text, scale) if file_name.lower().endswith(".csv") else _from_yaml(text)
    try:
        return Wording.model_validate(document)
    except ValidationError as error:
        raise InvalidInput(problems_from(error)) from None


def checked_wording(measure: Measure, wording: Wording) -> Wording:
    """The wording, if it fits the measure's shipped scoring; else InvalidInput naming each misfit."""
    problems = wording_problems(measure, wording)
    if problems:
        raise InvalidInput(problems)
    return wording


def wording_problems(measure: Measure, wording: Wording) -> list[Problem]:
    name = measure.id.upper()
    if measure.items.text is not None:
        return [Problem("measure", f"{name} ships its own item wording; nothing to import")]
    if wording.measure is not None and wording.measure.strip().lower() != measure.id:
        return [Problem("measure", f"the file is for {wording.measure!r}, not {measure.id!r}")]
    count = measure.items.count
    if count is None:
        return [Problem("measure", f"{name} has no fixed number of items to word")]
    if len(wording.items) != count:
        return [Problem("items", f"{name} has {count} items, got {len(wording.items)}")]
    scale = measure.items.max - measure.items.min + 1
    values = f"{measure.items.min} to {measure.items.max}"
    spanish = Language.ES in wording.languages
    problems = []
    if wording.answers is not None:
        problems += _scale_problems("answers", wording.answers, scale, values, spanish)
    for index, item in enumerate(wording.items):
        if item.answers is not None:
            problems += _scale_problems(f"items[{index}].answers", item.answers, scale, values, spanish)
        elif wording.answers is None:
            problems.append(
                Problem(f"items[{index}].answers", f"give the words of its {scale} answers ({values})")
            )
    return problems


def _scale_problems(path: str, labels: AnswerLabels, scale: int, values: str, spanish: bool) -> list[Problem]:
    problems = []
    for language, words in (("en", labels.en), ("es", labels.es)):
        if words is None:
            if spanish:
                problems.append(Problem(f"{path}.es", "the items are in Spanish: give their answers too"))
        elif len(words) != scale:
            problems.append(
                Problem(f"{path}.{language}", f"{scale} answers ({values}, lowest first), got {len(words)}")
            )
    return problems


def _from_yaml(text: str) -> object:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InvalidInput([Problem("file", f"not valid YAML{where}")]) from None
    if not isinstance(document, dict):
        raise InvalidInput([Problem("file", "expected a mapping with items (and answers)")])
    return document


def _from_csv(text: str, scale: range) -> dict[str, object]:
    """Rows `item,answer,en,es`: an item's wording (answer empty), an item's answer (both given),
    or an answer shared by every item (item empty). Items and answers are numbered as on paper."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in CSV_COLUMNS[:3] if name not in header]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if missing or unknown:
        allowed = ",".join(CSV_COLUMNS)
        raise InvalidInput([Problem("row 1", f"the header must be {allowed} (es may be left out)")])
    items: dict[int, dict[str, object]] = {}
    shared: dict[int, tuple[str, str | None]] = {}
    own: dict[int, dict[int, tuple[str, str | None]]] = {}
    problems: list[Problem] = []
    for number, raw in enumerate(reader, start=2):
        row = {key.strip(): (value or "").strip() for key, value in raw.items() if key is not None}
        if not any(row.values()):
            continue
        item, answer = _whole(row.get("item", "")), _whole(row.get("answer", ""))
        en, es = row.get("en", ""), row.get("es", "") or None
        if item is False or answer is False:
            problems.append(Problem(f"row {number}", "item and answer are whole numbers, or empty"))
        elif not en:
            problems.append(Problem(f"row {number}, en", "the English wording is required"))
        elif item is None and answer is None:
            problems.append(Problem(f"row {number}", "give an item number, an answer value, or both"))
        elif answer is not None and answer not in scale:
            problems.append(
                Problem(f"row {number}, answer", f"from {scale.start} to {scale[-1]}, got {answer}")
            )
        elif answer is None:
            if item in items:
                problems.append(Problem(f"row {number}, item", f"item {item} is worded twice"))
            items[item] = {"en": en, "es": es}  # type: ignore[index]  # not None here
        elif item is None:
            shared[answer] = (en, es)
        else:
            own.setdefault(item, {})[answer] = (en, es)
    if problems:
        raise InvalidInput(problems)
    numbers = sorted(items)
    if numbers != list(range(1, len(numbers) + 1)):
        raise InvalidInput(
            [Problem("item", f"items are numbered 1, 2, 3, ... with none left out, got {numbers}")]
        )
    for item, answers in own.items():
        if item not in items:
            raise InvalidInput([Problem("item", f"answers given for item {item}, which has no wording")])
        items[item]["answers"] = _labels(answers)
    document: dict[str, object] = {"items": [items[n] for n in numbers]}
    if shared:
        document["answers"] = _labels(shared)
    return document


def _whole(text: str) -> int | bool | None:
    """A cell's whole number; None when empty; False when it is not one."""
    if not text:
        return None
    return int(text) if text.isdigit() else False


def _labels(answers: dict[int, tuple[str, str | None]]) -> dict[str, object]:
    """Answers keyed by value, as lists lowest value first (their count is checked against the scale)."""
    ordered = [answers[value] for value in sorted(answers)]
    spanish = [es for _en, es in ordered]
    return {"en": [en for en, _es in ordered], "es": None if all(s is None for s in spanish) else spanish}


def describe(wording: Wording) -> str:
    """One line for the list of wordings: how many items, in which languages."""
    languages = " and ".join({"en": "English", "es": "Spanish"}[str(lang)] for lang in wording.languages)
    return f"{len(wording.items)} items in {languages}"
