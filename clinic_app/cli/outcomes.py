"""`clinic outcomes score`: score one outcome measure's answer sheet (NPRS, PSFS, LEFS, ...).

Needs no login: it reads only the file it is given.
"""

from __future__ import annotations

import argparse
import json


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
