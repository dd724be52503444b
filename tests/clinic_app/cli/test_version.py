"""`clinic --version`: the installed version, looked up only when asked."""

from __future__ import annotations

from importlib.metadata import version

from .commands import clinic, said


def test_version_prints_the_installed_version_and_exits() -> None:
    done = clinic("--version")
    assert done.returncode == 0, said(done)
    assert done.stdout.decode() == f"clinic {version('clinic-app')}\n"
