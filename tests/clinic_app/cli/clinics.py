"""A clinic of its own for a test: a database in a folder of the test's, its admin, and the
`clinic` command run against it in a child process (as tests/clinic_app/cli/commands.py does)."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinic_app.storage.db import DATABASE_URL_ENV, open_database
from tests.clinic_app.cli.commands import clinic
from tests.clinic_app.logins import first_admin, login_environment
from tests.examples import EXAMPLES

KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"


@dataclass
class Clinic:
    folder: Path
    url: str
    login: dict[str, str] = field(default_factory=dict)

    @property
    def database_file(self) -> Path:
        return self.folder / "clinic.db"

    def environment(self, **extra: str) -> dict[str, str]:
        return {**os.environ, DATABASE_URL_ENV: self.url, **self.login, **extra}

    def run(
        self, *args: str | Path, env: dict[str, str] | None = None, **options: Any
    ) -> subprocess.CompletedProcess[bytes]:
        return clinic(*args, env=env or self.environment(), **options)

    def import_visit(self, document: Path | dict[str, Any], *flags: str) -> str:
        """Import a document (a file, or data written to one); its id, asserting success."""
        path = document if isinstance(document, Path) else self.write_document(document)
        done = self.run("visit", "import", path, *flags)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode().splitlines()[-1]

    def export_visit(self, visit_id: str) -> dict[str, Any]:
        done = self.run("visit", "export", visit_id)
        assert done.returncode == 0, done.stderr.decode()
        data: dict[str, Any] = json.loads(done.stdout)
        return data

    def write_document(self, data: dict[str, Any], name: str = "visit.json") -> Path:
        path = self.folder / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path


def new_clinic(folder: Path, url: str | None = None) -> Clinic:
    """A database (SQLite in folder, unless url names another) with an admin, logged in."""
    folder.mkdir(parents=True, exist_ok=True)
    url = url or f"sqlite:///{(folder / 'clinic.db').as_posix()}"
    with open_database(url) as database:
        first_admin(database)
    return Clinic(folder, url, login_environment(folder))


def knee_document(**patient: Any) -> dict[str, Any]:
    """The knee example, with patient fields changed."""
    data: dict[str, Any] = json.loads(KNEE.read_text(encoding="utf-8"))
    data["patient"].update(patient)
    return data
