"""`clinic triage`: triage one visit document, or re-triage a JSON Lines batch of them."""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING, Any

from clinic_app.cli.io import decode_document, open_output, read_input

if TYPE_CHECKING:
    from clinic_app.domain import Visit
    from clinic_app.triage import TriageResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "triage",
        help="show the findings, links, next screens, referral and exercise plan for a visit",
        description="Triage a visit document (or '-' for standard input).",
    )
    parser.add_argument("visit", metavar="VISIT.json", help="visit document, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print the clinic-app/triage/1 JSON result")
    parser.add_argument(
        "--batch",
        action="store_true",
        help="read JSON Lines (one visit per line) and write one JSON result per line",
    )
    parser.add_argument("-o", "--output", default="-", help="where to write (default: standard output)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.batch:
        return run_batch(args.visit, args.output)
    from clinic_app.triage import triage
    from clinic_app.visitdoc import parse_visit_document

    visit = parse_visit_document(read_input(args.visit))
    result = triage(visit)
    with open_output(args.output) as out:
        if args.json:
            import json

            json.dump(result.to_json_data(), out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            out.write(format_report(visit, result))
    return 0


def run_batch(source: str, output: str) -> int:
    """Re-triage every line; a bad line gets an error record and exit status 2, the rest go on."""
    import json

    from clinic_app.errors import InvalidInput
    from clinic_app.triage import default_engine
    from clinic_app.visitdoc import parse_visit_document

    engine = default_engine()
    invalid_lines = 0
    with _open_lines(source) as lines, open_output(output) as out:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                try:
                    visit = parse_visit_document(line)  # the bytes: the parser checks their UTF-8 itself
                except InvalidInput:
                    decode_document(line, f"line {number}")  # when that was the problem, say it plainly
                    raise
                out.write(engine.triage(visit).to_json())
            except InvalidInput as error:
                invalid_lines += 1
                problems = [str(p) for p in error.problems]
                record = {"schema": "clinic-app/triage-error/1", "line": number, "problems": problems}
                out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
                for problem in problems:
                    print(f"line {number}: {problem}", file=sys.stderr)
            out.write("\n")
    return 2 if invalid_lines else 0


def _open_lines(source: str) -> IO[Any]:
    """The lines as bytes, each checked on its own: one line that is not UTF-8 spoils only itself."""
    if source == "-":
        # A test may stand a text-only stream in for standard input; its lines are already text.
        return _Unclosed(getattr(sys.stdin, "buffer", sys.stdin))  # type: ignore[return-value]
    from clinic_app.cli.io import open_binary

    return open_binary(source)


class _Unclosed:
    """Standard input as a context manager that leaves it open."""

    def __init__(self, stream: IO[Any]) -> None:
        self.stream = stream

    def __enter__(self) -> IO[Any]:
        return self.stream

    def __exit__(self, *_: object) -> None:
        return None


PLAN_STATUS_WORDS = {
    "referral": "no home programme: the patient is referred.",
    "needs_red_flag_checklist": "no home programme until the red-flag checklist is done.",
    "nothing_to_treat": "no abnormal finding, nothing to treat.",
    "proposed": "proposed below.",
}


def format_report(visit: Visit, result: TriageResult) -> str:
    """The triage result as a short report for the clinician."""
    lines = [f"Triage of visit on {visit.visit.date.isoformat()} (rules {result.rules_version})", ""]
    lines += _referral_lines(result)
    if result.warnings:
        lines += ["Warnings:", *(f"  ! {w.message}" for w in result.warnings), ""]
    lines.append("Findings:" if result.findings else "Findings: none abnormal.")
    for f in result.findings:
        extra = ", additional: explains no complaint" if f.additional else ""
        lines.append(f"  - {f.label}  [{f.id}; rule {', '.join(f.rules)}{extra}]")
    lines += ["", "Complaints:" if visit.complaints else "Complaints: none recorded."]
    for index, complaint in enumerate(visit.complaints):
        pain = "" if complaint.pain is None else f", pain {complaint.pain}/10"
        lines.append(f"  {index + 1}. {complaint.region.value}, {complaint.side.value}{pain}")
        links = result.links_of_complaint(index)
        lines += [f"     explained by {result.finding(k.finding).label} (rule {k.rule})" for k in links]
        if not links:
            lines.append("     not explained by the screens done so far")
    lines.append("")
    lines.append(
        "Next: " + (", ".join(result.next_screens) if result.next_screens else "nothing more to screen.")
    )
    lines += ["", f"Plan: {PLAN_STATUS_WORDS[result.plan_status]}"]
    lines += _plan_lines(visit, result)
    return "\n".join(lines) + "\n"


def _referral_lines(result: TriageResult) -> list[str]:
    from clinic_app.catalogue import load_catalogue

    referral = result.referral
    if not referral.required or referral.urgency is None:
        return []
    catalogue = load_catalogue()
    urgency = catalogue.urgencies[referral.urgency]
    overridden = set(referral.overridden)
    lines = [f"REFERRAL REQUIRED ({referral.urgency.upper()}, {urgency.when.en}):"]
    for flag_id in referral.reasons:
        note = "  (overridden by the therapist)" if flag_id in overridden else ""
        lines.append(f"  - {catalogue.red_flags[flag_id].clinician.en} [{flag_id}]{note}")
    combinations = {c.id: c for c in catalogue.combinations}
    lines += [f"  - raised: {combinations[c].clinician.en} [{c}]" for c in referral.combinations]
    lines += [f"  {urgency.clinician.en}", ""]
    return lines


def _plan_lines(visit: Visit, result: TriageResult) -> list[str]:
    lines = []
    for number, exercise in enumerate(result.exercises, start=1):
        lines.append(
            f"  {number}. {exercise.name} ({exercise.kind}, {exercise.side.value}): {_dose(exercise.dosing)}"
        )
        purposes = [*exercise.for_findings]
        purposes += [
            f"complaint {i + 1} ({visit.complaints[i].region.value})" for i in exercise.for_complaints
        ]
        lines.append(f"     for {', '.join(purposes)} (rule {', '.join(exercise.rules)})")
    if result.deferred_findings or result.deferred_strength:
        lines.append("  Not in the plan (it is full at six exercises):")
        lines += [f"     - {result.finding(fid).label}" for fid in result.deferred_findings]
        lines += [f"     - strengthening for complaint {i + 1}" for i in result.deferred_strength]
    return lines


def _dose(dosing: Any) -> str:
    hold = f"hold {dosing.hold_s} s, " if dosing.hold_s else ""
    return f"{hold}{dosing.reps} reps, {dosing.sets} set(s), {dosing.per_day}x a day"
