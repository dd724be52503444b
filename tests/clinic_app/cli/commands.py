"""Running the real `clinic` command in a child process, as a script or a terminal would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.examples import EXAMPLES

KNEE = EXAMPLES / "knee-left-tight-calf.visit.json"


def clinic(*args: str | Path, cwd: Path | None = None, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """`python -m clinic_app ARGS`; the child inherits the tests' throwaway database (tests/conftest.py)."""
    return subprocess.run(
        [sys.executable, "-m", "clinic_app", *map(str, args)],
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
