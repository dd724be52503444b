"""What the services hand out: plain immutable values, never live ORM objects.

They stay valid after their transaction ends, can cross threads, and cannot
write anything back to the database by accident.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from clinic_app import domain
from clinic_app.signatures import Addendum, Signature
from clinic_app.triage import TriageResult


@dataclass(frozen=True, slots=True)
class StoredPatient:
    id: int
    patient: domain.Patient
    created_at: dt.datetime
    updated_at: dt.datetime


class PatientSummary(NamedTuple):
    """A line of the patient search results (a named tuple: the search makes many, quickly)."""

    id: int
    mrn: str
    given_name: str
    family_name: str
    birth_date: dt.date | None

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True, slots=True)
class StoredVisit:
    """A visit as stored: visit.visit.id and visit.visit.status are filled in."""

    id: str
    version: int  # give it back when saving, so a change made meanwhile is noticed
    status: domain.VisitStatus
    created_at: dt.datetime
    updated_at: dt.datetime
    visit: domain.Visit
    patient_id: int
    # A finished visit keeps the triage result (triage/2 JSON) and rules version it was signed with.
    signed_triage: str | None = None
    signed_rules_version: str | None = None
    # flag id -> who overrode it (the clinician's name until accounts exist)
    override_authors: Mapping[str, str | None] = field(default_factory=dict)
    signature: Signature | None = None  # set once the visit is finished
    addenda: tuple[Addendum, ...] = ()  # oldest first

    @property
    def signed_result(self) -> TriageResult | None:
        """The triage a finished visit was signed with, as stored (never recomputed)."""
        if self.signed_triage is None:
            return None
        return TriageResult.from_json_data(json.loads(self.signed_triage))


@dataclass(frozen=True, slots=True)
class VisitSummary:
    """A line of a patient's visit list."""

    id: str
    patient_id: int
    date: dt.date
    clinician: str | None
    status: domain.VisitStatus
    version: int
    updated_at: dt.datetime
    # What the visit was about: (region, side) of each complaint, in the order recorded.
    complaints: tuple[tuple[domain.Region, domain.Side], ...] = ()


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """A patient opened to work with: details and latest visits, newest first."""

    patient: StoredPatient
    recent_visits: list[VisitSummary]


@dataclass(frozen=True, slots=True)
class EpisodeVisit:
    """A line of an episode's visit list."""

    id: str
    date: dt.date
    status: domain.VisitStatus


@dataclass(frozen=True, slots=True)
class StoredEpisode:
    """An episode of care as stored: its details and goals (episode.id filled in, goals with their
    ids) and its visits, oldest first.

    `recorded` is False for an episode the store opened by itself (a visit came without one, or was
    stored before episodes existed): it has no reason, referrer, goals or discharge date yet.
    """

    id: str
    patient_id: int
    episode: domain.Episode
    visits: tuple[EpisodeVisit, ...]
    recorded: bool

    @property
    def is_open(self) -> bool:
        return self.episode.discharge_date is None

    @property
    def last_visit(self) -> EpisodeVisit | None:
        return self.visits[-1] if self.visits else None


@dataclass(frozen=True, slots=True)
class EpisodeRecord:
    """One episode with every visit in it in full (oldest first): what progress and the progress
    report are worked out from (clinic_app.progress)."""

    patient_id: int
    patient: domain.Patient
    episode: domain.Episode
    visits: tuple[domain.Visit, ...]
