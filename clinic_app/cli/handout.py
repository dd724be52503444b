"""`clinic handout`: print the patient's take-home document for a visit.

The handout with the home exercises; or, when the triage finds a red flag, the referral letter
instead (no exercises); or, when the therapist overrode every flag present, the letter followed by
the handout in the same file; the command says which. Without the red-flag checklist nothing is
written (exit 2, naming `red_flags`).

The clinic's header and the print defaults come from the clinic profile and document settings
stored in the database, or, with `--clinic CLINIC.json`, from that file (the database is then not
opened at all: docs/spec/formats.md). The clinic profile is part of the input: a missing name,
phone or emergency number is exit 2 naming `clinic.name` and so on, and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from clinic_app.cli.io import read_input
from clinic_app.errors import ClinicError, InvalidInput, Problem

if TYPE_CHECKING:
    from clinic_app.documents import DocumentRequest
    from clinic_app.domain import ClinicProfile, DocumentSettings, Language, Visit

T = TypeVar("T")

# The `--clinic` file (docs/spec/formats.md): the contract's fields, then ours; key -> profile field.
CLINIC_REQUIRED = ("name", "phone", "emergency_number")
CLINIC_FIELDS = {
    "name": "name",
    "phone": "phone",
    "emergency_number": "emergency_number",
    "address": "address",
    "email": "email",
    "booking": "booking",
    "footer": "handout_footer",
    "booking_es": "booking_es",
    "footer_es": "handout_footer_es",
    "letter_language": "letter_language",  # ours: the language of the doctor's part of a letter
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "handout",
        help="write the patient's home-exercise handout (or referral letter) as a PDF",
        description="Write the patient's home-exercise handout for a visit as a PDF. When a red flag is "
        "present, a referral letter for the patient is written instead, with no exercises.",
    )
    parser.add_argument("visit", metavar="VISIT.json", help="visit document, or - for standard input")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write (- for standard output)"
    )
    add_print_options(parser)
    parser.add_argument(
        "--large-print",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="large print: body text 16 pt, one exercise per page (default: the document settings)",
    )
    parser.add_argument(
        "--language",
        choices=("en", "es"),
        default=None,
        help="language of the printout (default: the patient's language, else the document settings)",
    )
    parser.set_defaults(run=run)


def add_print_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--paper", choices=("letter", "a4"), default=None, help="paper size (default: the document settings)"
    )
    parser.add_argument(
        "--clinic",
        metavar="CLINIC.json",
        default=None,
        help="take the clinic profile from this JSON file instead of the stored one (required: name, "
        "phone, emergency_number; optional: address, email, booking, footer, booking_es, footer_es, "
        "letter_language); the database is then not opened",
    )


def run(args: argparse.Namespace) -> int:
    from clinic_app.documents import render_patient_document
    from clinic_app.domain import Language

    language = Language(args.language) if args.language else None
    request = build_request(args, language=language, large_print=args.large_print)
    document = render_patient_document(request)  # invalid input raises here: nothing is written
    write_pdf(args.output, document.pdf)
    where = destination(args.output)
    if document.kind == "referral":
        report(
            args.output,
            f"Red flags present: wrote a referral letter (no exercises, {_pages(document.pages)}) to {where}",
        )
    elif document.kind == "referral_and_handout":
        letter, handout = document.part_pages
        report(
            args.output,
            f"Red flags present, all overridden by the therapist: wrote a referral letter ({_pages(letter)}) "
            f"followed by the home-exercise handout ({_pages(handout)}) to {where}",
        )
    else:
        report(args.output, f"Wrote the home-exercise handout ({_pages(document.pages)}) to {where}")
    return 0


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


def build_request(
    args: argparse.Namespace, *, language: Language | None = None, large_print: bool | None = None
) -> DocumentRequest:
    """The visit from the command line, with the clinic profile and print settings.

    Both come from the database, unless `--clinic` gives the profile (then the database is not
    opened and the print settings are the defaults). Problems in the visit and in the clinic file
    are reported together (exit 2).
    """
    from clinic_app.documents import DocumentRequest
    from clinic_app.domain import DocumentSettings, PaperSize

    if args.visit == "-" and getattr(args, "clinic", None) == "-":
        raise ClinicError("only one of VISIT.json and --clinic can be read from standard input")
    problems: list[Problem] = []
    visit = _parse(lambda: _read_visit(args.visit), problems)
    profile = _parse(lambda: read_clinic_file(args.clinic), problems) if args.clinic else None
    if problems or visit is None:
        raise InvalidInput(problems)
    if profile is not None:
        document_settings = DocumentSettings()
    else:
        profile, document_settings = _stored_settings()
    return DocumentRequest.for_visit(
        visit,
        clinic=profile,
        settings=document_settings,
        paper=PaperSize(args.paper) if args.paper else None,
        language=language,
        large_print=large_print,
    )


def _parse(read: Callable[[], T], problems: list[Problem]) -> T | None:
    """What `read` returns; None, with its problems added to `problems`, when the input is invalid."""
    try:
        return read()
    except InvalidInput as error:
        problems += error.problems
        return None


def _read_visit(path: str) -> Visit:
    from clinic_app.visitdoc import parse_visit_document

    return parse_visit_document(read_input(path))


def _stored_settings() -> tuple[ClinicProfile, DocumentSettings]:
    from clinic_app.storage import SettingsService, open_database, unlocking
    from clinic_app.storage.db import database_url
    from clinic_app.storage.plain_settings import read_plain_settings

    encrypted = unlocking.encrypted_file(database_url())
    if encrypted is not None:  # locked without a login: its plain copy of the profile (no patient data)
        profile, document_settings, _minutes = read_plain_settings(encrypted)
        return profile, document_settings
    with open_database() as database:
        settings = SettingsService(database)
        return settings.load_profile(), settings.load_document_settings()


def read_clinic_file(path: str) -> ClinicProfile:
    """The clinic profile of a `--clinic` file; every problem at once, each named `clinic.<field>`."""
    from pydantic import ValidationError

    from clinic_app.domain import ClinicProfile, Language
    from clinic_app.validation import shown

    text = read_input(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            [Problem("clinic", f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})")]
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput([Problem("clinic", f"expected a JSON object of clinic fields, got {shown(data)}")])
    problems = [
        Problem(f"clinic.{key}", f"unknown field; allowed: {', '.join(CLINIC_FIELDS)}")
        for key in data
        if key not in CLINIC_FIELDS
    ]
    for key in CLINIC_REQUIRED:
        if key not in data or (isinstance(data[key], str) and not data[key].strip()):
            problems.append(Problem(f"clinic.{key}", "required: give it as non-empty text"))
    values: dict[str, Any] = {}
    for key, field in CLINIC_FIELDS.items():
        if key not in data:
            continue
        value = data[key]
        if key == "letter_language":
            if value not in {language.value for language in Language}:
                allowed = " or ".join(f'"{language.value}"' for language in Language)
                problems.append(Problem(f"clinic.{key}", f"expected {allowed}, got {shown(value)}"))
            else:
                values[field] = Language(value)
        elif not isinstance(value, str):
            problems.append(Problem(f"clinic.{key}", f"expected text, got {shown(value)}"))
        else:
            values[field] = value
    if not problems:
        try:
            return ClinicProfile.model_validate(values)
        except ValidationError as error:
            names = {field: key for key, field in CLINIC_FIELDS.items()}
            for detail in error.errors():
                field = str(detail["loc"][0]) if detail["loc"] else ""
                limit = detail.get("ctx", {}).get("max_length")
                what = f"at most {limit} characters" if limit is not None else detail["msg"]
                problems.append(
                    Problem(f"clinic.{names.get(field, field)}", f"{what}, got {shown(detail['input'])}")
                )
    raise InvalidInput(problems)


def write_pdf(path: str, pdf: bytes) -> None:
    if path == "-":
        sys.stdout.buffer.write(pdf)
        sys.stdout.buffer.flush()
        return
    from clinic_app.cli.io import atomic_write

    with atomic_write(path, "wb") as stream:
        stream.write(pdf)  # type: ignore[arg-type]


def destination(output: str) -> str:
    return "standard output" if output == "-" else output


def report(output: str, message: str) -> None:
    """Tell the user what was written; on standard error when the PDF itself goes to standard output."""
    print(message, file=sys.stderr if output == "-" else sys.stdout)
