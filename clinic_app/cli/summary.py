"""`clinic summary`: print the clinician's one-to-two-page visit summary for the chart (English).

Like `clinic handout`, it takes the clinic profile from the database or from `--clinic CLINIC.json`,
and refuses (exit 2, nothing written) a profile without a name, phone or emergency number.
"""

from __future__ import annotations

import argparse

from clinic_app.cli.handout import add_print_options, build_request, destination, report, write_pdf


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "summary",
        help="write the clinician's visit summary for the chart as a PDF",
        description="Write the visit summary for the chart: complaints, red-flag checklist, every screen "
        "with its measurements, findings and links with their rules, referral and plan.",
    )
    parser.add_argument("visit", metavar="VISIT.json", help="visit document, or - for standard input")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write (- for standard output)"
    )
    add_print_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from clinic_app.documents import render_visit_summary

    write_pdf(args.output, render_visit_summary(build_request(args)))
    report(args.output, f"Wrote the visit summary to {destination(args.output)}")
    return 0
