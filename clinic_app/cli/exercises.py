"""`clinic exercises`: list the exercise library (ids, kinds, the findings each addresses)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("exercises", help="list the exercise library")
    parser.add_argument("--language", choices=("en", "es"), default="en", help="language of the names")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from clinic_app.domain import Language
    from clinic_app.exercises import load_library

    language = Language(args.language)
    for exercise in load_library().exercises.values():
        dose = exercise.dosing
        hold = f"{dose.hold_s} s x " if dose.hold_s else ""
        print(f"{exercise.id:34} {exercise.kind:9} {exercise.text[language].name}")
        print(
            f"{'':34} {hold}{dose.reps}, {dose.sets} set(s), {dose.per_day}x a day; for {', '.join(exercise.addresses)}"
        )
    return 0
