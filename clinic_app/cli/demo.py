"""`clinic demo`: fill an empty database with demo patients and visits."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="fill an empty database with demo patients and visits",
        description="Add about 20 made-up patients with two to four visits each, to try the app. "
        "Refuses a database that already holds patients.",
    )
    parser.set_defaults(run=run)


def run(_args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage.demo import load_demo

    with open_database() as database:
        counts = load_demo(database, log_in(database))
        location = database.location
    print(f"Added {counts.patients} demo patients with {counts.visits} visits to {location}.")
    return 0
