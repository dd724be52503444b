"""The patient panel's visit lines say when, whether finished, and what each visit was about."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from clinic_app.domain import Region, Side, VisitStatus
from clinic_app.storage.records import VisitSummary
from ui.patients.patient_panel import PatientPanel


def test_visit_lines_name_the_complaints(qtbot: QtBot) -> None:
    panel = PatientPanel()
    qtbot.addWidget(panel)
    summary = VisitSummary(
        id="v1",
        patient_id=1,
        date=dt.date(2026, 11, 25),
        clinician="Sam Lee, PT",
        status=VisitStatus.FINAL,
        version=3,
        updated_at=dt.datetime(2026, 11, 25, tzinfo=dt.UTC),
        complaints=((Region.KNEE, Side.LEFT), (Region.NECK, Side.CENTRAL), (Region.ANKLE_FOOT, Side.BOTH)),
    )
    panel.show_visits([summary])
    text = panel.visits.item(0).text()
    assert text.startswith("2026-11-25 (Wed) · finished")
    assert "left knee, neck, ankle / foot · Sam Lee, PT" in text
