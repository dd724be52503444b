"""Timing helpers shared by the benchmarks.

A benchmark measures the thing itself and a floor (the least any implementation could cost,
such as a bare interpreter start) in the same run, and reports the ratio: ratios survive a change
of machine, absolute times do not.

    from benchmarks.timing import measure, result

    def run() -> list[dict[str, object]]:
        ours = measure(lambda: search("smi"), runs=200)
        floor = measure(lambda: raw_sql_search("smi"), runs=200)
        return [result("patient search, 100k", ours, "raw sqlite3", floor, goal="<= 3x floor")]
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Timing:
    """Wall-clock times of repeated calls, in nanoseconds."""

    samples_ns: tuple[int, ...]

    @property
    def runs(self) -> int:
        return len(self.samples_ns)

    @property
    def median_ns(self) -> float:
        return float(statistics.median(self.samples_ns))

    @property
    def p95_ns(self) -> float:
        """95th percentile, nearest-rank: the smallest sample that 95 % of the samples do not exceed."""
        ordered = sorted(self.samples_ns)
        return float(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)])

    @property
    def median_us(self) -> float:
        return self.median_ns / 1_000

    @property
    def p95_us(self) -> float:
        return self.p95_ns / 1_000


def measure(fn: Callable[[], object], runs: int = 20, warmup: int = 2) -> Timing:
    """Call `fn` `warmup` times untimed, then `runs` times, timing each call with perf_counter_ns."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return Timing(tuple(samples))


def measure_alternating(
    fn: Callable[[], object], floor: Callable[[], object], runs: int = 9, warmup: int = 1
) -> tuple[Timing, Timing]:
    """Time `fn` and its floor in turn, so a burst of load on a shared machine hits both alike."""
    for _ in range(warmup):
        fn()
        floor()
    ours: list[int] = []
    floors: list[int] = []
    for _ in range(runs):
        for call, samples in ((fn, ours), (floor, floors)):
            start = time.perf_counter_ns()
            call()
            samples.append(time.perf_counter_ns() - start)
    return Timing(tuple(ours)), Timing(tuple(floors))


def result(
    name: str, timing: Timing, floor_name: str, floor: Timing, goal: str, **extra: Any
) -> dict[str, Any]:
    """One row of benchmark output in the shape benchmarks/run.py expects."""
    return {
        "name": name,
        "median_us": round(timing.median_us, 3),
        "p95_us": round(timing.p95_us, 3),
        "runs": timing.runs,
        "floor_name": floor_name,
        "floor_median_us": round(floor.median_us, 3),
        "floor_p95_us": round(floor.p95_us, 3),
        "ratio": round(timing.median_ns / floor.median_ns, 2) if floor.median_ns else None,
        "goal": goal,
        **extra,
    }
