"""The cost of checking a password: the contract asks for at least 100 ms on these machines.

Times one argon2id verification at the app's cost (clinic_app.accounts: 64 MiB, 2 iterations, 1 lane)
and, as the floor, at OWASP's minimum (19 MiB, 2 iterations, 1 lane), alternately in the same run. The
ratio says how far above the minimum the app's cost is; `at_least_100_ms` whether this machine still
takes long enough (if not, raise MEMORY_COST_KIB or TIME_COST and the comment with the measurement).
"""

from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher

from benchmarks.timing import measure_alternating, result
from clinic_app import accounts

PASSWORD = "correct horse battery staple"


def run() -> list[dict[str, Any]]:
    ours = accounts.Passwords(accounts._production_hasher())
    owasp = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    ours_hash, owasp_hash = ours.hash(PASSWORD), owasp.hash(PASSWORD)
    timing, floor = measure_alternating(
        lambda: ours.verify(ours_hash, PASSWORD), lambda: owasp.verify(owasp_hash, PASSWORD), runs=15
    )
    return [
        result(
            "password check (argon2id, 64 MiB, t=2)",
            timing,
            "OWASP minimum (19 MiB, t=2)",
            floor,
            goal=">= 100 ms a check (the contract); the ratio is how far above OWASP's minimum",
            at_least_100_ms=timing.median_ns >= 100_000_000,
        )
    ]
