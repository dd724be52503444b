"""The audit trail in plain words: each action's label and each known detail, in the screens' language.

The trail stores ids (`patient_view`) and details in the core's English ("wrong password; locked for
15 minutes"), and keeps them: they are hashed, and `clinic audit --json` and the export give them as
stored. On screen an admin or a compliance officer reads "Opened a patient's record" and "Wrong
password; account locked for 15 minutes". Every AuditAction has a label here
(tests/ui/test_audit_words.py fails on one without); a detail not known here is shown as stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from clinic_app.backup_policy import FailureKind
from clinic_app.storage.audit import AuditAction
from ui.language import QT_TRANSLATE_NOOP, content_language, role_name

CONTEXT = "audit_words"

ACTION_LABELS: dict[AuditAction, str] = {
    AuditAction.LOGIN: QT_TRANSLATE_NOOP("audit_words", "Logged in"),
    AuditAction.LOGIN_FAILED: QT_TRANSLATE_NOOP("audit_words", "Login failed"),
    AuditAction.USER_ADD: QT_TRANSLATE_NOOP("audit_words", "Added an account"),
    AuditAction.USER_DISABLE: QT_TRANSLATE_NOOP("audit_words", "Disabled an account"),
    AuditAction.USER_ENABLE: QT_TRANSLATE_NOOP("audit_words", "Enabled an account"),
    AuditAction.USER_PASSWD: QT_TRANSLATE_NOOP("audit_words", "Set an account's password"),
    AuditAction.LOGOUT: QT_TRANSLATE_NOOP("audit_words", "Logged out"),
    AuditAction.SCREEN_LOCK: QT_TRANSLATE_NOOP("audit_words", "Locked the screen"),
    AuditAction.VISITS_ATTRIBUTED: QT_TRANSLATE_NOOP("audit_words", "Marked visits from before accounts"),
    AuditAction.PATIENT_ADD: QT_TRANSLATE_NOOP("audit_words", "Added a patient"),
    AuditAction.PATIENT_EDIT: QT_TRANSLATE_NOOP("audit_words", "Changed a patient's details"),
    AuditAction.PATIENT_VIEW: QT_TRANSLATE_NOOP("audit_words", "Opened a patient's record"),
    AuditAction.VISIT_CREATE: QT_TRANSLATE_NOOP("audit_words", "Started a visit"),
    AuditAction.VISIT_EDIT: QT_TRANSLATE_NOOP("audit_words", "Changed a visit"),
    AuditAction.VISIT_ADDENDUM: QT_TRANSLATE_NOOP("audit_words", "Added an addendum to a visit"),
    AuditAction.SETTINGS_CHANGE: QT_TRANSLATE_NOOP("audit_words", "Changed the settings"),
    AuditAction.VISIT_IMPORT: QT_TRANSLATE_NOOP("audit_words", "Imported a visit"),
    AuditAction.VISIT_EXPORT: QT_TRANSLATE_NOOP("audit_words", "Exported a visit"),
    AuditAction.VISIT_VIEW: QT_TRANSLATE_NOOP("audit_words", "Opened a visit"),
    AuditAction.VISIT_SIGN: QT_TRANSLATE_NOOP("audit_words", "Finished and signed a visit"),
    AuditAction.DOCUMENT_PRINT: QT_TRANSLATE_NOOP("audit_words", "Printed or saved a document"),
    AuditAction.DEMO_LOAD: QT_TRANSLATE_NOOP("audit_words", "Loaded the demo patients"),
    AuditAction.PATIENT_IMPORT: QT_TRANSLATE_NOOP("audit_words", "Imported a patient"),
    AuditAction.PATIENT_EXPORT: QT_TRANSLATE_NOOP("audit_words", "Exported a patient's record"),
    AuditAction.EPISODE_ADD: QT_TRANSLATE_NOOP("audit_words", "Started an episode of care"),
    AuditAction.EPISODE_DISCHARGE: QT_TRANSLATE_NOOP("audit_words", "Discharged an episode of care"),
    AuditAction.GOAL_SET: QT_TRANSLATE_NOOP("audit_words", "Set an episode's goals"),
    AuditAction.GOAL_JUDGE: QT_TRANSLATE_NOOP("audit_words", "Judged a goal at a visit"),
    AuditAction.OUTCOME_RECORD: QT_TRANSLATE_NOOP("audit_words", "Recorded an outcome measure"),
    AuditAction.MEASURE_WORDING_IMPORT: QT_TRANSLATE_NOOP("audit_words", "Imported a measure's wording"),
    AuditAction.MEASURE_WORDING_REMOVE: QT_TRANSLATE_NOOP("audit_words", "Removed a measure's wording"),
    AuditAction.PROGRESS_VIEW: QT_TRANSLATE_NOOP("audit_words", "Opened an episode's progress"),
    AuditAction.AUDIT_VIEW: QT_TRANSLATE_NOOP("audit_words", "Read the audit trail"),
    AuditAction.DATABASE_BACKUP: QT_TRANSLATE_NOOP("audit_words", "Backed up the database"),
    AuditAction.DATABASE_BACKUP_FAILED: QT_TRANSLATE_NOOP("audit_words", "Backup failed"),
    AuditAction.DATABASE_RESTORE: QT_TRANSLATE_NOOP("audit_words", "Restored the database"),
    AuditAction.DATABASE_REKEY: QT_TRANSLATE_NOOP("audit_words", "Changed the database key"),
}

# Details the core writes word for word (the documents' names are the screens' and the command line's).
FIXED_DETAILS = {
    "no such account": QT_TRANSLATE_NOOP("audit_words", "No such account"),
    "account disabled": QT_TRANSLATE_NOOP("audit_words", "Account disabled"),
    "account locked": QT_TRANSLATE_NOOP("audit_words", "Account locked"),
    "wrong password": QT_TRANSLATE_NOOP("audit_words", "Wrong password"),
    "already stored": QT_TRANSLATE_NOOP("audit_words", "Already stored"),
    "follow-up": QT_TRANSLATE_NOOP("audit_words", "Follow-up"),
    "added": QT_TRANSLATE_NOOP("audit_words", "Added"),
    "daily backup": QT_TRANSLATE_NOOP("audit_words", "Daily backup"),
    "Home exercise handout": QT_TRANSLATE_NOOP("audit_words", "Home exercise handout"),
    "Referral letter": QT_TRANSLATE_NOOP("audit_words", "Referral letter"),
    "Referral letter and home exercise handout": QT_TRANSLATE_NOOP(
        "audit_words", "Referral letter and home exercise handout"
    ),
    "Visit summary": QT_TRANSLATE_NOOP("audit_words", "Visit summary"),
    "progress report": QT_TRANSLATE_NOOP("audit_words", "Progress report"),
    "discharge summary": QT_TRANSLATE_NOOP("audit_words", "Discharge summary"),
}
# Why a backup failed (database_backup_failed's detail: clinic_app.backup_policy.FailureKind).
FAILURES = {
    FailureKind.FOLDER_MISSING: QT_TRANSLATE_NOOP("audit_words", "The backup folder was missing"),
    FailureKind.NOT_WRITABLE: QT_TRANSLATE_NOOP("audit_words", "The backup folder could not be written to"),
    FailureKind.DISK_FULL: QT_TRANSLATE_NOOP("audit_words", "The disk was full"),
    FailureKind.FAILED: QT_TRANSLATE_NOOP("audit_words", "The copy could not be written or verified"),
}
BACKUP_HOW = {
    "daily backup": QT_TRANSLATE_NOOP("audit_words", "Daily backup"),
    "Back up now": QT_TRANSLATE_NOOP("audit_words", "Back up now"),
    "before clinic db rekey": QT_TRANSLATE_NOOP("audit_words", "Before a new database key"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def action_label(action: str) -> str:
    """The action in plain words; an id this version does not know (a newer one's) as stored."""
    known = next((a for a in AuditAction if a.value == action), None)
    return _t(ACTION_LABELS[known]) if known is not None else action


def detail_words(action: str, detail: str | None) -> str:
    """The detail in plain words where the core's wording is known here; else as stored."""
    if not detail:
        return ""
    if action == AuditAction.DATABASE_BACKUP_FAILED:
        kind = next((k for k in FailureKind if k.value == detail), None)
        return _t(FAILURES[kind]) if kind is not None else detail
    if detail in FIXED_DETAILS:
        return _t(FIXED_DETAILS[detail])
    for pattern, words in _PATTERNS:
        match = pattern.fullmatch(detail)
        if match:
            return words(match) or detail
    if action in (AuditAction.MEASURE_WORDING_IMPORT, AuditAction.MEASURE_WORDING_REMOVE):
        return detail.upper()  # the measure's id: lefs
    if action == AuditAction.OUTCOME_RECORD:
        return _measure(detail)
    return detail


def _measure(key: str) -> str:
    """An outcome's key as its name is written: lefs -> LEFS, nprs:knee -> NPRS (knee), (rodilla)."""
    from clinic_app.catalogue import load_catalogue
    from clinic_app.domain import Region

    measure, _, region = key.partition(":")
    if not region:
        return measure.upper()
    known = next((r for r in Region if r.value == region), None)
    where = load_catalogue().regions[known][content_language()] if known is not None else region
    return f"{measure.upper()} ({where})"


def _locked(match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "audit_words", "Wrong password; account locked for {minutes} minutes"
    ).format(minutes=match["minutes"])


def _account(match: re.Match[str]) -> str:
    if match["role"]:
        return QCoreApplication.translate("audit_words", "Account {username} ({role})").format(
            username=match["username"], role=role_name(match["role"])
        )
    return QCoreApplication.translate("audit_words", "Account {username}").format(username=match["username"])


def _count(text: str) -> Callable[[re.Match[str]], str]:
    return lambda match: _t(text).format(**match.groupdict())


def _backup(match: re.Match[str]) -> str | None:
    how = BACKUP_HOW.get(match["how"])
    return (
        QCoreApplication.translate("audit_words", "{how}: {file}").format(how=_t(how), file=match["file"])
        if how is not None
        else None
    )


def _changed(text: str) -> Callable[[re.Match[str]], str]:
    return lambda match: _t(text).format(fields=match["fields"])


def _outcome_removed(match: re.Match[str]) -> str:
    return QCoreApplication.translate("audit_words", "{measure} removed").format(
        measure=_measure(match["key"])
    )


def _filters(match: re.Match[str]) -> str | None:
    """audit_view's filters ("user=sam, since=2026-11-22T00:00:00.000000Z, patient")."""
    parts = []
    for part in match[0].split(", "):
        name, _, value = part.partition("=")
        if name == "user" and value:
            parts.append(QCoreApplication.translate("audit_words", "user {username}").format(username=value))
        elif name == "since" and value:
            try:
                since = dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
            except ValueError:
                return None
            from clinic_app.signatures import local_time_text

            parts.append(
                QCoreApplication.translate("audit_words", "since {time}").format(time=local_time_text(since))
            )
        elif name == "action" and value:
            parts.append(
                QCoreApplication.translate("audit_words", "action “{action}”").format(
                    action=action_label(value)
                )
            )
        elif part == "patient":
            parts.append(QCoreApplication.translate("audit_words", "one patient"))
        else:
            return None
    return QCoreApplication.translate("audit_words", "Filtered by {filters}").format(filters=", ".join(parts))


_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (re.compile(r"wrong password; locked for (?P<minutes>\d+) minutes"), _locked),
    (re.compile(r"account (?P<username>\S+)(?: \((?P<role>\w+)\))?"), _account),
    (
        re.compile(r"(?P<count>\d+) visits finished before accounts: signed by .+"),
        _count(QT_TRANSLATE_NOOP("audit_words", "{count} visits finished before accounts: signer unknown")),
    ),
    (
        re.compile(r"(?P<kept>\d+) accounts keep their passwords; (?P<disabled>\d+) disabled without a slot"),
        _count(
            QT_TRANSLATE_NOOP(
                "audit_words", "{kept} accounts keep their passwords; {disabled} disabled without a key slot"
            )
        ),
    ),
    (re.compile(r"(?P<count>\d+) visits?"), _count(QT_TRANSLATE_NOOP("audit_words", "Visits: {count}"))),
    (re.compile(r"(?P<count>\d+) goals"), _count(QT_TRANSLATE_NOOP("audit_words", "Goals: {count}"))),
    (
        re.compile(r"(?P<patients>\d+) demo patients, (?P<visits>\d+) visits"),
        _count(QT_TRANSLATE_NOOP("audit_words", "{patients} demo patients, {visits} visits")),
    ),
    (re.compile(r"(?P<how>daily backup|Back up now|before clinic db rekey): (?P<file>.+)"), _backup),
    (
        re.compile(r"from a visit document: (?P<fields>.+)"),
        _changed(QT_TRANSLATE_NOOP("audit_words", "From a visit document: {fields}")),
    ),
    (
        re.compile(r"updated: (?P<fields>.+)"),
        _changed(QT_TRANSLATE_NOOP("audit_words", "Updated: {fields}")),
    ),
    (re.compile(r"(?P<key>[a-z][a-z0-9_]*(?::[a-z_]+)?) removed"), _outcome_removed),
    (re.compile(r"(?:(?:user=[^,]+|since=[^,]+|action=[a-z_]+|patient)(?:, |$))+"), _filters),
)
