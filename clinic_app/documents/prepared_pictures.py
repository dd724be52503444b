"""Exercise pictures ready to paint, without parsing their SVG in the process that prints.

Parsing the SVG files (and importing svglib, with its XML and CSS parsers) was about a tenth of a
cold `clinic handout` process. Each picture's PDF operators, and its mirrored twin's, are recorded
once when the pictures change and shipped beside the SVG files (resources/illustrations/
prepared.json, written by `python -m clinic_app.documents.prepared_pictures`). A shipped recording
is used only for the SVG bytes it was made from (their SHA-256) and the ReportLab that made it;
otherwise the SVG is parsed and recorded as before, so a changed picture never prints stale.
tests/clinic_app/documents/test_prepared_pictures.py fails when the file is out of date.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import reportlab

from clinic_app.catalogue import resource_dir
from clinic_app.documents.recorded_drawing import RecordedDrawing, Step, alpha_step
from clinic_app.exercises import load_library

PREPARED_FILE = "prepared.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class Prepared:
    """One picture's recorded operators as drawn (right side) and mirrored (left side)."""

    width: float
    height: float
    right: RecordedDrawing
    left: RecordedDrawing


def shipped(file_name: str, svg: bytes) -> Prepared | None:
    """The shipped recording of this SVG file, if it was made from these bytes by this ReportLab."""
    entry = _shipped_file().get(file_name)
    if entry is None or entry["sha256"] != hashlib.sha256(svg).hexdigest():
        return None
    return Prepared(
        width=entry["width"],
        height=entry["height"],
        right=RecordedDrawing(tuple(_step(s) for s in entry["right"])),
        left=RecordedDrawing(tuple(_step(s) for s in entry["left"])),
    )


@functools.cache
def _shipped_file() -> dict[str, Any]:
    path = resource_dir("illustrations") / PREPARED_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_bytes())
    if data.get("format") != FORMAT or data.get("reportlab") != reportlab.Version:
        return {}
    pictures: dict[str, Any] = data["pictures"]
    return pictures


def _step(data: str | list[Any]) -> Step:
    return data if isinstance(data, str) else alpha_step(data[0], float(data[1]))


def _data(step: Step) -> str | list[Any]:
    return step if isinstance(step, str) else [step.setter, step.value]


def prepared_file_data() -> dict[str, Any]:
    """What prepared.json holds, recorded afresh from every exercise's SVG file."""
    from clinic_app.documents.illustrations import illustration, recording
    from clinic_app.domain import Side

    pictures: dict[str, Any] = {}
    for exercise in sorted(load_library().exercises.values(), key=lambda e: e.illustration):
        right, left = illustration(exercise), illustration(exercise, Side.LEFT)
        recorded_right, recorded_left = recording(right), recording(left)
        if recorded_right is None or recorded_left is None:
            continue  # painted by the renderer each time
        pictures[exercise.illustration] = {
            "sha256": hashlib.sha256(exercise.illustration_file().read_bytes()).hexdigest(),
            "width": float(right.width),
            "height": float(right.height),
            "right": [_data(step) for step in recorded_right.steps],
            "left": [_data(step) for step in recorded_left.steps],
        }
    return {"format": FORMAT, "reportlab": reportlab.Version, "pictures": pictures}


def prepared_file_text() -> str:
    return json.dumps(prepared_file_data(), indent=0, sort_keys=True) + "\n"


if __name__ == "__main__":  # pragma: no cover - the maintainers' tool, checked by its test
    from pathlib import Path

    target = Path(str(resource_dir("illustrations") / PREPARED_FILE))  # a folder in a source checkout
    target.write_text(prepared_file_text(), encoding="utf-8")
    print(f"wrote {target}")
