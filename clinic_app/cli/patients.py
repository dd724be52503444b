"""`clinic patient import` / `clinic patient export`: patients from a CSV file, a patient's record as FHIR."""

from __future__ import annotations

import argparse

from clinic_app.cli.io import open_binary, open_output


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "patient",
        help="import patients from a CSV file, or export a patient's record as FHIR",
        description="Bring patients in from another system, and a patient's whole record out.",
    )
    actions = parser.add_subparsers(dest="patient_action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help="add the patients of a CSV file",
        description="Add the patients of a CSV file (UTF-8; header "
        "mrn,given_name,family_name,birth_date,sex,language,phone,email, the first three required). "
        "Every row is checked first: if any has a problem, nothing is imported and each problem is "
        "listed as `row N, column: problem` (the header is row 1). A patient already stored with the "
        "same details is skipped; with other details the row is a problem, unless --update-patients.",
    )
    importing.add_argument("file", metavar="FILE.csv", help="the CSV file")
    importing.add_argument(
        "--update-patients",
        action="store_true",
        help="replace the stored details of a patient whose MRN is in the file with the file's",
    )
    importing.set_defaults(run=import_patients)
    exporting = actions.add_parser(
        "export",
        help="write a patient with all their visits as a FHIR R4 Bundle",
        description="Write a patient with all their visits as a FHIR R4 Bundle (type collection).",
    )
    exporting.add_argument("mrn", metavar="MRN", help="the patient's MRN (any letter case)")
    exporting.add_argument("--format", choices=["fhir"], required=True, help="the format: fhir")
    exporting.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="where to write (default: standard output)"
    )
    exporting.set_defaults(run=export_patient)


def import_patients(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.patient_csv import read_patient_csv
    from clinic_app.storage.patient_import import PatientImportService

    with open_binary(args.file) as stream:
        data = stream.read()
    with open_database() as database:
        user = log_in(database)
        patients = read_patient_csv(data)
        outcome = PatientImportService(database).import_patients(
            user, patients, update_patients=args.update_patients
        )
    print(
        f"Read {_count(patients.rows, 'patient')}: {outcome.added} added, {outcome.updated} updated, "
        f"{outcome.skipped} skipped (already stored with the same details)."
    )
    return 0


def export_patient(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.fhir.bundle import dump_bundle, patient_bundle
    from clinic_app.storage.record_export import RecordExportService

    with open_database() as database:
        record = RecordExportService(database).patient(log_in(database), args.mrn)
    bundle = patient_bundle(record.patient, record.visits)
    with open_output(args.output) as out:
        out.write(dump_bundle(bundle))
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
