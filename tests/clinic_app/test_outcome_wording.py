"""The clinic's wording of a measure we may not ship: read from YAML or CSV, checked against the
measure's shipped scoring (its number of items, every answer of its scale), each problem named."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from clinic_app.domain import Language
from clinic_app.errors import InvalidInput
from clinic_app.outcome_wording import describe, read_wording
from clinic_app.outcomes import find_measure

from .wordings import LEFS_SCALE, lefs_yaml, odi_csv


def changed(text: str, change: Callable[[Any], object]) -> str:
    document = yaml.safe_load(text)
    change(document)
    return yaml.safe_dump(document, allow_unicode=True)


def problems(measure: str, text: str, name: str = "wording.yaml") -> list[str]:
    with pytest.raises(InvalidInput) as raised:
        read_wording(find_measure(measure), text.encode("utf-8"), name)
    return [str(p) for p in raised.value.problems]


def test_a_lefs_wording_in_yaml_gives_each_item_and_its_answers_in_both_languages() -> None:
    wording = read_wording(find_measure("lefs"), lefs_yaml().encode("utf-8"), "lefs.yaml")
    assert wording.languages == (Language.EN, Language.ES)
    assert wording.question(0) == "Test activity 1"
    assert wording.question(19, Language.ES) == "Actividad de prueba 20"
    assert wording.answer_labels(7) == LEFS_SCALE
    assert wording.answer_labels(7, Language.ES)[4] == "Respuesta 4"
    assert describe(wording) == "20 items in English and Spanish"


def test_an_odi_wording_in_csv_gives_each_section_its_own_statements() -> None:
    wording = read_wording(find_measure("ODI"), odi_csv().encode("utf-8"), "odi.csv")
    assert wording.languages == (Language.EN,)
    assert wording.question(9) == "Test section 10"
    assert wording.answer_labels(2) == [f"Section 3 statement {v}" for v in range(6)]
    assert wording.question(9, Language.ES) == "Test section 10"  # no Spanish: English


def test_a_wording_that_does_not_fit_the_scoring_is_refused_naming_the_place() -> None:
    assert problems("lefs", lefs_yaml(items=19)) == ["items: LEFS has 20 items, got 19"]
    four_answers = changed(lefs_yaml(), lambda d: d["answers"]["en"].pop())
    assert problems("lefs", four_answers) == ["answers.en: 5 answers (0 to 4, lowest first), got 4"]
    no_scale = changed(lefs_yaml(spanish=False), lambda d: d.pop("answers"))
    assert problems("lefs", no_scale)[0] == "items[0].answers: give the words of its 5 answers (0 to 4)"
    assert len(problems("lefs", no_scale)) == 20
    no_spanish_scale = changed(lefs_yaml(), lambda d: d["answers"].pop("es"))
    assert problems("lefs", no_spanish_scale) == [
        "answers.es: the items are in Spanish: give their answers too"
    ]
    assert problems("nprs", lefs_yaml()) == ["measure: NPRS ships its own item wording; nothing to import"]
    assert problems("ndi", lefs_yaml()) == ["measure: the file is for 'lefs', not 'ndi'"]


def test_spanish_is_given_for_every_item_or_none() -> None:
    text = changed(lefs_yaml(), lambda d: d["items"][2].pop("es"))
    assert problems("lefs", text) == ["give every item in Spanish (es), or none"]


def test_bad_csv_rows_are_named_by_row_and_column() -> None:
    header = problems("odi", "number,text\n1,x\n", "odi.csv")
    assert header == ["row 1: the header must be item,answer,en,es (es may be left out)"]
    text = odi_csv().replace("3,4,Section 3 statement 4", "3,9,Section 3 statement 4")
    assert problems("odi", text, "odi.csv") == ["row 21, answer: from 0 to 5, got 9"]
    gap = "\n".join(line for line in odi_csv().splitlines() if not line.startswith("4,"))
    assert problems("odi", gap, "odi.csv")[0].startswith("item: items are numbered 1, 2, 3")
    assert problems("odi", "item,answer,en\nx,,Words\n", "odi.csv") == [
        "row 2: item and answer are whole numbers, or empty"
    ]


def test_a_file_that_is_not_yaml_or_text_is_refused() -> None:
    assert problems("lefs", "items: [unclosed") == ["file: not valid YAML at line 1"]
    with pytest.raises(InvalidInput, match="not UTF-8"):
        read_wording(find_measure("lefs"), b"\xff\xfe\x00", "lefs.yaml")
