"""`clinic audit [--patient MRN] [--user USERNAME] [--since DATE] [--json]` and `clinic audit verify`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from clinic_app.errors import ClinicError, InvalidInput, Problem

if TYPE_CHECKING:
    from clinic_app.storage.audit import AuditAction, AuditEntry


class AuditTrailBroken(ClinicError):
    """`clinic audit verify` found an entry changed, removed or out of place (exit 4)."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "audit",
        usage="clinic audit [--patient MRN] [--user USERNAME] [--action ACTION] [--since DATE] [--json]\n"
        "       clinic audit verify",
        help="the audit trail: who did what, when (admins)",
        description="The audit trail, oldest first: logins, account changes, imports, exports, views, "
        "signatures and prints. Admins only. `clinic audit verify` checks that no entry was changed, "
        "removed or reordered.",
    )
    parser.add_argument("--patient", metavar="MRN", help="only entries about this patient")
    parser.add_argument("--user", metavar="USERNAME", help="only entries by this account")
    parser.add_argument(
        "--action", metavar="ACTION", help="only entries of this action: login_failed, visit_view, ..."
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="only entries from then on: 2026-11-29 (UTC midnight) or 2026-11-29T08:00:00Z",
    )
    parser.add_argument("--json", action="store_true", help="as a JSON array of objects")
    parser.set_defaults(run=list_entries)
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTION", required=False)
    verify = actions.add_parser(
        "verify",
        help="check the hash chain (exit 4 naming the first bad entry)",
        description="Check every entry's hash and its link to the one before; prints how many entries "
        "were checked. Exit 4, naming the first bad entry, when one was changed, removed or reordered.",
    )
    verify.set_defaults(run=verify_entries)


def list_entries(args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage import PatientService
    from clinic_app.storage.audit import AuditService

    since = None if args.since is None else parse_since(args.since)
    action = None if args.action is None else parse_action(args.action)
    with open_database() as database:
        user = log_in(database)
        patient_id = None
        if args.patient is not None:
            # Only an admin may look a patient up here: the same check the trail itself makes.
            from clinic_app.accounts import Permission, require

            require(user, Permission.AUDIT)
            patient = PatientService(database).find_by_mrn(args.patient)
            if patient is None:
                raise ClinicError(f"there is no patient with MRN {args.patient}")
            patient_id = patient.id
        entries = AuditService(database).entries(
            user, patient_id=patient_id, username=args.user, since=since, action=action
        )
    if args.json:
        print(json.dumps([entry.to_json() for entry in entries], ensure_ascii=False, indent=2))
    else:
        print_table(entries)
    return 0


def verify_entries(_args: argparse.Namespace) -> int:
    from clinic_app.cli.login import log_in, open_database
    from clinic_app.storage.audit import AuditService

    with open_database() as database:
        check = AuditService(database).verify(log_in(database))
    if not check.intact:
        raise AuditTrailBroken(
            f"the audit trail is broken: {check.problem} ({check.checked} entries before it are intact)"
        )
    print(f"Checked {check.checked} audit entries: the chain is intact.")
    return 0


def parse_since(text: str) -> dt.datetime:
    try:
        if len(text) == len("2026-11-29"):
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.UTC)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InvalidInput(
            [
                Problem(
                    "--since",
                    f"expected a date like 2026-11-29 or a time with its zone like 2026-11-29T08:00:00Z, got {text!r}",
                )
            ]
        )
    return moment.astimezone(dt.UTC)


def parse_action(text: str) -> AuditAction:
    from clinic_app.storage.audit import AuditAction

    try:
        return AuditAction(text.strip().lower())
    except ValueError:
        allowed = ", ".join(sorted(action.value for action in AuditAction))
        raise InvalidInput([Problem("--action", f"expected one of {allowed}; got {text!r}")]) from None


def print_table(entries: list[AuditEntry]) -> None:
    if not entries:
        print("No audit entries match.")
        return
    table = [("SEQ", "AT (UTC)", "USER", "ACTION", "MRN", "VISIT", "COMPUTER", "DETAIL")]
    for entry in entries:
        table.append(
            (
                str(entry.seq),
                entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                entry.user or "-",
                entry.action,
                entry.patient_mrn or "-",
                entry.visit_id or "-",
                entry.computer,
                entry.detail or "",
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
