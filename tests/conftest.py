"""Settings every test run shares: no test touches the user's data, display or database.

- Qt draws off screen unless the caller chose a platform (xvfb-run with QT_QPA_PLATFORM=xcb does,
  for the `screenshot` tests).
- Passwords hash at the test-only cost (CLINIC_APP_TEST_FAST_HASH=1), and the caller's own
  CLINIC_APP_USER and CLINIC_APP_PASSWORD_FILE are removed.
- CLINIC_APP_DATABASE_URL points at a throwaway SQLite file for the whole session, replacing any
  value from the caller's shell, and the XDG data/config/cache/state folders (which platformdirs and
  Qt use on Linux) point into the same throwaway folder.
- `postgres` tests need CLINIC_TEST_POSTGRES_URL: without it they are skipped, except under CI=true,
  where they fail (CI must not quietly skip them). The run ends with one line counting them.
- `printer` tests need a test print queue (CLINIC_TEST_PRINTER, CLINIC_TEST_PRINT_OUTPUT and
  CUPS_SERVER, from `.ci/printer.sh start`): skipped without one, except under CI=true, where they fail.
- `screenshot` tests need a real X server and are skipped on the offscreen platform.
- `slow` tests (the durability harness, the wheel build) are skipped with CLINIC_TEST_SKIP_SLOW=1:
  CI's second run, from a bare copy of the repository, has already seen them pass in the first.
- With CLINIC_TEST_COUNTS_FILE set, the run's counts are written there as JSON (dev.py reads it).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Passwords hash at a tiny, test-only cost (clinic_app.accounts.FAST_HASH_ENV), in this process and in
# every command it runs; the tests of the real cost and of login timing choose their hasher themselves.
os.environ["CLINIC_APP_TEST_FAST_HASH"] = "1"
for _login_var in ("CLINIC_APP_USER", "CLINIC_APP_PASSWORD_FILE"):
    os.environ.pop(_login_var, None)  # never the caller's own login

_SANDBOX = Path(tempfile.mkdtemp(prefix="clinic-app-tests-"))
os.environ["CLINIC_APP_DATABASE_URL"] = f"sqlite:///{(_SANDBOX / 'clinic.db').as_posix()}"
for _var, _sub in {
    "XDG_DATA_HOME": "data",
    "XDG_CONFIG_HOME": "config",
    "XDG_CACHE_HOME": "cache",
    "XDG_STATE_HOME": "state",
}.items():
    (_SANDBOX / _sub).mkdir()
    os.environ[_var] = str(_SANDBOX / _sub)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _has_real_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") in {"offscreen", "minimal"}:
        return False
    return not sys.platform.startswith("linux") or bool(os.environ.get("DISPLAY"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") and not os.environ.get("CLINIC_TEST_POSTGRES_URL"):
        if _in_ci():
            pytest.fail("CI=true but CLINIC_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL")
        pytest.skip("needs PostgreSQL: set CLINIC_TEST_POSTGRES_URL (see README)")
    if item.get_closest_marker("printer") and not os.environ.get("CLINIC_TEST_PRINTER"):
        if _in_ci():
            pytest.fail("CI=true but CLINIC_TEST_PRINTER is not set: .ci/run must start the test printer")
        pytest.skip("needs a test print queue: as root, export the lines `.ci/printer.sh start` prints")
    if item.get_closest_marker("slow") and os.environ.get("CLINIC_TEST_SKIP_SLOW") == "1":
        pytest.skip("slow: run in CI's first run (CLINIC_TEST_SKIP_SLOW=1 leaves it out)")
    if item.get_closest_marker("screenshot") and not _has_real_display():
        pytest.skip("needs a real X server: xvfb-run -a with QT_QPA_PLATFORM=xcb (dev.py test does this)")


def _outcomes(reports: Iterable[pytest.TestReport | pytest.CollectReport]) -> dict[str, str]:
    """One outcome per test id: failed beats skipped beats passed (setup, call and teardown)."""
    rank = {"passed": 0, "skipped": 1, "failed": 2}
    result: dict[str, str] = {}
    for report in reports:
        outcome = report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "skipped" if report.skipped else "passed"  # xfailed / non-strict xpassed
        if rank[outcome] >= rank.get(result.get(report.nodeid, "passed"), 0):
            result[report.nodeid] = outcome
    return result


def _count(outcomes: dict[str, str]) -> dict[str, int]:
    values = list(outcomes.values())
    return {key: values.count(key) for key in ("passed", "skipped", "failed")}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    reports = [
        report
        for key in ("passed", "failed", "skipped", "error", "xfailed", "xpassed")
        for report in terminalreporter.stats.get(key, [])
        if isinstance(report, (pytest.TestReport, pytest.CollectReport))
    ]
    everything = _outcomes(reports)
    postgres = _count(
        _outcomes(r for r in reports if isinstance(r, pytest.TestReport) and "postgres" in r.keywords)
    )
    terminalreporter.write_line(
        f"PostgreSQL tests: {postgres['passed']} passed, {postgres['skipped']} skipped, "
        f"{postgres['failed']} failed"
    )
    counts_file = os.environ.get("CLINIC_TEST_COUNTS_FILE")
    if counts_file:
        Path(counts_file).write_text(
            json.dumps({"all": _count(everything), "postgres": postgres}), encoding="utf-8"
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)
