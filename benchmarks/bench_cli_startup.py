"""Start-up of the `clinic` command, from spawning it to its first output.

`clinic --version` is timed from the start of the process to the first byte it writes; the floor is
a bare interpreter (`python -c pass`) timed to its exit, the least any Python command can cost.
Both run from the same venv, alternately, in the same run. A big ratio means the command line
imports at start-up what only some subcommands need.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.timing import Timing, result

RUNS = 20
WARMUP = 2
BIN = Path(sys.executable).parent
CLINIC = BIN / ("clinic.exe" if os.name == "nt" else "clinic")


def time_to_first_output(command: list[str]) -> int:
    """Nanoseconds from spawning `command` to its first byte on stdout (or its exit, if it prints nothing)."""
    start = time.perf_counter_ns()
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        assert process.stdout is not None
        process.stdout.read(1)
        elapsed = time.perf_counter_ns() - start
        process.stdout.read()
    # Leaving the block waited for the exit, outside the measurement, so runs never overlap.
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    return elapsed


def run() -> list[dict[str, Any]]:
    if not CLINIC.exists():
        raise RuntimeError(f"{CLINIC} not found: run through `python3 dev.py bench`")
    check = subprocess.run([str(CLINIC), "--version"], capture_output=True, text=True, check=False)
    if check.returncode != 0 or not check.stdout.strip():
        raise RuntimeError(f"`clinic --version` failed ({check.returncode}): {check.stderr.strip()[-500:]}")

    clinic = [str(CLINIC), "--version"]
    bare = [sys.executable, "-c", "pass"]
    for _ in range(WARMUP):
        time_to_first_output(clinic)
        time_to_first_output(bare)
    ours: list[int] = []
    floor: list[int] = []
    for _ in range(RUNS):  # alternate, so that drift in the machine hits both alike
        ours.append(time_to_first_output(clinic))
        floor.append(time_to_first_output(bare))
    return [
        result(
            "clinic --version, start to first output",
            Timing(tuple(ours)),
            "python -c pass",
            Timing(tuple(floor)),
            goal="<= 4x floor: subcommands import their heavy modules only when run",
            version=check.stdout.strip(),
        )
    ]
