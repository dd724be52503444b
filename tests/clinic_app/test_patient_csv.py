"""Reading a patient CSV file: every row checked, every problem named by row and column."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic_app.domain import Language, Sex
from clinic_app.patient_csv import HEADER, read_patient_csv

TODAY = dt.date(2026, 11, 29)


def read(text: str | bytes) -> list[str]:
    """The problems found, as the command prints them."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return [str(problem) for problem in read_patient_csv(data, today=TODAY).problems]


def test_a_good_file_gives_every_patient_with_its_row_number() -> None:
    csv = read_patient_csv(
        (
            f"{HEADER}\n"
            "A-1001,Zoë,Núñez,1961-04-02,female,es,+1 623 486 3333,zoe@example.com\n"
            '"B-2002","García, José",López,,,,,\n'
        ).encode(),
        today=TODAY,
    )
    assert csv.valid
    assert csv.rows == 2
    first, second = csv.patients
    assert first.row == 2
    assert first.patient.given_name == "Zoë"
    assert first.patient.birth_date == dt.date(1961, 4, 2)
    assert first.patient.sex is Sex.FEMALE
    assert first.patient.language is Language.ES
    assert first.patient.email == "zoe@example.com"
    assert second.row == 3
    assert second.patient.given_name == "García, José"  # a quoted comma is part of the value
    assert second.patient.birth_date is None
    assert second.patient.phone is None


def test_a_byte_order_mark_and_crlf_line_ends_are_read_as_any_other_file() -> None:
    data = ("\ufeff" + "mrn,given_name,family_name\r\nA-1,Ann,Lee\r\nA-2,Bo,Ray\r\n").encode()
    csv = read_patient_csv(data, today=TODAY)
    assert csv.valid
    assert [p.patient.mrn for p in csv.patients] == ["A-1", "A-2"]
    assert csv.patients[0].patient.family_name == "Lee"  # no stray \r


def test_optional_columns_may_be_left_out_or_given_in_another_order() -> None:
    csv = read_patient_csv(b"family_name,mrn,sex,given_name\nLee,A-1,Male,Ann\n", today=TODAY)
    assert csv.valid
    assert csv.patients[0].patient.sex is Sex.MALE  # any letter case


def test_blank_lines_are_skipped_but_still_counted_as_rows() -> None:
    csv = read_patient_csv(b"mrn,given_name,family_name\n\nA-1,Ann,Lee\n,,\nA-2,Bo,\n", today=TODAY)
    assert [str(p) for p in csv.problems] == ["row 5, family_name: required, but empty"]


def test_every_problem_of_every_row_is_named_by_row_and_column() -> None:
    problems = read(
        f"{HEADER}\n"
        "A-1,Ann,Lee,1961-04-02,female,en,,\n"
        ",Bo,,02/04/1961,f,fr,,not an email\n"
        "A-3,Cy,Day,1899-12-31,,,,\n"
        "A-4,Di,Eve,2027-01-01,,,,\n"
    )
    assert problems == [
        "row 3, mrn: required, but empty",
        "row 3, family_name: required, but empty",
        'row 3, birth_date: expected a date as YYYY-MM-DD, got "02/04/1961"',
        'row 3, sex: expected one of female, male, other, unknown, got "f"',
        'row 3, language: expected one of en, es, got "fr"',
        "row 3, email: expected an email address such as name@example.com",
        "row 4, birth_date: must be between 1900-01-01 and today, got 1899-12-31",
        "row 5, birth_date: must be between 1900-01-01 and today, got 2027-01-01",
    ]


def test_limits_name_the_field() -> None:
    problems = read(f"mrn,given_name,family_name,phone\n{'M' * 41},{'x' * 101},Lee,{'1' * 41}\n")
    assert problems == [
        "row 2, mrn: too long: at most 40 characters",
        "row 2, given_name: too long: at most 100 characters",
        "row 2, phone: too long: at most 40 characters",
    ]
    assert read(f"mrn,given_name,family_name\nA-1,{'x' * 100},Lee\n") == []


def test_an_mrn_given_twice_in_any_letter_case_names_both_rows() -> None:
    problems = read("mrn,given_name,family_name\nA-1,Ann,Lee\nB-2,Bo,Ray\na-1,Ann,Lee\n")
    assert problems == ["row 4, mrn: the same MRN as row 2 (MRNs are compared ignoring case); give each once"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("A-1,Ann,Lee,extra", "row 2: 4 values, but the header has 3 columns"),
        ("A-1,Ann", "row 2: 2 values, but the header has 3 columns"),
    ],
)
def test_a_row_with_more_or_fewer_values_than_the_header_says_so(line: str, problem: str) -> None:
    (found,) = read(f"mrn,given_name,family_name\n{line}\n")
    assert found.startswith(problem)
    assert "double quotes" in found


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Patient ID,First,Last",
            [
                "row 1, header: missing the columns mrn, given_name, family_name; the first row must be "
                f"the header {HEADER} (the first three required)",
                'row 1, header: unknown column "patient id", "first", "last"; allowed: '
                + HEADER.replace(",", ", "),
            ],
        ),
        ("mrn,given_name,family_name,mrn", ["row 1, header: column given twice: mrn"]),
        (
            "mrn;given_name;family_name",
            [
                "row 1, header: the values are separated by semicolons; "
                "save the file as CSV with commas (UTF-8)"
            ],
        ),
        (
            "mrn,given_name,family_name,",
            ["row 1, header: unknown column (an empty name); allowed: " + HEADER.replace(",", ", ")],
        ),
    ],
)
def test_a_wrong_header_is_refused_with_what_it_must_be(header: str, expected: list[str]) -> None:
    assert read(f"{header}\nA-1,Ann,Lee\n") == expected


@pytest.mark.parametrize("content", [b"", b"\n\n", "\ufeff".encode(), b"  \r\n"])
def test_an_empty_file_says_what_the_first_row_must_be(content: bytes) -> None:
    assert read(content) == [f"row 1: the file is empty; the first row must be the header {HEADER}"]


def test_a_header_without_patients_is_a_problem() -> None:
    assert read(f"{HEADER}\n") == ["row 1: the file has its header but no patients"]


def test_a_file_that_is_not_utf8_names_the_row_and_the_byte() -> None:
    data = "mrn,given_name,family_name\nA-1,Ann,Lee\nA-2,José,Ruiz\n".encode("latin-1")
    assert read(data) == [
        "row 3: not UTF-8 text (byte 0xe9 at offset 46); save the file as CSV UTF-8 and try again"
    ]


def test_an_unclosed_quote_is_named_by_its_row() -> None:
    (problem,) = read('mrn,given_name,family_name\nA-1,"Ann,Lee\n')
    assert problem.startswith("row 2: not readable as CSV")
