"""Run the benchmarks: `python3 dev.py bench [NAME ...]` (or `python -m benchmarks.run`).

Every module benchmarks/bench_*.py has `run() -> list[dict]`; each dict is one row with the keys
name, median_us (or median_ms), floor_name, floor_median_us (or floor_median_ms), ratio and goal,
plus any other fields it likes (benchmarks.timing.result builds one). NAME is a module name with
or without the `bench_` prefix. Prints one table and writes benchmarks/results/latest.json.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "latest.json"
REQUIRED = ("name", "floor_name", "ratio", "goal")

if str(ROOT) not in sys.path:  # when started as `python benchmarks/run.py`
    sys.path.insert(0, str(ROOT))


def available() -> list[str]:
    return sorted(p.stem for p in HERE.glob("bench_*.py"))


def select(names: list[str]) -> list[str]:
    known = available()
    chosen = []
    for name in names:
        module = name.removesuffix(".py")
        module = module if module.startswith("bench_") else f"bench_{module}"
        if module not in known:
            raise SystemExit(f"no benchmark {name!r}; there are: {', '.join(known) or 'none'}")
        chosen.append(module)
    return chosen or known


def _microseconds(row: dict[str, Any], prefix: str) -> float | None:
    if row.get(f"{prefix}_us") is not None:
        return float(row[f"{prefix}_us"])
    if row.get(f"{prefix}_ms") is not None:
        return float(row[f"{prefix}_ms"]) * 1000
    return None


def normalise(module: str, row: dict[str, Any]) -> dict[str, Any]:
    if "value" in row:  # a measured quantity that is not a time: memory, a longest stall
        return _normalise_value(module, row)
    missing = [key for key in REQUIRED if key not in row]
    median = _microseconds(row, "median")
    floor = _microseconds(row, "floor_median")
    if median is None:
        missing.append("median_us or median_ms")
    if floor is None:
        missing.append("floor_median_us or floor_median_ms")
    if missing:
        raise ValueError(f"{module}: a row lacks {', '.join(missing)}: {row}")
    return {"module": module, **row, "median_us": median, "floor_median_us": floor}


def _normalise_value(module: str, row: dict[str, Any]) -> dict[str, Any]:
    missing = [key for key in ("name", "unit", "goal") if key not in row]
    if missing:
        raise ValueError(f"{module}: a row lacks {', '.join(missing)}: {row}")
    return {"module": module, "floor_name": "", "floor_value": None, "ratio": None, **row}


def _measured(row: dict[str, Any]) -> str:
    return f"{row['value']} {row['unit']}" if "value" in row else human(row["median_us"])


def _floor(row: dict[str, Any]) -> str:
    if "value" in row:
        floor = row.get("floor_value")
        return "-" if floor is None else f"{floor} {row['unit']} ({row['floor_name']})"
    return f"{human(row['floor_median_us'])} ({row['floor_name']})"


def human(us: float) -> str:
    if us >= 1_000_000:
        return f"{us / 1_000_000:.2f} s"
    if us >= 1_000:
        return f"{us / 1_000:.1f} ms"
    return f"{us:.1f} us"


def table(rows: list[dict[str, Any]]) -> str:
    header = ("name", "median", "floor", "ratio", "goal")
    cells = [
        (
            str(r["name"]),
            _measured(r),
            _floor(r),
            "-" if r["ratio"] is None else f"{float(r['ratio']):.2f}x",
            str(r["goal"]),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in cells]
    return "\n".join(line.rstrip() for line in lines)


def machine() -> dict[str, Any]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit or None,
    }


def main(argv: list[str]) -> int:
    modules = select(argv)
    if not modules:
        print("no benchmarks found (benchmarks/bench_*.py)")
        return 1
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    for module in modules:
        print(f"running {module} ...", flush=True)
        started = time.monotonic()
        try:
            produced = importlib.import_module(f"benchmarks.{module}").run()
            rows += [normalise(module, row) for row in produced]
        except Exception as problem:
            traceback.print_exc()
            errors.append({"module": module, "error": f"{type(problem).__name__}: {problem}"})
        print(f"  {module}: {time.monotonic() - started:.1f} s", flush=True)
    if rows:
        print()
        print(table(rows))
    for error in errors:
        print(f"FAILED {error['module']}: {error['error']}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"machine": machine(), "results": rows, "errors": errors}, indent=2, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    print(f"\nwrote {RESULTS.relative_to(ROOT).as_posix()}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
