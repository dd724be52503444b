"""A whole `clinic handout` process, cold: what a script printing one handout waits for.

The command reads a visit document and the clinic profile from files (`--clinic`, so no database
is opened), validates, triages, lays out and writes the PDF. The floor, timed alternately in the
same run: a fresh interpreter that imports ReportLab, registers the same embedded font and writes
three pages of paragraphs, the least any ReportLab program printing a handout could cost.

Both run as an installed program does, from compiled bytecode: with PYTHONDONTWRITEBYTECODE set (as
it is in some shells and CI images) every run of ours compiled the application's modules afresh
while ReportLab's came compiled from its install, which is no cold start a user ever has. So both
run with their bytecode kept in one throwaway folder (PYTHONPYCACHEPREFIX), filled by the warm-up
runs, and neither writes into the source tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.timing import measure_alternating, result

RUNS = 12
WARMUP = 2
BIN = Path(sys.executable).parent
CLINIC = BIN / ("clinic.exe" if os.name == "nt" else "clinic")
ROOT = Path(__file__).resolve().parents[1]
VISIT = ROOT / "tests" / "data" / "examples" / "knee-left-tight-calf.visit.json"
FONT = ROOT / "resources" / "fonts" / "DejaVuSans.ttf"
PROFILE = {"name": "Preferred Physical Therapy", "phone": "623-486-3333", "emergency_number": "911"}

# The floor: ReportLab imported, the embedded font registered, three pages written.
FLOOR = """
import sys
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
pdfmetrics.registerFont(TTFont("DejaVu", sys.argv[1]))
style = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=15)
text = "Stand facing a wall and put both hands on it at chest height. " * 12
story = []
for page in range(3):
    story += [Paragraph(text, style) for _ in range(6)] + [PageBreak()]
SimpleDocTemplate(sys.argv[2], pagesize=letter).build(story)
"""


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")


def run() -> list[dict[str, Any]]:
    if not CLINIC.exists():
        raise RuntimeError(f"{CLINIC} not found: run through `python3 dev.py bench`")
    with tempfile.TemporaryDirectory(prefix="clinic-bench-") as folder:
        env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        profile = Path(folder) / "clinic.json"
        profile.write_text(json.dumps(PROFILE), encoding="utf-8")
        handout = [
            str(CLINIC),
            "handout",
            str(VISIT),
            "-o",
            str(Path(folder) / "h.pdf"),
            "--clinic",
            str(profile),
        ]
        floor = [sys.executable, "-c", FLOOR, str(FONT), str(Path(folder) / "f.pdf")]
        ours, bare = measure_alternating(
            lambda: _run(handout, env), lambda: _run(floor, env), runs=RUNS, warmup=WARMUP
        )
    return [
        result(
            "clinic handout, whole cold process (--clinic)",
            ours,
            "cold ReportLab: import, embedded TTF, 3 pages",
            bare,
            goal="<= 3x floor",
        )
    ]
