"""`clinic outcomes score`: score one outcome measure's answer sheet (NPRS, PSFS, LEFS, ...).
`clinic outcomes progress MRN`: a patient's outcome measures over their episode of care.

`clinic outcomes text import MEASURE FILE`: the clinic's licensed wording of a measure we may not
ship (LEFS, NDI, ODI, QuickDASH), checked against its scoring; `text list` and `text remove MEASURE`.

`score` needs no login: it reads only the file it is given. `progress` reads stored patient data:
it needs a login, and the reading is recorded in the audit trail (progress_view). The wording
commands need a login; importing and removing need an admin (audited with the measure's id).
"""

from __future__ import annotations

import argparse
import json

from clinic_app.errors import ClinicError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("outcomes", help="score outcome measures")
    commands = parser.add_subparsers(dest="outcomes_command", metavar="COMMAND", required=True)
    score = commands.add_parser(
        "score",
        help="score one answer sheet",
        description="Score one answer sheet: a JSON array of item answers (numbers, or null for unanswered).",
    )
    score.add_argument(
        "measure", metavar="MEASURE", help="the measure's id, e.g. nprs, psfs, lefs (any case)"
    )
    score.add_argument("answers", metavar="ANSWERS.json", help="the answers, or - for standard input")
    score.add_argument("--json", action="store_true", help="print the result as JSON")
    score.set_defaults(run=run_score)
    progress = commands.add_parser(
        "progress",
        help="a patient's outcome measures over their episode of care",
        description="Each outcome measure of the patient's latest episode of care (or --episode), its "
        "values over the visits, and its change from the first to the latest, meaningful when it reaches "
        "the measure's MCID in the better direction. NPRS is given per complaint region.",
    )
    progress.add_argument("mrn", metavar="MRN", help="the patient's MRN")
    progress.add_argument(
        "--episode", metavar="EPISODE_ID", default=None, help="another episode of the patient"
    )
    progress.add_argument("--json", action="store_true", help="print the result as JSON")
    progress.set_defaults(run=run_progress)
    _register_text(commands)


