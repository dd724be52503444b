"""Triage speed: one visit in process (validation included), and a batch re-triage of 10,000 visits.

Floors, measured in the same run: parsing and re-dumping the same JSON with the standard
library, which is the least any re-triage of a JSON Lines file has to do.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.timing import measure, measure_alternating, result
from clinic_app.catalogue import load_catalogue
from clinic_app.cli.triage import run_batch
from clinic_app.triage import triage
from clinic_app.visitdoc import parse_visit_document

BATCH_SIZE = 10_000
SAMPLE_SIZE = 200


def random_visit(rng: random.Random, number: int) -> dict[str, Any]:
    """A plausible visit document: some complaints, sometimes red flags, any subset of screens."""
    sides = ["left", "right"]
    screens: dict[str, Any] = {}
    if rng.random() < 0.7:
        screens["shoulder_height"] = {"result": rng.choice(["level", "left_higher", "right_higher"])}
    if rng.random() < 0.7:
        screens["head_posture"] = {"craniovertebral_angle_deg": round(rng.uniform(38, 58), 1)}
    if rng.random() < 0.7:
        screens["hip_mobility"] = {
            side: {
                "knee_bent_when_raised": rng.random() < 0.4,
                "foot_turned_out_when_resting": rng.random() < 0.3,
                "resting_leg_lifted": rng.random() < 0.2,
                "raised_angle_deg": rng.randint(50, 90),
            }
            for side in sides
        }
    if rng.random() < 0.7:
        screens["ankle_mobility"] = {
            side: {
                "knee_touches_wall": rng.random() < 0.6,
                "heel_lifted": rng.random() < 0.3,
                "toe_to_wall_cm": round(rng.uniform(4, 14), 1),
            }
            for side in sides
        }
    if rng.random() < 0.7:
        screens["pelvic_height"] = {"result": rng.choice(["level", "level", "left_higher", "right_higher"])}
    regions = [
        ("knee", "left"),
        ("knee", "right"),
        ("neck", "central"),
        ("head", "central"),
        ("low_back", "central"),
        ("shoulder", "left"),
        ("hip", "right"),
        ("ankle_foot", "left"),
        ("upper_back", "central"),
    ]
    complaints = [
        {"region": region, "side": side, "pain": rng.randint(1, 9), "note": "worse on stairs"}
        for region, side in rng.sample(regions, rng.randint(1, 3))
    ]
    flags = list(load_catalogue().red_flags)
    document: dict[str, Any] = {
        "schema": "clinic-app/visit/2",
        "patient": {
            "mrn": f"B-{number}",
            "given_name": "Zoë",
            "family_name": "Núñez",
            "birth_date": "1961-04-02",
        },
        "visit": {"date": "2026-11-25", "clinician": "Sam Lee, PT, DPT"},
        "complaints": complaints,
        "screenings": screens,
    }
    if rng.random() < 0.9:
        document["red_flags"] = [rng.choice(flags)] if rng.random() < 0.05 else []
    return document


def visit_lines(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [json.dumps(random_visit(rng, n), ensure_ascii=False) for n in range(count)]


def _copy_lines(source: Path, target: Path) -> None:
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")))
            out.write("\n")


def run() -> list[dict[str, Any]]:
    sample = visit_lines(SAMPLE_SIZE)
    single = measure(lambda: [triage(parse_visit_document(text)) for text in sample], runs=30, warmup=3)
    single_floor = measure(lambda: [json.dumps(json.loads(text)) for text in sample], runs=30, warmup=3)
    rows = [
        result(
            "triage one visit incl. validation (per visit)",
            _per_item(single, SAMPLE_SIZE),
            "json loads+dumps of the visit",
            _per_item(single_floor, SAMPLE_SIZE),
            goal="<= 100 us per visit",
        )
    ]
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "visits.jsonl", Path(folder) / "out.jsonl"
        source.write_text("\n".join(visit_lines(BATCH_SIZE)) + "\n", encoding="utf-8")
        batch, floor = measure_alternating(
            lambda: run_batch(str(source), str(out)), lambda: _copy_lines(source, out), runs=9
        )
    rows.append(
        result(f"batch re-triage, {BATCH_SIZE:,} visits", batch, "JSON Lines load+dump", floor, goal="<= 3x")
    )
    return rows


def _per_item(timing: Any, count: int) -> Any:
    from benchmarks.timing import Timing

    return Timing(tuple(sample // count for sample in timing.samples_ns))
