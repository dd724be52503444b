"""Running the real `clinic` command in a child process, as a script or a terminal would."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.examples import EXAMPLES

KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"
# A document needs a clinic profile with a name, phone and emergency number (the contract).
CLINIC = {"name": "Preferred Physical Therapy", "phone": "623-486-3333", "emergency_number": "911"}
DOCUMENT_COMMANDS = {"handout", "summary"}
# Commands that read or change stored patient data: they run logged in as the tests' admin.
LOGIN_COMMANDS = {"visit", "patient", "demo", "audit", "user", "outcomes", "report"}


@functools.cache
def clinic_file() -> Path:
    """A `--clinic` file for the document commands, written once per test session."""
    folder = Path(tempfile.mkdtemp(prefix="clinic-profile-"))
    path = folder / "clinic.json"
    path.write_text(json.dumps(CLINIC), encoding="utf-8")
    return path


@functools.cache
def admin_login() -> dict[str, str]:
    """The login environment of an admin of the tests' throwaway database, made once per test session."""
    from clinic_app.storage.accounts import AccountService
    from clinic_app.storage.db import open_database
    from tests.clinic_app.logins import first_admin, login_environment

    with open_database() as database:
        if not AccountService(database).has_accounts():
            first_admin(database)
    return login_environment(Path(tempfile.mkdtemp(prefix="clinic-login-")))


def clinic(*args: str | Path, cwd: Path | None = None, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """`python -m clinic_app ARGS`; the child inherits the tests' throwaway database (tests/conftest.py).

    The document commands get the clinic profile from a file, as a script printing on a machine
    without the clinic's database would. The commands that need a login run as the tests' admin.
    """
    words = [str(arg) for arg in args]
    if words and words[0] in DOCUMENT_COMMANDS and "--clinic" not in words:
        words += ["--clinic", str(clinic_file())]
    if words and words[0] in LOGIN_COMMANDS and "env" not in options:
        options["env"] = {**os.environ, **admin_login()}
    return subprocess.run(
        [sys.executable, "-m", "clinic_app", *words],
        capture_output="stdout" not in options,
        cwd=cwd,
        check=False,
        timeout=120,
        **options,
    )


def said(done: subprocess.CompletedProcess[bytes]) -> str:
    """What the command wrote on standard error."""
    return done.stderr.decode("utf-8")


def assert_plain_failure(done: subprocess.CompletedProcess[bytes], status: int = 1) -> str:
    """The exit status asked for, with a message and no traceback; returns the message."""
    message = said(done)
    assert done.returncode == status, message
    assert message.strip()
    assert "Traceback" not in message
    assert "internal error" not in message
    return message
