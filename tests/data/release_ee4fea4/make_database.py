"""Make release_ee4fea4/clinic.db with the code of the release before episodes of care.

Run from a checkout of commit ee4fea4 (schema 0004), never from this one:

    git worktree add /tmp/old-ee4fea4 ee4fea4
    cd /tmp/old-ee4fea4 && PYTHONPATH=. python /path/to/this/make_database.py OUT.db

It fills a plaintext SQLite database with that release's own demo patients and visits (dated as if
made on 2026-11-25), saves a draft form for every unfinished visit as its editor would, and sets a
clinic profile, so the upgrade test meets every table that release wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys

from sqlalchemy import select

from clinic_app.domain import ClinicProfile, VisitStatus
from clinic_app.storage.db import open_database
from clinic_app.storage.demo import fill_demo_data
from clinic_app.storage.drafts import DraftService
from clinic_app.storage.orm import VisitRow
from clinic_app.storage.settings import SettingsService
from clinic_app.storage.visits import VisitService

MADE_ON = dt.date(2026, 11, 25)


def main(path: str) -> None:
    with open_database(f"sqlite+pysqlite:///{path}") as database:
        fill_demo_data(database, today=MADE_ON)
        SettingsService(database).save_profile(
            ClinicProfile(name="Riverside Physio", phone="555-0100", address="1 River Road")
        )
        visits, drafts = VisitService(database), DraftService(database)
        with database.reading() as session:
            unfinished = session.scalars(
                select(VisitRow.id).where(VisitRow.status == VisitStatus.DRAFT).order_by(VisitRow.id)
            ).all()
        for visit_id in unfinished:
            stored = visits.load(visit_id)
            form = {"note": "typed but not finished", "visit": stored.visit.model_dump(mode="json")}
            drafts.save(visit_id, json.dumps(form, sort_keys=True), None, stored.version)  # type: ignore[call-arg]  # that release had no accounts
    connection = sqlite3.connect(path)
    connection.execute("VACUUM")  # as small as it can be: it is kept in the repository
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1])
