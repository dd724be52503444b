"""`clinic outcomes score`: score one outcome measure's answer sheet (NPRS, PSFS, LEFS, ...).
`clinic outcomes progress MRN`: a patient's outcome measures over their episode of care.

`score` needs no login: it reads only the file it is given. `progress` reads stored patient data:
it needs a login, and the reading is recorded in the audit trail (progress_view).
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