def _register_text(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    text = commands.add_parser(
        "text",
        help="the clinic's wording of measures whose item text is not shipped",
        description="LEFS, NDI, ODI and QuickDASH ship their scoring but not their item wording (their licences do "
        "not let us). A clinic with a licensed copy imports its wording once; the desktop then shows "
        "those items on screen and in the patient's large-type mode.",
    )
    actions = text.add_subparsers(dest="text_command", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help="import a measure's wording from a YAML or CSV file (admins)",
        description="Import a measure's wording (YAML, or CSV with the columns item,answer,en,es; see "
        "docs/spec/formats.md), checked against the measure's scoring: the same number of items and "
        "the words of every answer. It replaces any wording imported before.",
    )
    importing.add_argument("measure", metavar="MEASURE", help="the measure's id, e.g. lefs (any case)")
    importing.add_argument("file", metavar="FILE", help="the wording, .yaml or .csv")
    importing.set_defaults(run=run_text_import)
    listing = actions.add_parser(
        "list", help="which measures the clinic has worded, and which are paper only"
    )
    listing.add_argument("--json", action="store_true", help="print the result as JSON")
    listing.set_defaults(run=run_text_list)
    removing = actions.add_parser("remove", help="remove a measure's wording: paper entry only (admins)")
    removing.add_argument("measure", metavar="MEASURE", help="the measure's id (any case)")
    removing.set_defaults(run=run_text_remove)


def run_score(args: argparse.Namespace) -> int:
    from clinic_app.cli.io import read_input
    from clinic_app.errors import InvalidInput, Problem
    from clinic_app.outcomes import find_measure, score

    measure = find_measure(args.measure)
    try:
        answers = json.loads(read_input(args.answers))
    except ValueError as error:
        raise InvalidInput([Problem("answers", f"not valid JSON ({error})")]) from None
    if not isinstance(answers, list):
        raise InvalidInput([Problem("answers", "expected a JSON array of answers (numbers, or null)")])
    result = score(measure, answers)
    if args.json:
        print(json.dumps(result.to_json_data()))
    elif result.score is None:
        print(f"{measure.name.en}: not scored, {answers.count(None)} item(s) unanswered (max {result.max:g})")
    else:
        print(f"{measure.name.en}: {result.score:g} of {result.max:g}")
    return 0


def run_progress(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.progress import MeasureSeries, episode_progress
    from clinic_app.storage import PatientService
    from clinic_app.storage.episodes import EpisodeService

    with open_database() as database:
        user = log_in(database)
        patient = PatientService(database).find_by_mrn(args.mrn)
        if patient is None:
            raise ClinicError(f"there is no patient with MRN {args.mrn}")
        episodes = EpisodeService(database)
        measures: tuple[MeasureSeries, ...] = ()
        if args.episode is not None or episodes.episodes(user, patient.id):
            record = episodes.episode_record(user, patient.id, args.episode)
            measures = episode_progress(record.episode, record.visits).measures
    if args.json:
        print(json.dumps({"mrn": patient.patient.mrn, "measures": [m.to_json_data() for m in measures]}))
        return 0
    if not measures:
        print(f"MRN {patient.patient.mrn}: no outcome measure recorded in the episode.")
    for series in measures:
        values = " → ".join(f"{p.value:g}" for p in series.points)
        verdict = (
            "meaningful"
            if series.meaningful
            else "worse by the MCID or more"
            if series.worsened
            else "not meaningful"
        )
        print(
            f"{series.name}: {values} ({series.change:+g} over {len(series.points)} values; "
            f"MCID {series.mcid:g}, {series.better} is better: {verdict})"
        )
    return 0


def run_text_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from clinic_app.cli.login import log_in, open_database
    from clinic_app.outcome_wording import describe, read_wording
    from clinic_app.outcomes import find_measure
    from clinic_app.storage.measure_wordings import MeasureWordingService

    measure = find_measure(args.measure)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ClinicError(f"cannot read {args.file} ({error.strerror})") from None
    wording = read_wording(measure, data, path.name)  # checked before any login or database
    with open_database() as database:
        user = log_in(database)
        MeasureWordingService(database).save(user, measure, wording)
    print(f"{measure.id.upper()}: the clinic's wording imported ({describe(wording)}).")
    return 0


def run_text_list(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.outcome_wording import describe
    from clinic_app.outcomes import load_measures
    from clinic_app.storage.measure_wordings import MeasureWordingService

    with open_database() as database:
        user = log_in(database)
        stored = MeasureWordingService(database).wordings(user)
    unshipped = [m for m in load_measures().values() if m.items.text is None]
    if args.json:
        found = [
            {
                "measure": m.id,
                "worded": m.id in stored,
                "items": len(stored[m.id].wording.items) if m.id in stored else None,
                "languages": list(stored[m.id].wording.languages) if m.id in stored else [],
                "imported_by": stored[m.id].imported_by if m.id in stored else None,
                "imported_at": stored[m.id].imported_at.isoformat() if m.id in stored else None,
            }
            for m in unshipped
        ]
        print(json.dumps(found))
        return 0
    for measure in unshipped:
        entry = stored.get(measure.id)
        if entry is None:
            print(f"{measure.id.upper()}: no wording supplied; paper entry only")
        else:
            when = entry.imported_at.date().isoformat()
            print(
                f"{measure.id.upper()}: {describe(entry.wording)}, imported by {entry.imported_by} on {when}"
            )
    return 0


def run_text_remove(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.outcomes import find_measure
    from clinic_app.storage.measure_wordings import MeasureWordingService

    measure = find_measure(args.measure)
    with open_database() as database:
        user = log_in(database)
        MeasureWordingService(database).remove(user, measure.id)
    print(f"{measure.id.upper()}: the clinic's wording removed; paper entry only.")
    return 0
