"""The live triage panel: findings, what explains each complaint and why, what to screen next.

From the top: the referral (or the overrides that let a home programme be given despite it), the
warnings to re-check, then the complaints, the findings, the next screens and the plan. Nothing
on it is an id or a document path: flags, fields and complaints are named in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QLabel, QTextBrowser, QToolTip, QVBoxLayout, QWidget

from clinic_app.catalogue import URGENCY_RANK, Catalogue, load_catalogue
from clinic_app.domain import Complaint, Visit
from clinic_app.errors import Problem
from clinic_app.triage import Link, TriageResult
from clinic_app.visit_form import VisitForm
from ui.language import content_language
from ui.visit.wording import (
    NO_EMERGENCY_NUMBER_SHORT,
    complaint_label,
    emergency_advice,
    exercise_name,
    finding_label,
    flag_clinician,
    flag_name,
    needs_emergency_number,
    readable_problem,
    refer_when,
    why_not_in_force,
)
from ui.widgets.exercise_display import kind_label, side_label

URGENCY_COLOURS = {"emergency": "#b71c1c", "urgent": "#e65100", "routine": "#8d6e00"}
# Dark text on amber: reads in light and dark themes alike (as AmberNote).
AMBER = "color:#4a3400; background:#ffe8a3"
MAX_PROBLEMS = 6
RULE_LINK = "rule:"


class TriagePanel(QWidget):
    """Shows the triage of the visit as it is being recorded; refreshed on every change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = load_catalogue()
        self._last = ""
        self._emergency_number = ""
        title = QLabel(self.tr("<b>Triage</b>"))
        self._view = _TriageView()
        self._view.setOpenLinks(False)
        self._view.setAccessibleName(self.tr("Triage result"))
        self._view.setTabChangesFocus(True)
        # The rules behind each finding and link: a quiet "rule" that names them when pointed at.
        self._view.document().setDefaultStyleSheet("a.rule { color: gray; text-decoration: none; }")
        self._view.viewport().installEventFilter(self)
        self._view.anchorClicked.connect(lambda url: self._show_rule(url.toString(), None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self._view)

    def set_emergency_number(self, number: str) -> None:
        self._emergency_number = number

    def show_result(
        self, visit: Visit, result: TriageResult, left_out: Sequence[str] = (), alert: str | None = None
    ) -> None:
        """The triage of the visit; left_out: the entries it was made without, in words; alert: what
        stops documents and finishing, shown first."""
        self._last = triage_html(visit, result, self._catalogue, self._emergency_number, left_out)
        self._view.setHtml(_alert_html(alert) + self._last)

    def show_problems(self, problems: list[Problem], form: VisitForm | None = None) -> None:
        """Say what to fix; keep the last valid triage below it, marked as not yet updated."""
        count = len(problems)
        header = self.tr(
            "<p style='color:#c62828'><b>%n entry(ies) need(s) fixing (marked in red in the form).</b> The"
            " triage below is from before.</p>",
            "",
            count,
        )
        items = "".join(f"<li>{escape(readable_problem(p, form))}</li>" for p in problems[:MAX_PROBLEMS])
        more = (
            self.tr("<li>…and {more} more</li>").format(more=count - MAX_PROBLEMS)
            if count > MAX_PROBLEMS
            else ""
        )
        previous = self._last or self.tr("<p><i>No triage yet.</i></p>")
        self._view.setHtml(f"{header}<ul>{items}{more}</ul><div style='color:gray'>{previous}</div>")

    def text(self) -> str:
        return self._view.toPlainText()

    def view(self) -> QTextBrowser:
        """The text the keyboard can reach (for the window's tab order)."""
        return self._view

    def rules_at(self, href: str) -> str:
        """The rule ids a "rule" link stands for ("" if it is not one)."""
        return href.removeprefix(RULE_LINK) if href.startswith(RULE_LINK) else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_rule(self._view.anchorAt(event.pos()), event)
            return True
        return False

    def _show_rule(self, href: str, event: QHelpEvent | None) -> None:
        rules = self.rules_at(href)
        if not rules:
            QToolTip.hideText()
            return
        where = (
            event.globalPos()
            if event is not None
            else self._view.viewport().mapToGlobal(self._view.viewport().rect().center())
        )
        QToolTip.showText(
            where,
            self.tr("From the clinical rules (resources/clinical): {rules}").format(rules=rules),
            self._view,
        )


class _TriageView(QTextBrowser):
    """The triage text; Tab leaves it at once instead of walking every "rule" link in it first."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt's names)
        return QWidget.focusNextPrevChild(self, next)


def triage_html(
    visit: Visit,
    result: TriageResult,
    catalogue: Catalogue,
    emergency_number: str = "",
    left_out: Sequence[str] = (),
) -> str:
    parts = [
        _referral_html(visit, result, catalogue, emergency_number),
        _checklist_html(result),
        _left_out_html(left_out),
        _warnings_html(result),
        _complaints_html(visit, result, catalogue),
        _findings_html(result),
        _next_html(result, catalogue),
        _plan_html(visit, result),
    ]
    return "".join(parts)


def _alert_html(alert: str | None) -> str:
    return _box("background:#b71c1c; color:white", f"<b>{escape(alert)}</b>") if alert else ""


def _left_out_html(left_out: Sequence[str]) -> str:
    """The entries the triage could not use: an amber box under the triage (they change no referral)."""
    if not left_out:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in left_out)
    return _box(
        AMBER,
        (
            QCoreApplication.translate(
                "triage_panel",
                "<b>Not used until corrected</b> (marked in red in the form; the triage is made without it):<ul>{items}</ul>",
            )
            if len(left_out) == 1
            else QCoreApplication.translate(
                "triage_panel",
                "<b>Not used until corrected</b> (marked in red in the form; the triage is made without them):<ul>{items}</ul>",
            )
        ).format(items=items),
    )


def _box(colour: str, body: str) -> str:
    return f"<table width='100%' cellpadding='6' style='{colour}'><tr><td>{body}</td></tr></table>"


def _referral_html(visit: Visit, result: TriageResult, catalogue: Catalogue, emergency_number: str) -> str:
    referral = result.referral
    if not referral.required or referral.urgency is None:
        return ""
    reasons = {o.id: o.reason for o in visit.red_flag_overrides or ()}
    # The combinations that made the referral more urgent than its flags alone.
    flags_alone = max((URGENCY_RANK[catalogue.red_flags[f].urgency] for f in referral.reasons), default=0)
    raised = [
        c.clinician[content_language()]
        for c in catalogue.combinations
        if c.id in referral.combinations and URGENCY_RANK[c.urgency] > flags_alone
    ]
    combinations = (
        QCoreApplication.translate(
            "triage_panel", "<p><b>Urgency raised by:</b></p><ul>{combinations}</ul>"
        ).format(combinations="".join(f"<li>{escape(c)}</li>" for c in raised))
        if raised
        else ""
    )
    not_in_force = _overrides_not_in_force(visit, result, reasons)
    if result.plan_allowed:
        # Every flag present is overridden: the letter prints, then the home programme.
        given = "".join(
            QCoreApplication.translate("triage_panel", "<li><b>{flag}</b> — reason: {reason}</li>").format(
                flag=escape(flag_name(flag)), reason=escape(reasons.get(flag, ""))
            )
            for flag in referral.overridden
        )
        return _box(
            AMBER,
            QCoreApplication.translate(
                "triage_panel",
                "<b>Referral letter ({when}), then the home programme.</b><br>Home programme given despite:<ul>{given}</ul>{combinations}{not_in_force}",
            ).format(
                when=escape(refer_when(referral.urgency).lower()),
                given=given,
                combinations=combinations,
                not_in_force=not_in_force,
            ),
        )
    colour = URGENCY_COLOURS[referral.urgency]
    advice = escape(emergency_advice(referral.urgency, emergency_number))
    missing = (
        f"<br><b>{escape(QCoreApplication.translate('wording', NO_EMERGENCY_NUMBER_SHORT))}</b>"
        if needs_emergency_number(referral.urgency) and not emergency_number.strip()
        else ""
    )
    flags = "".join(
        "<li>{flag}{overridden}</li>".format(
            flag=escape(flag_clinician(flag)),
            overridden=QCoreApplication.translate(
                "triage_panel", " <i>(overridden — reason: {reason})</i>"
            ).format(reason=escape(reasons[flag]))
            if flag in referral.overridden
            else "",
        )
        for flag in referral.reasons
    )
    return _box(
        f"background:{colour}; color:white",
        QCoreApplication.translate(
            "triage_panel",
            "<b>REFER — {when}.</b> No home exercise programme.<br>{advice}{missing}<p><b>Red flags:</b></p><ul>{flags}</ul>{combinations}{not_in_force}",
        ).format(
            when=escape(refer_when(referral.urgency).upper()),
            advice=advice,
            missing=missing,
            flags=flags,
            combinations=combinations,
            not_in_force=not_in_force,
        ),
    )


def _overrides_not_in_force(visit: Visit, result: TriageResult, reasons: dict[str, str]) -> str:
    standing = set(result.referral.overridden)
    present = set(visit.red_flags or ())
    regions = {c.region for c in visit.complaints}
    age = visit.age_on_visit_date()
    catalogue = load_catalogue()
    urgency = result.referral.urgency
    items = []
    for flag in reasons:
        if flag in standing:
            continue
        if flag in present and urgency is not None and urgency != catalogue.override_allowed_up_to:
            # Why the referral is more urgent is listed above: say only what it means here.
            why = QCoreApplication.translate("triage_panel", "the referral is needed {when}").format(
                when=catalogue.urgencies[urgency].when[content_language()]
            )
        else:
            why = why_not_in_force(
                flag, flag in present, present, regions, age
            ) or QCoreApplication.translate("triage_panel", "not in force")
        items.append(
            QCoreApplication.translate(
                "triage_panel", "<li><b>{flag}</b>: {why}. Remove it in Red flags to finish the visit.</li>"
            ).format(flag=escape(flag_name(flag)), why=escape(why))
        )
    return (
        QCoreApplication.translate(
            "triage_panel", "<p><b>Override not in force:</b></p><ul>{items}</ul>"
        ).format(items="".join(items))
        if items
        else ""
    )


def _checklist_html(result: TriageResult) -> str:
    if result.plan_status != "needs_red_flag_checklist":
        return ""
    return _box(
        AMBER,
        QCoreApplication.translate(
            "triage_panel",
            "<b>Red-flag checklist not done.</b> No home programme is proposed until every question is answered.",
        ),
    )


def _warnings_html(result: TriageResult) -> str:
    if not result.warnings:
        return ""
    items = "".join(f"<li>{escape(w.messages[content_language()])}</li>" for w in result.warnings)
    return _box(
        AMBER,
        (
            QCoreApplication.translate("triage_panel", "<b>Check this:</b><ul>{items}</ul>")
            if len(result.warnings) == 1
            else QCoreApplication.translate("triage_panel", "<b>Check these:</b><ul>{items}</ul>")
        ).format(items=items),
    )


def _complaints_html(visit: Visit, result: TriageResult, catalogue: Catalogue) -> str:
    if not visit.complaints:
        return QCoreApplication.translate(
            "triage_panel", "<h3>Complaints</h3><p><i>No complaints recorded yet.</i></p>"
        )
    rows = [_complaint_html(i, c, result) for i, c in enumerate(visit.complaints)]
    return QCoreApplication.translate("triage_panel", "<h3>Complaints</h3>{rows}").format(rows="".join(rows))


def _complaint_html(index: int, complaint: Complaint, result: TriageResult) -> str:
    name = complaint_label(complaint.region.value, complaint.side.value)
    pain = (
        ""
        if complaint.pain is None
        else QCoreApplication.translate("triage_panel", ", pain {pain}/10").format(pain=complaint.pain)
    )
    links = result.links_of_complaint(index)
    if not links:
        why = QCoreApplication.translate(
            "triage_panel", "<br><span style='color:#8d6e00'>Not explained by the screens done so far.</span>"
        )
    else:
        why = "".join(
            f"<br>&nbsp;&nbsp;← <b>{escape(finding_label(result.finding(k.finding)))}</b>: {escape(_explanation(k))}"
            f" {_rule(k.rule)}"
            for k in links
        )
    return f"<p><b>{escape(name)}</b>{pain}{why}</p>"


def _explanation(link: Link) -> str:
    """Why a finding explains a complaint, in the screens' language (the result holds the chart's English)."""
    rule = next((rule for rule in load_catalogue().links if rule.id == link.rule), None)
    return rule.explanation[content_language()] if rule is not None else link.explanation


def _findings_html(result: TriageResult) -> str:
    if not result.findings:
        return QCoreApplication.translate(
            "triage_panel", "<h3>Findings</h3><p><i>No abnormal findings so far.</i></p>"
        )
    items = "".join(
        f"<li><b>{escape(finding_label(f))}</b>{_additional() if f.additional else ''}"
        f" {_rule(', '.join(f.rules))}</li>"
        for f in result.findings
    )
    return QCoreApplication.translate("triage_panel", "<h3>Findings</h3><ul>{items}</ul>").format(items=items)


def _additional() -> str:
    return QCoreApplication.translate("triage_panel", " <i>(additional finding)</i>")


def _rule(rule: str) -> str:
    # Every explanation can be traced to its rule: pointing at "rule" names it, without ids in the text.
    return QCoreApplication.translate(
        "triage_panel", "<small><a class='rule' href='{RULE_LINK}{rule}'>rule</a></small>"
    ).format(RULE_LINK=RULE_LINK, rule=escape(rule, quote=True))


def _next_html(result: TriageResult, catalogue: Catalogue) -> str:
    if result.plan_status == "referral":
        return QCoreApplication.translate(
            "triage_panel",
            "<h3>Next</h3><p>Refer: no further screening tests (they load the painful part and delay the referral).</p>",
        )
    if not result.next_screens:
        return QCoreApplication.translate(
            "triage_panel", "<h3>Next</h3><p>Nothing more to screen for these complaints.</p>"
        )
    names = [
        QCoreApplication.translate("triage_panel", "Red-flag checklist")
        if s == "red_flags"
        else catalogue.screens[s].name[content_language()]  # type: ignore[index]
        for s in result.next_screens
    ]
    items = "".join(f"<li>{escape(n)}</li>" for n in names)
    return QCoreApplication.translate("triage_panel", "<h3>Next</h3><ol>{items}</ol>").format(items=items)


def _plan_html(visit: Visit, result: TriageResult) -> str:
    if result.plan_status == "referral":
        return ""
    if result.plan_status == "needs_red_flag_checklist":
        return QCoreApplication.translate(
            "triage_panel", "<h3>Proposed plan</h3><p><i>None until the red-flag checklist is done.</i></p>"
        )
    if not result.exercises:
        return QCoreApplication.translate(
            "triage_panel", "<h3>Proposed plan</h3><p><i>No exercises: no abnormal findings.</i></p>"
        )
    items = "".join(
        f"<li>{escape(exercise_name(e.id, e.name))} — {escape(side_label(e.side.value).lower())}"
        f" <small>({escape(kind_label(e.kind).lower())})</small></li>"
        for e in result.exercises
    )
    return QCoreApplication.translate("triage_panel", "<h3>Proposed plan</h3><ol>{items}</ol>{visit}").format(
        items=items, visit=_deferred_html(visit, result)
    )


def _deferred_html(visit: Visit, result: TriageResult) -> str:
    deferred = deferred_items(visit, result)
    if not deferred:
        return ""
    items = "".join(f"<li>{escape(item)}</li>" for item in deferred)
    return QCoreApplication.translate(
        "triage_panel", "<p><b>Not in today's plan</b> (the plan is full):</p><ul>{items}</ul>"
    ).format(items=items)


def deferred_items(visit: Visit, result: TriageResult) -> list[str]:
    """What got no exercise because the plan is full, in words: findings, then strengthening."""
    findings = [finding_label(result.finding(f)) for f in result.deferred_findings]
    strength = [
        QCoreApplication.translate("triage_panel", "Strengthening for {complaint}").format(
            complaint=complaint_label(c.region.value, c.side.value).lower()
        )
        for i, c in enumerate(visit.complaints)
        if i in result.deferred_strength
    ]
    return findings + strength
