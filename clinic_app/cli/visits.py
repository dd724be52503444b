"""`clinic visit import` / `clinic visit export`: store a visit document in the database and get it back."""

from __future__ import annotations

import argparse

from clinic_app.cli.io import open_output, read_input


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "visit",
        help="import a visit document into the database, or export a stored visit",
        description="Store visit documents in the database and get them back, losslessly.",
    )
    actions = parser.add_subparsers(dest="visit_action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help="store a visit document as a new visit and print its id",
        description="Store a visit document as a new visit. The last line printed is the visit's id. "
        "An invalid document stores nothing; the same document imported again is stored once and "
        "gives the same id.",
    )
    importing.add_argument("document", metavar="VISIT.json", help="visit document, or - for standard input")
    importing.add_argument(
        "--update-patient",
        action="store_true",
        help="store the document's patient details where they differ from the stored patient's "
        "(recorded in the audit trail); without it such a document is refused",
    )
    importing.set_defaults(run=import_visit)
    exporting = actions.add_parser(
        "export",
        help="write a stored visit as a visit document",
        description="Write a stored visit as a visit document, with its id and status, or with "
        "--format fhir as a FHIR R4 Bundle (type collection).",
    )
    exporting.add_argument("visit_id", metavar="VISIT_ID", help="the id `clinic visit import` printed")
    exporting.add_argument(
        "--format",
        choices=["visit", "fhir"],
        default="visit",
        help="visit (the visit document, the default) or fhir (a FHIR R4 Bundle)",
    )
    exporting.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="where to write (default: standard output)"
    )
    exporting.set_defaults(run=export_visit)


def import_visit(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage import VisitService
    from clinic_app.visitdoc import parse_visit_document

    with open_database() as database:
        user = log_in(database)
        visit = parse_visit_document(read_input(args.document))  # invalid input writes nothing
        stored = VisitService(database).import_document(user, visit, update_patient=args.update_patient)
    print(
        f"Stored the visit of {stored.visit.visit.date.isoformat()} as a {stored.status} visit with the id:"
    )
    print(stored.id)
    return 0


def export_visit(args: argparse.Namespace) -> int:
    if args.format == "fhir":
        return _export_fhir(args)
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage import VisitService
    from clinic_app.visitdoc import dump_visit_document

    with open_database() as database:
        visit = VisitService(database).export_document(log_in(database), args.visit_id)
    with open_output(args.output) as out:
        out.write(dump_visit_document(visit))
    return 0


def _export_fhir(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.fhir.bundle import dump_bundle, visit_bundle
    from clinic_app.storage.record_export import RecordExportService

    with open_database() as database:
        record = RecordExportService(database).visit(log_in(database), args.visit_id)
    bundle = visit_bundle(record.patient, record.visits[0])
    with open_output(args.output) as out:
        out.write(dump_bundle(bundle))
    return 0
