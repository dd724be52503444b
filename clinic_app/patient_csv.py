"""Patients from a CSV file (`clinic patient import`): read and check every row, store nothing.

The contract: UTF-8, the header row `mrn,given_name,family_name,birth_date,sex,language,phone,email`,
the first three required. Every problem is reported at once as `row N, column: problem`, N counting
the header as row 1, so a person can fix the file in one go. Whether a row's MRN is already taken is
the store's question (clinic_app.storage.patient_import); this module only reads the file.

Lenient where a spreadsheet differs harmlessly: a byte-order mark, CRLF line ends, columns in
another order, optional columns left out, blank lines, spaces around values, `Female` for `female`.
Strict where a guess could store the wrong thing: unknown columns, a row with more or fewer values
than the header, a date not written YYYY-MM-DD, an MRN twice in the file (compared ignoring case).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from clinic_app.domain import Language, Patient, Sex
from clinic_app.errors import Problem
from clinic_app.validation import describe

COLUMNS = ("mrn", "given_name", "family_name", "birth_date", "sex", "language", "phone", "email")
REQUIRED_COLUMNS = COLUMNS[:3]
HEADER = ",".join(COLUMNS)
# The contract's limits (accounts-records-interop.md, "Data safety"): names up to 100 characters,
# birth dates from 1900-01-01 to today; the others are the store's.
LENGTH_LIMITS = {"mrn": 40, "given_name": 100, "family_name": 100, "phone": 40, "email": 200}
EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
# A clinic's whole patient list fits; a file far beyond it is a mistake, not a list to read into memory.
MAX_ROWS = 100_000
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CsvPatient:
    """One patient row that passed every check of its own."""

    row: int  # the header is row 1
    patient: Patient


@dataclass(frozen=True, slots=True)
class PatientCsv:
    """What the file holds: the good rows, and every problem (if any, nothing may be imported)."""

    patients: tuple[CsvPatient, ...]
    problems: tuple[Problem, ...]
    rows: int  # data rows read, good or bad (blank lines not counted)
    # row -> (MRN, name) as typed, for every row with as many values as the header: to show a preview
    labels: Mapping[int, tuple[str, str]] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.problems


def read_patient_csv(data: bytes, *, today: dt.date | None = None) -> PatientCsv:
    """Every row of the file checked: the patients it describes, and every problem found."""
    if len(data) > MAX_BYTES:
        return _whole_file_problem(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    text, problem = _decode(data)
    if problem is not None:
        return PatientCsv((), (problem,), 0)
    if not text.strip():
        return _whole_file_problem(f"the file is empty; the first row must be the header {HEADER}")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        return _whole_file_problem(f"not readable as CSV ({error})")
    columns, header_problems = _read_header(header)
    if header_problems:
        return PatientCsv((), tuple(header_problems), 0)
    return _read_rows(reader, columns, today or dt.date.today())


def _whole_file_problem(message: str) -> PatientCsv:
    return PatientCsv((), (Problem("row 1", message),), 0)


def _decode(data: bytes) -> tuple[str, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        offset = error.start
        row = data.count(b"\n", 0, offset) + 1
        message = (
            f"not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset}); "
            "save the file as CSV UTF-8 and try again"
        )
        return "", Problem(f"row {row}", message)


def _read_header(header: list[str]) -> tuple[list[str], list[Problem]]:
    if len(header) == 1 and ";" in header[0]:  # a spreadsheet set to a European list separator
        message = "the values are separated by semicolons; save the file as CSV with commas (UTF-8)"
        return [], [Problem("row 1, header", message)]
    columns = [name.strip().lower() for name in header]
    problems = []
    unknown = [name for name in columns if name not in COLUMNS]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    repeated = sorted({name for name in columns if columns.count(name) > 1 and name in COLUMNS})
    if missing:
        problems.append(
            Problem(
                "row 1, header",
                f"missing the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
                f"the first row must be the header {HEADER} (the first three required)",
            )
        )
    if unknown:
        shown = ", ".join(f'"{name}"' if name else "(an empty name)" for name in unknown)
        problems.append(Problem("row 1, header", f"unknown column {shown}; allowed: {', '.join(COLUMNS)}"))
    if repeated:
        problems.append(Problem("row 1, header", f"column given twice: {', '.join(repeated)}"))
    return columns, problems


def _read_rows(reader: Iterator[list[str]], columns: list[str], today: dt.date) -> PatientCsv:
    patients: list[CsvPatient] = []
    problems: list[Problem] = []
    first_row_of: dict[str, int] = {}  # case-folded MRN -> the row that gave it first
    labels: dict[int, tuple[str, str]] = {}
    rows = 0
    number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(f"row {number + 1}", f"not readable as CSV ({error})"))
            break
        number += 1
        if not any(value.strip() for value in values):
            continue  # a blank line
        rows += 1
        if rows > MAX_ROWS:
            problems.append(Problem(f"row {number}", f"more than {MAX_ROWS:,} patients; split the file"))
            break
        row_patient, row_problems = _read_row(number, columns, values, today)
        mrn = ""
        if len(values) == len(columns):
            typed = dict(zip(columns, (value.strip() for value in values), strict=True))
            mrn = typed["mrn"]
            labels[number] = (mrn, f"{typed['given_name']} {typed['family_name']}".strip())
        if mrn:
            earlier = first_row_of.setdefault(mrn.casefold(), number)
            if earlier != number:
                message = f"the same MRN as row {earlier} (MRNs are compared ignoring case); give each once"
                row_problems.append(Problem(f"row {number}, mrn", message))
        if row_problems:
            problems.extend(row_problems)
        elif row_patient is not None:
            patients.append(row_patient)
    if rows == 0 and not problems:
        problems.append(Problem("row 1", "the file has its header but no patients"))
    return PatientCsv(tuple(patients), tuple(problems), rows, labels)


def _read_row(
    number: int, columns: list[str], values: list[str], today: dt.date
) -> tuple[CsvPatient | None, list[Problem]]:
    if len(values) != len(columns):
        return None, [
            Problem(
                f"row {number}",
                f"{len(values)} values, but the header has {len(columns)} columns "
                "(a value with a comma in it must be in double quotes)",
            )
        ]
    given = {name: value.strip() for name, value in zip(columns, values, strict=True)}
    fields: dict[str, object] = {}
    problems: list[Problem] = []
    for name in COLUMNS:
        value = given.get(name, "")
        if not value:
            if name in REQUIRED_COLUMNS:
                problems.append(Problem(f"row {number}, {name}", "required, but empty"))
            continue
        converted, message = _convert(name, value, today)
        if message is None:
            fields[name] = converted
        else:
            problems.append(Problem(f"row {number}, {name}", message))
    if problems:
        return None, problems
    try:
        patient = Patient.model_validate(fields)
    except ValidationError as error:
        return None, [
            Problem(f"row {number}, {'.'.join(str(part) for part in detail['loc'])}", describe(detail))
            for detail in error.errors(include_url=False)
        ]
    return CsvPatient(number, patient), []


def _convert(name: str, value: str, today: dt.date) -> tuple[object, str | None]:
    """The value as the Patient model takes it, or a message saying what is allowed."""
    limit = LENGTH_LIMITS.get(name)
    if limit is not None and len(value) > limit:
        return None, f"too long: at most {limit} characters"
    match name:
        case "birth_date":
            return _birth_date(value, today)
        case "sex":
            return _choice(value, Sex)
        case "language":
            return _choice(value, Language)
        case "email" if "@" not in value or any(ch.isspace() for ch in value):
            return None, "expected an email address such as name@example.com"
    return value, None


def _birth_date(value: str, today: dt.date) -> tuple[object, str | None]:
    try:
        born = dt.date.fromisoformat(value)
    except ValueError:
        born = None
    if born is None or len(value) != len("1961-04-02"):
        return None, f'expected a date as YYYY-MM-DD, got "{value[:20]}"'
    if not EARLIEST_BIRTH_DATE <= born <= today:
        return None, f"must be between {EARLIEST_BIRTH_DATE.isoformat()} and today, got {value}"
    return born, None


def _choice(value: str, allowed: type[Sex] | type[Language]) -> tuple[object, str | None]:
    try:
        return allowed(value.lower()), None
    except ValueError:
        return None, f'expected one of {", ".join(item.value for item in allowed)}, got "{value[:20]}"'
