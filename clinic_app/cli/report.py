"""`clinic report progress MRN -o OUT.pdf` and `clinic report discharge MRN -o OUT.pdf`: the progress
report of a patient's episode of care, and the discharge summary at its end, for the referring
doctor or the payer.

Both read stored patient data: they need a login, and the print is recorded in the audit trail
(document_print, "progress report" or "discharge summary"). The clinic profile comes from the
database, or from `--clinic CLINIC.json` (docs/spec/formats.md); without its name, phone or
emergency number nothing is written (exit 2), nor is a discharge summary of an open episode.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinic_app.documents.layout import RenderedPdf
    from clinic_app.documents.progress_report import ProgressReportRequest

REPORT_DOCUMENT = "progress report"
DISCHARGE_DOCUMENT = "discharge summary"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("report", help="write reports over an episode of care as PDF")
    reports = parser.add_subparsers(dest="report_kind", metavar="REPORT", required=True)
    progress = reports.add_parser(
        "progress",
        help="the progress report of a patient's episode of care",
        description="Write the progress report of the patient's latest episode of care (or --episode) for "
        "the referring doctor or payer: the episode, its visits, the outcome measures with their MCID and a "
        "chart each, the patient's activities (PSFS), the screening measurements over the visits, the goals, "
        "the current plan, a signature block.",
    )
    _add_options(progress)
    progress.set_defaults(run=run_progress)
    discharge = reports.add_parser(
        "discharge",
        help="the discharge summary of a patient's discharged episode of care",
        description="Write the discharge summary of the patient's latest episode of care (or --episode), "
        "which must be discharged: the outcome in words, the visits, the outcome measures with their MCID and "
        "a chart each, the patient's activities (PSFS), the screening measurements, the goals met, the home "
        "programme to keep doing, a signature block.",
    )
    _add_options(discharge)
    discharge.set_defaults(run=run_discharge)


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mrn", metavar="MRN", help="the patient's MRN")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write (- for standard output)"
    )
    parser.add_argument(
        "--episode", metavar="EPISODE_ID", default=None, help="another episode of the patient"
    )
    parser.add_argument(
        "--paper", choices=("letter", "a4"), default=None, help="paper size (default: the document settings)"
    )
    parser.add_argument(
        "--clinic",
        metavar="CLINIC.json",
        default=None,
        help="take the clinic profile from this JSON file instead of the stored one",
    )


def run_progress(args: argparse.Namespace) -> int:
    from clinic_app.documents.progress_report import render_progress_report

    return _run(args, REPORT_DOCUMENT, render_progress_report)


def run_discharge(args: argparse.Namespace) -> int:
    from clinic_app.documents.discharge_summary import render_discharge_summary

    return _run(args, DISCHARGE_DOCUMENT, render_discharge_summary)


def _run(
    args: argparse.Namespace, document: str, render: Callable[[ProgressReportRequest], RenderedPdf]
) -> int:
    from clinic_app.cli.handout import destination, read_clinic_file, report, write_pdf
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.documents.progress_report import ProgressReportRequest
    from clinic_app.domain import PaperSize
    from clinic_app.errors import ClinicError
    from clinic_app.progress import episode_progress
    from clinic_app.storage import PatientService, SettingsService
    from clinic_app.storage.episodes import EpisodeService

    profile = read_clinic_file(args.clinic) if args.clinic else None
    with open_database() as database:
        user = log_in(database)
        patient = PatientService(database).find_by_mrn(args.mrn)
        if patient is None:
            raise ClinicError(f"there is no patient with MRN {args.mrn}")
        settings = SettingsService(database)
        if profile is None:
            profile = settings.load_profile()
        paper = PaperSize(args.paper) if args.paper else settings.load_document_settings().paper
        record = EpisodeService(database).print_report(user, patient.id, args.episode, document)
    signer = user.display_name + (f" (licence {user.licence})" if user.licence else "")
    request = ProgressReportRequest(
        patient=record.patient,
        progress=episode_progress(record.episode, record.visits),
        clinic=profile,
        paper=paper,
        signed_by=signer,
    )
    rendered = render(request)  # invalid input raises here: nothing is written
    write_pdf(args.output, rendered.data)
    pages = f"{rendered.pages} page{'s' if rendered.pages != 1 else ''}"
    report(
        args.output,
        f"Wrote the {document} ({pages}, {len(record.visits)} visits) to {destination(args.output)}",
    )
    return 0
