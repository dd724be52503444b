"""The live triage panel: findings, what explains each complaint and why, what to screen next."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from clinic_app.catalogue import Catalogue, load_catalogue
from clinic_app.domain import Complaint, Visit
from clinic_app.errors import Problem
from clinic_app.triage import TriageResult

URGENCY_COLOURS = {"emergency": "#b71c1c", "urgent": "#e65100", "routine": "#8d6e00"}


class TriagePanel(QWidget):
    """Shows the triage of the visit as it is being recorded; refreshed on every change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = load_catalogue()
        self._last = ""
        title = QLabel("<b>Triage</b>")
        self._view = QTextBrowser()
        self._view.setOpenLinks(False)
        self._view.setAccessibleName("Triage result")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self._view)

    def show_result(self, visit: Visit, result: TriageResult) -> None:
        self._last = triage_html(visit, result, self._catalogue)
        self._view.setHtml(self._last)

    def show_problems(self, problems: list[Problem]) -> None:
        """Say what to fix; keep the last valid triage below it, marked as not yet updated."""
        count = len(problems)
        header = (
            f"<p style='color:#c62828'><b>{count} entr{'y needs' if count == 1 else 'ies need'} fixing"
            " (marked in red in the form).</b> The triage below is from before.</p>"
        )
        items = "".join(f"<li>{escape(str(p))}</li>" for p in problems[:6])
        more = f"<li>…and {count - 6} more</li>" if count > 6 else ""
        previous = self._last or "<p><i>No triage yet.</i></p>"
        self._view.setHtml(f"{header}<ul>{items}{more}</ul><div style='color:gray'>{previous}</div>")

    def text(self) -> str:
        return self._view.toPlainText()


def triage_html(visit: Visit, result: TriageResult, catalogue: Catalogue) -> str:
    parts = [_referral_html(result, catalogue), _complaints_html(visit, result, catalogue)]
    parts += [_findings_html(result), _next_html(result, catalogue), _plan_html(result)]
    return "".join(parts)


def _referral_html(result: TriageResult, catalogue: Catalogue) -> str:
    referral = result.referral
    if not referral.required or referral.urgency is None:
        return ""
    colour = URGENCY_COLOURS[referral.urgency]
    urgency = catalogue.urgencies[referral.urgency]
    reasons = "".join(f"<li>{escape(catalogue.red_flags[r].letter.en)}</li>" for r in referral.reasons)
    return (
        f"<table width='100%' cellpadding='6' style='background:{colour}; color:white'><tr><td>"
        f"<b>REFER — {escape(urgency.label.en.upper())}.</b> No home exercise programme.<br>"
        f"{escape(urgency.advice.en)}<ul>{reasons}</ul></td></tr></table>"
    )


def _complaints_html(visit: Visit, result: TriageResult, catalogue: Catalogue) -> str:
    if not visit.complaints:
        return "<h3>Complaints</h3><p><i>No complaints recorded yet.</i></p>"
    rows = [_complaint_html(i, c, result, catalogue) for i, c in enumerate(visit.complaints)]
    return "<h3>Complaints</h3>" + "".join(rows)


def _complaint_html(index: int, complaint: Complaint, result: TriageResult, catalogue: Catalogue) -> str:
    name = catalogue.regions[complaint.region].en.capitalize()
    side = "" if complaint.side.value == "central" else f" ({complaint.side.value})"
    pain = "" if complaint.pain is None else f", pain {complaint.pain}/10"
    links = result.links_of_complaint(index)
    if not links:
        why = "<br><span style='color:#8d6e00'>Not explained by the screens done so far.</span>"
    else:
        why = "".join(
            f"<br>&nbsp;&nbsp;← <b>{escape(result.finding(k.finding).label)}</b>: {escape(k.explanation)}"
            f" {_rule(k.rule)}"
            for k in links
        )
    return f"<p><b>{escape(name)}{side}</b>{pain}{why}</p>"


def _findings_html(result: TriageResult) -> str:
    if not result.findings:
        return "<h3>Findings</h3><p><i>No abnormal findings so far.</i></p>"
    explained = {link.finding for link in result.links}
    items = "".join(
        f"<li><b>{escape(f.label)}</b>{'' if f.id in explained else ' <i>(additional finding)</i>'}"
        f" {_rule(', '.join(f.rules))}</li>"
        for f in result.findings
    )
    return f"<h3>Findings</h3><ul>{items}</ul>"


def _rule(rule: str) -> str:
    # Kept visible so every explanation can be traced to its rule, but quiet.
    return f"<small style='color:gray'>rule&nbsp;{escape(rule)}</small>"


def _next_html(result: TriageResult, catalogue: Catalogue) -> str:
    if not result.next_screens:
        return "<h3>Next</h3><p>Nothing more to screen for these complaints.</p>"
    names = [
        "Red-flag checklist" if s == "red_flags" else catalogue.screens[s].name.en  # type: ignore[index]
        for s in result.next_screens
    ]
    items = "".join(f"<li>{escape(n)}</li>" for n in names)
    return f"<h3>Next</h3><ol>{items}</ol>"


def _plan_html(result: TriageResult) -> str:
    if result.referral.required:
        return ""
    if not result.exercises:
        return "<h3>Proposed plan</h3><p><i>No exercises: no abnormal findings.</i></p>"
    items = "".join(
        f"<li>{escape(e.name)} — {escape(e.side.value)} <small>({escape(e.kind)})</small></li>"
        for e in result.exercises
    )
    return f"<h3>Proposed plan</h3><ol>{items}</ol>"
