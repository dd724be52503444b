"""The `clinic` command: the Qt-free core driven from a terminal or a script.

Each subcommand lives in its own module with `register(subparsers)`; heavy
imports happen inside the command functions so that start-up stays quick.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from clinic_app.cli.audit import AuditTrailBroken
from clinic_app.errors import ClinicError, InvalidInput, NotAllowed, NotLoggedIn

# Modules that add subcommands are found in this package; these come first in `clinic --help`.
COMMAND_ORDER = (
    "triage",
    "handout",
    "visits",
    "patients",
    "database",
    "backup",
    "demo",
    "exercises",
    "users",
    "audit",
)

DEBUG_ENV = "CLINIC_APP_DEBUG"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2
EXIT_NOT_LOGGED_IN = 3  # no login, a failed one, no account yet, or a role that may not do it
EXIT_AUDIT_BROKEN = 4  # `clinic audit verify` found a changed, removed or reordered entry
# What a shell reports for a program stopped by SIGPIPE (128 + 13): `clinic ... -o - | head` when
# head has read enough. Python ignores the signal and raises BrokenPipeError instead.
EXIT_OUTPUT_CLOSED = 141

Command = Callable[[argparse.Namespace], int | None]


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the arguments, only of the command they name, when a
    module of that name registers it (`clinic handout ...`): importing and registering every
    command module is a few tens of milliseconds of each command's start, a cold print's most."""
    names = _command_modules()
    wanted = next((arg for arg in argv or () if not arg.startswith("-")), None)
    if wanted in names:
        parser, subparsers = _parser_with_subcommands()
        import_module(f"clinic_app.cli.{wanted}").register(subparsers)
        if wanted in subparsers.choices:
            return parser
    parser, subparsers = _parser_with_subcommands()
    for name in names:
        import_module(f"clinic_app.cli.{name}").register(subparsers)
    return parser


def _parser_with_subcommands() -> tuple[argparse.ArgumentParser, Any]:
    parser = argparse.ArgumentParser(
        prog="clinic",
        description="Clinic App command line: triage visits, print handouts, import and export visits.",
    )
    parser.add_argument("--version", action=_VersionAction)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    return parser, subparsers


def _command_modules() -> list[str]:
    from pkgutil import iter_modules

    found = [m.name for m in iter_modules(__path__) if not m.ispkg and m.name not in _HELPER_MODULES]
    return sorted(found, key=lambda name: (COMMAND_ORDER.index(name) if name in COMMAND_ORDER else 99, name))


_HELPER_MODULES = frozenset({"io", "login"})


class _VersionAction(argparse.Action):
    """`--version`, looked up only when asked: importlib.metadata and the search for the installed
    package's metadata cost every command's start a few tens of milliseconds otherwise."""

    def __init__(
        self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object
    ) -> None:
        super().__init__(
            option_strings,
            dest,
            default=argparse.SUPPRESS,
            nargs=0,
            help="show the program's version and exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        parser._print_message(f"clinic {_version()}\n", sys.stdout)
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("clinic-app")
    except PackageNotFoundError:
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    command: Command = args.run
    debug = bool(os.environ.get(DEBUG_ENV))
    if debug:
        _log_for_a_bug_report()
    try:
        status = command(args) or EXIT_OK
        sys.stdout.flush()  # here, where a closed pipe can still be told apart from a bug
        return status
    except BrokenPipeError:
        return _output_closed()
    except InvalidInput as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except (NotLoggedIn, NotAllowed) as error:
        print(f"clinic: {error}", file=sys.stderr)
        return EXIT_NOT_LOGGED_IN
    except AuditTrailBroken as error:
        print(f"clinic: {error}", file=sys.stderr)
        return EXIT_AUDIT_BROKEN
    except ClinicError as error:
        print(f"clinic: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a storage fault met outside the services, else a bug
        fault = _storage_fault(error)
        if fault is not None:
            print(f"clinic: {fault}", file=sys.stderr)
            return EXIT_FAILURE
        if debug:
            raise
        print(
            f"clinic: internal error ({type(error).__name__}). "
            f"Run again with {DEBUG_ENV}=1 to see the details for a bug report.",
            file=sys.stderr,
        )
        return EXIT_FAILURE


def _log_for_a_bug_report() -> None:
    """With CLINIC_APP_DEBUG set, the log file gets every record (never patient data: clinic_app/logs.py)."""
    import logging

    from clinic_app.logs import configure_logging

    try:
        path = configure_logging(logging.DEBUG)
    except OSError as error:
        print(f"clinic: the log file could not be opened ({error.strerror})", file=sys.stderr)
        return
    print(f"clinic: writing a debug log to {path}", file=sys.stderr)


def _storage_fault(error: Exception) -> ClinicError | None:
    """A database driver's error that is a storage fault (busy, full, damaged...), in plain words."""
    if "sqlalchemy" not in sys.modules and "sqlite3" not in sys.modules:
        return None  # no database was opened
    from clinic_app.storage.faults import plain_fault

    try:
        from clinic_app.storage.db import database_url, describe_location

        location = describe_location(database_url())
    except ClinicError:
        location = "the database"
    return plain_fault(error, location)


def _output_closed() -> int:
    """Whoever read our standard output stopped reading: stop quietly, as other Unix tools do."""
    # Python flushes standard output once more at exit, which would fail again and say so:
    # give it somewhere harmless to flush to.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED
