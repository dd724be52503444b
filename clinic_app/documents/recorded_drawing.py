"""A vector drawing turned into PDF operators once, then replayed onto each document's canvas.

ReportLab's renderer walks a drawing's shapes and works out their graphics state every time the
drawing is painted, which was a fifth of the time a handout takes. The operators it writes for a
plain line drawing (paths, colours, line styles, transforms) are the same in every document, so
they are recorded once per process and written straight into the page.

Only what names a document resource needs the canvas itself: transparency is a graphics-state
entry that each document numbers in its own order, so it is replayed through the canvas's own
calls, and so are the save/restore pairs around it, which keep the canvas's record of the current
transparency true. A drawing that uses anything else (text, images, patterns) is not recorded and
is painted by the renderer as before.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas

_GRAPHICS_STATE = re.compile(r"^/(\S+) gs$")
_ALPHA_SETTERS = {"ca": "setFillAlpha", "CA": "setStrokeAlpha"}


@dataclass(frozen=True, slots=True)
class _Alpha:
    setter: str  # the canvas method: setFillAlpha or setStrokeAlpha
    value: float


Step = str | _Alpha  # literal operators, "q", "Q", or a transparency change


def alpha_step(setter: str, value: float) -> Step:
    """A transparency change, as a recording read back from a file gives it."""
    if setter not in _ALPHA_SETTERS.values():
        raise ValueError(f"not a transparency setter: {setter!r}")
    return _Alpha(setter, value)


@dataclass(frozen=True, slots=True)
class RecordedDrawing:
    """The operators renderPDF.draw(drawing, canvas, 0, 0) writes, ready to write again."""

    steps: tuple[Step, ...]

    def replay(self, canvas: Any) -> None:
        """Paint the drawing at the canvas's origin, as the renderer would, byte for byte."""
        for step in self.steps:
            if step == "q":
                canvas.saveState()
            elif step == "Q":
                canvas.restoreState()
            elif isinstance(step, _Alpha):
                setter: Callable[[float], None] = getattr(canvas, step.setter)
                setter(step.value)
            else:
                canvas.addLiteral(step)


def record(drawing: Drawing) -> RecordedDrawing | None:
    """The drawing's operators, or None when it uses a document resource besides transparency."""
    canvas = Canvas(io.BytesIO())
    start = len(canvas._code)
    renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
    names = {name: entry for entry, name in canvas._extgstate._c.items()}
    steps: list[Step] = []
    for code in canvas._code[start:]:
        step = _step(code, names)
        if step is None:
            return None
        steps.append(step)
    if steps.count("q") != steps.count("Q"):
        return None  # the canvas's saved states would not match the page's
    return RecordedDrawing(tuple(_fold(steps)))


def _fold(steps: list[Step]) -> list[Step]:
    """Turn each saved-state block that changes no transparency into one literal.

    Only transparency lives in the canvas's saved state as far as replaying is concerned, so a
    block without it can be written as text, which saves two canvas calls per block; the
    literal starts "q\n", never equal to the bare "q" that replay() turns into saveState().
    """
    out: list[Step] = []
    blocks: list[list[Any]] = []  # [index of the block's "q" in out, whether it sets transparency]
    for step in steps:
        if step == "q":
            blocks.append([len(out), False])
        elif step == "Q":
            start, alpha = blocks.pop()
            if not alpha:
                out[start:] = ["\n".join([*out[start:], "Q"])]  # type: ignore[list-item]
                continue
            if blocks:
                blocks[-1][1] = True
        elif isinstance(step, _Alpha) and blocks:
            blocks[-1][1] = True
        out.append(step)
    return _joined(out)


def _joined(steps: list[Step]) -> list[Step]:
    """Adjacent literals written as one, as the canvas would write them anyway."""
    joined: list[Step] = []
    for step in steps:
        if _is_literal(step) and joined and _is_literal(joined[-1]):
            joined[-1] = f"{joined[-1]}\n{step}"
        else:
            joined.append(step)
    return joined


def _is_literal(step: Step) -> bool:
    return isinstance(step, str) and step not in ("q", "Q")


def _step(code: str, names: dict[str, tuple[str, Any]]) -> Step | None:
    """One written operator as a replay step; None if it refers to something a document owns."""
    state = _GRAPHICS_STATE.match(code)
    if state is not None:
        key, value = names.get(state.group(1), ("", 1.0))
        setter = _ALPHA_SETTERS.get(key)
        return _Alpha(setter, float(value)) if setter else None
    # Fonts, images, patterns and shadings are all named resources ("/F1 Tf", "/Im0 Do").
    if "/" in code or code.startswith("BT"):
        return None
    return code
