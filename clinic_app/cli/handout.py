"""`clinic handout`: print the patient's take-home document for a visit.

The handout with the home exercises; or, when the triage finds a red flag, the referral letter
instead (no exercises), and the command says so. The clinic's header and the print defaults come
from the clinic profile and document settings stored in the database.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from clinic_app.cli.io import read_input

if TYPE_CHECKING:
    from clinic_app.documents import DocumentRequest
    from clinic_app.domain import Language


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


def run(args: argparse.Namespace) -> int:
    from clinic_app.documents import render_patient_document
    from clinic_app.documents.fonts import missing_glyphs
    from clinic_app.domain import Language

    language = Language(args.language) if args.language else None
    request = build_request(args, language=language, large_print=args.large_print)
    document = render_patient_document(request)
    write_pdf(args.output, document.pdf)
    unprintable = missing_glyphs(request.visit.patient.full_name)
    if unprintable:
        report(
            args.output,
            f"Note: the printout's font has no letters for {unprintable}; check the patient's name.",
        )
    if not request.clinic.phone.strip():
        report(
            args.output,
            "Note: the clinic profile has no phone number, so the printout cannot tell the patient how to "
            "call you. Fill in the clinic profile in the app's settings.",
        )
    pages = f"{document.pages} page{'s' if document.pages != 1 else ''}"
    if document.kind == "referral":
        report(
            args.output,
            f"Red flags present: wrote a referral letter (no exercises, {pages}) to {args.output}",
        )
    else:
        report(args.output, f"Wrote the home-exercise handout ({pages}) to {args.output}")
    return 0


def build_request(
    args: argparse.Namespace, *, language: Language | None = None, large_print: bool | None = None
) -> DocumentRequest:
    """The visit from the command line, with the clinic profile and print settings from the database."""
    from clinic_app.documents import DocumentRequest
    from clinic_app.domain import PaperSize
    from clinic_app.storage import SettingsService, open_database
    from clinic_app.visitdoc import parse_visit_document

    visit = parse_visit_document(read_input(args.visit))  # invalid input: exit 2 before anything else
    with open_database() as database:
        settings = SettingsService(database)
        profile, document_settings = settings.load_profile(), settings.load_document_settings()
    return DocumentRequest.for_visit(
        visit,
        clinic=profile,
        settings=document_settings,
        paper=PaperSize(args.paper) if args.paper else None,
        language=language,
        large_print=large_print,
    )


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
